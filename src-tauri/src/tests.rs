//! The commands through Tauri's mock runtime: real IPC requests, the real recognizer, no window.

use std::path::{Path, PathBuf};

use protocol::ipc::{self, HEIGHT_HEADER, MAX_CANVAS_SIDE, NAME_HEADER, WIDTH_HEADER};
use protocol::{ErrorKind, Failure, ModelStatus, NumberReading, OpenedImage};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

use crate::{run_app, HistoryAt, LaunchFile, LogTo};

pub(crate) fn committed_model() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/digits-cnn.onnx")
}

fn window(model: PathBuf) -> WebviewWindow<tauri::test::MockRuntime> {
    window_with_launch(model, LaunchFile::default())
}

/// One log folder for the whole test run: the first app sets the process's logger, and every app's
/// diagnostics read the same file.
fn log_dir() -> PathBuf {
    std::env::temp_dir().join(format!("digits-shell-logs-{}", std::process::id()))
}

fn window_with_launch(model: PathBuf, launch: LaunchFile) -> WebviewWindow<tauri::test::MockRuntime> {
    window_with(model, launch, HistoryAt::Folder(temp_folder()))
}

/// A fresh folder for one app's history.
pub(crate) fn temp_folder() -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("digits-shell-{}", std::process::id())).join(format!("data-{n}"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) fn window_with(model: PathBuf, launch: LaunchFile, history_at: HistoryAt) -> WebviewWindow<tauri::test::MockRuntime> {
    window_logging_to(model, launch, history_at, log_dir())
}

/// An app whose log file is in `logs` (the process's logger still writes to the first app's).
pub(crate) fn window_logging_to(
    model: PathBuf,
    launch: LaunchFile,
    history_at: HistoryAt,
    logs: PathBuf,
) -> WebviewWindow<tauri::test::MockRuntime> {
    let app = run_app(mock_builder(), Some(model), launch, LogTo::Folder(logs), history_at)
        .build(mock_context(noop_assets()))
        .expect("mock app");
    WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("mock window")
}

pub(crate) fn invoke(
    window: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    body: InvokeBody,
    size: Option<(&str, &str)>,
) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
    let mut headers = Vec::new();
    if let Some((width, height)) = size {
        headers = vec![(WIDTH_HEADER, width), (HEIGHT_HEADER, height)];
    }
    invoke_with_headers(window, cmd, body, &headers)
}

pub(crate) fn invoke_with_headers(
    window: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    body: InvokeBody,
    extra: &[(&'static str, &str)],
) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
    let mut headers = tauri::http::HeaderMap::new();
    for (name, value) in extra {
        headers.insert(*name, value.parse().unwrap());
    }
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body,
        headers,
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request)
}

/// A command's error as the UI receives it.
pub(crate) fn failure(error: serde_json::Value) -> Failure {
    serde_json::from_value(error.clone()).unwrap_or_else(|e| panic!("{error} is not a {{kind, message}} failure: {e}"))
}

/// A white 200×200 canvas, one grey byte per pixel as the app sends it, with a thick vertical stroke: a "1".
pub(crate) fn drawn_one() -> Vec<u8> {
    let side = 200;
    let mut grey = vec![255u8; side * side];
    for y in 40..160 {
        grey[y * side + 94..y * side + 106].fill(20);
    }
    grey
}

#[test]
fn predict_reads_a_drawn_one_and_returns_what_the_model_saw() {
    let window = window(committed_model());
    let response = invoke(&window, ipc::PREDICT, InvokeBody::Raw(drawn_one()), Some(("200", "200")))
        .expect("predict succeeds");
    let reading: NumberReading = response.deserialize().unwrap();
    assert_eq!(reading.number, "1", "{reading:?}");
    let prediction = &reading.digits[0].prediction;
    assert_eq!(prediction.digit, 1, "{prediction:?}");
    assert_eq!(prediction.probabilities.len(), 10);
    assert!((prediction.probabilities.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    assert_eq!(prediction.model_input.len(), 28 * 28);
}

#[test]
fn a_blank_canvas_is_a_message_not_a_guess() {
    let window = window(committed_model());
    let blank = vec![255u8; 100 * 100];
    let error = failure(invoke(&window, ipc::PREDICT, InvokeBody::Raw(blank), Some(("100", "100"))).unwrap_err());
    assert_eq!(error.kind, ErrorKind::NoInk);
    assert!(error.message.contains("ink"), "{error}");
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let window = window(committed_model());
    let too_big = (MAX_CANVAS_SIDE + 1).to_string();
    let error = failure(invoke(&window, ipc::PREDICT, InvokeBody::Raw(vec![0; 16]), Some((&too_big, "1"))).unwrap_err());
    assert!(error.kind == ErrorKind::BadRequest && error.message.contains("2048"), "{error:?}");

    let error = failure(invoke(&window, ipc::PREDICT, InvokeBody::Raw(vec![0; 16]), None).unwrap_err());
    assert!(error.kind == ErrorKind::BadRequest && error.message.contains("size"), "{error:?}");

    let json = InvokeBody::Json(serde_json::json!({ "pixels": "aGVsbG8=" }));
    let error = failure(invoke(&window, ipc::PREDICT, json, Some(("2", "2"))).unwrap_err());
    assert!(error.kind == ErrorKind::BadRequest && error.message.contains("raw body"), "{error:?}");

    // Fewer bytes than width × height.
    let error = failure(invoke(&window, ipc::PREDICT, InvokeBody::Raw(vec![255; 10]), Some(("4", "4"))).unwrap_err());
    assert!(error.kind == ErrorKind::BadRequest && error.message.contains("needs 16"), "{error:?}");
}

#[test]
fn model_status_says_where_the_model_and_runtime_came_from() {
    let window = window(committed_model());
    let info: ModelStatus = invoke(&window, ipc::MODEL_STATUS, InvokeBody::default(), None).unwrap().deserialize().unwrap();
    assert_eq!(info.model, committed_model());
    assert!(info.runtime.unwrap().to_string_lossy().contains("libonnxruntime"));
}

#[test]
fn a_missing_model_is_reported_by_model_status_and_predict() {
    let window = window(PathBuf::from("/nonexistent/digits-cnn.onnx"));
    let status = failure(invoke(&window, ipc::MODEL_STATUS, InvokeBody::default(), None).unwrap_err());
    assert_eq!(status.kind, ErrorKind::ModelUnavailable);
    assert!(status.message.contains("/nonexistent/digits-cnn.onnx") && status.message.contains("could not start"), "{status}");
    let predict = failure(invoke(&window, ipc::PREDICT, InvokeBody::Raw(drawn_one()), Some(("200", "200"))).unwrap_err());
    assert_eq!(predict, status);
}

pub(crate) fn picture_of_seventeen() -> image::RgbaImage {
    let strokes = [vec![(60.0, 40.0), (60.0, 160.0)], handwriting::sketch::seven(110.0, 110.0, 45.0)];
    let rgba = handwriting::sketch::draw_strokes(260, 200, &strokes, 12.0);
    image::RgbaImage::from_raw(260, 200, rgba).unwrap()
}

/// A path named `name` in a folder of its own: tests run in parallel, and two writing the same file while
/// one reads it gave "The file is empty".
pub(crate) fn temp_file(name: &str) -> PathBuf {
    temp_folder().join(name)
}

#[test]
fn predict_reads_several_digits_on_the_canvas_as_a_number() {
    let window = window(committed_model());
    let grey = image::DynamicImage::ImageRgba8(picture_of_seventeen()).into_luma8().into_raw();
    let response = invoke(&window, ipc::PREDICT, InvokeBody::Raw(grey), Some(("260", "200"))).unwrap();
    let reading: NumberReading = response.deserialize().unwrap();
    assert_eq!(reading.number, "17", "{reading:?}");
    assert!(reading.digits[0].bbox[0] < reading.digits[1].bbox[0]);
}

#[test]
fn open_image_reads_a_file_and_returns_a_preview() {
    let path = temp_file("seventeen.png");
    picture_of_seventeen().save(&path).unwrap();
    let window = window(committed_model());
    let body = InvokeBody::Json(serde_json::json!({ "path": path }));
    let opened: OpenedImage = invoke(&window, ipc::OPEN_IMAGE, body, None).unwrap().deserialize().unwrap();
    assert_eq!(opened.reading.number, "17");
    assert_eq!(opened.name, "seventeen.png");
    assert!(opened.preview.starts_with("data:image/jpeg;base64,"));
    assert_eq!((opened.reading.width, opened.reading.height), (260, 200));
}

#[test]
fn open_image_explains_a_file_that_is_not_an_image() {
    let path = temp_file("notes.png");
    std::fs::write(&path, "shopping list: eggs").unwrap();
    let window = window(committed_model());
    let body = InvokeBody::Json(serde_json::json!({ "path": path }));
    let error = failure(invoke(&window, ipc::OPEN_IMAGE, body, None).unwrap_err());
    assert!(error.kind == ErrorKind::NotAnImage && error.message.contains("not a picture"), "{error:?}");
    let body = InvokeBody::Json(serde_json::json!({ "path": "/no/such/file.png" }));
    let error = failure(invoke(&window, ipc::OPEN_IMAGE, body, None).unwrap_err());
    assert!(error.kind == ErrorKind::Missing && error.message.contains("does not exist"), "{error:?}");
    let body = InvokeBody::Json(serde_json::json!({ "path": std::env::temp_dir() }));
    let error = failure(invoke(&window, ipc::OPEN_IMAGE, body, None).unwrap_err());
    assert_eq!(error.kind, ErrorKind::NotAFile, "{error:?}");
}

#[test]
fn pasted_image_bytes_are_read_with_their_name() {
    let mut png = std::io::Cursor::new(Vec::new());
    picture_of_seventeen().write_to(&mut png, image::ImageFormat::Png).unwrap();
    let window = window(committed_model());
    let response =
        invoke_with_headers(&window, ipc::OPEN_IMAGE_BYTES, InvokeBody::Raw(png.into_inner()), &[(NAME_HEADER, "my%20number.png")]);
    let opened: OpenedImage = response.unwrap().deserialize().unwrap();
    assert_eq!((opened.name.as_str(), opened.reading.number.as_str()), ("my number.png", "17"));
    let error = failure(invoke(&window, ipc::OPEN_IMAGE_BYTES, InvokeBody::Raw(Vec::new()), None).unwrap_err());
    assert!(error.kind == ErrorKind::EmptyFile && error.message.contains("empty"), "{error:?}");
}

#[test]
fn the_launch_image_is_handed_out_once() {
    let args = ["digit-recognizer", "--verbose", "/tmp/number.png"].map(std::ffi::OsString::from);
    let window = window_with_launch(committed_model(), LaunchFile::from_args(args));
    let first: Option<PathBuf> = invoke(&window, ipc::LAUNCH_IMAGE, InvokeBody::default(), None).unwrap().deserialize().unwrap();
    assert_eq!(first, Some(PathBuf::from("/tmp/number.png")));
    let second: Option<PathBuf> = invoke(&window, ipc::LAUNCH_IMAGE, InvokeBody::default(), None).unwrap().deserialize().unwrap();
    assert_eq!(second, None);
}

/// Every type that crosses IPC, as the shell sends it, read back by the UI's side (the same `protocol`
/// types) and sent again: nothing is lost or renamed on the way.
#[test]
fn each_protocol_type_survives_the_trip_to_the_ui_and_back() {
    /// Every field's path, so a renamed or dropped field shows (numbers are compared as the types' values:
    /// an f32 sent as JSON comes back as the same f32, not the same decimal text).
    fn fields(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| fields(v, &format!("{path}.{k}"), out)),
            serde_json::Value::Array(items) => items.iter().for_each(|v| fields(v, &format!("{path}[]"), out)),
            _ => out.push(path.to_string()),
        }
    }
    fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(sent: serde_json::Value) {
        let received: T = serde_json::from_value(sent.clone()).unwrap();
        let sent_back = serde_json::to_value(&received).unwrap();
        let (mut before, mut after) = (Vec::new(), Vec::new());
        fields(&sent, "", &mut before);
        fields(&sent_back, "", &mut after);
        assert_eq!(before, after, "the fields changed on the way");
        assert_eq!(serde_json::from_value::<T>(sent_back).unwrap(), received);
    }
    let json = |body: tauri::ipc::InvokeResponseBody| -> serde_json::Value { body.deserialize().unwrap() };
    let window = window(committed_model());
    round_trip::<NumberReading>(json(invoke(&window, ipc::PREDICT, InvokeBody::Raw(drawn_one()), Some(("200", "200"))).unwrap()));
    let path = temp_file("round-trip.png");
    picture_of_seventeen().save(&path).unwrap();
    let body = InvokeBody::Json(serde_json::json!({ "path": path }));
    round_trip::<OpenedImage>(json(invoke(&window, ipc::OPEN_IMAGE, body, None).unwrap()));
    round_trip::<ModelStatus>(json(invoke(&window, ipc::MODEL_STATUS, InvokeBody::default(), None).unwrap()));
    round_trip::<Failure>(invoke(&window, ipc::PREDICT, InvokeBody::Raw(vec![255; 100]), Some(("10", "10"))).unwrap_err());
}

/// A picture that takes a while to read: noise, so it decodes in full and gives the segmenter many blobs.
fn slow_picture() -> PathBuf {
    static PATH: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        let path = temp_file("slow-noise.png");
        std::fs::write(&path, handwriting::hostile::noise_png(3000, 3000, 1)).unwrap();
        path
    })
    .clone()
}

/// Starts opening the slow picture on another thread and returns once the app has begun that request.
fn open_slowly(window: &WebviewWindow<tauri::test::MockRuntime>) -> std::thread::JoinHandle<Result<tauri::ipc::InvokeResponseBody, serde_json::Value>> {
    use tauri::Manager;
    let requests = window.state::<crate::OpenRequests>().inner().clone();
    let before = requests.generation();
    let slow = window.clone();
    let body = InvokeBody::Json(serde_json::json!({ "path": slow_picture() }));
    let opening = std::thread::spawn(move || invoke(&slow, ipc::OPEN_IMAGE, body, None));
    while requests.generation() == before {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    opening
}

#[test]
fn a_newer_open_supersedes_the_older_one() {
    let path = temp_file("newer.png");
    picture_of_seventeen().save(&path).unwrap();
    let window = window(committed_model());
    let first = open_slowly(&window);
    let started = std::time::Instant::now();
    let body = InvokeBody::Json(serde_json::json!({ "path": path }));
    let second: OpenedImage = invoke(&window, ipc::OPEN_IMAGE, body, None).unwrap().deserialize().unwrap();
    assert_eq!(second.reading.number, "17");
    let first = failure(first.join().unwrap().unwrap_err());
    assert_eq!(first.kind, ErrorKind::Cancelled, "{first:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "the newer open waited for the older one");
}

#[test]
fn cancel_open_ends_the_open_in_progress_at_once() {
    let window = window(committed_model());
    let opening = open_slowly(&window);
    let started = std::time::Instant::now();
    invoke(&window, ipc::CANCEL_OPEN, InvokeBody::default(), None).expect("cancel_open");
    let error = failure(opening.join().unwrap().unwrap_err());
    assert_eq!(error.kind, ErrorKind::Cancelled, "{error:?}");
    assert!(started.elapsed() < std::time::Duration::from_millis(500), "{:?}", started.elapsed());
}

fn diagnostics(window: &WebviewWindow<tauri::test::MockRuntime>) -> String {
    invoke(window, ipc::DIAGNOSTICS, InvokeBody::default(), None).expect("diagnostics").deserialize().unwrap()
}

#[test]
fn diagnostics_name_the_version_model_and_runtime_and_end_with_the_log() {
    let window = window(committed_model());
    let body = InvokeBody::Json(serde_json::json!({ "path": "/no/such/diagnosed.png" }));
    failure(invoke(&window, ipc::OPEN_IMAGE, body, None).unwrap_err());
    let text = diagnostics(&window);
    assert!(text.starts_with(&format!("Digit Recognizer {}\n", env!("CARGO_PKG_VERSION"))), "{text}");
    assert!(text.contains(&format!("Model: {}\n", committed_model().display())), "{text}");
    assert!(text.contains("ONNX Runtime: ") && text.contains("libonnxruntime"), "{text}");
    assert!(text.contains(&format!("Log: {}", log_dir().join("digit-recognizer.log").display())), "{text}");
    // The failure is in the log with its cause, the OS's own words.
    let failure_line = text.lines().find(|l| l.contains("open_image diagnosed.png failed")).unwrap_or_else(|| panic!("{text}"));
    assert!(failure_line.contains("No such file or directory (os error 2)"), "{failure_line}");
    assert!(text.lines().skip_while(|l| !l.starts_with("The log's last lines")).count() <= 1 + crate::diagnostics::LOG_LINES);
}

#[test]
fn a_panic_is_logged_with_its_place_and_answered_in_words() {
    let window = window(committed_model());
    let result: Result<(), _> = tauri::async_runtime::block_on(crate::work::off_runtime(crate::error::Work::ReadingPicture, || {
        panic!("a deliberate panic for the log test")
    }));
    let error = result.unwrap_err();
    assert_eq!(error.to_failure().kind, ErrorKind::Internal);
    assert_eq!(error.to_failure().message, "Reading this picture failed inside the app; the details are in the log.");
    let text = diagnostics(&window);
    let line = text.lines().find(|l| l.contains("a deliberate panic for the log test")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("panic in thread") && line.contains("src/tests.rs:"), "{line}");
}
