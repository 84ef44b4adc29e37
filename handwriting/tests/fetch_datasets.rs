//! `scripts/fetch-datasets.sh` against a file server on the loopback address (no internet): small stand-in
//! files and their own sums file, so that it runs in a fraction of a second. It downloads into the folder
//! named by DIGITS_DATASETS_DIR, keeps the repository's layout, does nothing the second time, and refuses a
//! file whose checksum does not match without leaving any of it behind.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use handwriting::datasets::workspace_dir;
use handwriting::temp_dir::TempDir;


/// Serves the files under `root` over HTTP/1.1 on 127.0.0.1 (GET only, one request per connection) and counts
/// the requests.
fn serve(root: PathBuf) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            loop {
                let mut header = String::new();
                match reader.read_line(&mut header) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if header.trim().is_empty() => break,
                    Ok(_) => {}
                }
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/');
            let file = (!path.split('/').any(|part| part == "..")).then(|| root.join(path));
            let response = match file.and_then(|file| std::fs::read(file).ok()) {
                Some(body) => {
                    let length = body.len();
                    let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n");
                    [head.into_bytes(), body].concat()
                }
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    (address, requests)
}

/// Stand-in files as the two mirrors lay them out: MNIST's flat, UNIPEN's by its repository paths.
const FILES: [(&str, &str, &[u8]); 4] = [
    ("mnist", "t10k-labels-idx1-ubyte.gz", b"labels\n"),
    ("mnist", "t10k-images-idx3-ubyte.gz", b"images\n"),
    ("unipen-1a", "data/1a/aga/one.dat", b".INCLUDE aga/data/one.dat\n"),
    ("unipen-1a", "include/aga/data/one.dat", b".PEN_DOWN\n1 2\n.PEN_UP\n"),
];

/// Where each data set is served from, under the server's root.
fn served_path(set: &str, path: &str) -> PathBuf {
    Path::new(if set == "mnist" { "mnist-mirror" } else { "unipen-repo" }).join(path)
}

fn sha256(path: &Path) -> String {
    let output = Command::new("sha256sum").arg(path).output().expect("sha256sum (coreutils)");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()[..64].to_string()
}

/// Lays out the server's files and a sums file for them; returns the sums file.
fn prepare(temp: &TempDir) -> PathBuf {
    let mut sums = String::from("# stand-ins\n");
    for (set, path, bytes) in FILES {
        let file = temp.0.join("server").join(served_path(set, path));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, bytes).unwrap();
        sums.push_str(&format!("{}  {set}/{path}\n", sha256(&file)));
    }
    let sums_file = temp.0.join("datasets.sha256");
    std::fs::write(&sums_file, sums).unwrap();
    sums_file
}

fn fetch(temp: &TempDir, address: &str, sums: &Path, mnist_urls: &str) -> Output {
    Command::new("bash")
        .arg(workspace_dir().join("scripts/fetch-datasets.sh"))
        .env("DIGITS_DATASETS_DIR", temp.0.join("datasets"))
        .env("DIGITS_DATASET_SUMS", sums)
        .env("DIGITS_MNIST_URL", mnist_urls)
        .env("DIGITS_UNIPEN_URL", format!("{address}/unipen-repo"))
        // Straight to the loopback server, whatever proxy the environment names.
        .env("no_proxy", "*")
        .env("NO_PROXY", "*")
        .output()
        .expect("bash")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir`, relative to it, sorted.
fn listing(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push(path.strip_prefix(base).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn downloads_checks_and_then_has_nothing_to_do() {
    let temp = TempDir::new("ok");
    let sums = prepare(&temp);
    let (address, requests) = serve(temp.0.join("server"));

    let first = fetch(&temp, &address, &sums, &format!("{address}/mnist-mirror/"));
    assert!(first.status.success(), "{}", stderr(&first));
    let datasets = temp.0.join("datasets");
    for (set, path, bytes) in FILES {
        assert_eq!(std::fs::read(datasets.join(set).join(path)).unwrap(), bytes, "{set}/{path}");
    }
    // SHA256SUMS, written last, lists every file the way sha256sum -c reads it (the trainer reads MNIST's).
    let mnist_sums = std::fs::read_to_string(datasets.join("mnist/SHA256SUMS")).unwrap();
    assert!(mnist_sums.lines().any(|l| l.ends_with("  t10k-images-idx3-ubyte.gz")), "{mnist_sums}");
    assert_eq!(
        listing(&datasets),
        [
            "mnist/SHA256SUMS",
            "mnist/t10k-images-idx3-ubyte.gz",
            "mnist/t10k-labels-idx1-ubyte.gz",
            "unipen-1a/SHA256SUMS",
            "unipen-1a/data/1a/aga/one.dat",
            "unipen-1a/include/aga/data/one.dat",
        ]
    );
    assert_eq!(requests.load(Ordering::SeqCst), FILES.len());

    // The second run finds everything in place and asks the server for nothing.
    let second = fetch(&temp, &address, &sums, &format!("{address}/mnist-mirror/"));
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(requests.load(Ordering::SeqCst), FILES.len());

    // A file lost later is fetched again, alone.
    std::fs::remove_file(datasets.join("unipen-1a/include/aga/data/one.dat")).unwrap();
    let third = fetch(&temp, &address, &sums, &format!("{address}/mnist-mirror/"));
    assert!(third.status.success(), "{}", stderr(&third));
    assert_eq!(requests.load(Ordering::SeqCst), FILES.len() + 1);
    assert!(datasets.join("unipen-1a/include/aga/data/one.dat").is_file());
}

#[test]
fn a_file_that_does_not_match_its_checksum_is_refused_and_not_kept() {
    let temp = TempDir::new("corrupt");
    let sums = prepare(&temp);
    let (address, _) = serve(temp.0.join("server"));
    // A broken mirror: one file altered after its sum was taken.
    let bad_mirror = temp.0.join("server/bad-mirror");
    std::fs::create_dir_all(&bad_mirror).unwrap();
    std::fs::write(bad_mirror.join("t10k-labels-idx1-ubyte.gz"), b"labels, altered\n").unwrap();
    std::fs::write(bad_mirror.join("t10k-images-idx3-ubyte.gz"), FILES[1].2).unwrap();

    let failed = fetch(&temp, &address, &sums, &format!("{address}/bad-mirror/"));
    assert!(!failed.status.success());
    let message = stderr(&failed);
    let refused = format!("{address}/bad-mirror/t10k-labels-idx1-ubyte.gz: checksum mismatch");
    assert!(message.contains(&refused), "{message}");
    assert!(message.contains("mnist: incomplete"), "{message}");
    // Only the file that matched is kept; no marker, no partial download, no staging folder.
    assert_eq!(listing(&temp.0.join("datasets")), ["mnist/t10k-images-idx3-ubyte.gz"]);

    // With a good mirror after the broken one, the missing file comes from the good one.
    let mirrors = format!("{address}/bad-mirror/ {address}/mnist-mirror/");
    let repaired = fetch(&temp, &address, &sums, &mirrors);
    assert!(repaired.status.success(), "{}", stderr(&repaired));
    assert_eq!(std::fs::read(temp.0.join("datasets/mnist/t10k-labels-idx1-ubyte.gz")).unwrap(), FILES[0].2);
    assert!(temp.0.join("datasets/unipen-1a/SHA256SUMS").is_file());
}

#[test]
fn the_committed_sums_list_every_file_the_code_reads() {
    let sums = std::fs::read_to_string(workspace_dir().join("scripts/datasets.sha256")).unwrap();
    let paths: Vec<&str> = sums.lines().filter(|l| !l.starts_with('#')).map(|l| &l[66..]).collect();
    for split in ["train", "t10k"] {
        for name in [format!("{split}-images-idx3-ubyte.gz"), format!("{split}-labels-idx1-ubyte.gz")] {
                assert!(paths.contains(&format!("mnist/{name}").as_str()), "mnist/{name}");
        }
    }
    assert!(paths.iter().filter(|p| p.starts_with("unipen-1a/data/1a/")).count() > 100);
    assert!(paths.contains(&"unipen-1a/LICENSE"));
    // Where the shared copy is here, the committed sums are exactly its own.
    let shared = workspace_dir().parent().unwrap().join("shared/datasets");
    for (set, prefix) in [("mnist", ""), ("unipen-1a", "./")] {
        let Ok(theirs) = std::fs::read_to_string(shared.join(set).join("SHA256SUMS")) else { continue };
        let (theirs_prefix, ours_prefix) = (format!("  {prefix}"), format!("  {set}/"));
        let mut theirs: Vec<String> = theirs.lines().map(|l| l.replacen(&theirs_prefix, &ours_prefix, 1)).collect();
        let mut ours: Vec<String> = sums.lines().filter(|l| l.contains(&ours_prefix)).map(String::from).collect();
        theirs.sort();
        ours.sort();
        assert_eq!(ours, theirs, "{set}");
    }
}
