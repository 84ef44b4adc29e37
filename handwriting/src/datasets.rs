//! Where a data set is read from when the user names no folder. The one place that decides, for MNIST
//! ([`crate::mnist::default_dir`]) and UNIPEN ([`crate::synthetic::unipen::default_dir`]) alike:
//!
//! 1. the folder in the environment variable (`MNIST_DIR`, `UNIPEN_DIR`), when it is set and not empty;
//! 2. else `../shared/datasets/<name>` beside the workspace, when it exists;
//! 3. else `<workspace>/.datasets/<name>`, where `scripts/fetch-datasets.sh` puts a checked download (and
//!    `scripts/setup.sh` runs it when 1 and 2 are both missing).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The folder, inside the workspace, that `scripts/fetch-datasets.sh` fills (git-ignored).
pub const FETCHED_DIR: &str = ".datasets";

/// What to tell a user whose data set is missing.
pub const HOW_TO_GET: &str = "run scripts/fetch-datasets.sh, or set MNIST_DIR / UNIPEN_DIR to your own copy";

/// The workspace root (the folder holding the top `Cargo.toml`).
pub fn workspace_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the handwriting crate sits inside the workspace")
}

/// The folder of the data set `name` (`"mnist"`, `"unipen-1a"`) named by the environment variable `var`, else
/// the shared copy, else the fetched one (which may not exist yet: errors then name the place to fill).
pub fn locate(var: &str, name: &str) -> PathBuf {
    let workspace = workspace_dir();
    let shared = workspace.parent().unwrap_or(workspace).join("shared/datasets").join(name);
    resolve(std::env::var_os(var), &shared, &workspace.join(FETCHED_DIR).join(name))
}

fn resolve(from_env: Option<OsString>, shared: &Path, fetched: &Path) -> PathBuf {
    match from_env {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ if shared.exists() => shared.to_path_buf(),
        _ => fetched.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temp_dir::TempDir;


    #[test]
    fn the_variable_wins_then_the_shared_copy_then_the_fetched_one() {
        let temp = TempDir::new("resolve");
        let shared = temp.0.join("shared/datasets/mnist");
        let fetched = temp.0.join("workspace/.datasets/mnist");
        let mine = OsString::from("/somewhere/mnist");

        // Neither exists yet: the fetched place, so that errors point where scripts/fetch-datasets.sh writes.
        assert_eq!(resolve(None, &shared, &fetched), fetched);
        assert_eq!(resolve(Some(OsString::new()), &shared, &fetched), fetched, "an empty variable counts as unset");
        std::fs::create_dir_all(&fetched).unwrap();
        assert_eq!(resolve(None, &shared, &fetched), fetched);

        // The shared copy, when it exists, comes before a fetched one.
        std::fs::create_dir_all(&shared).unwrap();
        assert_eq!(resolve(None, &shared, &fetched), shared);

        // The variable always wins, even over folders that exist.
        assert_eq!(resolve(Some(mine.clone()), &shared, &fetched), PathBuf::from(&mine));
    }

    #[test]
    fn the_fetched_place_is_the_one_the_script_fills() {
        let script = std::fs::read_to_string(workspace_dir().join("scripts/fetch-datasets.sh")).unwrap();
        assert!(script.contains(&format!("dest=\"${{DIGITS_DATASETS_DIR:-$root/{FETCHED_DIR}}}\"")));
        let ignored = std::fs::read_to_string(workspace_dir().join(".gitignore")).unwrap();
        assert!(ignored.lines().any(|line| line == format!("/{FETCHED_DIR}")), ".gitignore lacks /{FETCHED_DIR}");
    }
}
