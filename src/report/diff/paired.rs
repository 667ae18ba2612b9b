//! A diff over paired runs as text or as one JSON document: each side's findings, and the paired differences with their 95% intervals.
//!
//! Everything shown is read off the [`EnsembleDiff`]; nothing is re-run.
//! The JSON shape is documented in `docs/diff.schema.json`.

use std::fmt::Write;

use serde_json::{json, Map, Value as Json};

use crate::diff::{Contender, EnsembleDiff, Side, Sides};
use crate::ensemble::paired::{Difference, PairedMean, PairedShare, PairedSummary};
use crate::ensemble::{seed_of_run, Frequency, Quartiles, MEASURES};
use crate::model::PARAMETERS;

use super::{case_hash, differences_json, identities, root_path, settings_text, side_word, Case};

/// The width of a share or a mean.
const VALUE: usize = 6;
/// The width of a difference, such as `+0.437`.
const DIFFERENCE: usize = 10;

/// Renders a paired comparison as text. `labels` name the sides, such as `base` and `automatic`.
pub fn render_text(sides: &Sides<Contender>, labels: &Sides<String>, compared: &EnsembleDiff) -> String {
    let summary = compared.aggregate.summary();
    let mut out = String::new();
    let w = &mut out;
    let runs = summary.runs;
    let (first, last) = (compared.first_seed, seed_of_run(compared.first_seed, runs.saturating_sub(1)));
    let _ = writeln!(
        w,
        "Comparing {} with {} over {runs} paired run{}, seeds {first}..{last}",
        labels.left,
        labels.right,
        plural(runs)
    );
    let cases = cases(sides);
    identities(w, &cases, labels);
    let _ = writeln!(w);
    settings_text(w, &cases, labels, &compared.differences, &format!("both sides use seeds {first}..{last}"));
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "Run i of both sides uses seed {first} + i: the two runs of a pair draw the same numbers\n\
         until their histories part."
    );
    let identical = runs - summary.histories_differ;
    let _ = match (summary.histories_differ, identical) {
        (0, _) => writeln!(w, "The histories are identical in every pair: no seed differs."),
        (_, 0) => writeln!(w, "The histories part in every pair."),
        (differ, same) => writeln!(
            w,
            "The histories part in {differ} of the {runs} pairs; in {same} they are identical, event for event."
        ),
    };
    let table = Table::new(labels, &summary);
    table.findings(w, labels, &summary);
    let _ = writeln!(w);
    one_sided_wars(w, sides, labels, compared, &summary);
    let _ = writeln!(w);
    let _ = writeln!(w, "Differences are {} minus {}.", labels.right, labels.left);
    let _ = writeln!(
        w,
        "Their 95% intervals are for paired runs: for a share, Newcombe's method 10 (Statistics in\n\
         Medicine 17:2635–2650, 1998); for a mean, the normal approximation over the pairs' differences."
    );
    out
}

fn cases<'a>(sides: &Sides<Contender<'a>>) -> Sides<Case<'a>> {
    sides.map(|_, c| Case {
        scenario: c.scenario,
        sources: c.sources,
        variant: c.variant.and_then(|name| c.scenario.variants.iter().find(|v| v.name == name)),
    })
}

/// The columns of the findings: a label, each side's value, the difference and its interval.
struct Table {
    label: usize,
    sides: Sides<usize>,
}

impl Table {
    fn new(labels: &Sides<String>, summary: &PairedSummary) -> Table {
        let fixed = ROWS.iter().chain(&HEADINGS).map(|l| l.chars().count());
        let names = summary.commitments.iter().map(|c| &c.name).chain(summary.norms.iter().map(|n| &n.name));
        let label = fixed.chain(names.map(|n| n.chars().count() + 2)).max().unwrap_or(0);
        Table { label, sides: labels.map(|_, l| l.chars().count().max(VALUE)) }
    }

    fn heading(&self, w: &mut String, labels: &Sides<String>, title: &str) {
        let line = format!(
            "\n{title:<label$}  {:>l$}  {:>r$}  {:>DIFFERENCE$}  95% interval",
            labels.left,
            labels.right,
            "difference",
            label = self.label,
            l = self.sides.left,
            r = self.sides.right,
        );
        let _ = writeln!(w, "{line}");
    }

    /// One row: a label, each side's value as text, and the difference.
    fn row(&self, w: &mut String, label: &str, values: Sides<String>, difference: Option<Difference>, decimals: usize) {
        let (change, interval) = match difference {
            Some(d) => (signed(d.value, decimals), d.interval.map_or(String::new(), |i| bounds(i, decimals))),
            None => (String::new(), String::new()),
        };
        let line = format!(
            "{label:<width$}  {:>l$}  {:>r$}  {change:>DIFFERENCE$}  {interval}",
            values.left,
            values.right,
            width = self.label,
            l = self.sides.left,
            r = self.sides.right,
        );
        let _ = writeln!(w, "{}", line.trim_end());
    }

    fn share(&self, w: &mut String, label: &str, share: &PairedShare) {
        let values = share.sides.map(|_, f| f.map_or("absent".to_string(), |f| format!("{:.3}", f.share)));
        self.row(w, label, values, share.difference, 3);
    }

    fn mean(&self, w: &mut String, label: &str, mean: &PairedMean, decimals: usize) {
        let values = mean.sides.map(|_, m| m.map_or("absent".to_string(), |m| format!("{m:.decimals$}")));
        self.row(w, label, values, mean.difference, decimals);
    }

    fn findings(&self, w: &mut String, labels: &Sides<String>, summary: &PairedSummary) {
        self.heading(w, labels, "");
        self.share(w, ROWS[0], &summary.great_power_war);
        if let Some(pairs) = summary.great_power_war.pairs {
            let _ = writeln!(
                w,
                "    pairs at war on both sides {}, only in {} {}, only in {} {}, on neither {}",
                pairs.both, labels.left, pairs.only_left, labels.right, pairs.only_right, pairs.neither
            );
        }
        let medians =
            summary.sides.map(|_, s| s.first_great_power_war.map_or("never".to_string(), |q| q[1].to_string()));
        self.row(w, ROWS[1], medians, None, 0);
        let paired = &summary.first_great_power_war;
        if paired.pairs > 0 {
            self.mean(w, ROWS[2], paired, 1);
        }
        self.share(w, ROWS[3], &summary.runs_with_defection);

        if !summary.commitments.is_empty() {
            self.heading(w, labels, HEADINGS[0]);
            for commitment in &summary.commitments {
                self.share(w, &format!("  {}", commitment.name), &commitment.survived);
                if commitment.dissolution.left.is_some() || commitment.dissolution.right.is_some() {
                    let medians = commitment.survived.sides.map(|side, frequency| match frequency {
                        None => "absent".to_string(),
                        Some(_) => commitment.dissolution.get(side).map_or("never".to_string(), |q| q[1].to_string()),
                    });
                    self.row(w, "    dissolved, median year", medians, None, 0);
                }
            }
        }

        self.heading(w, labels, HEADINGS[1]);
        for (measure, mean) in MEASURES.iter().zip(&summary.means) {
            self.mean(w, &format!("  {}", measure.label), mean, 3);
        }

        if !summary.norms.is_empty() {
            self.heading(w, labels, HEADINGS[2]);
            for norm in &summary.norms {
                self.mean(w, &format!("  {}", norm.name), &norm.strength, 3);
            }
        }
    }
}

/// The labels of the rows about war and defection, in order.
const ROWS: [&str; 4] = [
    "war among the great powers",
    "  year of the first, median",
    "  year of the first, paired mean",
    "runs with a defection",
];

/// The titles of the sections after the first.
const HEADINGS: [&str; 3] = ["commitments alive at the end", "per run, mean", "norm strength at the end, mean"];

/// The seeds where only one side had a war among the great powers, and how to replay one.
fn one_sided_wars(
    w: &mut String,
    sides: &Sides<Contender>,
    labels: &Sides<String>,
    compared: &EnsembleDiff,
    summary: &PairedSummary,
) {
    let counts = summary.great_power_war.pairs.unwrap_or_default();
    let one_sided = counts.only_left + counts.only_right;
    if one_sided == 0 {
        let _ = writeln!(w, "No pair had a war among the great powers on one side only.");
        return;
    }
    let kept = summary.war_on_one_side.len();
    let _ = writeln!(
        w,
        "A war among the great powers on one side only, in {one_sided} of the {} pairs; {}:",
        summary.runs,
        if kept as u64 == one_sided { "their seeds".to_string() } else { format!("the first {kept}") }
    );
    let width = summary.war_on_one_side.iter().map(|(i, _)| seed_of_run(compared.first_seed, *i).to_string().len());
    let width = width.max().unwrap_or(0);
    for (index, side) in &summary.war_on_one_side {
        let seed = seed_of_run(compared.first_seed, *index);
        let _ = writeln!(w, "  seed {seed:<width$}  war only in {}", labels.get(*side));
    }
    let _ = writeln!(w, "Replay one with `{} --seed S`.", replay(sides));
}

/// The `covenant diff` command that compares the same two sides on one seed.
fn replay(sides: &Sides<Contender>) -> String {
    let path = |side: Side| quoted(&root_path(sides.get(side).sources));
    match (sides.left.variant, sides.right.variant) {
        (None, None) => format!("covenant diff {} {}", path(Side::Left), path(Side::Right)),
        (None, Some(right)) => format!("covenant diff {} --variant {right}", path(Side::Left)),
        (Some(left), right) => {
            format!("covenant diff {} --variant {left} --variant {}", path(Side::Left), right.unwrap_or_default())
        }
    }
}

/// A path as a shell reads it: quoted when it holds anything but plain characters.
fn quoted(path: &str) -> String {
    let plain = path.chars().all(|c| c.is_alphanumeric() || "/._-+,@%:=".contains(c));
    if plain {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}

/// A difference with its sign, such as `+0.437` or `-1.5`; zero has none.
fn signed(value: f64, decimals: usize) -> String {
    let text = format!("{value:+.decimals$}");
    let zero = text[1..].chars().all(|c| c == '0' || c == '.');
    if zero {
        text[1..].to_string()
    } else {
        text
    }
}

fn bounds((low, high): (f64, f64), decimals: usize) -> String {
    format!("[{}, {}]", signed(low, decimals), signed(high, decimals))
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Renders a paired comparison as one JSON document (pretty-printed, ending in a newline).
pub fn render_json(sides: &Sides<Contender>, labels: &Sides<String>, compared: &EnsembleDiff) -> String {
    let summary = compared.aggregate.summary();
    let side_json = |side: Side| {
        let contender = sides.get(side);
        let scenario = contender.scenario;
        let parameters: Map<String, Json> =
            PARAMETERS.iter().zip(compared.parameters.get(side)).map(|(p, v)| (p.name.to_string(), json!(v))).collect();
        json!({
            "label": labels.get(side),
            "case": root_path(contender.sources),
            "case_hash": case_hash(contender.sources),
            "title": scenario.title.value,
            "variant": contender.variant,
            "period": [scenario.period.start, scenario.period.end],
            "parameters": parameters,
        })
    };
    let commitments: Map<String, Json> = summary
        .commitments
        .iter()
        .map(|c| {
            let value = json!({
                "survived": share_json(&c.survived),
                "dissolution_year": sides_json(c.dissolution.map(|_, q| q.map(|q| quartiles_json(&q)))),
            });
            (c.name.clone(), value)
        })
        .collect();
    let norms: Map<String, Json> = summary
        .norms
        .iter()
        .map(|n| {
            let value = json!({
                "strength": mean_json(&n.strength),
                "quartiles": sides_json(n.quartiles.map(|_, q| q.map(|q| quartiles_json(&q)))),
            });
            (n.name.clone(), value)
        })
        .collect();
    let counts = summary.great_power_war.pairs.unwrap_or_default();
    let first: Vec<Json> = summary
        .war_on_one_side
        .iter()
        .map(|(index, side)| json!({ "seed": seed_of_run(compared.first_seed, *index), "side": side_word(*side) }))
        .collect();
    let runs = summary.runs;
    let document = json!({
        "covenant": env!("CARGO_PKG_VERSION"),
        "runs": runs,
        "seeds": [compared.first_seed, seed_of_run(compared.first_seed, runs.saturating_sub(1))],
        "sides": { "left": side_json(Side::Left), "right": side_json(Side::Right) },
        "differences": differences_json(&compared.differences, sides.map(|_, c| c.sources)),
        "histories_differ": summary.histories_differ,
        "great_power_war": share_json(&summary.great_power_war),
        "first_great_power_war": {
            "quartiles": sides_json(summary.sides.map(|_, s| s.first_great_power_war.map(|q| quartiles_json(&q)))),
            "paired": mean_json(&summary.first_great_power_war),
        },
        "runs_with_defection": share_json(&summary.runs_with_defection),
    });
    let Json::Object(mut document) = document else { unreachable!("an object") };
    for (measure, mean) in MEASURES.iter().zip(&summary.means) {
        document.insert(measure.key.to_string(), mean_json(mean));
    }
    let rest = json!({
        "commitments": commitments,
        "norms": norms,
        "war_on_one_side": { "count": counts.only_left + counts.only_right, "first": first },
    });
    let Json::Object(rest) = rest else { unreachable!("an object") };
    document.extend(rest);
    let document = Json::Object(document);
    let mut text = serde_json::to_string_pretty(&document).expect("a paired diff serializes");
    text.push('\n');
    text
}

fn sides_json(values: Sides<Option<Json>>) -> Json {
    json!({ "left": values.left, "right": values.right })
}

fn frequency_json(f: &Frequency) -> Json {
    json!({ "count": f.count, "of": f.of, "share": f.share, "interval": [f.interval.0, f.interval.1] })
}

fn difference_json(d: &Difference) -> Json {
    json!({ "value": d.value, "interval": d.interval.map(|(low, high)| [low, high]) })
}

fn share_json(share: &PairedShare) -> Json {
    json!({
        "left": share.sides.left.as_ref().map(frequency_json),
        "right": share.sides.right.as_ref().map(frequency_json),
        "pairs": share.pairs.map(|p| json!({
            "both": p.both, "only_left": p.only_left, "only_right": p.only_right, "neither": p.neither,
        })),
        "difference": share.difference.as_ref().map(difference_json),
    })
}

fn mean_json(mean: &PairedMean) -> Json {
    json!({
        "pairs": mean.pairs,
        "left": mean.sides.left,
        "right": mean.sides.right,
        "difference": mean.difference.as_ref().map(difference_json),
    })
}

fn quartiles_json<T: serde::Serialize>(q: &Quartiles<T>) -> Json {
    json!({ "lower": q[0], "median": q[1], "upper": q[2] })
}
