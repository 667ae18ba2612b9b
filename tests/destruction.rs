//! Destructive arms: what a war with a power destroys of its enemies, deterrence by punishment beside deterrence by denial, and the balance of terror.

#[path = "support/model.rs"]
mod model;

use covenant::log::EventKind;
use covenant::scenario::PowerId;
use model::{figure, of_kind, run, scenario};

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
            of_kind(&run(&case, *seed, variant), EventKind::WarEnd)
                .iter()
                .any(|e| e.actors.contains(&east) && e.actors.contains(&west))
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
fn a_war_with_destructive_arms_destroys_beyond_the_ordinary_cost() {
    let text = r#"
scenario "Devastation" { period 1950..1950 }
model { transparency 1  war_cost 0.1 }
power East { capability 0.4  stance revisionist  destructive 0.5 }
power West { capability 0.1  constraint 0 }
allow isolated-power
shock strike at 1950 { aggression East -> West over Frontier stakes 0 }
"#;
    let run = run(&scenario(text), 1, None);
    let end = of_kind(&run, EventKind::WarEnd)[0];
    assert_eq!((figure(end, "aggressor_devastation"), figure(end, "defender_devastation")), (0.0, 0.5));
    let capability = |p: usize| run.panel.iter().find(|r| r.power.0 == p).expect("a row").capability;
    // The aggressor pays the ordinary tenth; its enemy a tenth and half the rest.
    assert!((capability(0) - 0.4 * 0.9).abs() < 1e-12, "{}", capability(0));
    assert!((capability(1) - 0.1 * (1.0 - (0.1 + 0.9 * 0.5))).abs() < 1e-12, "{}", capability(1));
}

#[test]
fn a_power_without_arms_of_its_own_is_coerced_by_them_one_with_a_second_strike_is_not() {
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
    assert!((cost(0.0) - 1.0).abs() < 1e-12, "unarmed, defending costs everything: {}", cost(0.0));
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
