//! Aid without fighting: members of a commitment whose response is `aid` arm the target — they weigh on the aggressor and add to the target's war at `aid_weight` — and are not at war.

#[path = "support/model.rs"]
mod model;

use covenant::log::EventKind;
use covenant::scenario::PowerId;
use model::{figure, of_kind, run, scenario};

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
