//! `covenant explain FILE --event N`: one event of a run and why it happened, drawn on the source.

use std::io::IsTerminal;
use std::path::PathBuf;

use covenant::engine::RunOptions;
use covenant::report;

use super::case::Case;
use super::error::{CliError, Exit};
use super::options::{CaseOptions, RunChoice};
use super::output::print;
use super::Ended;

/// Arguments of `covenant explain`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant explain examples/classroom.cov --event 5
  covenant explain examples/concert_of_europe_1815.cov --event '#12' --seed 7
  covenant explain examples/concert_of_europe_1815.cov --event 250 --depth 1

Exit status: 0 explained; 1 the case has errors, or a run divided by zero (R001); 2 bad usage, an unknown variant, an
event the run does not have, or a file that cannot be read; 130 interrupted.
Reference: docs/output.md")]
pub struct Args {
    /// The case file to run.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The number of the event to explain, as `run` prints it: `--event 12` or `--event '#12'`.
    #[arg(long, value_name = "N", value_parser = event_number)]
    event: usize,
    /// How many links back the chain of earlier events is followed: 1 lists
    /// only what the event follows from directly.
    #[arg(long, value_name = "N", default_value_t = report::explain::DEFAULT_DEPTH, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    depth: usize,
    #[command(flatten)]
    choice: RunChoice,
    #[command(flatten)]
    pub case: CaseOptions,
}

pub fn run(args: Args) -> Ended {
    let case = Case::prepare(&args.file, &args.case)?;
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let options = RunOptions { seed: args.choice.seed, variant: args.choice.variant };
    let explained =
        report::explain::render_running(&case.scenario, &options, &case.sources, args.event, args.depth, colour)
            .map_err(|error| case.failed(&error))?;
    let text = explained.map_err(|error| CliError::usage(error.to_string()))?;
    print(text.as_bytes())?;
    Ok(Exit::Ok)
}

/// An event's number as the log prints it, with or without its `#`.
fn event_number(text: &str) -> Result<usize, String> {
    let digits = text.strip_prefix('#').unwrap_or(text);
    digits.parse::<usize>().map_err(|_| format!("expected an event's number, such as `12` or `#12`, not `{text}`"))
}
