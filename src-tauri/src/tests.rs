//! The commands through Tauri's mock runtime: real IPC requests, the real recognizer, no window.

use std::path::{Path, PathBuf};

use recognizer::{NumberReading, OpenedImage};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

use crate::{run_app, LaunchFile, HEIGHT_HEADER, MAX_CANVAS_SIDE, NAME_HEADER, WIDTH_HEADER};

fn committed_model() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/digits-cnn.onnx")
}

fn window(model: PathBuf) -> WebviewWindow<tauri::test::MockRuntime> {
    window_with_launch(model, LaunchFile::default())
}

fn window_with_launch(model: PathBuf, launch: LaunchFile) -> WebviewWindow<tauri::test::MockRuntime> {
    let app = run_app(mock_builder(), Some(model), launch).build(mock_context(noop_assets())).expect("mock app");
    WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("mock window")
}

fn invoke(
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

fn invoke_with_headers(
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

/// A white 200×200 canvas, one grey byte per pixel as the app sends it, with a thick vertical stroke: a "1".
fn drawn_one() -> Vec<u8> {
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
    let response = invoke(&window, "predict", InvokeBody::Raw(drawn_one()), Some(("200", "200")))
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
    let error = invoke(&window, "predict", InvokeBody::Raw(blank), Some(("100", "100"))).unwrap_err();
    assert!(error.as_str().unwrap().to_lowercase().contains("ink"), "{error}");
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let window = window(committed_model());
    let too_big = (MAX_CANVAS_SIDE + 1).to_string();
    let error = invoke(&window, "predict", InvokeBody::Raw(vec![0; 16]), Some((&too_big, "1"))).unwrap_err();
    assert!(error.as_str().unwrap().contains("2048"), "{error}");

    let error = invoke(&window, "predict", InvokeBody::Raw(vec![0; 16]), None).unwrap_err();
    assert!(error.as_str().unwrap().contains("size"), "{error}");

    let json = InvokeBody::Json(serde_json::json!({ "pixels": "aGVsbG8=" }));
    let error = invoke(&window, "predict", json, Some(("2", "2"))).unwrap_err();
    assert!(error.as_str().unwrap().contains("raw grey"), "{error}");

    // Fewer bytes than width × height.
    let error = invoke(&window, "predict", InvokeBody::Raw(vec![255; 10]), Some(("4", "4"))).unwrap_err();
    assert!(error.as_str().unwrap().contains("needs 16"), "{error}");
}

#[test]
fn model_status_says_where_the_model_and_runtime_came_from() {
    let window = window(committed_model());
    let info: crate::commands::ModelInfo =
        invoke(&window, "model_status", InvokeBody::default(), None).unwrap().deserialize().unwrap();
    assert_eq!(info.model, committed_model());
    assert!(info.runtime.unwrap().to_string_lossy().contains("libonnxruntime"));
}

#[test]
fn a_missing_model_is_reported_by_model_status_and_predict() {
    let window = window(PathBuf::from("/nonexistent/digits-cnn.onnx"));
    let error = invoke(&window, "model_status", InvokeBody::default(), None).unwrap_err();
    let message = error.as_str().unwrap();
    assert!(message.contains("/nonexistent/digits-cnn.onnx") && message.contains("could not start"), "{message}");
    let error = invoke(&window, "predict", InvokeBody::Raw(drawn_one()), Some(("200", "200"))).unwrap_err();
    assert_eq!(error.as_str().unwrap(), message);
}

fn picture_of_seventeen() -> image::RgbaImage {
    let strokes = [vec![(60.0, 40.0), (60.0, 160.0)], recognizer::sketch::seven(110.0, 110.0, 45.0)];
    let rgba = recognizer::sketch::draw_strokes(260, 200, &strokes, 12.0);
    image::RgbaImage::from_raw(260, 200, rgba).unwrap()
}

fn temp_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("digits-shell-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn predict_reads_several_digits_on_the_canvas_as_a_number() {
    let window = window(committed_model());
    let grey = image::DynamicImage::ImageRgba8(picture_of_seventeen()).into_luma8().into_raw();
    let response = invoke(&window, "predict", InvokeBody::Raw(grey), Some(("260", "200"))).unwrap();
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
    let opened: OpenedImage = invoke(&window, "open_image", body, None).unwrap().deserialize().unwrap();
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
    let error = invoke(&window, "open_image", body, None).unwrap_err();
    assert!(error.as_str().unwrap().contains("not an image"), "{error}");
    let body = InvokeBody::Json(serde_json::json!({ "path": "/no/such/file.png" }));
    let error = invoke(&window, "open_image", body, None).unwrap_err();
    assert!(error.as_str().unwrap().contains("no such file"), "{error}");
}

#[test]
fn pasted_image_bytes_are_read_with_their_name() {
    let mut png = std::io::Cursor::new(Vec::new());
    picture_of_seventeen().write_to(&mut png, image::ImageFormat::Png).unwrap();
    let window = window(committed_model());
    let response =
        invoke_with_headers(&window, "open_image_bytes", InvokeBody::Raw(png.into_inner()), &[(NAME_HEADER, "my%20number.png")]);
    let opened: OpenedImage = response.unwrap().deserialize().unwrap();
    assert_eq!((opened.name.as_str(), opened.reading.number.as_str()), ("my number.png", "17"));
    let error = invoke(&window, "open_image_bytes", InvokeBody::Raw(Vec::new()), None).unwrap_err();
    assert!(error.as_str().unwrap().contains("empty"), "{error}");
}

#[test]
fn the_launch_image_is_handed_out_once() {
    let args = ["digit-recognizer", "--verbose", "/tmp/number.png"].map(std::ffi::OsString::from);
    let window = window_with_launch(committed_model(), LaunchFile::from_args(args));
    let first: Option<PathBuf> = invoke(&window, "launch_image", InvokeBody::default(), None).unwrap().deserialize().unwrap();
    assert_eq!(first, Some(PathBuf::from("/tmp/number.png")));
    let second: Option<PathBuf> = invoke(&window, "launch_image", InvokeBody::default(), None).unwrap().deserialize().unwrap();
    assert_eq!(second, None);
}
