//! Corrections in the real window: a drawn 7 corrected to 1, a drawn 1 confirmed, a picture's number corrected
//! whole and then one digit through its chip; the sample count; export and import through the (stood-in) folder
//! picker; the counts and the "corrected" marks after a restart; "Delete all my data" empties everything.
//! Screenshots 86-95 of the flow, light and dark, 1280×800 and 390×844.

use std::time::{Duration, Instant};

use e2e::history::{focused, fresh_data_home, launch, open_panel, open_picture, picture_of_seventeen, wait_listed};
use e2e::{digit_strokes, App, WINDOW};
use fantoccini::key::Key;

/// Waits until `css` shows `text`.
async fn wait_text(app: &App, css: &str, text: &str) {
    let started = Instant::now();
    loop {
        let shown = app.text(css).await;
        if shown == text {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{css} shows {shown:?}, not {text:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the saved correction's words are `words` ("Corrected to 17 · saved as 2 samples").
async fn wait_status(app: &App, words: &str) {
    let script = "const parts = document.querySelectorAll('#correction-status span:not([aria-hidden])'); \
                  return [...parts].map(p => p.textContent).join(' ')";
    let started = Instant::now();
    loop {
        let shown = app.eval(script).await;
        if shown.as_str() == Some(words) {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the correction says {shown}, not {words:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

const ALL_DELETED: &str = "All your data is deleted: the history, the samples, your model, the settings and the logs.";

/// Switches to `theme` ("light" or "dark") with the header's toggle, if it is not already shown.
async fn use_theme(app: &App, theme: &str) {
    let shown = app.eval("return document.documentElement.dataset.theme").await;
    if shown.as_str() != Some(theme) {
        app.click("#theme-toggle").await;
    }
}

/// Opens the correction field, replaces what it holds with `typed` and presses Enter.
async fn correct(app: &App, typed: &str) {
    app.click("#correct-reading").await;
    let field = app.wait_for("#correction-input").await;
    assert_eq!(focused(app).await, "correction-input", "the field takes the focus");
    field.clear().await.unwrap();
    field.send_keys(typed).await.unwrap();
    app.press(Key::Enter).await;
}

/// The marks beside the listed numbers, top to bottom ("" for none).
async fn marks(app: &App) -> Vec<String> {
    let script = "return [...document.querySelectorAll('#history-list .history-first')] \
                    .map(f => { const m = f.querySelector('.history-mark'); return m ? m.textContent : ''; })";
    app.eval(script).await.as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect()
}

/// Nothing of the correction or the panel is cut off at this size.
async fn assert_fits(app: &App, css: &str, size: &str) {
    let script = format!(
        "const w = document.documentElement.clientWidth; \
         return [...document.querySelectorAll('{css} button, {css} input')] \
           .every(e => {{ const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= w; }});"
    );
    assert_eq!(app.eval(&script).await, true, "{css} is cut off at {size}");
}

#[tokio::test]
async fn readings_are_corrected_and_confirmed_counted_kept_and_deleted_with_all_my_data() {
    let _window = WINDOW.lock().await;
    let data_home = fresh_data_home("corrections");
    let app = launch(&data_home).await;
    app.resize(1280, 800).await;
    use_theme(&app, "light").await;

    // A drawn 7 is offered for correction once it is kept, not before.
    app.draw(&digit_strokes(7)).await;
    assert_eq!(app.final_digit().await, "7");
    assert!(!app.exists("#correct-reading").await, "not offered before the entry is saved");
    app.wait_for("#confirm-reading").await;
    app.screenshot("86-correction-offered-light-1280").await;
    // Something that is not a digit is refused in words; Enter in the field is not Predict.
    correct(&app, "seven").await;
    assert_eq!(app.text("#correction-error").await, "Type digits only, 0 to 9.");
    assert!(!app.exists("#notice").await, "Enter in the field saves; it does not predict");
    app.screenshot("87-correction-typing-light-1280").await;
    let field = app.wait_for("#correction-input").await;
    field.clear().await.unwrap();
    field.send_keys("1").await.unwrap();
    app.press(Key::Enter).await;
    wait_status(&app, "Corrected to 1 · saved as 1 sample").await;
    assert_eq!(focused(&app).await, "correct-reading", "the keyboard goes on from Change");
    app.screenshot("88-correction-saved-light-1280").await;
    // Escape in the field closes it and leaves the drawing.
    app.click("#correct-reading").await;
    app.wait_for("#correction-input").await;
    app.press(Key::Escape).await;
    app.wait_gone("#correction-input").await;
    assert_eq!(app.final_digit().await, "7", "Escape in the field does not clear the canvas");

    // A drawn 1, confirmed with one click.
    app.click("#clear").await;
    app.draw(&digit_strokes(1)).await;
    assert_eq!(app.final_digit().await, "1");
    app.click("#confirm-reading").await;
    wait_status(&app, "Confirmed right · saved as 1 sample").await;

    // A picture of 17: kept as it opens; the whole number typed, then one digit through its chip.
    use_theme(&app, "dark").await;
    app.resize(390, 844).await;
    open_picture(&app, &picture_of_seventeen(), "17").await;
    app.wait_for("#confirm-reading").await;
    correct(&app, "71").await;
    wait_status(&app, "Corrected to 71 · saved as 2 samples").await;
    app.click("#correct-reading").await;
    app.click("#digit-chips .chip:first-child").await;
    assert_eq!(app.text("#correction-hint").await, "All 2 digits, or one for digit 1 (choose it above).");
    let field = app.wait_for("#correction-input").await;
    field.clear().await.unwrap();
    field.send_keys("4").await.unwrap();
    app.screenshot("89-correction-typing-dark-390").await;
    assert_fits(&app, "#correction", "390x844").await;
    app.resize(360, 640).await;
    assert_fits(&app, "#correction", "360x640").await;
    app.resize(390, 844).await;
    app.click("#correction-save").await;
    wait_status(&app, "Corrected to 41 · saved as 2 samples").await;
    app.screenshot("90-correction-saved-dark-390").await;
    app.resize(1280, 800).await;
    app.screenshot("91-correction-saved-dark-1280").await;

    // The panel counts the samples and marks what was corrected and confirmed.
    open_panel(&app).await;
    assert_eq!(wait_listed(&app, 3).await, ["41", "1", "1"]);
    wait_text(&app, "#sample-count", "4 labelled samples").await;
    assert_eq!(app.text("#history-count").await, "3 readings · 4 labelled samples");
    assert_eq!(marks(&app).await, ["corrected", "confirmed", "corrected"]);
    // Export and import through the folder picker (stood in for: it answers with a folder).
    let exports = data_home.join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    app.set_dialog_answer(&exports).await;
    app.click("#export-samples").await;
    let folder = exports.join("digit-samples");
    wait_text(&app, "#data-outcome", &format!("4 samples exported to {}.", folder.display())).await;
    assert!(folder.join("samples-images-idx3-ubyte.gz").is_file() && folder.join("png/labels.csv").is_file());
    app.set_dialog_answer(&folder).await;
    app.click("#import-samples").await;
    wait_text(&app, "#data-outcome", "No new samples: all 4 in the folder are already here.").await;
    app.set_dialog_answer(&data_home).await;
    app.click("#import-samples").await;
    let refused = app.text("#data-outcome.failed").await;
    assert!(refused.contains("holds no samples: choose a folder with labels.csv"), "{refused}");
    app.eval("document.getElementById('data-outcome').scrollIntoView(); return true").await;
    app.screenshot("92-your-samples-dark-1280").await;
    app.close().await;

    // After a restart: the count, the marks, and a reopened entry that says it was corrected.
    let app = launch(&data_home).await;
    app.resize(390, 844).await;
    use_theme(&app, "light").await;
    open_panel(&app).await;
    assert_eq!(wait_listed(&app, 3).await, ["41", "1", "1"]);
    wait_text(&app, "#sample-count", "4 labelled samples").await;
    assert_eq!(marks(&app).await, ["corrected", "confirmed", "corrected"]);
    app.screenshot("93-your-samples-light-390").await;
    assert_fits(&app, "#history", "390x844").await;
    app.eval("document.querySelector('#history-list .history-open').focus(); return true").await;
    app.press(Key::Enter).await;
    wait_status(&app, "Corrected to 41 · saved as 2 samples").await;

    // Delete all my data, after a confirmation with Cancel focused.
    use_theme(&app, "dark").await;
    app.resize(1280, 800).await;
    open_panel(&app).await;
    app.click("#delete-all-data").await;
    app.wait_for("#delete-all-confirm[open]").await;
    assert_eq!(focused(&app).await, "delete-all-cancel", "a stray Enter deletes nothing");
    app.screenshot("94-delete-all-confirm-dark-1280").await;
    app.click("#delete-all-confirm-button").await;
    assert_eq!(app.text("#notice").await, ALL_DELETED);
    wait_listed(&app, 0).await;
    wait_text(&app, "#sample-count", "No labelled samples yet").await;
    assert!(app.text("#history-empty").await.starts_with("Nothing kept yet"));
    let theme_kept = app.eval("return localStorage.getItem('digit-recognizer-theme')").await;
    assert!(theme_kept.is_null(), "the theme setting is deleted too: {theme_kept}");
    app.press(Key::Escape).await;
    app.wait_gone("#correction").await; // the shown reading's entry is gone: nothing to correct
    app.close().await;

    // Still empty after a restart.
    let app = launch(&data_home).await;
    open_panel(&app).await;
    app.resize(1280, 800).await;
    wait_listed(&app, 0).await;
    wait_text(&app, "#sample-count", "No labelled samples yet").await;
    app.screenshot("95-after-delete-all-light-1280").await;
    app.close().await;
}
