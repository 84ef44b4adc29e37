//! Calls into the Rust side through `window.__TAURI__.core.invoke` (the app sets `withGlobalTauri`).

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::state::Prediction;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue, options: JsValue) -> Result<JsValue, JsValue>;
}

fn message(error: JsValue) -> String {
    error.as_string().unwrap_or_else(|| {
        // Not a command error (those are strings) but a failure of IPC itself.
        js_sys::JSON::stringify(&error).map(String::from).unwrap_or_else(|_| "unknown error".into())
    })
}

fn has_tauri() -> bool {
    let window = web_sys::window().expect("window");
    Reflect::get(&window, &"__TAURI__".into()).map(|v| !v.is_undefined()).unwrap_or(false)
}

/// Sends the canvas pixels (RGBA, row-major) as a raw IPC body, with the size in headers.
pub async fn predict(rgba: &[u8], width: u32, height: u32) -> Result<Prediction, String> {
    if !has_tauri() {
        return Err("The recognizer is only available inside the Digit Recognizer app".into());
    }
    let headers = Object::new();
    Reflect::set(&headers, &"x-image-width".into(), &width.to_string().into()).ok();
    Reflect::set(&headers, &"x-image-height".into(), &height.to_string().into()).ok();
    let options = Object::new();
    Reflect::set(&options, &"headers".into(), &headers).ok();
    let body = Uint8Array::from(rgba);
    let value = tauri_invoke("predict", body.into(), options.into()).await.map_err(message)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// `Ok` when the model is loaded, or the reason it is not.
pub async fn model_status() -> Result<(), String> {
    if !has_tauri() {
        return Err("The recognizer is only available inside the Digit Recognizer app".into());
    }
    tauri_invoke("model_status", JsValue::UNDEFINED, JsValue::UNDEFINED).await.map(|_| ()).map_err(message)
}
