//! All against one: a member weighs the cost of opposing an aggressor against the coalition it expects to fight in, and a defection weighs by the defector's share.

#[path = "support/case.rs"]
mod case;

use case::{figure, of_kind, run, scenario};
use covenant::log::EventKind;
use covenant::scenario::PowerId;

/// A small member among great allies: the aggressor would crush it alone,
/// but not the alliance it belongs to.
fn alliance(allies: &str, transparency: f64) -> String {
    format!(
        r#"
scenario "Alliance" {{ period 1900..1900 }}
model {{ transparency {transparency} }}
power Aggressor {{ capability 0.3  stance revisionist }}
power Target {{ capability 0.05 }}
power Small {{ capability 0.02  constraint 0.8 }}
power Great {{ capability 0.3 }}
power Other {{ capability 0.3 }}
norm order {{ strength 0.5  forbids conquest }}
commitment Alliance {{
  members Target, {allies}
  mode automatic
  covers aggression
  upholds order
  credibility 0.8
}}
shock attack at 1900 {{ aggression Aggressor -> Target over Border stakes 0.2 }}
"#
    )
}

/// The answer of one member: its act or defection.
fn answer(run: &covenant::engine::Run, member: PowerId) -> covenant::log::Event {
    run.events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Balancing | EventKind::Defection) && e.actors == [member])
        .cloned()
        .expect("the member answers")
}

#[test]
fn a_small_member_counts_on_the_coalition_it_would_fight_in() {
    let small = PowerId(2);
    // Alone with the target it faces the aggressor with 0.07; in the
    // alliance it expects the great powers at the alliance's credibility.
    let alone = answer(&run(&scenario(&alliance("Small", 0.5)), 1, None), small);
    let allied = answer(&run(&scenario(&alliance("Small, Great, Other", 0.5)), 1, None), small);
    assert!((figure(&alone, "coalition") - 0.05).abs() < 1e-9, "only the target: {alone:?}");
    // Target 0.05, then Great and Other still to answer, each 0.3 × 0.8.
    assert!((figure(&allied, "coalition") - (0.05 + 0.48)).abs() < 1e-9, "{allied:?}");
    let cost = |coalition: f64| 0.3 / (0.3 + 0.02 + coalition);
    assert!((figure(&alone, "cost") - cost(0.05)).abs() < 1e-9);
    assert!((figure(&allied, "cost") - cost(0.53)).abs() < 1e-9);
    assert!(
        figure(&allied, "willingness") > figure(&alone, "willingness") + 0.15,
        "allied {:?} against alone {:?}",
        figure(&allied, "willingness"),
        figure(&alone, "willingness")
    );
}

#[test]
fn a_later_member_sees_the_answers_before_it_as_far_as_transparency_lets_it() {
    let (great, small) = (PowerId(3), PowerId(2));
    for transparency in [0.0, 0.5, 1.0] {
        let case = scenario(&alliance("Great, Small", transparency));
        for seed in 0..40 {
            let run = run(&case, seed, None);
            let first = answer(&run, great);
            let later = answer(&run, small);
            let acted = if first.kind == EventKind::Balancing { 1.0 } else { 0.0 };
            // The target in full, Great as seen: t × what it did + (1 − t) × credibility.
            let expected = 0.05 + 0.3 * (transparency * acted + (1.0 - transparency) * 0.8);
            assert!(
                (figure(&later, "coalition") - expected).abs() < 1e-9,
                "transparency {transparency}, seed {seed}: {later:?}"
            );
        }
    }
}

#[test]
fn a_defection_weakens_the_norm_by_the_defectors_share() {
    // Every member but the great one is too constrained to act: their
    // defections cost the norm in proportion to their weight.
    let text = r#"
scenario "Weights" { period 1900..1900 }
power Aggressor { capability 0.9  stance revisionist }
power Target { capability 0.01 }
power Minor { capability 0.01  constraint 1 }
power Major { capability 0.3  constraint 1 }
norm order { strength 0.9  forbids conquest }
commitment Alliance { members Target, Minor, Major  mode automatic  covers aggression  upholds order }
shock attack at 1900 { aggression Aggressor -> Target over Border stakes 0.2 }
"#;
    let run = run(&scenario(text), 1, None);
    let losses: Vec<(f64, f64)> = of_kind(&run, EventKind::Norm)
        .iter()
        .filter(|e| e.summary.contains("after the defection"))
        .map(|e| (figure(e, "weight"), figure(e, "before") - figure(e, "after")))
        .collect();
    assert_eq!(losses.len(), 2, "both defect: {losses:?}");
    let mean = (0.01 + 0.01 + 0.3) / 3.0;
    let (minor, major) = (losses[0], losses[1]);
    assert!((minor.0 - 0.01 / mean).abs() < 1e-9 && (major.0 - 0.3 / mean).abs() < 1e-9, "{losses:?}");
    assert!((minor.1 - 0.1 * minor.0).abs() < 1e-9, "defection_norm_loss × weight: {losses:?}");
    assert!(major.1 > 10.0 * minor.1, "the great power's defection teaches more: {losses:?}");
}

#[test]
fn automatic_commitments_of_many_small_members_no_longer_defect_en_masse() {
    // Twelve members, one great: each small one counts on the others.
    let smalls: Vec<String> = (1..=10).map(|i| format!("S{i}")).collect();
    let powers: String = smalls.iter().map(|s| format!("power {s} {{ capability 0.02  constraint 0.5 }}\n")).collect();
    let text = format!(
        r#"
scenario "Many" {{ period 1900..1900 }}
power Aggressor {{ capability 0.25  stance revisionist }}
power Target {{ capability 0.02 }}
power Great {{ capability 0.4 }}
{powers}
norm order {{ strength 0.6  forbids conquest }}
commitment Alliance {{ members Target, Great, {}  mode automatic  covers aggression  upholds order }}
shock attack at 1900 {{ aggression Aggressor -> Target over Border stakes 0.2 }}
"#,
        smalls.join(", ")
    );
    let case = scenario(&text);
    let runs = 200;
    let (mut defections, mut norm_lost) = (0, 0.0);
    for seed in 0..runs {
        let run = run(&case, seed, None);
        let small =
            |e: &&&covenant::log::Event| e.actors.first().is_some_and(|p| case.powers[p.0].name.starts_with('S'));
        let small_defections: Vec<usize> =
            of_kind(&run, EventKind::Defection).iter().filter(small).map(|e| e.seq).collect();
        defections += small_defections.len();
        norm_lost += of_kind(&run, EventKind::Norm)
            .iter()
            .filter(|e| e.after.iter().any(|a| small_defections.contains(a)))
            .map(|e| figure(e, "before") - figure(e, "after"))
            .sum::<f64>();
    }
    // Weighed against itself alone, a small member's cost would be
    // 0.25 / 0.27 and its willingness 0.475 − 0.5 × 0.93 ≈ 0.01: all ten
    // would defect, and ten flat losses of 0.1 would wear the norm to 0.
    // Counting on the alliance its cost is about a third, and each small
    // defection costs the norm only its share (0.02 of a mean 0.052).
    let (per_run, lost) = (defections as f64 / runs as f64, norm_lost / runs as f64);
    assert!(per_run < 8.0, "mean small defections per run {per_run}");
    assert!(lost < 0.35, "the small members' defections cost the norm {lost} a run");
}

/// Italy moves on the Porte's Tripoli, where Germany, its partner in an
/// alliance against France, has an interest: `pact` says how the two are bound.
fn libya(pact: &str) -> String {
    format!(
        r#"
scenario "Libya" {{ period 1911..1911 }}
power Italy {{ capability 0.05  stance revisionist }}
power Ottoman {{ capability 0.03 }}
power Germany {{ capability 0.15  interest Tripoli 1  constraint 0 }}
power France {{ capability 0.1 }}
commitment Triple {{ members Italy, Germany  {pact}  covers aggression }}
allow isolated-power
shock libya at 1911 {{ aggression Italy -> Ottoman over Tripoli stakes 0.05 }}
"#
    )
}

#[test]
fn an_ally_does_not_balance_against_its_ally_but_a_fellow_member_of_a_concert_or_of_collective_security_may() {
    let bound = scenario(&libya("mode automatic  against France"));
    let consulting = scenario(&libya("mode concert  against France"));
    // Against no one in particular: a pact that would answer Italy's own
    // aggression against a member aligns Germany with the order, not with Italy.
    let collective = scenario(&libya("mode automatic"));
    let germany = PowerId(2);
    let mut balanced = 0;
    for seed in 0..50 {
        // Bound to Italy, Germany is not asked to balance against it, before
        // the strike or once the war is under way.
        let allied = run(&bound, seed, None);
        assert!(allied.events.iter().all(|e| !e.actors.contains(&germany)), "seed {seed}");
        // In a concert with Italy, it weighs the move as any bystander does:
        // its whole interest, no constraint, and nobody else to pass the buck to.
        for unaligned in [&consulting, &collective] {
            let run = run(unaligned, seed, None);
            let answer = run
                .events
                .iter()
                .find(|e| e.kind == EventKind::Balancing && e.actors == [germany])
                .expect("Germany weighs balancing on its own account");
            assert!(figure(answer, "willingness") > 0.0, "seed {seed}");
            balanced += usize::from(answer.summary == "Germany balances against Italy on its own account");
        }
    }
    assert!(balanced > 0, "a fellow member of a concert or of collective security sometimes balances");
}
