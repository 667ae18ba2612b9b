//! A sweep's findings as table rows: the swept values, then each outcome with its interval, in fixed columns.
//!
//! Every outcome is a column named after it holding the central value,
//! with its spread beside it: `NAME_low`/`NAME_high` (a 95% interval) and
//! `NAME_count` (a frequency's count) or `NAME_total` (a mean's sum over
//! the runs); or `NAME_q1`/`NAME_q3` (quartiles). Reals have six decimals;
//! a value that does not exist (the year of a war that never came) is an
//! empty field.

use crate::ensemble::{Frequency, Mean, Summary, MEASURES};
use crate::scenario::Scenario;
use crate::sweep::table::{Metadata, Table};
use crate::sweep::Grid;

/// The column names of a sweep of `scenario` over `grid`, in order.
pub fn columns(scenario: &Scenario, grid: &Grid) -> Vec<String> {
    let mut columns = vec!["point".to_string()];
    columns.extend(grid.axes.iter().map(|a| a.path.clone()));
    columns.push("runs".to_string());
    let frequency =
        |name: &str| [name.to_string(), format!("{name}_low"), format!("{name}_high"), format!("{name}_count")];
    let quartiles = |name: &str| [name.to_string(), format!("{name}_q1"), format!("{name}_q3")];
    let mean = |name: &str| [name.to_string(), format!("{name}_low"), format!("{name}_high"), format!("{name}_total")];
    columns.extend(frequency("great_power_war"));
    columns.extend(quartiles("first_great_power_war"));
    columns.extend(frequency("runs_with_defection"));
    columns.extend(frequency("consultations_deciding_to_act"));
    columns.extend(frequency("obligations_defected"));
    for measure in &MEASURES {
        columns.extend(mean(measure.key));
    }
    for commitment in &scenario.commitments {
        columns.extend(frequency(&format!("{}.survived", commitment.name)));
        columns.extend(quartiles(&format!("{}.dissolved", commitment.name)));
    }
    for norm in &scenario.norms {
        let name = format!("{}.strength", norm.name);
        columns.extend([name.clone(), format!("{name}_q1"), format!("{name}_median"), format!("{name}_q3")]);
    }
    columns
}

/// One point's row, in the order of [`columns`].
pub fn row(grid: &Grid, point: usize, summary: &Summary) -> Vec<String> {
    let mut row = vec![point.to_string()];
    row.extend(grid.values(point).into_iter().map(str::to_string));
    row.push(summary.runs.to_string());
    frequency(&mut row, &summary.great_power_war);
    years(&mut row, summary.first_great_power_war);
    frequency(&mut row, &summary.runs_with_defection);
    frequency(&mut row, &summary.consultations_acting);
    frequency(&mut row, &summary.obligations_defected);
    for m in &summary.means {
        mean(&mut row, m);
    }
    for commitment in &summary.commitments {
        frequency(&mut row, &commitment.survived);
        years(&mut row, commitment.dissolution);
    }
    for norm in &summary.norms {
        let [q1, median, q3] = norm.quartiles;
        row.extend([real(norm.mean), real(q1), real(median), real(q3)]);
    }
    row
}

/// The table of a sweep: its points' rows in the order given.
pub fn table(metadata: Metadata, scenario: &Scenario, grid: &Grid, points: &[usize], summaries: &[Summary]) -> Table {
    let rows = points.iter().zip(summaries).map(|(&point, summary)| row(grid, point, summary)).collect();
    Table { metadata, columns: columns(scenario, grid), rows }
}

fn frequency(row: &mut Vec<String>, f: &Frequency) {
    row.extend([real(f.share), real(f.interval.0), real(f.interval.1), f.count.to_string()]);
}

fn mean(row: &mut Vec<String>, m: &Mean) {
    let (low, high) = m.interval.map_or((String::new(), String::new()), |(l, h)| (real(l), real(h)));
    row.extend([real(m.mean), low, high, m.total.to_string()]);
}

fn years(row: &mut Vec<String>, quartiles: Option<[i32; 3]>) {
    match quartiles {
        Some([q1, median, q3]) => row.extend([median.to_string(), q1.to_string(), q3.to_string()]),
        None => row.extend([String::new(), String::new(), String::new()]),
    }
}

/// A real with six decimals as the power-year CSV prints it (never
/// `-0.000000`), and empty for a NaN.
fn real(value: f64) -> String {
    if value.is_nan() {
        return String::new();
    }
    super::csv::decimal(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reals_have_six_decimals_and_no_negative_zero() {
        assert_eq!(real(0.1), "0.100000");
        assert_eq!(real(1.0 / 3.0), "0.333333");
        assert_eq!(real(-0.0), "0.000000");
        assert_eq!(real(-0.0000001), "0.000000");
        assert_eq!(real(-0.5), "-0.500000");
        assert_eq!(real(f64::NAN), "");
    }
}
