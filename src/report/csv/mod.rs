//! A run's tables as CSV, for R, Stata or pandas: the powers', norms' and commitments' yearly panels, the wars and the events.
//!
//! Every table opens with `# key: value` lines naming the run (as a sweep's
//! table does), then a header row; the columns are documented in
//! `docs/output.md`. No line but those holds a `#` outside quotes, so a
//! reader told that `#` starts a comment reads the rest as the table.

mod state;
mod wars;

use std::io;

use super::log::{write_run, LogWriter, Opening, Provenance, Year};
use crate::engine::Run;
use crate::scenario::Scenario;
use crate::source::Sources;

/// The tables a run can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per power per year, from the year it first has a capability or takes part in an event.
    Powers,
    /// One row per norm per year.
    Norms,
    /// One row per commitment per year, from the year it is first alive.
    Commitments,
    /// One row per war, as it ends (those still going on at the period's end last).
    Wars,
    /// One row per event.
    Events,
}

impl Table {
    /// Every table, in the order the documentation lists them.
    pub const ALL: [Table; 5] = [Table::Powers, Table::Norms, Table::Commitments, Table::Wars, Table::Events];

    /// The table's name, as `--table` takes it and its metadata line says it.
    pub fn name(self) -> &'static str {
        match self {
            Table::Powers => "powers",
            Table::Norms => "norms",
            Table::Commitments => "commitments",
            Table::Wars => "wars",
            Table::Events => "events",
        }
    }

    /// The header row's columns, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Powers => &state::POWERS,
            Table::Norms => &state::NORMS,
            Table::Commitments => &state::COMMITMENTS,
            Table::Wars => &wars::WARS,
            Table::Events => &wars::EVENTS,
        }
    }
}

/// Renders one table of a whole run of the case loaded as `sources`.
pub fn render(scenario: &Scenario, run: &Run, sources: &Sources, table: Table) -> Vec<u8> {
    let mut out = Vec::new();
    write_run(scenario, run, &mut CsvLog::new(scenario, sources, table), &mut out)
        .expect("writing to memory cannot fail");
    out
}

/// One of a run's tables, written a year at a time.
pub struct CsvLog<'s> {
    scenario: &'s Scenario,
    provenance: Provenance,
    table: Table,
    /// Which powers and commitments have come into being so far.
    state: state::Entered,
    /// The wars under way, for the wars' table.
    wars: wars::Wars,
}

impl<'s> CsvLog<'s> {
    /// The table `table` of a run of `scenario`, the case loaded as `sources`.
    pub fn new(scenario: &'s Scenario, sources: &Sources, table: Table) -> CsvLog<'s> {
        CsvLog {
            scenario,
            provenance: Provenance::of(sources),
            table,
            state: state::Entered::new(scenario),
            wars: wars::Wars::default(),
        }
    }
}

impl LogWriter for CsvLog<'_> {
    fn open(&mut self, out: &mut dyn io::Write, opening: &Opening) -> io::Result<()> {
        self.state.open(self.scenario, opening.variant);
        out.write_all(metadata(self.scenario, &self.provenance, opening, self.table).as_bytes())?;
        record(out, self.table.columns().iter().map(|c| c.to_string()))
    }

    fn year(&mut self, out: &mut dyn io::Write, year: &Year) -> io::Result<()> {
        let scenario = self.scenario;
        match self.table {
            Table::Powers => self.state.powers(scenario, year, out),
            Table::Norms => state::norms(scenario, year, out),
            Table::Commitments => self.state.commitments(scenario, year, out),
            Table::Wars => self.wars.year(scenario, year, out),
            Table::Events => wars::events(scenario, year, out),
        }
    }

    fn close(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        match self.table {
            Table::Wars => self.wars.close(self.scenario, out),
            _ => Ok(()),
        }
    }
}

/// The lines before the header row, each `# key: value`: what wrote the
/// table, from which case and run, and which table it is. Texts that could
/// hold anything (the path, the title, the variant) are JSON strings, so
/// each is one line.
pub fn metadata(scenario: &Scenario, provenance: &Provenance, opening: &Opening, table: Table) -> String {
    let quoted = |text: &str| serde_json::to_string(text).expect("a string serializes");
    let variant = opening.variant.map_or_else(|| "null".to_string(), quoted);
    let period = scenario.period;
    [
        format!("# covenant run {}", provenance.covenant),
        format!("# case: {}", quoted(&provenance.case)),
        format!("# case_hash: {}", provenance.case_hash),
        format!("# title: {}", quoted(&scenario.title.value)),
        format!("# variant: {variant}"),
        format!("# seed: {}", opening.seed),
        format!("# period: {}..{}", period.start, period.end),
        format!("# table: {}", table.name()),
    ]
    .iter()
    .map(|line| format!("{line}\n"))
    .collect()
}

/// Writes one row, ending in `\n`. A field is quoted, as the `csv` crate
/// quotes, when it holds a comma, a quote or a line break, and also when it
/// holds a `#`, so that a reader skipping `#` comments keeps it whole.
fn record(out: &mut dyn io::Write, fields: impl IntoIterator<Item = String>) -> io::Result<()> {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).comment(Some(b'#')).from_writer(out);
    writer.write_record(fields.into_iter().collect::<Vec<_>>()).map_err(io::Error::other)?;
    writer.flush()
}

/// A list of names or numbers as one field: separated by `;`, which no name holds.
fn list<T: ToString>(items: impl IntoIterator<Item = T>) -> String {
    items.into_iter().map(|item| item.to_string()).collect::<Vec<_>>().join(";")
}

/// A number with six decimals, as every CSV the project writes prints it.
pub(crate) fn decimal(value: f64) -> String {
    let text = format!("{value:.6}");
    // A negative number that rounds to zero (or a negative zero) prints as zero.
    match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => text,
    }
}

/// A number that may be missing: six decimals, or an empty field.
fn optional(value: Option<f64>) -> String {
    value.map_or(String::new(), decimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_six_decimals_and_no_negative_zero() {
        assert_eq!(decimal(0.34), "0.340000");
        assert_eq!(decimal(-0.0), "0.000000");
        assert_eq!(decimal(-0.0000001), "0.000000");
        assert_eq!(decimal(-0.5), "-0.500000");
        assert_eq!(decimal(1.0), "1.000000");
        assert_eq!(decimal(1.0 / 3.0), "0.333333");
    }

    #[test]
    fn a_field_with_a_hash_is_quoted_and_others_only_when_needed() {
        let mut out = Vec::new();
        let fields = ["plain", "a, b", "say \"no\"", "#12 follows", "x#y", ""].map(str::to_string);
        record(&mut out, fields).expect("written");
        assert_eq!(String::from_utf8(out).unwrap(), "plain,\"a, b\",\"say \"\"no\"\"\",\"#12 follows\",\"x#y\",\n");
    }
}
