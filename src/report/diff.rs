//! A diff of two runs as text or as one JSON document: the settings that differ, the first divergence with both traces, and the outcomes side by side.
//!
//! Everything shown comes from the [`Diff`] and the two runs' logs; nothing
//! is recomputed here. The JSON shape is documented in `docs/diff.schema.json`.

use std::fmt::Write;

use serde_json::{json, Map, Value as Json};

use crate::diff::{Diff, Difference, Divergence, Evidence, History, Outcomes, Side, Sides, Subject, Tie, Value};
use crate::log::Event;
use crate::report::json::{case_hash, event_line, excerpt};
use crate::report::text::number;
use crate::scenario::{Scenario, Variant};
use crate::source::{FileId, Sources, Span};

pub mod paired;

/// How many earlier events the text shows under each diverging event.
pub const FOLLOWS_SHOWN: usize = 5;

/// The decimals figures are shown with in text; the JSON has them in full.
const DECIMALS: usize = 3;

/// Renders a diff as text. `labels` name the sides, such as `base` and `automatic`.
pub fn render_text(histories: &Sides<History>, labels: &Sides<String>, diff: &Diff) -> String {
    let mut out = String::new();
    let w = &mut out;
    let width = labels.left.chars().count().max(labels.right.chars().count());
    let _ = writeln!(w, "Comparing {} with {}, seed {}", labels.left, labels.right, histories.left.run.seed);
    let cases = histories.map(|_, h| Case { scenario: h.scenario, sources: h.sources, variant: h.variant() });
    identities(w, &cases, labels);
    let _ = writeln!(w);
    // Both runs use one seed, so the cases' own seeds only inform.
    let seed_note = format!("both runs use seed {}", histories.left.run.seed);
    settings_text(w, &cases, labels, &diff.differences, &seed_note);

    let _ = writeln!(w);
    let Some(divergence) = &diff.divergence else {
        let events = histories.left.run.events.len();
        let _ = writeln!(
            w,
            "The histories are identical: both runs record the same {events} event{}, field for field.",
            if events == 1 { "" } else { "s" }
        );
        if !diff.differences.is_empty() {
            let _ = writeln!(w, "The settings that differ made no difference to the events of this seed.");
        }
        return out;
    };
    divergence_text(w, histories, labels, divergence);
    let _ = writeln!(w);
    led_there_text(w, histories, labels, diff, divergence);
    let _ = writeln!(w);
    aftermath_text(w, labels, diff, divergence, width);
    let _ = writeln!(w);
    outcomes_text(w, labels, &diff.outcomes);
    out
}

/// One side's case as the header and the settings name it.
#[derive(Clone, Copy)]
struct Case<'a> {
    scenario: &'a Scenario,
    sources: &'a Sources,
    variant: Option<&'a Variant>,
}

/// A line per side: its label, the root file's path unless the label is
/// that path, and the question a variant asks or the base case's title.
fn identities(w: &mut String, cases: &Sides<Case>, labels: &Sides<String>) {
    let width = labels.left.chars().count().max(labels.right.chars().count());
    for side in Side::BOTH {
        let case = cases.get(side);
        // A variant is described by the question it asks, a base case by its title.
        let what = match case.variant {
            Some(variant) => match &variant.question {
                Some(question) => format!("variant {}, \"{question}\"", variant.name),
                None => format!("variant {}", variant.name),
            },
            None => format!("base case, \"{}\"", case.scenario.title.value),
        };
        let path = root_path(case.sources);
        // Two files are labelled by their paths already.
        let identity = if labels.get(side).starts_with(&path) { what } else { format!("{path}, {what}") };
        let _ = writeln!(w, "  {:<width$}  {identity}", labels.get(side));
    }
}

/// The settings that differ, each with where each side set it; the
/// cases' own seeds get `seed_note`, since the runs do not use them.
fn settings_text(
    w: &mut String,
    cases: &Sides<Case>,
    labels: &Sides<String>,
    differences: &[Difference],
    seed_note: &str,
) {
    let width = labels.left.chars().count().max(labels.right.chars().count());
    if differences.is_empty() {
        let _ = writeln!(w, "The settings of the two sides are the same.");
        return;
    }
    let _ = writeln!(w, "Settings that differ");
    for difference in differences {
        let note = if difference.path == "seed" { format!(" ({seed_note})") } else { String::new() };
        let _ = writeln!(
            w,
            "  {}: {} → {}{note}",
            difference.path,
            difference.values.left.text(),
            difference.values.right.text()
        );
        for side in Side::BOTH {
            let set = match difference.spans.get(side) {
                Some(span) => {
                    let sources = cases.get(side).sources;
                    format!("{}  {}", place(*span, sources), excerpt(*span, sources))
                }
                None if *difference.values.get(side) == Value::Absent => "not declared".to_string(),
                None => "the default".to_string(),
            };
            let _ = writeln!(w, "    {:<width$}  {set}", labels.get(side));
        }
    }
}

/// The settings that differ as JSON: each side's value and where it was set.
fn differences_json(differences: &[Difference], sources: Sides<&Sources>) -> Vec<Json> {
    differences
        .iter()
        .map(|d| {
            let side = |side: Side| {
                let sources = *sources.get(side);
                json!({
                    "value": value_json(d.values.get(side)),
                    "set": d.spans.get(side).map(|span| span_json(span, sources)),
                })
            };
            json!({ "path": d.path, "left": side(Side::Left), "right": side(Side::Right) })
        })
        .collect()
}

fn divergence_text(w: &mut String, histories: &Sides<History>, labels: &Sides<String>, divergence: &Divergence) {
    let _ = writeln!(w, "First divergence in {}, at event #{} of both logs", divergence.year, divergence.index + 1);
    for side in Side::BOTH {
        let history = histories.get(side);
        let _ = writeln!(w, "  {}", labels.get(side));
        match divergence.events.get(side).and_then(|seq| history.run.event(seq)) {
            Some(event) => event_text(w, history, event),
            None => {
                let _ = writeln!(w, "    the log has ended: it has {} events", history.run.events.len());
            }
        }
    }
    if !divergence.fields.is_empty() {
        let fields: Vec<&str> = divergence.fields.iter().map(|f| f.word()).collect();
        let _ = writeln!(w, "  the two events differ in {}", and_list(&fields));
    }
}

/// One event with its trace: causes, figures, threshold and draw, and the earlier events it follows.
fn event_text(w: &mut String, history: &History, event: &Event) {
    let _ = writeln!(w, "    {}", headline(event));
    for (i, cause) in event.causes.iter().enumerate() {
        let word = if i == 0 { "cause" } else { "" };
        let _ = writeln!(w, "      {word:<8} {}  {}", place(cause.span, history.sources), cause.label);
    }
    if !event.figures.is_empty() {
        let figures: Vec<String> =
            event.figures.iter().map(|f| format!("{} {}", f.name, number(f.value, DECIMALS))).collect();
        let _ = writeln!(w, "      figures  {}", figures.join(", "));
    }
    let decided = match (event.draw, event.threshold) {
        (Some(draw), Some(threshold)) => {
            Some(format!("draw {} against threshold {}", number(draw, DECIMALS), number(threshold, DECIMALS)))
        }
        (Some(draw), None) => Some(format!("draw {}", number(draw, DECIMALS))),
        (None, Some(threshold)) => Some(format!("threshold {}", number(threshold, DECIMALS))),
        (None, None) => None,
    };
    if let Some(decided) = decided {
        let _ = writeln!(w, "      decided  {decided}");
    }
    let (chain, more) = crate::report::explain::chain(history.run, event, FOLLOWS_SHOWN);
    for (i, seq) in chain.iter().enumerate() {
        let word = if i == 0 { "follows" } else { "" };
        let line = match history.run.event(*seq) {
            Some(earlier) => headline(earlier),
            None => format!("#{seq} (not in the log)"),
        };
        let _ = writeln!(w, "      {word:<8} {line}");
    }
    if more > 0 {
        let _ = writeln!(w, "               … and {more} earlier event{}", if more == 1 { "" } else { "s" });
    }
}

fn led_there_text(w: &mut String, histories: &Sides<History>, labels: &Sides<String>, diff: &Diff, d: &Divergence) {
    let _ = writeln!(w, "What led there");
    if d.ties.is_empty() {
        if diff.differences.is_empty() {
            let _ = writeln!(
                w,
                "  No setting compared differs, so none can be named; the cause lies in something the\n  \
                 comparison does not cover, such as a shock's description."
            );
        } else {
            let paths: Vec<String> = diff.differences.iter().map(|d| format!("`{}`", d.path)).collect();
            let _ = writeln!(
                w,
                "  No difference could be tied to these events or the events they follow; the sides differ in\n  {}.",
                and_list(&paths.iter().map(String::as_str).collect::<Vec<_>>())
            );
        }
        return;
    }
    let mut named: Vec<usize> = Vec::new();
    for tie in &d.ties {
        if !named.contains(&tie.difference) {
            named.push(tie.difference);
        }
    }
    for index in named {
        let difference = &diff.differences[index];
        let _ = writeln!(
            w,
            "  `{}` ({} → {})",
            difference.path,
            difference.values.left.text(),
            difference.values.right.text()
        );
        for tie in d.ties.iter().filter(|t| t.difference == index) {
            let history = histories.get(tie.side);
            let diverging = d.events.get(tie.side).is_some_and(|seq| seq == tie.seq);
            let which = if diverging { format!("#{}", tie.seq) } else { format!("#{} (an event it follows)", tie.seq) };
            let _ = writeln!(
                w,
                "    {} {which} {}",
                labels.get(tie.side),
                evidence_text(tie, &difference.subject, history)
            );
        }
    }
}

fn evidence_text(tie: &Tie, subject: &Subject, history: &History) -> String {
    match &tie.evidence {
        Evidence::Figure { name, value } => format!("records {name} {}", number(*value, DECIMALS)),
        Evidence::Cause { label } => {
            let at = history
                .run
                .event(tie.seq)
                .and_then(|e| e.causes.iter().find(|c| c.label == *label))
                .map(|c| place(c.span, history.sources))
                .unwrap_or_default();
            format!("cites {at} ({label})")
        }
        Evidence::Value { name, value } => {
            format!("records {name} {}, this side's value of the setting", number(*value, DECIMALS))
        }
        Evidence::Shock => match subject {
            Subject::Shock(name) => format!("is part of shock `{name}`"),
            _ => "is part of the shock".to_string(),
        },
        Evidence::Concerns => format!("concerns {}", subject_text(subject)),
    }
}

fn subject_text(subject: &Subject) -> String {
    match subject {
        Subject::Case => "the case".to_string(),
        Subject::Parameter(name) => format!("`model.{name}`"),
        Subject::Power { name, .. } | Subject::Norm(name) | Subject::Commitment(name) | Subject::Shock(name) => {
            format!("`{name}`")
        }
        Subject::Pair(a, b) => format!("`{a}` and `{b}`"),
        Subject::Rule(title) => format!("rule \"{title}\""),
    }
}

fn aftermath_text(w: &mut String, labels: &Sides<String>, diff: &Diff, d: &Divergence, width: usize) {
    let _ = writeln!(
        w,
        "After the divergence (from event #{}; events matched by year, kind, powers, commitment and shock)",
        d.index + 1
    );
    for side in Side::BOTH {
        let counts = diff.aftermath.only.get(side);
        let text = if counts.is_empty() {
            "nothing".to_string()
        } else {
            counts.iter().map(|(kind, n)| format!("{} {n}", kind.word())).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(w, "  only in {:<width$}  {text}", labels.get(side));
    }
}

fn outcomes_text(w: &mut String, labels: &Sides<String>, outcomes: &Sides<Outcomes>) {
    let rows = outcome_rows(outcomes);
    let name_width = rows.iter().map(|(name, _)| name.chars().count()).max().unwrap_or(0).max("Outcomes".len() - 2);
    let column = |side: Side| {
        rows.iter()
            .map(|(_, values)| values.get(side).chars().count())
            .chain(std::iter::once(labels.get(side).chars().count()))
            .max()
            .unwrap_or(0)
    };
    let (lw, rw) = (column(Side::Left), column(Side::Right));
    let _ = writeln!(w, "{:<n$}  {:>lw$}  {:>rw$}", "Outcomes", labels.left, labels.right, n = name_width + 2);
    for (name, values) in rows {
        let _ = writeln!(w, "  {name:<name_width$}  {:>lw$}  {:>rw$}", values.left, values.right);
    }
}

/// The outcome table's rows: a name, and each side's value as text.
fn outcome_rows(outcomes: &Sides<Outcomes>) -> Vec<(String, Sides<String>)> {
    let mut rows: Vec<(String, Sides<String>)> = Vec::new();
    let mut row = |name: &str, f: &dyn Fn(&Outcomes) -> String| {
        rows.push((name.to_string(), outcomes.map(|_, o| f(o))));
    };
    row("events", &|o| o.events.to_string());
    row("wars", &|o| o.wars.to_string());
    row("wars among great powers", &|o| o.great_power_wars.to_string());
    row("first war among great powers", &|o| o.first_great_power_war.map_or("none".to_string(), |y| y.to_string()));
    row("aggressors deterred", &|o| o.deterred.to_string());
    row("targets that gave way", &|o| o.yielded.to_string());
    row("interventions", &|o| o.interventions.to_string());
    row("defections", &|o| o.defections.to_string());
    row("years without a great power at war", &|o| format!("{} of {}", o.peaceful_years, o.years));
    for name in union(outcomes.map(|_, o| o.commitments.iter().map(|c| c.name.clone()).collect())) {
        let value = |o: &Outcomes| match o.commitments.iter().find(|c| c.name == name) {
            None => "absent".to_string(),
            Some(c) if c.alive => "alive".to_string(),
            Some(c) => c.dissolved.map_or("dissolved".to_string(), |year| format!("dissolved {year}")),
        };
        rows.push((format!("`{name}` at the end"), outcomes.map(|_, o| value(o))));
    }
    for name in union(outcomes.map(|_, o| o.norms.iter().map(|(n, _)| n.clone()).collect())) {
        let value = |o: &Outcomes| {
            o.norms.iter().find(|(n, _)| *n == name).map_or("absent".to_string(), |(_, s)| format!("{s:.2}"))
        };
        rows.push((format!("norm `{name}` at the end"), outcomes.map(|_, o| value(o))));
    }
    rows
}

/// The left side's names in order, then the right side's others.
fn union(names: Sides<Vec<String>>) -> Vec<String> {
    let mut all = names.left;
    for name in names.right {
        if !all.contains(&name) {
            all.push(name);
        }
    }
    all
}

/// Renders a diff as one JSON document (pretty-printed, ending in a newline).
pub fn render_json(histories: &Sides<History>, labels: &Sides<String>, diff: &Diff) -> String {
    let side_json = |side: Side| {
        let history = histories.get(side);
        json!({
            "label": labels.get(side),
            "case": root_path(history.sources),
            "case_hash": case_hash(history.sources),
            "title": history.scenario.title.value,
            "variant": history.run.variant,
            "seed": history.run.seed,
            "events": history.run.events.len(),
        })
    };
    let differences = differences_json(&diff.differences, histories.map(|_, h| h.sources));
    let divergence = diff.divergence.as_ref().map(|d| {
        let event = |side: Side| {
            let history = histories.get(side);
            d.events.get(side).and_then(|seq| history.run.event(seq)).map(|event| {
                let line = event_line(history.scenario, event, history.sources);
                serde_json::from_str::<Json>(&line).expect("an event line is JSON")
            })
        };
        let ties: Vec<Json> = d.ties.iter().map(|tie| tie_json(tie, diff)).collect();
        json!({
            "at": d.index + 1,
            "year": d.year,
            "left": event(Side::Left),
            "right": event(Side::Right),
            "fields": d.fields.iter().map(|f| f.word()).collect::<Vec<_>>(),
            "led_there": ties,
        })
    });
    let after = diff.divergence.as_ref().map(|d| {
        let counts = |side: Side| {
            let map: Map<String, Json> =
                diff.aftermath.only.get(side).iter().map(|(kind, n)| (kind.word().to_string(), json!(n))).collect();
            Json::Object(map)
        };
        json!({ "from": d.index + 1, "only": { "left": counts(Side::Left), "right": counts(Side::Right) } })
    });
    let document = json!({
        "covenant": env!("CARGO_PKG_VERSION"),
        "seed": histories.left.run.seed,
        "sides": { "left": side_json(Side::Left), "right": side_json(Side::Right) },
        "differences": differences,
        "divergence": divergence,
        "after": after,
        "outcomes": { "left": outcomes_json(&diff.outcomes.left), "right": outcomes_json(&diff.outcomes.right) },
    });
    let mut text = serde_json::to_string_pretty(&document).expect("a diff serializes");
    text.push('\n');
    text
}

fn tie_json(tie: &Tie, diff: &Diff) -> Json {
    let mut object = Map::new();
    object.insert("path".into(), json!(diff.differences[tie.difference].path));
    object.insert("difference".into(), json!(tie.difference));
    object.insert("side".into(), json!(side_word(tie.side)));
    object.insert("event".into(), json!(tie.seq));
    let word = match &tie.evidence {
        Evidence::Figure { .. } => "figure",
        Evidence::Cause { .. } => "cause",
        Evidence::Shock => "shock",
        Evidence::Value { .. } => "value",
        Evidence::Concerns => "concerns",
    };
    object.insert("evidence".into(), json!(word));
    match &tie.evidence {
        Evidence::Figure { name, value } | Evidence::Value { name, value } => {
            object.insert("figure".into(), json!(name));
            object.insert("value".into(), json!(value));
        }
        Evidence::Cause { label } => {
            object.insert("label".into(), json!(label));
        }
        Evidence::Shock | Evidence::Concerns => {}
    }
    Json::Object(object)
}

fn outcomes_json(o: &Outcomes) -> Json {
    let commitments: Map<String, Json> =
        o.commitments.iter().map(|c| (c.name.clone(), json!({ "alive": c.alive, "dissolved": c.dissolved }))).collect();
    let norms: Map<String, Json> = o.norms.iter().map(|(name, s)| (name.clone(), json!(s))).collect();
    json!({
        "events": o.events,
        "wars": o.wars,
        "great_power_wars": o.great_power_wars,
        "first_great_power_war": o.first_great_power_war,
        "deterred": o.deterred,
        "yielded": o.yielded,
        "interventions": o.interventions,
        "defections": o.defections,
        "peaceful_years": o.peaceful_years,
        "years": o.years,
        "commitments": commitments,
        "norms": norms,
    })
}

fn value_json(value: &Value) -> Json {
    match value {
        Value::Number(n) => json!(n),
        Value::Word(word) => json!(word),
        Value::Record(series) => json!(series),
        Value::Absent => Json::Null,
    }
}

fn span_json(span: Span, sources: &Sources) -> Json {
    let (line, column) = sources.line_column(span.file, span.start);
    json!({
        "file": sources.file(span.file).path.display().to_string(),
        "line": line,
        "column": column,
        "start": span.start,
        "end": span.end,
        "text": excerpt(span, sources),
    })
}

fn side_word(side: Side) -> &'static str {
    match side {
        Side::Left => "left",
        Side::Right => "right",
    }
}

/// The root case file's path as given.
fn root_path(sources: &Sources) -> String {
    sources.file(FileId(0)).path.display().to_string()
}

/// `file:line:column` of a span's start.
fn place(span: Span, sources: &Sources) -> String {
    let (line, column) = sources.line_column(span.file, span.start);
    format!("{}:{line}:{column}", sources.file(span.file).path.display())
}

/// The headline of an event: `#12 1820 decision: …`.
fn headline(event: &Event) -> String {
    format!("#{} {} {}: {}", event.seq, event.year, event.kind.word(), event.summary)
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
