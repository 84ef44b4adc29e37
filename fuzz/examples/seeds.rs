//! Writes the seed inputs of the fuzz targets: small pictures of digits (≤ 64×64) in every format the app
//! opens, a few hostile files (truncated, lying headers), and `predict` requests, well-formed and not.
//! `cargo run --release --example seeds -- DIR` writes DIR/decode_segment, DIR/predict_canvas and
//! DIR/onnx_read (`scripts/fuzz.sh seed` merges them into the corpus).

use std::io::Cursor;
use std::path::Path;

use digits_fuzz::CanvasInput;
use image::codecs::{bmp, gif, ico, jpeg, png, pnm, tiff, webp};
use image::{DynamicImage, GrayImage, ImageEncoder, Luma, Rgba, RgbaImage};

/// Ink strokes, as polylines in a 0..1 box.
type Strokes = &'static [&'static [(f32, f32)]];
const ONE: Strokes = &[&[(0.3, 0.25), (0.5, 0.1), (0.5, 0.9)]];
const SEVEN: Strokes = &[&[(0.15, 0.12), (0.85, 0.12), (0.4, 0.9)]];
const ZERO: Strokes = &[&[(0.5, 0.1), (0.8, 0.3), (0.8, 0.7), (0.5, 0.9), (0.2, 0.7), (0.2, 0.3), (0.5, 0.1)]];
const FOUR: Strokes = &[&[(0.6, 0.9), (0.6, 0.1), (0.15, 0.65), (0.85, 0.65)]];

/// Draws `strokes` scaled into the box (x, y, w, h) with a round pen of radius `pen`.
fn draw(image: &mut GrayImage, strokes: Strokes, (bx, by, bw, bh): (f32, f32, f32, f32), pen: f32, ink: u8) {
    for stroke in strokes {
        for pair in stroke.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let steps = 64;
            for s in 0..=steps {
                let t = s as f32 / steps as f32;
                let (cx, cy) = (bx + (a.0 + (b.0 - a.0) * t) * bw, by + (a.1 + (b.1 - a.1) * t) * bh);
                for y in (cy - pen).floor() as i32..=(cy + pen).ceil() as i32 {
                    for x in (cx - pen).floor() as i32..=(cx + pen).ceil() as i32 {
                        let inside = (x as f32 - cx).powi(2) + (y as f32 - cy).powi(2) <= pen * pen;
                        if inside && x >= 0 && y >= 0 && (x as u32) < image.width() && (y as u32) < image.height() {
                            image.put_pixel(x as u32, y as u32, Luma([ink]));
                        }
                    }
                }
            }
        }
    }
}

fn page(width: u32, height: u32, digits: &[(Strokes, (f32, f32, f32, f32))], pen: f32, paper: u8, ink: u8) -> GrayImage {
    let mut image = GrayImage::from_pixel(width, height, Luma([paper]));
    for &(strokes, frame) in digits {
        draw(&mut image, strokes, frame, pen, ink);
    }
    image
}

/// The pictures: two digits apart, two touching (a cut search), one filling the frame, chalk on a board,
/// blank paper and noise.
fn pictures() -> Vec<(&'static str, GrayImage)> {
    let mut noise = GrayImage::new(32, 32);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for p in noise.pixels_mut() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *p = Luma([(state >> 56) as u8]);
    }
    vec![
        ("17", page(48, 32, &[(ONE, (4.0, 4.0, 18.0, 24.0)), (SEVEN, (26.0, 4.0, 18.0, 24.0))], 1.6, 235, 30)),
        ("00-touching", page(64, 40, &[(ZERO, (6.0, 5.0, 28.0, 30.0)), (ZERO, (29.0, 5.0, 28.0, 30.0))], 2.0, 250, 10)),
        ("4-fills", page(32, 32, &[(FOUR, (0.0, 0.0, 32.0, 32.0))], 2.5, 255, 0)),
        ("chalk-71", page(40, 24, &[(SEVEN, (3.0, 3.0, 15.0, 18.0)), (ONE, (22.0, 3.0, 15.0, 18.0))], 1.2, 40, 220)),
        ("blank", GrayImage::from_pixel(16, 16, Luma([255]))),
        ("noise", noise),
    ]
}

fn encode(format: &str, image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    let (w, h) = (image.width(), image.height());
    let result = match format {
        "png-grey" => png::PngEncoder::new(&mut out).write_image(image.to_luma8().as_raw(), w, h, image::ExtendedColorType::L8),
        "png-rgba" => png::PngEncoder::new(&mut out).write_image(image.to_rgba8().as_raw(), w, h, image::ExtendedColorType::Rgba8),
        "png-16" => {
            let wide: Vec<u8> = image.to_luma16().as_raw().iter().flat_map(|v| v.to_be_bytes()).collect();
            png::PngEncoder::new(&mut out).write_image(&wide, w, h, image::ExtendedColorType::L16)
        }
        "jpeg" => jpeg::JpegEncoder::new_with_quality(&mut out, 80).write_image(image.to_rgb8().as_raw(), w, h, image::ExtendedColorType::Rgb8),
        "jpeg-grey-exif6" => {
            let mut encoder = jpeg::JpegEncoder::new_with_quality(&mut out, 60);
            encoder.set_exif_metadata(exif_orientation(6)).expect("JPEG takes EXIF");
            encoder.write_image(image.to_luma8().as_raw(), w, h, image::ExtendedColorType::L8)
        }
        "gif" => gif::GifEncoder::new(&mut out).encode(image.to_rgba8().as_raw(), w, h, image::ExtendedColorType::Rgba8),
        "bmp" => bmp::BmpEncoder::new(&mut out).write_image(image.to_rgb8().as_raw(), w, h, image::ExtendedColorType::Rgb8),
        "bmp-rgba" => bmp::BmpEncoder::new(&mut out).write_image(image.to_rgba8().as_raw(), w, h, image::ExtendedColorType::Rgba8),
        "webp" => webp::WebPEncoder::new_lossless(&mut out).write_image(image.to_rgba8().as_raw(), w, h, image::ExtendedColorType::Rgba8),
        "tiff" | "tiff-16" => {
            let mut cursor = Cursor::new(Vec::new());
            let encoded = if format == "tiff" {
                tiff::TiffEncoder::new(&mut cursor).write_image(image.to_rgb8().as_raw(), w, h, image::ExtendedColorType::Rgb8)
            } else {
                let wide: Vec<u8> = image.to_luma16().as_raw().iter().flat_map(|v| v.to_ne_bytes()).collect();
                tiff::TiffEncoder::new(&mut cursor).write_image(&wide, w, h, image::ExtendedColorType::L16)
            };
            out = cursor.into_inner();
            encoded
        }
        "ico" => ico::IcoEncoder::new(&mut out).write_image(image.to_rgba8().as_raw(), w, h, image::ExtendedColorType::Rgba8),
        "pgm" => pnm::PnmEncoder::new(&mut out)
            .with_subtype(pnm::PnmSubtype::Graymap(pnm::SampleEncoding::Binary))
            .write_image(image.to_luma8().as_raw(), w, h, image::ExtendedColorType::L8),
        "ppm-ascii" => pnm::PnmEncoder::new(&mut out)
            .with_subtype(pnm::PnmSubtype::Pixmap(pnm::SampleEncoding::Ascii))
            .write_image(image.to_rgb8().as_raw(), w, h, image::ExtendedColorType::Rgb8),
        "pam" => pnm::PnmEncoder::new(&mut out)
            .with_subtype(pnm::PnmSubtype::ArbitraryMap)
            .write_image(image.to_rgba8().as_raw(), w, h, image::ExtendedColorType::Rgba8),
        other => panic!("no encoder {other}"),
    };
    result.unwrap_or_else(|e| panic!("{format}: {e}"));
    out
}

const FORMATS: &[&str] = &[
    "png-grey", "png-rgba", "png-16", "jpeg", "jpeg-grey-exif6", "gif", "bmp", "bmp-rgba", "webp", "tiff", "tiff-16",
    "ico", "pgm", "ppm-ascii", "pam",
];

/// A little-endian TIFF block holding only the orientation tag.
fn exif_orientation(value: u16) -> Vec<u8> {
    let mut exif = b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0".to_vec();
    exif.extend_from_slice(&value.to_le_bytes());
    exif.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    exif
}

/// Hostile files: cut short, lying about their size, or barely a header.
fn hostile(files: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (name, bytes) in files.iter().filter(|(n, b)| n.starts_with("17.") && b.len() <= 1600) {
        out.push((format!("truncated-half-{name}"), bytes[..bytes.len() / 2].to_vec()));
        out.push((format!("truncated-last-byte-{name}"), bytes[..bytes.len() - 1].to_vec()));
    }
    let png = &files.iter().find(|(n, _)| n == "17.png-grey").expect("the PNG seed").1;
    // IHDR's width (bytes 16..20) changed without fixing its CRC, then with a plausible larger size.
    let mut wider = png.clone();
    wider[16..20].copy_from_slice(&200u32.to_be_bytes());
    out.push(("lying-width-17.png".into(), wider));
    let mut taller = png.clone();
    taller[20..24].copy_from_slice(&64u32.to_be_bytes());
    out.push(("lying-height-17.png".into(), taller));
    out.push(("header-only.pgm".into(), b"P5\n3 3\n255\n".to_vec()));
    out.push(("short-data.pgm".into(), b"P5\n4 4\n255\n\0\0\xff\xff\0".to_vec()));
    out.push(("zero-size.pgm".into(), b"P5\n0 4\n255\n".to_vec()));
    out.push(("gif-screen-larger-than-frame.gif".into(), gif_with_screen(200, 200)));
    out.push(("not-an-image.txt".into(), b"hello, this is text".to_vec()));
    out.push(("empty".into(), Vec::new()));
    out
}

/// A 1×1 GIF frame on a `width`×`height` logical screen.
fn gif_with_screen(width: u16, height: u16) -> Vec<u8> {
    let mut gif = b"GIF89a".to_vec();
    gif.extend_from_slice(&width.to_le_bytes());
    gif.extend_from_slice(&height.to_le_bytes());
    gif.extend_from_slice(&[0x80, 0, 0, 0, 0, 0, 255, 255, 255]); // global palette: black, white
    gif.extend_from_slice(&[0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b]);
    gif
}

/// `predict` requests: canvases of digits (dark ink on white), blank, extreme shapes, bad headers.
fn canvases() -> Vec<(String, Vec<u8>)> {
    let request = |width: &str, height: &str, body: &[u8]| {
        CanvasInput { width: Some(width.as_bytes()), height: Some(height.as_bytes()), fit: false, body }.join()
    };
    let mut out = Vec::new();
    let drawn = [
        ("7", page(28, 28, &[(SEVEN, (4.0, 4.0, 20.0, 20.0))], 1.5, 255, 0)),
        ("12", page(64, 32, &[(ONE, (4.0, 4.0, 24.0, 24.0)), (FOUR, (34.0, 4.0, 24.0, 24.0))], 2.0, 255, 0)),
        ("00-touching", page(96, 40, &[(ZERO, (8.0, 4.0, 42.0, 32.0)), (ZERO, (44.0, 4.0, 42.0, 32.0))], 2.5, 255, 0)),
        ("speck", page(20, 20, &[(ONE, (9.0, 9.0, 2.0, 2.0))], 0.5, 255, 0)),
    ];
    for (name, image) in &drawn {
        let (w, h) = (image.width().to_string(), image.height().to_string());
        out.push((format!("canvas-{name}"), request(&w, &h, image.as_raw())));
    }
    out.push(("canvas-blank".into(), request("10", "10", &[255; 100])));
    out.push(("canvas-1x1-ink".into(), request("1", "1", &[0])));
    out.push(("canvas-2048x1".into(), request("2048", "1", &[0; 2048])));
    out.push(("canvas-1x300".into(), request("1", "300", &[0; 300])));
    let fitted = CanvasInput { width: Some(b"128"), height: Some(b"128"), fit: true, body: &[255, 255, 0, 0, 255] };
    out.push(("canvas-fit-128".into(), fitted.join()));
    out.push(("bad-missing-width".into(), CanvasInput { width: None, height: Some(b"2"), fit: false, body: &[0; 4] }.join()));
    out.push(("bad-plus-sign".into(), request("+2", "2", &[0; 4])));
    out.push(("bad-too-wide".into(), request("2049", "1", &[0; 2049])));
    out.push(("bad-zero".into(), request("0", "5", &[])));
    out.push(("bad-short-body".into(), request("28", "28", &[0; 783])));
    out.push(("bad-not-digits".into(), request("2\u{ff10}", "1", &[0; 2])));
    out
}

fn write(dir: &Path, files: &[(String, Vec<u8>)]) {
    std::fs::create_dir_all(dir).expect("corpus folder");
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("seed written");
    }
}

fn main() {
    let out = std::env::args_os().nth(1).expect("usage: seeds DIR");
    let out = Path::new(&out);
    let mut files = Vec::new();
    // Every format once (the ASCII PPM of the small blank page), the other pictures as PNG and JPEG: the
    // corpus stays small.
    for (name, grey) in pictures() {
        let image = DynamicImage::ImageLuma8(grey);
        let formats: &[&str] = match name {
            "17" => FORMATS,
            "blank" => &["png-grey", "ppm-ascii"],
            "noise" => &["png-grey"],
            _ => &["png-grey", "jpeg"],
        };
        for format in formats.iter().filter(|f| name != "17" || **f != "ppm-ascii") {
            files.push((format!("{name}.{format}"), encode(format, &image)));
        }
    }
    // Transparency composited onto white: ink only in the alpha channel.
    let ghost = RgbaImage::from_fn(32, 32, |x, y| Rgba([0, 0, 0, if (12..20).contains(&x) && (4..28).contains(&y) { 255 } else { 0 }]));
    files.push(("alpha-1.png-rgba".into(), encode("png-rgba", &DynamicImage::ImageRgba8(ghost))));
    files.extend(hostile(&files));
    let canvases = canvases();
    write(&out.join("decode_segment"), &files);
    write(&out.join("predict_canvas"), &canvases);
    // The slow target: byte 0 even for a picture, odd for a request.
    let slow: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(n, b)| (format!("picture-{n}"), [&[0u8][..], b].concat()))
        .chain(canvases.iter().map(|(n, b)| (format!("request-{n}"), [&[1u8][..], b].concat())))
        .collect();
    write(&out.join("onnx_read"), &slow);
    println!("{} pictures, {} requests", files.len(), canvases.len());
}
