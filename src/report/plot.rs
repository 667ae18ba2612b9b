//! A sweep's outcome drawn against its first setting as SVG: a line per value of the other settings, with interval bars.

use plotters::prelude::*;

use crate::diagnostic::did_you_mean;
use crate::sweep::table::Table;
use crate::sweep::Grid;

/// The most lines one plot draws; past that no legend can be read.
pub const MAX_SERIES: usize = 12;

/// The size of the chart in pixels, before the legend below it.
const WIDTH: u32 = 860;
const HEIGHT: u32 = 540;

/// Where the legend's rows start, under the plotting area's left edge.
const LEGEND_X: i32 = 96;

/// The outcome plotted when none is named.
pub const DEFAULT_OUTCOME: &str = "great_power_war";

/// Line colours, told apart in colour and in grey (Tableau 10, then two more).
const PALETTE: [RGBColor; MAX_SERIES] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
    RGBColor(0, 0, 0),
    RGBColor(110, 64, 170),
];

/// Why a plot cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlotError {
    /// The outcome asked for is not a column with a band; `suggestion` is the closest of the `known` outcomes.
    #[error("the table has no outcome `{outcome}` to plot")]
    UnknownOutcome { outcome: String, suggestion: Option<String>, known: Vec<String> },
    /// A value of the first setting, the x axis, is not a number.
    #[error("the plot needs numbers along `{setting}`, the first setting, not `{value}`")]
    NotNumeric { setting: String, value: String },
    /// The settings after the first would make more than [`MAX_SERIES`] lines.
    #[error("the plot would draw {lines} lines, one per value of the settings after the first; at most {MAX_SERIES}")]
    TooManyLines { lines: usize },
}

impl PlotError {
    /// What to do about it, as the line under the error.
    pub fn help(&self) -> String {
        match self {
            PlotError::UnknownOutcome { suggestion, known, .. } => {
                let close = suggestion.as_ref().map_or(String::new(), |c| format!("did you mean `{c}`? "));
                format!("{close}the outcomes are {}", known.join(", "))
            }
            PlotError::NotNumeric { .. } => {
                "put a numeric setting first; each value of the second setting becomes a line".to_string()
            }
            PlotError::TooManyLines { .. } => {
                "sweep fewer values of the later settings, or leave out --plot and plot the table yourself".to_string()
            }
        }
    }
}

/// What kind of number an outcome is, for its axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    /// A share or a strength, from 0 to 1.
    Share,
    /// A mean per run, from 0 up.
    Mean,
    /// A year.
    Year,
}

/// What the band around an outcome is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Band {
    /// A frequency's 95% Wilson interval.
    Wilson,
    /// A mean's 95% interval (normal approximation).
    MeanInterval,
    /// The lower and upper quartiles.
    Quartiles,
}

impl Band {
    fn label(self) -> &'static str {
        match self {
            Band::Wilson => "95% Wilson interval",
            Band::MeanInterval => "95% interval of the mean",
            Band::Quartiles => "quartiles",
        }
    }
}

/// A plot checked against a table's columns and grid, ready to draw.
#[derive(Debug, Clone)]
pub struct Plot {
    outcome: String,
    central: usize,
    /// The columns of the band's low and high ends, and what the band is.
    band: (usize, usize, Band),
    scale: Scale,
    /// The columns of the swept settings; the first is the x axis.
    swept: Vec<usize>,
}

/// Every outcome a table of these columns can plot: a column with a band beside it.
pub fn outcomes(columns: &[String]) -> Vec<&str> {
    let has = |name: String| columns.contains(&name);
    columns
        .iter()
        .map(String::as_str)
        .filter(|c| {
            (has(format!("{c}_low")) && has(format!("{c}_high"))) || (has(format!("{c}_q1")) && has(format!("{c}_q3")))
        })
        .collect()
}

/// Checks that `outcome` (by default the share of runs with a war among
/// the great powers) can be drawn against the grid's first setting.
pub fn prepare(columns: &[String], grid: &Grid, outcome: Option<&str>) -> Result<Plot, PlotError> {
    let outcome = outcome.unwrap_or(DEFAULT_OUTCOME);
    let known = outcomes(columns);
    if !known.contains(&outcome) {
        return Err(PlotError::UnknownOutcome {
            outcome: outcome.to_string(),
            suggestion: did_you_mean(outcome, known.iter().copied()).map(str::to_string),
            known: known.iter().map(|k| k.to_string()).collect(),
        });
    }
    let first = &grid.axes[0];
    if let Some(value) = first.values.iter().find(|v| v.parse::<f64>().is_err()) {
        return Err(PlotError::NotNumeric { setting: first.path.clone(), value: value.clone() });
    }
    let series: usize = grid.axes[1..].iter().map(|a| a.values.len()).product();
    if series > MAX_SERIES {
        return Err(PlotError::TooManyLines { lines: series });
    }
    let column = |name: &str| columns.iter().position(|c| c == name);
    let central = column(outcome).expect("a known outcome");
    let frequency = column(&format!("{outcome}_count")).is_some();
    let band = match (column(&format!("{outcome}_low")), column(&format!("{outcome}_high"))) {
        (Some(low), Some(high)) if frequency => (low, high, Band::Wilson),
        (Some(low), Some(high)) => (low, high, Band::MeanInterval),
        _ => {
            let q = |end: &str| column(&format!("{outcome}_{end}")).expect("a known outcome");
            (q("q1"), q("q3"), Band::Quartiles)
        }
    };
    let scale = match band.2 {
        _ if frequency || outcome.ends_with(".strength") => Scale::Share,
        Band::Quartiles => Scale::Year,
        _ => Scale::Mean,
    };
    let swept = grid.axes.iter().map(|a| column(&a.path).expect("a swept column")).collect();
    Ok(Plot { outcome: outcome.to_string(), central, band, scale, swept })
}

/// One point drawn: x, the outcome, and its band if the table has one.
type Mark = (f64, f64, Option<(f64, f64)>);

impl Plot {
    /// Draws the table's rows as an SVG document.
    pub fn render(&self, table: &Table) -> String {
        let number = |row: &[String], column: usize| row[column].parse::<f64>().ok();
        // Lines in the order their first row comes, which is grid order.
        let mut lines: Vec<(String, Vec<Mark>)> = Vec::new();
        for row in &table.rows {
            let key: Vec<String> =
                self.swept[1..].iter().map(|&c| format!("{} = {}", table.columns[c], row[c])).collect();
            let key = key.join(", ");
            let index = match lines.iter().position(|(k, _)| *k == key) {
                Some(index) => index,
                None => {
                    lines.push((key, Vec::new()));
                    lines.len() - 1
                }
            };
            let (Some(x), Some(y)) = (number(row, self.swept[0]), number(row, self.central)) else { continue };
            let band = number(row, self.band.0).zip(number(row, self.band.1));
            lines[index].1.push((x, y, band));
        }
        for (_, marks) in &mut lines {
            marks.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        let mut svg = String::new();
        self.draw(table, &lines, &mut svg).expect("drawing into a string does not fail");
        svg
    }

    fn draw(
        &self,
        table: &Table,
        lines: &[(String, Vec<Mark>)],
        svg: &mut String,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let marks = || lines.iter().flat_map(|(_, marks)| marks);
        let xs = padded(marks().map(|m| m.0), 0.05, 0.5);
        let ys = match self.scale {
            Scale::Share => (0.0, 1.0),
            _ => padded(
                marks().flat_map(|&(_, y, band)| [Some(y), band.map(|b| b.0), band.map(|b| b.1)]).flatten(),
                0.08,
                1.0,
            ),
        };
        let ys = if self.scale == Scale::Mean { (ys.0.max(0.0), ys.1) } else { ys };
        // The legend goes below the chart, a row per line, so that it never hides a mark.
        let legend: Vec<&str> = lines.iter().map(|(key, _)| key.as_str()).filter(|key| !key.is_empty()).collect();
        let legend_height = if legend.is_empty() { 0 } else { 12 + 20 * legend.len() as u32 };
        let whole = SVGBackend::with_string(svg, (WIDTH, HEIGHT + legend_height)).into_drawing_area();
        whole.fill(&WHITE)?;
        let (root, below) = whole.split_vertically(HEIGHT);
        let metadata = &table.metadata;
        let variant = metadata.variant.as_deref().map_or_else(|| "base".to_string(), |v| format!("variant {v}"));
        let caption = format!("{} ({variant}, {} runs per point)", metadata.title.replace('\n', " "), metadata.runs);
        let mut chart = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", 18))
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d(xs.0..xs.1, ys.0..ys.1)?;
        let year = self.scale == Scale::Year;
        let y_label = |y: &f64| if year { format!("{y:.0}") } else { trimmed(*y, 3) };
        let x_label = |x: &f64| trimmed(*x, 4);
        chart
            .configure_mesh()
            .light_line_style(WHITE.mix(0.0))
            .x_desc(table.columns[self.swept[0]].clone())
            .y_desc(format!("{} ({})", self.outcome, self.band.2.label()))
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .label_style(("sans-serif", 13))
            .axis_desc_style(("sans-serif", 14))
            .draw()?;
        // Lines side by side are nudged apart a little, so that their bars do not hide each other.
        let nudge = (xs.1 - xs.0) * 0.005;
        for (i, (_, marks)) in lines.iter().enumerate() {
            let colour = PALETTE[i % PALETTE.len()];
            let shift = (i as f64 - (lines.len() - 1) as f64 / 2.0) * nudge;
            let marks: Vec<Mark> = marks.iter().map(|&(x, y, band)| (x + shift, y, band)).collect();
            chart.draw_series(LineSeries::new(marks.iter().map(|m| (m.0, m.1)), colour.stroke_width(2)))?;
            chart.draw_series(marks.iter().filter_map(|m| {
                m.2.map(|(low, high)| ErrorBar::new_vertical(m.0, low, m.1, high, colour.stroke_width(1), 8))
            }))?;
            chart.draw_series(marks.iter().map(|m| Circle::new((m.0, m.1), 3, colour.filled())))?;
        }
        for (i, key) in legend.iter().enumerate() {
            let colour = PALETTE[i % PALETTE.len()];
            let y = 16 + 20 * i as i32;
            below.draw(&PathElement::new(vec![(LEGEND_X, y), (LEGEND_X + 28, y)], colour.stroke_width(2)))?;
            below.draw(&Circle::new((LEGEND_X + 14, y), 3, colour.filled()))?;
            below.draw(&Text::new(key.to_string(), (LEGEND_X + 38, y - 7), ("sans-serif", 13)))?;
        }
        whole.present()?;
        Ok(())
    }
}

/// The range of the values, widened by `share` of its span on each side
/// (by `empty` when all are equal); `0..1` when there are none.
fn padded(values: impl Iterator<Item = f64>, share: f64, empty: f64) -> (f64, f64) {
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
    if low > high {
        return (0.0, 1.0);
    }
    let pad = if high > low { (high - low) * share } else { empty };
    (low - pad, high + pad)
}

/// A tick label: at most `decimals` decimals, without trailing zeros.
fn trimmed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::parse_set;

    /// A grid of these `--set`s.
    fn grid(sets: &[&str]) -> Grid {
        Grid::new(sets.iter().map(|s| parse_set(s).unwrap()).collect()).unwrap()
    }

    /// The columns of a sweep over these settings with a frequency, a mean and a year as outcomes.
    fn columns(grid: &Grid) -> Vec<String> {
        let mut columns = vec!["point".to_string()];
        columns.extend(grid.axes.iter().map(|a| a.path.clone()));
        for column in
            ["runs", "great_power_war", "great_power_war_count", "great_power_war_low", "great_power_war_high"]
        {
            columns.push(column.to_string());
        }
        for column in ["defections", "defections_low", "defections_high", "first_war", "first_war_q1", "first_war_q3"] {
            columns.push(column.to_string());
        }
        columns
    }

    #[test]
    fn an_outcome_with_a_band_against_a_numeric_first_setting_is_drawn() {
        let grid = grid(&["a.x=0..1/0.5", "b.y=p,q"]);
        let columns = columns(&grid);
        assert_eq!(outcomes(&columns), ["great_power_war", "defections", "first_war"]);
        for outcome in [None, Some("defections"), Some("first_war")] {
            assert!(prepare(&columns, &grid, outcome).is_ok(), "{outcome:?}");
        }
    }

    #[test]
    fn an_unknown_outcome_is_refused_with_the_known_ones() {
        let grid = grid(&["a.x=0..1/0.5"]);
        let columns = columns(&grid);
        let error = prepare(&columns, &grid, Some("great_power_wars")).unwrap_err();
        let known = vec!["great_power_war".to_string(), "defections".to_string(), "first_war".to_string()];
        assert_eq!(
            error,
            PlotError::UnknownOutcome {
                outcome: "great_power_wars".into(),
                suggestion: Some("great_power_war".into()),
                known: known.clone()
            }
        );
        assert_eq!(error.to_string(), "the table has no outcome `great_power_wars` to plot");
        assert_eq!(
            error.help(),
            "did you mean `great_power_war`? the outcomes are great_power_war, defections, first_war"
        );
        let error = prepare(&columns, &grid, Some("runs")).unwrap_err();
        assert_eq!(error, PlotError::UnknownOutcome { outcome: "runs".into(), suggestion: None, known });
        assert_eq!(error.help(), "the outcomes are great_power_war, defections, first_war", "a column with no band");
    }

    #[test]
    fn the_first_setting_must_be_numeric() {
        let grid = grid(&["C.mode=concert,automatic", "a.x=0..1/0.5"]);
        let error = prepare(&columns(&grid), &grid, None).unwrap_err();
        assert_eq!(error, PlotError::NotNumeric { setting: "C.mode".into(), value: "concert".into() });
        assert_eq!(error.to_string(), "the plot needs numbers along `C.mode`, the first setting, not `concert`");
        assert_eq!(error.help(), "put a numeric setting first; each value of the second setting becomes a line");
    }

    #[test]
    fn a_plot_draws_at_most_max_series_lines() {
        let fits = grid(&["a.x=0..1/0.5", "b.y=1..3/1", "c.z=1..4/1"]);
        assert!(prepare(&columns(&fits), &fits, None).is_ok(), "3 × 4 = 12 lines");
        let over = grid(&["a.x=0..1/0.5", "b.y=0..1.2/0.1"]);
        let error = prepare(&columns(&over), &over, None).unwrap_err();
        assert_eq!(error, PlotError::TooManyLines { lines: 13 });
        assert_eq!(
            error.to_string(),
            "the plot would draw 13 lines, one per value of the settings after the first; at most 12"
        );
        assert_eq!(
            error.help(),
            "sweep fewer values of the later settings, or leave out --plot and plot the table yourself"
        );
    }
}
