//! A case's expectations judged over an ensemble, as text: one line per expectation.

use std::fmt::Write;

use crate::expectation::{Coverage, Trial};
use crate::scenario::Scenario;
use crate::source::{Sources, Span};

/// Lists the declarations that played no part in any of the `runs` runs of the ensemble.
pub fn render_coverage(scenario: &Scenario, coverage: &Coverage, runs: usize, sources: &Sources) -> String {
    let at = |span: Span| {
        let (line, column) = sources.line_column(span.file, span.start);
        format!("{}:{line}:{column}", sources.file(span.file).path.display())
    };
    let mut unused: Vec<String> = Vec::new();
    for (norm, engaged) in scenario.norms.iter().zip(&coverage.norms) {
        if !engaged {
            unused.push(format!("{}: norm `{}` was never engaged", at(norm.span), norm.name));
        }
    }
    for (rule, fired) in scenario.rules.iter().zip(&coverage.rules) {
        if !fired {
            unused.push(format!("{}: rule \"{}\" never held", at(rule.span), rule.title));
        }
    }
    for (commitment, engaged) in scenario.commitments.iter().zip(&coverage.commitments) {
        if !engaged {
            unused.push(format!("{}: commitment `{}` was never engaged", at(commitment.span), commitment.name));
        }
    }
    for (shock, happened) in scenario.shocks.iter().zip(&coverage.shocks) {
        if !happened {
            unused.push(format!("{}: shock `{}` never happened", at(shock.span), shock.name));
        }
    }
    let runs = format!("{runs} run{}", if runs == 1 { "" } else { "s" });
    if unused.is_empty() {
        return format!("  coverage: every norm, rule, commitment and shock played a part in the {runs}\n");
    }
    let mut out = format!(
        "  coverage: {} declaration{} played no part in the {runs}:\n",
        unused.len(),
        if unused.len() == 1 { "" } else { "s" }
    );
    for line in unused {
        let _ = writeln!(out, "    {line}");
    }
    out
}

/// Renders what an ensemble found about each of a case's expectations.
pub fn render(name: &str, scenario: &Scenario, trial: &Trial) -> String {
    let mut out = String::new();
    let w = &mut out;
    let last = crate::ensemble::seed_of_run(trial.first_seed, trial.runs.saturating_sub(1) as u64);
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
    let passed = trial.verdicts.iter().filter(|v| v.passed()).count();
    let _ = writeln!(w, "{}: {passed} pass, {} fail", expectations(count), count - passed);
    out
}

/// The closing line of a `test` over several cases: the totals of those that ran.
pub fn render_totals(cases: usize, count: usize, passed: usize) -> String {
    let plural = if cases == 1 { "" } else { "s" };
    format!("\nIn all, over {cases} case{plural}: {}, {passed} pass, {} fail\n", expectations(count), count - passed)
}

/// `1 expectation`, `2 expectations`.
fn expectations(count: usize) -> String {
    format!("{count} expectation{}", if count == 1 { "" } else { "s" })
}
