//! Writing a run's log a year at a time, from a finished run or from one still running, so that no log is held whole in memory.
//!
//! Each format (text, JSON Lines, CSV) is a [`LogWriter`]: it opens the
//! log, writes each year as the run ends it, and closes the log. `run`
//! drives one from a streaming run ([`Running::streaming`]), which lets
//! each year go once it is written; the reports that read a finished
//! [`Run`] drive the same writer through [`write_run`], so both give the
//! same bytes.

use std::io::{self, Write};

use crate::engine::{Run, RunError, RunOptions, Running};
use crate::log::{Event, Kinds, PanelRow, SystemRow};
use crate::scenario::{PowerId, Scenario};
use crate::source::{FileId, Sources};

/// What identifies the case a log came from, which every format's header
/// carries beside the seed and variant so that the log can be reproduced:
/// the tool's version, the root file's path as given, and the case's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The version of covenant that wrote the log.
    pub covenant: &'static str,
    /// The root case file's path as given on the command line.
    pub case: String,
    /// The hash of the case's text with its includes, [`super::json::case_hash`].
    pub case_hash: String,
}

impl Provenance {
    /// The provenance of a case loaded as `sources`.
    pub fn of(sources: &Sources) -> Provenance {
        Provenance {
            covenant: env!("CARGO_PKG_VERSION"),
            case: sources.file(FileId(0)).path.display().to_string(),
            case_hash: super::json::case_hash(sources),
        }
    }
}

/// What a log's opening says of its run.
#[derive(Debug, Clone, Copy)]
pub struct Opening<'r> {
    pub seed: u64,
    pub variant: Option<&'r str>,
    /// Every model parameter's value at the start, as [`Run::parameters`].
    pub parameters: &'r [f64],
    /// How many events the whole run records (the text log pads to its width).
    pub events: usize,
}

/// One year of a run as it ends.
#[derive(Debug, Clone, Copy)]
pub struct Year<'r> {
    pub year: i32,
    pub events: &'r [Event],
    /// Each power's state at the end of the year (none in a trace without a panel).
    pub panel: &'r [PanelRow],
    /// The norms and commitments at the end of the year.
    pub system: Option<&'r SystemRow>,
    /// The changes of great-power status up to the end of this year.
    pub great_changes: &'r [(i32, PowerId, bool)],
}

/// A format of the outcome log, written a year at a time.
pub trait LogWriter {
    fn open(&mut self, out: &mut dyn Write, opening: &Opening) -> io::Result<()>;
    fn year(&mut self, out: &mut dyn Write, year: &Year) -> io::Result<()>;
    fn close(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes a finished run through `writer`, year by year.
pub fn write_run(scenario: &Scenario, run: &Run, writer: &mut dyn LogWriter, out: &mut dyn Write) -> io::Result<()> {
    let opening = Opening {
        seed: run.seed,
        variant: run.variant.as_deref(),
        parameters: &run.parameters,
        events: run.events.len(),
    };
    writer.open(out, &opening)?;
    let (mut events, mut panel, mut system) = (&run.events[..], &run.panel[..], &run.system[..]);
    for year in scenario.period.start..=scenario.period.end {
        let (this_year, rest) = events.split_at(events.partition_point(|e| e.year <= year));
        events = rest;
        let (rows, rest) = panel.split_at(panel.partition_point(|r| r.year <= year));
        panel = rest;
        let state = system.first().filter(|s| s.year == year);
        if state.is_some() {
            system = &system[1..];
        }
        let changes = &run.great_changes[..run.great_changes.partition_point(|c| c.0 <= year)];
        writer.year(out, &Year { year, events: this_year, panel: rows, system: state, great_changes: changes })?;
    }
    writer.close(out)
}

impl<'r> Opening<'r> {
    /// The opening of a run about to start, which records `events` in all.
    pub fn of(running: &'r Running, events: usize) -> Opening<'r> {
        Opening {
            seed: running.seed(),
            variant: running.variant().map(|v| v.name.as_str()),
            parameters: running.parameters(),
            events,
        }
    }
}

impl<'r> Year<'r> {
    /// The year a streaming run last ran.
    pub fn of(running: &'r Running, year: i32) -> Year<'r> {
        Year {
            year,
            events: running.year_events(),
            panel: running.panel(),
            system: running.system().last(),
            great_changes: running.great_changes(),
        }
    }
}

/// How many events a run of `scenario` records, counted without its log:
/// a run makes the same events in every trace.
pub fn count_events(scenario: &Scenario, options: &RunOptions) -> Result<usize, RunError> {
    let mut counting = Running::counting(scenario, options, Kinds::NONE)?;
    while counting.next_year()?.is_some() {}
    Ok(counting.recorded())
}

/// Runs `scenario` and writes its log through `writer` as each year ends,
/// keeping only the year under way. The text log pads event numbers to the
/// width of the last, so the run is first counted: `events` is what
/// [`count_events`] gave. That count runs the case to its end, so a run
/// that stops (a division by zero) is known to before anything is written.
pub fn write_streaming(
    scenario: &Scenario,
    options: &RunOptions,
    events: usize,
    writer: &mut dyn LogWriter,
    out: &mut dyn Write,
) -> Result<io::Result<()>, RunError> {
    let mut running = Running::streaming(scenario, options)?;
    if let Err(error) = writer.open(out, &Opening::of(&running, events)) {
        return Ok(Err(error));
    }
    while let Some(year) = running.next_year()? {
        if let Err(error) = writer.year(out, &Year::of(&running, year)) {
            return Ok(Err(error));
        }
    }
    Ok(writer.close(out))
}
