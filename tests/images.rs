//! Images in the real window: a path on the command line ("Open with"), the Open button with the native
//! dialog mocked, a pasted image, the boxes drawn around each digit, and a damaged file.

use base64::Engine as _;
use e2e::{date_picture, screenshot_dir, App, WINDOW};
use recognizer::classifier::default_model_path;
use handwriting::sketch::{draw_strokes, draw_strokes_in, draw_strokes_turned, ring, seven_four_seven};
use handwriting::synthetic::{Generator, Sample};
use recognizer::Recognizer;

/// A seeded synthetic phone photo of a 4-digit number, saved as a PNG, with what the core reads in it.
fn photo_of_a_number(seed: u64, name: &str) -> (std::path::PathBuf, Sample) {
    let mut generator = Generator::from_test_set(&handwriting::mnist::default_dir(), seed).expect("MNIST test set");
    let sample = generator.photo(4);
    let reading = Recognizer::load(&default_model_path()).unwrap().read_image(&sample.image).unwrap();
    assert_eq!(reading.number, sample.number, "pick a seed whose photo the core reads right");
    let path = screenshot_dir().join(name);
    sample.image.save(&path).unwrap();
    (path, sample)
}

/// Saves `picture` as the fixture `name` and opens it in the app as "Open with" does, in a desktop window.
async fn open_picture(picture: &image::RgbaImage, name: &str) -> App {
    let path = screenshot_dir().join(name);
    picture.save(&path).unwrap();
    let app = App::launch_with_args(&[path.to_str().unwrap()]).await;
    app.resize(1280, 800).await;
    app
}

async fn image_name(app: &App) -> String {
    app.eval("return document.querySelector('.image-name').textContent").await.as_str().unwrap().to_string()
}

async fn digit_boxes(app: &App) -> usize {
    app.eval("return document.querySelectorAll('#image-view .digit-box').length").await.as_u64().unwrap() as usize
}

#[tokio::test]
async fn an_image_given_on_the_command_line_is_read_with_a_box_per_digit() {
    let _window = WINDOW.lock().await;
    let (path, sample) = photo_of_a_number(7, "fixture-photo-number.png");
    let app = App::launch_with_args(&[path.to_str().unwrap()]).await;
    app.resize(1280, 800).await;
    assert_eq!(app.text("#result-number").await, sample.number);
    assert_eq!(digit_boxes(&app).await, 4);
    assert_eq!(image_name(&app).await, "fixture-photo-number.png");
    // The boxes sit on the picture, left to right.
    let lefts = app
        .eval("return [...document.querySelectorAll('.digit-box')].map(b => b.getBoundingClientRect().left)")
        .await;
    let lefts: Vec<f64> = lefts.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert!(lefts.windows(2).all(|w| w[0] < w[1]), "{lefts:?}");
    app.screenshot("30-image-boxes").await;

    // Choosing a digit shows its probabilities.
    app.click("#digit-chips .chip:nth-child(3)").await;
    let expected = sample.number.chars().nth(2).unwrap();
    let winner = app.text(".bar.winner .bar-label").await;
    assert_eq!(winner, expected.to_string());
    assert!(app.exists(".digit-box.selected").await);

    // Predict says a result is shown; Clear brings the canvas back.
    app.click("#clear").await;
    app.wait_gone("#image-view").await;
    assert!(app.eval("return document.getElementById('drawing').offsetWidth > 0").await.as_bool().unwrap());
    app.close().await;
}

#[tokio::test]
async fn the_open_button_reads_the_file_the_dialog_returns() {
    let _window = WINDOW.lock().await;
    let (path, sample) = photo_of_a_number(11, "fixture-dialog-number.png");
    let app = App::launch().await;
    app.resize(390, 844).await;
    // Stand in for the native dialog: answer its IPC command with the fixture's path. Everything after it
    // (the open_image command, decoding, reading, the view) is real.
    let mock = format!(
        "const core = window.__TAURI__.core; window.dialogCalls = []; \
         const invoke = (cmd, args, options) => {{ \
             if (cmd === 'plugin:dialog|open') {{ window.dialogCalls.push(args); return Promise.resolve({path:?}); }} \
             return core.invoke(cmd, args, options); }}; \
         window.__TAURI__.core = {{ ...core, invoke }}; \
         return window.__TAURI__.core.invoke === invoke;",
        path = path.to_str().unwrap()
    );
    assert_eq!(app.eval(&mock).await, serde_json::json!(true), "could not stand in for the dialog");
    app.click("#open-image").await;
    assert_eq!(app.text("#result-number").await, sample.number);
    let filters = app.eval("return window.dialogCalls[0].options.filters[0].extensions").await;
    for ext in ["png", "jpg", "webp", "tiff", "bmp", "gif", "ico", "pnm"] {
        assert!(filters.as_array().unwrap().iter().any(|e| e == ext), "the dialog does not offer .{ext}: {filters}");
    }
    app.screenshot("31-image-phone").await;
    app.close().await;
}

#[tokio::test]
async fn a_pasted_image_is_read() {
    let _window = WINDOW.lock().await;
    let (path, sample) = photo_of_a_number(23, "fixture-pasted-number.png");
    let png = base64::engine::general_purpose::STANDARD.encode(std::fs::read(&path).unwrap());
    let app = App::launch().await;
    app.resize(1280, 800).await;
    let paste = format!(
        "const bytes = Uint8Array.from(atob('{png}'), c => c.charCodeAt(0)); \
         const data = new DataTransfer(); \
         data.items.add(new File([bytes], 'clipboard.png', {{ type: 'image/png' }})); \
         document.dispatchEvent(new ClipboardEvent('paste', {{ clipboardData: data, bubbles: true }})); \
         return true;"
    );
    app.click("#theme-toggle").await; // the other theme, for the screenshot
    app.eval(&paste).await;
    assert_eq!(app.text("#result-number").await, sample.number);
    assert_eq!(image_name(&app).await, "clipboard.png");
    app.screenshot("32-image-pasted-other-theme").await;

    // Pasting text is not an image.
    app.eval("const data = new DataTransfer(); data.setData('text/plain', '2026'); \
              document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));")
        .await;
    assert_eq!(app.text("#notice").await, "The clipboard holds no image to read");
    app.close().await;
}

#[tokio::test]
async fn a_damaged_file_gets_a_clear_message_and_the_canvas_stays() {
    let _window = WINDOW.lock().await;
    let path = screenshot_dir().join("fixture-damaged.png");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n this is not really a picture").unwrap();
    let app = App::launch_with_args(&[path.to_str().unwrap()]).await;
    app.resize(1280, 800).await;
    let notice = app.text("#notice").await;
    assert!(notice.contains("damaged"), "{notice}");
    assert!(!app.exists("#image-view").await);
    app.draw(&e2e::digit_strokes(1)).await;
    assert_eq!(app.final_digit().await, "1");
    app.screenshot("33-image-damaged").await;
    app.close().await;
}

#[tokio::test]
async fn a_file_dropped_on_the_window_is_read() {
    let _window = WINDOW.lock().await;
    let (path, sample) = photo_of_a_number(31, "fixture-dropped-number.png");
    let app = App::launch().await;
    app.resize(1280, 800).await;
    // Stand in for the desktop: send the window's own drag-and-drop events, as Tauri does for a real drop.
    app.eval("window.__TAURI__.event.emit('tauri://drag-enter', { paths: [], position: { x: 300, y: 300 } }); return true")
        .await;
    app.wait_for("#drop-overlay").await;
    app.screenshot("34-drop-overlay").await;
    let drop = format!(
        "window.__TAURI__.event.emit('tauri://drag-drop', {{ paths: [{path:?}], position: {{ x: 300, y: 300 }} }}); return true",
        path = path.to_str().unwrap()
    );
    app.eval(&drop).await;
    assert_eq!(app.text("#result-number").await, sample.number);
    app.wait_gone("#drop-overlay").await;
    assert_eq!(image_name(&app).await, "fixture-dropped-number.png");
    app.close().await;
}

/// `strokes` drawn with a round pen `pen` pixels wide, in `ink` on `ground` (RGBA), as a drawing app saves them.
fn drawn_in_colour((width, height): (u32, u32), strokes: &[Vec<(f32, f32)>], pen: f32, ink: [u8; 4], ground: [u8; 4]) -> image::RgbaImage {
    image::RgbaImage::from_raw(width, height, draw_strokes_in(width, height, strokes, pen, ink, ground)).expect("one pixel per point")
}

/// "80" written with a bold white pen (a fifth of the digits' height) on black, as a drawing app in dark mode
/// saves it: read as 80, not as the dark holes inside its loops.
#[tokio::test]
async fn a_bold_white_number_on_black_is_read_not_its_holes() {
    let _window = WINDOW.lock().await;
    let strokes = [ring((120.0, 105.0), (42.0, 45.0)), ring((120.0, 195.0), (52.0, 45.0)), ring((290.0, 150.0), (55.0, 90.0))];
    let picture = drawn_in_colour((420, 300), &strokes, 36.0, [250, 250, 250, 255], [12, 12, 16, 255]);
    let app = open_picture(&picture, "fixture-bold-white-on-black.png").await;
    assert_eq!(app.text("#result-number").await, "80");
    assert_eq!(digit_boxes(&app).await, 2);
    app.screenshot("41-image-bold-white-on-black").await;
    app.close().await;
}

/// A 1 of a postal digit set (fitted into a 16-pixel square) shown six times larger, as a viewer shows it: its
/// stroke is wider than the window the paper is measured in, and only its edges had been found as ink (it read
/// "8", Unsure).
#[tokio::test]
async fn a_postal_digit_shown_enlarged_is_read_as_itself() {
    let _window = WINDOW.lock().await;
    let small = image::RgbaImage::from_raw(16, 16, draw_strokes(16, 16, &[vec![(9.0, 1.5), (7.0, 14.5)]], 3.0)).unwrap();
    let picture = image::imageops::resize(&small, 96, 96, image::imageops::FilterType::Triangle);
    let app = open_picture(&picture, "fixture-postal-one-enlarged.png").await;
    assert_eq!(app.final_digit().await, "1");
    assert_eq!(digit_boxes(&app).await, 1);
    app.screenshot("42-image-postal-enlarged").await;
    app.close().await;
}

/// A 7 scanned at 8×8 pixels, as the UCI optical digits keep one: too small for two digits, so all its ink is
/// one digit. Its bar runs along the top edge and had been dropped as the paper's edge, leaving a sure "1".
#[tokio::test]
async fn a_digit_of_eight_by_eight_pixels_is_read_whole() {
    let _window = WINDOW.lock().await;
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../recognizer/src/segment/testdata/eight-pixel-seven.png");
    let picture = image::open(fixture).unwrap().to_rgba8();
    let app = open_picture(&picture, "fixture-eight-pixel-seven.png").await;
    assert_eq!(app.final_digit().await, "7");
    assert_eq!(digit_boxes(&app).await, 1);
    app.screenshot("43-image-eight-pixels").await;
    app.close().await;
}

/// A drawing saved by an app in dark mode: white strokes on a clear background. It is read, and shown on the
/// black paper it was read on (on white it would be invisible).
#[tokio::test]
async fn white_strokes_on_a_clear_background_are_read_and_shown_on_dark_paper() {
    let _window = WINDOW.lock().await;
    let strokes = [
        vec![(30.0, 20.0), (30.0, 160.0)],
        vec![(70.0, 22.0), (150.0, 22.0), (100.0, 160.0)],
        vec![(240.0, 160.0), (240.0, 20.0), (180.0, 115.0), (270.0, 115.0)],
    ];
    let picture = drawn_in_colour((300, 180), &strokes, 10.0, [255, 255, 255, 255], [0, 0, 0, 0]);
    let app = open_picture(&picture, "fixture-white-on-clear.png").await;
    assert_eq!(app.text("#result-number").await, "174");
    assert_eq!(digit_boxes(&app).await, 3);
    let src = app.eval("return document.getElementById('opened-image').src").await;
    let jpeg = base64::engine::general_purpose::STANDARD
        .decode(src.as_str().unwrap().strip_prefix("data:image/jpeg;base64,").unwrap())
        .unwrap();
    let preview = image::load_from_memory(&jpeg).unwrap().to_luma8();
    assert!(preview.get_pixel(5, 5)[0] < 30, "the clear background is not shown dark");
    assert!(preview.get_pixel(30, 90)[0] > 220, "the white stroke is not shown");
    app.screenshot("35-image-white-on-clear").await;
    app.close().await;
}

/// A digit written in a form's printed box, scanned with a little paper around it: one digit, read as what it
/// is; the box's sides, as tall as the digit, are not 1s (it read "141").
#[tokio::test]
async fn a_digit_in_a_form_box_is_read_alone() {
    let _window = WINDOW.lock().await;
    let strokes = [vec![(95.0, 20.0), (35.0, 115.0), (125.0, 115.0)], vec![(100.0, 50.0), (100.0, 150.0)]];
    let drawn = draw_strokes(160, 170, &strokes, 9.0);
    let picture = image::RgbaImage::from_fn(160, 170, |x, y| {
        let in_box = (8..152).contains(&x) && (8..162).contains(&y);
        let frame = in_box && !((11..149).contains(&x) && (11..159).contains(&y));
        let inked = drawn[((y * 160 + x) * 4) as usize] < 128;
        image::Rgba(if inked { [20, 20, 60, 255] } else if frame { [90, 90, 90, 255] } else { [245, 245, 240, 255] })
    });
    let app = open_picture(&picture, "fixture-form-box.png").await;
    assert_eq!(app.final_digit().await, "4");
    assert_eq!(digit_boxes(&app).await, 1);
    app.screenshot("36-image-form-box").await;
    app.close().await;
}

/// A small scan of a form's box cropped at its lines, the crop cutting off its left line, with a bold 0 so
/// large that it runs into the box's top and bottom lines: one digit, the 0 (it read "1" Unsure: the box's
/// lines along the border were taken for the paper, and the paper inside them for ink).
#[tokio::test]
async fn a_digit_touching_its_box_cropped_at_the_lines_is_read() {
    let _window = WINDOW.lock().await;
    // Drawn 4 times larger, then scanned down to 68 × 73.
    let (width, height) = (272u32, 292u32);
    let ring: Vec<(f32, f32)> = (0..=60)
        .map(|k| {
            let t = k as f32 * std::f32::consts::TAU / 60.0;
            (130.5 + 81.6 * t.sin(), 146.0 - 134.3 * t.cos())
        })
        .collect();
    let drawn = draw_strokes(width, height, &[ring], 28.0);
    let large = image::RgbaImage::from_fn(width, height, |x, y| {
        let line = y < 8 || y >= height - 8 || x >= width - 8;
        let inked = drawn[((y * width + x) * 4) as usize] < 128;
        image::Rgba(if inked { [25, 30, 90, 255] } else if line { [90, 90, 90, 255] } else { [246, 246, 242, 255] })
    });
    let picture = image::imageops::resize(&large, 68, 73, image::imageops::FilterType::Triangle);
    let app = open_picture(&picture, "fixture-form-box-touching.png").await;
    assert_eq!(app.final_digit().await, "0");
    assert_eq!(digit_boxes(&app).await, 1);
    // The box starts at the picture's top edge; its label is still seen whole.
    assert_eq!(app.digit_labels_not_seen_whole().await, Vec::<String>::new());
    app.screenshot("39-image-form-box-touching").await;
    app.close().await;
}

/// A date written by hand, "7/4/10": its slashes lean more than the writer's digits and part it into a day, a
/// month and a year, so they are separators, not 1s (it read "714110").
#[tokio::test]
async fn the_slashes_of_a_handwritten_date_are_not_read_as_ones() {
    let _window = WINDOW.lock().await;
    let picture = date_picture(&[&[7], &[4], &[1, 0]]);
    let app = open_picture(&picture, "fixture-date.png").await;
    assert_eq!(app.text("#result-number").await, "7410");
    assert_eq!(digit_boxes(&app).await, 4);
    app.screenshot("37-image-date").await;
    app.close().await;
}

/// "747" written on a page and photographed with the phone turned 22° anticlockwise, the page filling the photo:
/// only the line's slope shows the turn. Its first 7 stood upright as a 1 ("147"); read turned back as well, the
/// model is far surer of "747", and each digit is boxed where it lies in the photo.
#[tokio::test]
async fn a_number_photographed_turned_is_read_upright() {
    let _window = WINDOW.lock().await;
    let strokes = seven_four_seven(80.0, 105.0);
    let photo = image::RgbaImage::from_raw(360, 300, draw_strokes_turned(360, 300, &strokes, 5.0, (-22f32).to_radians())).unwrap();
    let app = open_picture(&photo, "fixture-number-turned.png").await;
    assert_eq!(app.text("#result-number").await, "747");
    assert_eq!(digit_boxes(&app).await, 3);
    app.screenshot("38-image-number-turned").await;
    app.close().await;
}

/// A note with "170" on it, photographed on a desk darker than its ink that fills most of the picture: the
/// note is the paper and the pen is the ink. Along the note's edges the paper strays further from the local
/// median brightness than the ink does, so the note was taken for light ink on a dark ground ("1?"). Then the
/// same photo turned.
#[tokio::test]
async fn a_note_photographed_on_a_dark_desk_is_read() {
    let _window = WINDOW.lock().await;
    let (width, height) = (590u32, 590u32);
    let (left, top, right, bottom) = (196u32, 70u32, 547u32, 364u32);
    let strokes: Vec<Vec<(f32, f32)>> = e2e::number_strokes(&[1, 7, 0])
        .into_iter()
        .map(|stroke| {
            let on_note = |(u, v): (f64, f64)| (left as f32 + 20.0 + 311.0 * u as f32, top as f32 + 294.0 * (0.8 * v as f32 + 0.1));
            stroke.into_iter().map(on_note).collect()
        })
        .collect();
    let drawn = draw_strokes(width, height, &strokes, 5.0);
    let picture = image::RgbaImage::from_fn(width, height, |x, y| {
        let on_note = (left..right).contains(&x) && (top..bottom).contains(&y);
        let inked = drawn[((y * width + x) * 4) as usize] < 128;
        // The desk darkens away from the lamp; the note is lit a little unevenly too.
        let desk = (30 - x * 10 / width) as u8;
        let paper = (245 - y * 12 / height) as u8;
        image::Rgba(if !on_note { [desk, desk - 8, desk - 16, 255] } else if inked { [40, 40, 65, 255] } else { [paper, paper, paper - 6, 255] })
    });
    let photo = image::imageops::blur(&picture, 1.0);
    let app = open_picture(&photo, "fixture-note-on-desk.png").await;
    assert_eq!(app.text("#result-number").await, "170");
    assert_eq!(digit_boxes(&app).await, 3);
    app.screenshot("38-image-note-on-desk").await;
    app.close().await;
    // The same photo taken with the phone turned 18°: the note fills only 0.7 of its upright box, and was no
    // note ("?"). Then turned 22° the other way and framed higher, the note's corner running off the photo's
    // top edge: its 7 stood upright as a 1 ("110"); its writing turned back, it is "170" again, each digit boxed
    // where it lies in the photo.
    for (degrees, shift_up, name) in [(-18f32, 0.0, "38-image-note-turned"), (22.0, 68.0, "38-image-note-turned-cut")] {
        let (sin, cos) = degrees.to_radians().sin_cos();
        let (cx, cy) = (width as f32 / 2.0, height as f32 / 2.0);
        let turned = image::RgbaImage::from_fn(width, height, |x, y| {
            let (dx, dy) = (x as f32 - cx, y as f32 + shift_up - cy);
            let (u, v) = ((cx + dx * cos - dy * sin).round(), (cy + dx * sin + dy * cos).round());
            let inside = (0.0..width as f32).contains(&u) && (0.0..height as f32).contains(&v);
            if inside { *photo.get_pixel(u as u32, v as u32) } else { *photo.get_pixel(width - 1, height - 1) }
        });
        let app = open_picture(&turned, &format!("fixture-{name}.png")).await;
        assert_eq!(app.text("#result-number").await, "170", "{name}");
        assert_eq!(digit_boxes(&app).await, 3, "{name}");
        app.screenshot(name).await;
        app.close().await;
    }
}
