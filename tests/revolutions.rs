//! A revolution's strength against its own government: the government puts it down alone with chance `1 − strength`, before any other power answers; without a declared strength only other powers can.

#[path = "support/case.rs"]
mod case;

use case::{figure, of_kind, run, scenario};
use covenant::expectation::holds;
use covenant::log::EventKind;

/// A conservative court with a commitment to put down revolutions next door.
fn case(strength: &str) -> String {
    format!(
        r#"
scenario "Vienna and Pest" {{ period 1848..1848 }}
power Austria {{ capability 0.3  regime conservative }}
power Russia {{ capability 0.4  regime conservative  interest Danube 1 }}
commitment Holy_Alliance {{ members Austria, Russia  mode automatic  covers revolution }}
shock hungary at 1848 {{ revolution in Austria over Danube{strength} }}
expect "the revolution is put down" {{ shock hungary fails }}
"#
    )
}

#[test]
fn a_government_puts_down_a_revolution_alone_as_often_as_its_hold() {
    let case = scenario(&case(" strength 0.3"));
    let (mut alone, mut overwhelmed, mut helped) = (0, 0, 0);
    for seed in 0..400 {
        let run = run(&case, seed, None);
        let answers: Vec<_> =
            run.events.iter().filter(|e| matches!(e.kind, EventKind::Suppressed | EventKind::Overwhelmed)).collect();
        assert_eq!(answers.len(), 1, "seed {seed}: the government answers once");
        let answer = answers[0];
        assert_eq!(figure(answer, "strength"), 0.3);
        assert!((figure(answer, "hold") - 0.7).abs() < 1e-12);
        let draw = answer.draw.expect("the government's answer is drawn");
        let crisis = run.events.iter().find(|e| e.kind == EventKind::Crisis).expect("the crisis");
        assert_eq!(answer.after, [crisis.seq], "seed {seed}: the answer follows the crisis");
        let interventions = of_kind(&run, EventKind::Intervention);
        if answer.kind == EventKind::Suppressed {
            alone += 1;
            assert!(draw < 0.7, "seed {seed}");
            assert_eq!(answer.summary, "the government of Austria puts down the revolution");
            // Nothing is left for the other powers to answer.
            assert!(interventions.is_empty(), "seed {seed}");
            assert!(of_kind(&run, EventKind::Defection).is_empty(), "seed {seed}");
            assert!(holds(&case.expectations[0], &case, &run), "seed {seed}: a revolution put down fails");
        } else {
            overwhelmed += 1;
            assert!(draw >= 0.7, "seed {seed}");
            assert_eq!(answer.summary, "the government of Austria cannot put down the revolution alone");
            // The other powers answer after, and because of, the government's failure.
            let first_answer = run
                .events
                .iter()
                .find(|e| e.actors.first() == Some(&covenant::scenario::PowerId(1)))
                .expect("Russia answers");
            assert!(first_answer.after.contains(&answer.seq), "seed {seed}: {first_answer:?}");
            if !interventions.is_empty() {
                helped += 1;
            }
        }
    }
    // 400 draws against a hold of 0.7: 280 expected, and 3 s.d. is about 27.
    assert!((250..=310).contains(&alone), "{alone} of 400 put down alone");
    assert_eq!(alone + overwhelmed, 400);
    assert!(helped > 0, "Russia sometimes puts down what Austria could not");
}

#[test]
fn without_a_strength_the_government_never_answers_and_no_draw_is_spent() {
    let bare = scenario(&case(""));
    let full = scenario(&case(" strength 1"));
    for seed in 0..50 {
        let a = run(&bare, seed, None);
        let b = run(&full, seed, None);
        assert!(a.events.iter().all(|e| !matches!(e.kind, EventKind::Suppressed | EventKind::Overwhelmed)));
        let summaries = |r: &covenant::engine::Run| r.events.iter().map(|e| e.summary.clone()).collect::<Vec<_>>();
        assert_eq!(summaries(&a), summaries(&b), "seed {seed}: `strength 1` is the default");
    }
}

#[test]
fn a_revolution_of_no_strength_is_always_put_down_at_home() {
    let case = scenario(&case(" strength 0"));
    for seed in 0..50 {
        let run = run(&case, seed, None);
        assert_eq!(of_kind(&run, EventKind::Suppressed).len(), 1, "seed {seed}");
        assert!(of_kind(&run, EventKind::Intervention).is_empty());
    }
}

/// A revolution in Bohemia that two automatic commitments answer, each with
/// a single member that always intervenes (no constraint, a shared regime,
/// the whole region at stake), backed by a Protestant prince.
const BOHEMIA: &str = r#"
scenario "Bohemia" { period 1620..1620 }
power Austria { capability 0.2  regime catholic }
power Spain { capability 0.3  regime catholic  interest Bohemia 1  constraint 0 }
power Bavaria { capability 0.1  regime catholic  interest Bohemia 1  constraint 0 }
power Palatinate { capability 0.1  regime calvinist }
model { shared_regime_affinity 1 }
commitment Habsburg_Pact { members Austria, Spain  mode automatic  covers revolution }
commitment Catholic_League { members Austria, Bavaria  mode automatic  covers revolution }
shock bohemia at 1620 { revolution in Austria over Bohemia backed by Palatinate }
"#;

#[test]
fn every_engaged_commitment_answers_a_revolution_not_only_the_first() {
    let case = scenario(BOHEMIA);
    for seed in 0..20 {
        let run = run(&case, seed, None);
        let interventions = of_kind(&run, EventKind::Intervention);
        let by: Vec<&str> = interventions.iter().map(|e| e.summary.as_str()).collect();
        assert_eq!(
            by,
            [
                "Spain intervenes in Austria and puts down the revolution",
                "Bavaria intervenes in Austria and puts down the revolution"
            ],
            "seed {seed}"
        );
        let names: Vec<Option<&str>> =
            interventions.iter().map(|e| e.commitment.map(|c| case.commitments[c.0].name.as_str())).collect();
        assert_eq!(names, [Some("Habsburg_Pact"), Some("Catholic_League")], "seed {seed}");
    }
}

#[test]
fn an_intervener_weighs_the_backers_against_itself_and_the_government_it_saves() {
    let case = scenario(BOHEMIA);
    let run = run(&case, 0, None);
    let answers: Vec<_> = of_kind(&run, EventKind::Balancing);
    assert_eq!(answers.len(), 2);
    // The Palatinate's 0.1 against Spain's 0.3 and Austria's 0.2, then
    // against Bavaria's 0.1 and Austria's 0.2.
    for (answer, own) in answers.iter().zip([0.3, 0.1]) {
        let expected = 0.1 / (0.1 + own + 0.2);
        assert!((figure(answer, "backing_cost") - expected).abs() < 1e-12, "{answer:?}");
    }
}
