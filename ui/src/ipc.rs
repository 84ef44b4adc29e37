//! Calls into the Rust side through `window.__TAURI__.core.invoke` (the app sets `withGlobalTauri`), and
//! listens to the window's file drag-and-drop events.

use js_sys::{Array, Object, Reflect, Uint8Array};
use protocol::ipc::{self, HEIGHT_HEADER, IMAGE_EXTENSIONS, NAME_HEADER, REVISION_HEADER, WIDTH_HEADER};
use protocol::{
    ActiveModel, ErrorKind, Failure, HandedFile, HistorySettings, HistorySummary, Labelled, LearningOutcome, LearningProgress,
    LearningStatus, ModelStatus, NumberReading, OpenedImage, SamplesMoved,
};
use serde::de::{DeserializeOwned, IgnoredAny};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue, options: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(event: &str, handler: &Closure<dyn Fn(JsValue)>) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = encodeURIComponent)]
    fn encode_uri_component(text: &str) -> String;
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        Reflect::set(&object, &(*key).into(), value).ok();
    }
    object.into()
}

async fn call<T: DeserializeOwned>(cmd: &str, args: JsValue, options: JsValue) -> Result<T, Failure> {
    if !has_tauri() {
        return Err(Failure::new(ErrorKind::Internal, OUTSIDE_APP));
    }
    let value = tauri_invoke(cmd, args, options).await.map_err(failure)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| Failure::new(ErrorKind::Internal, e.to_string()))
}

const OUTSIDE_APP: &str = "The recognizer is only available inside the Digit Recognizer app";

/// A command's error is a `{kind, message}`; anything else is a failure of IPC or a plugin (a string).
fn failure(error: JsValue) -> Failure {
    serde_wasm_bindgen::from_value(error.clone()).unwrap_or_else(|_| {
        let message = error.as_string().unwrap_or_else(|| {
            js_sys::JSON::stringify(&error).map(String::from).unwrap_or_else(|_| "unknown error".into())
        });
        Failure::new(ErrorKind::Internal, message)
    })
}

fn has_tauri() -> bool {
    let window = web_sys::window().expect("window");
    Reflect::get(&window, &"__TAURI__".into()).map(|v| !v.is_undefined()).unwrap_or(false)
}

/// Sends the canvas pixels (grey, one byte each, row-major) as a raw IPC body, with the size and the
/// drawing's revision (for [`record_drawing`]) in headers.
pub async fn predict(grey: &[u8], width: u32, height: u32, revision: u32) -> Result<NumberReading, Failure> {
    let headers = object(&[
        (WIDTH_HEADER, width.to_string().into()),
        (HEIGHT_HEADER, height.to_string().into()),
        (REVISION_HEADER, revision.to_string().into()),
    ]);
    call(ipc::PREDICT, Uint8Array::from(grey).into(), object(&[("headers", headers)])).await
}

/// Keeps the drawing read with `revision` in the history, now that it is finished.
pub async fn record_drawing(revision: u32) -> Result<Option<f64>, Failure> {
    call(ipc::RECORD_DRAWING, object(&[("revision", revision.into())]), JsValue::UNDEFINED).await
}

/// The newest `limit` history entries whose number contains `search` (all when it is empty).
pub async fn history_list(search: &str, limit: usize) -> Result<Vec<HistorySummary>, Failure> {
    let search = if search.trim().is_empty() { JsValue::NULL } else { search.into() };
    call(ipc::HISTORY_LIST, object(&[("search", search), ("limit", (limit as u32).into())]), JsValue::UNDEFINED).await
}

/// A history entry as an opened image: its picture and its reading, boxes and all.
pub async fn history_open(id: i64) -> Result<OpenedImage, Failure> {
    call(ipc::HISTORY_OPEN, object(&[("id", (id as f64).into())]), JsValue::UNDEFINED).await
}

pub async fn history_delete(id: i64) -> Result<(), Failure> {
    call::<IgnoredAny>(ipc::HISTORY_DELETE, object(&[("id", (id as f64).into())]), JsValue::UNDEFINED).await.map(drop)
}

pub async fn history_clear() -> Result<(), Failure> {
    call::<IgnoredAny>(ipc::HISTORY_CLEAR, JsValue::UNDEFINED, JsValue::UNDEFINED).await.map(drop)
}

pub async fn history_settings() -> Result<HistorySettings, Failure> {
    call(ipc::HISTORY_SETTINGS, JsValue::UNDEFINED, JsValue::UNDEFINED).await
}

/// Saves the history's settings; answers them as saved.
pub async fn set_history_settings(settings: HistorySettings) -> Result<HistorySettings, Failure> {
    let max_entries = settings.max_entries.map_or(JsValue::NULL, JsValue::from);
    let settings = object(&[("enabled", settings.enabled.into()), ("max_entries", max_entries)]);
    call(ipc::SET_HISTORY_SETTINGS, object(&[("settings", settings)]), JsValue::UNDEFINED).await
}

/// Digit `position` of kept reading `id` is `digit`.
pub async fn correct_digit(id: i64, position: usize, digit: u8) -> Result<Labelled, Failure> {
    let args = object(&[("id", (id as f64).into()), ("position", (position as u32).into()), ("digit", digit.into())]);
    call(ipc::CORRECT_DIGIT, args, JsValue::UNDEFINED).await
}

/// Kept reading `id` is `number`.
pub async fn correct_number(id: i64, number: &str) -> Result<Labelled, Failure> {
    call(ipc::CORRECT_NUMBER, object(&[("id", (id as f64).into()), ("number", number.into())]), JsValue::UNDEFINED).await
}

/// Kept reading `id` was read right.
pub async fn confirm_reading(id: i64) -> Result<Labelled, Failure> {
    call(ipc::CONFIRM_READING, object(&[("id", (id as f64).into())]), JsValue::UNDEFINED).await
}

pub async fn sample_count() -> Result<u32, Failure> {
    call(ipc::SAMPLE_COUNT, JsValue::UNDEFINED, JsValue::UNDEFINED).await
}

/// Writes every sample into a new folder inside `folder`.
pub async fn export_samples(folder: &str) -> Result<SamplesMoved, Failure> {
    call(ipc::EXPORT_SAMPLES, object(&[("folder", folder.into())]), JsValue::UNDEFINED).await
}

/// Adds the samples found in `folder`.
pub async fn import_samples(folder: &str) -> Result<SamplesMoved, Failure> {
    call(ipc::IMPORT_SAMPLES, object(&[("folder", folder.into())]), JsValue::UNDEFINED).await
}

/// Deletes the history, the samples, the personal model, the settings and the logs.
pub async fn delete_all_data() -> Result<(), Failure> {
    call::<IgnoredAny>(ipc::DELETE_ALL_DATA, JsValue::UNDEFINED, JsValue::UNDEFINED).await.map(drop)
}

/// What the person must be told about the history once (a damaged file moved aside). Fails where the app
/// keeps no history (the phones, for now).
pub async fn history_notice() -> Result<Option<String>, Failure> {
    call(ipc::HISTORY_NOTICE, JsValue::UNDEFINED, JsValue::UNDEFINED).await
}

/// Opens and reads an image file.
pub async fn open_image(path: &str) -> Result<OpenedImage, Failure> {
    call(ipc::OPEN_IMAGE, object(&[("path", path.into())]), JsValue::UNDEFINED).await
}

/// Reads an image from the bytes of its file (a pasted image).
pub async fn open_image_bytes(bytes: &[u8], name: &str) -> Result<OpenedImage, Failure> {
    let headers = object(&[(NAME_HEADER, encode_uri_component(name).into())]);
    call(ipc::OPEN_IMAGE_BYTES, Uint8Array::from(bytes).into(), object(&[("headers", headers)])).await
}

/// Stops the image open in progress (the request answers `Cancelled`).
pub async fn cancel_open() {
    call::<IgnoredAny>(ipc::CANCEL_OPEN, JsValue::UNDEFINED, JsValue::UNDEFINED).await.ok();
}

/// The app's version, system, model and the end of its log, for a bug report.
pub async fn diagnostics() -> Result<String, Failure> {
    call(ipc::DIAGNOSTICS, JsValue::UNDEFINED, JsValue::UNDEFINED).await
}

/// The image the app was started with ("Open with" or a path on the command line), if any.
pub async fn launch_image() -> Result<Option<String>, Failure> {
    call(ipc::LAUNCH_IMAGE, JsValue::UNDEFINED, JsValue::UNDEFINED).await
}

/// Shows the native file-open dialog for images; `None` when it is cancelled.
pub async fn pick_image_file() -> Result<Option<String>, Failure> {
    let extensions: Array = IMAGE_EXTENSIONS.iter().map(|e| JsValue::from(*e)).collect();
    let filter = object(&[("name", "Images".into()), ("extensions", extensions.into())]);
    let options = object(&[
        ("title", "Open an image of a handwritten number".into()),
        ("multiple", false.into()),
        ("directory", false.into()),
        ("filters", Array::of1(&filter).into()),
    ]);
    call("plugin:dialog|open", object(&[("options", options)]), JsValue::UNDEFINED).await
}

/// Shows the native folder picker with `title`; `None` when it is cancelled.
pub async fn pick_folder(title: &str) -> Result<Option<String>, Failure> {
    let options = object(&[("title", title.into()), ("multiple", false.into()), ("directory", true.into())]);
    call("plugin:dialog|open", object(&[("options", options)]), JsValue::UNDEFINED).await
}

/// A file drag over the window, from Tauri's drag-and-drop events.
pub enum DragDrop {
    Enter,
    Leave,
    Drop(Vec<String>),
}

/// Calls `on_event` for files dragged over and dropped on the window, for as long as the app runs.
pub fn listen_for_dropped_files(on_event: impl Fn(DragDrop) + 'static) {
    if !has_tauri() {
        return;
    }
    let on_event = std::rc::Rc::new(on_event);
    type ToEvent = fn(Vec<String>) -> DragDrop;
    let events: [(&str, ToEvent); 3] = [
        ("tauri://drag-enter", |_| DragDrop::Enter),
        ("tauri://drag-leave", |_| DragDrop::Leave),
        ("tauri://drag-drop", DragDrop::Drop),
    ];
    for (name, to_event) in events {
        let on_event = on_event.clone();
        let handler = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            let payload = Reflect::get(&event, &"payload".into()).unwrap_or(JsValue::UNDEFINED);
            let paths = Reflect::get(&payload, &"paths".into()).unwrap_or(JsValue::UNDEFINED);
            on_event(to_event(Array::from(&paths).iter().filter_map(|p| p.as_string()).collect()));
        });
        wasm_bindgen_futures::spawn_local(async move {
            tauri_listen(name, &handler).await.ok();
            handler.forget(); // listens for the app's lifetime
        });
    }
}

/// Calls `on_file` with each file a second launch of the app hands to this window ("Open with" while it runs),
/// for as long as the app runs. Answers once the listener is in place: ask for [`launch_image`] only then, as
/// files handed over before that become the launch file instead.
pub async fn listen_for_handed_files(on_file: impl Fn(String) + 'static) {
    if !has_tauri() {
        return;
    }
    let handler = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let payload = Reflect::get(&event, &"payload".into()).unwrap_or(JsValue::UNDEFINED);
        if let Ok(HandedFile { path }) = serde_wasm_bindgen::from_value(payload) {
            on_file(path.to_string_lossy().into_owned());
        }
    });
    tauri_listen(ipc::FILE_HANDED_OVER, &handler).await.ok();
    handler.forget(); // listens for the app's lifetime
}

/// Where the model was loaded from, or the reason it could not be.
pub async fn model_status() -> Result<ModelStatus, Failure> {
    call(ipc::MODEL_STATUS, JsValue::UNDEFINED, JsValue::UNDEFINED).await
}

/// Which model reads, the personal model's figures, and whether learning is possible.
pub async fn learning_status() -> Result<LearningStatus, Failure> {
    call(ipc::LEARNING_STATUS, JsValue::UNDEFINED, JsValue::UNDEFINED).await
}

/// Learns a personal model from the stored samples and adopts it if it reads them clearly better; answers
/// `Cancelled` when [`cancel_learning`] stops it. Progress comes through [`listen_for_learning_progress`].
pub async fn learn_handwriting() -> Result<LearningOutcome, Failure> {
    call(ipc::LEARN_HANDWRITING, JsValue::UNDEFINED, JsValue::UNDEFINED).await
}

/// Stops the learning in progress (nothing changes).
pub async fn cancel_learning() -> Result<(), Failure> {
    call::<IgnoredAny>(ipc::CANCEL_LEARNING, JsValue::UNDEFINED, JsValue::UNDEFINED).await.map(drop)
}

/// Reads with `model` from now on; answers the status as it then is.
pub async fn use_model(model: ActiveModel) -> Result<LearningStatus, Failure> {
    let model = serde_wasm_bindgen::to_value(&model).map_err(|e| Failure::new(ErrorKind::Internal, e.to_string()))?;
    call(ipc::USE_MODEL, object(&[("model", model)]), JsValue::UNDEFINED).await
}

/// Calls `on_progress` with each step of a learning run, for as long as the app runs.
pub async fn listen_for_learning_progress(on_progress: impl Fn(LearningProgress) + 'static) {
    if !has_tauri() {
        return;
    }
    let handler = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let payload = Reflect::get(&event, &"payload".into()).unwrap_or(JsValue::UNDEFINED);
        if let Ok(progress) = serde_wasm_bindgen::from_value(payload) {
            on_progress(progress);
        }
    });
    tauri_listen(ipc::LEARNING_PROGRESS, &handler).await.ok();
    handler.forget(); // listens for the app's lifetime
}

/// Tells the app its window has painted (for its start-up timing).
pub async fn window_painted() {
    call::<IgnoredAny>(ipc::WINDOW_PAINTED, JsValue::UNDEFINED, JsValue::UNDEFINED).await.ok();
}
