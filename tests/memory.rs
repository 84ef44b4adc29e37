//! Memory while the real window reads hostile and huge pictures: an iCCP bomb (a colour profile that inflates
//! to 1 GiB) and pictures near the 100-megapixel limit. The app's main process (not the web view's) must
//! peak at 300 MB or less, read from its `/proc/<pid>/status` (`VmHWM`).

use std::time::{Duration, Instant};

use e2e::{proc_status_bytes, screenshot_dir, App, WINDOW};

const BUDGET_BYTES: u64 = 300 * 1000 * 1000;

/// Waits until the open of `name` has an outcome: the picture shown, or a new notice. Returns which.
async fn outcome(app: &App, name: &str, notice_before: &serde_json::Value) -> String {
    let started = Instant::now();
    loop {
        let state = app
            .eval("const n = document.getElementById('notice'); const i = document.querySelector('.image-name'); \
                   return { busy: !!document.getElementById('opening'), notice: n && n.dataset.id, text: n && n.textContent, \
                            image: i && i.textContent };")
            .await;
        if state["image"] == name {
            return format!("shown: {}", app.text("#image-view .image-summary").await);
        }
        if !state["notice"].is_null() && state["notice"] != *notice_before {
            return format!("message: {}", state["text"].as_str().unwrap_or_default());
        }
        assert!(started.elapsed() < Duration::from_secs(90), "{name} had no outcome after 90 s: {state}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn hostile_and_huge_pictures_keep_the_app_under_300_mb() {
    let _window = WINDOW.lock().await;
    let dir = screenshot_dir().join("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = vec![("iccp-bomb.png", handwriting::hostile::iccp_bomb_png())];
    files.extend(handwriting::hostile::large_pictures());
    let paths: Vec<_> = files
        .into_iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            (name, path)
        })
        .collect();

    let app = App::launch().await;
    app.resize(1280, 800).await;
    app.stand_in_for_open_dialog().await;
    let pid = app.app_pid();
    let mut report = format!("app main process (pid {pid}) after start: VmHWM {} MB\n", proc_status_bytes(pid, "VmHWM") / 1_000_000);
    for (name, path) in &paths {
        let notice_before = app.eval("const n = document.getElementById('notice'); return n && n.dataset.id").await;
        app.set_dialog_answer(path).await;
        app.click("#open-image").await;
        let result = outcome(&app, name, &notice_before).await;
        let peak = proc_status_bytes(pid, "VmHWM");
        report.push_str(&format!("{name}: {result}; VmHWM {} MB\n", peak / 1_000_000));
    }
    app.screenshot("70-memory-last-picture").await;
    std::fs::write(screenshot_dir().join("memory.txt"), &report).unwrap();
    eprintln!("{report}");
    let peak = proc_status_bytes(pid, "VmHWM");
    assert!(peak <= BUDGET_BYTES, "the app's main process peaked at {} MB (budget 300 MB):\n{report}", peak / 1_000_000);
    app.close().await;
    std::fs::remove_dir_all(&dir).ok();
}
