//! Turns the paths on the command line into the list of files to read: a folder is walked recursively for
//! image files (by extension, in sorted order), a file named explicitly is always read.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use protocol::ipc::IMAGE_EXTENSIONS;

/// The files to read, in a stable order: the inputs in the order given, each folder's images sorted by path.
/// A path that appears twice (named twice, or named and also found in a folder) is read once, at its first
/// place. Symbolic links are followed, but each folder is walked once (by its canonical path), so a link back
/// to a parent cannot loop.
pub fn expand(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut visited = HashSet::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut visited, &mut files)?;
        } else {
            // Missing files and non-images are kept: reading them gives the error the user should see.
            files.push(input.clone());
        }
    }
    let mut seen = HashSet::new();
    files.retain(|file| seen.insert(file.clone()));
    Ok(files)
}

/// Whether the file name ends in one of the app's image extensions, in any case.
pub fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.iter().any(|known| known.eq_ignore_ascii_case(e)))
}

fn walk(dir: &Path, visited: &mut HashSet<PathBuf>, files: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let canonical = fs::canonicalize(dir).with_context(|| format!("cannot open the folder {}", dir.display()))?;
    if !visited.insert(canonical) {
        return Ok(());
    }
    let mut entries = fs::read_dir(dir)
        .and_then(|entries| entries.map(|entry| entry.map(|e| e.path())).collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("cannot list the folder {}", dir.display()))?;
    entries.sort();
    for path in entries {
        // `is_dir` follows links; a broken link is not a folder and is kept if its name says image, so that
        // it is reported rather than silently dropped.
        if path.is_dir() {
            walk(&path, visited, files)?;
        } else if is_image(&path) {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use handwriting::temp_dir::TempDir;

    fn touch(path: &Path) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, b"x").unwrap();
    }

    fn names(root: &Path, files: &[PathBuf]) -> Vec<String> {
        files.iter().map(|f| f.strip_prefix(root).unwrap_or(f).display().to_string()).collect()
    }

    #[test]
    fn walks_nested_folders_for_images_in_sorted_order() {
        let tmp = TempDir::new("walk");
        let root = &tmp.0;
        let tree = ["b.png", "a.JPG", "notes.txt", "c", "sub/z.webp", "sub/deeper/y.TIFF", "sub/readme.md", "a0/x.bmp"];
        for name in tree {
            touch(&root.join(name));
        }
        fs::create_dir_all(root.join("empty")).unwrap();
        let files = expand(std::slice::from_ref(root)).unwrap();
        assert_eq!(names(root, &files), ["a.JPG", "a0/x.bmp", "b.png", "sub/deeper/y.TIFF", "sub/z.webp"]);
    }

    #[test]
    fn files_named_explicitly_are_kept_whatever_their_extension_and_read_once() {
        let tmp = TempDir::new("explicit");
        let root = &tmp.0;
        touch(&root.join("notes.txt"));
        touch(&root.join("d/one.png"));
        let inputs = [root.join("notes.txt"), root.join("missing.gif"), root.join("d"), root.join("d/one.png")];
        let files = expand(&inputs).unwrap();
        assert_eq!(names(root, &files), ["notes.txt", "missing.gif", "d/one.png"]);
        // The same folder twice is walked once.
        let files = expand(&[root.join("d"), root.join("d")]).unwrap();
        assert_eq!(names(root, &files), ["d/one.png"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_does_not_hang_the_walk() {
        use std::os::unix::fs::symlink;
        let tmp = TempDir::new("loop");
        let root = &tmp.0;
        touch(&root.join("a/one.png"));
        touch(&root.join("a/b/two.png"));
        symlink(root.join("a"), root.join("a/b/back")).unwrap(); // a/b/back → a: a cycle
        symlink(root.join("a/b"), root.join("a/b/self")).unwrap(); // a/b/self → a/b
        symlink(root.join("nowhere"), root.join("a/broken")).unwrap();
        symlink(root.join("a/one.png"), root.join("a/link.png")).unwrap();
        let files = expand(&[root.join("a")]).unwrap();
        assert_eq!(names(root, &files), ["a/b/two.png", "a/link.png", "a/one.png"]);
    }
}
