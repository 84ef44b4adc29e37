//! Where the trainer's MNIST comes from: a local folder, or a verified download.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

/// The four standard files with the SHA-256 of each `.gz` (the same values as SHA256SUMS in the shared copy and
/// as `scripts/datasets.sha256`, which `scripts/fetch-datasets.sh` checks against).
pub const FILES: [(&str, &str); 4] = [
    ("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
    ("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
    ("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
    ("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
];

/// Public mirrors of the original files, tried in order.
#[cfg_attr(not(feature = "download"), allow(dead_code))]
const MIRRORS: [&str; 2] = [
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
];

/// The folder named by `--data`, else [`handwriting::mnist::default_dir`]: `MNIST_DIR`, else
/// `../shared/datasets/mnist`, else `.datasets/mnist` (where `scripts/fetch-datasets.sh` puts it).
pub fn data_dir(arg: Option<PathBuf>) -> PathBuf {
    arg.unwrap_or_else(handwriting::mnist::default_dir)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Downloads any of the four files missing from `dir`, checking each against its SHA-256.
pub fn download(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for (name, expected) in FILES {
        let path = dir.join(name);
        if path.is_file() && sha256_hex(&std::fs::read(&path)?) == expected {
            eprintln!("{name}: present, checksum ok");
            continue;
        }
        let bytes = fetch_verified(name, expected)?;
        let partial = path.with_extension("part");
        std::fs::write(&partial, &bytes)?;
        std::fs::rename(&partial, &path)?;
        eprintln!("{name}: downloaded, checksum ok");
    }
    Ok(())
}

#[cfg(not(feature = "download"))]
fn fetch_verified(name: &str, _expected: &str) -> Result<Vec<u8>> {
    bail!("could not download {name}: this trainer was built without its `download` feature")
}

#[cfg(feature = "download")]
fn fetch_verified(name: &str, expected: &str) -> Result<Vec<u8>> {
    let mut failures = Vec::new();
    for mirror in MIRRORS {
        let url = format!("{mirror}{name}");
        let fetched = ureq::get(&url).call().map_err(anyhow::Error::from).and_then(|response| {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::Read::take(response.into_reader(), 64 << 20), &mut bytes)?;
            Ok(bytes)
        });
        match fetched {
            Ok(bytes) if sha256_hex(&bytes) == expected => return Ok(bytes),
            Ok(bytes) => failures.push(format!("{url}: checksum {} does not match", sha256_hex(&bytes))),
            Err(err) => failures.push(format!("{url}: {err}")),
        }
    }
    bail!("could not download {name}:\n  {}", failures.join("\n  "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn checksums_match_the_shared_copy() {
        let sums = handwriting::mnist::default_dir().join("SHA256SUMS");
        let Ok(text) = std::fs::read_to_string(&sums) else {
            panic!("{} is missing: {}", sums.display(), handwriting::datasets::HOW_TO_GET);
        };
        for (name, expected) in FILES {
            assert!(text.lines().any(|l| l.starts_with(expected) && l.ends_with(name)), "{name}");
        }
    }

    #[test]
    fn checksums_match_the_fetch_script() {
        let sums = handwriting::datasets::workspace_dir().join("scripts/datasets.sha256");
        let text = std::fs::read_to_string(&sums).unwrap();
        let mnist: Vec<(&str, &str)> =
            text.lines().filter_map(|l| l.split_once("  mnist/")).map(|(sum, name)| (name, sum)).collect();
        assert_eq!(mnist.len(), FILES.len(), "{}", sums.display());
        for file in FILES {
            assert!(mnist.contains(&file), "{} in {}", file.0, sums.display());
        }
    }
}
