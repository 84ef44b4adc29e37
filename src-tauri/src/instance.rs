//! One instance: a second launch of the app (for example "Open with" while it runs) hands its file to the
//! running window and exits, through `tauri-plugin-single-instance`. The window comes forward and opens the file
//! as if it had been chosen in the Open dialog ([`protocol::ipc::FILE_HANDED_OVER`]). Desktop only.
//!
//! On Linux the plugin finds the running app by a name on the D-Bus session bus. Without a session bus (a bare
//! X session, a container, ssh) it is not registered and every launch opens its own window, as before; with an
//! address that leads nowhere the plugin itself gives up and the app starts normally.
//!
//! The name is the app's identifier plus a hash of its data folder: the instance is the one that owns that
//! history, so an app started with another `XDG_DATA_HOME` (the end-to-end tests give each test its own) is a
//! different instance, and two test runs sharing a bus never hand files to each other's windows.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use protocol::{ipc, HandedFile};
use tauri::{AppHandle, Builder, Emitter, Manager, Runtime};

use crate::state::file_argument;
use crate::LaunchFile;

/// How this launch finds other instances, in words for the log (written once logging has started).
pub struct InstanceNote(pub String);

/// Registers the single-instance plugin where it can work. Register it before every other plugin: a second
/// launch must hand over its file and exit before the rest of the app starts.
pub fn register<R: Runtime>(builder: Builder<R>, identifier: &str) -> Builder<R> {
    let plugin = tauri_plugin_single_instance::Builder::new().callback(hand_over);
    #[cfg(target_os = "linux")]
    let (plugin, note) = match no_session_bus() {
        Some(missing) => {
            let note = format!("one instance: {missing}, so a second launch opens a second window instead of handing over its file");
            return builder.manage(InstanceNote(note));
        }
        None => {
            let id = instance_id(identifier, &data_home().unwrap_or_default());
            // The plugin says (through `tracing`, not this log) when the bus cannot be reached after all.
            let note = format!(
                "one instance: a second launch hands its file to this window through the D-Bus session bus \
                 (name {id}.SingleInstance), where that bus can be reached"
            );
            (plugin.dbus_id(id), note)
        }
    };
    #[cfg(not(target_os = "linux"))]
    let note = {
        let _ = identifier;
        "one instance: a second launch hands its file to this window".to_string()
    };
    builder.manage(InstanceNote(note)).plugin(plugin.build())
}

/// Set for a launch that is itself the second try of one the running window did not answer, so it tries once.
const SECOND_TRY: &str = "DIGIT_RECOGNIZER_SECOND_TRY";
/// How long such a launch waits for a window that is quitting to let go of its name.
const QUITTING_GRACE: Duration = Duration::from_millis(1500);

/// What a launch does when the app could not be built.
#[derive(Debug, PartialEq, Eq)]
pub enum AfterFailedStart {
    /// The running window did not take this launch's file: it is most likely quitting. Start again, once.
    TryAgain,
    /// Say this and exit.
    GiveUp(String),
}

/// What to do about `error` from building the app; `second_try`: this launch already is the second try.
pub fn after_failed_start(error: &tauri::Error, second_try: bool) -> AfterFailedStart {
    match error {
        tauri::Error::PluginInitialization(plugin, _) if plugin == "single-instance" && !second_try => AfterFailedStart::TryAgain,
        tauri::Error::PluginInitialization(plugin, detail) if plugin == "single-instance" => AfterFailedStart::GiveUp(format!(
            "Digit Recognizer is already running but its window does not answer: close it (or end it in the system \
             monitor) and start Digit Recognizer again. ({detail})"
        )),
        other => AfterFailedStart::GiveUp(format!("Digit Recognizer could not start: {other}")),
    }
}

/// Acts on [`after_failed_start`]: a launch that the running window did not answer (it was quitting as the launch
/// began) waits a moment and starts again with the same arguments; anything else is said in words, and the process
/// exits with an error status rather than a panic.
pub fn failed_to_start(error: tauri::Error) -> ! {
    let message = match after_failed_start(&error, std::env::var_os(SECOND_TRY).is_some()) {
        AfterFailedStart::TryAgain => {
            std::thread::sleep(QUITTING_GRACE);
            match start_again() {
                Ok(code) => std::process::exit(code),
                Err(error) => format!("Digit Recognizer could not start again after the running window did not answer: {error}"),
            }
        }
        AfterFailedStart::GiveUp(message) => message,
    };
    eprintln!("{message}");
    std::process::exit(1)
}

/// Runs this program again with the same arguments, marked as the second try.
fn start_again() -> std::io::Result<i32> {
    let mut command = Command::new(std::env::current_exe()?);
    command.args(std::env::args_os().skip(1)).env(SECOND_TRY, "1");
    run_in_place(command)
}

/// Replaces this process with `command`; returns only when that fails.
#[cfg(unix)]
fn run_in_place(mut command: Command) -> std::io::Result<i32> {
    use std::os::unix::process::CommandExt;
    Err(command.exec())
}

/// Runs `command` as a child and gives its exit status, which becomes this process's.
#[cfg(not(unix))]
fn run_in_place(mut command: Command) -> std::io::Result<i32> {
    Ok(command.status()?.code().unwrap_or(1))
}

/// What the running app does when a second copy starts with `argv` in the folder `cwd`: brings its window
/// forward, and opens the file named, if any.
pub fn hand_over<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        // Each of these may be refused (a window manager that keeps the focus); the file is opened all the same.
        for (what, done) in [("unminimise", window.unminimize()), ("show", window.show()), ("focus", window.set_focus())] {
            if let Err(error) = done {
                log::warn!("a second launch could not {what} the window: {error}");
            }
        }
    }
    let Some(path) = handed_path(argv, Path::new(&cwd)) else {
        log::info!("a second launch without a file brought the window forward");
        return;
    };
    log::info!("a second launch handed over {}", path.display());
    app.state::<LaunchFile>().hand_over(path, |path| {
        if let Err(error) = app.emit(ipc::FILE_HANDED_OVER, HandedFile { path }) {
            log::error!("the handed-over file could not be sent to the window: {error}");
        }
    });
}

/// The file a second launch names, made absolute against that launch's own working folder.
pub fn handed_path(argv: Vec<String>, cwd: &Path) -> Option<PathBuf> {
    let path = file_argument(argv)?;
    Some(if path.is_absolute() { path } else { cwd.join(path) })
}

/// The D-Bus name's base: `identifier` and a hash of the data folder (FNV-1a: stable across builds, unlike
/// `std`'s hasher, so two builds of the app agree).
pub fn instance_id(identifier: &str, data_home: &Path) -> String {
    let hash = data_home
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3));
    format!("{identifier}.data_{hash:016x}")
}

/// The folder the app's data folder is in, as Tauri finds it on Linux: `$XDG_DATA_HOME` when it is an absolute
/// path, else `~/.local/share`.
#[cfg(target_os = "linux")]
fn data_home() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
}

/// Why there is no session bus to ask, or `None` when there seems to be one: `DBUS_SESSION_BUS_ADDRESS` is set,
/// or systemd's per-user bus is at `$XDG_RUNTIME_DIR/bus` (where the plugin's D-Bus library looks without it).
#[cfg(target_os = "linux")]
fn no_session_bus() -> Option<String> {
    no_session_bus_in(std::env::var_os("DBUS_SESSION_BUS_ADDRESS"), std::env::var_os("XDG_RUNTIME_DIR"))
}

#[cfg(target_os = "linux")]
pub(crate) fn no_session_bus_in(address: Option<std::ffi::OsString>, runtime_dir: Option<std::ffi::OsString>) -> Option<String> {
    if address.is_some_and(|a| !a.is_empty()) {
        return None;
    }
    match runtime_dir.map(|dir| PathBuf::from(dir).join("bus")) {
        Some(bus) if bus.exists() => None,
        Some(bus) => Some(format!("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set and {} does not exist)", bus.display())),
        None => Some("no D-Bus session bus (neither DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR is set)".into()),
    }
}
