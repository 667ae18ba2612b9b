//! Destructive arms: what a war with a power destroys of its enemies, deterrence by punishment beside deterrence by denial, and the balance of terror.

#[path = "support/case.rs"]
mod case;

use case::{figure, of_kind, run, scenario};
use covenant::log::EventKind;
use covenant::scenario::PowerId;

/// An aggressor stronger than its target and the target's great ally, over
/// sixty years of the same crisis; `arms` is the ally's destructive capacity.
fn standoff(arms: &str) -> String {
    format!(
        r#"
scenario "Standoff" {{ period 1950..2009 }}
power East {{ capability 0.3  stance revisionist  destructive 0.9  great }}
power West {{ capability 0.2  interest Frontier 0.9  constraint 0.2  {arms}  great }}
power Ally {{ capability 0.05  constraint 0.3 }}
commitment Alliance {{ members West, Ally  mode automatic  covers aggression }}
shock pressure during 1950..2009 {{ aggression East -> Ally over Frontier stakes 0.2 }}
variant conventional {{ East.destructive = 0  West.destructive = 0 }}
expect "A long peace" {{ no war between East and West by 2009 }}
"#
    )
}

fn great_wars(text: &str, variant: Option<&str>, seeds: u64) -> usize {
    let case = scenario(text);
    let (east, west) = (PowerId(0), PowerId(1));
    (0..seeds)
        .filter(|seed| {
            run(&case, *seed, variant)
                .events
                .iter()
                .any(|e| e.begins_war() && e.actors.contains(&east) && e.actors.contains(&west))
        })
        .count()
}

#[test]
fn an_assured_second_strike_keeps_a_long_peace_the_conventional_balance_does_not() {
    let text = standoff("destructive 1");
    assert_eq!(great_wars(&text, None, 100), 0, "sixty crises, no war between the two");
    let conventional = great_wars(&text, Some("conventional"), 100);
    assert!(conventional > 50, "without the arms most runs see the war: {conventional} of 100");
}

#[test]
fn an_aggressor_without_arms_is_not_deterred_by_them() {
    // The tradition of non-use: West's arms are not used against an unarmed
    // East, so only the balance can deter it, and it does not.
    let text = standoff("destructive 1").replace("destructive 0.9  great", "great");
    let case = scenario(&text);
    for seed in 0..20 {
        let run = run(&case, seed, None);
        assert!(
            !run.events.iter().any(|e| e.summary.contains("threat of devastation")),
            "seed {seed}: no threat of devastation deters an unarmed aggressor"
        );
        assert!(
            of_kind(&run, EventKind::War).iter().all(|e| e.figures.iter().all(|f| f.name != "devastation")),
            "seed {seed}"
        );
    }
    assert!(great_wars(&text, None, 50) > 25, "the conventional balance does not keep the peace");
}

#[test]
fn deterrence_by_punishment_names_the_arms_and_weighs_loss_against_gain() {
    let text = standoff("destructive 1");
    let case = scenario(&text);
    let run = run(&case, 7, None);
    let deterred: Vec<_> = of_kind(&run, EventKind::Deterred)
        .into_iter()
        .filter(|e| e.summary.contains("threat of devastation"))
        .collect();
    assert!(!deterred.is_empty(), "the threat deters: {:#?}", run.events);
    for event in deterred {
        let (loss, gain) = (figure(event, "loss"), figure(event, "gain"));
        assert!(loss >= gain, "{event:?}");
        assert!(
            (loss - figure(event, "devastation") * figure(event, "capability")).abs() < 1e-12,
            "what the war would destroy of the aggressor: {event:?}"
        );
        assert!(figure(event, "perceived") < event.threshold.expect("needed"), "the balance alone would not deter");
        let quoted: Vec<&str> = event.causes.iter().map(|c| &text[c.span.range()]).collect();
        assert!(quoted.contains(&"1"), "the arms' declaration is named: {quoted:?}");
    }
}

#[test]
fn a_war_with_destructive_arms_destroys_beyond_the_ordinary_cost_of_an_armed_enemy_only() {
    let text = |west: f64| {
        format!(
            r#"
scenario "Devastation" {{ period 1950..1950 }}
model {{ transparency 1  war_cost 0.1 }}
power East {{ capability 0.4  stance revisionist  destructive 0.5 }}
power West {{ capability 0.1  constraint 0  destructive {west} }}
allow isolated-power
shock strike at 1950 {{ aggression East -> West over Frontier stakes 0 }}
"#
        )
    };
    let capability =
        |run: &covenant::engine::Run, p: usize| run.panel.iter().find(|r| r.power.0 == p).expect("a row").capability;
    // Both armed: each side's arms destroy beyond the ordinary tenth.
    let run = run(&scenario(&text(0.2)), 1, None);
    let end = run.events.iter().find(|e| e.begins_war()).expect("the war");
    assert_eq!((figure(end, "aggressor_devastation"), figure(end, "defender_devastation")), (0.2, 0.5));
    assert!((capability(&run, 0) - 0.4 * (1.0 - (0.1 + 0.9 * 0.2))).abs() < 1e-12, "{}", capability(&run, 0));
    assert!((capability(&run, 1) - 0.1 * (1.0 - (0.1 + 0.9 * 0.5))).abs() < 1e-12, "{}", capability(&run, 1));
    // An unarmed enemy is spared them: the ordinary tenth for both.
    let run = case::run(&scenario(&text(0.0)), 1, None);
    let end = run.events.iter().find(|e| e.begins_war()).expect("the war");
    assert!(end.figures.iter().all(|f| !f.name.ends_with("devastation")), "no arms used: {end:?}");
    assert!((capability(&run, 0) - 0.4 * 0.9).abs() < 1e-12, "{}", capability(&run, 0));
    assert!((capability(&run, 1) - 0.1 * 0.9).abs() < 1e-12, "{}", capability(&run, 1));
}

#[test]
fn a_small_arsenal_is_coerced_by_them_a_second_strike_is_not_and_no_arsenal_is_spared() {
    let text = |arms: f64| {
        format!(
            r#"
scenario "Coercion" {{ period 1950..1950 }}
model {{ transparency 1 }}
power East {{ capability 0.3  stance revisionist  destructive 1 }}
power Target {{ capability 0.05 }}
power Member {{ capability 0.2  constraint 0.5  destructive {arms} }}
commitment Pact {{ members Target, Member  mode automatic  covers aggression }}
shock strike at 1950 {{ aggression East -> Target over Frontier stakes 0.1 }}
"#
        )
    };
    let cost = |arms: f64| {
        let run = run(&scenario(&text(arms)), 1, None);
        let answer = run
            .events
            .iter()
            .find(|e| matches!(e.kind, EventKind::Balancing | EventKind::Defection))
            .cloned()
            .expect("the member answers");
        figure(&answer, "cost")
    };
    let share = 0.3 / (0.3 + 0.2 + 0.05);
    // The tradition of non-use: arms are not used against a side without them.
    assert!((cost(0.0) - share).abs() < 1e-12, "unarmed, only the balance: {}", cost(0.0));
    let small = share + (1.0 - share) * 0.99;
    assert!((cost(0.01) - small).abs() < 1e-12, "a small arsenal, nearly everything: {}", cost(0.01));
    assert!((cost(1.0) - share).abs() < 1e-12, "with a second strike, only the balance: {}", cost(1.0));
    assert!((cost(0.5) - (share + (1.0 - share) * 0.5)).abs() < 1e-12, "half an answer: {}", cost(0.5));
}

#[test]
fn destructive_capacity_zero_changes_nothing() {
    let plain = r#"
scenario "Plain" { period 1900..1905 }
power A { capability 0.3  stance revisionist }
power T { capability 0.1 }
power B { capability 0.2  interest R 0.6  constraint 0.3 }
commitment Pact { members T, B  mode automatic  covers aggression }
shock s during 1900..1905 { aggression A -> T over R stakes 0.2 }
"#;
    let armed = plain.replace("stance revisionist }", "stance revisionist  destructive 0 }");
    for seed in 0..30 {
        let (x, y) = (run(&scenario(plain), seed, None), run(&scenario(&armed), seed, None));
        let summaries = |r: &covenant::engine::Run| r.events.iter().map(|e| e.summary.clone()).collect::<Vec<_>>();
        assert_eq!(summaries(&x), summaries(&y), "seed {seed}");
    }
}

#[test]
fn a_shock_can_arm_a_power_during_the_run() {
    let text = r#"
scenario "Bomb" { period 1948..1951 }
power East { capability 0.3  stance revisionist }
power West { capability 0.2  interest R 0.9  constraint 0.2  destructive 1 }
power Ally { capability 0.05 }
commitment Pact { members West, Ally  mode automatic  covers aggression }
shock first_test at 1949 { East.destructive = 0.8 }
shock pressure during 1950..1951 { aggression East -> Ally over R stakes 0.1 }
"#;
    let run = run(&scenario(text), 3, None);
    let change = run.events.iter().find(|e| e.summary.contains("destructive capacity")).expect("the change is logged");
    assert_eq!(change.year, 1949);
    let answers: Vec<_> = run
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Balancing | EventKind::Defection) && e.actors == [PowerId(1)])
        .collect();
    assert!(!answers.is_empty());
    // West has its own second strike: East's new arms do not coerce it.
    for answer in answers {
        let share = figure(answer, "cost");
        assert!(share < 1.0, "{answer:?}");
    }
}
