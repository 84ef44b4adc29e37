//! Shortcuts: Enter predicts, Delete or Escape clears (Escape cancels an image being opened), Ctrl/Cmd+Z undoes,
//! Ctrl/Cmd+O opens an image, Ctrl/Cmd+H opens the history. Inside a dialog (About, History) the dialog has
//! the keys.

use wasm_bindgen::prelude::*;
use web_sys::{Element, KeyboardEvent};

use crate::app_state::AppState;

/// What a key press asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    Predict,
    Clear,
    Undo,
    OpenImage,
    History,
}

/// Maps a key to a shortcut. `on_button`: a focused button handles Enter itself.
pub fn shortcut(key: &str, command: bool, shift: bool, on_button: bool) -> Option<Shortcut> {
    match key {
        "Enter" if !on_button && !command => Some(Shortcut::Predict),
        "Delete" | "Escape" if !command => Some(Shortcut::Clear),
        "z" | "Z" if command && !shift => Some(Shortcut::Undo),
        "o" | "O" if command && !shift => Some(Shortcut::OpenImage),
        "h" | "H" if command && !shift => Some(Shortcut::History),
        _ => None,
    }
}

pub fn install(state: AppState) {
    let on_key = Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
        if event.repeat() {
            return;
        }
        let on_button = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|e| e.tag_name().eq_ignore_ascii_case("button"));
        let command = event.ctrl_key() || event.meta_key();
        let Some(action) = shortcut(&event.key(), command, event.shift_key(), on_button) else { return };
        event.prevent_default();
        match action {
            Shortcut::Predict => state.predict(),
            // Escape during an open only cancels it; the drawing behind stays.
            Shortcut::Clear if event.key() == "Escape" && state.is_opening() => state.cancel_open(),
            Shortcut::Clear => state.clear(),
            Shortcut::Undo => state.undo(),
            Shortcut::OpenImage => state.choose_image(),
            Shortcut::History if state.history_available.get_untracked() => state.history_open.set(true),
            Shortcut::History => {}
        }
    });
    if let Some(window) = web_sys::window() {
        window.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref()).ok();
    }
    on_key.forget(); // lives as long as the app
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_shortcuts() {
        assert_eq!(shortcut("Enter", false, false, false), Some(Shortcut::Predict));
        assert_eq!(shortcut("Enter", false, false, true), None, "a focused button clicks itself");
        assert_eq!(shortcut("Escape", false, false, false), Some(Shortcut::Clear));
        assert_eq!(shortcut("Delete", false, false, true), Some(Shortcut::Clear));
        assert_eq!(shortcut("z", true, false, false), Some(Shortcut::Undo));
        assert_eq!(shortcut("z", false, false, false), None);
        assert_eq!(shortcut("Z", true, true, false), None, "Ctrl+Shift+Z is redo, not undo");
        assert_eq!(shortcut("o", true, false, true), Some(Shortcut::OpenImage));
        assert_eq!(shortcut("h", true, false, false), Some(Shortcut::History));
        assert_eq!(shortcut("h", false, false, false), None, "a plain letter is not a shortcut");
    }
}
