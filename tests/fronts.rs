//! A power's forces divided among the wars it fights: a second enemy meets half of it, and the window that opens tempts an aggressor it would otherwise deter.

#[path = "support/case.rs"]
mod case;

use case::{figure, of_kind, run, scenario};
use covenant::log::{Event, EventKind};
use covenant::scenario::PowerId;

/// East, fought to a standstill by West from 1900 (`first`), and moved on
/// by the weaker South in 1901. The fog is lifted so that what the
/// aggressor sees is what there is.
fn case(first: bool) -> String {
    let first = if first { "shock first at 1900 { aggression West -> East over Rhine stakes 0.5 }" } else { "" };
    format!(
        r#"
scenario "Two fronts" {{ period 1900..1901 }}
model {{ transparency 1  war_decisiveness 0 }}
power East {{ capability 0.4  constraint 0  great }}
power West {{ capability 0.4  stance 1  great }}
power South {{ capability 0.2  stance 0.2  great }}
relation East West {{ trust 0 }}
allow isolated-power
{first}
shock second at 1901 {{ aggression South -> East over Alps stakes 0.5 }}
"#
    )
}

/// South's decision in 1901: deterred, or the war it begins.
fn south_decides(run: &covenant::engine::Run) -> &Event {
    run.events
        .iter()
        .find(|e| e.year == 1901 && matches!(e.kind, EventKind::Deterred | EventKind::War))
        .expect("South decides")
}

#[test]
fn a_power_at_war_meets_a_second_enemy_with_half_its_forces() {
    let text = case(true);
    let (at_war, at_peace) = (scenario(&text), scenario(&case(false)));
    for seed in 0..40 {
        // At peace, East's whole strength deters South: 0.4 against the
        // 0.2 × (1 + 0.3 + 0.2) it would risk.
        let peace = run(&at_peace, seed, None);
        let deterred = south_decides(&peace);
        assert_eq!(deterred.kind, EventKind::Deterred, "seed {seed}: {}", deterred.summary);
        assert!((figure(deterred, "opposition") - 0.4).abs() < 1e-12, "seed {seed}");
        assert!(deterred.figures.iter().all(|f| f.name != "opposition_elsewhere"), "seed {seed}");

        // At war with West (an even war that nothing decides and no peace
        // ends), East has half of what the year left it for South.
        let war = run(&at_war, seed, None);
        let standstill = of_kind(&war, EventKind::WarGoesOn)
            .into_iter()
            .find(|e| e.year == 1900)
            .expect("the war with West goes on into 1901");
        let strike = south_decides(&war);
        assert_eq!(strike.kind, EventKind::War, "seed {seed}: {}", strike.summary);
        let east = 0.4 * (1.0 - 0.1);
        assert!((figure(strike, "opposition") - east / 2.0).abs() < 1e-12, "seed {seed}");
        assert!((figure(strike, "opposition_elsewhere") - east / 2.0).abs() < 1e-12, "seed {seed}");
        // The event names the other war, its line and its last year.
        assert!(strike.after.contains(&standstill.seq), "seed {seed}: {:?}", strike.after);
        let cause = strike
            .causes
            .iter()
            .find(|c| c.label == "East fights in this war as well: it divides its forces among 2 wars")
            .expect("the other front among the causes");
        assert_eq!(&text[cause.span.range()], "aggression West -> East over Rhine stakes 0.5");
    }
}

#[test]
fn each_war_is_fought_with_the_share_the_others_leave() {
    let case = scenario(&case(true));
    let (mut both_went_on, mut south_decided) = (0, 0);
    for seed in 0..200 {
        let run = run(&case, seed, None);
        // Each war's event of 1901, by its aggressor (the first of its sides).
        let fought = |aggressor: usize| -> &Event {
            run.events
                .iter()
                .find(|e| e.year == 1901 && e.war_years().is_some() && e.actors.first() == Some(&PowerId(aggressor)))
                .expect("the war is fought in 1901")
        };
        let (south, west) = (fought(2), fought(1));
        // South's war, begun while the war with West went on, meets half of East.
        assert!((figure(south, "attack") - 0.2).abs() < 1e-12, "seed {seed}");
        assert!((figure(south, "opposition") - figure(south, "opposition_elsewhere")).abs() < 1e-12, "seed {seed}");
        // The war with West is fought after South's first year: with half of
        // East while South's war goes on, with all of it once it is over.
        if south.kind == EventKind::WarGoesOn {
            both_went_on += 1;
            assert!((figure(west, "opposition") - figure(west, "opposition_elsewhere")).abs() < 1e-12, "seed {seed}");
            assert!(west.after.contains(&south.seq), "seed {seed}: the other front is among its earlier events");
        } else {
            south_decided += 1;
            assert!(west.figures.iter().all(|f| f.name != "opposition_elsewhere"), "seed {seed}");
        }
    }
    assert!(both_went_on > 0 && south_decided > 0, "{both_went_on} went on, {south_decided} decided");
}

/// A small power whose forces are worth more in the field than its
/// capability says (`effectiveness`), against a larger one worth less.
fn fighting_power(effectiveness: &str) -> String {
    format!(
        r#"
scenario "Fighting power" {{ period 1967..1967 }}
model {{ transparency 1 }}
power Israel {{ capability 0.002  stance 0.5{effectiveness} }}
power Egypt {{ capability 0.005  effectiveness 0.8  constraint 0 }}
allow isolated-power
shock june at 1967 {{ aggression Israel -> Egypt over Sinai stakes 0.3 }}
"#
    )
}

#[test]
fn effectiveness_multiplies_what_capability_brings_to_deterrence_and_war() {
    let (plain, effective) = (scenario(&fighting_power("")), scenario(&fighting_power("  effectiveness 3")));
    for seed in 0..20 {
        // At its capability alone, 0.002 × (1 + 0.3 + 0.5) is short of Egypt's 0.005 × 0.8.
        let run_plain = run(&plain, seed, None);
        let deterred = first_of_kind(&run_plain, EventKind::Deterred);
        assert!((figure(deterred, "opposition") - 0.004).abs() < 1e-12, "seed {seed}");
        // Three times as effective, its 0.006 risks 0.0108 against the 0.004.
        let run_effective = run(&effective, seed, None);
        let strike = first_of_kind(&run_effective, EventKind::War);
        assert!((strike.threshold.unwrap() - 0.006 * 1.8).abs() < 1e-12, "seed {seed}");
        let labels: Vec<&str> = strike.causes.iter().map(|c| c.label.as_str()).collect();
        assert!(labels.contains(&"effectiveness 3: what Israel's forces are worth in the field"), "{labels:?}");
        assert!(labels.contains(&"effectiveness 0.8: what Egypt's forces are worth in the field"), "{labels:?}");
        let year = run_effective.events.iter().find(|e| e.war_years().is_some()).expect("the war's year");
        assert!((figure(year, "attack") - 0.006).abs() < 1e-12, "seed {seed}");
        assert!((figure(year, "opposition") - 0.004).abs() < 1e-12, "seed {seed}");
        assert!((figure(year, "chance") - 0.6).abs() < 1e-12, "seed {seed}");
        // The stakes are of Egypt's capability, not of its forces.
        if year.figures.iter().any(|f| f.name == "aggressor_wins" && f.value == 1.0) {
            assert!((figure(year, "transfer") - 0.3 * 0.005 * 0.9).abs() < 1e-12, "seed {seed}");
        }
    }
}

#[test]
fn a_shock_that_sets_effectiveness_changes_the_forces_from_then_on() {
    let text = fighting_power("")
        .replace("shock june at 1967", "shock reform at 1967 { Israel.effectiveness = 3 }\nshock june at 1967");
    let case = scenario(&text);
    for seed in 0..20 {
        let run = run(&case, seed, None);
        let reform = run.events.iter().find(|e| e.summary.contains("effectiveness")).expect("the reform's change");
        let strike = first_of_kind(&run, EventKind::War);
        assert!((strike.threshold.unwrap() - 0.006 * 1.8).abs() < 1e-12, "seed {seed}");
        assert!(strike.after.contains(&reform.seq), "seed {seed}: the strike follows from the reform");
    }
}

/// The first event of a kind.
fn first_of_kind(run: &covenant::engine::Run, kind: EventKind) -> &Event {
    run.events.iter().find(|e| e.kind == kind).unwrap_or_else(|| panic!("no {kind:?}"))
}
