//! `--output FILE`: JSON lines written whole, one per file, and `--resume`, which reads back the lines of an
//! earlier run so that the files already done are skipped.
//!
//! Each line goes to the file in one `write` of the line and its newline, with no buffer in between, so a
//! killed run leaves complete lines and at most one partial last line; resuming cuts that partial line off.

use std::collections::HashSet;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read as _, Write as _};
use std::path::Path;

use anyhow::{bail, Context as _};

/// What an earlier run left in the output file.
#[derive(Debug, Default, PartialEq)]
pub struct Done {
    /// The `"file"` of each complete line.
    pub files: HashSet<String>,
    /// How many of those lines are errors (`"error"`).
    pub failed: usize,
    /// The length of the complete lines: anything after it is a line cut short, to be dropped.
    pub complete_len: usize,
}

/// Reads the complete lines of an output file. A last line without its newline was cut short by a kill and is
/// left out (its file is read again); a complete line that is not one of ours is an error.
pub fn scan(bytes: &[u8]) -> Result<Done, String> {
    let mut done = Done::default();
    let mut start = 0;
    let mut number = 0;
    while let Some(end) = bytes[start..].iter().position(|&b| b == b'\n').map(|i| start + i) {
        number += 1;
        let line = &bytes[start..end];
        start = end + 1;
        done.complete_len = start;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_slice(line).map_err(|err| format!("line {number} is not JSON ({err})"))?;
        let Some(file) = value.get("file").and_then(|f| f.as_str()) else {
            return Err(format!("line {number} has no \"file\""));
        };
        done.files.insert(file.to_owned());
        if value.get("error").is_some() {
            done.failed += 1;
        }
    }
    Ok(done)
}

/// Holds an exclusive lock on the output while it is open, so that two runs cannot write to it at once.
fn lock(file: &File, path: &Path) -> anyhow::Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(TryLockError::WouldBlock) => bail!("another `digits predict` is writing to {}", path.display()),
        Err(TryLockError::Error(err)) => Err(err).with_context(|| format!("cannot lock {}", path.display())),
    }
}

/// The output file, open for appending lines.
pub struct Output {
    file: File,
}

impl Output {
    /// Creates `path`, or with `resume` opens it, reads what is done and cuts off a partial last line. Without
    /// `resume` an existing file is refused rather than overwritten.
    pub fn open(path: &Path, resume: bool) -> anyhow::Result<(Output, Done)> {
        if !resume {
            let file = match OpenOptions::new().write(true).create_new(true).open(path) {
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => bail!(
                    "{} already exists: pass --resume to carry on where it stopped, or remove it to start again",
                    path.display()
                ),
                result => result.with_context(|| format!("cannot create {}", path.display()))?,
            };
            lock(&file, path)?;
            return Ok((Output { file }, Done::default()));
        }
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        lock(&file, path)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).with_context(|| format!("cannot read {}", path.display()))?;
        let done = scan(&bytes).map_err(|err| {
            let path = path.display();
            anyhow::anyhow!("{path} is not the output of `digits predict`: {err}; remove it or choose another file")
        })?;
        if done.complete_len < bytes.len() {
            file.set_len(done.complete_len as u64)
                .with_context(|| format!("cannot cut the partial last line off {}", path.display()))?;
        }
        Ok((Output { file }, done))
    }

    /// Appends one JSON object and its newline in a single write.
    pub fn write_line(&mut self, value: &serde_json::Value) -> io::Result<()> {
        let mut line = serde_json::to_vec(value)?;
        line.push(b'\n');
        self.file.write_all(&line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use handwriting::temp_dir::TempDir;
    use std::fs;

    const A: &str = r#"{"file":"a.png","number":"7","unsure":false,"digits":[]}"#;
    const B: &str = r#"{"file":"dir/b.png","error":"no such file","kind":"missing"}"#;

    #[test]
    fn complete_lines_are_done_and_a_partial_last_line_is_dropped() {
        let text = format!("{A}\n{B}\n{{\"file\":\"c.png\",\"numb");
        let done = scan(text.as_bytes()).unwrap();
        assert_eq!(done.files, HashSet::from(["a.png".to_owned(), "dir/b.png".to_owned()]));
        assert_eq!(done.failed, 1);
        assert_eq!(done.complete_len, A.len() + B.len() + 2);
        // A last line that happens to be whole JSON but lost its newline is still dropped: it is read again.
        let done = scan(format!("{A}\n{B}").as_bytes()).unwrap();
        assert_eq!(done.files, HashSet::from(["a.png".to_owned()]));
        assert_eq!(done.complete_len, A.len() + 1);
    }

    #[test]
    fn empty_and_blank_files_have_nothing_done() {
        assert_eq!(scan(b"").unwrap(), Done::default());
        assert_eq!(scan(b"{\"fi").unwrap(), Done::default());
        let done = scan(b"\n\n").unwrap();
        assert!(done.files.is_empty());
        assert_eq!(done.complete_len, 2);
    }

    #[test]
    fn a_complete_line_that_is_not_ours_is_refused() {
        assert!(scan(format!("{A}\nnot json\n").as_bytes()).unwrap_err().contains("line 2"));
        assert!(scan(b"{\"number\":\"1\"}\n").unwrap_err().contains("\"file\""));
    }

    #[test]
    fn an_existing_file_is_refused_without_resume_and_resumed_with_it() {
        let tmp = TempDir::new("output");
        let path = tmp.0.join("out.jsonl");
        fs::write(&path, format!("{A}\n{B}\n{{\"file\":\"c.p")).unwrap();
        let err = Output::open(&path, false).err().unwrap().to_string();
        assert!(err.contains("--resume"), "{err}");
        let (mut output, done) = Output::open(&path, true).unwrap();
        assert_eq!(done.files.len(), 2);
        output.write_line(&serde_json::json!({ "file": "c.png" })).unwrap();
        drop(output);
        assert_eq!(fs::read_to_string(&path).unwrap(), format!("{A}\n{B}\n{{\"file\":\"c.png\"}}\n"));
        // A second run on the same file while one is writing to it is refused.
        let (holder, _) = Output::open(&path, true).unwrap();
        let err = Output::open(&path, true).err().unwrap().to_string();
        assert!(err.contains("another"), "{err}");
        drop(holder);
        // Resuming a file that does not exist yet starts it.
        let (_, done) = Output::open(&tmp.0.join("new.jsonl"), true).unwrap();
        assert_eq!(done, Done::default());
        assert!(tmp.0.join("new.jsonl").exists());
    }
}
