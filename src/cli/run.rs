//! `covenant run FILE`: check the case, run it, and write the outcome log as text, JSON or CSV.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use covenant::engine::{RunOptions, Running};
use covenant::report;
use covenant::report::csv::{CsvLog, Table};
use covenant::report::json::JsonLog;
use covenant::report::log::{count_events, LogWriter, Opening, Year};
use covenant::report::text::TextLog;
use covenant::scenario::Scenario;
use covenant::source::Sources;

use super::case::Case;
use super::error::{CliError, Exit};
use super::options::{run_count, CaseOptions, RunChoice, Threads};
use super::write::{check_outputs, write_out};
use super::Ended;

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
#[command(mut_arg("threads", |threads| threads.requires("runs")))]
pub struct Args {
    /// The case file to run.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    choice: RunChoice,
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
    #[arg(long, value_name = "N", value_parser = run_count)]
    runs: Option<u64>,
    #[command(flatten)]
    threads: Threads,
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
    pub case: CaseOptions,
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

/// The lines of the terminal step mode shows a year on, if it can tell.
fn rows() -> Option<usize> {
    terminal_size::terminal_size().map(|(_, terminal_size::Height(h))| usize::from(h))
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

pub fn run(args: Args) -> Ended {
    if args.step && !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        return Err(CliError::usage("--step needs a terminal; run without --step to print the whole log"));
    }
    if args.runs.is_some() && (args.format == Format::Csv || args.table.is_some()) {
        return Err(CliError::usage("the CSV tables are one run's; an ensemble has none")
            .with_help("drop --runs for one run's table, or use --format text or json with --runs"));
    }
    if args.table.is_some() && args.format != Format::Csv {
        return Err(CliError::usage("--table picks one of the CSV tables").with_help("add --format csv"));
    }
    let case = Case::prepare(&args.file, &args.case)?;
    check_outputs(&[("--out", args.out.as_deref())], &case.inputs)?;
    let RunChoice { seed, variant } = args.choice;
    if let Some(runs) = args.runs {
        let bytes = super::ensemble::run(&case, runs, seed, variant, args.threads.threads, args.format, args.verbose)?;
        write_out(args.out.as_deref(), |out| out.write_all(&bytes))?;
        return Ok(Exit::Ok);
    }
    let options = RunOptions { seed, variant };
    // The run is counted to its end before anything is written (the text
    // log pads event numbers to the last one's width), so a run that cannot
    // start or stops early is reported with nothing half-written.
    let events = count_events(&case.scenario, &options).map_err(|error| case.failed(&error))?;
    if args.step {
        return step(&case, &options, events, columns(args.width, false), rows());
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
    write_out(args.out.as_deref(), write)?;
    Ok(Exit::Ok)
}

/// Classroom mode on the terminal.
fn step(case: &Case, options: &RunOptions, events: usize, columns: Option<usize>, rows: Option<usize>) -> Ended {
    let screen = Screen { columns, rows };
    let (stdin, stdout) = (&mut io::stdin().lock(), &mut io::stdout().lock());
    step_through(&case.scenario, &case.sources, options, events, screen, stdin, stdout)
}

/// The size of the terminal step mode writes to, where it is known.
#[derive(Debug, Clone, Copy, Default)]
struct Screen {
    columns: Option<usize>,
    rows: Option<usize>,
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

/// The lines a screen keeps for what is not the year's text: the prompt,
/// the blank line before it, and the line the class types on.
const PROMPT_LINES: usize = 3;

/// A year's text cut into screens of at most `rows` lines, as byte ranges.
/// A screen breaks before an event, never between an event and the lines
/// under it (its words carried on, its `why:`), so each decision is read
/// whole on one screen; only an event longer than a screen is cut.
fn screens(text: &[u8], rows: Option<usize>) -> Vec<std::ops::Range<usize>> {
    let Some(rows) = rows.map(|rows| rows.saturating_sub(PROMPT_LINES).max(1)) else {
        return std::iter::once(0..text.len()).collect();
    };
    let mut lines = Vec::new();
    let mut start = 0;
    for (at, byte) in text.iter().enumerate() {
        if *byte == b'\n' {
            lines.push(start..at + 1);
            start = at + 1;
        }
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    let opens_event = |line: &std::ops::Range<usize>| text[line.clone()].starts_with(b"  #");
    let mut screens: Vec<std::ops::Range<usize>> = Vec::new();
    let (mut first, mut event) = (0, 0);
    for (at, line) in lines.iter().enumerate() {
        if opens_event(line) {
            event = at;
        }
        if at - first == rows {
            // The screen is full: it ends before the event now being read,
            // unless that event began it.
            let end = if event > first { event } else { at };
            screens.push(lines[first].start..lines[end].start);
            first = end;
        }
    }
    screens.push(lines.get(first).map_or(text.len(), |line| line.start)..text.len());
    screens
}

/// Classroom mode: the header, then one year with events at a time with
/// the reasons for each decision. Enter shows the next year, `b` the one
/// before, a year number that year (or the nearest with events), `q` stops;
/// the summary of the whole run closes it either way. Each year is worked
/// out once, as the run reaches it, and shown again as it was. A year
/// longer than the screen is shown a screen at a time, Enter going on
/// through it and `b` back.
fn step_through(
    scenario: &Scenario,
    sources: &Sources,
    options: &RunOptions,
    events: usize,
    screen: Screen,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Ended {
    let mut log = TextLog::explained(scenario, sources);
    if let Some(columns) = screen.columns {
        log = log.within(columns);
    }
    // The run was counted to its end just now, so it starts.
    let mut running = Running::streaming(scenario, options).map_err(|error| CliError::usage(error.to_string()))?;
    let _ = log.open(out, &Opening::of(&running, events));
    let mut shown: Vec<Shown> = Vec::new();
    let (first, last) = (scenario.period.start, scenario.period.end);
    let mut work_out = |shown: &mut Vec<Shown>| advance(&mut running, &mut log, shown, screen.rows);
    if work_out(&mut shown) {
        // The year shown, and which of its screens.
        let (mut at, mut page, mut reprint) = (0, 0, true);
        loop {
            let year = &shown[at];
            if std::mem::take(&mut reprint) {
                let _ = out.write_all(&year.text[year.screens[page].clone()]);
            }
            let more = year.screens.len() > 1;
            if page + 1 < year.screens.len() {
                let (of, screens) = (page + 1, year.screens.len());
                let _ =
                    write!(out, "\n[Enter: more of {}, {of}/{screens}; b: back, a year: jump, q: stop] ", year.year);
            } else if more {
                let _ = write!(out, "\n[{} ends; Enter: next year, b: back, a year: jump, q: stop] ", year.year);
            } else {
                let _ = write!(out, "\n[Enter: next year, b: back, a year: jump, q: stop] ");
            }
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
                Ask::Next if page + 1 < shown[at].screens.len() => {
                    page += 1;
                    true
                }
                Ask::Next if at + 1 < shown.len() || work_out(&mut shown) => {
                    (at, page) = (at + 1, 0);
                    true
                }
                Ask::Next => break,
                Ask::Back if page > 0 => {
                    page -= 1;
                    true
                }
                Ask::Back if at == 0 => {
                    let _ = writeln!(out, "  {} is the first year with events", shown[0].year);
                    false
                }
                Ask::Back => {
                    (at, page) = (at - 1, 0);
                    true
                }
                Ask::Year(year) if !(first..=last).contains(&year) => {
                    let _ = writeln!(out, "  the run covers {first} to {last}");
                    false
                }
                Ask::Year(year) => {
                    while shown.last().is_some_and(|shown| shown.year < year) && work_out(&mut shown) {}
                    // That year, or the first after it with events, or the last there is.
                    at = shown.iter().position(|shown| shown.year >= year).unwrap_or(shown.len() - 1);
                    page = 0;
                    true
                }
            };
        }
    }
    // The summary is the whole run's: the years not shown are worked out first.
    while work_out(&mut shown) {}
    let _ = log.close(out);
    let _ = out.flush();
    Ok(Exit::Ok)
}

/// A year with events as step mode shows it: its text, and the screens it is cut into.
struct Shown {
    year: i32,
    text: Vec<u8>,
    screens: Vec<std::ops::Range<usize>>,
}

/// Works out the run up to its next year with events and keeps that year's
/// text; false at the end of the run.
fn advance(running: &mut Running, log: &mut TextLog, shown: &mut Vec<Shown>, rows: Option<usize>) -> bool {
    while let Ok(Some(year)) = running.next_year() {
        let mut text = Vec::new();
        let _ = log.year(&mut text, &Year::of(running, year));
        if !text.is_empty() {
            let screens = screens(&text, rows);
            shown.push(Shown { year, text, screens });
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use covenant::{check, load};

    use super::*;

    /// The classroom case's step mode fed `keys`, as the class would type them.
    fn stepped(keys: &str) -> String {
        stepped_within(keys, None)
    }

    /// As [`stepped`], on a terminal `columns` wide.
    fn stepped_within(keys: &str, columns: Option<usize>) -> String {
        stepped_on("examples/classroom.cov", keys, Screen { columns, rows: None })
    }

    /// The step mode of the example `case` on `screen`, fed `keys`.
    fn stepped_on(case: &str, keys: &str, screen: Screen) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(case);
        let loaded = load::load(&path, load::LoadOptions::default()).expect("the example");
        let scenario = check::check(&loaded).scenario.expect("it checks");
        let mut out = Vec::new();
        let (options, keys) = (RunOptions::default(), &mut keys.as_bytes());
        let ended = step_through(&scenario, &loaded.sources, &options, 0, screen, keys, &mut out);
        assert_eq!(ended, Ok(Exit::Ok));
        String::from_utf8(out).expect("UTF-8")
    }

    /// What was shown between one prompt and the next, the header's screen first.
    fn between_prompts(text: &str) -> Vec<&str> {
        text.split("\n[").map(|part| part.split_once("] ").map_or(part, |(_, shown)| shown)).collect()
    }

    /// On a terminal 24 lines high, the Concert case's 1820 (twenty-odd
    /// decisions with their reasons) is shown a screen at a time: no screen
    /// is taller than the terminal, none begins under an event (on its
    /// carried words or its `why:`), Enter goes on through the year and b
    /// back within it, and paging through loses nothing of the year.
    #[test]
    fn step_mode_keeps_a_year_longer_than_the_terminal_to_a_screen_at_a_time() {
        let case = "examples/concert_of_europe_1815.cov";
        let (rows, columns) = (24, Some(80));
        // 1818, then 1820 screen by screen, back one screen, on to 1821.
        let keys = "\n\n\nb\n\n\n\n\n\nq\n";
        let paged = stepped_on(case, keys, Screen { columns, rows: Some(rows) });
        let whole = stepped_on(case, "\n\n\nq\n", Screen { columns, rows: None });
        assert!(paged.contains("[Enter: more of 1820, 1/"), "{paged}");
        assert!(paged.contains("[1820 ends; Enter: next year"), "{paged}");
        let screens = between_prompts(&paged);
        // The header and the summary are not a year's screen.
        for screen in &screens[1..screens.len() - 1] {
            let lines = screen.lines().filter(|l| !l.is_empty()).count();
            assert!(lines + PROMPT_LINES <= rows, "{lines} lines on a screen:\n{screen}");
            let opening = screen.lines().find(|l| !l.trim().is_empty()).expect("a screen shows something");
            assert!(opening.starts_with("  #") || opening.chars().all(|c| c.is_ascii_digit()), "{opening:?}");
        }
        // Paged through, 1820 is the year shown whole, screen after screen
        // (the screen shown again after b left out).
        let year = |text: &str| -> String {
            let from = text.find("\n1820\n").expect("1820");
            let to = text[from..].find("\n[").expect("the prompt after it");
            text[from..from + to].to_string()
        };
        let whole_1820 = year(&whole);
        let paged_screens: Vec<&str> = screens.iter().copied().filter(|s| whole_1820.contains(s.trim())).collect();
        assert!(paged_screens.len() >= 3, "1820 takes several screens of 24 lines: {paged_screens:#?}");
        let words = |text: &str| text.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        let mut seen: Vec<&str> = Vec::new();
        for screen in paged_screens {
            if seen.last() != Some(&screen) && !seen.contains(&screen) {
                seen.push(screen);
            }
        }
        assert_eq!(words(&seen.concat()), words(&whole_1820));
    }

    #[test]
    fn a_year_is_cut_before_events_and_only_a_long_event_is_cut_inside() {
        let text = b"1820\n  #1 a\n     more\n    why: x\n  #2 b\n    why: y\n  #3 c\n";
        let cut = |rows| screens(text, Some(rows + PROMPT_LINES)).into_iter().map(|r| &text[r]).collect::<Vec<_>>();
        let as_text =
            |screens: Vec<&[u8]>| screens.iter().map(|s| String::from_utf8_lossy(s).into_owned()).collect::<Vec<_>>();
        assert_eq!(as_text(cut(5)), ["1820\n  #1 a\n     more\n    why: x\n", "  #2 b\n    why: y\n  #3 c\n"]);
        assert_eq!(as_text(cut(3)), ["1820\n", "  #1 a\n     more\n    why: x\n", "  #2 b\n    why: y\n  #3 c\n"]);
        // An event taller than the screen is cut where the screen ends.
        assert_eq!(
            as_text(cut(2)),
            ["1820\n", "  #1 a\n     more\n", "    why: x\n", "  #2 b\n    why: y\n", "  #3 c\n"]
        );
        assert_eq!(screens(text, None), std::iter::once(0..text.len()).collect::<Vec<_>>());
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
