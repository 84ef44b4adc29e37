//! The committed notice of the Rust crates the app ships, `licenses/THIRD-PARTY-CRATES.md`, is current: every
//! crate (name and version) that `cargo tree` finds in the app's normal dependencies, and in the UI's (compiled
//! to WebAssembly and embedded in the app), has a row in it. Procedural macros and what only they use run at
//! compile time and are not shipped, so `cargo tree` leaves them out here (`--edges normal,no-proc-macro`);
//! cargo-about lists them anyway. The notice is made with cargo-about, which this test does not need: it reads
//! `cargo tree --frozen` (offline, from `Cargo.lock`) and the notice's crate table.
//!
//! The platforms come from `licenses/about.toml` (`targets`), the list cargo-about generates for. The build
//! host's target is always checked; another target whose crates are not downloaded on this machine is
//! skipped with a note, since the test never goes online.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const NOTICE: &str = "licenses/THIRD-PARTY-CRATES.md";
/// The same crate tables without the licence texts, shown by the app's About dialog.
const SUMMARY: &str = "licenses/THIRD-PARTY-CRATES-SUMMARY.md";
const CONFIG: &str = "licenses/about.toml";
/// The command that regenerates the notice (licenses/README.md).
const REGENERATE: &str = "cargo install --locked cargo-about --features cli; licenses/generate.sh";

/// What the app is built from: the Tauri app itself, then the UI for the browser engine.
const PACKAGES: [(&str, Option<&str>); 2] = [("digit-recognizer", None), ("ui", Some("wasm32-unknown-unknown"))];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

/// The quoted strings of `targets = [ ... ]` in about.toml.
fn config_targets(config: &str) -> Vec<String> {
    let start = config
        .lines()
        .position(|line| line.trim_start().starts_with("targets"))
        .unwrap_or_else(|| panic!("{CONFIG} has no `targets` list"));
    let mut list = String::new();
    for line in config.lines().skip(start) {
        let line = line.split('#').next().unwrap_or("");
        list.push_str(line);
        if line.contains(']') {
            break;
        }
    }
    let targets: Vec<String> = list.split('"').skip(1).step_by(2).map(str::to_owned).collect();
    assert!(!targets.is_empty(), "{CONFIG}: empty `targets` list");
    targets
}

/// The packages of Cargo.lock that come from a registry or git, by (name, version): the others are this
/// workspace's own crates, covered by its LICENSE.
fn third_party(lock: &str) -> BTreeSet<(String, String)> {
    let mut packages = BTreeSet::new();
    for block in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|line| {
                let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
                Some(value.trim().trim_matches('"').to_owned())
            })
        };
        if let (Some(name), Some(version), Some(_source)) = (field("name"), field("version"), field("source")) {
            packages.insert((name, version));
        }
    }
    packages
}

/// `name version` of every package in `package`'s normal dependency graph for `target`, or cargo's error.
fn tree(package: &str, target: &str) -> Result<BTreeSet<(String, String)>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(root())
        .args(["tree", "--frozen", "--package", package, "--edges", "normal,no-proc-macro", "--prefix", "none"])
        .args(["--format", "{p}", "--target", target])
        .output()
        .map_err(|e| format!("running cargo tree: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
    }
    let mut packages = BTreeSet::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let mut words = line.split_whitespace();
        if let (Some(name), Some(version)) = (words.next(), words.next()) {
            if let Some(version) = version.strip_prefix('v') {
                packages.insert((name.to_owned(), version.to_owned()));
            }
        }
    }
    Ok(packages)
}

/// The host's target triple, from `rustc -vV`.
fn host_target() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = Command::new(rustc).arg("-vV").output().expect("running rustc -vV");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: ").map(str::to_owned))
        .expect("rustc -vV names the host")
}

/// The (name, version) rows of the notice's crate table: `| name | version | licence |`.
fn notice_rows(notice: &str) -> BTreeSet<(String, String)> {
    notice
        .lines()
        .filter_map(|line| {
            let mut cells = line.strip_prefix('|')?.split('|').map(str::trim);
            let (name, version) = (cells.next()?, cells.next()?);
            (!name.is_empty() && version.chars().next()?.is_ascii_digit())
                .then(|| (name.to_owned(), version.to_owned()))
        })
        .collect()
}

#[test]
fn the_crates_notice_lists_every_crate_the_app_ships() {
    let notice = notice_rows(&read(NOTICE));
    assert!(!notice.is_empty(), "{NOTICE} has no crate table: regenerate it with `{REGENERATE}`");
    let third_party = third_party(&read("Cargo.lock"));
    let host = host_target();
    let targets = config_targets(&read(CONFIG));
    assert!(targets.contains(&host), "{CONFIG} does not list this machine's target {host}");

    // (name, version) → the packages and targets that need it.
    let mut missing: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    let mut checked = Vec::new();
    let mut skipped = Vec::new();
    for (package, only_target) in PACKAGES {
        let package_targets: Vec<String> = match only_target {
            Some(target) => vec![target.to_owned()],
            None => targets.iter().filter(|t| !t.starts_with("wasm32")).cloned().collect(),
        };
        for target in package_targets {
            let crates = match tree(package, &target) {
                Ok(crates) => crates,
                // Only the host (and the UI's WebAssembly, built for every run of the app) must be there.
                Err(error) if target != host && only_target.is_none() => {
                    skipped.push(format!("{package} for {target}: {}", error.lines().last().unwrap_or("")));
                    continue;
                }
                Err(error) => panic!("cargo tree -p {package} --target {target} failed:\n{error}"),
            };
            assert!(crates.len() > 5, "cargo tree -p {package} --target {target} found only {crates:?}");
            for krate in crates.into_iter().filter(|k| third_party.contains(k) && !notice.contains(k)) {
                missing.entry(krate).or_default().insert(format!("{package} on {target}"));
            }
            checked.push(format!("{package} on {target}"));
        }
    }
    println!("checked: {}", checked.join(", "));
    if !skipped.is_empty() {
        println!("skipped (crates not downloaded here; checked where they are):\n  {}", skipped.join("\n  "));
    }
    let list: Vec<String> = missing
        .iter()
        .map(|((name, version), by)| {
            let by = if by.len() == checked.len() {
                "everywhere".to_owned()
            } else {
                by.iter().cloned().collect::<Vec<_>>().join(", ")
            };
            format!("{name} {version} ({by})")
        })
        .collect();
    assert!(
        missing.is_empty(),
        "{NOTICE} is out of date: {} crate(s) the app ships are not in it:\n  {}\nRegenerate it with `{REGENERATE}` \
         (see licenses/README.md) and commit the result.",
        missing.len(),
        list.join("\n  ")
    );
}

#[test]
fn the_about_dialog_lists_the_same_crates_as_the_notice() {
    let (notice, summary) = (notice_rows(&read(NOTICE)), notice_rows(&read(SUMMARY)));
    assert!(
        notice == summary,
        "{SUMMARY} and {NOTICE} list different crates (only in the notice: {:?}; only in the summary: {:?}): \
         regenerate both with `{REGENERATE}`",
        notice.difference(&summary).collect::<Vec<_>>(),
        summary.difference(&notice).collect::<Vec<_>>()
    );
}

#[test]
fn the_packaged_notices_are_committed() {
    let committed =
        ["LICENSE", NOTICE, SUMMARY, "licenses/DATA.md", "licenses/ONNXRUNTIME.md", "licenses/debian-copyright"];
    for path in committed {
        assert!(!read(path).trim().is_empty(), "{path} is empty");
    }
    let copyright = read("licenses/debian-copyright");
    let named = [
        "MIT",
        "ONNX Runtime",
        "ThirdPartyNotices",
        "THIRD-PARTY-CRATES",
        "MNIST",
        "CC BY-SA 3.0",
        "UNIPEN",
        "CC BY 4.0",
    ];
    for name in named {
        assert!(copyright.contains(name), "licenses/debian-copyright does not name {name}");
    }
    // The packages install what tauri.conf.json lists: the app's licence, the notices and the copyright file.
    let config = read("tauri.conf.json");
    let bundled =
        ["../LICENSE", "../licenses/THIRD-PARTY-CRATES.md", "../licenses/DATA.md", "../licenses/ONNXRUNTIME.md"];
    for path in bundled {
        assert!(config.contains(&format!("\"{path}\"")), "tauri.conf.json does not bundle {path}");
    }
    assert!(
        config.contains("\"/usr/share/doc/digit-recognizer/copyright\": \"../licenses/debian-copyright\""),
        "tauri.conf.json does not install the Debian copyright file"
    );
    for platform in ["linux", "macos", "windows"] {
        let config = read(&format!("tauri.{platform}.conf.json"));
        for path in ["../.ort/LICENSE", "../.ort/ThirdPartyNotices.txt"] {
            assert!(config.contains(&format!("\"{path}\"")), "tauri.{platform}.conf.json does not bundle {path}");
        }
    }
}
