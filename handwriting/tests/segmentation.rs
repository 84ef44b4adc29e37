//! Segmentation of drawings and pictures into digits, on strokes drawn the way the canvas draws them.

use handwriting::sketch::{draw_strokes, seven};
use recognizer::segment::*;

#[test]
fn digits_come_out_left_to_right_with_their_boxes() {
    // The 1 is drawn first but sits on the right.
    let one = vec![(230.0, 40.0), (230.0, 160.0)];
    let rgba = draw_strokes(300, 200, &[one, seven(100.0, 30.0, 50.0)], 12.0);
    let crops = find_digits(&rgba, 300, 200, Source::Canvas).unwrap();
    assert_eq!(crops.len(), 2);
    assert!(crops[0].bbox.x < 60 && crops[1].bbox.x > 200, "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    let one_box = crops[1].bbox;
    assert!((one_box.y as i32 - 34).abs() <= 2 && (one_box.height as i32 - 132).abs() <= 3, "{one_box:?}");
}

#[test]
fn the_detached_bar_of_a_five_stays_with_its_digit() {
    let bar = vec![(60.0, 30.0), (130.0, 30.0)];
    let body = vec![(62.0, 45.0), (60.0, 90.0), (110.0, 90.0), (130.0, 120.0), (110.0, 160.0), (60.0, 160.0)];
    let rgba = draw_strokes(200, 200, &[bar, body], 10.0);
    for source in [Source::Canvas, Source::Photo] {
        assert_eq!(find_digits(&rgba, 200, 200, source).unwrap().len(), 1, "{source:?}");
    }
}

#[test]
fn a_tap_on_the_canvas_is_tiny_but_a_small_digit_in_a_photo_is_not() {
    let rgba = draw_strokes(280, 280, &[vec![(140.0, 140.0)]], 12.0);
    let crops = find_digits(&rgba, 280, 280, Source::Canvas).unwrap();
    assert_eq!(crops.len(), 1);
    assert!(crops[0].extent < recognizer::verdict::SMALLEST_EXTENT);
    let rgba = draw_strokes(800, 600, &[seven(20.0, 400.0, 300.0)], 3.0);
    let crops = find_digits(&rgba, 800, 600, Source::Photo).unwrap();
    assert_eq!(crops.len(), 1);
    assert_eq!(crops[0].extent, 1.0);
}

#[test]
fn blank_pictures_have_no_digits() {
    let white = vec![255u8; 100 * 80 * 4];
    assert!(find_digits(&white, 100, 80, Source::Canvas).unwrap().is_empty());
    // Grey paper lit from one side, with a little noise: still nothing to read.
    let paper: Vec<u8> = (0..100 * 80)
        .flat_map(|i| {
            let level = 230.0 - 90.0 * (i % 100) as f32 / 100.0 + ((i * 7919) % 5) as f32;
            [level as u8, level as u8, level as u8, 255]
        })
        .collect();
    assert!(find_digits(&paper, 100, 80, Source::Photo).unwrap().is_empty());
}

#[test]
fn a_photo_of_only_specks_has_no_digits_but_a_digit_among_them_is_found() {
    // Grey paper with dark 3×3 specks every 40 pixels (grain, or what is left of a faint rule).
    let speckled = |x: usize, y: usize| x % 40 < 3 && y % 40 < 3 && x > 10 && y > 10;
    let paper: Vec<u8> = (0..300 * 200)
        .flat_map(|i| {
            let level = if speckled(i % 300, i / 300) { 60 } else { 225 };
            [level, level, level, 255]
        })
        .collect();
    assert!(find_digits(&paper, 300, 200, Source::Photo).unwrap().is_empty());
    let mut with_digit = draw_strokes(300, 200, &[seven(150.0, 40.0, 60.0)], 6.0);
    for (i, px) in with_digit.chunks_exact_mut(4).enumerate() {
        if speckled(i % 300, i / 300) {
            px[..3].fill(60);
        }
    }
    assert!(find_digits(&with_digit, 300, 200, Source::Photo).unwrap().iter().any(|c| c.bbox.width > 30));
}

#[test]
fn touching_digits_in_a_photo_are_split() {
    // "00" joined by a hairline, as a pen dragged between them leaves.
    let ring = |cx: f32| -> Vec<(f32, f32)> {
        (0..=48).map(|i| i as f32 / 48.0 * std::f32::consts::TAU).map(|a| (cx + 35.0 * a.cos(), 100.0 + 45.0 * a.sin())).collect()
    };
    let mut rgba = draw_strokes(230, 200, &[ring(60.0), ring(150.0)], 10.0);
    let hairline = draw_strokes(230, 200, &[vec![(95.0, 100.0), (115.0, 100.0)]], 3.0);
    rgba.iter_mut().zip(&hairline).for_each(|(a, b)| *a = (*a).min(*b));
    let crops = find_digits(&rgba, 230, 200, Source::Photo).unwrap();
    assert_eq!(crops.len(), 2, "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    assert!(crops.iter().all(|c| c.bbox.width < 90), "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    // On a canvas the same drawing is one blob: people do not draw digits touching by accident.
    assert_eq!(find_digits(&rgba, 230, 200, Source::Canvas).unwrap().len(), 1);
}

#[test]
fn boxes_are_in_the_input_pixels_after_shrinking() {
    let rgba = draw_strokes(2400, 600, &[vec![(1200.0, 100.0), (1200.0, 500.0)]], 30.0);
    let crops = find_digits(&rgba, 2400, 600, Source::Photo).unwrap();
    assert_eq!(crops.len(), 1);
    let b = crops[0].bbox;
    assert!((b.x as i32 - 1185).abs() <= 6 && (b.y as i32 - 85).abs() <= 6, "{b:?}");
    assert!((b.height as i32 - 430).abs() <= 10, "{b:?}");
}

#[test]
fn light_ink_on_a_dark_board_is_read_like_dark_ink() {
    let rgba = inverted(draw_strokes(300, 200, &[seven(120.0, 90.0, 40.0)], 10.0));
    let crops = find_digits(&rgba, 300, 200, Source::Photo).unwrap();
    assert_eq!(crops.len(), 1);
    assert!(crops[0].bbox.width > 80);
}

/// A scan of one digit 12 pixels wide is enlarged before it is analysed, so its strokes are found.
#[test]
fn a_tiny_tight_crop_still_holds_its_digit() {
    let eight = vec![(6.0, 5.0), (2.0, 2.0), (6.0, 0.5), (10.0, 2.0), (2.0, 14.0), (6.0, 19.0), (10.0, 14.0), (6.0, 5.0)];
    let rgba = draw_strokes(12, 20, &[eight], 2.0);
    let crops = find_digits(&rgba, 12, 20, Source::Photo).unwrap();
    assert_eq!(crops.len(), 1, "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    let b = crops[0].bbox;
    assert!(b.x + b.width <= 12 && b.y + b.height <= 20 && b.height >= 15, "{b:?}");
}

/// A shadow or margin line along the edge of a photo, cut by the frame and too short to be a rule, is not a 1:
/// on the edge, or a few pixels in (what the rule finder leaves of a margin line).
#[test]
fn a_line_along_the_edge_of_a_photo_is_not_a_digit() {
    // Picture size, the line's x and rows, the pen, the 7 (scale, left, top), where the 7's box starts.
    let cases = [
        ((200, 150), (1.0, 10.0, 90.0), 4.0, (60.0, 70.0, 45.0), 61..200),
        ((300, 200), (292.0, 100.0, 190.0), 5.0, (80.0, 110.0, 40.0), 100..200),
    ];
    for ((width, height), (x, y0, y1), pen, (scale, left, top), seven_x) in cases {
        let rgba = draw_strokes(width, height, &[vec![(x, y0), (x, y1)], seven(scale, left, top)], pen);
        let crops = find_digits(&rgba, width, height, Source::Photo).unwrap();
        assert_eq!(crops.len(), 1, "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
        assert!(seven_x.contains(&crops[0].bbox.x), "{:?}", crops[0].bbox);
    }
}

/// A margin line or a fold running the whole height of a blank photo, along its edge, is no 1: it spans the
/// picture as a tight crop's digit does, but alone and thin for it. In tight crops of "11" and "17" the 1 along
/// the left edge stays, since the other digit reaches an edge the 1 does not; and so does a 1 alone along the side
/// of a crop under three of its widths wide.
#[test]
fn a_lone_line_spanning_a_blank_photo_along_its_edge_is_not_a_digit() {
    let rgba = draw_strokes(120, 280, &[vec![(113.0, 0.0), (113.0, 280.0)]], 10.0);
    let crops = find_digits(&rgba, 120, 280, Source::Photo).unwrap();
    assert!(crops.is_empty(), "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    let eleven = [vec![(6.0, 0.0), (2.0, 60.0)], vec![(34.0, 0.0), (30.0, 60.0)]];
    let seventeen = [vec![(6.0, 0.0), (3.0, 90.0)], vec![(30.0, 15.0), (67.0, 15.0), (45.0, 75.0)]];
    for ((width, height), strokes, pen) in [((36, 60), &eleven, 5.0), ((70, 90), &seventeen, 7.0)] {
        let crops = find_digits(&draw_strokes(width, height, strokes, pen), width, height, Source::Photo).unwrap();
        assert_eq!(crops.len(), 2, "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
        assert!(crops[0].bbox.x < 4, "the 1 along the edge: {:?}", crops[0].bbox);
    }
    let crops = find_digits(&draw_strokes(12, 48, &[vec![(9.0, 0.0), (8.0, 48.0)]], 4.0), 12, 48, Source::Photo).unwrap();
    assert_eq!(crops.len(), 1, "a 1 along the side of its crop");
}

/// A crop of "10" with the 1 along its left edge: the 1 stands as tall as the 0 beside it, so it is a digit, but a
/// line along the same edge running on above and below the digits is the paper's edge or a shadow.
#[test]
fn a_1_along_the_side_of_a_crop_of_a_number_is_a_digit_but_a_longer_edge_line_is_not() {
    let ring: Vec<(f32, f32)> =
        (0..=24).map(|i| i as f32 * std::f32::consts::TAU / 24.0).map(|a| (68.0 + 16.0 * a.cos(), 35.0 + 26.0 * a.sin())).collect();
    for (line, digits) in [((10.0, 60.0), 2), ((3.0, 67.0), 1)] {
        let rgba = draw_strokes(100, 70, &[vec![(3.0, line.0), (3.0, line.1)], ring.clone()], 5.0);
        let crops = find_digits(&rgba, 100, 70, Source::Photo).unwrap();
        assert_eq!(crops.len(), digits, "line {line:?}: {:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    }
}

/// A crop of "10" cut at the 1's foot: the 1 along the left edge runs from the 0's top to the picture's bottom,
/// a fifth taller than the 0, as a 1 often is the tallest digit of a number. A line along that edge running on
/// half as far again past the 0 is the paper's edge or a shadow.
#[test]
fn a_1_along_the_side_of_a_crop_a_little_taller_than_the_digit_beside_it_is_a_digit() {
    let ring: Vec<(f32, f32)> =
        (0..=24).map(|i| i as f32 * std::f32::consts::TAU / 24.0).map(|a| (68.0 + 16.0 * a.cos(), 50.0 + 26.0 * a.sin())).collect();
    for (top, digits) in [(24.0, 2), (10.0, 1)] {
        let rgba = draw_strokes(100, 90, &[vec![(3.0, top), (3.0, 90.0)], ring.clone()], 5.0);
        let crops = find_digits(&rgba, 100, 90, Source::Photo).unwrap();
        assert_eq!(crops.len(), digits, "line from {top}: {:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    }
}

/// A tight crop of a 1 along its left edge, with a fragment of something beside it at the bottom right (the suite's
/// light-on-dark crops, seed 1, #118): the 1 is far taller than the fragment, as a table's rule is than the digits
/// of its cell, but the fragment reaches the picture's edges as a tight crop's marks do, so the 1 stays.
#[test]
fn a_tight_crop_of_a_1_beside_a_fragment_at_its_edge_keeps_the_1() {
    let rgba = draw_strokes(15, 31, &[vec![(2.0, 0.0), (2.0, 31.0)], vec![(9.0, 27.5), (14.0, 27.5)]], 4.5);
    let crops = find_digits(&rgba, 15, 31, Source::Photo).unwrap();
    assert!(crops.iter().any(|c| c.bbox.height >= 28), "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
}

/// A tight crop of a digit written with a marker: strokes a third of the picture wide, the paper only
/// between them. The paper is what holds the picture's border, not what most neighbourhoods hold.
#[test]
fn a_marker_digit_that_fills_its_crop_is_one_digit() {
    let ring: Vec<(f32, f32)> =
        (0..=24).map(|i| i as f32 * std::f32::consts::TAU / 24.0).map(|a| (8.0 + 5.2 * a.cos(), 10.0 + 7.2 * a.sin())).collect();
    let rgba = draw_strokes(16, 20, &[ring], 6.0);
    let crops = find_digits(&rgba, 16, 20, Source::Photo).unwrap();
    assert_eq!(crops.len(), 1, "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    assert!(crops[0].bbox.height >= 18 && crops[0].bbox.width >= 14, "{:?}", crops[0].bbox);
}

/// A tight crop of one digit whose ink falls a pixel short of an edge (a marker's round end) is still
/// read against the paper at its border, not cut into the pieces of paper between the strokes.
#[test]
fn a_bold_four_short_of_an_edge_is_one_digit() {
    let four = vec![vec![(9.0, 2.0), (4.0, 21.0), (19.0, 21.0)], vec![(16.0, 2.0), (16.0, 32.0)]];
    let rgba = draw_strokes(24, 34, &four, 8.0);
    let crops = find_digits(&rgba, 24, 34, Source::Photo).unwrap();
    assert_eq!(crops.len(), 1, "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    assert!(crops[0].bbox.height >= 30, "{:?}", crops[0].bbox);
}

/// A slanted 1 in a crop hardly wider than its stroke touches the left and right edges, lying along both: it is
/// what the picture shows, not the edge of the paper.
#[test]
fn a_one_in_a_narrow_crop_is_not_an_edge_sliver() {
    let rgba = draw_strokes(9, 40, &[vec![(7.5, 4.0), (1.5, 36.0)]], 3.0);
    let crops = find_digits(&rgba, 9, 40, Source::Photo).unwrap();
    assert_eq!(crops.len(), 1, "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
}

/// A shadow along the left edge from the top, and a smudge along the bottom: the ink reaches three edges, but
/// no mark spans the picture as a tight crop's digit does, so the shadow is the paper's edge and only the 7 is
/// read.
#[test]
fn a_shadow_along_one_edge_is_not_a_digit_though_specks_reach_others() {
    let shadow = vec![(3.0, 0.0), (3.0, 70.0)];
    let smudge = vec![(50.0, 257.0), (80.0, 257.0)];
    let rgba = draw_strokes(200, 260, &[shadow, smudge, seven(90.0, 60.0, 90.0)], 8.0);
    let crops = find_digits(&rgba, 200, 260, Source::Photo).unwrap();
    assert_eq!(crops.len(), 1, "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    assert!(crops[0].bbox.x >= 60, "{:?}", crops[0].bbox);
}

/// The one-pixel dashes a faint rule breaks into are not digits, even when they outnumber the digits on its line.
#[test]
fn the_hairline_dashes_of_a_faint_rule_are_not_digits() {
    let mut strokes = vec![seven(80.0, 110.0, 40.0)];
    strokes.extend([20.0, 60.0, 200.0, 240.0].map(|x| vec![(x, 110.0), (x + 25.0, 110.0)]));
    let rgba = draw_strokes(300, 200, &strokes, 1.0);
    let crops = find_digits(&rgba, 300, 200, Source::Photo).unwrap();
    assert_eq!(crops.len(), 1, "{:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
}

/// Pixels as light ink on a dark ground: a chalk board, a negative scan.
fn inverted(mut rgba: Vec<u8>) -> Vec<u8> {
    rgba.chunks_exact_mut(4).for_each(|p| p[..3].iter_mut().for_each(|c| *c = 255 - *c));
    rgba
}

/// A thick 1 cropped tight is most of its narrow picture and, slanted, touches most of its border, so by share
/// and by border its paper looks like the ink. It is still one 1, dark on light or light on dark.
#[test]
fn a_thick_1_that_is_most_of_its_narrow_crop_is_its_ink() {
    let one = draw_strokes(12, 60, &[vec![(8.0, 4.0), (4.0, 56.0)]], 11.0);
    for (polarity, rgba) in [("dark on light", one.clone()), ("light on dark", inverted(one))] {
        let crops = find_digits(&rgba, 12, 60, Source::Photo).unwrap();
        let boxes: Vec<_> = crops.iter().map(|c| c.bbox).collect();
        assert!(boxes.len() == 1 && boxes[0].height >= 54, "{polarity}: {boxes:?}");
    }
}

/// A blurred light 1 in a narrow crop falls short of the sides by as much of the height as of the top and bottom:
/// it is one digit filling the crop, not two dark bands of ground beside a light one.
#[test]
fn a_blurred_light_1_in_a_narrow_crop_is_one_digit() {
    let (w, h) = (34u32, 200u32);
    let one = draw_strokes(w, h, &[vec![(18.0, 12.0), (16.0, 188.0)]], 24.0);
    let grey = image::GrayImage::from_fn(w, h, |x, y| image::Luma([one[((y * w + x) * 4) as usize]]));
    let blurred = imageproc::filter::gaussian_blur_f32(&grey, 6.0);
    let rgba = inverted(blurred.pixels().flat_map(|p| [p[0], p[0], p[0], 255]).collect());
    let crops = find_digits(&rgba, w, h, Source::Photo).unwrap();
    let boxes: Vec<_> = crops.iter().map(|c| c.bbox).collect();
    assert!(boxes.len() == 1 && boxes[0].x > 0 && boxes[0].x + boxes[0].width < w as usize, "{boxes:?}");
}

/// ... but a narrow strip of speckled paper, whichever class is taken for ink, is no digit: one class is specks,
/// the other is riddled with them (the suite's noise photos, seed 3, that read as 1s when a narrow crop's other
/// class needed only to stand its height).
#[test]
fn a_narrow_strip_of_speckled_paper_has_no_digits() {
    let no_data = std::path::Path::new("no such folder");
    let sources = handwriting::robustness::Sources::load(no_data, no_data);
    let noise = handwriting::robustness::Class::by_name("noise-photo").unwrap();
    for index in [52, 158, 348] {
        let image = noise.sample(&sources, 3, index).unwrap().image();
        let crops = find_digits(image.as_raw(), image.width(), image.height(), Source::Photo).unwrap();
        assert!(crops.is_empty(), "case {index}: {:?}", crops.iter().map(|c| c.bbox).collect::<Vec<_>>());
    }
}
