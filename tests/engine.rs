//! Behavioural tests of the model: each asserts a mechanism the seed texts argue for.

use std::path::Path;

use covenant::check;
use covenant::engine::{self, Run, RunOptions};
use covenant::load::{self, LoadOptions};
use covenant::log::{Event, EventKind};
use covenant::report;
use covenant::scenario::Scenario;

#[path = "support/case.rs"]
mod case;
use case::{figure, of_kind, run, scenario};

/// The event of a war's first year, its end or its going on: it names every side.
fn war_of(run: &Run) -> Option<&Event> {
    run.events.iter().find(|e| e.begins_war())
}

/// The aggressor's decision in a run of one aggression: deterred, or war.
fn deterrence(run: &Run) -> &Event {
    run.events.iter().find(|e| matches!(e.kind, EventKind::War | EventKind::Deterred)).expect("the aggressor decides")
}

/// Three members held back at home and indifferent to the region, whom
/// even the coalition they would fight in leaves outmatched: Kupchan's case
/// of an automatic commitment whose members will not act.
const RELUCTANT: &str = r#"
scenario "Reluctant league" { period 1900..1900 }
power Aggressor { capability 0.4  stance revisionist }
power Target { capability 0.05 }
power Britain { capability 0.1  constraint 0.9 }
power France { capability 0.1  constraint 0.9 }
power Italy { capability 0.1  constraint 0.9 }
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
    let credibility = run.system.last().expect("a year").commitments[0].credibility;
    // Nobody honoured the call: credibility moves half way (the default
    // credibility_learning) from 0.8 toward 0.
    assert!((credibility - 0.4).abs() < 1e-9, "credibility learnt from the crisis: {credibility}");
    let standing = of_kind(&run, EventKind::Standing);
    assert_eq!(standing.len(), 1, "credibility is judged once per crisis: {standing:?}");
    assert_eq!(figure(standing[0], "honoured"), 0.0);
    for defection in &defections {
        assert!(standing[0].after.contains(&defection.seq), "the fall names every defection");
    }
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
    let cohesion = run.system.last().expect("a year").commitments[0].cohesion;
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
    // Each year's war is decided in its year, so each year's attack is a
    // new crisis, not a campaign of a war under way.
    let text = RELUCTANT
        .replace("period 1900..1900", "period 1900..1903\n  }\n  model { war_decisiveness 1")
        .replace("shock attack at 1900", "shock attack during 1900..1903");
    let case = scenario(&text);
    let run = run(&case, 5, None);
    let dissolved = of_kind(&run, EventKind::Dissolved);
    // 0.8, then 0.4, 0.2 (not below) and 0.1: three crises nobody answers.
    assert_eq!(dissolved.len(), 1, "credibility falls below 0.2 after three rounds of defections");
    assert_eq!(dissolved[0].year, 1902);
    assert_eq!(
        dissolved[0].after.len(),
        3,
        "the dissolution names the losses that caused it: {:?}",
        dissolved[0].after
    );
    assert!(of_kind(&run, EventKind::Defection).iter().all(|d| d.year <= 1902));
}

#[test]
fn the_same_seed_gives_the_same_log_and_another_seed_another() {
    let text = std::fs::read_to_string("tests/cases/concert_short.cov").expect("the example");
    let case = scenario(&text);
    let mut sources = covenant::source::Sources::new();
    sources.add("test.cov", text.as_str());
    let first = report::text::render(&case, &run(&case, 42, None), &sources);
    let second = report::text::render(&case, &run(&case, 42, None), &sources);
    assert_eq!(first, second);
    let distinct: std::collections::BTreeSet<String> =
        (0..8).map(|seed| report::text::render(&case, &run(&case, seed, None), &sources)).collect();
    assert!(distinct.len() > 1, "different seeds give different runs");
}

#[test]
fn every_draw_is_recorded_with_its_threshold() {
    let text = std::fs::read_to_string("tests/cases/concert_short.cov").expect("the example");
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
    assert_eq!(
        error,
        engine::RunError::UnknownVariant { name: "automatik".into(), known: vec!["concert".into()] },
        "the error carries the name asked for and the variants the case has"
    );
    assert_eq!(error.to_string(), "the case has no variant `automatik`; its variants are concert");
}

#[test]
fn a_capability_from_data_follows_the_record_year_by_year() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/pass/data_capabilities.cov");
    // The fixture is shared by the UI cases, in a folder beside theirs.
    let loaded = load::load(&root, LoadOptions { allow_outside: true, ..LoadOptions::default() }).expect("readable");
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

/// A guarantee that comes into being in 1830, and a variant without it.
const LATE_GUARANTEE: &str = r#"
scenario "A late guarantee" { period 1820..1840 }
power Aggressor { capability 0.2  stance revisionist }
power Target { capability 0.05 }
power Guarantor { capability 0.4  interest Straits 1 }
commitment Guarantee {
  members Guarantor, Target
  mode concert
  formed 1830
  covers aggression
}
shock early at 1825 { aggression Aggressor -> Target over Straits stakes 0.1 }
shock late at 1835 { aggression Aggressor -> Target over Straits stakes 0.1 }
shock joins at 1826 { join Aggressor to Guarantee }
variant without { remove commitment Guarantee }
"#;

#[test]
fn a_commitment_formed_later_answers_nothing_before_its_year() {
    let case = scenario(LATE_GUARANTEE);
    let run = run(&case, 7, None);
    let formed = of_kind(&run, EventKind::Formed);
    assert_eq!(formed.len(), 1, "formed once");
    assert_eq!(formed[0].year, 1830);
    let consults: Vec<i32> = of_kind(&run, EventKind::Consult).iter().map(|e| e.year).collect();
    assert_eq!(consults, vec![1835], "consulted only on the crisis after it formed");
    let alive: Vec<bool> = run.system.iter().map(|s| s.commitments[0].alive).collect();
    assert!(alive[..10].iter().all(|a| !a) && alive[10..].iter().all(|a| *a), "{alive:?}");
    // Joining before it forms is allowed: the member is there when it forms.
    let joined = of_kind(&run, EventKind::Membership);
    assert!(joined[0].summary.contains("joins"), "{}", joined[0].summary);
}

#[test]
fn a_removed_commitment_never_exists_in_its_variant() {
    let case = scenario(LATE_GUARANTEE);
    let run = run(&case, 7, Some("without"));
    assert!(of_kind(&run, EventKind::Formed).is_empty());
    assert!(of_kind(&run, EventKind::Consult).is_empty());
    assert!(of_kind(&run, EventKind::Dissolved).is_empty(), "removed is not dissolved");
    let membership = of_kind(&run, EventKind::Membership);
    assert!(membership[0].summary.contains("this variant removes it"), "{}", membership[0].summary);
    assert!(run.system.iter().all(|s| !s.commitments[0].alive));
}

/// The same balancers, bound by a concert or free to choose: counted in
/// full (0.45) they outweigh the 0.36 the aggressor would risk, counted at a
/// quarter (0.15) they do not.
fn predictability(uncommitted_weight: f64, concert: bool) -> String {
    let commitment = if concert {
        "commitment Pact { members Target, Britain, France  mode concert  covers aggression }"
    } else {
        "relation Britain France { trust 0.5 }"
    };
    format!(
        r#"
scenario "Predictability" {{ period 1900..1900 }}
model {{ uncommitted_weight {uncommitted_weight}  buck_passing 0 }}
power Aggressor {{ capability 0.2  stance 0.5 }}
power Target {{ capability 0.05 }}
power Britain {{ capability 0.2  interest Region 1 }}
power France {{ capability 0.2  interest Region 1 }}
{commitment}
shock attack at 1900 {{ aggression Aggressor -> Target over Region stakes 0.1 }}
"#
    )
}

fn wars(text: &str, seeds: u64) -> usize {
    let case = scenario(text);
    (0..seeds).map(|seed| of_kind(&run(&case, seed, None), EventKind::War).len()).sum()
}

#[test]
fn aggressors_discount_balancers_that_promised_nothing() {
    // Kupchan & Kupchan: the predictable coalition deters better than the same
    // powers balancing on their own account.
    let counted_fully = wars(&predictability(1.0, false), 400);
    let discounted = wars(&predictability(0.25, false), 400);
    assert!(discounted > counted_fully + 40, "discounted {discounted} vs fully counted {counted_fully}");
    let case = scenario(&predictability(0.25, false));
    let run = run(&case, 3, None);
    let event = deterrence(&run);
    assert_eq!(figure(event, "uncommitted_weight"), 0.25);
    assert!(figure(event, "uncommitted") > 0.0 || figure(event, "committed") == 0.05);
}

#[test]
fn a_revolution_over_a_region_draws_the_interested_on_their_own_account() {
    let text = |region: &str| {
        format!(
            r#"
scenario "Italy" {{ period 1820..1820 }}
power Austria {{ capability 0.1  regime absolutist  interest Italy 1 }}
power Britain {{ capability 0.3  regime liberal  interest Italy 1 }}
power Naples {{ capability 0.03  regime absolutist }}
relation Austria Naples {{ trust 0.8 }}
relation Britain Naples {{ trust 0.5 }}
shock naples at 1820 {{ revolution in Naples{region} }}
"#
        )
    };
    let interventions = |text: &str| -> Vec<String> {
        let case = scenario(text);
        (0..300)
            .flat_map(|seed| {
                of_kind(&run(&case, seed, None), EventKind::Intervention)
                    .into_iter()
                    .map(|e| e.summary.clone())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let with_region = interventions(&text(" over Italy"));
    let by = |name: &str| with_region.iter().filter(|s| s.contains(name)).count();
    // Same interest, different regimes: affinity decides (Kupchan & Kupchan).
    assert!(by("Austria") > 2 * by("Britain"), "Austria {} vs Britain {}", by("Austria"), by("Britain"));
    assert!(by("Austria") > 60, "Austria, sharing the regime, intervenes on its own: {}", by("Austria"));
    assert!(interventions(&text("")).is_empty(), "without a region, only commitments intervene");
}

#[test]
fn a_concert_mandates_the_member_with_the_most_at_stake() {
    let case = scenario(
        r#"
scenario "Laibach" { period 1821..1821 }
power Russia  { capability 0.16  regime absolutist  interest Italy 0.1 }
power Austria { capability 0.09  regime absolutist  interest Italy 0.9 }
power Prussia { capability 0.05  regime absolutist }
power Naples  { capability 0.03  regime absolutist }
commitment Congress { members Russia, Austria, Prussia  mode concert  decide majority  covers revolution  protects Naples }
shock naples at 1821 { revolution in Naples over Italy }
"#,
    );
    let mut mandated = 0;
    for seed in 0..200 {
        let run = run(&case, seed, None);
        let austria_blocked =
            of_kind(&run, EventKind::Stance).iter().any(|e| e.summary == "Austria opposes intervening in Naples");
        for event in of_kind(&run, EventKind::Intervention) {
            // Only when Austria itself blocked does the mandate pass to another member.
            if !austria_blocked {
                assert!(event.summary.starts_with("Austria intervenes"), "{}", event.summary);
                mandated += 1;
            }
        }
    }
    assert!(mandated > 100, "the concert usually mandates Austria: {mandated}");
}

#[test]
fn a_revolution_succeeds_when_nobody_puts_it_down_and_fails_when_someone_does() {
    let case = scenario(
        r#"
scenario "Outcomes" { period 1830..1830 }
power Austria { capability 0.1  regime absolutist  interest Italy 1 }
power Modena { capability 0.01  regime absolutist }
relation Austria Modena { trust 0.9 }
shock revolt at 1830 { revolution in Modena over Italy }
expect "put down" { shock revolt fails }
expect "runs its course" { shock revolt succeeds }
"#,
    );
    for seed in 0..50 {
        let run = run(&case, seed, None);
        let put_down = !of_kind(&run, EventKind::Intervention).is_empty();
        assert_eq!(covenant::expectation::holds(&case.expectations[0], &case, &run), put_down);
        assert_eq!(covenant::expectation::holds(&case.expectations[1], &case, &run), !put_down);
    }
}

/// A bystander that always passes the buck before the war but has an
/// interest at stake, and a reluctant ally bound by an automatic pact.
const LATECOMER: &str = r#"
scenario "Latecomer" { period 1900..1900 }
model { buck_passing 0.5  transparency 1 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.05 }
power Britain { capability 0.3  interest Region 0.9 }
power Italy { capability 0.1  constraint 1  interest Region 0.1 }
commitment Pact { members Target, Italy  mode automatic  covers aggression }
shock attack at 1900 { aggression Aggressor -> Target over Region stakes 0.1 }
"#;

#[test]
fn a_war_under_way_draws_in_bystanders_who_passed_the_buck() {
    // Under self-help the coalition forms late, after the aggressor has
    // struck: a bystander that passed the buck may join the war, which adds
    // to the war but did nothing to deter it.
    let case = scenario(LATECOMER);
    let (mut joined, mut wars) = (0, 0);
    for seed in 0..300 {
        let run = run(&case, seed, None);
        let Some(war) = of_kind(&run, EventKind::War).first().copied() else { continue };
        wars += 1;
        let end = war_of(&run).expect("the war's first year");
        let britain = case.powers.iter().position(|p| p.name == "Britain").map(covenant::scenario::PowerId).unwrap();
        let italy = case.powers.iter().position(|p| p.name == "Italy").map(covenant::scenario::PowerId).unwrap();
        // A defector from the pact with nothing of its own to fight for
        // (interest 0.1, constraint 1) stays out of the war.
        assert!(!end.actors.contains(&italy), "seed {seed}: the defector stays out");
        if war.actors.contains(&britain) {
            continue;
        }
        let join = run
            .events
            .iter()
            .find(|e| e.seq > war.seq && e.kind == EventKind::Balancing && e.actors == [britain])
            .expect("Britain decides again once the war is under way");
        assert_eq!(join.after, [war.seq], "the decision follows from the war");
        assert_eq!(end.actors.contains(&britain), join.summary.contains("joins the war"), "seed {seed}");
        if end.actors.contains(&britain) {
            joined += 1;
            assert!(end.after.contains(&join.seq), "the war's end names the join");
            assert_eq!(figure(war, "opposition"), 0.05, "joining later did not count for deterrence");
            let fought = figure(end, "opposition");
            assert!((fought - 0.35).abs() < 1e-9, "the war is fought with Britain in it: {fought}");
        }
    }
    assert!(wars > 100, "Britain alone seldom deters at buck_passing 0.5: {wars} wars");
    assert!(joined > 30, "latecomers join some wars: {joined} of {wars}");
}

/// Britain is bound twice, by a league and by an alliance, to defend the target.
const BOUND_TWICE: &str = r#"
scenario "Bound twice" { period 1900..1900 }
model { transparency 1 }
power Aggressor { capability 0.5  stance revisionist }
power Target { capability 0.05 }
power Britain { capability 0.1  interest Region 1 }
power Italy { capability 0.1  interest Region 1 }
commitment League { members Target, Britain, Italy  mode automatic  covers aggression }
commitment Alliance { members Target, Britain  mode automatic  covers aggression }
shock attack at 1900 { aggression Aggressor -> Target over Region stakes 0.1 }
"#;

#[test]
fn a_power_bound_twice_answers_once_and_counts_once() {
    let case = scenario(BOUND_TWICE);
    let britain = covenant::scenario::PowerId(2);
    for seed in 0..100 {
        let run = run(&case, seed, None);
        let answers: Vec<&Event> = run
            .events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Balancing | EventKind::Defection) && e.actors == [britain])
            .filter(|e| e.commitment.is_some())
            .collect();
        assert_eq!(answers.len(), 1, "seed {seed}: Britain answers the crisis once: {answers:?}");
        assert_eq!(answers[0].commitment, Some(covenant::scenario::CommitmentId(0)), "under the first commitment");
        let decision = deterrence(&run);
        let sides: f64 = decision.actors[1..].iter().map(|p| case.powers[p.0].capability.value).sum();
        assert!((figure(decision, "opposition") - sides).abs() < 1e-9, "seed {seed}: each defender counted once");
    }
}

#[test]
fn a_commitment_worn_to_the_threshold_itself_survives() {
    // 0.8 + 0.75 × (0 − 0.8) is 0.19999999999999996 in binary floating point.
    let case = scenario(
        r#"
scenario "Worn to the line" { period 1900..1900 }
model { credibility_learning 0.75 }
power Aggressor { capability 0.5  stance revisionist }
power Target { capability 0.05 }
power A { capability 0.1  constraint 1 }
power B { capability 0.1  constraint 1 }
power C { capability 0.1  constraint 1 }
power D { capability 0.1  constraint 1 }
commitment League { members Target, A, B, C, D  mode automatic  covers aggression }
shock attack at 1900 { aggression Aggressor -> Target over Region stakes 0.1 }
"#,
    );
    let run = run(&case, 1, None);
    assert_eq!(of_kind(&run, EventKind::Defection).len(), 4, "every member defects");
    let standing = &run.system.last().expect("a year").commitments[0];
    let (credibility, alive) = (standing.credibility, standing.alive);
    assert!((credibility - 0.2).abs() < 1e-9 && alive, "worn to 0.2, not below it: {credibility} alive {alive}");
}

#[test]
fn a_defeated_aggressor_pays_what_it_fought_for_not_a_share_of_itself() {
    let case = scenario(
        r#"
scenario "Anschluss" { period 1900..1900 }
model { transparency 0 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.02 }
power Guarantor { capability 0.6 }
commitment Guarantee { members Target, Guarantor  mode automatic  covers aggression }
shock attack at 1900 { aggression Aggressor -> Target over Region stakes 1 }
"#,
    );
    let mut defeats = 0;
    for seed in 0..300 {
        let run = run(&case, seed, None);
        // A compromise peace decides no victor; only a defeat is weighed here.
        let Some(end) = of_kind(&run, EventKind::WarEnd).first().copied() else { continue };
        if end.figures.iter().any(|f| f.name == "aggressor_wins") && figure(end, "aggressor_wins") == 0.0 {
            defeats += 1;
            // The target, after the war's cost, is what was at stake.
            let at_stake = 0.02 * (1.0 - 0.1);
            assert!((figure(end, "transfer") - at_stake).abs() < 1e-9, "seed {seed}: {}", figure(end, "transfer"));
        }
    }
    assert!(defeats > 0, "the guarantor wins some wars");
}

/// A great power that defects teaches the others more than a small one:
/// credibility moves toward the share of the obliged capability that
/// honoured the call, and a call answered in full restores it.
#[test]
fn credibility_follows_the_capability_that_honoured_the_call() {
    let case = scenario(
        r#"
scenario "Learning" { period 1900..1900 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.05 }
power Big { capability 0.3  interest Region 1 }
power Small { capability 0.1  interest Region 1 }
commitment League { members Target, Big, Small  mode automatic  covers aggression  credibility 0.5 }
shock attack at 1900 { aggression Aggressor -> Target over Region stakes 0.1 }
"#,
    );
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..200 {
        let run = run(&case, seed, None);
        let honoured_by = |name: &str| {
            run.events.iter().any(|e| {
                e.kind == EventKind::Balancing && e.commitment.is_some() && case.powers[e.actors[0].0].name == name
            })
        };
        let (big, small) = (honoured_by("Big"), honoured_by("Small"));
        let share = (f64::from(u8::from(big)) * 0.3 + f64::from(u8::from(small)) * 0.1) / 0.4;
        let credibility = run.system.last().expect("a year").commitments[0].credibility;
        assert!((credibility - (0.5 + 0.5 * (share - 0.5))).abs() < 1e-9, "seed {seed}: {credibility} after {share}");
        if let Some(standing) = of_kind(&run, EventKind::Standing).first() {
            assert!((figure(standing, "honoured") - share).abs() < 1e-9, "seed {seed}");
        }
        seen.insert((big, small));
    }
    assert_eq!(seen.len(), 4, "every combination of answers came up: {seen:?}");
}

/// A target that could give way: constraint 0.9, facing an aggressor six
/// times its size with nobody beside it.
const APPEASEMENT: &str = r#"
scenario "Appeasement" { period 1900..1900 }
model { transparency 0 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.05  constraint 0.9 }
power Ally { capability 0.4  constraint 1 }
norm no_conquest { strength 0.5  forbids conquest }
commitment Alliance { members Target, Ally  mode automatic  covers aggression }
shock demand at 1900 { aggression Aggressor -> Target over Region stakes 0.5 }
expect "the demand is met" { shock demand succeeds }
"#;

#[test]
fn a_target_that_gives_way_hands_over_the_stakes_without_a_war() {
    let case = scenario(APPEASEMENT);
    let mut yielded = 0;
    for seed in 0..200 {
        let run = run(&case, seed, None);
        let Some(gave_way) = of_kind(&run, EventKind::Yielded).first().copied() else { continue };
        yielded += 1;
        assert!(of_kind(&run, EventKind::WarEnd).is_empty(), "seed {seed}: no war is fought");
        assert!(
            figure(gave_way, "willingness") < 1.0
                && gave_way.draw.is_some_and(|d| d >= figure(gave_way, "willingness"))
        );
        let capability = |name: &str| {
            run.panel.iter().find(|row| case.powers[row.power.0].name == name).expect("a panel row").capability
        };
        assert!((capability("Target") - 0.025).abs() < 1e-9, "seed {seed}: half the target is handed over");
        assert!((capability("Aggressor") - 0.325).abs() < 1e-9, "seed {seed}: and taken without a war's cost");
        assert!(run.system.last().expect("a year").norms[0].1 < 0.5, "seed {seed}: the conquest violates the norm");
        assert!(
            covenant::expectation::holds(&case.expectations[0], &case, &run),
            "seed {seed}: a demand met is a success"
        );
    }
    assert!(yielded > 50, "a constrained target alone often gives way: {yielded} of 200");
}

#[test]
fn a_target_yields_more_often_when_its_allies_abandon_it_and_never_without_constraint() {
    let yields = |text: &str| {
        (0..300).filter(|s| !of_kind(&run(&scenario(text), *s, None), EventKind::Yielded).is_empty()).count()
    };
    let abandoned = yields(APPEASEMENT);
    let backed =
        yields(&APPEASEMENT.replace("power Ally { capability 0.4  constraint 1 }", "power Ally { capability 0.4 }"));
    assert!(backed < abandoned, "backed by its ally it yields {backed} times in 300, abandoned {abandoned}");
    let unconstrained = APPEASEMENT.replace("constraint 0.9", "constraint 0");
    let case = scenario(&unconstrained);
    for seed in 0..100 {
        let run = run(&case, seed, None);
        assert!(of_kind(&run, EventKind::Yielded).is_empty() && of_kind(&run, EventKind::Resisted).is_empty());
    }
}

/// Collective security rests on powers that accept the order its norms
/// protect: a revisionist member feels their pull only in part.
#[test]
fn a_revisionist_member_is_less_willing_to_uphold_the_order() {
    let willingness = |stance: &str| {
        let case = scenario(&RELUCTANT.replace(
            "power Britain { capability 0.1  constraint 0.9 }",
            &format!("power Britain {{ capability 0.1  stance {stance} }}"),
        ));
        let run = run(&case, 1, None);
        let answer = run
            .events
            .iter()
            .find(|e| e.commitment.is_some() && e.actors.first().is_some_and(|p| case.powers[p.0].name == "Britain"))
            .unwrap();
        (figure(answer, "willingness"), figure(answer, "stance"))
    };
    let (status_quo, zero) = willingness("status_quo");
    let (revisionist, one) = willingness("revisionist");
    assert_eq!((zero, one), (0.0, 1.0));
    // No interest in the region: only the norm, credibility and memory move it.
    assert!(status_quo > 0.4 && revisionist == 0.0, "status quo {status_quo}, revisionist {revisionist}");
}

/// Article 16: members cut their trade with the aggressor at once; they
/// are not bound to fight. Under `response sanctions` those that act weigh
/// on the aggressor at `sanctions_weight` of their capability and stay out
/// of the war.
const SANCTIONS: &str = r#"
scenario "Sanctions" { period 1900..1900 }
model { transparency 1 }
power Aggressor { capability 0.2  stance revisionist }
power Target { capability 0.02 }
power Great { capability 0.6  interest Region 1 }
commitment League { members Target, Great  mode automatic  response sanctions  covers aggression }
shock attack at 1900 { aggression Aggressor -> Target over Region stakes 0.5 }
variant armed { League.response = force }
"#;

#[test]
fn members_that_answer_with_sanctions_weigh_on_the_aggressor_but_do_not_fight() {
    let case = scenario(SANCTIONS);
    let (mut sanctioned, mut armed_deterred) = (0, 0);
    for seed in 0..200 {
        let sanctions = run(&case, seed, None);
        let Some(answer) = sanctions.events.iter().find(|e| e.kind == EventKind::Balancing && e.commitment.is_some())
        else {
            continue;
        };
        sanctioned += 1;
        assert!(answer.summary.contains("imposes sanctions"), "{}", answer.summary);
        let decision = deterrence(&sanctions);
        // Target 0.02 plus a quarter of the great power's 0.6.
        assert!((figure(decision, "opposition") - (0.02 + 0.25 * 0.6)).abs() < 1e-9, "seed {seed}");
        assert_eq!(figure(decision, "sanctions"), 0.6);
        if let Some(end) = war_of(&sanctions) {
            let great = covenant::scenario::PowerId(2);
            assert!(!end.actors.contains(&great), "seed {seed}: the sanctioning power does not fight");
            assert!(
                sanctions.panel.iter().all(|row| row.power != great || !row.at_war),
                "seed {seed}: nor is it at war"
            );
        }
        assert!(of_kind(&sanctions, EventKind::Deterred).is_empty(), "seed {seed}: 0.17 does not deter a risk of 0.46");
        // The same answer under force (0.62) deters it.
        let armed = run(&case, seed, Some("armed"));
        armed_deterred += usize::from(!of_kind(&armed, EventKind::Deterred).is_empty());
    }
    assert!(sanctioned > 50, "the great power often honours the call: {sanctioned} of 200");
    assert_eq!(armed_deterred, sanctioned, "armed, the same answers always deter");
}

/// A power that stands behind the aggressor weighs on its side without
/// fighting, and is never called on to oppose it (Korea, 1950).
#[test]
fn a_backer_weighs_on_the_aggressors_side_without_fighting() {
    let text = r#"
scenario "Backed" { period 1950..1950 }
model { transparency 1 }
power Client { capability 0.05  stance revisionist }
power Patron { capability 0.3  interest Peninsula 1 }
power Victim { capability 0.02 }
power Guarantor { capability 0.2  interest Peninsula 1 }
commitment Pact { members Victim, Guarantor, Patron  mode automatic  covers aggression }
shock war at 1950 { aggression Client -> Victim over Peninsula stakes 0.5 backed by Patron }
"#;
    let case = scenario(text);
    let unbacked = scenario(&text.replace(" backed by Patron", ""));
    let patron = covenant::scenario::PowerId(1);
    for seed in 0..100 {
        let backed = run(&case, seed, None);
        assert!(backed.events.iter().all(|e| e.kind != EventKind::Defection || !e.actors.contains(&patron)));
        assert!(
            backed.events.iter().all(|e| e.kind != EventKind::Balancing || !e.actors.contains(&patron)),
            "seed {seed}: the patron is never called on against its client"
        );
        let decision = deterrence(&backed);
        assert!(
            (figure(decision, "backing") - 0.3).abs() < 1e-9,
            "seed {seed}: the patron weighs on the client's side"
        );
        if let Some(end) = war_of(&backed) {
            assert!(!end.actors.contains(&patron), "seed {seed}: the patron does not fight");
        }
        // Unbacked, the client risks only itself.
        assert_eq!(figure(deterrence(&run(&unbacked, seed, None)), "backing"), 0.0);
    }
    let wars =
        |case: &Scenario| (0..200).filter(|s| !of_kind(&run(case, *s, None), EventKind::WarEnd).is_empty()).count();
    assert!(wars(&case) > wars(&unbacked), "backing emboldens the client");
}

/// Jervis (1985): a member of a concert that moves against a power the
/// concert answers for risks breaking up the coalition, so the war memory
/// and the concert's cohesion temper its resolve.
#[test]
fn a_concert_restrains_its_own_members() {
    let text = r#"
scenario "Restraint" { period 1900..1900 }
model { war_memory 0.8 }
power Member { capability 0.2  stance revisionist }
power Other { capability 0.2 }
power Small { capability 0.02 }
commitment Concert { members Member, Other, Small  mode concert  covers aggression  cohesion 0.5 }
shock move at 1900 { aggression Member -> Small over Region stakes 0.2 }
"#;
    let case = scenario(text);
    let member = run(&case, 1, None);
    let decision = deterrence(&member);
    assert!((figure(decision, "restraint") - 0.4).abs() < 1e-9, "war memory 0.8 × cohesion 0.5");
    // resolve_base 0.3 plus stance 1 (no norm), held back by 0.4.
    assert!((figure(decision, "resolve") - 1.3 * 0.6).abs() < 1e-9, "{}", figure(decision, "resolve"));
    let outside = scenario(&text.replace("members Member, Other, Small", "members Other, Small"));
    assert_eq!(
        figure(deterrence(&run(&outside, 1, None)), "restraint"),
        0.0,
        "a power outside the concert is not held back"
    );
}

/// A concert binds no one: when it acts, the powers it did not put on the
/// target's side may still balance on their own account.
#[test]
fn a_concert_that_acts_leaves_the_others_free_to_balance() {
    let case = scenario(
        r#"
scenario "Free" { period 1900..1900 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.05 }
power Willing { capability 0.2  interest Region 1 }
power Outsider { capability 0.2  interest Region 1 }
commitment Concert { members Target, Willing  mode concert  covers aggression }
shock move at 1900 { aggression Aggressor -> Target over Region stakes 0.2 }
"#,
    );
    let outsider = covenant::scenario::PowerId(3);
    let mut after_action = 0;
    for seed in 0..200 {
        let run = run(&case, seed, None);
        let acted = run.events.iter().any(|e| e.kind == EventKind::Decision && e.summary.contains("decides to deter"));
        let outsider_asked = run.events.iter().any(|e| {
            e.kind == EventKind::Balancing
                && e.commitment.is_none()
                && e.actors == [outsider]
                && e.seq < deterrence(&run).seq
        });
        if acted {
            after_action += 1;
            assert!(outsider_asked, "seed {seed}: the outsider decides on its own account after the concert acts");
        }
    }
    assert!(after_action > 20, "the concert acted in {after_action} of 200 runs");
}

/// A concert cannot mandate a member that would not go (Britain and
/// Portugal, 1820): with nobody willing, its decision sends no one.
#[test]
fn a_concert_mandates_only_a_member_willing_to_act() {
    let case = scenario(
        r#"
scenario "Unwilling" { period 1820..1820 }
power Britain { capability 0.3  regime liberal  constraint 1  interest Iberia 1 }
power Austria { capability 0.2  regime absolutist  interest Iberia 0 }
power Portugal { capability 0.01  regime absolutist }
norm non_intervention { strength 1  forbids intervention }
commitment Concert { members Britain, Austria, Portugal  mode concert  covers revolution  decide majority }
shock revolt at 1820 { revolution in Portugal over Iberia }
"#,
    );
    for seed in 0..100 {
        let run = run(&case, seed, None);
        assert!(of_kind(&run, EventKind::Intervention).is_empty(), "seed {seed}: nobody willing is sent");
    }
}

/// A power that backs a revolution is never asked to put it down: an
/// automatic commitment does not call on it, and in a concert it blocks.
#[test]
fn a_backer_of_a_revolution_is_never_asked_to_put_it_down() {
    let text = r#"
scenario "Coup" { period 1948..1948 }
power Patron { capability 0.3  regime communist  interest Bohemia 1 }
power Guardian { capability 0.2  regime liberal  interest Bohemia 1 }
power Republic { capability 0.01  regime liberal }
commitment Guarantee { members Patron, Guardian, Republic  mode automatic  covers revolution }
shock coup at 1948 { revolution in Republic over Bohemia backed by Patron }
variant concert { Guarantee.mode = concert }
"#;
    let case = scenario(text);
    let patron = covenant::scenario::PowerId(0);
    for seed in 0..50 {
        let bound = run(&case, seed, None);
        let asked = |e: &&Event| matches!(e.kind, EventKind::Balancing | EventKind::Defection) && e.actors == [patron];
        assert!(!bound.events.iter().any(|e| asked(&e)), "seed {seed}: the patron is not called on");
        let guardian =
            bound.events.iter().find(|e| e.commitment.is_some() && e.actors == [covenant::scenario::PowerId(1)]);
        assert!(guardian.is_some_and(|e| figure(e, "backing_cost") > 0.5), "seed {seed}: facing the patron costs");
        let consulted = run(&case, seed, Some("concert"));
        let stance = of_kind(&consulted, EventKind::Stance).into_iter().find(|e| e.actors == [patron]).unwrap();
        assert!(stance.summary.contains("stands behind") && stance.draw.is_none(), "seed {seed}: {}", stance.summary);
    }
}

/// A target defends its own territory with everything, unless the case
/// declares a smaller interest in the region it is attacked over.
#[test]
fn a_target_weighs_its_declared_interest_in_the_region() {
    let text = r#"
scenario "Stake" { period 1936..1936 }
power Aggressor { capability 0.1  stance revisionist }
power Target { capability 0.05  interest Zone 0.5 }
shock march at 1936 { aggression Aggressor -> Target over Zone stakes 0 }
"#;
    let case = scenario(text);
    let mut gave_way = 0;
    for seed in 0..200 {
        let run = run(&case, seed, None);
        let Some(decision) = run.events.iter().find(|e| matches!(e.kind, EventKind::Resisted | EventKind::Yielded))
        else {
            continue;
        };
        assert_eq!((figure(decision, "stake"), figure(decision, "willingness")), (0.5, 0.5), "seed {seed}");
        gave_way += usize::from(decision.kind == EventKind::Yielded);
    }
    assert!(
        (60..140).contains(&gave_way),
        "with half its interest at stake it gives way about half the time: {gave_way}"
    );
    let whole = scenario(&text.replace("  interest Zone 0.5", ""));
    for seed in 0..50 {
        let run = run(&whole, seed, None);
        assert!(of_kind(&run, EventKind::Yielded).is_empty() && of_kind(&run, EventKind::Resisted).is_empty());
    }
}

/// The Anglo-Polish agreement of August 1939 bound Britain against Germany
/// alone (its secret protocol): the Soviet invasion of Poland three weeks
/// later was no casus foederis.
const AGAINST_ONE: &str = r#"
scenario "Guarantee" { period 1939..1939 }
power Germany { capability 0.2  stance revisionist }
power USSR { capability 0.2  stance revisionist }
power Poland { capability 0.05 }
power Britain { capability 0.1  interest Poland 0.5 }
commitment Guarantee {
  members Britain, Poland
  mode automatic
  against Germany
  covers aggression
}
shock west at 1939 { aggression Germany -> Poland over Poland stakes 0.5 }
shock east at 1939 { aggression USSR -> Poland over Poland stakes 0.3 }
"#;

#[test]
fn a_commitment_against_one_power_answers_its_aggressions_alone() {
    let case = scenario(AGAINST_ONE);
    let (germany, ussr, britain) =
        (covenant::scenario::PowerId(0), covenant::scenario::PowerId(1), covenant::scenario::PowerId(3));
    for seed in 0..50 {
        let run = run(&case, seed, None);
        let crises: Vec<&Event> = of_kind(&run, EventKind::Crisis);
        assert_eq!(crises.len(), 2, "seed {seed}: both aggressions happen");
        let answers = |crisis: &Event| -> Vec<&Event> {
            run.events
                .iter()
                .filter(|e| e.commitment.is_some() && e.after.contains(&crisis.seq) && e.actors == [britain])
                .filter(|e| matches!(e.kind, EventKind::Balancing | EventKind::Defection))
                .collect()
        };
        let by = |power| crises.iter().find(|c| c.actors[0] == power).expect("the crisis is logged");
        assert_eq!(answers(by(germany)).len(), 1, "seed {seed}: Britain is called on against Germany");
        assert!(answers(by(ussr)).is_empty(), "seed {seed}: and not against the USSR");
        // No commitment answers the USSR, so each is for his own: Britain
        // weighs its interest in Poland on its own account.
        let own_account = |crisis: &Event| {
            run.events.iter().any(|e| {
                e.kind == EventKind::Balancing
                    && e.commitment.is_none()
                    && e.actors == [britain]
                    && e.after.contains(&crisis.seq)
            })
        };
        assert!(own_account(by(ussr)), "seed {seed}: self-help answers the USSR");
        assert!(!own_account(by(germany)), "seed {seed}: the guarantee answers Germany");
        let silent: Vec<&str> = by(ussr).causes.iter().map(|c| &AGAINST_ONE[c.span.range()]).collect();
        assert!(silent.contains(&"against Germany"), "seed {seed}: the crisis says why: {silent:?}");
    }
}

#[test]
fn conquests_reveal_an_aggressors_aims_to_the_members_of_a_commitment() {
    // No norm weighs (strength 0): only what the two conquests revealed can
    // draw the ally beyond its interest.
    for seed in 0..20 {
        let (decision, unread, conquests) = appetite(0.0, 0.0, seed);
        assert_eq!(conquests.len(), 2, "seed {seed}: both neighbours give way");
        // threat_learning 0.3, twice: 1 − 0.7².
        assert!((figure(&decision, "threat") - 0.51).abs() < 1e-9, "seed {seed}: {decision:?}");
        assert_eq!(figure(&decision, "norm"), 0.0);
        for conquest in &conquests {
            assert!(decision.after.contains(conquest), "seed {seed}: the conquests are among its causes");
        }
        assert_eq!(figure(&unread, "threat"), 0.0);
        assert!(unread.after.iter().all(|c| !conquests.contains(c)), "seed {seed}: no threat, no conquest cited");
        // The ally is a status-quo power: the whole threat enters its motive, a quarter of it.
        let gained = figure(&decision, "willingness") - figure(&unread, "willingness");
        assert!((gained - 0.51 / 4.0).abs() < 1e-9, "seed {seed}: willingness rises by threat / 4, not {gained}");
    }
}

/// A rule changes the ally's constraint and interest before the crisis.
const RULED: &str = r#"
scenario "Ruled" { period 1900..1901 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.1 }
power Ally { capability 0.2  constraint 0.9  interest Border 0.1 }
commitment Pact { members Ally, Target  mode automatic  covers aggression }
rule "Opinion turns" {
  once
  when year == 1900
  then
    Ally.constraint = 0.2
    Ally.interest.Border = 0.8
}
shock attack at 1901 { aggression Aggressor -> Target over Border stakes 0.2 }
"#;

#[test]
fn a_decision_names_the_rule_that_last_set_its_figures_not_the_declaration() {
    let case = scenario(RULED);
    let text = RULED;
    let ally = covenant::scenario::PowerId(2);
    let run = run(&case, 1, None);
    let assignments: Vec<&Event> = run
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Rule && e.figures.iter().any(|f| f.name == "after"))
        .collect();
    assert_eq!(assignments.len(), 2, "both assignments are logged");
    let answer = run
        .events
        .iter()
        .find(|e| e.commitment.is_some() && e.actors == [ally])
        .expect("the ally answers the aggression");
    assert_eq!(figure(answer, "constraint"), 0.2);
    assert_eq!(figure(answer, "interest"), 0.8);
    let quoted: Vec<&str> = answer.causes.iter().map(|c| &text[c.span.range()]).collect();
    assert!(quoted.contains(&"Ally.constraint = 0.2"), "the constraint's cause is the rule: {quoted:?}");
    assert!(quoted.contains(&"Ally.interest.Border = 0.8"), "the interest's cause is the rule: {quoted:?}");
    assert!(!quoted.contains(&"0.9"), "not the declaration it replaced: {quoted:?}");
    for assignment in assignments {
        assert!(answer.after.contains(&assignment.seq), "it follows from the assignment #{}", assignment.seq);
    }
}

/// A rule turns Britain absolutist before a revolution in Naples.
const TURNED: &str = r#"
scenario "Italy" { period 1819..1820 }
power Britain { capability 0.3  regime liberal  interest Italy 1 }
power Naples { capability 0.03  regime absolutist }
relation Britain Naples { trust 0.5 }
rule "Reaction" { once  when year == 1819  then Britain.regime = absolutist }
shock naples at 1820 { revolution in Naples over Italy }
"#;

#[test]
fn a_regime_a_rule_sets_is_logged_and_named_by_the_decisions_that_read_it() {
    let case = scenario(TURNED);
    let run = run(&case, 1, None);
    let change = run
        .events
        .iter()
        .find(|e| e.kind == EventKind::Rule && e.summary == "Britain's regime changes from liberal to absolutist")
        .expect("the regime change is logged");
    assert_eq!(&TURNED[change.causes[0].span.range()], "Britain.regime = absolutist");
    let stance = run
        .events
        .iter()
        .find(|e| {
            e.year == 1820
                && e.actors == [covenant::scenario::PowerId(0)]
                && e.figures.iter().any(|f| f.name == "affinity")
        })
        .expect("Britain weighs the revolution");
    assert_eq!(figure(stance, "affinity"), 0.8, "it shares Naples's regime now");
    assert!(stance.after.contains(&change.seq), "it follows from the change: {stance:?}");
    let quoted: Vec<&str> = stance.causes.iter().map(|c| &TURNED[c.span.range()]).collect();
    assert!(quoted.contains(&"Britain.regime = absolutist"), "the rule, not the declaration: {quoted:?}");
    assert!(
        stance.causes.iter().any(|c| c.label == "the threatened regime, absolutist"),
        "and the regime it would restore: {:?}",
        stance.causes
    );
}

/// A concert restrains a member only when it stands against that member.
fn restrained(against: &str) -> f64 {
    let text = format!(
        r#"
scenario "Restraint" {{ period 1820..1820 }}
power Austria {{ capability 0.3  stance revisionist }}
power Russia {{ capability 0.3 }}
power Piedmont {{ capability 0.02 }}
power France {{ capability 0.2 }}
commitment Concert {{ members Austria, Russia, Piedmont  mode concert  {against}  covers aggression }}
shock move at 1820 {{ aggression Austria -> Piedmont over Italy stakes 0.5 }}
"#
    );
    let case = scenario(&text);
    figure(deterrence(&run(&case, 1, None)), "restraint")
}

#[test]
fn a_concert_against_one_power_restrains_that_power_alone() {
    assert!(restrained("") > 0.0, "a concert against no one in particular restrains its members");
    assert!(restrained("against Austria") > 0.0, "and one against the aggressor");
    assert_eq!(restrained("against France"), 0.0, "but not one against another power");
}

/// What conquests reveal against the norm a member also weighs, for a
/// member that accepts the order and for a revisionist one.
fn appetite(norm: f64, stance: f64, seed: u64) -> (Event, Event, Vec<covenant::log::Seq>) {
    let text = format!(
        r#"
scenario "Appetite" {{ period 1900..1900 }}
power Aggressor {{ capability 0.5  stance revisionist }}
power First {{ capability 0.01  constraint 1  interest West 0.1 }}
power Second {{ capability 0.01  constraint 1  interest East 0.1 }}
power Third {{ capability 0.05 }}
power Ally {{ capability 0.2  stance {stance} }}
norm order {{ strength {norm}  forbids conquest }}
commitment Pact {{ members Ally, Third  mode automatic  covers aggression  upholds order }}
shock first at 1900 {{ aggression Aggressor -> First over West stakes 1 }}
shock second at 1900 {{ aggression Aggressor -> Second over East stakes 1 }}
shock third at 1900 {{ aggression Aggressor -> Third over Heartland stakes 0.5 }}
variant unread {{ model.threat_learning = 0 }}
"#
    );
    let case = scenario(&text);
    let ally = covenant::scenario::PowerId(4);
    let answer = |run: &Run| -> Event {
        run.events.iter().find(|e| e.commitment.is_some() && e.actors == [ally]).cloned().expect("the ally answers")
    };
    let read = run(&case, seed, None);
    let conquests = read
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Change && e.figures.iter().any(|f| f.name == "threat"))
        .map(|e| e.seq)
        .collect();
    (answer(&read), answer(&run(&case, seed, Some("unread"))), conquests)
}

#[test]
fn a_member_weighs_the_stronger_of_the_norm_and_the_threat() {
    // Two conquests: threat 0.51; the norm loses violation_norm_loss (0.15) to each.
    let (strong, unread, conquests) = appetite(0.95, 0.0, 3);
    assert!((figure(&strong, "norm") - 0.65).abs() < 1e-9);
    assert!((figure(&strong, "threat") - 0.51).abs() < 1e-9);
    assert_eq!(figure(&strong, "willingness"), figure(&unread, "willingness"), "the norm outweighs the threat");
    assert!(conquests.iter().all(|c| !strong.after.contains(c)), "the conquests decided nothing");

    let (weak, unread, conquests) = appetite(0.5, 0.0, 3);
    assert!((figure(&weak, "norm") - 0.2).abs() < 1e-9);
    let gained = figure(&weak, "willingness") - figure(&unread, "willingness");
    assert!((gained - (0.51 - 0.2) / 4.0).abs() < 1e-9, "the threat replaces the norm, not adds to it: {gained}");
    assert!(conquests.iter().all(|c| weak.after.contains(c)), "the conquests are among its causes");

    let (revisionist, unread, _) = appetite(0.5, 0.5, 3);
    let gained = figure(&revisionist, "willingness") - figure(&unread, "willingness");
    assert!((gained - 0.5 * (0.51 - 0.2) / 4.0).abs() < 1e-9, "a revisionist feels half of it: {gained}");
}

/// A variant sets the ally's constraint.
const VARIED: &str = r#"
scenario "Varied" { period 1900..1900 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.1 }
power Ally { capability 0.2  constraint 0.9  interest Border 0.5 }
commitment Pact { members Ally, Target  mode automatic  covers aggression }
shock attack at 1900 { aggression Aggressor -> Target over Border stakes 0.2 }
variant opinion { Ally.constraint = 0.2 }
"#;

#[test]
fn a_decision_names_the_variant_line_that_set_its_figure() {
    let case = scenario(VARIED);
    let ally = covenant::scenario::PowerId(2);
    let quoted = |variant: Option<&str>| -> Vec<String> {
        let run = run(&case, 1, variant);
        let answer = run.events.iter().find(|e| e.commitment.is_some() && e.actors == [ally]).expect("it answers");
        answer.causes.iter().map(|c| VARIED[c.span.range()].to_string()).collect()
    };
    assert!(quoted(None).contains(&"0.9".to_string()), "the declaration in the base case: {:?}", quoted(None));
    let varied = quoted(Some("opinion"));
    assert!(varied.contains(&"Ally.constraint = 0.2".to_string()), "the variant's line: {varied:?}");
    assert!(!varied.contains(&"0.9".to_string()), "not the declaration it replaced: {varied:?}");
}

/// An ally that will seldom stand before the blow but has its own stake in
/// the region; its pact answers by force, or (the variant) by sanctions.
const WITHHELD: &str = r#"
scenario "Withheld" { period 1900..1900 }
model { transparency 1 }
power Aggressor { capability 0.5  stance revisionist }
power Target { capability 0.05 }
power Ally { capability 0.2  constraint 0.6  interest Region 0.9 }
commitment Pact { members Target, Ally  mode automatic  covers aggression }
shock attack at 1900 { aggression Aggressor -> Target over Region stakes 0.2 }
variant sanctions { Pact.response = sanctions }
"#;

#[test]
fn an_ally_that_would_not_stand_before_the_blow_may_still_join_the_war() {
    let case = scenario(WITHHELD);
    let ally = covenant::scenario::PowerId(2);
    let (mut defected, mut joined) = (0, 0);
    for seed in 0..300 {
        let run = run(&case, seed, None);
        let Some(defection) = of_kind(&run, EventKind::Defection).first().copied() else { continue };
        defected += 1;
        let war = of_kind(&run, EventKind::War)[0];
        let decision = run
            .events
            .iter()
            .find(|e| e.seq > war.seq && e.kind == EventKind::Balancing && e.actors == [ally])
            .expect("the defector decides again once its ally fights");
        assert!(decision.after.contains(&war.seq) && decision.after.contains(&defection.seq), "seed {seed}");
        // On its own account, as any bystander: interest × (1 − buck_passing)
        // − constraint × cost, the cost weighed against the side it would
        // join, the target's.
        let own = 0.9 * 0.7 - 0.6 * (0.5 / (0.5 + 0.2 + 0.05));
        assert!((figure(decision, "willingness") - own).abs() < 1e-9, "seed {seed}: {decision:?}");
        let end = war_of(&run).expect("the war's first year");
        if end.actors.contains(&ally) {
            joined += 1;
        }
    }
    assert!(defected > 200, "the ally seldom stands before the blow: {defected} defections");
    assert!(joined > 20, "but joins some wars after it: {joined} of {defected}");
    // Refusing sanctions refuses the lesser step: that defector stays out.
    for seed in 0..300 {
        let run = run(&case, seed, Some("sanctions"));
        if of_kind(&run, EventKind::Defection).is_empty() {
            continue;
        }
        let end = war_of(&run).expect("the war's first year");
        assert!(!end.actors.contains(&ally), "seed {seed}: a sanctions defector never joins the war");
        assert!(
            !run.events.iter().any(|e| e.kind == EventKind::Balancing && e.actors == [ally] && e.commitment.is_none()),
            "seed {seed}: nor is it asked"
        );
    }
}

#[test]
fn a_decision_names_the_last_event_that_wore_its_norm_and_each_the_one_before() {
    let text = r#"
scenario "Worn" { period 1900..1900 }
power Aggressor { capability 0.5  stance revisionist }
power First { capability 0.01  constraint 1  interest West 0.1 }
power Second { capability 0.01  constraint 1  interest East 0.1 }
power Third { capability 0.05 }
power Ally { capability 0.2 }
norm order { strength 0.9  forbids conquest }
commitment Pact { members Ally, Third  mode automatic  covers aggression  upholds order }
shock first at 1900 { aggression Aggressor -> First over West stakes 1 }
shock second at 1900 { aggression Aggressor -> Second over East stakes 1 }
shock third at 1900 { aggression Aggressor -> Third over Heartland stakes 0.5 }
"#;
    let case = scenario(text);
    let ally = covenant::scenario::PowerId(4);
    let run = run(&case, 1, None);
    let worn: Vec<&Event> = of_kind(&run, EventKind::Norm);
    assert!(worn.len() >= 2, "both conquests wear the norm: {worn:?}");
    for pair in worn.windows(2) {
        assert!(pair[1].after.contains(&pair[0].seq), "#{} follows from #{}", pair[1].seq, pair[0].seq);
    }
    let answer = run.events.iter().find(|e| e.commitment.is_some() && e.actors == [ally]).expect("the ally answers");
    let last = worn.iter().rfind(|e| e.seq < answer.seq).expect("the norm was worn before");
    assert!(answer.after.contains(&last.seq), "the decision follows from the last wear: {answer:?}");
    assert!(answer.causes.iter().any(|c| &text[c.span.range()] == "order"), "and cites the norm's declaration");
}

#[test]
fn a_decision_names_the_last_event_that_moved_its_commitments_standing() {
    let text = r#"
scenario "Twice" { period 1900..1901 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.1 }
power Britain { capability 0.2  constraint 0.9 }
power France { capability 0.2  constraint 0.9 }
commitment League { members Target, Britain, France  mode automatic  covers aggression }
rule "Doubts" { once  when year == 1900  then League.credibility -= 0.1 }
shock first at 1900 { aggression Aggressor -> Target over Border stakes 0.01 }
shock second at 1901 { aggression Aggressor -> Target over Border stakes 0.01 }
"#;
    let case = scenario(text);
    for seed in 0..20 {
        let run = run(&case, seed, None);
        let moved: Vec<&Event> = run
            .events
            .iter()
            .filter(|e| e.commitment.is_some() && e.figures.iter().any(|f| f.name == "before"))
            .filter(|e| matches!(e.kind, EventKind::Standing | EventKind::Rule))
            .collect();
        assert!(moved.len() >= 2, "seed {seed}: the first crisis and the rule move its credibility: {moved:?}");
        for pair in moved.windows(2) {
            assert!(
                pair[1].after.contains(&pair[0].seq),
                "seed {seed}: #{} follows from #{}",
                pair[1].seq,
                pair[0].seq
            );
        }
        let second = run.events.iter().filter(|e| e.kind == EventKind::Crisis).nth(1).expect("a second crisis");
        let last = moved.iter().rfind(|e| e.seq < second.seq).expect("moved before the second crisis");
        for answer in run.events.iter().filter(|e| {
            e.seq > second.seq
                && e.commitment.is_some()
                && matches!(e.kind, EventKind::Balancing | EventKind::Defection)
        }) {
            assert!(answer.after.contains(&last.seq), "seed {seed}: #{} follows from #{}", answer.seq, last.seq);
        }
    }
}

#[test]
fn a_concert_member_names_the_last_event_that_moved_its_trust_in_the_parties() {
    let text = r#"
scenario "Estranged" { period 1900..1901 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.1 }
power Britain { capability 0.2 }
commitment Concert { members Aggressor, Target, Britain  mode concert  covers aggression }
rule "Friendship" { once  when year == 1900  then trust(Britain, Aggressor) += 0.3 }
shock move at 1901 { aggression Aggressor -> Target over Border stakes 0.1 }
"#;
    let case = scenario(text);
    let britain = covenant::scenario::PowerId(2);
    let run = run(&case, 1, None);
    let friendship = run
        .events
        .iter()
        .find(|e| e.kind == EventKind::Rule && e.summary.starts_with("trust between"))
        .expect("the rule moves trust");
    let stance = run
        .events
        .iter()
        .find(|e| {
            e.kind == EventKind::Stance && e.actors == [britain] && e.figures.iter().any(|f| f.name == "opposition")
        })
        .expect("Britain declares");
    assert!(
        stance.after.contains(&friendship.seq),
        "its opposition follows from the trust the rule raised: {stance:?}"
    );
}

/// A weaker power moves on a province it holds dear (`stake`) against a
/// stronger neighbour; the fog is lifted so what it weighs is what there is.
fn irredenta(stake: &str) -> String {
    format!(
        r#"
scenario "Irredenta" {{ period 1897..1897 }}
model {{ transparency 1 }}
power Greece {{ capability 0.01  stance 0.5{stake} }}
power Ottoman {{ capability 0.02  constraint 0 }}
norm public_law {{ strength 0.4  forbids conquest }}
allow isolated-power
shock crete at 1897 {{ aggression Greece -> Ottoman over Crete stakes 0.2 }}
"#
    )
}

#[test]
fn an_aggressor_is_the_more_resolved_the_more_it_has_at_stake() {
    let (indifferent, devoted) = (scenario(&irredenta("")), scenario(&irredenta("  interest Crete 1")));
    for seed in 0..20 {
        // Without a stake: 0.3 + 0.5 × (1 − 0.4) = 0.6, and 0.01 × 1.6 is short of 0.02.
        let run_indifferent = run(&indifferent, seed, None);
        let decision = deterrence(&run_indifferent);
        assert_eq!(decision.kind, EventKind::Deterred, "seed {seed}");
        assert!((figure(decision, "resolve") - 0.6).abs() < 1e-12, "seed {seed}");
        assert_eq!(figure(decision, "interest"), 0.0);
        // Its whole stake in Crete adds 1: 0.01 × 2.6 = 0.026 against 0.02.
        let run_devoted = run(&devoted, seed, None);
        let decision = deterrence(&run_devoted);
        assert_eq!(decision.kind, EventKind::War, "seed {seed}: {}", decision.summary);
        assert!((figure(decision, "resolve") - 1.6).abs() < 1e-12, "seed {seed}");
        assert!(decision
            .causes
            .iter()
            .any(|c| c.label == "interest 1 in Crete: what Greece has at stake raised its resolve"));
    }
}

#[test]
fn an_assignment_that_gives_no_finite_number_is_refused_and_logged() {
    let case = scenario(
        r#"
scenario "Overflow" { period 1900..1902 }
power A { capability 0.3 }
power B { capability 0.2 }
allow isolated-power
rule "overflow" {
  when year > 1900
  then A.capability = 1e308 * 10 - 1e308 * 10
       trust(A, B) += 1e308 * 10
}
"#,
    );
    let run = run(&case, 0, None);
    let refused: Vec<&Event> = run.events.iter().filter(|e| e.summary.contains("is not set")).collect();
    assert_eq!(refused.len(), 4, "two assignments in each of two years");
    assert_eq!(
        refused[0].summary,
        "A's capability is not set: the assignment gave NaN, not a finite number; it stays at 0.300"
    );
    assert_eq!(
        refused[1].summary,
        "trust between A and B is not set: the assignment gave inf, not a finite number; it stays at 0.500"
    );
    for event in &run.events {
        for figure in &event.figures {
            assert!(figure.value.is_finite(), "{}: {} = {}", event.summary, figure.name, figure.value);
        }
    }
    assert!(run.panel.iter().all(|row| row.capability.is_finite() && row.trust.is_finite()), "{:?}", run.panel);
    assert!(run.panel.iter().filter(|row| row.power.0 == 0).all(|row| row.capability == 0.3));
}

/// Rules whose conditions compare `year` with numbers in every way the language can.
const YEARLY_RULES: &str = r#"
scenario "Years" { period 1828..1842 }
power A { capability 0.5 }
rule "in 1830" { when year == 1830 then emit "a" }
rule "from 1833, once A is at peace" { when year >= 1833 and not A.at_war then emit "b" }
rule "before 1840, written backwards" { when 1840 > year then emit "c" }
rule "up to a fraction" { when year < 1830.5 then emit "d" }
rule "never: no year is a fraction" { when year == 1830.5 then emit "e" }
rule "either of two years" { when year == 1829 or year == 1841 then emit "f" }
rule "a window" { when year > 1830 and year <= 1832 then emit "g" }
rule "a window that is empty" { when year > 1835 and year < 1834 then emit "h" }
rule "a year computed" { when year - 1 == 1835 then emit "i" }
"#;

/// The engine skips a rule in the years its `year` comparisons exclude; it
/// must fire in exactly the years its condition holds, as if read every year.
#[test]
fn a_rule_fires_in_exactly_the_years_its_condition_holds() {
    let case = scenario(YEARLY_RULES);
    let windows: Vec<_> = case.rules.iter().map(|r| (r.years.start().to_owned(), r.years.end().to_owned())).collect();
    let (min, max) = (i32::MIN, i32::MAX);
    assert_eq!(
        windows,
        [
            (1830, 1830),
            (1833, max),
            (min, 1839),
            (min, 1830),
            (1, 0),
            (min, max),
            (1831, 1832),
            (1836, 1833),
            (min, max)
        ]
    );
    let run = run(&case, 1, None);
    let years = |text: &str| -> Vec<i32> {
        run.events.iter().filter(|e| e.kind == EventKind::Rule && e.summary == text).map(|e| e.year).collect()
    };
    assert_eq!(years("a"), [1830]);
    assert_eq!(years("b"), (1833..=1842).collect::<Vec<_>>());
    assert_eq!(years("c"), (1828..=1839).collect::<Vec<_>>());
    assert_eq!(years("d"), [1828, 1829, 1830]);
    assert_eq!(years("e"), Vec::<i32>::new());
    assert_eq!(years("f"), [1829, 1841]);
    assert_eq!(years("g"), [1831, 1832]);
    assert_eq!(years("h"), Vec::<i32>::new());
    assert_eq!(years("i"), [1836]);
}
