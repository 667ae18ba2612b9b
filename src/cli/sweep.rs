//! `covenant sweep FILE --set PATH=A..B/STEP …`: an ensemble at each point of a grid of settings, as one table and a plot.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use covenant::check;
use covenant::engine::{self, RunError};
use covenant::ensemble::Summary;
use covenant::load::{self, Loaded};
use covenant::report;
use covenant::scenario::Scenario;
use covenant::source::FileId;
use covenant::sweep::table::Metadata;
use covenant::sweep::{self, Axis, Grid, Overrides, SettingProblem, Shard, SweepOptions};

use super::destination::{check_outputs, write_together, Inputs};
use super::output::print;
use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};

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
pub struct Args {
    /// The case file to sweep.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// A setting and its values: `PATH=A..B/STEP` (both ends included; STEP divides B − A) or `PATH=V1,V2,…`; repeat for a grid.
    #[arg(long = "set", value_name = "PATH=VALUES", required = true, value_parser = sweep::parse_set)]
    set: Vec<Axis>,
    /// Runs at each grid point, with the seeds S, S+1, … at every point.
    #[arg(long, value_name = "N", value_parser = super::ensemble::run_count)]
    runs: u64,
    /// The seed of each point's first run; the case's own seed by default.
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// A variant of the case to lay the swept settings over, instead of the base case.
    #[arg(long, value_name = "V")]
    variant: Option<String>,
    /// How many threads run the sweep; all cores by default. The table is the same for any number.
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Write the table to this file (whole or not at all) instead of standard output.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Draw an outcome against the first setting as SVG, into this file.
    #[arg(long, value_name = "PATH")]
    plot: Option<PathBuf>,
    /// The outcome to plot, a column of the table such as `defections`; `great_power_war` by default.
    #[arg(long, value_name = "NAME", requires = "plot")]
    plot_outcome: Option<String>,
    /// Run only slice I of N of the grid: the points p with p mod N = I − 1.
    #[arg(long, value_name = "I/N")]
    shard: Option<Shard>,
    #[command(flatten)]
    case: super::CaseOptions,
}

pub fn run(args: Args) -> u8 {
    match sweep(args) {
        Ok(()) => EXIT_OK,
        Err(code) => code,
    }
}

fn sweep(args: Args) -> Result<(), u8> {
    let grid = Grid::new(args.set).map_err(|e| usage(&e.to_string(), None))?;
    let shard = args.shard.unwrap_or(Shard::WHOLE);
    if args.plot.is_some() && args.shard.is_some() {
        return Err(usage(
            "--plot draws the whole grid, and --shard runs a slice of it",
            Some("run the shards without --plot, then draw with `covenant merge SHARD.csv… --plot PATH`"),
        ));
    }
    let (loaded, scenario) = load_case(&args.file, &args.case, args.variant.as_deref())?;
    check_outputs(
        &[("--out", args.out.as_deref()), ("--plot", args.plot.as_deref())],
        &Inputs::of_case(&loaded),
        args.case.error_format,
    )?;
    let plot = match &args.plot {
        Some(_) => {
            let columns = report::sweep::columns(&scenario, &grid);
            let plot = report::plot::prepare(&columns, &grid, args.plot_outcome.as_deref());
            Some(plot.map_err(|e| usage(&e.to_string(), Some(&e.help())))?)
        }
        None => None,
    };
    let metadata = Metadata {
        covenant: env!("CARGO_PKG_VERSION").to_string(),
        case: loaded.sources.file(FileId(0)).path.display().to_string(),
        case_hash: report::json::case_hash(&loaded.sources),
        title: scenario.title.value.clone(),
        variant: args.variant.clone(),
        runs: args.runs,
        first_seed: args.seed.unwrap_or(scenario.seed.value),
        sets: grid.axes.iter().map(Axis::written).collect(),
        points: grid.points(),
        shard,
    };
    // Resolving the settings takes the loaded case; a run that stops is
    // still shown in its source.
    let sources = loaded.sources.clone();
    let overrides = sweep::settings::resolve(loaded, &grid).map_err(|problems| {
        print_setting_problems(&problems);
        EXIT_USAGE
    })?;
    let points = shard.points(grid.points());
    let options = SweepOptions { runs: args.runs, first_seed: args.seed, variant: args.variant };
    let summaries = run_points(&scenario, &grid, &overrides, &points, &options, args.threads)?
        .map_err(|error| super::run::run_failed(&error, &sources, args.case.error_format))?;
    let table = report::sweep::table(metadata, &scenario, &grid, &points, &summaries);
    write_table_and_plot(&table, args.out.as_deref(), plot.as_ref().zip(args.plot.as_deref()))
}

/// Loads and checks the case, printing its diagnostics, and checks that the variant exists.
fn load_case(file: &Path, options: &super::CaseOptions, variant: Option<&str>) -> Result<(Loaded, Scenario), u8> {
    let loaded = load::load(file, options.load_options()).map_err(|error| {
        say!("error: cannot read `{}`: {error}", file.display());
        EXIT_USAGE
    })?;
    let checked = check::check(&loaded);
    super::run::print_problems(&checked.diagnostics, &loaded.sources, options.error_format);
    let Some(scenario) = checked.scenario else {
        say!("{}: not run, it has errors", file.display());
        return Err(EXIT_FAILED);
    };
    if let Err(unknown) = engine::variant(&scenario, variant) {
        return Err(usage(&unknown.to_string(), None));
    }
    Ok((loaded, scenario))
}

/// Runs the points on `threads` threads (all cores by default), with a progress bar on a terminal.
fn run_points(
    scenario: &Scenario,
    grid: &Grid,
    overrides: &Overrides,
    points: &[usize],
    options: &SweepOptions,
    threads: Option<u16>,
) -> Result<Result<Vec<Summary>, RunError>, u8> {
    let bar = progress_bar(points.len(), options.runs);
    let progress = |done: u64| bar.inc(done);
    let result =
        super::ensemble::in_threads(threads, || sweep::run(scenario, grid, overrides, points, options, &progress))?;
    bar.finish_and_clear();
    Ok(result)
}

/// Writes the table (to a file, or standard output) and the plot: to
/// files, both whole or neither; a table on standard output is printed once
/// the plot is in place.
pub(super) fn write_table_and_plot(
    table: &sweep::table::Table,
    out: Option<&Path>,
    plot: Option<(&report::plot::Plot, &Path)>,
) -> Result<(), u8> {
    let text = table.render();
    let picture = plot.map(|(plot, path)| (path, plot.render(table)));
    let mut files: Vec<(&Path, &[u8])> = Vec::new();
    if let Some(path) = out {
        files.push((path, text.as_bytes()));
    }
    if let Some((path, svg)) = &picture {
        files.push((path, svg.as_bytes()));
    }
    write_together(&files).map_err(|(path, error)| cannot_write(path, &error))?;
    if out.is_none() {
        match print(text.as_bytes()) {
            EXIT_OK => {}
            code => return Err(code),
        }
    }
    Ok(())
}

fn cannot_write(path: &Path, error: &io::Error) -> u8 {
    say!("error: cannot write `{}`: {error}", path.display());
    EXIT_USAGE
}

/// Prints a usage error, with a help line when there is one; the exit status.
pub(super) fn usage(message: &str, help: Option<&str>) -> u8 {
    say!("error: {message}");
    if let Some(help) = help {
        say!("  help: {help}");
    }
    EXIT_USAGE
}

/// Each `--set` the checker refused, with its code and help.
fn print_setting_problems(problems: &[SettingProblem]) {
    let mut err = io::stderr().lock();
    for problem in problems {
        let _ = writeln!(err, "error[{}]: --set `{}`: {}", problem.code.id(), problem.set, problem.message);
        let _ = writeln!(err, "  help: {}", problem.help);
    }
}

/// A bar on standard error when it is a terminal; otherwise nothing is drawn.
fn progress_bar(points: usize, runs: u64) -> indicatif::ProgressBar {
    if !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(points as u64 * runs);
    let template = format!(
        "{{bar:40}} {{human_pos}}/{{human_len}} runs over {points} point{}, {{rate}} runs/s, {{eta}} left",
        if points == 1 { "" } else { "s" }
    );
    let style = indicatif::ProgressStyle::with_template(&template).expect("a valid template").with_key(
        "rate",
        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}", state.per_sec());
        },
    );
    bar.set_style(style);
    bar
}
