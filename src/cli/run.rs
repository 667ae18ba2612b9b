//! `covenant run FILE`: check the case, run it, and write the outcome log as text, JSON or CSV.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use covenant::check;
use covenant::diagnostic::Diagnostics;
use covenant::engine::{RunError, RunOptions, Running};
use covenant::load;
use covenant::report;
use covenant::report::csv::{CsvLog, Table};
use covenant::report::diagnostics as render;
use covenant::report::json::JsonLog;
use covenant::report::log::{count_events, LogWriter, Opening, Year};
use covenant::report::text::TextLog;
use covenant::scenario::Scenario;
use covenant::source::Sources;

use super::destination::{check_outputs, write_streamed, Inputs};
use super::output::{print_diagnostics, print_streamed, ErrorFormat};
use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};

/// Arguments of `covenant run`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant run examples/classroom.cov
  covenant run examples/concert_of_europe_1815.cov --seed 7 --variant automatic
  covenant run examples/classroom.cov --format json --out log.jsonl
  covenant run examples/classroom.cov --format csv --out panel.csv
  covenant run examples/concert_of_europe_1815.cov --format csv --table wars
  covenant run examples/concert_of_europe_1815.cov --runs 1000

Exit status: 0 the log (or the ensemble's findings) was written; 1 the case has errors, or a run divided by zero (R001);
2 bad usage, an unknown variant, a file that cannot be read or an output that cannot
be written; 130 interrupted.
Reference: docs/output.md")]
pub struct Args {
    /// The case file to run.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The seed of the run; the case's own seed by default.
    #[arg(long)]
    seed: Option<u64>,
    /// A variant of the case to run instead of the base case.
    #[arg(long)]
    variant: Option<String>,
    /// What to write: the log as text, the log as JSON Lines, or one of the run's tables as CSV.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Which table `--format csv` writes (docs/output.md lists each one's columns); `powers` by default.
    #[arg(long, value_enum, value_name = "TABLE")]
    table: Option<TableName>,
    /// Write to this file (whole or not at all) instead of standard output.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Walk through the run one year at a time, with the numbers behind each decision: Enter for the next
    /// year, b for the one before, a year to jump to it, q to stop (needs a terminal).
    #[arg(long, conflicts_with_all = ["format", "out", "runs"])]
    step: bool,
    /// Run an ensemble of N runs, with seeds S, S+1, …, and report frequencies instead of a log.
    #[arg(long, value_name = "N", value_parser = super::ensemble::run_count)]
    runs: Option<u64>,
    /// How many threads run the ensemble; all cores by default. The result is the same for any number.
    #[arg(long, value_name = "T", requires = "runs", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// List every model parameter in the header, not only those the case changes (JSON always has them all).
    #[arg(long)]
    verbose: bool,
    /// Colour the text log: `auto` on a terminal unless `NO_COLOR` is set; a file (`--out`) is never coloured.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    color: Colour,
    /// Wrap the text log's events within COLS columns; by default the terminal's width on a terminal, unwrapped elsewhere.
    #[arg(long, value_name = "COLS", value_parser = clap::value_parser!(u16).range(40..))]
    width: Option<u16>,
    #[command(flatten)]
    case: super::CaseOptions,
}

/// When the text log is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Colour {
    Auto,
    Always,
    Never,
}

impl Colour {
    /// Whether a log written to standard output (never to a file) is coloured.
    fn applies(self, to_file: bool) -> bool {
        match self {
            _ if to_file => false,
            Colour::Always => true,
            Colour::Never => false,
            Colour::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// The columns the text log is wrapped within: those asked for, else the
/// terminal's when the log goes to one (never to a file), else none.
fn columns(asked: Option<u16>, to_file: bool) -> Option<usize> {
    match asked {
        Some(columns) => Some(usize::from(columns)),
        None if to_file || !io::stdout().is_terminal() => None,
        None => terminal_size::terminal_size().map(|(terminal_size::Width(w), _)| usize::from(w)),
    }
}

/// The formats of `run`'s output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    /// Grouped by year, readable aloud, with a closing summary.
    Text,
    /// A header line, then one JSON object per event (see `docs/log.schema.json`).
    Json,
    /// One of the run's tables (`--table`): by default one row per power per year.
    Csv,
}

/// The tables of `run --format csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableName {
    /// One row per power per year, from the year it exists.
    Powers,
    /// One row per norm per year.
    Norms,
    /// One row per commitment per year, from the year it forms.
    Commitments,
    /// One row per war: its years, sides, winner and events.
    Wars,
    /// One row per event: its year, kind, names, causes and text.
    Events,
}

impl From<TableName> for Table {
    fn from(name: TableName) -> Table {
        match name {
            TableName::Powers => Table::Powers,
            TableName::Norms => Table::Norms,
            TableName::Commitments => Table::Commitments,
            TableName::Wars => Table::Wars,
            TableName::Events => Table::Events,
        }
    }
}

pub fn run(args: Args) -> u8 {
    if args.step && !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        say!("error: --step needs a terminal; run without --step to print the whole log");
        return EXIT_USAGE;
    }
    if args.runs.is_some() && (args.format == Format::Csv || args.table.is_some()) {
        say!(
            "error: the CSV tables are one run's; an ensemble has none\n  \
             help: drop --runs for one run's table, or use --format text or json with --runs"
        );
        return EXIT_USAGE;
    }
    if args.table.is_some() && args.format != Format::Csv {
        say!("error: --table picks one of the CSV tables\n  help: add --format csv");
        return EXIT_USAGE;
    }
    let case = match Case::prepare(&args.file, &args.case) {
        Ok(case) => case,
        Err(code) => return code,
    };
    if let Err(code) = check_outputs(&[("--out", args.out.as_deref())], &case.inputs, case.error_format) {
        return code;
    }
    if let Some(runs) = args.runs {
        let bytes =
            match super::ensemble::run(&case, runs, args.seed, args.variant, args.threads, args.format, args.verbose) {
                Ok(bytes) => bytes,
                Err(code) => return code,
            };
        return write_out(args.out.as_deref(), |out| out.write_all(&bytes));
    }
    let options = RunOptions { seed: args.seed, variant: args.variant };
    // The run is counted to its end before anything is written (the text
    // log pads event numbers to the last one's width), so a run that cannot
    // start or stops early is reported with nothing half-written.
    let events = match count_events(&case.scenario, &options) {
        Ok(events) => events,
        Err(error) => return case.failed(&error),
    };
    if args.step {
        return step(&case, &options, events, columns(args.width, false));
    }
    let scenario = &case.scenario;
    let mut writer: Box<dyn LogWriter> = match args.format {
        Format::Text => {
            let mut log = TextLog::new(scenario, &case.sources);
            if args.verbose {
                log = log.verbose();
            }
            if args.color.applies(args.out.is_some()) {
                log = log.coloured();
            }
            if let Some(columns) = columns(args.width, args.out.is_some()) {
                log = log.within(columns);
            }
            Box::new(log)
        }
        Format::Json => Box::new(JsonLog { scenario, sources: &case.sources }),
        Format::Csv => Box::new(CsvLog::new(scenario, &case.sources, args.table.map_or(Table::Powers, Table::from))),
    };
    // The log is written as the run makes it, a year at a time; the count
    // ran this very run to its end, so it cannot fail now.
    let write = |out: &mut dyn Write| {
        report::log::write_streaming(scenario, &options, events, writer.as_mut(), out)
            .expect("the counted run ran to its end")
    };
    write_out(args.out.as_deref(), write)
}

/// Writes what `write` writes to the file `out`, whole or not at all, or
/// to standard output.
fn write_out(out: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> u8 {
    match out {
        Some(path) => match write_streamed(path, write) {
            Ok(()) => EXIT_OK,
            Err(error) => {
                say!("error: cannot write `{}`: {error}", path.display());
                EXIT_USAGE
            }
        },
        None => print_streamed(write),
    }
}

/// A checked case ready to run, with the text of its files.
pub(super) struct Case {
    pub scenario: Scenario,
    pub sources: Sources,
    /// Every file it read, which no output may replace.
    pub inputs: Inputs,
    /// How its diagnostics are written, a run's error among them.
    pub error_format: ErrorFormat,
}

impl Case {
    /// Loads and checks a case, printing its diagnostics; the exit status if it cannot run.
    pub fn prepare(file: &Path, options: &super::CaseOptions) -> Result<Case, u8> {
        let error_format = options.error_format;
        let options = options.load_options();
        let loaded = match load::load(file, options) {
            Ok(loaded) => loaded,
            Err(error) => {
                say!("error: cannot read `{}`: {error}", file.display());
                return Err(EXIT_USAGE);
            }
        };
        let checked = check::check(&loaded);
        print_problems(&checked.diagnostics, &loaded.sources, error_format);
        match checked.scenario {
            Some(scenario) => {
                let inputs = Inputs::of_case(&loaded);
                Ok(Case { scenario, sources: loaded.sources, inputs, error_format })
            }
            None => {
                say!("{}: not run, it has errors", file.display());
                Err(EXIT_FAILED)
            }
        }
    }

    /// Reports why a run of the case could not start or stopped, as [`run_failed`].
    pub fn failed(&self, error: &RunError) -> u8 {
        run_failed(error, &self.sources, self.error_format)
    }
}

/// Reports why a run could not start or stopped, and gives the exit
/// status: a division by zero is a diagnostic at its place in the source
/// (exit 1, as a case with errors); an unknown variant is a usage error
/// (exit 2).
pub(super) fn run_failed(error: &RunError, sources: &Sources, format: ErrorFormat) -> u8 {
    match error.diagnostic() {
        Some(diagnostic) => {
            print_problems(&Diagnostics(vec![diagnostic]), sources, format);
            EXIT_FAILED
        }
        None => {
            say!("error: {error}");
            EXIT_USAGE
        }
    }
}

/// Prints a case's diagnostics. Standard output carries the run's (or the
/// sweep's) own output, so JSON diagnostics go to standard error here, unlike `check`.
pub(super) fn print_problems(diagnostics: &Diagnostics, sources: &Sources, format: ErrorFormat) {
    if format != ErrorFormat::Json {
        print_diagnostics(diagnostics, sources, format);
        return;
    }
    let mut err = io::stderr().lock();
    for diagnostic in diagnostics.iter() {
        let _ = writeln!(err, "{}", render::json(diagnostic, sources));
    }
}

/// Classroom mode on the terminal.
fn step(case: &Case, options: &RunOptions, events: usize, columns: Option<usize>) -> u8 {
    let (stdin, stdout) = (&mut io::stdin().lock(), &mut io::stdout().lock());
    step_through(&case.scenario, &case.sources, options, events, columns, stdin, stdout)
}

/// What the class asks for at the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ask {
    Next,
    Back,
    Year(i32),
    Stop,
}

impl Ask {
    fn read(line: &str) -> Option<Ask> {
        match line.trim() {
            "" => Some(Ask::Next),
            b if b.eq_ignore_ascii_case("b") => Some(Ask::Back),
            q if q.eq_ignore_ascii_case("q") => Some(Ask::Stop),
            year => year.parse().ok().map(Ask::Year),
        }
    }
}

/// Classroom mode: the header, then one year with events at a time with
/// the reasons for each decision. Enter shows the next year, `b` the one
/// before, a year number that year (or the nearest with events), `q` stops;
/// the summary of the whole run closes it either way. Each year is worked
/// out once, as the run reaches it, and shown again as it was.
fn step_through(
    scenario: &Scenario,
    sources: &Sources,
    options: &RunOptions,
    events: usize,
    columns: Option<usize>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> u8 {
    let mut log = TextLog::explained(scenario, sources);
    if let Some(columns) = columns {
        log = log.within(columns);
    }
    let Ok(mut running) = Running::streaming(scenario, options) else { return EXIT_USAGE };
    let _ = log.open(out, &Opening::of(&running, events));
    let mut shown: Vec<(i32, Vec<u8>)> = Vec::new();
    let (first, last) = (scenario.period.start, scenario.period.end);
    if advance(&mut running, &mut log, &mut shown) {
        let (mut at, mut reprint) = (0, true);
        loop {
            if std::mem::take(&mut reprint) {
                let _ = out.write_all(&shown[at].1);
            }
            let _ = write!(out, "\n[Enter: next year, b: back, a year: jump, q: stop] ");
            let _ = out.flush();
            let mut line = String::new();
            let ask = match input.read_line(&mut line) {
                Ok(0) | Err(_) => Ask::Stop,
                Ok(_) => match Ask::read(&line) {
                    Some(ask) => ask,
                    None => {
                        let _ = writeln!(out, "  Enter, b, q, or a year from {first} to {last}");
                        continue;
                    }
                },
            };
            // A year is shown when the screen moves to it; a word of help is not.
            reprint = match ask {
                Ask::Stop => break,
                Ask::Next if at + 1 < shown.len() || advance(&mut running, &mut log, &mut shown) => {
                    at += 1;
                    true
                }
                Ask::Next => break,
                Ask::Back if at == 0 => {
                    let _ = writeln!(out, "  {} is the first year with events", shown[0].0);
                    false
                }
                Ask::Back => {
                    at -= 1;
                    true
                }
                Ask::Year(year) if !(first..=last).contains(&year) => {
                    let _ = writeln!(out, "  the run covers {first} to {last}");
                    false
                }
                Ask::Year(year) => {
                    while shown.last().is_some_and(|(y, _)| *y < year) && advance(&mut running, &mut log, &mut shown) {}
                    // That year, or the first after it with events, or the last there is.
                    at = shown.iter().position(|(y, _)| *y >= year).unwrap_or(shown.len() - 1);
                    true
                }
            };
        }
    }
    // The summary is the whole run's: the years not shown are worked out first.
    while advance(&mut running, &mut log, &mut shown) {}
    let _ = log.close(out);
    let _ = out.flush();
    EXIT_OK
}

/// Works out the run up to its next year with events and keeps that year's
/// text; false at the end of the run.
fn advance(running: &mut Running, log: &mut TextLog, shown: &mut Vec<(i32, Vec<u8>)>) -> bool {
    while let Ok(Some(year)) = running.next_year() {
        let mut text = Vec::new();
        let _ = log.year(&mut text, &Year::of(running, year));
        if !text.is_empty() {
            shown.push((year, text));
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classroom case's step mode fed `keys`, as the class would type them.
    fn stepped(keys: &str) -> String {
        stepped_within(keys, None)
    }

    /// As [`stepped`], on a terminal `columns` wide.
    fn stepped_within(keys: &str, columns: Option<usize>) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/classroom.cov");
        let loaded = load::load(&path, load::LoadOptions::default()).expect("the example");
        let scenario = check::check(&loaded).scenario.expect("it checks");
        let mut out = Vec::new();
        let (options, keys) = (RunOptions::default(), &mut keys.as_bytes());
        let code = step_through(&scenario, &loaded.sources, &options, 0, columns, keys, &mut out);
        assert_eq!(code, EXIT_OK);
        String::from_utf8(out).expect("UTF-8")
    }

    /// On a terminal 60 columns wide every line of the screen fits, the
    /// words of each event carried on under the column where they begin,
    /// and nothing is lost: the words are those of the unwrapped screen.
    #[test]
    fn step_mode_keeps_within_the_terminal() {
        let (keys, columns) = ("\n\n\n\nq\n", 60);
        let (wrapped, unwrapped) = (stepped_within(keys, Some(columns)), stepped(keys));
        let width = |line: &str| line.chars().count();
        let long: Vec<&str> = wrapped.lines().filter(|l| width(l) > columns).collect();
        assert!(long.is_empty(), "lines wider than {columns}: {long:#?}");
        assert!(unwrapped.lines().any(|l| width(l) > columns), "the case has lines to wrap");
        let words = |text: &str| text.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&wrapped), words(&unwrapped));
        // A wrapped event goes on under its first word, past the number and the kind.
        let event = wrapped.lines().position(|l| l.starts_with("  #") && l.len() > 50).expect("a long event");
        let next = wrapped.lines().nth(event + 1).expect("its next line");
        let first = wrapped.lines().nth(event).expect("the event");
        // `  #10  war_end       Ruritania …`: the words begin after the kind's column.
        let column = 2 + first[2..].find("  ").expect("after the number") + 2 + 12 + 2;
        assert!(next.starts_with(&" ".repeat(column)) || next.starts_with("    why: "), "{next:?}");
    }

    /// Which year headings the screen showed, in order.
    fn years(text: &str) -> Vec<&str> {
        text.lines().filter(|l| l.len() == 4 && l.chars().all(|c| c.is_ascii_digit())).collect()
    }

    #[test]
    fn step_mode_goes_forward_back_and_to_a_year_and_ends_with_the_summary() {
        // Enter, back, back again (at the first year), a jump, then q.
        let text = stepped("\nb\nb\n1906\nq\n");
        assert_eq!(years(&text), ["1902", "1906", "1902", "1906"], "{text}");
        assert!(text.contains("1902 is the first year with events"), "{text}");
        assert!(text.contains("    why: "), "each decision says why: {text}");
        assert!(text.contains("Summary\n  wars: 2"), "the whole run's summary after q: {text}");
        // A year shown again is the same text, not worked out twice.
        assert_eq!(text.matches("Summary").count(), 1);
    }

    #[test]
    fn step_mode_refuses_what_it_cannot_read_and_years_outside_the_run() {
        let text = stepped("x\n1850\nq\n");
        assert!(text.contains("Enter, b, q, or a year from 1900 to 1910"), "{text}");
        assert!(text.contains("the run covers 1900 to 1910"), "{text}");
        assert_eq!(years(&text), ["1902"], "{text}");
    }

    #[test]
    fn step_mode_ends_at_the_last_year_or_the_end_of_input() {
        let text = stepped("\n\n\n\n");
        assert_eq!(years(&text), ["1902", "1906"], "{text}");
        assert!(text.contains("Summary"), "{text}");
        assert!(stepped("").contains("Summary"));
    }

    #[test]
    fn the_prompt_reads_enter_b_q_and_years() {
        assert_eq!(Ask::read("\n"), Some(Ask::Next));
        assert_eq!(Ask::read(" B \n"), Some(Ask::Back));
        assert_eq!(Ask::read("Q"), Some(Ask::Stop));
        assert_eq!(Ask::read("1848\n"), Some(Ask::Year(1848)));
        assert_eq!(Ask::read("next"), None);
    }
}
