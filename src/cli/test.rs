//! `covenant test FILE…`: run each case over an ensemble, in parallel, and judge its expectations against the record.

use std::path::PathBuf;

use covenant::expectation;
use covenant::report;

use super::case::Case;
use super::error::{Exit, Status};
use super::options::{run_count, CaseOptions, RunChoice, Threads};
use super::output::print;
use super::progress;
use super::Ended;

/// Arguments of `covenant test`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant test examples/concert_of_europe_1815.cov
  covenant test examples/*.cov --runs 200 --coverage

Exit status: 0 every expectation holds at its rate; 1 one falls below it, a case has
errors or a run divided by zero (R001); 2 bad usage, an unknown variant or a file that
cannot be read; 130 interrupted.
Reference: docs/language.md (expectations)")]
#[command(
    mut_arg("threads", |threads| threads.help(
        "How many threads run each case's ensemble; all cores by default. The report is the same for any number"
    )),
    mut_arg("seed", |seed| seed.help("The first seed S; each case's own seed by default")),
    mut_arg("variant", |variant| variant.help("Test a variant of each case instead of the base case")),
)]
pub struct Args {
    /// Case files whose expectations to test.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// How many runs, with seeds S, S+1, …
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = run_count)]
    runs: u64,
    #[command(flatten)]
    threads: Threads,
    #[command(flatten)]
    choice: RunChoice,
    #[command(flatten)]
    pub case: CaseOptions,
    /// Also list the norms, rules, commitments and shocks that played no part in any run.
    #[arg(long)]
    coverage: bool,
}

pub fn run(args: Args) -> Ended {
    let mut status = Status::new(args.case.error_format());
    // Over several cases, the totals of those that ran.
    let (mut cases, mut expectations, mut passed) = (0usize, 0usize, 0usize);
    for file in &args.files {
        let Some(case) = status.keep(Case::prepare(file, &args.case)) else { continue };
        let runs = usize::try_from(args.runs).unwrap_or(usize::MAX);
        let (seed, variant) = (args.choice.seed, args.choice.variant.as_deref());
        let result = progress::counted(progress::runs(args.runs), args.threads.threads, |progress| {
            expectation::trial(&case.scenario, runs, seed, variant, args.coverage, progress)
        })?;
        let Some(trial) = status.keep(result.map_err(|error| case.failed(&error))) else { continue };
        let mut text = report::trial::render(&file.display().to_string(), &case.scenario, &trial);
        if let Some(coverage) = &trial.coverage {
            text.push_str(&report::trial::render_coverage(&case.scenario, coverage, trial.runs, &case.sources));
        }
        print(report::visible(&text).as_bytes())?;
        if trial.verdicts.iter().any(|v| !v.passed()) {
            status.add(Exit::Failed);
        }
        cases += 1;
        expectations += trial.verdicts.len();
        passed += trial.verdicts.iter().filter(|v| v.passed()).count();
    }
    if args.files.len() > 1 {
        print(report::trial::render_totals(cases, expectations, passed).as_bytes())?;
    }
    Ok(status.exit())
}
