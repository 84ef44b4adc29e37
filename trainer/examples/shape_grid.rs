use image::{GrayImage, Luma};
use rand::{rngs::StdRng, SeedableRng};
use handwriting::synthetic::pen;
fn main() {
    let mut rng = StdRng::seed_from_u64(7);
    let mut g = GrayImage::from_pixel(64 * 10, 64 * 6, Luma([255]));
    for k in 0..60 {
        let s = trainer::shapes::shape(&mut rng);
        let f = pen::fit(&s, 48.0, (32.0, 32.0));
        let m = pen::render(&f, 64, 64, 3.0);
        for y in 0..64 { for x in 0..64 {
            g.put_pixel((k % 10) * 64 + x as u32, (k / 10) * 64 + y as u32, Luma([255 - (m.values[y * 64 + x] * 255.0) as u8]));
        }}
    }
    g.save("/tmp/shapes.png").unwrap();
}
