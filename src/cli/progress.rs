//! Ensembles on a pool of threads, with a progress bar on standard error when it is a terminal.

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use super::error::CliError;

/// A bar counting `runs` runs.
pub fn runs(runs: u64) -> ProgressBar {
    bar(runs, "{bar:40} {human_pos}/{human_len} runs, {rate} runs/s, {eta} left")
}

/// A bar counting `runs` runs at each of `points` grid points.
pub fn points(points: usize, runs: u64) -> ProgressBar {
    let template = format!(
        "{{bar:40}} {{human_pos}}/{{human_len}} runs over {points} point{}, {{rate}} runs/s, {{eta}} left",
        if points == 1 { "" } else { "s" }
    );
    bar(points as u64 * runs, &template)
}

/// A bar on standard error when it is a terminal; otherwise nothing is
/// drawn, so a log of standard error holds only what matters.
fn bar(length: u64, template: &str) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(length);
    let style = ProgressStyle::with_template(template)
        .expect("a valid template")
        // Whole runs a second; indicatif's own `per_sec` prints four decimals.
        .with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}", state.per_sec());
        });
    bar.set_style(style);
    bar
}

/// Runs `work` on a pool of `threads` threads, or on the global pool (all
/// cores) when none is given, with `bar` moved on by the runs it reports
/// done and cleared at the end; the error if the pool cannot start.
pub fn counted<T: Send>(
    bar: ProgressBar,
    threads: Option<u16>,
    work: impl FnOnce(&(dyn Fn(u64) + Sync)) -> T + Send,
) -> Result<T, CliError> {
    let progress = |done: u64| bar.inc(done);
    let result = match threads {
        Some(threads) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(usize::from(threads))
                .build()
                .map_err(|error| CliError::usage(format!("cannot start {threads} threads: {error}")))?;
            pool.install(|| work(&progress))
        }
        None => work(&progress),
    };
    bar.finish_and_clear();
    Ok(result)
}
