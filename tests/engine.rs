//! Behavioural tests of the model: each asserts a mechanism the seed texts argue for.

use std::path::Path;

use covenant::check;
use covenant::engine::{self, Run, RunOptions};
use covenant::load::{self, LoadOptions};
use covenant::log::{Event, EventKind};
use covenant::report;
use covenant::scenario::Scenario;

fn scenario(text: &str) -> Scenario {
    let loaded = load::load_bytes(Path::new("test.cov"), text.as_bytes().to_vec(), LoadOptions::default());
    let checked = check::check(&loaded);
    let errors: Vec<String> = checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
    checked.scenario.unwrap_or_else(|| panic!("the test case checks: {errors:?}"))
}

fn run(scenario: &Scenario, seed: u64, variant: Option<&str>) -> Run {
    engine::run(scenario, &RunOptions { seed: Some(seed), variant: variant.map(str::to_string) })
        .expect("the run starts")
}

fn of_kind(run: &Run, kind: EventKind) -> Vec<&Event> {
    run.events.iter().filter(|e| e.kind == kind).collect()
}

fn figure(event: &Event, name: &str) -> f64 {
    event.figures.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no figure `{name}` in {event:?}")).value
}

/// Three members held back at home and indifferent to the region: Kupchan's
/// case of an automatic commitment whose members will not act.
const RELUCTANT: &str = r#"
scenario "Reluctant league" { period 1900..1900 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.1 }
power Britain { capability 0.2  constraint 0.9 }
power France { capability 0.2  constraint 0.9 }
power Italy { capability 0.2  constraint 0.9 }
norm status_quo { strength 0.5  forbids conquest }
commitment League {
  members Target, Britain, France, Italy
  mode automatic
  covers aggression
  upholds status_quo
}
relation Aggressor Target { trust 0.3 }
shock attack at 1900 { aggression Aggressor -> Target over Balkans stakes 0.1 }
variant concert { League.mode = concert }
"#;

#[test]
fn automatic_members_who_will_not_act_defect_and_credibility_falls() {
    let case = scenario(RELUCTANT);
    let run = run(&case, 1, None);
    let defections = of_kind(&run, EventKind::Defection);
    assert_eq!(defections.len(), 3, "every reluctant member defects");
    let credibility = run.system.last().expect("a year").commitments[0].2;
    assert!((credibility - (0.8 - 3.0 * 0.15)).abs() < 1e-9, "credibility fell by three defections: {credibility}");
    let norm = run.system.last().expect("a year").norms[0].1;
    assert!(norm < 0.5, "the upheld norm weakened: {norm}");
}

#[test]
fn concert_members_who_will_not_act_abstain_without_breach() {
    let case = scenario(RELUCTANT);
    let run = run(&case, 1, Some("concert"));
    assert!(of_kind(&run, EventKind::Defection).is_empty(), "abstention is not defection");
    let stances: Vec<&str> = of_kind(&run, EventKind::Stance).iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(stances.iter().filter(|s| s.contains("abstains")).count(), 3, "{stances:?}");
    let cohesion = run.system.last().expect("a year").commitments[0].1;
    assert_eq!(cohesion, 0.8, "cohesion does not fall for abstentions");
    let decision = of_kind(&run, EventKind::Decision)[0];
    assert!(decision.summary.contains("takes no action"), "{}", decision.summary);
}

/// A revisionist facing a coalition whose members always act.
fn coalition(members_capability: f64) -> String {
    format!(
        r#"
scenario "Deterrence" {{ period 1900..1900 }}
power Aggressor {{ capability 0.2  stance revisionist }}
power Target {{ capability 0.05 }}
power Ally {{ capability {members_capability}  interest Rhine 1 }}
power Other {{ capability {members_capability}  interest Rhine 1 }}
norm pact {{ strength 1 }}
commitment Pact {{
  members Target, Ally, Other
  mode automatic
  covers aggression
  upholds pact
  credibility 1
}}
model {{ transparency 1  war_memory 1 }}
shock attack at 1900 {{ aggression Aggressor -> Target over Rhine stakes 0.2 }}
"#
    )
}

#[test]
fn an_overwhelming_credible_coalition_deters() {
    let case = scenario(&coalition(0.3));
    for seed in 0..20 {
        let run = run(&case, seed, None);
        assert_eq!(of_kind(&run, EventKind::Balancing).len(), 2, "both allies act");
        assert_eq!(of_kind(&run, EventKind::Deterred).len(), 1, "seed {seed}: deterred");
        assert!(of_kind(&run, EventKind::War).is_empty());
    }
}

#[test]
fn a_weak_coalition_does_not_deter() {
    let case = scenario(&coalition(0.02));
    for seed in 0..20 {
        let run = run(&case, seed, None);
        assert!(of_kind(&run, EventKind::Deterred).is_empty(), "seed {seed}: not deterred");
        let war = of_kind(&run, EventKind::War);
        assert_eq!(war.len(), 1);
        assert!(figure(war[0], "opposition") < figure(war[0], "capability"));
    }
}

/// An aggressor near the edge of deterrence: with perfect sight it backs
/// down, in a fog it sometimes misjudges and attacks.
fn fog(transparency: f64) -> String {
    format!(
        r#"
scenario "Fog" {{ period 1900..1900 }}
power Aggressor {{ capability 0.2 }}
power Target {{ capability 0.32 }}
model {{ transparency {transparency}  resolve_base 0.3 }}
allow isolated-power
shock attack at 1900 {{ aggression Aggressor -> Target over March stakes 0.1 }}
"#
    )
}

fn misperceived_wars(transparency: f64, seeds: u64) -> usize {
    let case = scenario(&fog(transparency));
    (0..seeds)
        .map(|seed| run(&case, seed, None))
        .filter(|run| of_kind(run, EventKind::War).iter().any(|w| figure(w, "misperceived") == 1.0))
        .count()
}

#[test]
fn transparency_lowers_wars_from_misperception() {
    let foggy = misperceived_wars(0.1, 300);
    let clear = misperceived_wars(0.9, 300);
    assert!(foggy > 50, "in a fog many wars start from misjudgement: {foggy}");
    assert_eq!(clear, 0, "with timely warning none do");
    assert!(misperceived_wars(0.5, 300) < foggy);
}

/// The same crisis every year for sixty years, before a concert whose war
/// memory fades.
const FADING: &str = r#"
scenario "Fading memory" { period 1900..1959 }
power Aggressor { capability 0.05 }
power Target { capability 0.05 }
power Ally { capability 0.1  interest Straits 0.5  constraint 0.2 }
power Other { capability 0.1  interest Straits 0.5  constraint 0.2 }
power Third { capability 0.1  interest Straits 0.5  constraint 0.2 }
norm order { strength 0.5  forbids conquest }
commitment Concert {
  members Target, Ally, Other, Third
  mode concert
  decide majority
  covers aggression
  upholds order
}
model { war_memory 1  war_memory_decay 0.05  dissolve_below 0  split_cohesion_loss 0 }
shock pressure during 1900..1959 { aggression Aggressor -> Target over Straits stakes 0.01 }
"#;

#[test]
fn fading_war_memory_lowers_cooperation() {
    let case = scenario(FADING);
    let (mut early, mut late) = (0, 0);
    for seed in 0..20 {
        let run = run(&case, seed, None);
        for stance in of_kind(&run, EventKind::Stance) {
            if stance.summary.contains("supports") {
                if stance.year < 1910 {
                    early += 1;
                } else if stance.year >= 1950 {
                    late += 1;
                }
            }
        }
    }
    assert!(early > late + 20, "support in the first decade {early}, in the last {late}");
}

#[test]
fn a_dissolved_commitment_never_acts_again() {
    let text = RELUCTANT.replace("period 1900..1900", "period 1900..1905").replace(
        "shock attack at 1900",
        "rule \"The league is wound up\" { once when year == 1901 then dissolve League }\nshock attack during 1900..1905",
    );
    let case = scenario(&text);
    let run = run(&case, 3, None);
    let dissolved = of_kind(&run, EventKind::Dissolved);
    assert_eq!(dissolved.len(), 1);
    let after: Vec<&Event> = run
        .events
        .iter()
        .filter(|e| e.seq > dissolved[0].seq && e.commitment.is_some() && e.kind != EventKind::Dissolved)
        .collect();
    assert!(after.is_empty(), "events of a dissolved commitment: {after:?}");
    assert!(of_kind(&run, EventKind::Crisis).iter().any(|e| e.year > 1901), "crises go on without it");
}

#[test]
fn a_commitment_worn_below_the_threshold_dissolves_and_names_its_wear() {
    let text = RELUCTANT
        .replace("period 1900..1900", "period 1900..1903")
        .replace("shock attack at 1900", "shock attack during 1900..1903");
    let case = scenario(&text);
    let run = run(&case, 5, None);
    let dissolved = of_kind(&run, EventKind::Dissolved);
    assert_eq!(dissolved.len(), 1, "credibility falls below 0.2 after two rounds of defections");
    assert_eq!(dissolved[0].year, 1901);
    assert!(dissolved[0].after.len() >= 4, "the dissolution names the losses that caused it: {:?}", dissolved[0].after);
    assert!(of_kind(&run, EventKind::Defection).iter().all(|d| d.year <= 1901));
}

#[test]
fn the_same_seed_gives_the_same_log_and_another_seed_another() {
    let text = std::fs::read_to_string("examples/concert_of_europe.cov").expect("the example");
    let case = scenario(&text);
    let first = report::text::render(&case, &run(&case, 42, None));
    let second = report::text::render(&case, &run(&case, 42, None));
    assert_eq!(first, second);
    let distinct: std::collections::BTreeSet<String> =
        (0..8).map(|seed| report::text::render(&case, &run(&case, seed, None))).collect();
    assert!(distinct.len() > 1, "different seeds give different runs");
}

#[test]
fn every_draw_is_recorded_with_its_threshold() {
    let text = std::fs::read_to_string("examples/concert_of_europe.cov").expect("the example");
    let case = scenario(&text);
    let run = run(&case, 7, None);
    for event in &run.events {
        if let Some(draw) = event.draw {
            assert!((0.0..1.0).contains(&draw), "#{}: draw {draw}", event.seq);
            assert!(event.threshold.is_some(), "#{} has a draw but no threshold", event.seq);
        }
        for earlier in &event.after {
            assert!(*earlier < event.seq, "#{} follows a later event #{earlier}", event.seq);
        }
    }
}

#[test]
fn an_unknown_variant_is_refused_with_the_known_ones() {
    let case = scenario(RELUCTANT);
    let error = engine::run(&case, &RunOptions { seed: None, variant: Some("automatik".into()) }).expect_err("refused");
    assert_eq!(error.to_string(), "the case has no variant `automatik`; its variants are concert");
}

#[test]
fn a_capability_from_data_follows_the_record_year_by_year() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/pass/data_capabilities.cov");
    let loaded = load::load(&root, LoadOptions::default()).expect("readable");
    let case = check::check(&loaded).scenario.expect("checks clean");
    let run = run(&case, 1, None);
    let aland: Vec<f64> = run.panel.iter().filter(|r| r.power.0 == 0).map(|r| r.capability).collect();
    let expected = [0.30, 0.32, 0.35];
    for (got, want) in aland.iter().zip(expected) {
        assert!((got - want).abs() < 1e-12, "{aland:?}");
    }
    let bland: Vec<f64> = run.panel.iter().filter(|r| r.power.0 == 1).map(|r| r.capability).collect();
    assert_eq!(bland, vec![0.2, 0.2, 0.2], "a written capability stays put without events");
}
