//! Corrections and the person's samples (names in `protocol::ipc`): correct one digit or the whole number of a
//! kept reading, confirm it, count, export and import the samples, and "Delete all my data". Desktop only, like
//! the history they live in.

use std::path::PathBuf;

use history::{History, HistoryError, Labels};
use protocol::{ipc, KeptReading, Labelled, SamplesMoved};
use tauri::{AppHandle, Runtime, State};

use crate::error::Work;
use crate::history::{now_ms, HistoryState};
use crate::history_commands::using;
use crate::logging::{self, failed, LogFile};
use crate::work::off_runtime;
use crate::window_place;
use crate::{learning, CommandError, ModelState};

/// Entry `id` as the result panel shows it.
pub fn kept(id: i64, labels: Labels) -> KeptReading {
    KeptReading { id, corrected: labels.corrected, samples: labels.samples as u32 }
}

/// Runs a correction or confirmation of entry `id`; answers the entry as it now stands and the sample count.
async fn labelling(
    command: &str,
    history: &State<'_, HistoryState>,
    id: i64,
    label: impl FnOnce(&mut History) -> Result<Labels, HistoryError> + Send + 'static,
) -> Result<Labelled, CommandError> {
    using(command, history, move |db| {
        let labels = label(db)?;
        Ok(Labelled { kept: kept(id, labels), sample_count: db.sample_count()? as u32 })
    })
    .await
}

/// Digit `position` of entry `id` is `digit`.
#[tauri::command]
pub async fn correct_digit(id: i64, position: usize, digit: u8, history: State<'_, HistoryState>) -> Result<Labelled, CommandError> {
    labelling(ipc::CORRECT_DIGIT, &history, id, move |db| db.correct_digit(id, position, digit, now_ms())).await
}

/// Entry `id` is `number` (as many digits as were read).
#[tauri::command]
pub async fn correct_number(id: i64, number: String, history: State<'_, HistoryState>) -> Result<Labelled, CommandError> {
    labelling(ipc::CORRECT_NUMBER, &history, id, move |db| db.correct_number(id, &number, now_ms())).await
}

/// Entry `id` was read right.
#[tauri::command]
pub async fn confirm_reading(id: i64, history: State<'_, HistoryState>) -> Result<Labelled, CommandError> {
    labelling(ipc::CONFIRM_READING, &history, id, move |db| db.confirm(id, now_ms())).await
}

#[tauri::command]
pub async fn sample_count(history: State<'_, HistoryState>) -> Result<u32, CommandError> {
    using(ipc::SAMPLE_COUNT, &history, |db| Ok(db.sample_count()? as u32)).await
}

/// Writes every sample into a new folder inside `folder`. The files are written without holding the history.
#[tauri::command]
pub async fn export_samples(folder: PathBuf, history: State<'_, HistoryState>) -> Result<SamplesMoved, CommandError> {
    let samples = using(ipc::EXPORT_SAMPLES, &history, |db| db.samples()).await?;
    let count = samples.len() as u32;
    let written = off_runtime(Work::MovingSamples, move || Ok(history::export_samples(&samples, &folder)?)).await;
    let written = failed(ipc::EXPORT_SAMPLES, written)?;
    log::info!("{count} samples exported");
    Ok(SamplesMoved { count, skipped: 0, folder: written.display().to_string(), sample_count: count })
}

/// Adds the samples in `folder` (IDX files or PNGs with `labels.csv`), skipping those already stored.
#[tauri::command]
pub async fn import_samples(folder: PathBuf, history: State<'_, HistoryState>) -> Result<SamplesMoved, CommandError> {
    let shown = folder.display().to_string();
    let read = off_runtime(Work::MovingSamples, move || Ok(history::import_samples(&folder)?)).await;
    let samples = failed(ipc::IMPORT_SAMPLES, read)?;
    let found = samples.len();
    let (added, total) = using(ipc::IMPORT_SAMPLES, &history, move |db| {
        let added = db.add_samples(&samples, now_ms())?;
        Ok((added, db.sample_count()?))
    })
    .await?;
    log::info!("{added} of {found} samples imported");
    Ok(SamplesMoved { count: added as u32, skipped: (found - added) as u32, folder: shown, sample_count: total as u32 })
}

/// "Delete all my data": the history, the samples and the settings (the window's saved size and place among them:
/// `window_place::forget` says when they are written again), the personal model, then the logs.
#[tauri::command]
pub async fn delete_all_data<R: Runtime>(
    app: AppHandle<R>,
    history: State<'_, HistoryState>,
    model: State<'_, ModelState>,
    log_file: State<'_, LogFile>,
) -> Result<(), CommandError> {
    using(ipc::DELETE_ALL_DATA, &history, History::delete_everything).await?;
    let model = model.inner().clone();
    let forgotten = off_runtime(Work::DeletingData, move || learning::forget(&model).map_err(CommandError::DeletingPersonalModel));
    failed(ipc::DELETE_ALL_DATA, forgotten.await)?;
    if let Some(file) = log_file.0.clone() {
        let deleted = off_runtime(Work::DeletingData, move || logging::delete_logs(&file).map_err(CommandError::DeletingLogs));
        failed(ipc::DELETE_ALL_DATA, deleted.await)?;
    }
    failed(ipc::DELETE_ALL_DATA, window_place::forget(&app).map_err(CommandError::DeletingWindowPlace))?;
    log::info!("the person deleted all their data");
    Ok(())
}
