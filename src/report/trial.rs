//! A case's expectations judged over an ensemble, as text: one line per expectation.

use std::fmt::Write;

use crate::expectation::Trial;
use crate::scenario::Scenario;

/// Renders what an ensemble found about each of a case's expectations.
pub fn render(name: &str, scenario: &Scenario, trial: &Trial) -> String {
    let mut out = String::new();
    let w = &mut out;
    let last = trial.first_seed.wrapping_add(trial.runs.saturating_sub(1) as u64);
    let count = scenario.expectations.len();
    let _ = writeln!(
        w,
        "{name}: {count} expectation{} over {} run{}, seeds {}..{last}",
        if count == 1 { "" } else { "s" },
        trial.runs,
        if trial.runs == 1 { "" } else { "s" },
        trial.first_seed,
    );
    for (expectation, verdict) in scenario.expectations.iter().zip(&trial.verdicts) {
        let (mark, relation) = if verdict.passed() { ("pass", "≥") } else { ("FAIL", "<") };
        let _ = writeln!(
            w,
            "  {mark}  {:.2}  [{:.2}, {:.2}]  {relation} {:.2}  {}",
            verdict.rate(),
            verdict.interval.0,
            verdict.interval.1,
            verdict.required,
            expectation.title
        );
        if !verdict.missed.is_empty() {
            let seeds: Vec<String> = verdict.missed.iter().map(u64::to_string).collect();
            let _ = writeln!(
                w,
                "        missed with seed {}; replay with `covenant run {name} --seed S`",
                seeds.join(", ")
            );
        }
    }
    out
}
