//! Opening pictures that are slow or not pictures at all, in the real window: the busy state and Cancel, a
//! newer open winning over an older one, and a named pipe (FIFO) answered at once as "not a file".

use std::path::PathBuf;
use std::time::{Duration, Instant};

use e2e::{digit_strokes, screenshot_dir, App, WINDOW};
use fantoccini::key::Key;

/// Every open takes at least 3 s (see `work::test_open_delay`), so Cancel and a newer open never race a
/// picture that reads fast on a quick machine.
const SLOW_OPENS: (&str, &str) = ("DIGITS_TEST_OPEN_DELAY_MS", "3000");

/// Noise: it decodes in full and gives the segmenter many blobs, so reading it takes a while.
fn slow_picture() -> PathBuf {
    let path = screenshot_dir().join("fixture-slow-noise.png");
    if !path.is_file() {
        std::fs::write(&path, handwriting::hostile::noise_png(4000, 3000, 2)).unwrap();
    }
    path
}

/// A small clean picture of "17".
fn quick_picture() -> PathBuf {
    let path = screenshot_dir().join("fixture-quick-17.png");
    let strokes = [vec![(60.0, 40.0), (60.0, 160.0)], handwriting::sketch::seven(110.0, 110.0, 45.0)];
    let rgba = handwriting::sketch::draw_strokes(260, 200, &strokes, 12.0);
    image::RgbaImage::from_raw(260, 200, rgba).unwrap().save(&path).unwrap();
    path
}

async fn notice_shown(app: &App) -> Option<String> {
    app.eval("const n = document.getElementById('notice'); return n ? n.textContent : null").await.as_str().map(String::from)
}

#[tokio::test]
async fn a_slow_picture_shows_a_busy_state_and_cancel_goes_back() {
    let _window = WINDOW.lock().await;
    let slow = slow_picture();
    let app = App::launch_with_env(&[SLOW_OPENS]).await;
    app.resize(1280, 800).await;
    app.stand_in_for_open_dialog().await;
    app.draw(&digit_strokes(1)).await;
    assert_eq!(app.final_digit().await, "1");

    app.set_dialog_answer(&slow).await;
    app.click("#open-image").await;
    app.wait_for("#opening #cancel-open").await;
    let focused = app.eval("return document.activeElement && document.activeElement.id").await;
    assert_eq!(focused, "cancel-open", "Cancel takes the focus so the keyboard reaches it");
    assert_eq!(app.text("#opening .opening-text").await, "Opening picture…");
    app.screenshot("60-opening-busy").await;

    // Cancel by keyboard (Enter on the focused button): back to the drawing and its answer, no message.
    let cancelled = Instant::now();
    app.press(Key::Enter).await;
    app.wait_gone("#opening").await;
    assert!(cancelled.elapsed() < Duration::from_secs(2), "Cancel took {:?}", cancelled.elapsed());
    assert!(!app.exists("#image-view").await);
    assert_eq!(app.final_digit().await, "1");
    assert_eq!(notice_shown(&app).await, None, "a cancelled open is not an error");

    // Escape cancels too, in the other theme at phone size.
    app.click("#theme-toggle").await;
    app.resize(360, 640).await;
    app.click("#open-image").await;
    app.wait_for("#opening #cancel-open").await;
    app.screenshot("61-opening-busy-other-theme-360").await;
    app.press(Key::Escape).await;
    app.wait_gone("#opening").await;
    assert_eq!(app.final_digit().await, "1", "Escape during an open cancels it and keeps the drawing");
    // The abandoned read finishes in the background and never shows up.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(!app.exists("#image-view").await);
    assert_eq!(notice_shown(&app).await, None);
    app.close().await;
}

#[tokio::test]
async fn a_newer_open_wins_over_an_older_slow_one() {
    let _window = WINDOW.lock().await;
    let (slow, quick) = (slow_picture(), quick_picture());
    let app = App::launch_with_env(&[SLOW_OPENS]).await;
    app.resize(1280, 800).await;
    app.stand_in_for_open_dialog().await;
    app.set_dialog_answer(&slow).await;
    app.click("#open-image").await;
    app.set_dialog_answer(&quick).await;
    app.click("#open-image").await;
    assert_eq!(app.text("#result-number").await, "17");
    // Long after the slow picture would have been read, the newer one is still shown.
    tokio::time::sleep(Duration::from_secs(4)).await;
    let name = app.eval("return document.querySelector('.image-name').textContent").await;
    assert_eq!(name, "fixture-quick-17.png");
    assert!(!app.exists("#opening").await);
    assert_eq!(notice_shown(&app).await, None, "the superseded open says nothing");
    app.close().await;
}

#[tokio::test]
async fn a_named_pipe_is_not_a_file_and_answers_at_once() {
    let _window = WINDOW.lock().await;
    let dir = screenshot_dir().join("fifo");
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("numbers.png");
    std::fs::remove_file(&fifo).ok();
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success(), "mkfifo failed");
    let app = App::launch().await;
    app.resize(1280, 800).await;
    app.stand_in_for_open_dialog().await;
    app.set_dialog_answer(&fifo).await;
    let asked = Instant::now();
    app.click("#open-image").await;
    let notice = app.text("#notice").await;
    let waited = asked.elapsed();
    assert!(notice.contains("not a file"), "{notice}");
    assert!(waited < Duration::from_secs(3), "the answer took {waited:?}");
    assert!(!app.exists("#opening").await && !app.exists("#image-view").await);
    app.screenshot("62-fifo-not-a-file").await;
    app.close().await;
    std::fs::remove_file(&fifo).ok();
}
