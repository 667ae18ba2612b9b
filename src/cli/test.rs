//! `covenant test FILE…`: run each case over an ensemble, in parallel, and judge its expectations against the record.

use std::path::PathBuf;

use covenant::expectation;
use covenant::report;

use super::output::print;
use super::run::Case;
use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};

/// Arguments of `covenant test`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant test examples/concert_of_europe_1815.cov
  covenant test examples/*.cov --runs 200 --coverage

Exit status: 0 every expectation holds at its rate; 1 one falls below it, a case has
errors or a run divided by zero (R001); 2 bad usage, an unknown variant or a file that
cannot be read; 130 interrupted.
Reference: docs/language.md (expectations)")]
pub struct Args {
    /// Case files whose expectations to test.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// How many runs, with seeds S, S+1, …
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = super::ensemble::run_count)]
    runs: u64,
    /// How many threads run each case's ensemble; all cores by default. The report is the same for any number.
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// The first seed S; each case's own seed by default.
    #[arg(long)]
    seed: Option<u64>,
    /// Test a variant of each case instead of the base case.
    #[arg(long)]
    variant: Option<String>,
    #[command(flatten)]
    case: super::CaseOptions,
    /// Also list the norms, rules, commitments and shocks that played no part in any run.
    #[arg(long)]
    coverage: bool,
}

pub fn run(args: Args) -> u8 {
    let mut status = EXIT_OK;
    // Over several cases, the totals of those that ran.
    let (mut cases, mut expectations, mut passed) = (0usize, 0usize, 0usize);
    for file in &args.files {
        let case = match Case::prepare(file, &args.case) {
            Ok(case) => case,
            Err(code) => {
                status = status.max(code);
                continue;
            }
        };
        let bar = super::ensemble::progress_bar(args.runs);
        let progress = |done: u64| bar.inc(done);
        let runs = usize::try_from(args.runs).unwrap_or(usize::MAX);
        let result = super::ensemble::in_threads(args.threads, || {
            expectation::trial(&case.scenario, runs, args.seed, args.variant.as_deref(), args.coverage, &progress)
        });
        bar.finish_and_clear();
        let trial = match result {
            Ok(Ok(trial)) => trial,
            Err(code) => return code,
            Ok(Err(error)) => {
                status = status.max(case.failed(&error));
                continue;
            }
        };
        let mut text = report::trial::render(&file.display().to_string(), &case.scenario, &trial);
        if let Some(coverage) = &trial.coverage {
            text.push_str(&report::trial::render_coverage(&case.scenario, coverage, trial.runs, &case.sources));
        }
        if print(report::visible(&text).as_bytes()) != EXIT_OK {
            return EXIT_USAGE;
        }
        if trial.verdicts.iter().any(|v| !v.passed()) {
            status = status.max(EXIT_FAILED);
        }
        cases += 1;
        expectations += trial.verdicts.len();
        passed += trial.verdicts.iter().filter(|v| v.passed()).count();
    }
    if args.files.len() > 1 && print(report::trial::render_totals(cases, expectations, passed).as_bytes()) != EXIT_OK {
        return EXIT_USAGE;
    }
    status
}
