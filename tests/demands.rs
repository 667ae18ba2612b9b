//! Demands: an aggression bargained over, which ends in a climb-down, a settlement, a concert's award, or — only when both sides misjudge — a war.

#[path = "support/case.rs"]
mod case;

use case::{figure, of_kind, run, scenario};
use covenant::log::EventKind;

/// A demand whose maker the target's side cannot deter, under a given sight.
fn agadir(transparency: f64, concert: bool) -> String {
    let concert = if concert {
        "commitment Conference { members Germany, France, Britain  mode concert  covers aggression }"
    } else {
        "allow isolated-power"
    };
    format!(
        r#"
scenario "Agadir" {{ period 1911..1911 }}
model {{ transparency {transparency} }}
power Germany {{ capability 0.3  stance revisionist }}
power France {{ capability 0.2  constraint 0.4 }}
power Britain {{ capability 0.15  interest Morocco 0.5  constraint 0.5 }}
{concert}
shock agadir at 1911 {{ demand Germany -> France over Morocco stakes 0.2 }}
expect "Settled" {{ shock agadir settled }}
expect "Germany gains" {{ shock agadir succeeds }}
"#
    )
}

/// How many of `seeds` runs ended in a war.
fn wars(text: &str, seeds: u64) -> usize {
    let case = scenario(text);
    (0..seeds).filter(|seed| !of_kind(&run(&case, *seed, None), EventKind::WarEnd).is_empty()).count()
}

#[test]
fn with_perfect_sight_a_demand_never_ends_in_war() {
    let case = scenario(&agadir(1.0, false));
    for seed in 0..200 {
        let run = run(&case, seed, None);
        assert!(of_kind(&run, EventKind::WarEnd).is_empty(), "seed {seed}: {:#?}", run.events);
        let ended: Vec<_> =
            run.events.iter().filter(|e| matches!(e.kind, EventKind::Deterred | EventKind::Settled)).collect();
        assert_eq!(ended.len(), 1, "seed {seed}: it ends in a climb-down or a settlement");
    }
}

#[test]
fn the_worse_the_sides_see_each_other_the_more_demands_end_in_war() {
    let rates: Vec<usize> = [1.0, 0.75, 0.5, 0.25, 0.0].iter().map(|t| wars(&agadir(*t, false), 1000)).collect();
    assert_eq!(rates[0], 0);
    for pair in rates.windows(2) {
        assert!(pair[1] >= pair[0], "less transparency, never fewer wars: {rates:?}");
    }
    assert!(rates[4] > rates[2] + 50, "the fog makes wars: {rates:?}");
}

#[test]
fn a_target_that_sees_itself_outmatched_concedes_the_more_the_weaker_it_is() {
    let case = scenario(&agadir(1.0, false));
    let run = run(&case, 3, None);
    let settled = of_kind(&run, EventKind::Settled);
    let pressed = of_kind(&run, EventKind::Pressed);
    assert_eq!((settled.len(), pressed.len()), (1, 1), "{:#?}", run.events);
    let (side, seen) = (figure(settled[0], "side"), figure(settled[0], "seen"));
    assert!((figure(settled[0], "share") - (1.0 - side / seen)).abs() < 1e-12);
    let transfer = figure(settled[0], "share") * 0.2 * 0.2;
    assert!((figure(settled[0], "transfer") - transfer).abs() < 1e-12);
    let panel = |power: usize| run.panel.iter().find(|r| r.power.0 == power).expect("a row").capability;
    assert!((panel(0) - (0.3 + transfer)).abs() < 1e-12 && (panel(1) - (0.2 - transfer)).abs() < 1e-12);
    assert!(settled[0].after.contains(&pressed[0].seq), "the settlement follows from the pressed demand");
    // A change agreed is no conquest: no norm event, no trust lost.
    assert!(of_kind(&run, EventKind::Norm).is_empty());
    assert_eq!(run.events.last().map(|e| e.kind), Some(EventKind::Settled));
}

#[test]
fn a_concert_that_acts_awards_the_change_whatever_the_fog() {
    let case = scenario(&agadir(0.0, true));
    let (mut awards, mut declined) = (0, 0);
    for seed in 0..300 {
        let run = run(&case, seed, None);
        let decision = of_kind(&run, EventKind::Decision)[0];
        if !decision.summary.contains("settle Germany's demand by conference") {
            declined += 1;
            continue;
        }
        awards += 1;
        assert!(of_kind(&run, EventKind::WarEnd).is_empty(), "seed {seed}: no war at the conference");
        let ended = run
            .events
            .iter()
            .find(|e| matches!(e.kind, EventKind::Deterred | EventKind::Settled))
            .expect("a climb-down or an award");
        assert!(ended.after.contains(&decision.seq), "seed {seed}: the ending follows from the decision");
        assert_eq!(figure(ended, "transparency"), 1.0, "seed {seed}: at the conference each side sees whole");
        if ended.kind == EventKind::Settled {
            assert!(ended.summary.starts_with("`Conference` awards Germany"), "{}", ended.summary);
        }
    }
    assert!(awards > 50 && declined > 0, "awards {awards}, declined {declined}");
}

#[test]
fn settled_holds_for_a_climb_down_or_a_concession_and_succeeds_for_a_concession() {
    use covenant::expectation::holds;
    let case = scenario(&agadir(0.0, false));
    let (settled, succeeds) = (&case.expectations[0], &case.expectations[1]);
    let (mut wars, mut ends) = (0, 0);
    for seed in 0..300 {
        let run = run(&case, seed, None);
        let war = run.events.iter().any(|e| e.begins_war());
        assert_eq!(holds(settled, &case, &run), !war, "seed {seed}: settled is the crisis ending short of war");
        let conceded = of_kind(&run, EventKind::Settled).iter().any(|e| figure(e, "share") > 0.0);
        let won = of_kind(&run, EventKind::WarEnd).iter().any(|e| {
            let has = |name: &str| e.figures.iter().any(|f| f.name == name);
            has("aggressor_wins") && figure(e, "aggressor_wins") == 1.0
                || has("compromise") && figure(e, "transfer") > 0.0
        });
        assert_eq!(holds(succeeds, &case, &run), conceded || won, "seed {seed}: a concession is a success");
        wars += usize::from(war);
        ends += usize::from(!war);
    }
    assert!(wars > 0 && ends > 0, "both endings happen: {wars} wars, {ends} settled");
}
