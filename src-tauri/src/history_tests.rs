//! The history through the app's commands, on the mock runtime: what is kept and when, the panel's commands,
//! the settings, and a damaged file.

use std::path::Path;

use protocol::ipc::{self, HEIGHT_HEADER, REVISION_HEADER, WIDTH_HEADER};
use protocol::{ErrorKind, HistorySettings, HistorySummary, NumberReading, OpenedImage};
use serde_json::json;
use tauri::ipc::InvokeBody;
use tauri::test::MockRuntime;
use tauri::WebviewWindow;

use crate::history::FILE_NAME;
use crate::tests::{committed_model, drawn_one, failure, invoke, invoke_with_headers, picture_of_seventeen, temp_file, temp_folder, window_with};
use crate::{HistoryAt, LaunchFile};

fn app(folder: &Path) -> WebviewWindow<MockRuntime> {
    window_with(committed_model(), LaunchFile::default(), HistoryAt::Folder(folder.to_path_buf()))
}

fn call<T: serde::de::DeserializeOwned>(window: &WebviewWindow<MockRuntime>, cmd: &str, args: serde_json::Value) -> T {
    let response = invoke(window, cmd, InvokeBody::Json(args), None).unwrap_or_else(|e| panic!("{cmd}: {e}"));
    response.deserialize().unwrap()
}

/// Reads the drawn 1, as a live reading (`revision: None`) or one the UI may keep.
fn predict(window: &WebviewWindow<MockRuntime>, revision: Option<&str>) -> NumberReading {
    let mut headers = vec![(WIDTH_HEADER, "200"), (HEIGHT_HEADER, "200")];
    headers.extend(revision.map(|r| (REVISION_HEADER, r)));
    invoke_with_headers(window, ipc::PREDICT, InvokeBody::Raw(drawn_one()), &headers).unwrap().deserialize().unwrap()
}

fn list(window: &WebviewWindow<MockRuntime>, search: Option<&str>) -> Vec<HistorySummary> {
    call(window, ipc::HISTORY_LIST, json!({ "search": search, "limit": 50 }))
}

fn open_seventeen(window: &WebviewWindow<MockRuntime>) -> OpenedImage {
    let path = temp_file("kept-seventeen.png");
    picture_of_seventeen().save(&path).unwrap();
    call(window, ipc::OPEN_IMAGE, json!({ "path": path }))
}

#[test]
fn a_finished_drawing_is_kept_once_and_a_live_reading_never() {
    let window = app(&temp_folder());
    predict(&window, None);
    assert_eq!(call::<Option<i64>>(&window, ipc::RECORD_DRAWING, json!({ "revision": 0 })), None, "a live reading is not kept");
    predict(&window, Some("7"));
    assert_eq!(call::<Option<i64>>(&window, ipc::RECORD_DRAWING, json!({ "revision": 6 })), None, "an older drawing");
    assert!(call::<Option<i64>>(&window, ipc::RECORD_DRAWING, json!({ "revision": 7 })).is_some());
    assert_eq!(call::<Option<i64>>(&window, ipc::RECORD_DRAWING, json!({ "revision": 7 })), None, "kept once");
    let entries = list(&window, None);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!((entries[0].file_name.as_deref(), entries[0].number.as_str()), (None, "1"));
    assert!(entries[0].thumbnail_data_url.starts_with("data:image/jpeg;base64,"));
}

#[test]
fn pictures_are_kept_newest_first_searched_reopened_deleted_and_cleared() {
    let window = app(&temp_folder());
    predict(&window, Some("1"));
    call::<Option<i64>>(&window, ipc::RECORD_DRAWING, json!({ "revision": 1 }));
    let opened = open_seventeen(&window);
    let entries = list(&window, None);
    let shown: Vec<_> = entries.iter().map(|e| (e.file_name.as_deref(), e.number.as_str())).collect();
    assert_eq!(shown, [(Some("kept-seventeen.png"), "17"), (None, "1")]);
    assert_eq!(list(&window, Some("17")).len(), 1);
    assert_eq!(list(&window, Some("4")).len(), 0);

    let again: OpenedImage = call(&window, ipc::HISTORY_OPEN, json!({ "id": entries[0].id }));
    assert_eq!(again.name, "kept-seventeen.png");
    assert!(again.preview.starts_with("data:image/png;base64,"));
    assert_eq!(again.reading, opened.reading, "the reading comes back whole, model inputs and boxes included");
    let drawing: OpenedImage = call(&window, ipc::HISTORY_OPEN, json!({ "id": entries[1].id }));
    assert_eq!((drawing.name.as_str(), drawing.reading.number.as_str()), ("Drawing", "1"));

    call::<()>(&window, ipc::HISTORY_DELETE, json!({ "id": entries[0].id }));
    assert_eq!(list(&window, None).len(), 1);
    let gone = failure(invoke(&window, ipc::HISTORY_OPEN, InvokeBody::Json(json!({ "id": entries[0].id })), None).unwrap_err());
    assert!(gone.kind == ErrorKind::Missing && gone.message == "That entry is no longer in the history.", "{gone:?}");
    call::<()>(&window, ipc::HISTORY_CLEAR, json!({}));
    assert!(list(&window, None).is_empty());
}

#[test]
fn switched_off_nothing_is_kept_and_the_settings_outlive_the_app() {
    let folder = temp_folder();
    let window = app(&folder);
    let defaults: HistorySettings = call(&window, ipc::HISTORY_SETTINGS, json!({}));
    assert_eq!(defaults, HistorySettings { enabled: true, max_entries: Some(1000) });
    let off = HistorySettings { enabled: false, max_entries: Some(100) };
    assert_eq!(call::<HistorySettings>(&window, ipc::SET_HISTORY_SETTINGS, json!({ "settings": off })), off);
    open_seventeen(&window);
    predict(&window, Some("3"));
    assert_eq!(call::<Option<i64>>(&window, ipc::RECORD_DRAWING, json!({ "revision": 3 })), None);
    assert!(list(&window, None).is_empty());
    drop(window);
    let again = app(&folder);
    assert_eq!(call::<HistorySettings>(&again, ipc::HISTORY_SETTINGS, json!({})), off);
}

#[test]
fn a_damaged_file_is_moved_aside_and_a_fresh_history_starts() {
    let folder = temp_folder();
    std::fs::write(folder.join(FILE_NAME), b"this is not a database, it was damaged on the way").unwrap();
    let window = app(&folder);
    let notice: Option<String> = call(&window, ipc::HISTORY_NOTICE, json!({}));
    let notice = notice.expect("the person is told");
    assert!(notice.starts_with("The history file could not be read, so a new history was started"), "{notice}");
    assert_eq!(call::<Option<String>>(&window, ipc::HISTORY_NOTICE, json!({})), None, "told once");
    let aside: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .filter(|f| f.file_name().to_string_lossy().starts_with("history.sqlite3.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(notice.contains(&*aside[0].file_name().to_string_lossy()), "{notice}");
    assert_eq!(std::fs::read(aside[0].path()).unwrap(), b"this is not a database, it was damaged on the way");
    open_seventeen(&window);
    assert_eq!(list(&window, None).len(), 1, "the fresh history keeps readings");
}

#[test]
fn a_history_that_cannot_be_written_still_lets_the_app_read() {
    // A file where the data folder should be: nothing can be created there.
    let blocked = temp_file("not-a-folder");
    std::fs::write(&blocked, b"").unwrap();
    let window = app(&blocked);
    let notice: Option<String> = call(&window, ipc::HISTORY_NOTICE, json!({}));
    assert!(notice.is_some_and(|n| n.contains("will not be kept after the app closes")));
    assert_eq!(open_seventeen(&window).reading.number, "17");
    assert_eq!(list(&window, None).len(), 1, "kept in memory for this session");
}
