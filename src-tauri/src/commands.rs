//! IPC commands. `predict` takes the canvas as a raw body of grey bytes (no base64) with its size in headers;
//! images arrive as a path (file dialog, drag and drop, Open with) or as the file's raw bytes (paste).

use std::path::PathBuf;

use recognizer::{NumberReading, OpenedImage};
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use crate::{CommandError, LaunchFile, ModelState, Startup};

pub const WIDTH_HEADER: &str = "x-image-width";
pub const HEIGHT_HEADER: &str = "x-image-height";
/// The pasted or dropped file's name, percent-encoded.
pub const NAME_HEADER: &str = "x-file-name";
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

/// Reads the digits drawn on the canvas.
#[tauri::command]
pub async fn predict(request: Request<'_>, state: State<'_, ModelState>) -> Result<NumberReading, CommandError> {
    let InvokeBody::Raw(grey) = request.body() else {
        return Err(CommandError::BadRequest("expected the canvas as raw grey bytes, one per pixel".into()));
    };
    let (width, height) = (dimension(&request, WIDTH_HEADER)?, dimension(&request, HEIGHT_HEADER)?);
    let recognizer = state.get().map_err(CommandError::Unavailable)?;
    Ok(recognizer.read_canvas_grey(grey, width, height)?)
}

/// Opens an image file chosen in the file dialog, dropped on the window or given on the command line.
#[tauri::command]
pub async fn open_image(path: PathBuf, state: State<'_, ModelState>) -> Result<OpenedImage, CommandError> {
    let recognizer = state.get().map_err(CommandError::Unavailable)?;
    Ok(recognizer.open_image_file(&path)?)
}

/// Reads an image sent as the raw bytes of its file (a pasted image).
#[tauri::command]
pub async fn open_image_bytes(request: Request<'_>, state: State<'_, ModelState>) -> Result<OpenedImage, CommandError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::BadRequest("expected the image file as raw bytes".into()));
    };
    let name = request
        .headers()
        .get(NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|v| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
        .unwrap_or_else(|| "Pasted image".into());
    let recognizer = state.get().map_err(CommandError::Unavailable)?;
    Ok(recognizer.open_image_bytes(bytes, name)?)
}

/// The image the app was started with ("Open with", or a path on the command line), handed out once.
#[tauri::command]
pub fn launch_image(launch: State<'_, LaunchFile>) -> Option<PathBuf> {
    launch.take()
}

/// The UI has painted its first frame: milliseconds since the app started (the first report is kept).
#[tauri::command]
pub fn window_painted(startup: State<'_, Startup>) -> f64 {
    startup.painted()
}

/// Where the model and ONNX Runtime were loaded from.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ModelInfo {
    pub model: PathBuf,
    pub runtime: Option<PathBuf>,
}

/// Where the model came from once it is ready, or the reason it cannot be used.
#[tauri::command]
pub async fn model_status(state: State<'_, ModelState>) -> Result<ModelInfo, CommandError> {
    let recognizer = state.get().map_err(CommandError::Unavailable)?;
    Ok(ModelInfo {
        model: recognizer.classifier().model_path().to_path_buf(),
        runtime: recognizer::runtime::loaded_library().map(Into::into),
    })
}
