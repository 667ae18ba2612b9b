//! The yearly state panel as CSV: one row per power per year, for R, Stata or pandas.
//!
//! The columns are documented in `docs/output.md`.

use std::io;

use super::log::{write_run, LogWriter, Opening, Year};
use crate::engine::Run;
use crate::scenario::Scenario;

/// The header row's columns, in order.
pub const COLUMNS: [&str; 8] = ["year", "power", "capability", "stance", "constraint", "regime", "at_war", "trust"];

/// Renders the panel: a header row, then one row per power per year, year
/// by year and in each year in declaration order. Numbers have six decimals;
/// a power without a regime has an empty `regime`.
pub fn render(scenario: &Scenario, run: &Run) -> Vec<u8> {
    let mut out = Vec::new();
    write_run(scenario, run, &mut CsvLog { scenario }, &mut out).expect("writing to memory cannot fail");
    out
}

/// The power-year panel, written a year at a time.
pub struct CsvLog<'s> {
    pub scenario: &'s Scenario,
}

impl LogWriter for CsvLog<'_> {
    fn open(&mut self, out: &mut dyn io::Write, _: &Opening) -> io::Result<()> {
        record(out, COLUMNS.map(str::to_string))
    }

    fn year(&mut self, out: &mut dyn io::Write, year: &Year) -> io::Result<()> {
        for row in year.panel {
            record(
                &mut *out,
                [
                    row.year.to_string(),
                    self.scenario.powers[row.power.0].name.clone(),
                    decimal(row.capability),
                    decimal(row.stance),
                    decimal(row.constraint),
                    row.regime.map_or(String::new(), |r| self.scenario.regimes[r.0].clone()),
                    row.at_war.to_string(),
                    decimal(row.trust),
                ],
            )?;
        }
        Ok(())
    }

    fn close(&mut self, _: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }
}

/// Writes one row, quoted as the `csv` crate quotes, ending in `\n`.
fn record(out: &mut dyn io::Write, fields: impl IntoIterator<Item = String>) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    writer.write_record(fields.into_iter().collect::<Vec<_>>()).map_err(io::Error::other)?;
    writer.flush()
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
}
