//! IPC commands (names in `protocol::ipc`). `predict` takes the canvas as a raw body of grey bytes (no
//! base64) with its size in headers; images arrive as a path (file dialog, drag and drop, Open with) or as
//! the file's raw bytes (paste). Decoding and the model run off the async runtime (`work`); a newer open
//! supersedes an older one. Every failure is logged with its causes.

use std::path::{Path, PathBuf};

use image::RgbaImage;
use protocol::ipc::{HEIGHT_HEADER, NAME_HEADER, REVISION_HEADER, WIDTH_HEADER};
use recognizer::canvas_request::parse_canvas;
use protocol::{KeptReading, ModelStatus, NumberReading, OpenedImage};
use recognizer::image_file;
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use crate::error::Work;
use crate::history::HistoryState;
use crate::logging::failed;
use crate::preview::preview_data_url;
use crate::work::{off_runtime, OpenRequests, Ticket};
use crate::{CommandError, LaunchFile, ModelState, Startup};

/// Reads the digits drawn on the canvas. The UI sends one drawing at a time, so nothing supersedes it.
#[tauri::command]
pub async fn predict(
    request: Request<'_>,
    state: State<'_, ModelState>,
    history: State<'_, HistoryState>,
) -> Result<NumberReading, CommandError> {
    failed(protocol::ipc::PREDICT, read_canvas(&request, &state, &history).await)
}

/// Reads the canvas; a drawing sent with its revision is remembered, for the history once it is finished.
async fn read_canvas(request: &Request<'_>, state: &ModelState, history: &HistoryState) -> Result<NumberReading, CommandError> {
    let InvokeBody::Raw(grey) = request.body() else {
        return Err(CommandError::NotRawBytes { what: "canvas's grey pixels" });
    };
    let header = |name: &str| request.headers().get(name).map(|value| value.as_bytes());
    let canvas = parse_canvas(header(WIDTH_HEADER), header(HEIGHT_HEADER), grey)?;
    let (width, height) = (canvas.width, canvas.height);
    let revision = header(REVISION_HEADER).and_then(|v| std::str::from_utf8(v).ok()?.parse::<u32>().ok());
    // The body is borrowed from the request; the canvas is small (the UI sends 140×140).
    let (grey, state) = (grey.clone(), state.clone());
    let (reading, grey) =
        off_runtime(Work::ReadingDrawing, move || Ok((state.get()?.read_canvas_grey(&grey, width, height)?, grey))).await?;
    if let Some(revision) = revision {
        history.keep_drawing(revision, grey, width, height, &reading);
    }
    Ok(reading)
}

/// Opens an image file chosen in the file dialog, dropped on the window or given on the command line.
#[tauri::command]
pub async fn open_image(
    path: PathBuf,
    state: State<'_, ModelState>,
    requests: State<'_, OpenRequests>,
    history: State<'_, HistoryState>,
) -> Result<OpenedImage, CommandError> {
    let name = file_name(&path);
    log::info!("opening {name}");
    let (state, history, shown) = (state.inner().clone(), history.inner().clone(), name.clone());
    let result = requests
        .open(move |ticket| {
            crate::work::test_open_delay();
            let image = image_file::open_image_file(&path)?;
            opened(ticket, &state, &history, &image, shown)
        })
        .await;
    failed(format_args!("{} {name}", protocol::ipc::OPEN_IMAGE), result)
}

/// Reads an image sent as the raw bytes of its file (a pasted image).
#[tauri::command]
pub async fn open_image_bytes(
    request: Request<'_>,
    state: State<'_, ModelState>,
    requests: State<'_, OpenRequests>,
    history: State<'_, HistoryState>,
) -> Result<OpenedImage, CommandError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return failed(protocol::ipc::OPEN_IMAGE_BYTES, Err(CommandError::NotRawBytes { what: "image file" }));
    };
    let name = request
        .headers()
        .get(NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|v| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned())
        .unwrap_or_else(|| "Pasted image".into());
    log::info!("opening pasted {name} ({} bytes)", bytes.len());
    let (bytes, state, history, shown) = (bytes.clone(), state.inner().clone(), history.inner().clone(), name.clone());
    let result =
        requests.open(move |ticket| opened(ticket, &state, &history, &image_file::decode_image_owned(bytes)?, shown)).await;
    failed(format_args!("{} {name}", protocol::ipc::OPEN_IMAGE_BYTES), result)
}

/// Stops the open in progress: it returns `Cancelled` at once and its result is dropped.
#[tauri::command]
pub fn cancel_open(requests: State<'_, OpenRequests>) {
    log::info!("open cancelled");
    requests.cancel();
}

/// The reading of a decoded picture, with the preview the UI draws its boxes over, kept in the history. A
/// request superseded while it decoded stops here, before the model runs; one superseded while it was read
/// is not kept.
fn opened(
    ticket: &Ticket,
    state: &ModelState,
    history: &HistoryState,
    image: &RgbaImage,
    name: String,
) -> Result<OpenedImage, CommandError> {
    if !ticket.is_current() {
        return Err(CommandError::Cancelled);
    }
    let reading = state.get()?.read_image(image)?;
    if !ticket.is_current() {
        return Err(CommandError::Cancelled);
    }
    let kept = history.record_picture(&name, image, &reading).map(KeptReading::new);
    Ok(OpenedImage { name, preview: preview_data_url(image), reading, kept })
}

/// The name shown under an opened picture.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
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

/// Where the model came from once it is ready, or the reason it cannot be used.
#[tauri::command]
pub async fn model_status(state: State<'_, ModelState>) -> Result<ModelStatus, CommandError> {
    // Off the runtime: it waits for the model to finish loading.
    let state = state.inner().clone();
    let result = off_runtime(Work::LoadingModel, move || {
        let recognizer = state.get()?;
        Ok(ModelStatus {
            model: recognizer.classifier().model_path().to_path_buf(),
            runtime: recognizer::runtime::loaded_library().map(Into::into),
        })
    });
    failed(protocol::ipc::MODEL_STATUS, result.await)
}
