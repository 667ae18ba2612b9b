//! A shock that assigns as a rule does: the change comes when the shock fires,
//! before the shocks after it in the same year, and is traced as the rule's would be.

use covenant::check;
use covenant::engine::{self, Run, RunOptions, Trace};
use covenant::log::{Event, EventKind};
use covenant::scenario::{CommitmentId, PowerId, Scenario, ShockId};

#[path = "support/case.rs"]
mod case;
use case::{figure, scenario};

/// The seed of every run here, fixed so that each test reads one history.
const SEED: u64 = 1;

/// One run with the full trace, of the base case or a variant.
fn run(scenario: &Scenario, variant: Option<&str>) -> Run {
    case::run(scenario, SEED, variant)
}

/// The source text each of an event's causes points at.
fn quoted<'t>(text: &'t str, event: &Event) -> Vec<&'t str> {
    event.causes.iter().map(|c| &text[c.span.range()]).collect()
}

/// The change an assignment logged, found by its summary.
fn change<'r>(run: &'r Run, summary: &str) -> &'r Event {
    run.events
        .iter()
        .find(|e| e.summary == summary)
        .unwrap_or_else(|| panic!("no event `{summary}` in {:#?}", run.events))
}

const ALLY: PowerId = PowerId(2);

/// The ally's answer to the aggression: its decision under the pact.
fn answer(run: &Run) -> &Event {
    run.events.iter().find(|e| e.commitment.is_some() && e.actors == [ALLY]).expect("the ally answers the aggression")
}

/// Two shocks of one year, in source order: the guarantee lowers the ally's
/// constraint and raises its interest before the aggression tests it.
const GUARANTEE: &str = r#"
scenario "Prague, then Poland" { period 1939..1939 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.1 }
power Ally { capability 0.2  constraint 0.9  interest Border 0.1 }
commitment Pact { members Ally, Target  mode automatic  covers aggression }
shock guarantee at 1939 {
  Ally.constraint = 0.2
  Ally.interest.Border += 0.7
  "The ally guarantees the target."
}
shock attack at 1939 { aggression Aggressor -> Target over Border stakes 0.2 }
variant unguaranteed { remove shock guarantee }
"#;

#[test]
fn an_earlier_shock_of_the_year_changes_a_decision_in_a_later_one() {
    let case = scenario(GUARANTEE);
    let guaranteed = run(&case, None);
    let fired = guaranteed
        .events
        .iter()
        .find(|e| e.kind == EventKind::Shock && e.shock == Some(ShockId(0)))
        .expect("the guarantee fires");
    let constraint = change(&guaranteed, "Ally's constraint goes from 0.900 to 0.200");
    let interest = change(&guaranteed, "Ally's interest in Border goes from 0.100 to 0.800");
    for (assignment, line) in [(constraint, "Ally.constraint = 0.2"), (interest, "Ally.interest.Border += 0.7")] {
        assert_eq!(assignment.kind, EventKind::Change, "a shock's change, not a rule's: {assignment:?}");
        assert_eq!(assignment.shock, Some(ShockId(0)), "part of the guarantee");
        assert_eq!(assignment.year, 1939);
        assert_eq!(quoted(GUARANTEE, assignment), [line]);
        assert_eq!(assignment.causes[0].label, "this change");
        assert_eq!(assignment.after, [fired.seq], "it follows from the shock");
    }
    assert_eq!((figure(constraint, "before"), figure(constraint, "after")), (0.9, 0.2));
    assert!((figure(interest, "after") - 0.8).abs() < 1e-12);

    let decided = answer(&guaranteed);
    assert!(decided.seq > interest.seq, "the aggression comes after the guarantee in the same year");
    assert_eq!(figure(decided, "constraint"), 0.2, "the decision reads the constraint the shock set");
    assert!((figure(decided, "interest") - 0.8).abs() < 1e-12);
    let causes = quoted(GUARANTEE, decided);
    assert!(causes.contains(&"Ally.constraint = 0.2"), "the shock's line is the constraint's cause: {causes:?}");
    assert!(causes.contains(&"Ally.interest.Border += 0.7"), "and the interest's: {causes:?}");
    assert!(!causes.contains(&"constraint 0.9"), "not the declaration it replaced: {causes:?}");
    assert!(decided.after.contains(&constraint.seq), "it follows from the change: {:?}", decided.after);
    assert!(decided.after.contains(&interest.seq), "it follows from the change: {:?}", decided.after);

    let without = run(&case, Some("unguaranteed"));
    let unguaranteed = answer(&without);
    assert_eq!(figure(unguaranteed, "constraint"), 0.9);
    assert!(
        figure(decided, "willingness") > figure(unguaranteed, "willingness"),
        "the guarantee makes the ally readier to act: {} against {}",
        figure(decided, "willingness"),
        figure(unguaranteed, "willingness")
    );
}

#[test]
fn a_rule_comes_too_late_for_the_years_shocks_and_a_later_shock_too_late_for_an_earlier_one() {
    // The same assignments in a rule run at the end of 1939, after the aggression.
    let ruled = GUARANTEE.replace(
        "shock guarantee at 1939 {",
        "rule \"The guarantee\" { once when year == 1939 then Ally.constraint = 0.2 }\nshock guarantee {",
    );
    let late = run(&scenario(&ruled), None);
    assert_eq!(figure(answer(&late), "constraint"), 0.9, "the rule runs after the year's crises");
    // Shocks of a year fire in source order: a guarantee written after the
    // aggression comes after it.
    let reordered = GUARANTEE
        .replace("shock attack at 1939 { aggression Aggressor -> Target over Border stakes 0.2 }\n", "")
        .replace(
            "shock guarantee at 1939 {",
            "shock attack at 1939 { aggression Aggressor -> Target over Border stakes 0.2 }\nshock guarantee at 1939 {",
        );
    let after = run(&scenario(&reordered), None);
    assert_eq!(figure(answer(&after), "constraint"), 0.9, "the aggression comes first");
    assert!(after.events.iter().any(|e| e.summary == "Ally's constraint goes from 0.900 to 0.200"));
}

/// A shock that shakes faith in a pact: one that raises its credibility, then one that lowers it.
const SHAKEN: &str = r#"
scenario "Shaken" { period 1939..1940 }
power A { capability 0.3 }
power B { capability 0.3 }
commitment Pact { members A, B  mode automatic  covers aggression  credibility 0.5 }
shock rally at 1939 { Pact.credibility += 0.05 }
shock doubt at 1939 { Pact.credibility -= 0.4 }
variant steady { remove shock doubt }
"#;

#[test]
fn a_shock_that_lowers_a_commitments_credibility_is_among_the_causes_of_its_dissolution() {
    let case = scenario(SHAKEN);
    let shaken = run(&case, None);
    let raised = change(&shaken, "the credibility of `Pact` goes from 0.500 to 0.550");
    let lowered = change(&shaken, "the credibility of `Pact` goes from 0.550 to 0.150");
    for assignment in [raised, lowered] {
        assert_eq!(assignment.commitment, Some(CommitmentId(0)), "the change concerns the pact");
        assert_eq!(assignment.kind, EventKind::Change);
    }
    let dissolved: Vec<&Event> = shaken.events.iter().filter(|e| e.kind == EventKind::Dissolved).collect();
    assert_eq!(dissolved.len(), 1, "credibility 0.15 is below dissolve_below 0.2");
    assert_eq!(dissolved[0].year, 1939, "at the end of the year of the shock");
    assert!((figure(dissolved[0], "credibility") - 0.15).abs() < 1e-9);
    assert!(dissolved[0].after.contains(&lowered.seq), "the shock's change wore it down: {:?}", dissolved[0].after);
    assert!(!dissolved[0].after.contains(&raised.seq), "a change that raised it is no wear: {:?}", dissolved[0].after);

    // Without the doubt the pact stands.
    let steady = run(&case, Some("steady"));
    assert!(steady.events.iter().all(|e| e.kind != EventKind::Dissolved), "it dissolves only after the doubt");

    // An ensemble's bare run, which writes no text, comes to the same.
    let bare = engine::run_traced(&case, &RunOptions { seed: Some(1), variant: None }, Trace::Outcomes).expect("runs");
    let kinds = |run: &Run| run.events.iter().map(|e| (e.year, e.kind)).collect::<Vec<_>>();
    assert_eq!(kinds(&bare), kinds(&shaken));
}

/// A shock and a rule that each raise the threshold below which commitments dissolve.
const THRESHOLD: &str = r#"
scenario "Threshold" { period 1939..1941 }
power A { capability 0.3 }
power B { capability 0.3 }
commitment Pact { members A, B  mode automatic  covers aggression  credibility 0.4 }
commitment Entente { members A, B  mode concert  covers aggression  cohesion 0.45 }
shock doubt at 1940 { model.dissolve_below = 0.42 }
rule "Doubt spreads" { once when year == 1941 then model.dissolve_below += 0.08 }
model { dissolve_below 0.1 }
"#;

#[test]
fn a_model_parameter_a_shock_or_a_rule_sets_is_cited_at_its_line_from_then_on() {
    let case = scenario(THRESHOLD);
    let run = run(&case, None);
    let set = change(&run, "model.dissolve_below goes from 0.100 to 0.420");
    assert_eq!(set.kind, EventKind::Change);
    assert_eq!(quoted(THRESHOLD, set), ["model.dissolve_below = 0.42"]);
    let dissolved: Vec<&Event> = run.events.iter().filter(|e| e.kind == EventKind::Dissolved).collect();
    assert_eq!(dissolved.len(), 2, "each falls below its year's threshold: {dissolved:#?}");

    let pact = dissolved[0];
    assert_eq!((pact.year, pact.commitment), (1940, Some(CommitmentId(0))), "0.4 is below 0.42 from 1940");
    assert_eq!(pact.threshold, Some(0.42));
    let causes = quoted(THRESHOLD, pact);
    assert!(causes.contains(&"model.dissolve_below = 0.42"), "the shock's line, not the model block: {causes:?}");
    assert!(!causes.contains(&"dissolve_below 0.1"), "{causes:?}");
    let label =
        &pact.causes.iter().find(|c| &THRESHOLD[c.span.range()] == "model.dissolve_below = 0.42").unwrap().label;
    assert_eq!(label, "dissolve_below 0.42");

    let entente = dissolved[1];
    assert_eq!((entente.year, entente.commitment), (1941, Some(CommitmentId(1))), "0.45 is below 0.5 from 1941");
    let causes = quoted(THRESHOLD, entente);
    assert!(causes.contains(&"model.dissolve_below += 0.08"), "the rule's line, last to set it: {causes:?}");
    assert!(!causes.contains(&"model.dissolve_below = 0.42"), "{causes:?}");
}

#[test]
fn a_regime_a_shock_assigns_is_logged_as_its_regime_effect_is() {
    let text = r#"
scenario "Turn" { period 1922..1922 }
power Italy { capability 0.05  regime liberal }
power Britain { capability 0.1  regime liberal }
relation Italy Britain { trust 0.5 }
shock march_on_rome at 1922 { Italy.regime = fascist }
shock coup at 1922 { regime Britain = absolutist }
"#;
    let case = scenario(text);
    let run = run(&case, None);
    let assigned = change(&run, "Italy's regime changes from liberal to fascist");
    let effect = change(&run, "Britain's regime changes from liberal to absolutist");
    for (event, line, power) in
        [(assigned, "Italy.regime = fascist", PowerId(0)), (effect, "regime Britain = absolutist", PowerId(1))]
    {
        assert_eq!(event.kind, EventKind::Change);
        assert_eq!(event.actors, [power]);
        assert_eq!(quoted(text, event), [line]);
        assert_eq!(event.causes[0].label, "this change");
    }
    let regime = run.panel.iter().find(|r| r.power == PowerId(0)).and_then(|r| r.regime);
    assert_eq!(regime.map(|r| case.regime(Some(r))), Some("fascist"));
}

#[test]
fn a_shock_assignment_is_checked_as_a_rules_is() {
    let text = r#"
scenario "Checked" { period 1939..1939 }
power Britain { capability 0.1  regime liberal }
power Poland { capability 0.03 }
relation Britain Poland { trust 0.5 }
commitment Guarantee { members Britain, Poland  mode automatic  covers aggression }
shock wrong at 1939 {
  Guarantee.alive = false
  Britain.constraint = liberal
  trust(Britain, Britain) += 0.1
}
"#;
    let loaded = case::load(text);
    let checked = check::check(&loaded);
    let found: Vec<(&str, &str)> =
        checked.diagnostics.iter().map(|d| (d.code.id(), &text[d.primary.span.range()])).collect();
    assert_eq!(
        found,
        [("C053", "Guarantee.alive"), ("C050", "liberal"), ("C033", "trust(Britain, Britain)")],
        "the rule's codes at the rule's spans"
    );
    assert!(checked.scenario.is_none());
}
