//! Corrections, samples and "Delete all my data" through the app's commands, on the mock runtime.

use std::path::Path;

use protocol::ipc::{self, HEIGHT_HEADER, REVISION_HEADER, WIDTH_HEADER};
use protocol::{ErrorKind, Failure, HistorySettings, HistorySummary, KeptReading, Labelled, OpenedImage, SamplesMoved};
use serde_json::{json, Value};
use tauri::ipc::InvokeBody;
use tauri::test::MockRuntime;
use tauri::WebviewWindow;

use crate::tests::{committed_model, drawn_one, failure, invoke, invoke_with_headers, picture_of_seventeen, temp_file, temp_folder, window_logging_to};
use crate::{HistoryAt, LaunchFile};

pub(crate) fn app(folder: &Path, logs: &Path) -> WebviewWindow<MockRuntime> {
    window_logging_to(committed_model(), LaunchFile::default(), HistoryAt::Folder(folder.to_path_buf()), logs.to_path_buf())
}

pub(crate) fn call<T: serde::de::DeserializeOwned>(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> T {
    let response = invoke(window, cmd, InvokeBody::Json(args), None).unwrap_or_else(|e| panic!("{cmd}: {e}"));
    response.deserialize().unwrap()
}

pub(crate) fn refused(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Failure {
    failure(invoke(window, cmd, InvokeBody::Json(args), None).expect_err(cmd))
}

fn open_seventeen(window: &WebviewWindow<MockRuntime>) -> OpenedImage {
    let path = temp_file("corrected-seventeen.png");
    picture_of_seventeen().save(&path).unwrap();
    call(window, ipc::OPEN_IMAGE, json!({ "path": path }))
}

/// Draws a 1 and keeps it, as the UI does once the drawing is finished; its entry.
fn kept_drawing(window: &WebviewWindow<MockRuntime>) -> i64 {
    let headers = [(WIDTH_HEADER, "200"), (HEIGHT_HEADER, "200"), (REVISION_HEADER, "4")];
    invoke_with_headers(window, ipc::PREDICT, InvokeBody::Raw(drawn_one()), &headers).unwrap();
    call::<Option<i64>>(window, ipc::RECORD_DRAWING, json!({ "revision": 4 })).expect("kept")
}

#[test]
fn a_kept_reading_is_corrected_or_confirmed_and_says_so_when_reopened() {
    let window = app(&temp_folder(), &temp_folder());
    let opened = open_seventeen(&window);
    let id = opened.kept.as_ref().expect("an opened picture names its entry").id;
    assert_eq!(opened.kept, Some(KeptReading::new(id)));

    let one: Labelled = call(&window, ipc::CORRECT_DIGIT, json!({ "id": id, "position": 1, "digit": 1 }));
    assert_eq!(one, Labelled { kept: KeptReading { id, corrected: Some("11".into()), samples: 1 }, sample_count: 1 });
    let whole: Labelled = call(&window, ipc::CORRECT_NUMBER, json!({ "id": id, "number": "71" }));
    assert_eq!(whole.kept, KeptReading { id, corrected: Some("71".into()), samples: 2 });
    let misfit = refused(&window, ipc::CORRECT_NUMBER, json!({ "id": id, "number": "4" }));
    assert_eq!((misfit.kind, misfit.message.as_str()), (ErrorKind::BadRequest, "\u{201c}4\u{201d} does not fit the 2 digits read: type 2 digits."));

    let drawing = kept_drawing(&window);
    let confirmed: Labelled = call(&window, ipc::CONFIRM_READING, json!({ "id": drawing }));
    assert_eq!(confirmed, Labelled { kept: KeptReading { id: drawing, corrected: None, samples: 1 }, sample_count: 3 });
    assert_eq!(call::<u32>(&window, ipc::SAMPLE_COUNT, json!({})), 3);

    let listed: Vec<HistorySummary> = call(&window, ipc::HISTORY_LIST, json!({ "search": null, "limit": 10 }));
    let marks: Vec<_> = listed.iter().map(|e| (e.corrected.as_deref(), e.samples)).collect();
    assert_eq!(marks, [(None, 1), (Some("71"), 2)], "the list shows which were confirmed and corrected");
    let again: OpenedImage = call(&window, ipc::HISTORY_OPEN, json!({ "id": id }));
    assert_eq!(again.kept, Some(whole.kept), "reopened, the entry still says it was corrected");
    let gone = refused(&window, ipc::CONFIRM_READING, json!({ "id": 999 }));
    assert_eq!((gone.kind, gone.message.as_str()), (ErrorKind::Missing, "That entry is no longer in the history."));
}

#[test]
fn samples_export_to_a_new_folder_and_import_in_either_format() {
    let window = app(&temp_folder(), &temp_folder());
    let target = temp_folder();
    let nothing = refused(&window, ipc::EXPORT_SAMPLES, json!({ "folder": target }));
    assert_eq!(nothing.message, "There are no samples to export yet: correct or confirm a reading first.");
    let id = open_seventeen(&window).kept.unwrap().id;
    call::<Labelled>(&window, ipc::CONFIRM_READING, json!({ "id": id }));

    let exported: SamplesMoved = call(&window, ipc::EXPORT_SAMPLES, json!({ "folder": target }));
    let folder = target.join(history::EXPORT_FOLDER);
    assert_eq!(exported, SamplesMoved { count: 2, skipped: 0, folder: folder.display().to_string(), sample_count: 2 });
    for file in ["samples-images-idx3-ubyte.gz", "samples-labels-idx1-ubyte.gz", "png/labels.csv", "png/00002.png"] {
        assert!(folder.join(file).is_file(), "{file}");
    }
    let again: SamplesMoved = call(&window, ipc::IMPORT_SAMPLES, json!({ "folder": folder }));
    assert_eq!((again.count, again.skipped, again.sample_count), (0, 2, 2), "samples already here are not added twice");

    // Into another app's empty store: the PNG folder alone is enough.
    let other = app(&temp_folder(), &temp_folder());
    let imported: SamplesMoved = call(&other, ipc::IMPORT_SAMPLES, json!({ "folder": folder.join("png") }));
    assert_eq!((imported.count, imported.skipped, imported.sample_count), (2, 0, 2));

    // Refusals, in words.
    let empty = temp_folder();
    let message = refused(&other, ipc::IMPORT_SAMPLES, json!({ "folder": empty })).message;
    assert!(message.ends_with("holds no samples: choose a folder with labels.csv and its PNG files, or with IDX files (\u{2026}-images-idx3-ubyte.gz and \u{2026}-labels-idx1-ubyte.gz)."), "{message}");
    std::fs::write(empty.join("labels.csv"), "file,label\n00001.png,12\n").unwrap();
    let bad = refused(&other, ipc::IMPORT_SAMPLES, json!({ "folder": empty }));
    assert_eq!((bad.kind, bad.message.as_str()), (ErrorKind::Damaged, "labels.csv is not a sample file the app can read: line 2: the label is not a digit."));
    let missing = refused(&other, ipc::IMPORT_SAMPLES, json!({ "folder": empty.join("gone") }));
    assert_eq!(missing.message, "gone could not be read: it does not exist.");
}

#[test]
fn delete_all_my_data_empties_the_history_samples_settings_and_logs() {
    let (folder, logs) = (temp_folder(), temp_folder());
    let window = app(&folder, &logs);
    let id = open_seventeen(&window).kept.unwrap().id;
    call::<Labelled>(&window, ipc::CORRECT_NUMBER, json!({ "id": id, "number": "18" }));
    let off = HistorySettings { enabled: false, max_entries: Some(100) };
    call::<HistorySettings>(&window, ipc::SET_HISTORY_SETTINGS, json!({ "settings": off }));
    std::fs::write(logs.join("digit-recognizer.log"), "a line about photo.png\n").unwrap();
    std::fs::write(logs.join("digit-recognizer_2026-01-01_00-00-00.log"), "older lines\n").unwrap();
    std::fs::write(logs.join("notes.txt"), "not the app's").unwrap();

    call::<()>(&window, ipc::DELETE_ALL_DATA, json!({}));
    let listed: Vec<HistorySummary> = call(&window, ipc::HISTORY_LIST, json!({ "search": null, "limit": 10 }));
    assert!(listed.is_empty());
    assert_eq!(call::<u32>(&window, ipc::SAMPLE_COUNT, json!({})), 0);
    let settings: HistorySettings = call(&window, ipc::HISTORY_SETTINGS, json!({}));
    assert_eq!(settings, HistorySettings { enabled: true, max_entries: Some(1000) }, "back to the defaults");
    let mut left: Vec<String> = std::fs::read_dir(&logs).unwrap().flatten().map(|f| f.file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["digit-recognizer.log", "notes.txt"]);
    assert!(!std::fs::read_to_string(logs.join("digit-recognizer.log")).unwrap().contains("photo.png"));
    // Nothing is left over after a restart either.
    drop(window);
    let again = app(&folder, &logs);
    assert_eq!(call::<u32>(&again, ipc::SAMPLE_COUNT, json!({})), 0);
}
