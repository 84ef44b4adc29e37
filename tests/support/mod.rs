//! Harness for the end-to-end tests: starts `tauri-driver` (which starts WebKitWebDriver and the real app
//! binary), opens a W3C WebDriver session with fantoccini, and offers drawing and screenshot helpers.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

pub mod history;

/// The notices, word for word as a user sees them.
pub mod notices {
    pub const NOTHING_TO_READ: &str = "Please draw a digit or open an image first";
    pub const ALREADY_SHOWN: &str = "A prediction is already shown — clear the canvas to predict again";
    pub const ALREADY_CLEAR: &str = "The canvas is already clear";
    pub const NOTHING_TO_UNDO: &str = "There is nothing to undo";
}

/// Serialises the tests: each one owns a whole app window.
pub static WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

static NEXT_PORT: AtomicU16 = AtomicU16::new(4444);

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The built app: `DIGITS_APP`, else the workspace's build in the profile these tests were built in.
pub fn app_binary() -> PathBuf {
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    std::env::var_os("DIGITS_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target").join(profile).join("digit-recognizer"))
}

pub fn screenshot_dir() -> PathBuf {
    let dir = workspace_root().join("target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // End WebKitWebDriver and the app too, or they outlive a failed test and hold its output pipes open.
        let children = descendants(self.0.id());
        self.0.kill().ok();
        self.0.wait().ok();
        for &pid in &children {
            // SAFETY: plain kill(2) on a positive pid that was this driver's descendant.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
        }
        // Wait until they are gone, so the next test's app finds neither this one's D-Bus name (it would hand its
        // file to a dying window) nor its window still writing its saved place.
        let started = Instant::now();
        while children.iter().any(|&pid| alive(pid)) && started.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Whether `pid` still runs (a zombie, dead but not yet reaped, does not).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| stat.rsplit_once(')').is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z')))
}

/// A folder of one app's own, deleted with it.
struct OwnFolder(PathBuf);

impl OwnFolder {
    fn new(kind: &str, port: u16) -> OwnFolder {
        let dir = std::env::temp_dir().join(format!("digits-e2e-{kind}-{}-{port}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap();
        OwnFolder(dir)
    }
}

impl Drop for OwnFolder {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// Every process below `root`, from /proc's parent links.
fn descendants(root: u32) -> Vec<u32> {
    let links: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // "pid (name) state ppid ...": the name may hold spaces, so split after the last ')'.
            let parent: u32 = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, parent))
        })
        .collect();
    let mut found = vec![root];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next];
        found.extend(links.iter().filter(|(_, p)| *p == parent).map(|(pid, _)| *pid));
        next += 1;
    }
    found.retain(|&pid| pid != root && pid > 1);
    found
}

/// The full path of a program on PATH (or in ~/.cargo/bin), so it still starts with a cleared environment.
fn which(program: &str) -> PathBuf {
    let home_bin = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin"));
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(home_bin)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
        .unwrap_or_else(|| PathBuf::from(program))
}

/// One running app window under WebDriver control.
pub struct App {
    pub client: Client,
    _driver: Driver,
    binary: PathBuf,
    /// Its own data and config folders (see [`App::start`]), dropped after the driver: the app has ended before
    /// they go.
    _folders: [Option<OwnFolder>; 2],
}

impl App {
    /// Launches the app with extra environment variables for its process.
    pub async fn launch_with_env(env: &[(&str, &str)]) -> App {
        App::start(&app_binary(), env, &[], false).await
    }

    /// Launches the app with command-line arguments (an image to open).
    pub async fn launch_with_args(args: &[&str]) -> App {
        App::start(&app_binary(), &[], args, false).await
    }

    /// Launches `binary` under tauri-driver with extra environment variables and arguments. `clean_env`:
    /// the driver and app see only the display, a home and a system PATH (plus the driver's own folder),
    /// nothing of the build (no ORT_DYLIB_PATH, no DIGITS_MODEL, no repository paths). The app gets empty data and
    /// config folders of its own unless `env` names `XDG_DATA_HOME` or `XDG_CONFIG_HOME`.
    pub async fn start(binary: &std::path::Path, env: &[(&str, &str)], args: &[&str], clean_env: bool) -> App {
        assert!(std::env::var_os("DISPLAY").is_some(), "no DISPLAY: run the end-to-end tests under xvfb-run");
        assert!(binary.is_file(), "{} is missing: build the app first (make test does)", binary.display());
        let port = NEXT_PORT.fetch_add(2, Ordering::SeqCst);
        let mut command = Command::new(which("tauri-driver"));
        if clean_env {
            command.env_clear().current_dir("/");
            for key in ["DISPLAY", "XAUTHORITY", "HOME", "XDG_RUNTIME_DIR"] {
                if let Some(value) = std::env::var_os(key) {
                    command.env(key, value);
                }
            }
            command.env("PATH", "/usr/local/bin:/usr/bin:/bin");
        }
        command
            .args(["--port", &port.to_string(), "--native-port", &(port + 1).to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (key, value) in env {
            command.env(key, value);
        }
        // Data and config folders of its own, unless the test names them: one test's history, theme or resized
        // window (its saved size) never becomes the next one's, the person's own are never touched, and as the
        // single-instance name follows the data folder, no app of these tests hands its file to another app (the
        // person's, or another test run's on the same D-Bus session bus).
        let mut own = |variable: &str, kind: &str| {
            let folder = (!env.iter().any(|(key, _)| *key == variable)).then(|| OwnFolder::new(kind, port));
            if let Some(folder) = &folder {
                command.env(variable, &folder.0);
            }
            folder
        };
        let folders = [own("XDG_DATA_HOME", "data"), own("XDG_CONFIG_HOME", "config")];
        let driver = Driver(command.spawn().expect("tauri-driver not found: run scripts/setup.sh"));
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "tauri-driver did not listen on {port}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let capabilities = json!({
            "browserName": "wry",
            "tauri:options": { "application": binary, "args": args },
        });
        let client = ClientBuilder::native()
            .capabilities(capabilities.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("WebDriver session");
        let app = App { client, _driver: driver, binary: binary.to_path_buf(), _folders: folders };
        app.wait_for("#drawing").await;
        app
    }

    pub async fn launch() -> App {
        App::launch_with_env(&[]).await
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// The visible text of `css`, once it has some: WebDriver reports "" while an element is still fading in.
    pub async fn text(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            let text = self.wait_for(css).await.text().await.unwrap_or_default();
            if !text.is_empty() || started.elapsed() > Duration::from_secs(10) {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css).await.click().await.unwrap();
    }

    /// How full the winning probability bar is drawn (0..1), once its width transition has settled.
    pub async fn winner_bar_fill(&self) -> f64 {
        tokio::time::sleep(Duration::from_millis(700)).await;
        let script = "const fill = document.querySelector('.bar.winner .bar-fill'); \
                      if (!fill) return -1; \
                      return fill.getBoundingClientRect().width / fill.parentElement.getBoundingClientRect().width;";
        self.client.execute(script, vec![]).await.unwrap().as_f64().unwrap()
    }

    /// The digit shown once the result is final (not a live update while drawing).
    pub async fn final_digit(&self) -> String {
        self.text(".answer:not(.updating) #result-digit").await
    }

    /// Waits until `css` is gone.
    pub async fn wait_gone(&self, css: &str) {
        let started = Instant::now();
        while self.exists(css).await {
            assert!(started.elapsed() < Duration::from_secs(10), "{css} is still shown");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presses and releases a special key (Enter, Escape, Delete).
    pub async fn press(&self, key: Key) {
        let value: char = key.into();
        let keys = KeyActions::new("keyboard".into()).then(KeyAction::Down { value }).then(KeyAction::Up { value });
        self.client.perform_actions(keys).await.expect("key actions");
    }

    /// Presses a letter with Control held (Ctrl+Z).
    pub async fn press_control_letter(&self, letter: char) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: Key::Control.into() })
            .then(KeyAction::Down { value: letter })
            .then(KeyAction::Up { value: letter })
            .then(KeyAction::Up { value: Key::Control.into() });
        self.client.perform_actions(keys).await.expect("key actions");
    }

    /// Runs a script and returns its value.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// The labels of the opened image's digit boxes that cannot be seen whole: a corner of the label is
    /// covered or clipped away, so the point there hits something else.
    pub async fn digit_labels_not_seen_whole(&self) -> Vec<String> {
        let hidden = self
            .eval(
                "return [...document.querySelectorAll('.digit-box-label')].filter(label => {
                   const r = label.getBoundingClientRect();
                   return [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2]]
                     .some(([x, y]) => !label.contains(document.elementFromPoint(x, y)));
                 }).map(label => label.textContent)",
            )
            .await;
        hidden.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
    }

    /// Resizes the window's viewport (WebKitWebDriver sets the outer size; close enough under Xvfb).
    pub async fn resize(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.ok();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Draws strokes on the canvas. Points are in canvas units: (0, 0) is the top left, (1, 1) the bottom
    /// right.
    pub async fn draw(&self, strokes: &[Vec<(f64, f64)>]) {
        let canvas = self.wait_for("#drawing").await;
        let side = self
            .client
            .execute("return document.getElementById('drawing').getBoundingClientRect().width", vec![])
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        for (i, stroke) in strokes.iter().enumerate() {
            let to = |(x, y): (f64, f64)| PointerAction::MoveToElement {
                element: canvas.clone(),
                duration: Some(Duration::from_millis(8)),
                // Offsets are from the element's centre, in whole CSS pixels.
                x: ((x - 0.5) * side).round(),
                y: ((y - 0.5) * side).round(),
            };
            let mut mouse = MouseActions::new(format!("pen{i}")).then(to(stroke[0])).then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            });
            for &point in &stroke[1..] {
                mouse = mouse.then(to(point));
            }
            mouse = mouse.then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
            self.client.perform_actions(mouse).await.expect("pointer actions");
        }
    }

    pub async fn screenshot(&self, name: &str) {
        // Let entrance animations settle so the picture shows what a person sees.
        tokio::time::sleep(Duration::from_millis(700)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
    }

    /// Stands in for the native Open dialog: its IPC command answers with `window.dialogAnswer`, which
    /// [`App::set_dialog_answer`] sets. Everything after it (open_image, decoding, reading, the view) is real.
    pub async fn stand_in_for_open_dialog(&self) {
        let mock = "const core = window.__TAURI__.core; window.dialogCalls = []; window.dialogAnswer = null; \
                    const invoke = (cmd, args, options) => { \
                        if (cmd === 'plugin:dialog|open') { window.dialogCalls.push(args); return Promise.resolve(window.dialogAnswer); } \
                        return core.invoke(cmd, args, options); }; \
                    window.__TAURI__.core = { ...core, invoke }; \
                    return window.__TAURI__.core.invoke === invoke;";
        assert_eq!(self.eval(mock).await, json!(true), "could not stand in for the dialog");
    }

    /// The path the stood-in Open dialog returns next.
    pub async fn set_dialog_answer(&self, path: &Path) {
        self.eval(&format!("window.dialogAnswer = {:?}; return true", path.to_str().unwrap())).await;
    }

    /// The app's own process (not tauri-driver, WebKitWebDriver or the web view's processes), once it runs.
    pub fn app_pid(&self) -> u32 {
        let wanted = self.binary.canonicalize().unwrap_or_else(|_| self.binary.clone());
        descendants(self._driver.0.id())
            .into_iter()
            .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == wanted))
            .unwrap_or_else(|| panic!("no process of {} under tauri-driver", wanted.display()))
    }

    pub async fn close(self) {
        self.client.close().await.ok();
    }
}

/// A figure from a process's `/proc/<pid>/status`, in bytes (`VmHWM` is the peak resident set size).
pub fn proc_status_bytes(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc/<pid>/status");
    let line = status.lines().find(|l| l.starts_with(&format!("{field}:"))).unwrap_or_else(|| panic!("no {field} in {status}"));
    let kib: u64 = line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{line}"));
    kib * 1024
}

/// Points along a polyline, so pointer moves look like a hand stroke.
pub fn polyline(corners: &[(f64, f64)], steps_per_segment: usize) -> Vec<(f64, f64)> {
    let mut points = vec![corners[0]];
    for pair in corners.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        for s in 1..=steps_per_segment {
            let t = s as f64 / steps_per_segment as f64;
            points.push((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t));
        }
    }
    points
}

/// A tap: one point.
pub fn dot() -> Vec<Vec<(f64, f64)>> {
    vec![vec![(0.5, 0.5)]]
}

/// Back and forth across the middle, rows closer than the brush is wide: a blot, not a digit.
pub fn scribble() -> Vec<Vec<(f64, f64)>> {
    let corners: Vec<(f64, f64)> = (0..14)
        .flat_map(|row| {
            let y = 0.3 + row as f64 * 0.03;
            if row % 2 == 0 { [(0.3, y), (0.7, y)] } else { [(0.7, y), (0.3, y)] }
        })
        .collect();
    vec![polyline(&corners, 4)]
}

/// Handwritten-looking strokes for a few digits, centred in the canvas.
pub fn digit_strokes(digit: u8) -> Vec<Vec<(f64, f64)>> {
    match digit {
        1 => vec![polyline(&[(0.46, 0.25), (0.52, 0.2), (0.52, 0.8)], 8)],
        7 => vec![polyline(&[(0.32, 0.24), (0.68, 0.24), (0.45, 0.8)], 8)],
        0 => {
            let ring = (0..=40)
                .map(|i| {
                    let a = i as f64 / 40.0 * std::f64::consts::TAU;
                    (0.5 + 0.17 * a.sin(), 0.5 - 0.28 * a.cos())
                })
                .collect();
            vec![ring]
        }
        _ => panic!("no strokes for {digit}"),
    }
}

/// The digits of `digit_strokes` side by side across the canvas, each narrowed to its share of the width.
pub fn number_strokes(digits: &[u8]) -> Vec<Vec<(f64, f64)>> {
    let narrow = (0.9 / digits.len() as f64 / 0.4).min(1.0);
    digits_across(digits, (narrow, 1.0), 0.0)
}

/// The digits of `digit_strokes` written along a slope: each at 0.55 of its size, their centres spread across
/// the canvas and each `rise` of the canvas higher than the one before (negative: lower).
pub fn sloping_number_strokes(digits: &[u8], rise: f64) -> Vec<Vec<(f64, f64)>> {
    digits_across(digits, (0.55, 0.55), rise)
}

/// The digits of `digit_strokes` with their centres spread evenly across the canvas, each one `rise` higher than
/// the one before about the canvas's middle, and scaled by `scale` (across, down) about its centre.
fn digits_across(digits: &[u8], scale: (f64, f64), rise: f64) -> Vec<Vec<(f64, f64)>> {
    let share = 0.9 / digits.len() as f64;
    let middle = (digits.len() - 1) as f64 / 2.0;
    digits
        .iter()
        .enumerate()
        .flat_map(|(i, &digit)| {
            let centre = (0.05 + share * (i as f64 + 0.5), 0.5 + rise * (middle - i as f64));
            digit_strokes(digit)
                .into_iter()
                .map(move |stroke| stroke.into_iter().map(|(x, y)| (centre.0 + (x - 0.5) * scale.0, centre.1 + (y - 0.5) * scale.1)).collect())
        })
        .collect()
}

pub use handwriting::sketch::EuropeanDigit;

/// Two 1s whose tops touch (`handwriting::sketch::touching_ones`) as pointer moves over the canvas.
pub fn touching_ones_strokes() -> Vec<Vec<(f64, f64)>> {
    pointer_strokes(&handwriting::sketch::touching_ones())
}

/// A European 1 or 7 (`handwriting::sketch`) as pointer moves over the canvas.
pub fn european_strokes(european: EuropeanDigit) -> Vec<Vec<(f64, f64)>> {
    pointer_strokes(&european.corners())
}

/// Strokes of `handwriting::sketch` (corners as fractions of the canvas) as pointer moves.
fn pointer_strokes(corners: &[Vec<(f32, f32)>]) -> Vec<Vec<(f64, f64)>> {
    corners.iter().map(|stroke| polyline(&stroke.iter().map(|&(x, y)| (x as f64, y as f64)).collect::<Vec<_>>(), 8)).collect()
}

/// A date written by hand on off-white paper: the digits of each part (1, 4, 7 and 0, upright, 140 px tall)
/// parted by slashes leaning 0.5 columns per row, as a person writes "7/4/10".
pub fn date_picture(parts: &[&[u8]]) -> image::RgbaImage {
    let (top, bottom, gap) = (22.0f32, 160.0f32, 20.0f32);
    let mut strokes: Vec<Vec<(f32, f32)>> = Vec::new();
    let mut x = 20.0f32;
    for (p, digits) in parts.iter().enumerate() {
        if p > 0 {
            strokes.push(vec![(x, bottom + 5.0), (x + 75.0, top - 7.0)]);
            x += 75.0 + gap + 10.0;
        }
        for &digit in *digits {
            let (shape, width): (Vec<Vec<(f32, f32)>>, f32) = match digit {
                1 => (vec![vec![(x + 12.0, top), (x + 12.0, bottom)]], 24.0),
                7 => (vec![vec![(x, top), (x + 70.0, top), (x + 30.0, bottom)]], 70.0),
                4 => (vec![vec![(x + 50.0, top), (x, 115.0), (x + 85.0, 115.0)], vec![(x + 57.0, top), (x + 57.0, bottom)]], 85.0),
                0 => {
                    let ring = (0..=32).map(|k| {
                        let t = k as f32 * std::f32::consts::TAU / 32.0;
                        (x + 30.0 + 30.0 * t.cos(), 90.0 + 68.0 * t.sin())
                    });
                    (vec![ring.collect()], 60.0)
                }
                _ => panic!("no strokes for {digit}"),
            };
            strokes.extend(shape);
            x += width + gap;
        }
        x += 10.0;
    }
    let (width, height) = (x as u32 + 10, 180);
    let drawn = handwriting::sketch::draw_strokes(width, height, &strokes, 9.0);
    image::RgbaImage::from_fn(width, height, |x, y| {
        let inked = drawn[((y * width + x) * 4) as usize] < 128;
        image::Rgba(if inked { [25, 25, 70, 255] } else { [248, 247, 240, 255] })
    })
}
