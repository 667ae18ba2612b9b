//! `covenant diff`: run two sides with one seed and report where their histories first part, and why; or compare them over paired runs.

use std::path::PathBuf;

use clap::ValueEnum;
use covenant::diff::{self, Contender, History, Side, Sides};
use covenant::engine::RunOptions;
use covenant::report;

use super::case::Case;
use super::error::{CliError, Exit, Status};
use super::options::{run_count, CaseOptions, Threads};
use super::progress;
use super::write::{check_outputs, write_out};
use super::Ended;

/// Arguments of `covenant diff`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Forms:\n  \
    covenant diff FILE --variant V                the base case against variant V\n  \
    covenant diff FILE --variant V --variant W    variant V against variant W\n  \
    covenant diff A.cov B.cov                     two cases, each its base\n  \
    covenant diff … --runs N [--threads T]        the two sides over N paired runs, seeds S, S+1, …\n\n\
    Examples:\n  \
    covenant diff examples/classroom.cov --variant automatic\n  \
    covenant diff examples/concert_of_europe_1815.cov --variant automatic --runs 500\n\n\
    Exit status: 0 a completed diff, diverging or not; 1 a case has errors or a run divided\n\
    by zero (R001); 2 bad usage, an unknown variant, a file that cannot be read or an output\n\
    that cannot be written; 130 interrupted.\n\
    Reference: docs/output.md")]
#[command(mut_arg("threads", |threads| threads
    .requires("runs")
    .help("How many threads run the pairs; all cores by default. The result is the same for any number")))]
pub struct Args {
    /// The case file, or two case files to compare base against base.
    #[arg(value_name = "FILE", num_args = 1..=2, required = true)]
    files: Vec<PathBuf>,
    /// A variant to compare: once, the base case against it; twice, the first against the second.
    #[arg(long, value_name = "V")]
    variant: Vec<String>,
    /// The seed of both runs (with --runs, of the first pair); the case's own seed by default (with two files, the first file's).
    #[arg(long)]
    seed: Option<u64>,
    /// Compare the sides over N paired runs: run i of both sides uses seed S + i.
    #[arg(long, value_name = "N", value_parser = run_count)]
    runs: Option<u64>,
    #[command(flatten)]
    threads: Threads,
    /// What to write: a report to read, or one JSON document (see `docs/diff.schema.json`).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write to this file (whole or not at all) instead of standard output.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    #[command(flatten)]
    pub case: CaseOptions,
}

/// The formats of `diff`'s output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The first divergence with both traces, then the outcomes side by side.
    Text,
    /// One JSON document with both sides' provenance.
    Json,
}

pub fn run(args: Args) -> Ended {
    if let Some(problem) = usage_problem(&args) {
        return Err(CliError::usage(problem));
    }
    // Each side's case (the same one twice for variants), and the variant it runs.
    let (cases, variants, labels) = match args.files.as_slice() {
        [file] => {
            let case = Case::prepare(file, &args.case)?;
            let (left, right) = match args.variant.as_slice() {
                [right] => (None, Some(right.clone())),
                [left, right] => (Some(left.clone()), Some(right.clone())),
                _ => unreachable!("checked by usage_problem"),
            };
            let label = |variant: &Option<String>| variant.clone().unwrap_or_else(|| "base".to_string());
            let labels = Sides { left: label(&left), right: label(&right) };
            (Cases::One(Box::new(case)), Sides { left, right }, labels)
        }
        [first, second] => {
            // Both files are checked, so that the problems of both are
            // reported at once, each file's in its turn.
            let mut status = Status::new(args.case.error_format());
            let left = status.keep(Case::prepare(first, &args.case));
            let right = status.keep(Case::prepare(second, &args.case));
            let (Some(left), Some(right)) = (left, right) else { return Ok(status.exit()) };
            let labels = Sides { left: first.display().to_string(), right: second.display().to_string() };
            (Cases::Two(Box::new(Sides { left, right })), Sides::default(), labels)
        }
        _ => unreachable!("clap takes one or two files"),
    };
    let mut inputs = cases.get(Side::Left).inputs.clone();
    if let Cases::Two(sides) = &cases {
        inputs.extend(&sides.right.inputs);
    }
    check_outputs(&[("--out", args.out.as_deref())], &inputs)?;
    let seed = args.seed.unwrap_or(cases.get(Side::Left).scenario.seed.value);
    let labels = distinct(labels);
    let text = match args.runs {
        Some(runs) => paired(&cases, &variants, &labels, runs, seed, &args)?,
        None => one_seed(&cases, &variants, &labels, seed, args.format)?,
    };
    write_out(args.out.as_deref(), |out| out.write_all(text.as_bytes()))?;
    Ok(Exit::Ok)
}

/// Runs both sides with one seed and compares their histories.
fn one_seed(
    cases: &Cases,
    variants: &Sides<Option<String>>,
    labels: &Sides<String>,
    seed: u64,
    format: Format,
) -> Result<String, CliError> {
    // Each side keeps in full only the events the comparison reads, so a
    // diff of long logs holds no more than the events it shows.
    let contestants = variants.map(|side, variant| diff::Contestant {
        scenario: &cases.get(side).scenario,
        options: RunOptions { seed: Some(seed), variant: variant.clone() },
    });
    let runs = diff::run_both(&contestants).map_err(|failed| cases.get(failed.side).failed(&failed.error))?;
    let histories = runs.map(|side, run| {
        let case = cases.get(side);
        History { scenario: &case.scenario, sources: &case.sources, run }
    });
    let compared = diff::compare(&histories);
    Ok(match format {
        Format::Text => report::visible(&report::diff::render_text(&histories, labels, &compared)).into_owned(),
        Format::Json => report::diff::render_json(&histories, labels, &compared),
    })
}

/// Runs both sides over `runs` paired seeds from `seed` and compares what they came to.
fn paired(
    cases: &Cases,
    variants: &Sides<Option<String>>,
    labels: &Sides<String>,
    runs: u64,
    seed: u64,
    args: &Args,
) -> Result<String, CliError> {
    let sides = variants.map(|side, variant| {
        let case = cases.get(side);
        Contender { scenario: &case.scenario, sources: &case.sources, variant: variant.as_deref() }
    });
    let result = progress::counted(progress::runs(runs), args.threads.threads, |progress| {
        diff::compare_ensembles(&sides, runs, seed, progress)
    })?;
    let compared = result.map_err(|failed| cases.get(failed.side).failed(&failed.error))?;
    Ok(match args.format {
        Format::Text => report::visible(&report::diff::paired::render_text(&sides, labels, &compared)).into_owned(),
        Format::Json => report::diff::paired::render_json(&sides, labels, &compared),
    })
}

/// The cases a diff runs: one case twice (base or variants), or two files.
enum Cases {
    One(Box<Case>),
    Two(Box<Sides<Case>>),
}

impl Cases {
    fn get(&self, side: Side) -> &Case {
        match self {
            Cases::One(case) => case,
            Cases::Two(cases) => cases.get(side),
        }
    }
}

/// What is wrong with the combination of files and variants, if anything.
fn usage_problem(args: &Args) -> Option<String> {
    match (args.files.len(), args.variant.len()) {
        (1, 0) => Some(
            "nothing to compare: give `--variant V` (the base case against V), `--variant V --variant W`, \
             or a second case file"
                .to_string(),
        ),
        (1, n) if n > 2 => Some(format!("`--variant` compares two sides; it was given {n} times")),
        (2, n) if n > 0 => Some(
            "with two case files each side is its file's base case; `--variant` compares variants of one file"
                .to_string(),
        ),
        _ => None,
    }
}

/// Side labels told apart when both are the same (a case against itself).
fn distinct(labels: Sides<String>) -> Sides<String> {
    if labels.left != labels.right {
        return labels;
    }
    Sides { left: format!("{} (first)", labels.left), right: format!("{} (second)", labels.right) }
}
