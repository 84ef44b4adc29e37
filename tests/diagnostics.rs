//! "Copy diagnostics" in the real window: the About dialog shows the app's version, system, model and the
//! end of its log, and copies them.

use e2e::{App, WINDOW};

#[tokio::test]
async fn copy_diagnostics_shows_the_version_and_the_log_and_copies_them() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;
    // Something for the log to hold: a file that does not exist.
    app.stand_in_for_open_dialog().await;
    app.set_dialog_answer(std::path::Path::new("/no/such/diagnosed-picture.png")).await;
    app.click("#open-image").await;
    app.wait_for("#notice").await;

    app.click("#about-button").await;
    app.click("#copy-diagnostics").await;
    assert_eq!(app.text("#diagnostics-status").await, "Copied");
    let text = app.eval("return document.getElementById('diagnostics-text').value").await;
    let text = text.as_str().unwrap();
    assert!(text.starts_with(&format!("Digit Recognizer {}\n", env!("CARGO_PKG_VERSION"))), "{text}");
    assert!(text.contains("\nModel: ") && text.contains("digits-cnn.onnx"), "{text}");
    assert!(text.contains("\nONNX Runtime: ") && text.contains("libonnxruntime"), "{text}");
    assert!(text.contains("model loaded from"), "the log's lines are missing: {text}");
    assert!(text.contains("open_image diagnosed-picture.png failed"), "the failure is not in the log: {text}");
    app.screenshot("65-diagnostics").await;

    app.click("#about-close").await;
    app.click("#theme-toggle").await;
    app.resize(360, 640).await;
    app.click("#about-button").await;
    app.wait_for("#diagnostics-text").await;
    app.screenshot("66-diagnostics-other-theme-360").await;
    app.close().await;
}
