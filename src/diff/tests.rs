//! Unit tests of the comparison: divergence, ties and the aftermath.

use super::*;
use crate::check::check;
use crate::engine::{self, RunOptions};
use crate::load::{load_bytes, LoadOptions};
use crate::log::Figure;

fn case(text: &str) -> (Scenario, Sources) {
    let loaded = load_bytes(std::path::Path::new("case.cov"), text.as_bytes().to_vec(), LoadOptions::default());
    let checked = check(&loaded);
    assert!(checked.diagnostics.error_count() == 0, "{:?}", checked.diagnostics);
    (checked.scenario.expect("the case checks"), loaded.sources)
}

fn run(scenario: &Scenario, variant: Option<&str>) -> Run {
    engine::run(scenario, &RunOptions { seed: None, variant: variant.map(str::to_string) }).expect("the run starts")
}

/// Compares the base case (or a first variant) with a variant of the same case.
fn compare_variants(text: &str, left: Option<&str>, right: Option<&str>) -> (Scenario, Sides<Run>, Diff) {
    let (scenario, sources) = case(text);
    let runs = Sides { left: run(&scenario, left), right: run(&scenario, right) };
    let diff = compare(&runs.map(|_, run| History { scenario: &scenario, sources: &sources, run }));
    (scenario, runs, diff)
}

/// An aggression nobody is bound to answer: self-help, then deterrence,
/// the first event that reads `transparency`.
const SELF_HELP: &str = r#"
scenario "Self-help" { period 1900..1905 seed 3 }
power Ruritania { capability 0.3 stance revisionist }
power Borduria { capability 0.2 interest Border 1 }
power Syldavia { capability 0.4 constraint 0.2 interest Border 0.6 }
shock dispute at 1902 { aggression Ruritania -> Borduria over Border stakes 0.2 }
variant opaque { model.transparency = 0.1 }
variant costly { model.war_cost = 0.3 }
variant calm { model.shared_regime_affinity = 0.3 }
"#;

#[test]
fn a_run_against_itself_does_not_diverge() {
    let (_, runs, diff) = compare_variants(SELF_HELP, None, None);
    assert!(!runs.left.events.is_empty());
    assert_eq!(diff.divergence, None);
    assert!(diff.differences.is_empty(), "{:#?}", diff.differences);
    assert_eq!(diff.aftermath, Aftermath::default());
    assert_eq!(diff.outcomes.left, diff.outcomes.right);
}

#[test]
fn a_changed_parameter_diverges_at_the_first_event_that_records_it() {
    let (_, runs, diff) = compare_variants(SELF_HELP, None, Some("opaque"));
    let first_reader = runs
        .left
        .events
        .iter()
        .find(|e| e.figures.iter().any(|f| f.name == "transparency"))
        .expect("an event records the transparency");
    let divergence = diff.divergence.expect("the runs diverge");
    assert_eq!(divergence.index + 1, first_reader.seq);
    assert_eq!(divergence.events, Sides { left: Some(first_reader.seq), right: Some(first_reader.seq) });
    assert!(divergence.fields.contains(&Field::Figures), "{:?}", divergence.fields);
    assert_eq!(diff.differences.len(), 1);
    assert_eq!(diff.differences[0].path, "model.transparency");
    assert!(!divergence.ties.is_empty());
    assert!(divergence.ties.iter().all(|t| t.difference == 0 && t.seq == first_reader.seq), "{:?}", divergence.ties);
    let base = divergence.ties.iter().find(|t| t.side == Side::Left).expect("the base event records it too");
    assert_eq!(base.evidence, Evidence::Figure { name: "transparency".into(), value: 0.5 });
}

/// A revolution the concert's members consult on.
const REVOLUTION: &str = r#"
scenario "Revolution" { period 1900..1903 seed 5 }
power Austria { capability 0.4 regime absolutist great }
power Russia { capability 0.4 regime absolutist great }
power Naples { capability 0.1 regime absolutist }
commitment Holy { members Austria, Russia mode concert decide consensus covers revolution protects Naples }
shock rising at 1901 { revolution in Naples }
variant calm { model.shared_regime_affinity = 0.1 }
variant liberal_norm { model.intervention_norm_weight = 0.9 }
variant bound { Holy.mode = automatic }
"#;

#[test]
fn a_parameter_recorded_under_another_name_is_tied_by_its_values() {
    // The engine records `shared_regime_affinity` as the figure `affinity`.
    let (_, _, diff) = compare_variants(REVOLUTION, None, Some("calm"));
    let divergence = diff.divergence.expect("the runs diverge");
    assert!(divergence.fields.contains(&Field::Figures));
    let evidence: Vec<&Evidence> = divergence.ties.iter().map(|t| &t.evidence).collect();
    assert_eq!(
        evidence,
        [
            &Evidence::Value { name: "affinity".to_string(), value: 0.8 },
            &Evidence::Value { name: "affinity".to_string(), value: 0.1 }
        ]
    );
}

#[test]
fn a_difference_nothing_records_is_not_tied() {
    // The norm weight feeds the willingness, but no figure carries it and no
    // cause points at it: the diff must not pretend to know.
    let with_norm = format!("{REVOLUTION}norm hands_off {{ strength 0.5 forbids intervention }}\n");
    let (scenario, _, diff) = compare_variants(&with_norm, None, Some("liberal_norm"));
    assert_eq!(scenario.norms.len(), 1);
    let divergence = diff.divergence.expect("the runs diverge");
    assert_eq!(diff.differences.len(), 1);
    assert_eq!(divergence.ties, Vec::new());
}

#[test]
fn a_commitment_setting_is_tied_through_the_commitment_its_events_concern() {
    let (_, _, diff) = compare_variants(REVOLUTION, None, Some("bound"));
    let divergence = diff.divergence.expect("the runs diverge");
    assert!(divergence.fields.contains(&Field::Kind));
    assert!(!divergence.ties.is_empty());
    for tie in &divergence.ties {
        assert_eq!(diff.differences[tie.difference].path, "Holy.mode");
        assert_eq!(tie.evidence, Evidence::Concerns);
    }
}

#[test]
fn two_variants_compare_with_each_other() {
    let (_, _, diff) = compare_variants(SELF_HELP, Some("opaque"), Some("costly"));
    let paths: Vec<&str> = diff.differences.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["model.transparency", "model.war_cost"]);
    assert!(diff.differences[0].spans.left.is_some() && diff.differences[0].spans.right.is_none());
}

#[test]
fn events_compare_by_name_across_files() {
    // The same powers declared in another order: indices differ, names do not.
    let swapped = SELF_HELP.replace(
        "power Ruritania { capability 0.3 stance revisionist }\npower Borduria { capability 0.2 interest Border 1 }",
        "power Borduria { capability 0.2 interest Border 1 }\npower Ruritania { capability 0.3 stance revisionist }",
    );
    let (a, a_sources) = case(SELF_HELP);
    let (b, b_sources) = case(&swapped);
    let runs = Sides { left: run(&a, None), right: run(&b, None) };
    let histories = Sides {
        left: History { scenario: &a, sources: &a_sources, run: &runs.left },
        right: History { scenario: &b, sources: &b_sources, run: &runs.right },
    };
    let diff = compare(&histories);
    assert_eq!(diff.divergence, None, "the same history under other indices");
    assert!(diff.differences.is_empty(), "{:#?}", diff.differences);
}

#[test]
fn every_field_is_compared_and_a_shorter_log_diverges_where_it_ends() {
    let (scenario, sources) = case(SELF_HELP);
    let base = run(&scenario, None);
    let mut changed = base.clone();
    let last = changed.events.len() - 1;
    changed.events[last].figures.push(Figure { name: "extra".into(), value: 1.0 });
    changed.events[last].draw = Some(0.25);
    let histories = |right: &Run| {
        let history = |run| History { scenario: &scenario, sources: &sources, run };
        compare(&Sides { left: history(&base), right: history(right) })
    };
    let divergence = histories(&changed).divergence.expect("the last event differs");
    assert_eq!(divergence.index, last);
    assert_eq!(divergence.fields, [Field::Figures, Field::Draw]);

    let mut shorter = base.clone();
    shorter.events.pop();
    let divergence = histories(&shorter).divergence.expect("one log ends first");
    assert_eq!(divergence.index, last);
    assert_eq!(divergence.events, Sides { left: Some(last + 1), right: None });
    assert!(divergence.fields.is_empty());
}

#[test]
fn the_aftermath_counts_what_has_no_counterpart() {
    let kinds = |keys: &[(EventKind, i32)]| -> Vec<(EventKind, Key<'static>)> {
        keys.iter().map(|(kind, year)| (*kind, (*year, kind.word(), vec!["Britain"], None, None))).collect()
    };
    let left = kinds(&[(EventKind::War, 1850), (EventKind::Trust, 1850), (EventKind::Trust, 1850)]);
    let right = kinds(&[(EventKind::Trust, 1850), (EventKind::Defection, 1851), (EventKind::War, 1851)]);
    assert_eq!(unmatched(&left, &right), [(EventKind::War, 1), (EventKind::Trust, 1)]);
    assert_eq!(unmatched(&right, &left), [(EventKind::Defection, 1), (EventKind::War, 1)]);
}

/// A guarantee that deters an aggression, and a variant without it.
const GUARANTEED: &str = r#"
scenario "Guaranteed" { period 1900..1903 seed 5 }
power Ruritania { capability 0.3 stance revisionist great }
power Borduria { capability 0.2 interest Border 1 great }
power Syldavia { capability 0.4 interest Border 0.6 great }
commitment Guarantee { members Borduria, Syldavia  mode automatic  covers aggression }
shock dispute at 1901 { aggression Ruritania -> Borduria over Border stakes 0.2 }
variant without { remove commitment Guarantee }
"#;

#[test]
fn a_removed_commitment_is_one_difference_set_by_its_remove_line_and_absent_from_the_outcomes() {
    let (scenario, sources) = case(GUARANTEED);
    let runs = Sides { left: run(&scenario, None), right: run(&scenario, Some("without")) };
    let diff = compare(&runs.map(|_, run| History { scenario: &scenario, sources: &sources, run }));
    let paths: Vec<&str> = diff.differences.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["commitment Guarantee"], "not one difference per attribute");
    let removed = &diff.differences[0];
    assert_eq!(removed.values.right, Value::Absent);
    let set = removed.spans.right.expect("set by the remove line");
    assert_eq!(sources.slice(set), "remove commitment Guarantee");
    let names = |o: &Outcomes| o.commitments.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&diff.outcomes.left), ["Guarantee"]);
    assert!(names(&diff.outcomes.right).is_empty(), "absent, not dissolved");
}
