//! Latency figures for `digits bench`: repeated timed calls, summarised as median, 95th percentile and mean.

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub calls: usize,
    pub median: Duration,
    pub p95: Duration,
    pub mean: Duration,
}

/// Calls `work` `warmup` times untimed, then `calls` times timed.
pub fn time_calls<E>(warmup: usize, calls: usize, mut work: impl FnMut(usize) -> Result<(), E>) -> Result<Timing, E> {
    for i in 0..warmup {
        work(i)?;
    }
    let mut samples = Vec::with_capacity(calls);
    for i in 0..calls.max(1) {
        let started = Instant::now();
        work(i)?;
        samples.push(started.elapsed());
    }
    Ok(summarise(samples))
}

fn summarise(mut samples: Vec<Duration>) -> Timing {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    Timing {
        calls: samples.len(),
        median: at(0.5),
        p95: at(0.95),
        mean: samples.iter().sum::<Duration>() / samples.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_picks_the_middle_and_the_tail() {
        let samples = (1..=100).map(Duration::from_micros).collect();
        let timing = summarise(samples);
        assert_eq!(timing.calls, 100);
        assert_eq!(timing.median, Duration::from_micros(51)); // index round(49.5) = 50
        assert_eq!(timing.p95, Duration::from_micros(95));
        assert_eq!(timing.mean, Duration::from_nanos(50_500));
    }

    #[test]
    fn errors_stop_the_run() {
        let result = time_calls(0, 10, |i| if i == 3 { Err("boom") } else { Ok(()) });
        assert_eq!(result.unwrap_err(), "boom");
    }
}
