//! The `predict` request as it arrives over IPC, checked before any pixel is touched: the canvas size in two
//! headers (`protocol::ipc::WIDTH_HEADER`, `HEIGHT_HEADER`, decimal, 1..=`MAX_CANVAS_SIDE`) and a body of grey
//! bytes, one per pixel. Free of Tauri, so the app, the tests and the fuzz targets share it.

use protocol::ipc::{HEIGHT_HEADER, MAX_CANVAS_SIDE, WIDTH_HEADER};
use protocol::ErrorKind;

/// A well-formed canvas: `grey` holds exactly `width × height` bytes, row by row, dark ink on white.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanvasRequest<'a> {
    pub grey: &'a [u8],
    pub width: u32,
    pub height: u32,
}

/// Why a `predict` request was refused. Every case is a bug in the caller, never the user's doing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadCanvas {
    #[error("the canvas size is missing (no {header} header)")]
    MissingSize { header: &'static str },
    #[error("the canvas size must be a whole number of pixels from 1 to {max} ({header})", max = MAX_CANVAS_SIDE)]
    BadSize { header: &'static str },
    #[error("a {width}×{height} canvas needs {expected} bytes of grey pixels, but the request has {found}")]
    WrongLength { width: u32, height: u32, expected: usize, found: usize },
}

impl BadCanvas {
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::BadRequest
    }
}

/// Checks a `predict` request: the values of the width and height headers as sent (`None` when absent)
/// and its raw body. Digits only (no sign, no spaces), each side 1..=`MAX_CANVAS_SIDE`, and a body of
/// exactly one byte per pixel.
pub fn parse_canvas<'a>(width: Option<&[u8]>, height: Option<&[u8]>, body: &'a [u8]) -> Result<CanvasRequest<'a>, BadCanvas> {
    let width = side(width, WIDTH_HEADER)?;
    let height = side(height, HEIGHT_HEADER)?;
    let expected = width as usize * height as usize;
    if body.len() != expected {
        return Err(BadCanvas::WrongLength { width, height, expected, found: body.len() });
    }
    Ok(CanvasRequest { grey: body, width, height })
}

fn side(value: Option<&[u8]>, header: &'static str) -> Result<u32, BadCanvas> {
    let value = value.ok_or(BadCanvas::MissingSize { header })?;
    // At most 4 digits are needed; 9 cannot overflow a u32, so leading zeros stay harmless.
    if value.is_empty() || value.len() > 9 || !value.iter().all(u8::is_ascii_digit) {
        return Err(BadCanvas::BadSize { header });
    }
    let side = value.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    if !(1..=MAX_CANVAS_SIDE).contains(&side) {
        return Err(BadCanvas::BadSize { header });
    }
    Ok(side)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_well_formed_canvas_is_accepted() {
        let body = [255u8; 6];
        let request = parse_canvas(Some(b"3"), Some(b"2"), &body).unwrap();
        assert_eq!(request, CanvasRequest { grey: &body, width: 3, height: 2 });
        let largest = vec![0u8; (MAX_CANVAS_SIDE * 2) as usize];
        assert!(parse_canvas(Some(b"2048"), Some(b"0002"), &largest).is_ok());
    }

    #[test]
    fn bad_headers_and_bodies_are_refused_in_plain_words() {
        let missing = parse_canvas(None, Some(b"2"), &[0; 2]).unwrap_err();
        assert_eq!(missing, BadCanvas::MissingSize { header: WIDTH_HEADER });
        assert_eq!(missing.to_string(), "the canvas size is missing (no x-image-width header)");
        for bad in [&b""[..], b"0", b"2049", b"+3", b" 3", b"3 ", b"-1", b"3.0", b"0x10", b"99999999999", "３".as_bytes()] {
            let err = parse_canvas(Some(b"1"), Some(bad), &[0]).unwrap_err();
            assert_eq!(err, BadCanvas::BadSize { header: HEIGHT_HEADER }, "{bad:?}");
        }
        assert_eq!(
            parse_canvas(Some(b"1"), Some(b"0"), &[]).unwrap_err().to_string(),
            "the canvas size must be a whole number of pixels from 1 to 2048 (x-image-height)"
        );
        let short = parse_canvas(Some(b"3"), Some(b"2"), &[0; 5]).unwrap_err();
        assert_eq!(short.to_string(), "a 3×2 canvas needs 6 bytes of grey pixels, but the request has 5");
        assert_eq!(short.kind(), ErrorKind::BadRequest);
    }
}
