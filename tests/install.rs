//! The built .deb, installed on this machine: it starts with a clean environment (no ORT_DYLIB_PATH, nothing
//! from the repository), finds ONNX Runtime and the model inside its own package, reads an image given on
//! the command line, and uninstalls cleanly. Needs root and a built package: `scripts/test.sh` builds it
//! with `scripts/build-deb.sh` and runs this test with `DIGITS_DEB` set.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use e2e::{screenshot_dir, App, WINDOW};
use handwriting::synthetic::Generator;

const PACKAGE: &str = "digit-recognizer";
const INSTALLED_BINARY: &str = "/usr/bin/digit-recognizer";

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(output.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Uninstalls the package when the test ends, pass or fail.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        Command::new("dpkg").args(["-r", PACKAGE]).output().ok();
    }
}

#[tokio::test]
#[ignore = "installs a package system-wide: scripts/test.sh runs it after building the .deb"]
async fn the_installed_deb_reads_an_image_with_a_clean_environment() {
    let _window = WINDOW.lock().await;
    let deb = PathBuf::from(std::env::var_os("DIGITS_DEB").expect("set DIGITS_DEB to the .deb to test"));
    let deb_bytes = std::fs::metadata(&deb).unwrap().len();
    let installed_kib: u64 = run("dpkg-deb", &["-f", deb.to_str().unwrap(), "Installed-Size"]).trim().parse().unwrap();

    run("dpkg", &["-i", deb.to_str().unwrap()]);
    let _installed = Installed;
    let files = run("dpkg", &["-L", PACKAGE]);
    for wanted in [INSTALLED_BINARY, "libonnxruntime.so.1.32.0", "models/digits-cnn.onnx", ".desktop"] {
        assert!(files.contains(wanted), "the package has no {wanted}:\n{files}");
    }
    let desktop = files.lines().find(|f| f.ends_with(".desktop")).unwrap();
    let entry = std::fs::read_to_string(desktop).unwrap();
    assert!(entry.contains("MimeType=") && entry.contains("image/png") && entry.contains("image/jpeg"), "{entry}");
    assert!(entry.contains("Exec=digit-recognizer %f"), "{entry}");

    // A photo outside the repository, opened the way "Open with" does: as an argument.
    let mut generator = Generator::from_test_set(&handwriting::mnist::default_dir(), 5).unwrap();
    let sample = generator.photo(3);
    let photo = std::env::temp_dir().join("digit-recognizer-install-test.png");
    sample.image.save(&photo).unwrap();

    let started = Instant::now();
    let app = App::start(Path::new(INSTALLED_BINARY), &[], &[photo.to_str().unwrap()], true).await;
    let window_shown = started.elapsed();
    let number = app.text("#result-number").await;
    let read_after = started.elapsed();
    let info = app.eval("return await window.__TAURI__.core.invoke('model_status')").await;
    let first_paint_ms = app.eval("return await window.__TAURI__.core.invoke('window_painted')").await.as_f64().unwrap();
    app.screenshot("40-installed-app").await;
    app.close().await;

    assert_eq!(number, sample.number);
    let runtime = info["runtime"].as_str().unwrap_or_default();
    let model = info["model"].as_str().unwrap_or_default();
    assert!(runtime.starts_with("/usr/lib/") && runtime.ends_with("libonnxruntime.so.1.32.0"), "{info}");
    assert!(model.starts_with("/usr/lib/") && model.ends_with("digits-cnn.onnx"), "{info}");

    let report = format!(
        ".deb: {:.1} MB; installed size: {:.1} MB\n\
         cold start to the first painted window, measured by the app (process start → first frame): {:.0} ms\n\
         the same seen from WebDriver (session start → canvas on screen, includes starting WebKitWebDriver): {} ms\n\
         WebDriver session start → the number read from the image: {} ms\n",
        deb_bytes as f64 / 1e6,
        installed_kib as f64 * 1024.0 / 1e6,
        first_paint_ms,
        window_shown.as_millis(),
        read_after.as_millis()
    );
    print!("{report}");
    std::fs::write(screenshot_dir().join("install.txt"), report).unwrap();

    drop(_installed);
    assert!(!Path::new(INSTALLED_BINARY).exists(), "uninstalling left the binary behind");
}
