//! `covenant run FILE --runs N`: an ensemble over N seeds on a thread pool, with a progress bar on a terminal.

use std::io::{self, IsTerminal};

use covenant::ensemble::{self, EnsembleOptions};
use covenant::report;

use super::run::{Case, Format};
use super::EXIT_USAGE;

/// Parses `--runs N`: a whole number, at least 1.
pub(super) fn run_count(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err("an ensemble needs at least one run".to_string()),
        Ok(runs) if runs > MAX_RUNS => Err(format!(
            "at most {MAX_RUNS} runs in one ensemble (minutes to hours of a machine); \
             for more, run ensembles of consecutive first seeds (`--seed`) one after another"
        )),
        Ok(runs) => Ok(runs),
        Err(_) => Err("expected a whole number of runs, such as `1000`".to_string()),
    }
}

/// The most runs one ensemble, test, diff or sweep point may ask for: ten
/// million runs of the Concert case take about ten minutes of one core,
/// and a number past it is far more likely a slip than a plan.
pub(super) const MAX_RUNS: u64 = 10_000_000;

/// Runs the ensemble and renders its findings; the exit status if it cannot run.
pub(super) fn run(
    case: &Case,
    runs: u64,
    seed: Option<u64>,
    variant: Option<String>,
    threads: Option<u16>,
    format: Format,
    verbose: bool,
) -> Result<Vec<u8>, u8> {
    let options = EnsembleOptions { runs, first_seed: seed, variant };
    let bar = progress_bar(runs);
    let progress = |done: u64| bar.inc(done);
    let result = in_threads(threads, || ensemble::run(&case.scenario, &options, &progress))?;
    bar.finish_and_clear();
    let ensemble = result.map_err(|error| case.failed(&error))?;
    Ok(match format {
        Format::Json => report::ensemble::render_json(&case.scenario, &ensemble, &case.sources),
        Format::Text | Format::Csv => {
            report::visible(&report::ensemble::render_text(&case.scenario, &ensemble, &case.sources, verbose))
                .into_owned()
        }
    }
    .into_bytes())
}

/// A bar on standard error when it is a terminal; otherwise nothing is
/// drawn, so a log of standard error holds only what matters.
pub(super) fn progress_bar(runs: u64) -> indicatif::ProgressBar {
    if !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(runs);
    let style =
        indicatif::ProgressStyle::with_template("{bar:40} {human_pos}/{human_len} runs, {rate} runs/s, {eta} left")
            .expect("a valid template")
            // Whole runs a second; indicatif's own `per_sec` prints four decimals.
            .with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}", state.per_sec());
            });
    bar.set_style(style);
    bar
}

/// Runs `work` on a pool of `threads` threads, or on the global pool (all
/// cores) when none is given; the exit status if the pool cannot start.
pub(super) fn in_threads<T: Send>(threads: Option<u16>, work: impl FnOnce() -> T + Send) -> Result<T, u8> {
    match threads {
        Some(threads) => {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(usize::from(threads)).build().map_err(|error| {
                say!("error: cannot start {threads} threads: {error}");
                EXIT_USAGE
            })?;
            Ok(pool.install(work))
        }
        None => Ok(work()),
    }
}
