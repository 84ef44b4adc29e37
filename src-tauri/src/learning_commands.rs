//! "Learn my handwriting" (names in `protocol::ipc`): the status the Learning section shows, a learning run
//! off the async runtime with its progress as events and a Cancel, and the switch between the built-in and the
//! personal model. Desktop only, like the samples it learns from.

use protocol::{ipc, ActiveModel, LearningOutcome, LearningProgress, LearningStatus};
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::error::Work;
use crate::history::HistoryState;
use crate::history_commands::using;
use crate::learning::{self, LearningError, LearningState};
use crate::logging::failed;
use crate::work::off_runtime;
use crate::{CommandError, ModelState};

/// The Learning section's state; it waits for the built-in model to be loaded (off the runtime).
async fn status(model: &ModelState, learning: &LearningState, history: &State<'_, HistoryState>) -> Result<LearningStatus, CommandError> {
    let samples = using(ipc::LEARNING_STATUS, history, |db| db.sample_count()).await? as u32;
    let running = learning.is_running();
    let model = model.clone();
    off_runtime(Work::Learning, move || {
        let record = model.personal_folder().and_then(|folder| folder.record());
        let current = model.current_record();
        let outdated = record.is_some() && current.is_none();
        let active = if model.personal_in_use().is_some() { ActiveModel::Personal } else { ActiveModel::BuiltIn };
        let unavailable = learning::general_digits_dir().is_none().then(|| LearningError::NoGeneralDigits.to_string());
        Ok(LearningStatus { active, personal: current.map(|r| r.model), outdated, samples, unavailable, running })
    })
    .await
}

#[tauri::command]
pub async fn learning_status(
    model: State<'_, ModelState>,
    learning: State<'_, LearningState>,
    history: State<'_, HistoryState>,
) -> Result<LearningStatus, CommandError> {
    failed(ipc::LEARNING_STATUS, status(&model, &learning, &history).await)
}

/// Learns from every stored sample; progress goes out as [`ipc::LEARNING_PROGRESS`] events (about a hundred
/// per run). Answers `Cancelled` after [`cancel_learning`], with nothing changed.
#[tauri::command]
pub async fn learn_handwriting<R: Runtime>(
    app: AppHandle<R>,
    model: State<'_, ModelState>,
    learning: State<'_, LearningState>,
    history: State<'_, HistoryState>,
) -> Result<LearningOutcome, CommandError> {
    let run = failed(ipc::LEARN_HANDWRITING, learning.start().map_err(CommandError::from))?;
    let samples = using(ipc::LEARN_HANDWRITING, &history, |db| db.samples()).await?;
    let (state, learning_state, cancel) = (model.inner().clone(), learning.inner().clone(), run.cancel.clone());
    let learnt = off_runtime(Work::Learning, move || {
        let mut last = -1.0;
        let progress = |p: LearningProgress| {
            // About a hundred events a run: enough for a smooth bar, few enough for the IPC.
            if p.fraction - last >= 0.01 || p.fraction >= 1.0 || p.fraction == 0.0 {
                last = p.fraction;
                app.emit(ipc::LEARNING_PROGRESS, p).ok();
            }
        };
        // A built-in model that could not load is reported as such (ModelUnavailable), as every reading does.
        let built_in = state.built_in()?;
        learning::learn(&state, &built_in, &learning_state, &samples, &cancel, progress).map_err(CommandError::from)
    })
    .await;
    drop(run);
    let learnt = failed(ipc::LEARN_HANDWRITING, learnt)?;
    let status = status(&model, &learning, &history).await?;
    Ok(LearningOutcome { adopted: learnt.refusal.is_none(), refusal: learnt.refusal, figures: learnt.figures, status })
}

#[tauri::command]
pub fn cancel_learning(learning: State<'_, LearningState>) {
    learning.cancel();
}

/// Switches to the built-in model or back to the personal one; answers the status as it now stands.
#[tauri::command]
pub async fn use_model(
    model: ActiveModel,
    state: State<'_, ModelState>,
    learning: State<'_, LearningState>,
    history: State<'_, HistoryState>,
) -> Result<LearningStatus, CommandError> {
    let switching = state.inner().clone();
    let switched = off_runtime(Work::Learning, move || {
        Ok(learning::use_model(&switching, model == ActiveModel::Personal)?)
    });
    failed(ipc::USE_MODEL, switched.await)?;
    log::info!("the {} model reads", if model == ActiveModel::Personal { "personal" } else { "built-in" });
    failed(ipc::USE_MODEL, status(&state, &learning, &history).await)
}
