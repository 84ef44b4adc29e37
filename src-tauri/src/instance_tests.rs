//! One instance: what the running app does with a second launch's command line, through the mock runtime.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use protocol::{ipc, HandedFile};
use tauri::ipc::InvokeBody;
use tauri::{Listener, Manager};

use crate::instance::{after_failed_start, hand_over, handed_path, instance_id, AfterFailedStart};
use crate::tests::{committed_model, invoke, temp_folder, window_with};
use crate::{HistoryAt, LaunchFile};

fn argv(args: &[&str]) -> Vec<String> {
    std::iter::once("digit-recognizer").chain(args.iter().copied()).map(String::from).collect()
}

#[test]
fn a_launch_the_running_window_did_not_answer_tries_again_once_then_says_why() {
    let unanswered = tauri::Error::PluginInitialization(
        "single-instance".into(),
        "failed to forward arguments to the running instance: org.freedesktop.DBus.Error.NoReply".into(),
    );
    assert_eq!(after_failed_start(&unanswered, false), AfterFailedStart::TryAgain, "the window was most likely quitting");
    let AfterFailedStart::GiveUp(message) = after_failed_start(&unanswered, true) else { panic!("a second try tried again") };
    assert!(message.contains("already running") && message.contains("NoReply"), "{message}");
    let other = tauri::Error::PluginInitialization("dialog".into(), "no portal".into());
    let AfterFailedStart::GiveUp(message) = after_failed_start(&other, false) else { panic!("another plugin's failure is not retried") };
    assert!(message.starts_with("Digit Recognizer could not start") && message.contains("no portal"), "{message}");
}

#[test]
fn a_second_launchs_file_is_resolved_against_its_own_working_folder() {
    let cwd = Path::new("/home/someone/Pictures");
    assert_eq!(handed_path(argv(&["scan.png"]), cwd), Some(cwd.join("scan.png")));
    assert_eq!(handed_path(argv(&["--verbose", "../a b/7.png"]), cwd), Some(cwd.join("../a b/7.png")));
    assert_eq!(handed_path(argv(&["/tmp/number.png", "other.png"]), cwd), Some(PathBuf::from("/tmp/number.png")));
    assert_eq!(handed_path(argv(&["--flag"]), cwd), None, "options are not files");
    assert_eq!(handed_path(argv(&[]), cwd), None);
}

#[test]
fn a_file_handed_over_before_the_ui_asks_becomes_the_launch_file() {
    let window = window_with(committed_model(), LaunchFile::default(), HistoryAt::Folder(temp_folder()));
    let sent = listen(&window);
    hand_over(window.app_handle(), argv(&["first.png"]), "/tmp".into());
    hand_over(window.app_handle(), argv(&["second.png"]), "/tmp".into());
    let launch: Option<PathBuf> = invoke(&window, ipc::LAUNCH_IMAGE, InvokeBody::default(), None).unwrap().deserialize().unwrap();
    assert_eq!(launch, Some(PathBuf::from("/tmp/second.png")), "the newest wins, as a later Open would");
    assert!(sent.recv_timeout(Duration::from_millis(300)).is_err(), "nothing is sent before the UI listens");
}

#[test]
fn a_file_handed_over_once_the_ui_has_asked_is_sent_to_it_as_an_event() {
    let args = ["digit-recognizer", "/tmp/at-start.png"].map(std::ffi::OsString::from);
    let window = window_with(committed_model(), LaunchFile::from_args(args), HistoryAt::Folder(temp_folder()));
    let sent = listen(&window);
    let launch: Option<PathBuf> = invoke(&window, ipc::LAUNCH_IMAGE, InvokeBody::default(), None).unwrap().deserialize().unwrap();
    assert_eq!(launch, Some(PathBuf::from("/tmp/at-start.png")));

    hand_over(window.app_handle(), argv(&["7.png"]), "/home/someone".into());
    let payload: HandedFile = serde_json::from_str(&sent.recv_timeout(Duration::from_secs(5)).unwrap()).unwrap();
    assert_eq!(payload, HandedFile { path: PathBuf::from("/home/someone/7.png") });
    let launch: Option<PathBuf> = invoke(&window, ipc::LAUNCH_IMAGE, InvokeBody::default(), None).unwrap().deserialize().unwrap();
    assert_eq!(launch, None, "a file sent is not also kept");

    // Without a file the window only comes forward: nothing is sent.
    hand_over(window.app_handle(), argv(&[]), "/home/someone".into());
    assert!(sent.recv_timeout(Duration::from_millis(300)).is_err());
}

/// The payloads of [`ipc::FILE_HANDED_OVER`] events, as JSON.
fn listen(window: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> mpsc::Receiver<String> {
    let (send, sent) = mpsc::channel();
    window.app_handle().listen(ipc::FILE_HANDED_OVER, move |event| {
        send.send(event.payload().to_string()).ok();
    });
    sent
}

#[test]
fn each_data_folder_is_its_own_instance_under_a_valid_dbus_name() {
    let home = instance_id("app.digitrecognizer.desktop", Path::new("/home/someone/.local/share"));
    assert_eq!(home, instance_id("app.digitrecognizer.desktop", Path::new("/home/someone/.local/share")), "stable");
    assert_ne!(home, instance_id("app.digitrecognizer.desktop", Path::new("/tmp/e2e-data")));
    // A D-Bus name: elements of letters, digits, '_' and '-', none starting with a digit, at most 255 bytes.
    let name = format!("{home}.SingleInstance");
    assert!(name.len() <= 255);
    for element in name.split('.') {
        assert!(!element.is_empty() && !element.starts_with(|c: char| c.is_ascii_digit()), "{name}");
        assert!(element.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'), "{name}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn without_a_session_bus_the_plugin_is_left_out_and_the_log_says_why() {
    use crate::instance::no_session_bus_in;
    let runtime = temp_folder();
    assert_eq!(no_session_bus_in(Some("unix:path=/run/user/1000/bus".into()), None), None);
    let missing = no_session_bus_in(None, Some(runtime.clone().into_os_string())).unwrap();
    assert!(missing.contains("no D-Bus session bus") && missing.contains(&runtime.join("bus").display().to_string()), "{missing}");
    assert!(no_session_bus_in(Some("".into()), None).unwrap().contains("neither DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR"));
    std::fs::write(runtime.join("bus"), "").unwrap();
    assert_eq!(no_session_bus_in(None, Some(runtime.into_os_string())), None, "systemd's per-user bus");
}
