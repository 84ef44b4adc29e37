//! Strokes as data, and how to paint them: on screen in the theme's colours, and off screen as black on
//! white at a small size for the recognizer.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Brush width as a fraction of the canvas side: wide enough to read like an MNIST pen stroke.
pub const BRUSH: f64 = 0.06;
/// Side of the image sent to the recognizer; plenty for a 28×28 result and small over IPC.
pub const EXPORT_SIDE: u32 = 280;

/// One pen-down-to-pen-up stroke. Points are fractions of the (square) canvas side, so strokes survive a
/// resize.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stroke {
    pub points: Vec<(f64, f64)>,
}

pub fn context(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .expect("2d context")
        .unchecked_into::<CanvasRenderingContext2d>()
}

/// Paints `strokes` onto a `side`×`side` area of `ctx` (in the context's current units).
pub fn paint(ctx: &CanvasRenderingContext2d, strokes: &[Stroke], side: f64, ink: &str, background: Option<&str>) {
    match background {
        Some(colour) => {
            ctx.set_fill_style_str(colour);
            ctx.fill_rect(0.0, 0.0, side, side);
        }
        None => ctx.clear_rect(0.0, 0.0, side, side),
    }
    ctx.set_stroke_style_str(ink);
    ctx.set_fill_style_str(ink);
    ctx.set_line_width(BRUSH * side);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    for stroke in strokes {
        paint_stroke(ctx, stroke, side);
    }
}

/// A smooth curve through the points: quadratic segments between midpoints.
fn paint_stroke(ctx: &CanvasRenderingContext2d, stroke: &Stroke, side: f64) {
    let pts: Vec<(f64, f64)> = stroke.points.iter().map(|&(x, y)| (x * side, y * side)).collect();
    match pts.as_slice() {
        [] => {}
        [(x, y)] => {
            ctx.begin_path();
            ctx.arc(*x, *y, BRUSH * side / 2.0, 0.0, std::f64::consts::TAU).ok();
            ctx.fill();
        }
        [first, rest @ ..] => {
            ctx.begin_path();
            ctx.move_to(first.0, first.1);
            for pair in pts[1..].windows(2) {
                let (p, q) = (pair[0], pair[1]);
                ctx.quadratic_curve_to(p.0, p.1, (p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
            }
            let last = rest[rest.len() - 1];
            ctx.line_to(last.0, last.1);
            ctx.stroke();
        }
    }
}

/// The strokes as RGBA pixels, black on white, `EXPORT_SIDE` square.
pub fn export_rgba(strokes: &[Stroke]) -> Result<(Vec<u8>, u32, u32), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: HtmlCanvasElement =
        document.create_element("canvas").map_err(|_| "cannot create a canvas")?.unchecked_into();
    canvas.set_width(EXPORT_SIDE);
    canvas.set_height(EXPORT_SIDE);
    let ctx = context(&canvas);
    paint(&ctx, strokes, EXPORT_SIDE as f64, "#000000", Some("#ffffff"));
    let data = ctx
        .get_image_data(0.0, 0.0, EXPORT_SIDE as f64, EXPORT_SIDE as f64)
        .map_err(|_| "cannot read the canvas pixels")?;
    Ok((data.data().0, EXPORT_SIDE, EXPORT_SIDE))
}
