use image::{GrayImage, Luma};
use rand::{rngs::StdRng, SeedableRng};
use handwriting::synthetic::unipen;
use recognizer::Classifier;
use trainer::examples::pen_digit;
fn main() -> anyhow::Result<()> {
    let site = std::env::args().nth(1).unwrap();
    let digits = unipen::load(&unipen::default_dir())?;
    let c = Classifier::load(std::path::Path::new("models/digits-cnn.onnx"))?;
    let of: Vec<_> = digits.iter().filter(|d| d.site == site).collect();
    let mut rng = StdRng::seed_from_u64(1);
    let inputs: Vec<Vec<f32>> = of.iter().map(|d| pen_digit(&d.strokes, &mut rng)).collect();
    let flat: Vec<f32> = inputs.iter().flatten().copied().collect();
    let scores = c.classify_batch(&flat)?;
    let miss: Vec<usize> = (0..of.len()).filter(|&i| scores[i].digit() != of[i].label).collect();
    println!("{} of {} missed", miss.len(), of.len());
    let mut g = GrayImage::from_pixel(28 * 16, 28 * ((miss.len() + 15) / 16) as u32 + 28, Luma([255]));
    for (k, &i) in miss.iter().enumerate() {
        println!("{k}: label {} read {} ({:.2})", of[i].label, scores[i].digit(), scores[i].confidence());
        for (p, v) in inputs[i].iter().enumerate() {
            g.put_pixel(((k % 16) * 28 + p % 28) as u32, ((k / 16) * 28 + p / 28) as u32, Luma([255 - (v * 255.0) as u8]));
        }
    }
    g.save(format!("/tmp/miss-{site}.png"))?;
    Ok(())
}
