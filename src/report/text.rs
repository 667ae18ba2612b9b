//! The outcome log as text: grouped by year, aligned, readable aloud, with a closing summary.

use std::fmt::Write;

use crate::engine::Run;
use crate::log::EventKind;
use crate::model::PARAMETERS;
use crate::scenario::Scenario;

/// Renders a whole run as text.
pub fn render(scenario: &Scenario, run: &Run) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "{}", scenario.title.value);
    let _ = writeln!(
        w,
        "variant {}, seed {}, {}..{}",
        run.variant.as_deref().unwrap_or("base"),
        run.seed,
        scenario.period.start,
        scenario.period.end
    );
    let parameters: Vec<String> =
        PARAMETERS.iter().zip(&run.parameters).map(|(spec, value)| format!("{} {}", spec.name, value)).collect();
    let _ = writeln!(w, "model: {}", parameters.join(", "));
    let width = run.events.len().to_string().len();
    let mut year = None;
    for event in &run.events {
        if year != Some(event.year) {
            let _ = writeln!(w, "\n{}", event.year);
            year = Some(event.year);
        }
        let _ = writeln!(w, "  #{:<width$}  {:<12}  {}", event.seq, event.kind.word(), event.summary);
    }
    summary(w, scenario, run);
    out
}

fn summary(w: &mut String, scenario: &Scenario, run: &Run) {
    let _ = writeln!(w, "\nSummary");
    let wars: Vec<String> = run
        .events
        .iter()
        .filter(|e| e.kind == EventKind::War)
        .map(|e| {
            let names: Vec<&str> = e.actors.iter().map(|p| scenario.powers[p.0].name.as_str()).collect();
            match names.split_first() {
                Some((first, rest)) if !rest.is_empty() => format!("{} {first} against {}", e.year, rest.join(", ")),
                _ => format!("{} {}", e.year, names.join(", ")),
            }
        })
        .collect();
    let _ = writeln!(w, "  wars: {}{}", wars.len(), if wars.is_empty() { String::new() } else { format!(" ({})", wars.join("; ")) });
    let years = scenario.period.years();
    let peaceful = (scenario.period.start..=scenario.period.end)
        .filter(|year| {
            !run.panel.iter().any(|row| row.year == *year && row.at_war && scenario.powers[row.power.0].great.is_some())
        })
        .count();
    let _ = writeln!(w, "  years without a great power at war: {peaceful} of {years}");
    if let Some(last) = run.system.last() {
        let norms: Vec<String> =
            last.norms.iter().map(|(n, s)| format!("{} {s:.2}", scenario.norms[n.0].name)).collect();
        if !norms.is_empty() {
            let _ = writeln!(w, "  norms at the end: {}", norms.join(", "));
        }
        for (c, cohesion, credibility, alive) in &last.commitments {
            let name = &scenario.commitments[c.0].name;
            if *alive {
                let _ = writeln!(w, "  `{name}` is alive: cohesion {cohesion:.2}, credibility {credibility:.2}");
            } else {
                let dissolution = run.events.iter().find(|e| e.kind == EventKind::Dissolved && e.commitment == Some(*c));
                match dissolution {
                    Some(e) if !e.after.is_empty() => {
                        let after: Vec<String> = e.after.iter().map(|s| format!("#{s}")).collect();
                        let _ = writeln!(w, "  `{name}` dissolved in {} (#{}), worn down by {}", e.year, e.seq, after.join(", "));
                    }
                    Some(e) => {
                        let _ = writeln!(w, "  `{name}` dissolved in {} (#{})", e.year, e.seq);
                    }
                    None => {
                        let _ = writeln!(w, "  `{name}` dissolved");
                    }
                }
            }
        }
    }
}
