//! The window comes back at the size and place it had: `tauri-plugin-window-state` restores it when the window
//! opens and saves it when the app exits, in the app's config folder (`~/.config/<identifier>/.window-state.json`
//! on Linux). This module adds what the plugin leaves out:
//! - it saves soon after each move or resize, once they stop ([`SAVE_AFTER`]), not only at a clean exit, so an
//!   app that is killed or crashes still comes back where it was;
//! - a restored size is never under tauri.conf.json's minimum, and a window whose saved place is on no monitor
//!   now (one was unplugged) is centred on the main monitor, made to fit it;
//! - "Delete all my data" deletes the file ([`forget`]). Desktop only.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::Duration;

use serde::Deserialize;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Builder, Manager, PhysicalPosition, PhysicalSize, RunEvent, Runtime, Window, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags, DEFAULT_FILENAME};

/// Size, place and whether it is maximised. Not visibility (a window saved hidden would open hidden), not
/// full screen or decorations, which the app never changes.
const FLAGS: StateFlags = StateFlags::SIZE.union(StateFlags::POSITION).union(StateFlags::MAXIMIZED);
/// How long moves and resizes must stop before the place is saved (a drag sends dozens a second).
pub const SAVE_AFTER: Duration = Duration::from_millis(400);
/// How much of a window's top edge must be on a monitor for a person to grab it: a strip this tall...
const GRAB_HEIGHT: i32 = 40;
/// ...and this wide (or the whole width of a narrower window).
const GRAB_WIDTH: i32 = 100;

/// The window-state plugin and this module's additions, in that order (the additions correct what the plugin
/// restored).
pub fn register<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.plugin(tauri_plugin_window_state::Builder::new().with_state_flags(FLAGS).build()).plugin(plugin())
}

/// What the plugin keeps for one window (its file's format; only the fields used here).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
struct Saved {
    width: u32,
    height: u32,
    x: i32,
    y: i32,
    #[serde(default)]
    maximized: bool,
}

/// A rectangle in physical pixels: a window's outer place and size, or a monitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

struct Place {
    /// The plugin's file, when the config folder is known.
    file: Option<PathBuf>,
    /// The places saved by the last run, by window label.
    saved: HashMap<String, Saved>,
    /// "Delete all my data" deleted the file and no move or resize has happened since: nothing is written back.
    forgotten: AtomicBool,
    /// Tells the saving thread that the window moved or resized.
    moved: Mutex<mpsc::Sender<()>>,
}

fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("window-place")
        .setup(|app, _api| {
            let file = app.path().app_config_dir().ok().map(|dir| dir.join(DEFAULT_FILENAME));
            let saved = file.as_deref().map(read_saved).unwrap_or_default();
            let (moved, moves) = mpsc::channel();
            app.manage(Place { file, saved, forgotten: AtomicBool::new(false), moved: Mutex::new(moved) });
            let app = app.clone();
            std::thread::Builder::new().name("window-place".into()).spawn(move || save_when_still(&app, &moves))?;
            Ok(())
        })
        .on_window_ready(|window| {
            let place = window.state::<Place>();
            if let Some(saved) = place.saved.get(window.label()).filter(|saved| !saved.maximized) {
                settle_window(&window, saved);
            }
            let watched = window.clone();
            window.on_window_event(move |event| {
                if let WindowEvent::Moved(_) | WindowEvent::Resized(_) = event {
                    let place = watched.state::<Place>();
                    place.forgotten.store(false, Ordering::SeqCst);
                    place.moved.lock().unwrap_or_else(|p| p.into_inner()).send(()).ok();
                }
            });
        })
        .on_event(|app, event| {
            // The window-state plugin, registered before this one, has just saved at exit: undo that when the
            // person deleted their data and has not moved the window since.
            if let (RunEvent::Exit, Some(place)) = (event, app.try_state::<Place>()) {
                if place.forgotten.load(Ordering::SeqCst) {
                    remove(&place).ok();
                }
            }
        })
        .build()
}

/// Saves the windows' places each time moves and resizes have stopped for [`SAVE_AFTER`].
fn save_when_still<R: Runtime>(app: &AppHandle<R>, moves: &mpsc::Receiver<()>) {
    while moves.recv().is_ok() {
        loop {
            match moves.recv_timeout(SAVE_AFTER) {
                Ok(()) => continue,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        if !app.state::<Place>().forgotten.load(Ordering::SeqCst) {
            if let Err(error) = app.save_window_state(FLAGS) {
                log::warn!("the window's size and place could not be saved: {error}");
            }
        }
    }
}

/// "Delete all my data": deletes the saved size and place. The running window keeps its geometry, and it is
/// written again only once the person moves or resizes the window; if they do not before the app exits, the
/// save at exit is deleted too, so nothing comes back that they did not do after deleting. Does nothing where the
/// plugin is not registered (the phones, the tests' mock app).
pub fn forget<R: Runtime>(app: &AppHandle<R>) -> std::io::Result<()> {
    match app.try_state::<Place>() {
        Some(place) => {
            place.forgotten.store(true, Ordering::SeqCst);
            remove(&place)
        }
        None => Ok(()),
    }
}

fn remove(place: &Place) -> std::io::Result<()> {
    match place.file.as_deref().map(std::fs::remove_file) {
        Some(Err(error)) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

fn read_saved(file: &std::path::Path) -> HashMap<String, Saved> {
    match std::fs::read(file) {
        Ok(bytes) => parse_saved(&bytes),
        Err(_) => HashMap::new(),
    }
}

/// The plugin's file, each window on its own: one that does not read is skipped (the plugin then restores
/// nothing, and nothing needs correcting).
fn parse_saved(bytes: &[u8]) -> HashMap<String, Saved> {
    let windows: HashMap<String, serde_json::Value> = serde_json::from_slice(bytes).unwrap_or_default();
    windows.into_iter().filter_map(|(label, saved)| Some((label, serde_json::from_value(saved).ok()?))).collect()
}

/// Corrects what the plugin restored from `saved`: at least the minimum size, and on a monitor.
fn settle_window<R: Runtime>(window: &Window<R>, saved: &Saved) {
    let scale = window.scale_factor().unwrap_or(1.0);
    let config = window.config().app.windows.iter().find(|w| w.label == window.label());
    let minimum = |logical: Option<f64>| logical.map_or(1, |l| (l * scale).ceil() as u32);
    let min = (minimum(config.and_then(|c| c.min_width)), minimum(config.and_then(|c| c.min_height)));
    // The main monitor first: a window that is on none goes there.
    let primary = window.primary_monitor().ok().flatten();
    let monitors: Vec<Rect> = primary
        .into_iter()
        .chain(window.available_monitors().unwrap_or_default())
        .map(|m| Rect { x: m.position().x, y: m.position().y, width: m.size().width, height: m.size().height })
        .collect();
    let was = Rect { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
    let now = settle(was, min, &monitors);
    if (now.width, now.height) != (was.width, was.height) {
        log::info!("the saved window size {}×{} is corrected to {}×{}", was.width, was.height, now.width, now.height);
        window.set_size(PhysicalSize::new(now.width, now.height)).ok();
    }
    if (now.x, now.y) != (was.x, was.y) {
        log::info!("the saved window place ({}, {}) is on no monitor now: moved to ({}, {})", was.x, was.y, now.x, now.y);
        window.set_position(PhysicalPosition::new(now.x, now.y)).ok();
    }
}

/// Where a window saved at `saved` should open: at least `min` in size, and with its top edge where a person can
/// grab it on one of `monitors` (the main one first); else centred on the main monitor and no larger than it.
/// Without monitors to go by (none reported) only the size is corrected.
pub fn settle(saved: Rect, min: (u32, u32), monitors: &[Rect]) -> Rect {
    let mut place = Rect { width: saved.width.max(min.0), height: saved.height.max(min.1), ..saved };
    let Some(main) = monitors.first() else {
        return place;
    };
    if monitors.iter().any(|monitor| grabbable(&place, monitor)) {
        return place;
    }
    place.width = place.width.min(main.width).max(min.0);
    place.height = place.height.min(main.height).max(min.1);
    place.x = main.x + (main.width as i32 - place.width as i32) / 2;
    place.y = main.y + (main.height as i32 - place.height as i32) / 2;
    place
}

/// Whether the strip along `window`'s top edge is on `monitor`, wide enough to grab.
fn grabbable(window: &Rect, monitor: &Rect) -> bool {
    let left = window.x.max(monitor.x);
    let right = (window.x + window.width as i32).min(monitor.x + monitor.width as i32);
    let top_inside = window.y >= monitor.y && window.y + GRAB_HEIGHT <= monitor.y + monitor.height as i32;
    top_inside && right - left >= GRAB_WIDTH.min(window.width as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: (u32, u32) = (360, 560);
    const SCREEN: Rect = Rect { x: 0, y: 0, width: 1920, height: 1080 };
    const RIGHT: Rect = Rect { x: 1920, y: 0, width: 1280, height: 1024 };

    fn at(x: i32, y: i32, width: u32, height: u32) -> Rect {
        Rect { x, y, width, height }
    }

    #[test]
    fn a_window_on_a_monitor_opens_where_it_was() {
        assert_eq!(settle(at(100, 80, 1100, 760), MIN, &[SCREEN]), at(100, 80, 1100, 760));
        // On the second monitor, and half off the first one's right edge: still where the person put it.
        assert_eq!(settle(at(2000, 100, 800, 600), MIN, &[SCREEN, RIGHT]), at(2000, 100, 800, 600));
        assert_eq!(settle(at(1500, 100, 1100, 760), MIN, &[SCREEN]), at(1500, 100, 1100, 760));
    }

    #[test]
    fn a_size_under_the_minimum_is_raised_to_it() {
        assert_eq!(settle(at(10, 10, 200, 100), MIN, &[SCREEN]), at(10, 10, 360, 560));
        assert_eq!(settle(at(10, 10, 200, 900), MIN, &[]), at(10, 10, 360, 900), "without monitors, the size alone");
    }

    #[test]
    fn a_window_on_an_unplugged_monitor_comes_back_centred_on_the_main_one() {
        // It was on the right-hand monitor, which is gone.
        assert_eq!(settle(at(2000, 100, 800, 600), MIN, &[SCREEN]), at(560, 240, 800, 600));
        // Bigger than the monitor left: it is made to fit.
        assert_eq!(settle(at(3000, 0, 2560, 1400), MIN, &[SCREEN]), at(0, 0, 1920, 1080));
    }

    #[test]
    fn a_window_whose_title_bar_cannot_be_grabbed_is_brought_back() {
        // Only 50 pixels of it on screen, or its top above the monitor: centred.
        assert_eq!(settle(at(1870, 100, 800, 600), MIN, &[SCREEN]), at(560, 240, 800, 600));
        assert_eq!(settle(at(100, -300, 800, 600), MIN, &[SCREEN]), at(560, 240, 800, 600));
        assert_eq!(settle(at(100, 1060, 800, 600), MIN, &[SCREEN]), at(560, 240, 800, 600));
    }

    #[test]
    fn the_plugins_file_is_read_window_by_window() {
        let file = br#"{"main":{"width":900,"height":700,"x":12,"y":34,"prev_x":0,"prev_y":0,"maximized":false,
            "visible":true,"decorated":true,"fullscreen":false},"other":{"width":"broken"}}"#;
        let saved = parse_saved(file);
        assert_eq!(saved.len(), 1);
        assert_eq!(saved["main"], Saved { width: 900, height: 700, x: 12, y: 34, maximized: false });
        assert!(parse_saved(b"not json").is_empty());
    }

    fn place(file: PathBuf) -> Place {
        Place { file: Some(file), saved: HashMap::new(), forgotten: AtomicBool::new(false), moved: Mutex::new(mpsc::channel().0) }
    }

    #[test]
    fn the_saved_place_is_removed_and_a_missing_file_is_no_error() {
        let dir = std::env::temp_dir().join(format!("digits-window-place-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(DEFAULT_FILENAME);
        std::fs::write(&file, "{}").unwrap();
        let place = place(file.clone());
        remove(&place).unwrap();
        assert!(!file.exists());
        remove(&place).unwrap();
        std::fs::remove_dir_all(&dir).ok();
    }
}
