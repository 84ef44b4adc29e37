//! The commands through Tauri's mock runtime: real IPC requests, the real recognizer, no window.

use std::path::{Path, PathBuf};

use recognizer::Prediction;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

use crate::{run_app, HEIGHT_HEADER, MAX_CANVAS_SIDE, WIDTH_HEADER};

fn committed_model() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/digits-cnn.onnx")
}

fn window(model: PathBuf) -> WebviewWindow<tauri::test::MockRuntime> {
    let app = run_app(mock_builder(), model).build(mock_context(noop_assets())).expect("mock app");
    WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("mock window")
}

fn invoke(
    window: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    body: InvokeBody,
    size: Option<(&str, &str)>,
) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
    let mut headers = tauri::http::HeaderMap::new();
    if let Some((width, height)) = size {
        headers.insert(WIDTH_HEADER, width.parse().unwrap());
        headers.insert(HEIGHT_HEADER, height.parse().unwrap());
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

/// A white 200×200 canvas with a thick vertical stroke: a "1".
fn drawn_one() -> Vec<u8> {
    let side = 200;
    let mut rgba = vec![255u8; side * side * 4];
    for y in 40..160 {
        for x in 94..106 {
            rgba[(y * side + x) * 4..][..3].copy_from_slice(&[20, 20, 30]);
        }
    }
    rgba
}

#[test]
fn predict_reads_a_drawn_one_and_returns_what_the_model_saw() {
    let window = window(committed_model());
    let response = invoke(&window, "predict", InvokeBody::Raw(drawn_one()), Some(("200", "200")))
        .expect("predict succeeds");
    let prediction: Prediction = response.deserialize().unwrap();
    assert_eq!(prediction.digit, 1, "{prediction:?}");
    assert_eq!(prediction.probabilities.len(), 10);
    assert!((prediction.probabilities.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    assert_eq!(prediction.model_input.len(), 28 * 28);
}

#[test]
fn a_blank_canvas_is_a_message_not_a_guess() {
    let window = window(committed_model());
    let blank = vec![255u8; 100 * 100 * 4];
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
    assert!(error.as_str().unwrap().contains("raw RGBA"), "{error}");

    // Fewer bytes than width × height × 4.
    let error = invoke(&window, "predict", InvokeBody::Raw(vec![255; 10]), Some(("4", "4"))).unwrap_err();
    assert!(!error.as_str().unwrap().is_empty());
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
