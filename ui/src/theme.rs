//! Light and dark themes: the system's choice (`prefers-color-scheme`) until the person picks one with the
//! toggle, which is remembered. The theme is the `data-theme` attribute on `<html>`; the CSS does the rest.

use wasm_bindgen::prelude::*;

const STORAGE_KEY: &str = "digit-recognizer-theme";
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    fn parse(name: &str) -> Option<Theme> {
        [Theme::Light, Theme::Dark].into_iter().find(|t| t.name() == name)
    }

    /// The remembered choice, else the system's.
    pub fn initial() -> Theme {
        stored().unwrap_or_else(system)
    }

    pub fn apply(self) {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            root.set_attribute("data-theme", self.name()).ok();
        }
    }

    pub fn apply_and_remember(self) {
        self.apply();
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            storage.set_item(STORAGE_KEY, self.name()).ok();
        }
    }
}

/// "Delete all my data": the remembered choice is forgotten; the system's theme, followed again, is returned.
pub fn forget_choice() -> Theme {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        storage.remove_item(STORAGE_KEY).ok();
    }
    system()
}

fn stored() -> Option<Theme> {
    let storage = web_sys::window()?.local_storage().ok()??;
    Theme::parse(&storage.get_item(STORAGE_KEY).ok()??)
}

fn system() -> Theme {
    let dark = web_sys::window().and_then(|w| w.match_media(DARK_QUERY).ok().flatten()).is_some_and(|q| q.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// Calls `changed` with the system theme whenever it changes and the person has not picked one.
pub fn follow_system(changed: impl Fn(Theme) + 'static) {
    let Some(query) = web_sys::window().and_then(|w| w.match_media(DARK_QUERY).ok().flatten()) else { return };
    let listener = Closure::<dyn Fn()>::new(move || {
        if stored().is_none() {
            changed(system());
        }
    });
    query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref()).ok();
    listener.forget(); // lives as long as the app
}
