//! The drawing and results experience in the real window: live reading, undo, shortcuts, the Unsure state,
//! a phone-sized window, dark mode, and the pointer-up → painted-result latency.

use e2e::notices::{ALREADY_SHOWN, NOTHING_TO_READ, NOTHING_TO_UNDO};
use e2e::{
    date_picture, digit_strokes, dot, european_strokes, number_strokes, scribble, screenshot_dir, sloping_number_strokes, touching_ones_strokes, App,
    EuropeanDigit, WINDOW,
};
use fantoccini::key::Key;

#[tokio::test]
async fn reads_as_you_draw_and_undoes_strokes() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;

    app.draw(&digit_strokes(7)).await;
    assert_eq!(app.final_digit().await, "7", "no result without pressing Predict");
    let announced = app.eval("return document.getElementById('announcer').textContent").await;
    assert!(announced.as_str().is_some_and(|s| s.starts_with('7')), "announced {announced}");

    // A second stroke, a bar through the middle, changes the reading; undo brings the 7 back.
    app.draw(&[e2e::polyline(&[(0.3, 0.55), (0.75, 0.5)], 8)]).await;
    app.wait_for(".answer:not(.updating)").await;
    app.click("#undo").await;
    assert_eq!(app.final_digit().await, "7", "undo did not restore the 7");
    app.screenshot("10-live-after-undo").await;

    app.press_control_letter('z').await;
    app.wait_gone("#result-digit").await;
    app.wait_for(".canvas-hint").await;
    app.click("#undo").await;
    assert_eq!(app.text("#notice").await, NOTHING_TO_UNDO);
    app.close().await;
}

#[tokio::test]
async fn keyboard_shortcuts_predict_clear_and_undo() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;

    app.press(Key::Enter).await;
    assert_eq!(app.text("#notice").await, NOTHING_TO_READ);

    app.draw(&digit_strokes(1)).await;
    assert_eq!(app.final_digit().await, "1");
    app.press(Key::Enter).await;
    assert_eq!(app.text("#notice").await, ALREADY_SHOWN);

    app.press(Key::Escape).await;
    app.wait_gone("#result-digit").await;

    app.draw(&digit_strokes(0)).await;
    assert_eq!(app.final_digit().await, "0");
    app.press(Key::Delete).await;
    app.wait_gone("#result-digit").await;

    app.draw(&digit_strokes(1)).await;
    app.final_digit().await;
    app.press_control_letter('z').await;
    app.wait_gone("#result-digit").await;

    // Every control is reachable with Tab and shows its focus (Tab moves on from the last thing touched).
    app.eval("document.getElementById('theme-toggle').focus()").await;
    for id in ["predict", "undo", "clear"] {
        app.press(Key::Tab).await;
        let focused = app.eval("return document.activeElement.id").await;
        assert_eq!(focused, id, "Tab order");
        let ring = app.eval("return getComputedStyle(document.activeElement).boxShadow").await;
        assert!(ring.as_str().is_some_and(|s| s != "none"), "{id} shows no focus ring");
    }
    app.screenshot("11-keyboard-focus").await;
    app.close().await;
}

#[tokio::test]
async fn a_scribble_and_a_dot_are_unsure() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;

    app.draw(&dot()).await;
    assert_eq!(app.final_digit().await, "?");
    assert_eq!(app.text("#result-words").await, "Unsure");
    assert!(app.text("#result-why").await.contains("dot"));
    app.screenshot("12-unsure-dot").await;
    app.click("#clear").await;

    app.draw(&scribble()).await;
    assert_eq!(app.final_digit().await, "?");
    assert_eq!(app.text("#result-words").await, "Unsure");
    assert!(app.text("#result-why").await.contains("scribble"));
    app.screenshot("13-unsure-scribble").await;
    app.close().await;
}

/// Two 1s drawn touching are read as 11, Unsure, with the reason: where one ends is a guess.
#[tokio::test]
async fn touching_ones_are_read_as_eleven_and_marked_as_a_guess() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;
    app.draw(&touching_ones_strokes()).await;
    assert_eq!(app.text(".answer:not(.updating) #result-number").await, "11");
    assert_eq!(app.text("#result-words").await, "Unsure");
    assert!(app.text("#result-why").await.contains("touch"), "{}", app.text("#result-why").await);
    app.screenshot("15-touching-ones").await;
    app.close().await;
}

/// European 1s (short flag, long flag, with a foot) and a crossed 7 are read as what they are, not as
/// "7 or 1?".
#[tokio::test]
async fn european_ones_and_a_crossed_seven_are_read() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;
    for (i, european) in EuropeanDigit::ALL.into_iter().enumerate() {
        app.draw(&european_strokes(european)).await;
        assert_eq!(app.final_digit().await, european.digit().to_string(), "{european:?}");
        app.screenshot(&format!("14-european-{}", i + 1)).await;
        app.click("#clear").await;
        app.wait_gone("#result-digit").await;
    }
    app.close().await;
}

/// Light and dark, at desktop and phone sizes (down to the smallest supported, 360×640), each with a result
/// shown.
#[tokio::test]
async fn phone_sized_window_and_dark_theme() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    for (width, height) in [(360, 640), (390, 844), (1280, 800), (1920, 1080)] {
        app.resize(width, height).await;
        let viewport = app.eval("return window.innerWidth").await.as_f64().unwrap();
        assert!((viewport - width as f64).abs() < 40.0, "asked for {width} px, the page is {viewport} px wide");
        app.draw(&digit_strokes(7)).await;
        assert_eq!(app.final_digit().await, "7");
        let fits = app
            .eval(
                "const w = document.documentElement.clientWidth; \
                 return document.documentElement.scrollWidth <= w && \
                   ['#drawing', '#predict', '#undo', '#clear', '#open-image', '#theme-toggle', '#result-digit'].every(css => { \
                     const r = document.querySelector(css).getBoundingClientRect(); return r.left >= 0 && r.right <= w; });",
            )
            .await;
        assert_eq!(fits, true, "something is cut off or scrolls sideways at {width}x{height}");
        if width >= 1280 {
            // On a desktop window the page fits: a scrolling page repaints its overlay scrollbar on every
            // pointer move, which kept the renderer busy while drawing.
            let scrolls = app.eval("return document.documentElement.scrollHeight > window.innerHeight").await;
            assert_eq!(scrolls, false, "the page scrolls at {width}x{height}");
        }
        for theme in ["light", "dark"] {
            if app.eval("return document.documentElement.dataset.theme").await != theme {
                app.click("#theme-toggle").await;
            }
            assert_eq!(app.eval("return document.documentElement.dataset.theme").await, theme);
            app.screenshot(&format!("20-{theme}-{width}x{height}")).await;
        }
        let background = app.eval("return getComputedStyle(document.querySelector('.card')).backgroundColor").await;
        assert_ne!(background, "rgb(255, 255, 255)", "dark theme left the cards white");
        app.click("#theme-toggle").await; // back to light for the next size
        app.press(Key::Escape).await;
        app.wait_gone("#result-digit").await;
    }
    app.close().await;
}

/// A number's reading (the number, why it is unsure, a chip per digit, "Is this right?", the chosen digit's
/// bars) fits a desktop window as a single digit's does: a page that scrolls repaints its scrollbar on every
/// pointer move.
#[tokio::test]
async fn a_number_drawn_on_the_canvas_fits_a_desktop_window() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    for (width, height) in [(1280, 800), (1920, 1080)] {
        app.resize(width, height).await;
        // Five digits, two pairs touching: a chip each, and the reason the number is unsure.
        app.draw(&number_strokes(&[1, 7, 0, 1, 7])).await;
        app.wait_for("#correct-reading").await;
        let chips = app.eval("return document.querySelectorAll('#digit-chips .chip').length").await;
        assert_eq!(chips, 5, "{}", app.text("#result-number").await);
        let scrolls = app.eval("return document.documentElement.scrollHeight > window.innerHeight").await;
        app.screenshot(&format!("21-number-{width}x{height}")).await;
        assert_eq!(scrolls, false, "the page scrolls at {width}x{height} with a number shown");
        app.press(Key::Escape).await;
        app.wait_gone("#result-number").await;
    }
    app.close().await;
}

/// Two-digit numbers written steeply uphill and downhill (about 30°) are read left to right as one number:
/// chained level, the digits share too few rows, and the higher one came first ("17" read "7 1").
#[tokio::test]
async fn a_number_written_uphill_or_downhill_is_read_left_to_right() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;
    for (digits, rise, number) in [([1, 7], 0.25, "17"), ([7, 0], -0.25, "70")] {
        app.draw(&sloping_number_strokes(&digits, rise)).await;
        assert_eq!(app.text(".answer:not(.updating) #result-number").await, number);
        app.screenshot(&format!("21-sloping-{number}")).await;
        app.press(Key::Escape).await;
        app.wait_gone("#result-number").await;
    }
    app.close().await;
}

/// A date of eight digits opened from a file, "10/07/1740": eight chips, and still no scrolling on a desktop
/// window.
#[tokio::test]
async fn a_long_date_opened_from_a_file_fits_a_desktop_window() {
    let _window = WINDOW.lock().await;
    let path = screenshot_dir().join("fixture-long-date.png");
    date_picture(&[&[1, 0], &[0, 7], &[1, 7, 4, 0]]).save(&path).unwrap();
    let app = App::launch_with_args(&[path.to_str().unwrap()]).await;
    for (width, height) in [(1280, 800), (1920, 1080)] {
        app.resize(width, height).await;
        assert_eq!(app.text("#result-number").await, "10071740");
        let chips = app.eval("return document.querySelectorAll('#digit-chips .chip').length").await;
        assert_eq!(chips, 8);
        let scrolls = app.eval("return document.documentElement.scrollHeight > window.innerHeight").await;
        app.screenshot(&format!("22-long-date-{width}x{height}")).await;
        assert_eq!(app.digit_labels_not_seen_whole().await, Vec::<String>::new(), "at {width}x{height}");
        assert_eq!(scrolls, false, "the page scrolls at {width}x{height} with an eight-digit date shown");
    }
    app.close().await;
}

/// Pointer up → the final result painted, measured by the app itself (`window.digitRecognizerTimings`).
#[tokio::test]
async fn reports_the_pointer_up_to_painted_result_latency() {
    let _window = WINDOW.lock().await;
    let app = App::launch().await;
    app.resize(1280, 800).await;
    for round in 0..36 {
        app.draw(&digit_strokes([1, 7, 0][round % 3])).await;
        app.final_digit().await;
        app.press(Key::Escape).await;
        app.wait_gone("#result-digit").await;
    }
    let timings = app.eval("return window.digitRecognizerTimings || []").await;
    let timings = timings.as_array().unwrap();
    assert!(timings.len() >= 10, "only {} timings recorded: {timings:?}", timings.len());
    let median = |stage: &str| {
        let mut ms: Vec<f64> = timings.iter().filter_map(|t| t[stage].as_f64()).collect();
        ms.sort_by(f64::total_cmp);
        (ms[ms.len() / 2], ms[0], ms[ms.len() - 1])
    };
    let (total, min, max) = median("total");
    let mut report = format!(
        "pointer-up to painted result over {} strokes: median {total:.1} ms, min {min:.1} ms, max {max:.1} ms\n",
        timings.len()
    );
    for stage in ["export", "recognizer", "render", "frame", "paint"] {
        let (median, min, max) = median(stage);
        report += &format!("  {stage:<10} median {median:5.1} ms (min {min:.1}, max {max:.1})\n");
    }
    print!("{report}");
    std::fs::write(screenshot_dir().join("latency.txt"), report).unwrap();
    app.close().await;
}
