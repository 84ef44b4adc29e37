//! "Learn my handwriting" (issue 15): the words the Learning section and the header's badge show, from the
//! backend's [`LearningStatus`] and [`LearningOutcome`]. Pure logic, tested natively.

use protocol::{ActiveModel, LearningFigures, LearningOutcome, LearningStatus, LEAST_SAMPLES_TO_LEARN};

/// Under the section's title: what learning does.
pub const LEARNING_LEAD: &str =
    "Teaches the app your handwriting from your corrected and confirmed digits. Everything stays on this device.";

/// Said when a run is stopped with Cancel.
pub const LEARNING_CANCELLED: &str = "Learning cancelled; nothing changed.";

/// The progress bar's stage before the first progress event.
pub const LEARNING_STARTING: &str = "Starting";

/// The progress bar's stage once Cancel is pressed.
pub const LEARNING_CANCELLING: &str = "Cancelling";

/// The header's badge: which model reads.
pub fn active_model_words(active: ActiveModel) -> &'static str {
    match active {
        ActiveModel::BuiltIn => "Built-in model",
        ActiveModel::Personal => "Your model",
    }
}

fn digits(n: u32) -> String {
    if n == 1 { "1 more digit".into() } else { format!("{n} more digits") }
}

fn samples(n: u32) -> String {
    if n == 1 { "1 sample".into() } else { format!("{n} samples") }
}

/// "Correct or confirm 7 more digits to start"; `None` once there are enough samples.
pub fn more_needed_words(samples: u32) -> Option<String> {
    (samples < LEAST_SAMPLES_TO_LEARN).then(|| format!("Correct or confirm {} to start", digits(LEAST_SAMPLES_TO_LEARN - samples)))
}

/// Why "Learn my handwriting" cannot be pressed now, if it cannot (a run in progress shows its progress bar
/// instead, so it needs no words).
pub fn learn_blocked_words(status: &LearningStatus) -> Option<String> {
    if let Some(unavailable) = &status.unavailable {
        return Some(unavailable.clone());
    }
    more_needed_words(status.samples)
}

/// The learn button can be pressed.
pub fn can_learn(status: &LearningStatus, running: bool) -> bool {
    !running && !status.running && learn_blocked_words(status).is_none()
}

/// The learn button's label: "Learn again" once the personal model is outdated.
pub fn learn_label(status: &LearningStatus) -> &'static str {
    if status.outdated { "Learn again" } else { "Learn my handwriting" }
}

/// When the built-in model changed under the personal one.
pub fn outdated_words(samples_stored: u32) -> String {
    format!(
        "The app's built-in model was updated. Your personal model was made from the old one, so the new built-in \
         model is used. Learn again from your {}?",
        samples(samples_stored)
    )
}

/// "99.40 %", from a share of 0 to 1.
pub fn percent(share: f64) -> String {
    format!("{:.2} %", share * 100.0)
}

/// The progress bar's value, 0 to 100.
pub fn progress_percent(fraction: f64) -> u32 {
    if fraction.is_nan() { 0 } else { (fraction.clamp(0.0, 1.0) * 100.0).round() as u32 }
}

/// "it read 23 of your 25 samples right, the built-in model 19. General digits: 99.40 % → 99.30 %."
fn figures_words(figures: &LearningFigures) -> String {
    format!(
        "it read {} of your {} right, the built-in model {}. General digits: {} \u{2192} {}.",
        figures.right_after,
        samples(figures.held_out),
        figures.right_before,
        percent(figures.general_before),
        percent(figures.general_after),
    )
}

/// What a finished run found: the learnt model adopted, or why not, with the figures either way.
pub fn learning_outcome_words(outcome: &LearningOutcome) -> String {
    let figures = figures_words(&outcome.figures);
    if outcome.adopted {
        return format!("Your model is now in use: {figures}");
    }
    let kept = match outcome.status.active {
        ActiveModel::BuiltIn => "Kept the built-in model",
        ActiveModel::Personal => "Kept your earlier model",
    };
    let refusal = outcome.refusal.as_deref().map(|r| r.trim().trim_end_matches('.')).filter(|r| !r.is_empty());
    let refusal = refusal.unwrap_or("the learnt model was not clearly better");
    format!("{kept}: {refusal}. The learnt model: {figures}")
}

/// The short notice when a run ends with the History panel closed (the panel has the whole of it).
pub fn learning_done_words(outcome: &LearningOutcome) -> &'static str {
    match (outcome.adopted, outcome.status.active) {
        (true, _) => "Learning done: your model is now in use.",
        (false, ActiveModel::Personal) => "Learning done: kept your earlier model (see History).",
        (false, ActiveModel::BuiltIn) => "Learning done: kept the built-in model (see History).",
    }
}

/// When the personal model was learnt and from how many samples, and whether it reads. `date` is the day it
/// was learnt, already in the person's words ("2 Dec 2026").
pub fn personal_words(date: &str, samples_learnt: u32, active: ActiveModel) -> String {
    let reads = match active {
        ActiveModel::Personal => "It reads your digits now.",
        ActiveModel::BuiltIn => "The built-in model reads your digits now.",
    };
    format!("Your model was learnt on {date} from {}. {reads}", samples(samples_learnt))
}

/// The one-click switch: its id and label, for the model in use.
pub fn switch_button(active: ActiveModel) -> (&'static str, &'static str, ActiveModel) {
    match active {
        ActiveModel::Personal => ("use-built-in-model", "Back to the built-in model", ActiveModel::BuiltIn),
        ActiveModel::BuiltIn => ("use-personal-model", "Use my model", ActiveModel::Personal),
    }
}

#[cfg(test)]
mod tests {
    use protocol::PersonalModel;

    use super::*;

    fn figures() -> LearningFigures {
        LearningFigures {
            held_out: 25,
            right_before: 19,
            right_after: 23,
            newly_wrong: 0,
            general_before: 0.994,
            general_after: 0.993,
            non_digit_unsure_before: 0.9,
            non_digit_unsure_after: 0.9,
        }
    }

    fn status(samples: u32) -> LearningStatus {
        LearningStatus { active: ActiveModel::BuiltIn, personal: None, outdated: false, samples, unavailable: None, running: false }
    }

    fn outcome(adopted: bool, refusal: Option<&str>, active: ActiveModel) -> LearningOutcome {
        let mut status = status(25);
        status.active = active;
        if active == ActiveModel::Personal {
            status.personal = Some(PersonalModel { learnt_ms: 0, samples: 25, figures: figures() });
        }
        LearningOutcome { adopted, refusal: refusal.map(str::to_string), figures: figures(), status }
    }

    #[test]
    fn learning_waits_for_ten_samples() {
        assert_eq!(more_needed_words(3).as_deref(), Some("Correct or confirm 7 more digits to start"));
        assert_eq!(more_needed_words(9).as_deref(), Some("Correct or confirm 1 more digit to start"));
        assert_eq!(more_needed_words(0).as_deref(), Some("Correct or confirm 10 more digits to start"));
        assert_eq!(more_needed_words(10), None);
        assert_eq!(more_needed_words(250), None);
        assert!(!can_learn(&status(9), false));
        assert!(can_learn(&status(10), false));
        assert!(!can_learn(&status(10), true), "not while a run is out");
        assert!(!can_learn(&LearningStatus { running: true, ..status(10) }, false), "nor while the app says one runs");
    }

    #[test]
    fn a_copy_that_cannot_learn_says_why() {
        let unavailable = LearningStatus { unavailable: Some("This copy of the app cannot learn.".into()), ..status(40) };
        assert_eq!(learn_blocked_words(&unavailable).as_deref(), Some("This copy of the app cannot learn."));
        assert!(!can_learn(&unavailable, false));
        assert_eq!(learn_blocked_words(&status(40)), None);
    }

    #[test]
    fn outcomes_say_what_was_kept_and_the_figures() {
        assert_eq!(
            learning_outcome_words(&outcome(true, None, ActiveModel::Personal)),
            "Your model is now in use: it read 23 of your 25 samples right, the built-in model 19. \
             General digits: 99.40 % \u{2192} 99.30 %."
        );
        assert_eq!(
            learning_outcome_words(&outcome(false, Some("it read general digits worse."), ActiveModel::BuiltIn)),
            "Kept the built-in model: it read general digits worse. The learnt model: it read 23 of your 25 samples \
             right, the built-in model 19. General digits: 99.40 % \u{2192} 99.30 %."
        );
        assert!(learning_outcome_words(&outcome(false, None, ActiveModel::Personal))
            .starts_with("Kept your earlier model: the learnt model was not clearly better. "));
    }

    #[test]
    fn figures_in_words() {
        assert_eq!(percent(0.994), "99.40 %");
        assert_eq!(percent(1.0), "100.00 %");
        assert_eq!(progress_percent(0.426), 43);
        assert_eq!(progress_percent(1.7), 100);
        assert_eq!(progress_percent(f64::NAN), 0);
    }

    #[test]
    fn the_personal_model_and_the_switch() {
        assert_eq!(
            personal_words("2 Dec 2026", 25, ActiveModel::Personal),
            "Your model was learnt on 2 Dec 2026 from 25 samples. It reads your digits now."
        );
        assert_eq!(switch_button(ActiveModel::Personal), ("use-built-in-model", "Back to the built-in model", ActiveModel::BuiltIn));
        assert_eq!(switch_button(ActiveModel::BuiltIn), ("use-personal-model", "Use my model", ActiveModel::Personal));
        assert_eq!(active_model_words(ActiveModel::Personal), "Your model");
        assert_eq!(active_model_words(ActiveModel::BuiltIn), "Built-in model");
    }

    #[test]
    fn a_run_ending_out_of_sight_is_told_briefly() {
        assert_eq!(learning_done_words(&outcome(true, None, ActiveModel::Personal)), "Learning done: your model is now in use.");
        assert_eq!(
            learning_done_words(&outcome(false, Some("no better"), ActiveModel::BuiltIn)),
            "Learning done: kept the built-in model (see History)."
        );
        assert_eq!(
            learning_done_words(&outcome(false, None, ActiveModel::Personal)),
            "Learning done: kept your earlier model (see History)."
        );
    }

    #[test]
    fn an_outdated_model_offers_learning_again() {
        let outdated = LearningStatus { outdated: true, ..status(31) };
        assert_eq!(learn_label(&outdated), "Learn again");
        assert_eq!(learn_label(&status(31)), "Learn my handwriting");
        assert_eq!(
            outdated_words(31),
            "The app's built-in model was updated. Your personal model was made from the old one, so the new built-in \
             model is used. Learn again from your 31 samples?"
        );
    }
}
