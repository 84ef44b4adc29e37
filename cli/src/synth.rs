//! `digits synth`: writes synthetic pictures to look at or to test other tools with.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use handwriting::synthetic::Generator;

pub fn write_samples(out: &Path, mnist_dir: &Path, count: usize, seed: u64) -> anyhow::Result<()> {
    std::fs::create_dir_all(out)?;
    let mut generator = Generator::from_test_set(mnist_dir, seed)?;
    let mut labels = String::from("file,number\n");
    for i in 0..count {
        let digits = 1 + i % 6;
        for (kind, sample) in [("photo", generator.photo(digits)), ("canvas", generator.canvas(digits))] {
            let name = format!("{kind}-{i:04}.png");
            sample.image.save(out.join(&name))?;
            writeln!(labels, "{name},{}", sample.number)?;
        }
    }
    std::fs::write(out.join("labels.csv"), labels)?;
    writeln!(std::io::stdout().lock(), "wrote {} pictures and labels.csv to {}", 2 * count, out.display())?;
    Ok(())
}
