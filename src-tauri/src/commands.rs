//! IPC commands. `predict` takes the canvas as a raw RGBA body (no base64) with its size in headers.

use recognizer::Prediction;
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use crate::{CommandError, ModelState};

pub const WIDTH_HEADER: &str = "x-image-width";
pub const HEIGHT_HEADER: &str = "x-image-height";
/// Largest canvas side accepted over IPC; the UI downsamples to well under this.
pub const MAX_CANVAS_SIDE: u32 = 2048;

fn dimension(request: &Request<'_>, name: &str) -> Result<u32, CommandError> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|&v| (1..=MAX_CANVAS_SIDE).contains(&v))
        .ok_or_else(|| {
            CommandError::BadRequest(format!("the image size is missing or over {MAX_CANVAS_SIDE} pixels ({name})"))
        })
}

/// Reads the digit drawn on the canvas.
#[tauri::command]
pub async fn predict(request: Request<'_>, state: State<'_, ModelState>) -> Result<Prediction, CommandError> {
    let InvokeBody::Raw(rgba) = request.body() else {
        return Err(CommandError::BadRequest("expected the canvas as raw RGBA bytes".into()));
    };
    let (width, height) = (dimension(&request, WIDTH_HEADER)?, dimension(&request, HEIGHT_HEADER)?);
    let recognizer = state.get().map_err(CommandError::Unavailable)?;
    Ok(recognizer.recognize_rgba(rgba, width, height)?)
}

/// `Ok` once the model is ready, or the reason it cannot be used.
#[tauri::command]
pub async fn model_status(state: State<'_, ModelState>) -> Result<(), CommandError> {
    state.get().map(|_| ()).map_err(CommandError::Unavailable)
}
