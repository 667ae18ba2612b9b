//! Aid without fighting: members of a commitment whose response is `aid` arm the target — they weigh on the aggressor and add to the target's war at `aid_weight` — and are not at war.

#[path = "support/case.rs"]
mod case;

use case::{figure, of_kind, run, scenario};
use covenant::log::EventKind;
use covenant::scenario::PowerId;

const LEND_LEASE: &str = r#"
scenario "Lend-Lease" { period 1941..1941 }
model { transparency 1 }
power Aggressor { capability 0.3  stance revisionist }
power Target { capability 0.2  constraint 0 }
power Arsenal { capability 0.4  interest Front 1 }
commitment Aid { members Target, Arsenal  mode automatic  response aid  covers aggression }
shock invasion at 1941 { aggression Aggressor -> Target over Front stakes 0.2 }
"#;

#[test]
fn an_aiding_member_weighs_at_aid_weight_and_adds_to_the_war_without_fighting() {
    let case = scenario(LEND_LEASE);
    let arsenal = PowerId(2);
    let (mut aided, mut wars) = (0, 0);
    for seed in 0..200 {
        let run = run(&case, seed, None);
        let Some(answer) = run.events.iter().find(|e| e.actors == [arsenal] && e.commitment.is_some()) else {
            continue;
        };
        if answer.kind != EventKind::Balancing {
            continue;
        }
        aided += 1;
        assert_eq!(answer.summary, "Arsenal aids Target against Aggressor under `Aid`", "seed {seed}");
        let decision = run
            .events
            .iter()
            .find(|e| matches!(e.kind, EventKind::War | EventKind::Deterred))
            .expect("the aggressor decides");
        // The target in full, the arsenal at a tenth.
        assert!((figure(decision, "opposition") - (0.2 + 0.1 * 0.4)).abs() < 1e-12, "seed {seed}");
        assert_eq!(figure(decision, "aid"), 0.4, "seed {seed}");
        let Some(first) = run.events.iter().find(|e| e.begins_war()) else { continue };
        wars += 1;
        // The war's strength on the target's side: the target, and the aid
        // the arsenal supplies; the arsenal fights nowhere.
        assert!((figure(first, "opposition") - (0.2 + 0.1 * 0.4)).abs() < 1e-12, "seed {seed}");
        assert_eq!((figure(first, "aid"), figure(first, "aid_weight")), (0.4, 0.1), "seed {seed}");
        assert!(!first.actors.contains(&arsenal), "seed {seed}: the arsenal is not a belligerent");
        let row = run.panel.iter().find(|r| r.power == arsenal).expect("a row");
        assert!(!row.at_war && (row.capability - 0.4).abs() < 1e-12, "seed {seed}: nor at war, nor spent");
    }
    assert!(aided > 100 && wars > 50, "aided {aided}, wars {wars}");
}

#[test]
fn refusing_aid_refuses_the_lesser_step() {
    // An arsenal that will not even send arms is not asked to join the war.
    let case = scenario(&LEND_LEASE.replace("interest Front 1", "interest Front 0.1  constraint 1"));
    let mut refusals = 0;
    for seed in 0..100 {
        let run = run(&case, seed, None);
        if of_kind(&run, EventKind::Defection).is_empty() {
            continue;
        }
        refusals += 1;
        let asked_again = run
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Balancing && e.actors == [PowerId(2)] && e.commitment.is_none())
            .count();
        assert_eq!(asked_again, 0, "seed {seed}");
    }
    assert!(refusals > 50, "the reluctant arsenal refuses: {refusals} of 100");
}

#[test]
fn aid_goes_on_supplying_its_side_when_a_campaign_turns_the_war_about() {
    // The war of 1941 goes on (nothing decides an even war, and no peace is
    // trusted); in 1942 the target strikes back: a campaign that makes it
    // the war's aggressor, with the arsenal's aid still behind it.
    let text = LEND_LEASE
        .replace("period 1941..1941", "period 1941..1942")
        .replace("model { transparency 1 }", "model { transparency 1  war_decisiveness 0 }")
        .replace("power Target { capability 0.2  constraint 0 }", "power Target { capability 0.3  constraint 0  stance revisionist }")
        .replace(
            "shock invasion at 1941",
            "relation Aggressor Target { trust 0 }\nshock counter at 1942 { aggression Target -> Aggressor over Front stakes 0.2 }\nshock invasion at 1941",
        );
    let case = scenario(&text);
    let arsenal = PowerId(2);
    let mut turned = 0;
    for seed in 0..100 {
        let run = run(&case, seed, None);
        let aided = run.events.iter().any(|e| e.actors == [arsenal] && e.kind == EventKind::Balancing);
        let first = run.events.iter().find(|e| e.year == 1941 && e.war_years().is_some());
        let (Some(first), true) = (first, aided) else { continue };
        if first.kind != EventKind::WarGoesOn {
            continue;
        }
        let aid = figure(first, "aid");
        let year =
            run.events.iter().find(|e| e.year == 1942 && e.war_years().is_some()).expect("the war is fought in 1942");
        turned += 1;
        // The target leads the war now, and the arsenal's aid is on its side.
        assert_eq!(year.actors.first(), Some(&PowerId(1)), "seed {seed}: {}", year.summary);
        assert!(year.figures.iter().all(|f| f.name != "aid"), "seed {seed}");
        assert!((figure(year, "aid_to_aggressor") - aid).abs() < 1e-12, "seed {seed}");
        assert!(!year.actors.contains(&arsenal), "seed {seed}: the arsenal is not at war");
    }
    assert!(turned > 0, "some runs carry the aided war into a counter-offensive");
}
