//! `covenant run FILE --runs N`: an ensemble over N seeds on a thread pool, with a progress bar on a terminal.

use covenant::ensemble::{self, EnsembleOptions};
use covenant::report;

use super::case::Case;
use super::error::CliError;
use super::progress;
use super::run::Format;

/// Runs the ensemble and renders its findings; the error if it cannot run.
pub(super) fn run(
    case: &Case,
    runs: u64,
    seed: Option<u64>,
    variant: Option<String>,
    threads: Option<u16>,
    format: Format,
    verbose: bool,
) -> Result<Vec<u8>, CliError> {
    let options = EnsembleOptions { runs, first_seed: seed, variant };
    let result =
        progress::counted(progress::runs(runs), threads, |progress| ensemble::run(&case.scenario, &options, progress))?;
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
