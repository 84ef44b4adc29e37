//! The picture the UI shows under the boxes: a small JPEG as a `data:` URL, so it travels in the reading's
//! JSON and needs no file access from the web view.

use base64::Engine as _;
use image::{RgbImage, RgbaImage};

/// Longest side of the preview the app shows.
pub const PREVIEW_SIDE: u32 = 960;

/// A JPEG preview of the picture as it was read (transparency over the paper the reader put behind it), as a
/// `data:` URL.
pub fn preview_data_url(image: &RgbaImage) -> String {
    jpeg_data_url(&flattened(image, PREVIEW_SIDE))
}

/// The picture shrunk to at most `side` on its longer side, in its proportions, transparency over the paper the
/// reader put behind it (white, or black behind light strokes on a clear background).
pub fn flattened(image: &RgbaImage, side: u32) -> RgbImage {
    let paper = (recognizer::preprocess::paper_behind(image.as_raw()) * 255.0) as u32;
    let longer = image.width().max(image.height());
    let small = if longer > side {
        // The shape is kept: the boxes are drawn over the preview in the picture's proportions.
        let scaled = |length: u32| ((length as u64 * side as u64).div_ceil(longer as u64) as u32).max(1);
        image::imageops::thumbnail(image, scaled(image.width()), scaled(image.height()))
    } else {
        image.clone()
    };
    RgbImage::from_fn(small.width(), small.height(), |x, y| {
        let p = small.get_pixel(x, y);
        let a = p[3] as u32;
        image::Rgb([0, 1, 2].map(|c| ((p[c] as u32 * a + paper * (255 - a)) / 255) as u8))
    })
}

/// A JPEG of `image` as a `data:` URL.
pub fn jpeg_data_url(image: &RgbImage) -> String {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(image)
        .expect("encoding a JPEG in memory cannot fail");
    format!("data:image/jpeg;base64,{}", base64::engine::general_purpose::STANDARD.encode(jpeg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_picture_is_previewed_small_and_transparency_is_white() {
        let picture = RgbaImage::from_pixel(3000, 1500, image::Rgba([0, 0, 0, 0]));
        let url = preview_data_url(&picture);
        let jpeg = base64::engine::general_purpose::STANDARD.decode(url.strip_prefix("data:image/jpeg;base64,").unwrap()).unwrap();
        let preview = image::load_from_memory(&jpeg).unwrap().to_rgb8();
        assert_eq!((preview.width(), preview.height()), (960, 480));
        assert!(preview.pixels().all(|p| p.0.iter().all(|&c| c > 245)), "transparent pixels are shown as white paper");
    }

    #[test]
    fn white_strokes_on_a_clear_background_are_shown_on_black_paper() {
        let picture = RgbaImage::from_fn(200, 100, |x, _| image::Rgba(if x < 20 { [255; 4] } else { [0; 4] }));
        let preview = flattened(&picture, PREVIEW_SIDE);
        assert_eq!((preview.get_pixel(10, 50).0, preview.get_pixel(100, 50).0), ([255; 3], [0; 3]));
    }
}
