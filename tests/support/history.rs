//! What the history and corrections tests share: a data folder of their own, and the History panel.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::App;

/// The app's data folder under `XDG_DATA_HOME` (its identifier, tauri.conf.json).
pub const IDENTIFIER: &str = "app.digitrecognizer.desktop";
/// A drawing is kept once its answer has stood a second (the UI's `RECORD_AFTER_MS`); this leaves room.
pub const KEPT_AFTER: Duration = Duration::from_millis(2500);

/// An empty folder to be the app's `XDG_DATA_HOME`, so each test starts with no history.
pub fn fresh_data_home(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("digits-e2e-history-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small clean picture of "17".
pub fn picture_of_seventeen() -> PathBuf {
    let path = crate::screenshot_dir().join("fixture-history-17.png");
    let strokes = [vec![(60.0, 40.0), (60.0, 160.0)], handwriting::sketch::seven(110.0, 110.0, 45.0)];
    let rgba = handwriting::sketch::draw_strokes(260, 200, &strokes, 12.0);
    image::RgbaImage::from_raw(260, 200, rgba).unwrap().save(&path).unwrap();
    path
}

/// The app on `data_home`, its Open dialog stood in for.
pub async fn launch(data_home: &Path) -> App {
    let app = App::launch_with_env(&[("XDG_DATA_HOME", data_home.to_str().unwrap())]).await;
    app.stand_in_for_open_dialog().await;
    app
}

/// The numbers listed, top to bottom.
pub async fn listed(app: &App) -> Vec<String> {
    let script = "return [...document.querySelectorAll('#history-list .history-number')].map(n => n.textContent)";
    app.eval(script).await.as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect()
}

/// Waits until the panel lists `count` entries and returns their numbers.
pub async fn wait_listed(app: &App, count: usize) -> Vec<String> {
    let started = Instant::now();
    loop {
        let numbers = listed(app).await;
        if numbers.len() == count {
            return numbers;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the panel lists {numbers:?}, not {count} entries");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub async fn panel_is_open(app: &App) -> bool {
    app.eval("return document.getElementById('history').open").await.as_bool().unwrap()
}

/// The id of the element with the keyboard focus.
pub async fn focused(app: &App) -> String {
    app.eval("return document.activeElement ? document.activeElement.id : ''").await.as_str().unwrap().to_string()
}

pub async fn open_panel(app: &App) {
    app.click("#history-button").await;
    let started = Instant::now();
    while !panel_is_open(app).await {
        assert!(started.elapsed() < Duration::from_secs(5), "the History panel did not open");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the panel's settings show what is saved (they are read each time it opens).
pub async fn settings_shown(app: &App) {
    app.wait_for(".history-settings[aria-busy='false']").await;
}

/// Opens `path` through the stood-in Open dialog and waits for its number.
pub async fn open_picture(app: &App, path: &Path, number: &str) {
    app.set_dialog_answer(path).await;
    app.click("#open-image").await;
    assert_eq!(app.text("#result-number").await, number);
}
