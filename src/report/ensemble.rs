//! An ensemble's findings as an aligned text table, or as one JSON object (`docs/ensemble.schema.json`).

use std::fmt::Write;

use serde_json::{json, Map, Value};

use crate::ensemble::{seed_of_run, Ensemble, Frequency, Mean, Summary, MEASURES};
use crate::model::PARAMETERS;
use crate::scenario::{CommitmentId, Scenario};
use crate::source::{FileId, Sources};

/// Renders an ensemble's findings as text: a header, then frequencies,
/// commitments, means per run and norm strengths, in aligned columns.
pub fn render_text(scenario: &Scenario, ensemble: &Ensemble, sources: &Sources, verbose: bool) -> String {
    let summary = ensemble.aggregate.summary();
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "{}", scenario.title.value);
    let _ = writeln!(
        w,
        "variant {}, {} run{}, seeds {}..{}, period {}..{}",
        ensemble.variant.as_deref().unwrap_or("base"),
        summary.runs,
        if summary.runs == 1 { "" } else { "s" },
        ensemble.first_seed,
        last_seed(ensemble),
        scenario.period.start,
        scenario.period.end
    );
    out.push_str(&super::text::provenance_line(&super::log::Provenance::of(sources)));
    out.push_str(&super::text::render_parameters(&ensemble.parameters, verbose));
    let table = Table::new(scenario, &summary);
    table.frequencies(&mut out, &summary);
    table.commitments(&mut out, scenario, &summary, &removed(scenario, ensemble));
    table.means(&mut out, &summary);
    table.norms(&mut out, scenario, &summary);
    out
}

fn last_seed(ensemble: &Ensemble) -> u64 {
    seed_of_run(ensemble.first_seed, ensemble.aggregate.runs.saturating_sub(1))
}

/// Column widths shared by every section, so the whole report lines up.
struct Table {
    /// The widest label.
    label: usize,
    /// The widest count, such as `120 of 1000`.
    count: usize,
}

/// The width of a share, a mean or a quartile.
const VALUE: usize = 6;
/// The width of an interval, `[0.101, 0.142]`.
const INTERVAL: usize = 14;

impl Table {
    fn new(scenario: &Scenario, summary: &Summary) -> Table {
        let means = MEASURES.iter().map(|m| m.label.chars().count() + 2);
        let fixed = FREQUENCIES.iter().chain(&HEADINGS).map(|l| l.chars().count()).chain(means);
        let names = scenario.commitments.iter().map(|c| &c.name).chain(scenario.norms.iter().map(|n| &n.name));
        let label = fixed.chain(names.map(|n| n.chars().count() + 2)).max().unwrap_or(0);
        let count = [summary.runs, summary.consultations_acting.of, summary.obligations_defected.of]
            .iter()
            .map(|n| 2 * n.to_string().len() + 4)
            .max();
        Table { label, count: count.unwrap_or(0) }
    }

    /// A blank line, then a section's title with the names of its columns.
    fn heading(&self, w: &mut String, title: &str, columns: &[&str]) {
        let mut line = format!("\n{title:<width$}", width = self.label);
        for column in columns {
            let _ = match *column {
                "95% interval" => write!(line, "  {column:<INTERVAL$}"),
                "count" => write!(line, "  {column:<width$}", width = self.count),
                _ => write!(line, "  {column:>VALUE$}"),
            };
        }
        let _ = writeln!(w, "{}", line.trim_end());
    }

    /// A frequency's row, before anything that follows on its line.
    fn frequency(&self, label: &str, frequency: &Frequency) -> String {
        let count = format!("{:>width$} of {}", frequency.count, frequency.of, width = (self.count - 4) / 2);
        format!(
            "{label:<width$}  {:>VALUE$.3}  {:<INTERVAL$}  {count:<count_width$}",
            frequency.share,
            interval(Some(frequency.interval)),
            width = self.label,
            count_width = self.count,
        )
    }

    fn frequencies(&self, w: &mut String, summary: &Summary) {
        self.heading(w, "", &["share", "95% interval", "count"]);
        let rows = [
            &summary.great_power_war,
            &summary.no_great_power_war,
            &summary.runs_with_defection,
            &summary.consultations_acting,
            &summary.obligations_defected,
        ];
        for (i, (label, frequency)) in FREQUENCIES.iter().zip(rows).enumerate() {
            let _ = writeln!(w, "{}", self.frequency(label, frequency).trim_end());
            if i == 0 {
                // Under the war it dates; one more space lines the words up
                // with the digits of the shares above.
                let first = years(summary.first_great_power_war);
                let _ = writeln!(w, "{FIRST_WAR:<width$}   {first}", width = self.label);
            }
        }
    }

    fn commitments(&self, w: &mut String, scenario: &Scenario, summary: &Summary, removed: &[CommitmentId]) {
        if summary.commitments.is_empty() {
            return;
        }
        self.heading(w, HEADINGS[0], &["share", "95% interval", "count", "dissolved"]);
        for commitment in &summary.commitments {
            let label = format!("  {}", scenario.commitments[commitment.commitment.0].name);
            if removed.contains(&commitment.commitment) {
                // It never existed in these runs: no share of them to report.
                let _ = writeln!(w, "{label:<width$}  removed by the variant", width = self.label);
                continue;
            }
            let row = self.frequency(&label, &commitment.survived);
            let _ = writeln!(w, "{row}  {}", years(commitment.dissolution));
        }
    }

    fn means(&self, w: &mut String, summary: &Summary) {
        self.heading(w, HEADINGS[1], &["mean", "95% interval"]);
        for (measure, mean) in MEASURES.iter().zip(&summary.means) {
            let label = format!("  {}", measure.label);
            let line =
                format!("{label:<width$}  {:>VALUE$.3}  {}", mean.mean, interval(mean.interval), width = self.label);
            let _ = writeln!(w, "{}", line.trim_end());
        }
    }

    fn norms(&self, w: &mut String, scenario: &Scenario, summary: &Summary) {
        if summary.norms.is_empty() {
            return;
        }
        self.heading(w, HEADINGS[2], &["mean", "25%", "median", "75%"]);
        for norm in &summary.norms {
            let label = format!("  {}", scenario.norms[norm.norm.0].name);
            let [low, median, high] = norm.quartiles;
            let _ = writeln!(
                w,
                "{label:<width$}  {:>VALUE$.3}  {low:>VALUE$.3}  {median:>VALUE$.3}  {high:>VALUE$.3}",
                norm.mean,
                width = self.label
            );
        }
    }
}

/// The commitments the ensemble's variant removes (`remove commitment`).
fn removed(scenario: &Scenario, ensemble: &Ensemble) -> Vec<CommitmentId> {
    let variant = ensemble.variant.as_deref().and_then(|name| scenario.variants.iter().find(|v| v.name == name));
    variant.map(|v| v.removed_commitments.iter().map(|r| r.value).collect()).unwrap_or_default()
}

/// The labels of the frequency rows, in order.
const FREQUENCIES: [&str; 5] = [
    "war among the great powers",
    "no war among the great powers",
    "runs with a defection",
    "consultations deciding to act",
    "obligations defected",
];

/// The label of the year of the first war among the great powers.
const FIRST_WAR: &str = "  year of the first";

/// The titles of the sections after the frequencies.
const HEADINGS: [&str; 3] = ["commitments alive at the end", "per run", "norm strength at the end"];

/// Quartiles of years as `median 1853, quartiles 1848..1854`.
fn years(quartiles: Option<[i32; 3]>) -> String {
    match quartiles {
        Some([low, median, high]) => format!("median {median}, quartiles {low}..{high}"),
        None => "never".to_string(),
    }
}

fn interval(interval: Option<(f64, f64)>) -> String {
    match interval {
        Some((low, high)) => format!("[{low:.3}, {high:.3}]"),
        None => String::new(),
    }
}

/// Renders an ensemble's findings as one JSON object on one line, ending in a newline.
pub fn render_json(scenario: &Scenario, ensemble: &Ensemble, sources: &Sources) -> String {
    let summary = ensemble.aggregate.summary();
    let parameters: Map<String, Value> =
        PARAMETERS.iter().zip(&ensemble.parameters).map(|(p, v)| (p.name.to_string(), json!(v))).collect();
    let removed = removed(scenario, ensemble);
    let commitments: Map<String, Value> = summary
        .commitments
        .iter()
        .map(|c| {
            let value = json!({
                "removed": removed.contains(&c.commitment),
                "survived": frequency(&c.survived),
                "dissolution_year": c.dissolution.map(|q| quartiles(&q)),
            });
            (scenario.commitments[c.commitment.0].name.clone(), value)
        })
        .collect();
    let norms: Map<String, Value> = summary
        .norms
        .iter()
        .map(|n| {
            (scenario.norms[n.norm.0].name.clone(), json!({ "mean": n.mean, "quartiles": quartiles(&n.quartiles) }))
        })
        .collect();
    let value = json!({
        "covenant": env!("CARGO_PKG_VERSION"),
        "case": sources.file(FileId(0)).path.display().to_string(),
        "case_hash": super::json::case_hash(sources),
        "title": scenario.title.value,
        "variant": ensemble.variant,
        "runs": summary.runs,
        "seeds": [ensemble.first_seed, last_seed(ensemble)],
        "period": [scenario.period.start, scenario.period.end],
        "parameters": parameters,
        "great_power_war": frequency(&summary.great_power_war),
        "no_great_power_war": frequency(&summary.no_great_power_war),
        "first_great_power_war": summary.first_great_power_war.map(|q| quartiles(&q)),
    });
    let Value::Object(mut value) = value else { unreachable!("an object") };
    for (measure, m) in MEASURES.iter().zip(&summary.means) {
        value.insert(measure.key.to_string(), mean(m));
    }
    value.insert("runs_with_defection".to_string(), frequency(&summary.runs_with_defection));
    value.insert("consultations_deciding_to_act".to_string(), frequency(&summary.consultations_acting));
    value.insert("obligations_defected".to_string(), frequency(&summary.obligations_defected));
    value.insert("commitments".to_string(), Value::Object(commitments));
    value.insert("norms".to_string(), Value::Object(norms));
    let value = Value::Object(value);
    let mut text = serde_json::to_string(&value).expect("a summary serializes");
    text.push('\n');
    text
}

fn frequency(f: &Frequency) -> Value {
    json!({ "count": f.count, "of": f.of, "share": f.share, "interval": [f.interval.0, f.interval.1] })
}

fn mean(m: &Mean) -> Value {
    json!({ "total": m.total, "mean": m.mean, "interval": m.interval.map(|(low, high)| [low, high]) })
}

fn quartiles<T: serde::Serialize>(q: &[T; 3]) -> Value {
    json!({ "lower": q[0], "median": q[1], "upper": q[2] })
}
