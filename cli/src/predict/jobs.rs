//! `--jobs N`: reads the files on N worker threads, each with its own `Recognizer` (one ONNX Runtime thread
//! each), and hands the results back in the order of the list, holding early ones until their turn.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

use protocol::ErrorKind;
use recognizer::{NumberReading, Recognizer};

/// Why a file could not be read: the sentence, the kind of `ReadError`, and the technical detail (the error's
/// sources) for `--verbose`.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub kind: ErrorKind,
    pub detail: String,
}

pub type Outcome = Result<NumberReading, Failure>;

/// Loads `count` recognizers of the model at once, one per thread.
pub fn load(model: &Path, count: usize) -> anyhow::Result<Vec<Recognizer>> {
    thread::scope(|scope| {
        let loading: Vec<_> = (0..count).map(|_| scope.spawn(|| Recognizer::load(model))).collect();
        let join = |handle: thread::ScopedJoinHandle<'_, _>| handle.join().expect("loading the model panicked");
        loading.into_iter().map(|handle| join(handle).map_err(Into::into)).collect()
    })
}

/// Reads every file with the recognizers, one worker thread each, and calls `emit` for each file in the order
/// of `files`. If `emit` fails (the output cannot be written) the workers stop and that error is returned.
pub fn read_all<E>(
    recognizers: &[Recognizer],
    files: &[PathBuf],
    mut emit: impl FnMut(&Path, Outcome) -> Result<(), E>,
) -> Result<(), E> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, Outcome)>();
        for recognizer in recognizers {
            let sender = sender.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(index) else { break };
                    if sender.send((index, read(recognizer, file))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut turn = 0;
        for (index, outcome) in receiver {
            waiting.insert(index, outcome);
            while let Some(outcome) = waiting.remove(&turn) {
                if let Err(err) = emit(&files[turn], outcome) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(err);
                }
                turn += 1;
            }
        }
        Ok(())
    })
}

/// One file; a panic inside the decoder or the model is reported as that file's failure, not the run's.
fn read(recognizer: &Recognizer, file: &Path) -> Outcome {
    match panic::catch_unwind(AssertUnwindSafe(|| recognizer.read_image_file(file))) {
        Ok(Ok(reading)) => Ok(reading),
        Ok(Err(err)) => Err(Failure { message: err.to_string(), kind: err.kind(), detail: recognizer::causes(&err).join(": ") }),
        Err(_) => Err(Failure {
            message: "Reading this file crashed the recognizer.".into(),
            kind: ErrorKind::Internal,
            detail: String::new(),
        }),
    }
}
