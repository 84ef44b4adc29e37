//! Heavy work off the async runtime: decoding and the model run on Tokio's blocking pool, so IPC and the
//! window stay responsive, and a panic there becomes a [`CommandError::Panicked`] instead of a lost reply.
//! Opening images also supersedes: a newer open (or Cancel) makes the older request return at once.

use std::sync::Arc;

use tauri::async_runtime;
use tokio::sync::watch;

use crate::error::Work;
use crate::CommandError;

/// `DIGITS_TEST_OPEN_DELAY_MS`: the end-to-end tests make every open take at least this long, so the busy
/// state and Cancel are tested without racing a picture that happens to read fast. Unset in normal use.
pub fn test_open_delay() {
    static DELAY: std::sync::OnceLock<Option<std::time::Duration>> = std::sync::OnceLock::new();
    let delay = DELAY.get_or_init(|| {
        let ms = std::env::var("DIGITS_TEST_OPEN_DELAY_MS").ok()?.parse().ok()?;
        Some(std::time::Duration::from_millis(ms))
    });
    if let Some(delay) = delay {
        std::thread::sleep(*delay);
    }
}

/// Runs `work` on the blocking pool; a panic in it becomes [`CommandError::Panicked`].
pub async fn off_runtime<T: Send + 'static>(
    what: Work,
    work: impl FnOnce() -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    async_runtime::spawn_blocking(work).await.unwrap_or_else(|source| Err(CommandError::Panicked { what, source }))
}

/// The generation of the newest open request, in managed state. Every open and every Cancel bumps it.
#[derive(Clone)]
pub struct OpenRequests(Arc<watch::Sender<u64>>);

impl Default for OpenRequests {
    fn default() -> Self {
        Self(Arc::new(watch::Sender::new(0)))
    }
}

/// One open request's place in line: it is current until a newer open or a Cancel.
#[derive(Clone)]
pub struct Ticket {
    requests: OpenRequests,
    generation: u64,
}

impl Ticket {
    /// False once a newer request or Cancel has replaced this one.
    pub fn is_current(&self) -> bool {
        *self.requests.0.borrow() == self.generation
    }
}

impl OpenRequests {
    /// Supersedes every earlier open and returns the new request's ticket.
    pub fn begin(&self) -> Ticket {
        let mut generation = 0;
        self.0.send_modify(|g| {
            *g += 1;
            generation = *g;
        });
        Ticket { requests: self.clone(), generation }
    }

    /// The newest request's generation (the tests wait for a request to begin).
    #[cfg(test)]
    pub fn generation(&self) -> u64 {
        *self.0.borrow()
    }

    /// Cancels the open in progress, if any.
    pub fn cancel(&self) {
        self.0.send_modify(|g| *g += 1);
    }

    /// Runs `work` off the runtime as a new open request. It returns [`CommandError::Cancelled`] as soon as
    /// a newer request or Cancel replaces it; the blocking work cannot be interrupted, so it runs on and its
    /// result is dropped (`work` checks its ticket to skip what is left, such as the model run).
    pub async fn open<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Ticket) -> Result<T, CommandError> + Send + 'static,
    ) -> Result<T, CommandError> {
        let ticket = self.begin();
        let generation = ticket.generation;
        let mut changes = self.0.subscribe();
        let done = off_runtime(Work::ReadingPicture, move || work(&ticket));
        tokio::select! {
            result = done => result,
            _ = changes.wait_for(|&g| g != generation) => Err(CommandError::Cancelled),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use protocol::ErrorKind;

    use super::*;

    #[test]
    fn a_newer_open_makes_the_older_return_cancelled_at_once() {
        let requests = OpenRequests::default();
        let (release, gate) = mpsc::channel::<()>();
        let (ran_on, ran) = mpsc::channel::<bool>();
        let first = {
            let requests = requests.clone();
            std::thread::spawn(move || {
                async_runtime::block_on(requests.open(move |ticket| {
                    gate.recv().ok(); // a decode that is still running when the second open comes
                    ran_on.send(ticket.is_current()).ok();
                    Ok("first")
                }))
            })
        };
        // Wait until the first request holds the newest generation, then open another.
        while *requests.0.borrow() == 0 {
            std::thread::yield_now();
        }
        let second = async_runtime::block_on(requests.open(|_| Ok("second")));
        let first = first.join().unwrap();
        assert_eq!(second.unwrap(), "second");
        assert!(matches!(first, Err(CommandError::Cancelled)), "{first:?}");
        // The first decode runs on after its request returned; it sees it was superseded.
        release.send(()).unwrap();
        assert!(!ran.recv().unwrap(), "the superseded work must not go on to the model");
    }

    #[test]
    fn cancel_ends_the_open_in_progress() {
        let requests = OpenRequests::default();
        let (_release, gate) = mpsc::channel::<()>();
        let waiting = {
            let requests = requests.clone();
            std::thread::spawn(move || async_runtime::block_on(requests.open(move |_| Ok(gate.recv().is_ok()))))
        };
        while *requests.0.borrow() == 0 {
            std::thread::yield_now();
        }
        requests.cancel();
        let error = waiting.join().unwrap().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Cancelled);
    }

    #[test]
    fn a_panic_in_the_work_is_an_internal_error_in_words() {
        let result: Result<(), _> =
            async_runtime::block_on(off_runtime(Work::ReadingPicture, || panic!("a decoder bug")));
        let error = result.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Internal);
        assert_eq!(error.to_string(), "Reading this picture failed inside the app; the details are in the log.");
        let source = std::error::Error::source(&error).expect("the join error is kept").to_string();
        assert!(source.contains("a decoder bug"), "{source}");
    }
}
