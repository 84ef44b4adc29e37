//! How long the app took from process start to its first painted window; the UI reports the moment it has
//! painted, and the figure is kept (and logged with `DIGITS_LOG_STARTUP=1`) for benchmarks and the install test.

use std::sync::OnceLock;
use std::time::Instant;

pub struct Startup {
    /// When `run()` began, and how long the process had already been running then.
    began: Instant,
    before_run_ms: f64,
    painted_ms: OnceLock<f64>,
}

impl Startup {
    pub fn now() -> Self {
        Self { began: Instant::now(), before_run_ms: ms_since_exec().unwrap_or(0.0), painted_ms: OnceLock::new() }
    }

    /// Milliseconds from process start to the first paint; later calls return the first figure.
    pub fn painted(&self) -> f64 {
        *self.painted_ms.get_or_init(|| {
            let ms = self.before_run_ms + self.began.elapsed().as_secs_f64() * 1e3;
            if std::env::var_os("DIGITS_LOG_STARTUP").is_some() {
                eprintln!("digit-recognizer: first window painted {ms:.0} ms after start");
            }
            ms
        })
    }
}

/// Time since this process was started, from `/proc` (Linux); `None` elsewhere.
fn ms_since_exec() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Field 22 (starttime, in clock ticks since boot) comes after the command name in parentheses.
    let after_name = &stat[stat.rfind(')')? + 2..];
    let start_ticks: f64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime").ok()?.split_whitespace().next()?.parse().ok()?;
    const TICKS_PER_SECOND: f64 = 100.0; // USER_HZ on Linux
    Some(((uptime - start_ticks / TICKS_PER_SECOND) * 1e3).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_paint_is_kept() {
        let startup = Startup::now();
        let first = startup.painted();
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(startup.painted(), first);
        assert!((0.0..600_000.0).contains(&first), "{first}");
    }
}
