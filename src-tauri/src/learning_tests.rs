//! "Learn my handwriting" through the app's commands, on the mock runtime: the status, the refusals, a real
//! learning run that is adopted and read with, the switch back, outdated and damaged personal models, and
//! "Delete all my data". Needs the general digits (`scripts/general-digits.sh`, run by `scripts/test.sh`).

use std::path::Path;

use protocol::{ipc, ActiveModel, ErrorKind, LearningOutcome, LearningStatus, ModelStatus};
use rand::SeedableRng;
use serde_json::json;

use crate::personal_model::{sha256_hex, PersonalFolder, Record, FOLDER};
use crate::samples_tests::{app, call, refused};
use crate::tests::{committed_model, temp_folder};

fn status(window: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> LearningStatus {
    call(window, ipc::LEARNING_STATUS, json!({}))
}

/// `n` digits in the habit the app's end-to-end test teaches, stored as samples in the history at `folder`.
fn store_habit(folder: &Path, n: usize) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(21);
    let samples: Vec<([u8; 784], u8)> = trainer::adapt_bench::styled(handwriting::robustness::trajectories::Style::CrossedZedTwo, n, &mut rng)
        .into_iter()
        .map(|s| {
            let label = match s.target {
                trainer::examples::Target::Digit(d) => d,
                trainer::examples::Target::NotADigit => unreachable!("a habit is digits"),
            };
            (std::array::from_fn(|i| (s.input[i] * 255.0).round() as u8), label)
        })
        .collect();
    let mut db = history::History::open(&folder.join(crate::history::FILE_NAME)).unwrap();
    db.add_samples(&samples, 1).unwrap();
}

fn record(sha: &str, file: &str) -> Record {
    let figures = protocol::LearningFigures {
        held_out: 10,
        right_before: 0,
        right_after: 10,
        newly_wrong: 0,
        general_before: 0.99,
        general_after: 0.99,
        non_digit_unsure_before: 0.9,
        non_digit_unsure_after: 0.9,
    };
    Record { file: file.into(), built_in_sha256: sha.into(), active: true, model: protocol::PersonalModel { learnt_ms: 1, samples: 10, figures } }
}

fn model_in_use(window: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> std::path::PathBuf {
    call::<ModelStatus>(window, ipc::MODEL_STATUS, json!({})).model
}

#[test]
fn learning_needs_ten_samples_and_the_general_digits() {
    let window = app(&temp_folder(), &temp_folder());
    let fresh = status(&window);
    assert_eq!(fresh.unavailable, None, "run scripts/general-digits.sh first: the app finds no general digits");
    assert_eq!((fresh.active, fresh.personal, fresh.outdated, fresh.samples, fresh.running), (ActiveModel::BuiltIn, None, false, 0, false));
    let few = refused(&window, ipc::LEARN_HANDWRITING, json!({}));
    assert_eq!((few.kind, few.message.as_str()), (ErrorKind::BadRequest, "Learning needs at least 10 corrected or confirmed digits; there are 0."));
    let none = refused(&window, ipc::USE_MODEL, json!({ "model": "personal" }));
    assert_eq!(none.message, "There is no personal model to use: learn one first.");
}

#[test]
fn a_personal_model_from_another_built_in_model_is_offered_again_not_used() {
    let folder = temp_folder();
    let personal = PersonalFolder(folder.join(FOLDER));
    std::fs::create_dir_all(&personal.0).unwrap();
    std::fs::copy(committed_model(), personal.0.join("model-1.onnx")).unwrap();
    personal.adopt(&record("0123 an older built-in model", "model-1.onnx")).unwrap();
    let window = app(&folder, &temp_folder());
    let outdated = status(&window);
    assert_eq!((outdated.active, outdated.personal, outdated.outdated), (ActiveModel::BuiltIn, None, true));
    assert_eq!(model_in_use(&window), committed_model());
    let refusal = refused(&window, ipc::USE_MODEL, json!({ "model": "personal" }));
    assert_eq!(refusal.kind, ErrorKind::BadRequest);
}

#[test]
fn a_damaged_personal_model_leaves_the_built_in_one_reading() {
    let folder = temp_folder();
    let personal = PersonalFolder(folder.join(FOLDER));
    std::fs::create_dir_all(&personal.0).unwrap();
    std::fs::write(personal.0.join("model-1.onnx"), b"not an ONNX file").unwrap();
    personal.adopt(&record(&sha256_hex(&committed_model()).unwrap(), "model-1.onnx")).unwrap();
    let window = app(&folder, &temp_folder());
    assert_eq!(model_in_use(&window), committed_model());
    assert_eq!(status(&window).active, ActiveModel::BuiltIn);
    let damaged = refused(&window, ipc::USE_MODEL, json!({ "model": "personal" }));
    assert_eq!((damaged.kind, damaged.message.as_str()), (ErrorKind::Damaged, "Your model could not be loaded; the details are in the log."));
}

#[test]
fn a_learnt_habit_is_adopted_survives_a_restart_and_goes_with_all_my_data() {
    let folder = temp_folder();
    store_habit(&folder, 12);
    let window = app(&folder, &temp_folder());
    assert_eq!(status(&window).samples, 12);
    let outcome: LearningOutcome = call(&window, ipc::LEARN_HANDWRITING, json!({}));
    assert!(outcome.adopted, "{outcome:?}");
    let figures = outcome.figures;
    assert!(figures.right_after >= figures.right_before + 2 && figures.newly_wrong == 0, "{figures:?}");
    assert_eq!(outcome.status.active, ActiveModel::Personal);
    assert_eq!(outcome.status.personal.as_ref().map(|p| p.samples), Some(12));
    assert!(model_in_use(&window).starts_with(folder.join(FOLDER)), "the personal model reads");

    let back: LearningStatus = call(&window, ipc::USE_MODEL, json!({ "model": "built_in" }));
    assert_eq!(back.active, ActiveModel::BuiltIn);
    assert!(back.personal.is_some(), "going back keeps the personal model");
    assert_eq!(model_in_use(&window), committed_model());
    call::<LearningStatus>(&window, ipc::USE_MODEL, json!({ "model": "personal" }));

    let restarted = app(&folder, &temp_folder());
    assert_eq!(status(&restarted).active, ActiveModel::Personal, "the personal model still reads after a restart");
    drop(window);

    call::<()>(&restarted, ipc::DELETE_ALL_DATA, json!({}));
    let deleted = status(&restarted);
    assert_eq!((deleted.active, deleted.personal, deleted.samples), (ActiveModel::BuiltIn, None, 0));
    assert!(!folder.join(FOLDER).exists());
    assert_eq!(model_in_use(&restarted), committed_model());
}

#[test]
fn cancel_stops_learning_with_progress_shown_and_changes_nothing() {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;
    use tauri::{Listener, Manager};

    let folder = temp_folder();
    store_habit(&folder, 12);
    let window = app(&folder, &temp_folder());
    let events = Arc::new(AtomicU32::new(0));
    let counted = events.clone();
    window.app_handle().listen_any(ipc::LEARNING_PROGRESS, move |event| {
        let progress: protocol::LearningProgress = serde_json::from_str(event.payload()).unwrap();
        assert!((0.0..=1.0).contains(&progress.fraction) && !progress.stage.is_empty(), "{progress:?}");
        counted.fetch_add(1, Ordering::SeqCst);
    });
    let learning = {
        let window = window.clone();
        std::thread::spawn(move || refused(&window, ipc::LEARN_HANDWRITING, json!({})))
    };
    let started = std::time::Instant::now();
    while events.load(Ordering::SeqCst) < 3 {
        assert!(started.elapsed().as_secs() < 240, "no progress while learning");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(status(&window).running);
    let twice = refused(&window, ipc::LEARN_HANDWRITING, json!({}));
    assert_eq!(twice.message, "The app is already learning your handwriting.");
    call::<()>(&window, ipc::CANCEL_LEARNING, json!({}));
    let cancelled = learning.join().unwrap();
    assert_eq!(cancelled.kind, ErrorKind::Cancelled, "{cancelled:?}");
    let after = status(&window);
    assert_eq!((after.active, after.personal, after.running), (ActiveModel::BuiltIn, None, false));
    assert!(PersonalFolder(folder.join(FOLDER)).record().is_none(), "nothing was saved");
}
