//! Strokes as data, and how to paint them: on screen in the theme's colours, and off screen as black on
//! white at a small size for the recognizer.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, ContextAttributes2d, HtmlCanvasElement};

/// Brush width as a fraction of the canvas side: wide enough to read like an MNIST pen stroke.
pub const BRUSH: f64 = 0.06;
/// Side of the image sent to the recognizer. A number drawn across it still gives each digit more than the
/// 20 pixels MNIST digits have, and half the side (280 before) is a quarter of the work per live reading:
/// clean numbers read as well (294 against 295 of 300).
pub const EXPORT_SIDE: u32 = 140;

/// A point of a stroke: position as fractions of the (square) canvas side, so strokes survive a resize,
/// and the pen's width there as a multiple of [`BRUSH`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub width: f64,
}

/// One pen-down-to-pen-up stroke.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stroke {
    pub points: Vec<Point>,
}

/// Width multiple for a pointer: pen pressure 0..1 maps to 0.5..1.5 of the brush; mouse and touch, which
/// report no real pressure, draw at 1.
pub fn width_for(pointer_type: &str, pressure: f32) -> f64 {
    if pointer_type == "pen" && pressure > 0.0 {
        0.5 + pressure.clamp(0.0, 1.0) as f64
    } else {
        1.0
    }
}

/// A 2D context kept in main memory (`willReadFrequently`). Strokes are cheap to draw on the CPU; without a
/// real GPU (software GL) a GPU-backed canvas costs far more, and reading one back stalls the page's frames.
pub fn context(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    let options = ContextAttributes2d::new();
    options.set_will_read_frequently(true);
    canvas
        .get_context_with_context_options("2d", &options)
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
    set_pen(ctx, ink);
    for stroke in strokes {
        paint_stroke(ctx, stroke, side);
    }
}

/// A round pen in the ink colour, for strokes and dots.
fn set_pen(ctx: &CanvasRenderingContext2d, ink: &str) {
    ctx.set_stroke_style_str(ink);
    ctx.set_fill_style_str(ink);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
}

/// A smooth curve through the points: quadratic segments between midpoints. A stroke of one width is one
/// path; a pen stroke whose width varies is painted segment by segment, each at its own width.
fn paint_stroke(ctx: &CanvasRenderingContext2d, stroke: &Stroke, side: f64) {
    let pts: Vec<Point> = stroke.points.iter().map(|p| Point { x: p.x * side, y: p.y * side, width: p.width * BRUSH * side }).collect();
    match pts.as_slice() {
        [] => {}
        [p] => {
            ctx.begin_path();
            ctx.arc(p.x, p.y, p.width / 2.0, 0.0, std::f64::consts::TAU).ok();
            ctx.fill();
        }
        [first, .., last] => {
            let uniform = pts.iter().all(|p| p.width == first.width);
            let mid = |p: &Point, q: &Point| ((p.x + q.x) / 2.0, (p.y + q.y) / 2.0);
            ctx.set_line_width(first.width);
            ctx.begin_path();
            ctx.move_to(first.x, first.y);
            let mut from = (first.x, first.y);
            for pair in pts[1..].windows(2) {
                let (p, q) = (&pair[0], &pair[1]);
                let to = mid(p, q);
                if !uniform {
                    ctx.begin_path();
                    ctx.move_to(from.0, from.1);
                    ctx.set_line_width(p.width);
                }
                ctx.quadratic_curve_to(p.x, p.y, to.0, to.1);
                if !uniform {
                    ctx.stroke();
                }
                from = to;
            }
            if !uniform {
                ctx.begin_path();
                ctx.move_to(from.0, from.1);
                ctx.set_line_width(last.width);
            }
            ctx.line_to(last.x, last.y);
            ctx.stroke();
        }
    }
}

/// Paints only what the newest point of `stroke` adds: the curve from the previous midpoint to the new one,
/// and a straight tail to the point itself, which the next segment paints over in the same colour.
pub fn paint_latest_segment(ctx: &CanvasRenderingContext2d, stroke: &Stroke, side: f64, ink: &str) {
    let n = stroke.points.len();
    if n < 2 {
        return; // the first point's dot is painted when the stroke starts
    }
    let scaled = |p: &Point| (p.x * side, p.y * side);
    let (p, q) = (scaled(&stroke.points[n - 2]), scaled(&stroke.points[n - 1]));
    let from = if n >= 3 {
        let o = scaled(&stroke.points[n - 3]);
        ((o.0 + p.0) / 2.0, (o.1 + p.1) / 2.0)
    } else {
        p
    };
    let to = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
    set_pen(ctx, ink);
    ctx.set_line_width(stroke.points[n - 1].width * BRUSH * side);
    ctx.begin_path();
    ctx.move_to(from.0, from.1);
    ctx.quadratic_curve_to(p.0, p.1, to.0, to.1);
    ctx.line_to(q.0, q.1);
    ctx.stroke();
}

thread_local! {
    /// One off-screen canvas for every export.
    static EXPORT_CONTEXT: Option<CanvasRenderingContext2d> = export_context();
}

fn export_context() -> Option<CanvasRenderingContext2d> {
    let document = web_sys::window()?.document()?;
    let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.unchecked_into();
    canvas.set_width(EXPORT_SIDE);
    canvas.set_height(EXPORT_SIDE);
    Some(context(&canvas))
}

/// The strokes as grey pixels (one byte each), black on white, `EXPORT_SIDE` square: a quarter of the bytes
/// of RGBA to copy and send.
pub fn export_grey(strokes: &[Stroke]) -> Result<(Vec<u8>, u32, u32), String> {
    EXPORT_CONTEXT.with(|ctx| {
        let ctx = ctx.as_ref().ok_or("cannot create a canvas")?;
        paint(ctx, strokes, EXPORT_SIDE as f64, "#000000", Some("#ffffff"));
        let data = ctx
            .get_image_data(0.0, 0.0, EXPORT_SIDE as f64, EXPORT_SIDE as f64)
            .map_err(|_| "cannot read the canvas pixels")?;
        // Black ink on white: every channel is the same grey, so red is enough.
        let grey = data.data().0.iter().step_by(4).copied().collect();
        Ok((grey, EXPORT_SIDE, EXPORT_SIDE))
    })
}
