//! How a file's path is written in the output: exactly as given when it is UTF-8; otherwise each byte that is
//! not UTF-8 is written `\xNN` and each backslash `\\`, and the JSON line says so with `"file_escaped": true`
//! (JSON strings cannot hold bytes that are not text).

use std::path::Path;

/// The path as written in the output, and whether it had to be escaped.
pub fn written(path: &Path) -> (String, bool) {
    match path.to_str() {
        Some(text) => (text.to_owned(), false),
        None => (escaped(path.as_os_str().as_encoded_bytes()), true),
    }
}

fn escaped(mut bytes: &[u8]) -> String {
    let mut out = String::new();
    while !bytes.is_empty() {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, &[][..]),
            Err(error) => {
                let (valid, rest) = bytes.split_at(error.valid_up_to());
                (std::str::from_utf8(valid).unwrap_or_default(), rest)
            }
        };
        out.push_str(&valid.replace('\\', "\\\\"));
        if let Some((&byte, after)) = rest.split_first() {
            out.push_str(&format!("\\x{byte:02X}"));
            bytes = after;
        } else {
            bytes = rest;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_paths_are_written_as_given() {
        assert_eq!(written(Path::new("photos/a\\b 7.png")), ("photos/a\\b 7.png".to_owned(), false));
    }

    #[cfg(unix)]
    #[test]
    fn other_bytes_are_escaped_and_marked() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"caf\xE9\\x.png"));
        assert_eq!(written(path), ("caf\\xE9\\\\x.png".to_owned(), true));
    }
}
