use std::io::Cursor;

use image::{DynamicImage, GrayAlphaImage, ImageFormat, Luma, LumaA, Rgba, RgbaImage};

use super::*;

/// A 64×48 picture: white with a black bar at x 10..20, y 5..40 (not symmetric, so turns show).
fn bar() -> RgbaImage {
    RgbaImage::from_fn(64, 48, |x, y| {
        if (10..20).contains(&x) && (5..40).contains(&y) { Rgba([0, 0, 0, 255]) } else { Rgba([255, 255, 255, 255]) }
    })
}

fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

fn is_dark(image: &RgbaImage, x: u32, y: u32) -> bool {
    let p = image.get_pixel(x, y);
    (p[0] as u32 + p[1] as u32 + p[2] as u32) / 3 < 100
}

#[test]
fn every_supported_format_decodes() {
    let rgb = DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(bar()).to_rgb8());
    let cases = [
        (ImageFormat::Png, DynamicImage::ImageRgba8(bar())),
        (ImageFormat::Jpeg, rgb.clone()),
        (ImageFormat::Gif, DynamicImage::ImageRgba8(bar())),
        (ImageFormat::Bmp, rgb.clone()),
        (ImageFormat::WebP, DynamicImage::ImageRgba8(bar())),
        (ImageFormat::Tiff, rgb.clone()),
        (ImageFormat::Ico, DynamicImage::ImageRgba8(bar())),
        (ImageFormat::Pnm, rgb),
    ];
    for (format, image) in cases {
        let decoded = decode_image(&encode(image, format)).unwrap_or_else(|e| panic!("{format:?}: {e}"));
        assert_eq!(decoded.dimensions(), (64, 48), "{format:?}");
        assert!(is_dark(&decoded, 15, 20) && !is_dark(&decoded, 40, 20), "{format:?} lost the bar");
    }
}

#[test]
fn sixteen_bit_and_grey_variants_decode() {
    let grey16 = DynamicImage::ImageLuma16(image::ImageBuffer::from_fn(64, 48, |x, _| Luma([if x < 32 { 0u16 } else { 65535 }])));
    let grey8 = DynamicImage::ImageLuma8(DynamicImage::ImageRgba8(bar()).to_luma8());
    let rgba16 = DynamicImage::ImageRgba16(DynamicImage::ImageRgba8(bar()).to_rgba16());
    for image in [grey16, grey8, rgba16] {
        let decoded = decode_image(&encode(image.clone(), ImageFormat::Png)).unwrap();
        assert!(is_dark(&decoded, 15, 20), "{:?}", image.color());
    }
}

#[test]
fn black_ink_on_a_transparent_png_stays_visible() {
    let ink = GrayAlphaImage::from_fn(64, 48, |x, y| {
        if (10..20).contains(&x) && (5..40).contains(&y) { LumaA([0, 255]) } else { LumaA([0, 0]) }
    });
    let decoded = decode_image(&encode(DynamicImage::ImageLumaA8(ink), ImageFormat::Png)).unwrap();
    let luminance = crate::preprocess::luminance(decoded.as_raw(), 64, 48);
    assert!(luminance.at(15, 20) < 0.1 && luminance.at(40, 20) > 0.9, "transparency must read as white paper");
}

#[test]
fn a_cmyk_jpeg_reads_as_its_colours() {
    // White paper, a black bar made of cyan, magenta and yellow at x 6..14, one made of black ink alone at
    // x 30..38, as print software saves them (Adobe's marker, channels stored inverted).
    let decoded = decode_image(include_bytes!("testdata/cmyk-bars.jpg")).unwrap();
    assert_eq!(decoded.dimensions(), (48, 32));
    assert!(!is_dark(&decoded, 2, 16) && !is_dark(&decoded, 22, 16) && !is_dark(&decoded, 44, 16), "the paper is white");
    assert!(is_dark(&decoded, 10, 16) && is_dark(&decoded, 34, 16), "both bars are dark");
}

/// Puts an EXIF APP1 segment with the given orientation right after a JPEG's start marker.
fn with_exif_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0\x01\0".to_vec(); // little endian, first IFD at 8, one entry
    tiff.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_le_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // value padding, no next IFD
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((segment.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&segment);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn exif_orientation_is_applied() {
    let jpeg = encode(DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(bar()).to_rgb8()), ImageFormat::Jpeg);
    // 6 = the camera was turned: show the picture rotated 90° clockwise.
    let turned = decode_image(&with_exif_orientation(&jpeg, 6)).unwrap();
    assert_eq!(turned.dimensions(), (48, 64));
    // The bar (x 10..20, y 5..40) becomes a horizontal bar near the top: x 8..43, y 10..20.
    assert!(is_dark(&turned, 25, 15) && !is_dark(&turned, 25, 40), "orientation not applied");
    let upright = decode_image(&with_exif_orientation(&jpeg, 1)).unwrap();
    assert_eq!(upright.dimensions(), (64, 48));
}

#[test]
fn huge_pictures_are_refused_before_decoding() {
    // A PNM header promising 20000×20000 pixels, with almost no data behind it.
    let mut bytes = b"P5\n20000 20000\n255\n".to_vec();
    bytes.extend_from_slice(&[0; 64]);
    let err = decode_image(&bytes).unwrap_err();
    assert!(matches!(err, ImageFileError::TooManyPixels { width: 20000, height: 20000 }), "{err}");
    assert_eq!(err.to_string(), "The picture has too many pixels to open; save a smaller copy and open that.");
}

#[test]
fn files_over_50_mb_are_refused_without_reading_them() {
    let dir = std::env::temp_dir().join(format!("digits-limit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.png");
    std::fs::File::create(&path).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: no disk used
    let err = open_image_file(&path).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(err, ImageFileError::FileTooLarge { .. }), "{err}");
    assert_eq!(err.to_string(), "The file is larger than 50 MB, the most the app opens.");
}

#[test]
fn big_photos_are_shrunk_to_the_working_size() {
    let big = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(4000, 1000, image::Rgb([200, 200, 200])));
    let decoded = decode_image(&encode(big, ImageFormat::Png)).unwrap();
    assert_eq!(decoded.dimensions(), (WORKING_SIDE, 400));
}

#[test]
fn bad_input_gets_a_clear_error() {
    assert!(matches!(decode_image(b""), Err(ImageFileError::Empty)));
    assert!(matches!(decode_image(b"just some text, not a picture"), Err(ImageFileError::NotAnImage)));
    let png = encode(DynamicImage::ImageRgba8(bar()), ImageFormat::Png);
    let err = decode_image(&png[..png.len() / 2]).unwrap_err();
    assert!(matches!(err, ImageFileError::Damaged(_)), "{err}");
    let err = open_image_file(Path::new("/no/such/picture.png")).unwrap_err();
    assert!(matches!(err, ImageFileError::Missing { .. }), "{err}");
    assert_eq!(err.to_string(), "The file does not exist.");
    let err = open_image_file(Path::new("/")).unwrap_err();
    assert!(matches!(err, ImageFileError::NotAFile { .. }), "{err}");
}

#[test]
fn a_tiff_in_a_compression_the_decoder_lacks_is_named_as_a_tiff() {
    // A 1-bit scan in fax (CCITT Group 3) compression: a TIFF, not "not a picture".
    let err = decode_image(include_bytes!("testdata/fax-group3.tif")).unwrap_err();
    assert!(matches!(err, ImageFileError::UnsupportedEncoding { format: "TIFF", .. }), "{err:?}");
    assert_eq!(err.kind(), protocol::ErrorKind::UnsupportedFormat);
    assert_eq!(
        err.to_string(),
        "This TIFF picture is stored in a way the app cannot read; save it as PNG or JPEG and open that."
    );
}
