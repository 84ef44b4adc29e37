//! Learning the person's handwriting (issue 15) with the trainer's engine (`trainer::adapt`): only the
//! model's two dense layers learn, on the person's samples mixed with general digits packaged with the app
//! (`trainer::general_digits`), and the result is adopted only if `adapt::Verdict` allows it. Desktop only,
//! like the samples it learns from.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use protocol::{LearningFigures, LearningProgress, PersonalModel, LEAST_SAMPLES_TO_LEARN};
use recognizer::{ModelError, Recognizer};
use trainer::adapt::{self, AdaptConfig, Adapter, Checks, Sample, Verdict};
use trainer::general_digits::{self, GeneralDigits};

use trainer::validation::ValidationSets;

use crate::history::now_ms;
use crate::personal_model::Record;
use crate::ModelState;

#[derive(Debug, thiserror::Error)]
pub enum LearningError {
    #[error("Learning needs at least {LEAST_SAMPLES_TO_LEARN} corrected or confirmed digits; there are {have}.")]
    TooFewSamples { have: usize },
    #[error("The app is already learning your handwriting.")]
    AlreadyLearning,
    #[error("This copy of the app was built without the general digits that learning checks against, so it cannot learn.")]
    NoGeneralDigits,
    #[error("The general digits packaged with the app could not be read, so it cannot learn; the details are in the log.")]
    GeneralDigits(#[source] anyhow::Error),
    #[error("Learning failed inside the app; the details are in the log.")]
    Engine(#[source] anyhow::Error),
    #[error("There is no personal model to use: learn one first.")]
    NoPersonalModel,
    #[error("Your model could not be saved: {0}.")]
    Saving(#[source] std::io::Error),
    #[error("Your model could not be loaded; the details are in the log.")]
    Loading(#[source] ModelError),
    #[error("Learning was cancelled; nothing changed.")]
    Cancelled,
}

/// Where the general digits are: `DIGITS_GENERAL_DIGITS`, the app's resource folders, beside the executable
/// (an installed .deb), else the workspace's `target/` (where `scripts/general-digits.sh` writes them).
pub fn general_digits_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DIGITS_GENERAL_DIGITS") {
        return Some(PathBuf::from(dir)).filter(|d| d.is_dir());
    }
    let in_resources = recognizer::resources::dirs().into_iter().map(|d| d.join(general_digits::FOLDER));
    let beside_exe = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf));
    let beside_exe = beside_exe.into_iter().flat_map(|dir| {
        [dir.join(general_digits::FOLDER), dir.join("../lib/digit-recognizer").join(general_digits::FOLDER)]
    });
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target").join(general_digits::FOLDER);
    in_resources.chain(beside_exe).chain([workspace]).find(|d| d.join(general_digits::SOURCE).is_file())
}

/// The engine, ready for anyone's samples: built once from the built-in model and the general digits.
struct Prepared {
    built_in_sha256: Option<String>,
    adapter: Adapter,
    general: GeneralDigits,
    non_digits: ValidationSets,
}

/// The learning run in progress (its Cancel switch), and the engine kept between runs. Cloning shares them, so
/// the run can take them off the async runtime.
#[derive(Clone, Default)]
pub struct LearningState {
    running: Arc<Mutex<Option<Arc<AtomicBool>>>>,
    prepared: Arc<Mutex<Option<Arc<Prepared>>>>,
}

/// Marks a run as started; the run ends when it is dropped.
pub struct Run {
    state: LearningState,
    pub cancel: Arc<AtomicBool>,
}

impl Drop for Run {
    fn drop(&mut self) {
        *lock(&self.state.running) = None;
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl LearningState {
    pub fn is_running(&self) -> bool {
        lock(&self.running).is_some()
    }

    /// Starts a run, unless one is already going.
    pub fn start(&self) -> Result<Run, LearningError> {
        let mut running = lock(&self.running);
        if running.is_some() {
            return Err(LearningError::AlreadyLearning);
        }
        let cancel = Arc::new(AtomicBool::new(false));
        *running = Some(cancel.clone());
        Ok(Run { state: self.clone(), cancel })
    }

    pub fn cancel(&self) {
        if let Some(cancel) = lock(&self.running).as_ref() {
            cancel.store(true, Ordering::Relaxed);
        }
    }

    fn prepared(&self, model: &ModelState, built_in: &Recognizer) -> Result<Arc<Prepared>, LearningError> {
        let sha = model.built_in_sha256();
        let mut prepared = lock(&self.prepared);
        if let Some(ready) = prepared.as_ref().filter(|p| p.built_in_sha256 == sha) {
            return Ok(ready.clone());
        }
        let dir = general_digits_dir().ok_or(LearningError::NoGeneralDigits)?;
        let general = general_digits::load(&dir).map_err(LearningError::GeneralDigits)?;
        let adapter = Adapter::new(built_in.classifier().model_path(), &general.replay).map_err(LearningError::Engine)?;
        // The same seed as `trainer adapt`'s, so the app and the trainer judge alike.
        let non_digits = ValidationSets::new(&[], 5);
        let ready = Arc::new(Prepared { built_in_sha256: sha, adapter, general, non_digits });
        *prepared = Some(ready.clone());
        Ok(ready)
    }
}

/// The share of the progress bar for getting ready.
const READY: f64 = 0.05;

/// What a finished run found: the figures, and the new model if it was adopted (already saved and reading).
pub struct Learnt {
    pub figures: LearningFigures,
    pub refusal: Option<String>,
}

/// Learns from `samples` (28×28, ink 255, with their labels), reporting progress; saves and uses the result if
/// the rule adopts it. Blocking: run it off the async runtime.
pub fn learn(
    model: &ModelState,
    built_in: &Recognizer,
    learning: &LearningState,
    samples: &[history::Sample],
    cancel: &AtomicBool,
    mut progress: impl FnMut(LearningProgress),
) -> Result<Learnt, LearningError> {
    if samples.len() < LEAST_SAMPLES_TO_LEARN as usize {
        return Err(LearningError::TooFewSamples { have: samples.len() });
    }
    progress(LearningProgress { fraction: 0.0, stage: "Getting ready".into() });
    let prepared = learning.prepared(model, built_in)?;
    // Getting ready (the general digits' features, once per run of the app) is the bar's first step.
    progress(LearningProgress { fraction: READY, stage: "Getting ready".into() });
    let personal: Vec<Sample> = samples.iter().map(|s| Sample::from_bytes(&s.input, s.label)).collect();
    let folds = adapt::folds_for(personal.len());
    let checks = Checks { general: &prepared.general.check, non_digits: &prepared.non_digits };
    let mut watch = |fraction: f64| {
        progress(LearningProgress { fraction: READY + (1.0 - READY) * fraction, stage: stage(fraction, folds).into() });
        !cancel.load(Ordering::Relaxed)
    };
    let learnt = prepared.adapter.learn_and_check(&personal, &AdaptConfig::default(), folds, &checks, &mut watch);
    let (net, _, verdict) = learnt.map_err(|error| match error.downcast_ref::<adapt::Cancelled>() {
        Some(_) => LearningError::Cancelled,
        None => LearningError::Engine(error),
    })?;
    let figures = figures(&verdict);
    let refusal = verdict.refusal();
    if refusal.is_some() {
        return Ok(Learnt { figures, refusal });
    }
    progress(LearningProgress { fraction: 1.0, stage: "Saving your model".into() });
    let folder = model.personal_folder().ok_or(LearningError::Saving(std::io::ErrorKind::NotFound.into()))?;
    let now = now_ms();
    let path = folder.new_model_path(now).map_err(LearningError::Saving)?;
    let doc = format!("The built-in model with its dense layers fine-tuned on {} of the person's samples.", personal.len());
    let onnx = trainer::onnx_export::export(&net, &doc).map_err(LearningError::Engine)?;
    trainer::onnx_export::write(&onnx, &path).map_err(LearningError::Engine)?;
    // Read back before it is adopted, so a model that cannot be loaded never replaces a working one.
    let recognizer = Recognizer::load(&path).map_err(LearningError::Loading)?;
    let record = Record {
        file: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        built_in_sha256: prepared.built_in_sha256.clone().unwrap_or_default(),
        active: true,
        model: PersonalModel { learnt_ms: now, samples: personal.len() as u32, figures },
    };
    folder.adopt(&record).map_err(LearningError::Saving)?;
    model.use_personal(Some(Arc::new(recognizer)));
    log::info!("a personal model learnt from {} samples now reads: {figures:?}", personal.len());
    Ok(Learnt { figures, refusal: None })
}

/// What the run is doing at `fraction`: `folds` models learnt without some samples, the one kept, then the
/// checks (their share of the run is `adapt::CHECKS_WEIGHT` of one model's).
fn stage(fraction: f64, folds: usize) -> &'static str {
    let whole = folds as f64 + 1.0 + adapt::CHECKS_WEIGHT;
    if fraction < folds as f64 / whole {
        "Testing on your samples it has not seen"
    } else if fraction < (folds as f64 + 1.0) / whole {
        "Learning from all your samples"
    } else {
        "Checking that it still reads other people's digits"
    }
}

fn figures(verdict: &Verdict) -> LearningFigures {
    LearningFigures {
        held_out: verdict.held_out as u32,
        right_before: verdict.right_before as u32,
        right_after: verdict.right_after as u32,
        newly_wrong: verdict.newly_wrong as u32,
        general_before: verdict.general_before,
        general_after: verdict.general_after,
        non_digit_unsure_before: verdict.non_digit_unsure_before,
        non_digit_unsure_after: verdict.non_digit_unsure_after,
    }
}

/// Switches between the built-in and the personal model; the personal one must exist and not be outdated.
pub fn use_model(model: &ModelState, personal: bool) -> Result<(), LearningError> {
    let Some(folder) = model.personal_folder() else { return Err(LearningError::NoPersonalModel) };
    if !personal {
        folder.set_active(false).map_err(LearningError::Saving)?;
        model.use_personal(None);
        return Ok(());
    }
    let record = model.current_record().ok_or(LearningError::NoPersonalModel)?;
    let recognizer = Recognizer::load(&folder.model_path(&record)).map_err(LearningError::Loading)?;
    folder.set_active(true).map_err(LearningError::Saving)?;
    model.use_personal(Some(Arc::new(recognizer)));
    Ok(())
}

/// "Delete all my data": the personal model goes, and the built-in one reads.
pub fn forget(model: &ModelState) -> std::io::Result<()> {
    model.use_personal(None);
    model.personal_folder().map_or(Ok(()), |folder| folder.delete())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stage_follows_the_folds() {
        assert_eq!(stage(0.1, 4), "Testing on your samples it has not seen");
        assert_eq!(stage(0.85, 4), "Learning from all your samples");
        assert_eq!(stage(0.95, 4), "Checking that it still reads other people's digits");
    }
}
