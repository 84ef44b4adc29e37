//! The History panel's commands (names in `protocol::ipc`): list, search, reopen, delete, clear, settings,
//! and keeping a finished drawing. Each runs off the async runtime: SQLite and the thumbnails block.

use base64::Engine as _;
use history::{History, Labels, Retention, Source, Summary};
use image::ImageFormat;
use protocol::{ipc, HistorySettings, HistorySummary, OpenedImage};
use tauri::State;

use crate::error::Work;
use crate::history::{now_ms, HistoryState};
use crate::logging::failed;
use crate::preview::{flattened, jpeg_data_url};
use crate::work::off_runtime;
use crate::CommandError;

/// Longest side of a thumbnail in the list: sharp at twice its size on screen.
const THUMBNAIL_SIDE: u32 = 112;
/// The most entries one list request returns.
const MOST_LISTED: usize = 500;
/// What a reopened drawing is called in place of a file name.
pub const DRAWING_NAME: &str = "Drawing";

pub(crate) async fn using<T: Send + 'static>(
    command: &str,
    history: &State<'_, HistoryState>,
    work: impl FnOnce(&mut History) -> Result<T, history::HistoryError> + Send + 'static,
) -> Result<T, CommandError> {
    let history = history.inner().clone();
    failed(command, off_runtime(Work::UsingHistory, move || history.with(work)).await)
}

/// Keeps the drawing last read with this revision: the UI calls it once the drawing is finished. `None`
/// when that drawing is not the last one read, or history is off.
#[tauri::command]
pub async fn record_drawing(revision: u32, history: State<'_, HistoryState>) -> Result<Option<i64>, CommandError> {
    let history = history.inner().clone();
    failed(ipc::RECORD_DRAWING, off_runtime(Work::UsingHistory, move || history.record_drawing(revision)).await)
}

/// The newest `limit` entries, only those whose number contains `search` when it is given.
#[tauri::command]
pub async fn history_list(
    search: Option<String>,
    limit: usize,
    history: State<'_, HistoryState>,
) -> Result<Vec<HistorySummary>, CommandError> {
    let search = search.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let limit = limit.min(MOST_LISTED);
    let summaries = using(ipc::HISTORY_LIST, &history, move |db| db.list(search.as_deref(), limit, 0)).await?;
    Ok(summaries.into_iter().map(summary).collect())
}

fn summary(entry: Summary) -> HistorySummary {
    let thumbnail = image::load_from_memory_with_format(&entry.thumbnail_png, ImageFormat::Png)
        .map(|picture| jpeg_data_url(&flattened(&picture.to_rgba8(), THUMBNAIL_SIDE)))
        .unwrap_or_default();
    HistorySummary {
        id: entry.id,
        time_ms: entry.time_ms,
        file_name: match entry.source {
            Source::Canvas => None,
            Source::File(name) => Some(name),
        },
        number: entry.number,
        unsure: entry.unsure,
        corrected: entry.corrected,
        samples: entry.samples as u32,
        thumbnail_data_url: thumbnail,
    }
}

/// One entry as an opened image: its kept picture and the reading, boxes and all.
#[tauri::command]
pub async fn history_open(id: i64, history: State<'_, HistoryState>) -> Result<OpenedImage, CommandError> {
    let entry = using(ipc::HISTORY_OPEN, &history, move |db| db.get(id)).await?;
    let name = match entry.summary.source {
        Source::Canvas => DRAWING_NAME.to_string(),
        Source::File(name) => name,
    };
    let png = base64::engine::general_purpose::STANDARD.encode(&entry.summary.thumbnail_png);
    let labels = Labels { corrected: entry.summary.corrected, samples: entry.summary.samples };
    let kept = Some(crate::samples_commands::kept(id, labels));
    Ok(OpenedImage { name, preview: format!("data:image/png;base64,{png}"), reading: entry.reading, kept })
}

#[tauri::command]
pub async fn history_delete(id: i64, history: State<'_, HistoryState>) -> Result<(), CommandError> {
    using(ipc::HISTORY_DELETE, &history, move |db| db.delete(id)).await
}

#[tauri::command]
pub async fn history_clear(history: State<'_, HistoryState>) -> Result<(), CommandError> {
    using(ipc::HISTORY_CLEAR, &history, History::clear).await
}

fn settings(retention: Retention) -> HistorySettings {
    HistorySettings { enabled: retention.enabled, max_entries: retention.max_entries }
}

#[tauri::command]
pub async fn history_settings(history: State<'_, HistoryState>) -> Result<HistorySettings, CommandError> {
    using(ipc::HISTORY_SETTINGS, &history, |db| db.retention().map(settings)).await
}

/// Saves the settings and applies the limit at once; answers the settings as saved.
#[tauri::command]
pub async fn set_history_settings(
    settings: HistorySettings,
    history: State<'_, HistoryState>,
) -> Result<HistorySettings, CommandError> {
    using(ipc::SET_HISTORY_SETTINGS, &history, move |db| {
        let retention = Retention { enabled: settings.enabled, max_entries: settings.max_entries, ..db.retention()? };
        db.set_retention(retention, now_ms())?;
        db.retention().map(self::settings)
    })
    .await
}

/// What the person must be told about the history (a damaged file moved aside), once.
#[tauri::command]
pub fn history_notice(history: State<'_, HistoryState>) -> Option<String> {
    history.take_notice()
}
