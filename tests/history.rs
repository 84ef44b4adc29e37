//! The history in the real window: a finished drawing and an opened picture are kept, newest first; search,
//! reopen, delete, clear all (after a confirmation); the entries and the settings outlive the app; switched off,
//! nothing new is kept; a damaged history file is moved aside and the person told. Screenshots of the panel in
//! both themes at 1280×800 and 390×844.

use std::time::Duration;

use e2e::history::{focused, fresh_data_home, launch, listed, open_panel, open_picture, panel_is_open, picture_of_seventeen, settings_shown, wait_listed, IDENTIFIER, KEPT_AFTER};
use e2e::{digit_strokes, App, WINDOW};
use fantoccini::key::Key;
use fantoccini::Locator;

/// Nothing in the panel is cut off or scrolls sideways.
async fn assert_panel_fits(app: &App, size: &str) {
    let script = "const w = document.documentElement.clientWidth; \
                  const scroll = document.querySelector('.history-scroll'); \
                  return scroll.scrollWidth <= scroll.clientWidth && \
                    [...document.querySelectorAll('#history button, #history input, #history select')] \
                      .every(e => { const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= w; });";
    assert_eq!(app.eval(script).await, true, "the History panel is cut off at {size}");
}

#[tokio::test]
async fn readings_are_kept_searched_reopened_deleted_and_cleared_across_restarts() {
    let _window = WINDOW.lock().await;
    let data_home = fresh_data_home("sessions");
    let picture = picture_of_seventeen();

    // First session: a drawing, finished, then a picture.
    let app = launch(&data_home).await;
    app.resize(1280, 800).await;
    app.draw(&digit_strokes(7)).await;
    assert_eq!(app.final_digit().await, "7");
    tokio::time::sleep(KEPT_AFTER).await;
    open_picture(&app, &picture, "17").await;
    open_panel(&app).await;
    assert_eq!(wait_listed(&app, 2).await, ["17", "7"], "newest first");
    assert_eq!(focused(&app).await, "history-search", "the search takes the focus");
    let metas = app.eval("return [...document.querySelectorAll('.history-meta')].map(n => n.textContent)").await;
    let metas: Vec<&str> = metas.as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(metas[0].starts_with("fixture-history-17.png · ") && metas[1].starts_with("Drawing · "), "{metas:?}");
    app.screenshot("80-history-light-1280").await;

    // Search by number.
    let search = app.wait_for("#history-search").await;
    search.send_keys("1").await.unwrap();
    assert_eq!(wait_listed(&app, 1).await, ["17"]);
    search.send_keys(&char::from(Key::Backspace).to_string()).await.unwrap();
    assert_eq!(wait_listed(&app, 2).await, ["17", "7"]);

    // Reopen the drawing from the keyboard: it shows again, picture, box and answer, and the panel closes.
    app.eval("document.querySelectorAll('#history-list .history-open')[1].focus(); return true").await;
    app.press(Key::Enter).await;
    // The picture opened before is still shown while the entry loads: wait for the panel to close, which it does
    // once the entry is shown.
    app.wait_gone("#history[open]").await;
    assert!(!panel_is_open(&app).await);
    app.screenshot("85-history-reopened-drawing").await;
    let name = app.eval("return document.querySelector('#image-view .image-name').textContent").await;
    assert_eq!(name, "Drawing");
    assert_eq!(app.final_digit().await, "7");
    assert_eq!(app.client.find_all(Locator::Css(".digit-box")).await.unwrap().len(), 1);
    let src = app.eval("return document.getElementById('opened-image').src").await;
    assert!(src.as_str().unwrap().starts_with("data:image/png;base64,"), "{src}");

    // Ctrl+H opens the panel, Escape closes it and gives the focus back to the History button.
    app.press_control_letter('h').await;
    assert_eq!(wait_listed(&app, 2).await.len(), 2);
    assert!(panel_is_open(&app).await);
    app.press(Key::Escape).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!panel_is_open(&app).await);
    assert_eq!(focused(&app).await, "history-button");
    assert!(app.exists("#image-view").await, "Escape in the panel closes it, not the picture behind");
    app.close().await;

    // Second session on the same data folder: the entries are still there.
    let app = launch(&data_home).await;
    app.resize(390, 844).await;
    open_panel(&app).await;
    assert_eq!(wait_listed(&app, 2).await, ["17", "7"], "the history outlives the app");
    settings_shown(&app).await;
    app.screenshot("81-history-light-390").await;
    assert_panel_fits(&app, "390x844").await;
    app.resize(360, 640).await;
    assert_panel_fits(&app, "360x640").await;
    app.resize(390, 844).await;
    app.press(Key::Escape).await;
    app.click("#theme-toggle").await;
    open_panel(&app).await;
    wait_listed(&app, 2).await;
    app.screenshot("82-history-dark-390").await;
    app.resize(1280, 800).await;
    app.screenshot("83-history-dark-1280").await;

    // Delete one, then clear all after the confirmation.
    app.click("#history-list .history-item:first-child .history-delete").await;
    assert_eq!(wait_listed(&app, 1).await, ["7"]);
    assert_eq!(focused(&app).await, "history-search", "the keyboard goes on from the search field");
    app.click("#history-clear").await;
    app.wait_for("#history-confirm[open]").await;
    assert_eq!(focused(&app).await, "history-confirm-cancel", "Cancel is focused: a stray Enter deletes nothing");
    app.screenshot("84-history-clear-confirm-dark-1280").await;
    app.press(Key::Escape).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(panel_is_open(&app).await, "Escape closes the confirmation only");
    assert_eq!(listed(&app).await, ["7"]);
    app.click("#history-clear").await;
    app.click("#history-confirm-clear").await;
    wait_listed(&app, 0).await;
    assert!(app.text("#history-empty").await.starts_with("Nothing kept yet"));

    // Switched off, nothing new is kept: neither a picture nor a drawing.
    app.click("#history-enabled").await;
    app.wait_for("#history-off").await;
    app.press(Key::Escape).await;
    open_picture(&app, &picture, "17").await;
    app.click("#clear").await;
    app.draw(&digit_strokes(1)).await;
    assert_eq!(app.final_digit().await, "1");
    tokio::time::sleep(KEPT_AFTER).await;
    open_panel(&app).await;
    wait_listed(&app, 0).await;
    assert_eq!(app.text("#history-empty").await, "The history is off, so nothing new is kept.");
    app.close().await;

    // Third session: the setting is remembered. Until it has come, the settings show nothing: the panel's
    // script runs before any answer can, and a default shown then (history on) could be saved over the setting.
    let app = launch(&data_home).await;
    let before_answer = app
        .eval(
            "document.getElementById('history-button').click(); const on = document.getElementById('history-enabled'); \
             return [on.checked, on.disabled, document.getElementById('history-limit').value, \
             document.querySelector('.history-settings').getAttribute('aria-busy')]",
        )
        .await;
    assert_eq!(before_answer, serde_json::json!([false, true, "", "true"]), "the settings shown before they are read");
    app.wait_for("#history-off").await;
    let checked = app.eval("return document.getElementById('history-enabled').checked").await;
    assert_eq!(checked.as_bool(), Some(false), "history stays off after a restart");
    app.close().await;
}

#[tokio::test]
async fn a_damaged_history_is_moved_aside_and_the_person_told() {
    let _window = WINDOW.lock().await;
    let data_home = fresh_data_home("damaged");
    let folder = data_home.join(IDENTIFIER);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("history.sqlite3"), b"not a database: the disk lost it").unwrap();
    let app = launch(&data_home).await;
    let notice = app.text("#notice").await;
    assert!(notice.starts_with("The history file could not be read, so a new history was started"), "{notice}");
    let aside: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|f| f.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("history.sqlite3.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    // The fresh history works.
    open_picture(&app, &picture_of_seventeen(), "17").await;
    open_panel(&app).await;
    assert_eq!(wait_listed(&app, 1).await, ["17"]);
    app.close().await;
}
