//! `covenant sweep FILE --set PATH=A..B/STEP …`: an ensemble at each point of a grid of settings, as one table and a plot.

use std::path::{Path, PathBuf};

use covenant::engine::{self, RunError};
use covenant::ensemble::Summary;
use covenant::report;
use covenant::scenario::Scenario;
use covenant::source::FileId;
use covenant::sweep::table::Metadata;
use covenant::sweep::{self, Axis, Grid, Overrides, SettingProblem, Shard, SweepOptions};

use super::case::{load_checked, run_failed};
use super::error::{CliError, Exit};
use super::options::{run_count, CaseOptions, RunChoice, TableOutputs, Threads};
use super::progress;
use super::write::{check_outputs, write_beside, Inputs};
use super::Ended;

/// Arguments of `covenant sweep`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant sweep examples/classroom.cov --set model.resolve_base=0..1/0.1 --runs 200
  covenant sweep examples/classroom.cov --set Syldavia.constraint=0.2,0.5,0.8 \\
      --set model.transparency=0..1/0.5 --runs 100 --out table.csv --plot plot.svg
  covenant sweep examples/classroom.cov --set model.war_cost=0..1/0.25 --runs 100 \\
      --shard 1/2 --out part1.csv
  covenant sweep examples/classroom.cov --set model.war_cost=0..1/0.25 --runs 100 \\
      --shard 2/2 --out part2.csv

Exit status: 0 the table (and plot) were written; 1 the case has errors, or a run divided by zero (R001); 2 bad usage, a
malformed --set or --shard, an unknown variant or plot outcome, or an output that
cannot be written; 130 interrupted (nothing is written).
Reference: docs/sweep.md")]
#[command(
    mut_arg("seed", |seed| seed.value_name("S").help("The seed of each point's first run; the case's own seed by default")),
    mut_arg("variant", |variant| variant
        .value_name("V")
        .help("A variant of the case to lay the swept settings over, instead of the base case")),
    mut_arg("threads", |threads| threads
        .help("How many threads run the sweep; all cores by default. The table is the same for any number")),
)]
pub struct Args {
    /// The case file to sweep.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// A setting and its values: `PATH=A..B/STEP` (both ends included; STEP divides B − A) or `PATH=V1,V2,…`; repeat for a grid.
    #[arg(long = "set", value_name = "PATH=VALUES", required = true, value_parser = sweep::parse_set)]
    set: Vec<Axis>,
    /// Runs at each grid point, with the seeds S, S+1, … at every point.
    #[arg(long, value_name = "N", value_parser = run_count)]
    runs: u64,
    #[command(flatten)]
    choice: RunChoice,
    #[command(flatten)]
    threads: Threads,
    #[command(flatten)]
    outputs: TableOutputs,
    /// Run only slice I of N of the grid: the points p with p mod N = I − 1.
    #[arg(long, value_name = "I/N")]
    shard: Option<Shard>,
    #[command(flatten)]
    pub case: CaseOptions,
}

pub fn run(args: Args) -> Ended {
    let grid = Grid::new(args.set).map_err(|e| CliError::usage(e.to_string()))?;
    let shard = args.shard.unwrap_or(Shard::WHOLE);
    let TableOutputs { out, plot: plot_path, plot_outcome } = args.outputs;
    if plot_path.is_some() && args.shard.is_some() {
        return Err(CliError::usage("--plot draws the whole grid, and --shard runs a slice of it")
            .with_help("run the shards without --plot, then draw with `covenant merge SHARD.csv… --plot PATH`"));
    }
    let RunChoice { seed, variant } = args.choice;
    let (loaded, scenario) = load_checked(&args.file, &args.case)?;
    engine::variant(&scenario, variant.as_deref()).map_err(|unknown| CliError::usage(unknown.to_string()))?;
    check_outputs(&[("--out", out.as_deref()), ("--plot", plot_path.as_deref())], &Inputs::of_case(&loaded))?;
    let plot = match &plot_path {
        Some(_) => {
            let columns = report::sweep::columns(&scenario, &grid);
            let plot = report::plot::prepare(&columns, &grid, plot_outcome.as_deref());
            Some(plot.map_err(|e| CliError::usage(e.to_string()).with_help(e.help()))?)
        }
        None => None,
    };
    let metadata = Metadata {
        covenant: env!("CARGO_PKG_VERSION").to_string(),
        case: loaded.sources.file(FileId(0)).path.display().to_string(),
        case_hash: report::json::case_hash(&loaded.sources),
        title: scenario.title.value.clone(),
        variant: variant.clone(),
        runs: args.runs,
        first_seed: seed.unwrap_or(scenario.seed.value),
        sets: grid.axes.iter().map(Axis::written).collect(),
        points: grid.points(),
        shard,
    };
    // Resolving the settings takes the loaded case; a run that stops is
    // still shown in its source.
    let sources = loaded.sources.clone();
    let overrides = sweep::settings::resolve(loaded, &grid).map_err(|problems| setting_problems(&problems))?;
    let points = shard.points(grid.points());
    let options = SweepOptions { runs: args.runs, first_seed: seed, variant };
    let summaries = run_points(&scenario, &grid, &overrides, &points, &options, args.threads.threads)?
        .map_err(|error| run_failed(&error, &sources, args.case.error_format()))?;
    let table = report::sweep::table(metadata, &scenario, &grid, &points, &summaries);
    write_table_and_plot(&table, out.as_deref(), plot.as_ref().zip(plot_path.as_deref()))?;
    Ok(Exit::Ok)
}

/// Runs the points on `threads` threads (all cores by default), with a progress bar on a terminal.
fn run_points(
    scenario: &Scenario,
    grid: &Grid,
    overrides: &Overrides,
    points: &[usize],
    options: &SweepOptions,
    threads: Option<u16>,
) -> Result<Result<Vec<Summary>, RunError>, CliError> {
    progress::counted(progress::points(points.len(), options.runs), threads, |progress| {
        sweep::run(scenario, grid, overrides, points, options, progress)
    })
}

/// Writes the table (to a file, or standard output) and the plot: to
/// files, both whole or neither; a table on standard output is printed once
/// the plot is in place. `merge` writes its table the same way.
pub(super) fn write_table_and_plot(
    table: &sweep::table::Table,
    out: Option<&Path>,
    plot: Option<(&report::plot::Plot, &Path)>,
) -> Result<(), CliError> {
    let picture = plot.map(|(plot, path)| (path, plot.render(table)));
    let beside: Vec<(&Path, &[u8])> = picture.iter().map(|(path, svg)| (*path, svg.as_bytes())).collect();
    write_beside(out, table.render().as_bytes(), &beside)
}

/// Every `--set` the checker refused, with its code and help, as one error.
fn setting_problems(problems: &[SettingProblem]) -> CliError {
    let mut errors = problems.iter().map(|problem| {
        CliError::usage(format!("--set `{}`: {}", problem.set, problem.message))
            .coded(problem.code)
            .with_help(problem.help.clone())
    });
    let first = errors.next().unwrap_or_else(|| CliError::usage("a --set was refused"));
    first.with_related(errors.collect())
}
