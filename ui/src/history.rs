//! The History panel's state (signals, provided as context to its parts) and what changes it: loading the
//! list as the search changes, reopening, deleting and clearing entries, and the settings. The words it shows
//! are pure functions, tested natively.

use protocol::{HistorySettings, HistorySummary};
use sycamore::prelude::*;

use crate::app_state::AppState;
use crate::ipc;

/// Entries listed at first, and added by each "Show more".
pub const PAGE: usize = 50;
/// The limits the settings offer, in entries; `None` is no limit.
pub const LIMITS: [Option<u32>; 4] = [Some(100), Some(1_000), Some(10_000), None];

#[derive(Clone, Copy)]
pub struct HistoryView {
    pub entries: Signal<Vec<HistorySummary>>,
    pub search: Signal<String>,
    /// How many entries the list asks for.
    pub limit: Signal<usize>,
    /// The first answer has come.
    pub loaded: Signal<bool>,
    pub error: Signal<Option<String>>,
    pub settings: Signal<Option<HistorySettings>>,
    /// The clear-all confirmation is shown.
    pub confirming: Signal<bool>,
    /// Bumped by every load, so an older answer never replaces a newer one.
    generation: Signal<u32>,
}

impl HistoryView {
    pub fn new() -> Self {
        Self {
            entries: create_signal(Vec::new()),
            search: create_signal(String::new()),
            limit: create_signal(PAGE),
            loaded: create_signal(false),
            error: create_signal(None),
            settings: create_signal(None),
            confirming: create_signal(false),
            generation: create_signal(0),
        }
    }

    /// Fetches the newest entries matching the search.
    pub fn load(self) {
        let generation = self.generation.get_untracked().wrapping_add(1);
        self.generation.set(generation);
        let (search, limit) = (self.search.get_clone_untracked(), self.limit.get_untracked());
        wasm_bindgen_futures::spawn_local(async move {
            let answer = ipc::history_list(&search, limit).await;
            if self.generation.get_untracked() != generation {
                return;
            }
            match answer {
                Ok(entries) => {
                    self.entries.set(entries);
                    self.error.set(None);
                }
                Err(failure) => self.error.set(Some(failure.message)),
            }
            self.loaded.set(true);
        });
    }

    /// The panel has opened: the first page of the current search, and the settings.
    pub fn opened(self) {
        self.limit.set(PAGE);
        self.load();
        wasm_bindgen_futures::spawn_local(async move {
            match ipc::history_settings().await {
                Ok(settings) => self.settings.set(Some(settings)),
                Err(failure) => self.error.set(Some(failure.message)),
            }
        });
    }

    pub fn show_more(self) {
        self.limit.update(|limit| *limit += PAGE);
        self.load();
    }

    /// Shows an entry again in place of the canvas, boxes and all, and closes the panel.
    pub fn reopen(self, state: AppState, id: i64) {
        wasm_bindgen_futures::spawn_local(async move {
            match ipc::history_open(id).await {
                Ok(opened) => {
                    state.show_image(opened);
                    state.history_open.set(false);
                }
                Err(failure) => {
                    state.notify(&failure.message);
                    self.load();
                }
            }
        });
    }

    pub fn delete(self, state: AppState, id: i64) {
        // Gone from the list at once; the answer confirms it.
        self.entries.update(|entries| entries.retain(|e| e.id != id));
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(failure) = ipc::history_delete(id).await {
                state.notify(&failure.message);
            }
            self.load();
        });
    }

    pub fn clear(self, state: AppState) {
        wasm_bindgen_futures::spawn_local(async move {
            match ipc::history_clear().await {
                Ok(()) => state.notify(CLEARED),
                Err(failure) => state.notify(&failure.message),
            }
            self.load();
        });
    }

    pub fn save_settings(self, state: AppState, settings: HistorySettings) {
        self.settings.set(Some(settings));
        wasm_bindgen_futures::spawn_local(async move {
            match ipc::set_history_settings(settings).await {
                Ok(saved) => self.settings.set(Some(saved)),
                Err(failure) => state.notify(&failure.message),
            }
            self.load(); // a lower limit removes the oldest entries
        });
    }
}

pub const CLEARED: &str = "The history is cleared";

/// The number as listed: as corrected when it was, "No digits" when none was found.
pub fn shown_number(entry: &HistorySummary) -> String {
    match (&entry.corrected, entry.number.as_str()) {
        (Some(corrected), _) => corrected.clone(),
        (None, "") => "No digits".to_string(),
        (None, number) => number.to_string(),
    }
}

/// Where it came from: the file's name, or "Drawing".
pub fn source(entry: &HistorySummary) -> &str {
    entry.file_name.as_deref().unwrap_or("Drawing")
}

/// What the person said about an entry: "corrected" or "confirmed", else nothing.
pub fn mark(entry: &HistorySummary) -> Option<&'static str> {
    match (&entry.corrected, entry.samples) {
        (Some(_), _) => Some("corrected"),
        (None, 0) => None,
        (None, _) => Some("confirmed"),
    }
}

/// What a screen reader says for an entry's button: "17, unsure, from photo.png, 1 Dec, 19:50".
pub fn entry_label(entry: &HistorySummary, time: &str) -> String {
    let mut label = shown_number(entry);
    if let Some(mark) = mark(entry) {
        label.push_str(&format!(", {mark}"));
    } else if entry.unsure {
        label.push_str(", unsure");
    }
    let from = match &entry.file_name {
        Some(name) => format!("from {name}"),
        None => "drawn".to_string(),
    };
    format!("{label}, {from}, {time}")
}

/// The empty list's sentence.
pub fn empty_text(search: &str, enabled: bool) -> String {
    match (search.trim(), enabled) {
        ("", true) => "Nothing kept yet. What you draw and open is kept here, on this device only.".to_string(),
        ("", false) => "The history is off, so nothing new is kept.".to_string(),
        (search, _) => format!("No kept reading has \u{201c}{search}\u{201d} in it."),
    }
}

/// A limit as the settings show it, and as the option's value.
pub fn limit_words(limit: Option<u32>) -> (&'static str, &'static str) {
    match limit {
        Some(100) => ("100", "100 entries"),
        Some(1_000) => ("1000", "1 000 entries"),
        Some(10_000) => ("10000", "10 000 entries"),
        Some(_) => ("other", "as set before"),
        None => ("none", "no limit"),
    }
}

pub fn parse_limit(value: &str) -> Option<u32> {
    value.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(number: &str, file_name: Option<&str>) -> HistorySummary {
        HistorySummary {
            id: 1,
            time_ms: 0,
            file_name: file_name.map(Into::into),
            number: number.into(),
            unsure: false,
            corrected: None,
            samples: 0,
            thumbnail_data_url: String::new(),
        }
    }

    #[test]
    fn an_entry_reads_as_number_source_and_time() {
        assert_eq!(entry_label(&entry("17", Some("photo.png")), "1 Dec, 19:50"), "17, from photo.png, 1 Dec, 19:50");
        let unsure = HistorySummary { unsure: true, ..entry("7", None) };
        assert_eq!(entry_label(&unsure, "today"), "7, unsure, drawn, today");
        let corrected = HistorySummary { corrected: Some("71".into()), unsure: true, ..entry("77", None) };
        assert_eq!(entry_label(&corrected, "today"), "71, corrected, drawn, today");
        let confirmed = HistorySummary { samples: 2, ..entry("71", None) };
        assert_eq!(entry_label(&confirmed, "today"), "71, confirmed, drawn, today");
        assert_eq!(mark(&entry("71", None)), None);
        assert_eq!(shown_number(&entry("", None)), "No digits");
        assert_eq!(source(&entry("1", None)), "Drawing");
    }

    #[test]
    fn the_empty_list_says_why() {
        assert!(empty_text("", true).starts_with("Nothing kept yet"));
        assert_eq!(empty_text("", false), "The history is off, so nothing new is kept.");
        assert_eq!(empty_text(" 42 ", true), "No kept reading has \u{201c}42\u{201d} in it.");
    }

    #[test]
    fn limits_go_to_words_and_back() {
        for limit in LIMITS {
            let (value, words) = limit_words(limit);
            assert_eq!(parse_limit(value), limit, "{words}");
        }
    }
}
