//! The real app window: drawing and reading digits, Clear, and the three notices of Predict and Clear.

use e2e::notices::{ALREADY_CLEAR, ALREADY_SHOWN, NOTHING_TO_READ};
use e2e::{digit_strokes, App, WINDOW};

#[tokio::test]
async fn draws_one_zero_and_seven_and_reads_each() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;
    app.screenshot("01-empty").await;
    for digit in [1u8, 0, 7] {
        app.draw(&digit_strokes(digit)).await;
        // Read live on pointer up; Predict then only says a result is shown (the notices test covers it).
        let shown = app.final_digit().await;
        app.screenshot(&format!("02-predicted-{digit}")).await;
        assert_eq!(shown, digit.to_string(), "drew {digit}, the app read {shown}");
        let confidence = app.text("#result-confidence").await;
        assert!(confidence.ends_with('%'), "{confidence}");
        let filled = app.winner_bar_fill().await;
        assert!(filled > 0.5, "the winning bar is drawn {:.0} % full for {confidence}", filled * 100.0);
        app.click("#clear").await;
        assert!(!app.exists("#result-digit").await, "the result stays after Clear");
    }
    app.close().await;
}

#[tokio::test]
async fn shows_the_three_notices() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;

    app.click("#predict").await;
    assert_eq!(app.text("#notice").await, NOTHING_TO_READ);
    app.screenshot("03-notice-nothing-to-read").await;

    app.draw(&digit_strokes(7)).await;
    app.click("#predict").await;
    app.wait_for("#result-digit").await;
    app.click("#predict").await;
    assert_eq!(app.text("#notice").await, ALREADY_SHOWN);
    app.screenshot("04-notice-already-shown").await;

    app.click("#clear").await;
    app.click("#clear").await;
    assert_eq!(app.text("#notice").await, ALREADY_CLEAR);
    app.screenshot("05-notice-already-clear").await;
    app.close().await;
}

#[tokio::test]
async fn missing_model_is_reported_in_the_window() {
    let _window = WINDOW.lock().await;
    let app = App::launch_with_env(&[("DIGITS_MODEL", "/nonexistent/digits-cnn.onnx")]).await;
    app.resize(1280, 800).await;
    let banner = app.text("#model-error").await;
    assert!(banner.contains("/nonexistent/digits-cnn.onnx") && banner.contains("DIGITS_MODEL"), "{banner}");
    app.draw(&digit_strokes(1)).await;
    app.click("#predict").await;
    let shown = app.text("#result-error").await;
    assert!(shown.contains("until the recognizer is available"), "{shown}");
    app.screenshot("06-model-missing").await;
    app.close().await;
}

#[tokio::test]
async fn the_about_dialog_shows_the_licences_and_closes_with_escape() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;
    app.click("#about-button").await;
    let about = app.text("#about").await;
    for named in ["MIT", "ONNX Runtime", "MNIST", "UNIPEN"] {
        assert!(about.contains(named), "the About dialog does not name {named}: {about}");
    }
    app.screenshot("07-about").await;
    app.press(fantoccini::key::Key::Escape).await;
    let open = app.eval("return document.getElementById('about').open").await;
    assert_eq!(open, serde_json::Value::Bool(false), "Escape closes the About dialog");
    app.resize(360, 640).await;
    app.click("#about-button").await;
    app.screenshot("07-about-360x640").await;
    app.close().await;
}
