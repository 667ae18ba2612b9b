//! Wars that spread through commitments (the chain gang), and co-belligerents that fight beside an aggressor.

#[path = "support/case.rs"]
mod case;

use case::{figure, of_kind, run, scenario};
use covenant::expectation::holds;
use covenant::log::{Event, EventKind};
use covenant::scenario::PowerId;

/// Austria moves on Serbia; Russia stands by Serbia; Germany is bound to
/// Austria against Russia, France to Russia against Germany.
const JULY: &str = r#"
scenario "July" { period 1914..1914 }
model { transparency 1 }
power Austria { capability 0.1  stance revisionist  great }
power Serbia { capability 0.01 }
power Russia { capability 0.12  interest Balkans 1  great }
power Germany { capability 0.15  great }
power France { capability 0.08  great }
commitment Slavs { members Russia, Serbia  mode automatic  covers aggression  credibility 1 }
commitment Dual_Alliance { members Germany, Austria  mode automatic  covers aggression  against Russia, France  credibility 1 }
commitment Franco_Russian { members France, Russia  mode automatic  covers aggression  against Germany, Austria  credibility 1 }
shock sarajevo at 1914 { aggression Austria -> Serbia over Balkans stakes 0.5 }
expect "Germany fights Russia" { war between Germany and Russia at 1914 }
expect "France fights Germany" { war between France and Germany at 1914 }
expect "Germany is on Austria's side" { no war between Germany and Austria at 1914 }
expect "A general war" { general war of 4 at 1914 }
expect "France fights" { war involving France at 1914 }
variant no_alliances { remove commitment Dual_Alliance  remove commitment Franco_Russian }
"#;

const GERMANY: PowerId = PowerId(3);
const FRANCE: PowerId = PowerId(4);

#[test]
fn a_war_between_two_powers_becomes_a_war_between_their_alliances() {
    let case = scenario(JULY);
    let russia = PowerId(2);
    let (mut chains, mut wars) = (0, 0);
    for seed in 0..200 {
        let run = run(&case, seed, None);
        let Some(end) = run.events.iter().find(|e| e.begins_war()) else { continue };
        wars += 1;
        let (attackers, _) = end.sides();
        // The defensive Dual Alliance is engaged only by a power that came
        // into the war against Austria once Austria had struck — Russia
        // joining late, or France drawn in by Russia's alliance — and
        // Germany fights exactly when it honours it.
        let war = of_kind(&run, EventKind::War)[0].seq;
        let entered_late = run.events.iter().any(|e| {
            e.kind == EventKind::Balancing
                && e.seq > war
                && (e.actors == [russia] || e.actors == [FRANCE])
                && !e.summary.contains("stays out")
        });
        let dual = run.events.iter().find(|e| e.summary.contains("engages `Dual_Alliance` for Austria"));
        assert_eq!(dual.is_some(), entered_late, "seed {seed}: {:#?}", run.events);
        let honoured = run.events.iter().any(|e| {
            e.kind == EventKind::Balancing
                && e.actors == [GERMANY]
                && e.commitment.is_some_and(|c| case.commitments[c.0].name == "Dual_Alliance")
        });
        assert_eq!(attackers.contains(&GERMANY), honoured, "seed {seed}");
        if !honoured {
            continue;
        }
        chains += 1;
        // Each engagement names the alliance and follows from the entry that
        // engaged it: Russia's (or Austria's strike on Russia) the one,
        // Germany's (or France's) the other, link by link.
        let engagements: Vec<_> = of_kind(&run, EventKind::Crisis).into_iter().skip(1).collect();
        assert!(!engagements.is_empty(), "seed {seed}");
        for engagement in &engagements {
            let entrant = engagement.actors[0];
            let entry = run
                .events
                .iter()
                .rev()
                .filter(|e| e.seq < engagement.seq && e.actors.first() == Some(&entrant))
                .find(|e| matches!(e.kind, EventKind::Balancing | EventKind::War))
                .expect("the entrant's entry");
            assert!(engagement.after.contains(&entry.seq), "seed {seed}: {engagement:?} follows {entry:?}");
        }
        let germany = run.events.iter().find(|e| e.kind == EventKind::Balancing && e.actors == [GERMANY]).unwrap();
        assert_eq!(germany.commitment.map(|c| case.commitments[c.0].name.as_str()), Some("Dual_Alliance"));
        assert!(holds(&case.expectations[2], &case, &run), "allies are on one side: {:?}", end.sides());
    }
    assert!(wars > 50 && chains > 20, "{chains} of {wars} wars spread through the alliances");
}

#[test]
fn without_the_alliances_the_war_stays_local() {
    let case = scenario(JULY);
    for seed in 0..200 {
        let run = run(&case, seed, Some("no_alliances"));
        for end in of_kind(&run, EventKind::WarEnd) {
            assert!(!end.actors.contains(&GERMANY) && !end.actors.contains(&FRANCE), "seed {seed}: {end:?}");
        }
    }
}

#[test]
fn a_power_that_joins_a_war_against_another_does_not_call_its_own_allies() {
    // Nothing binds Russia to Serbia: it joins the war, if at all, once
    // Austria has struck. Austria did not enter a war against Russia, so the
    // Franco-Russian alliance is not engaged; and the Dual Alliance is not
    // against Russia here.
    let case = scenario(
        &JULY
            .replace(
                "commitment Slavs { members Russia, Serbia  mode automatic  covers aggression  credibility 1 }\n",
                "",
            )
            .replace("against Russia, France  credibility 1 }", "against France  credibility 1 }"),
    );
    let mut joined = 0;
    for seed in 0..200 {
        let run = run(&case, seed, None);
        let war = run.events.iter().find(|e| e.kind == EventKind::War);
        // Only the runs where Russia came in once the war was under way: one
        // that stood by Serbia before the blow was struck by it.
        let late = run.events.iter().any(|e| {
            e.kind == EventKind::Balancing
                && e.actors == [PowerId(2)]
                && e.summary.contains("joins the war")
                && war.is_some_and(|w| e.seq > w.seq)
        });
        if !late {
            continue;
        }
        joined += 1;
        assert!(
            !run.events.iter().any(|e| e.summary.contains("engages `Franco_Russian`")),
            "seed {seed}: {:#?}",
            run.events
        );
    }
    assert!(joined > 10, "Russia joins some of the wars: {joined}");
}

#[test]
fn co_belligerents_fight_beside_the_aggressor_and_weigh_in_its_resolve() {
    let text = r#"
scenario "Schleswig" { period 1900..1900 }
model { transparency 1 }
power Prussia { capability 0.08  stance revisionist }
power Austria { capability 0.08 }
power Denmark { capability 0.03 }
power Britain { capability 0.2  interest Schleswig 0.2  constraint 0.8 }
allow isolated-power
shock war at 1900 { aggression Prussia -> Denmark over Schleswig stakes 0.5 with Austria }
expect "Austria fights Denmark" { war between Austria and Denmark at 1900 }
"#;
    let case = scenario(text);
    for seed in 0..50 {
        let run = run(&case, seed, None);
        let decision = run.events.iter().find(|e| matches!(e.kind, EventKind::War | EventKind::Deterred)).unwrap();
        // The aggressor's side is Prussia and Austria: 0.16 × (1 + resolve).
        let needed = decision.threshold.expect("what it would risk");
        assert!((needed - 0.16 * (1.0 + figure(decision, "resolve"))).abs() < 1e-12, "seed {seed}");
        assert!(run.events.iter().all(|e| e.actors.first() != Some(&PowerId(1)) || e.kind != EventKind::Balancing));
        if let Some(end) = run.events.iter().find(|e| e.begins_war()) {
            let (attackers, defenders) = end.sides();
            assert_eq!(attackers, [PowerId(0), PowerId(1)], "seed {seed}");
            assert!(defenders.contains(&PowerId(2)));
            assert!(holds(&case.expectations[0], &case, &run));
            assert!((figure(end, "aggressor_capability") - 0.08).abs() < 1e-12);
        }
    }
}

#[test]
fn a_guarantee_answers_for_the_guaranteed_and_not_for_its_guarantors() {
    let text = r#"
scenario "1839" { period 1914..1915 }
power Germany { capability 0.15  stance revisionist }
power France { capability 0.08 }
power Britain { capability 0.1  constraint 0.2 }
power Belgium { capability 0.01 }
commitment Treaty_of_London { members Britain, France, Germany  guarantees Belgium  mode automatic  covers aggression }
shock marne at 1914 { aggression Germany -> France over Lorraine stakes 0.2 }
shock liege at 1915 { aggression Germany -> Belgium over Flanders stakes 0.5 }
"#;
    let case = scenario(text);
    for seed in 0..30 {
        let run = run(&case, seed, None);
        let called = |year: i32| {
            run.events.iter().any(|e| {
                e.year == year
                    && matches!(e.kind, EventKind::Balancing | EventKind::Defection)
                    && e.commitment.is_some()
                    && e.actors == [PowerId(2)]
            })
        };
        assert!(!called(1914), "seed {seed}: the guarantors do not answer for each other");
        assert!(called(1915), "seed {seed}: Britain answers for Belgium");
    }
}

#[test]
fn a_general_war_counts_the_great_powers_of_one_war_and_involving_reads_either_side() {
    let case = scenario(JULY);
    let great = |p: &PowerId| case.powers[p.0].great.is_some();
    let (mut general, mut involving) = (0, 0);
    for seed in 0..200 {
        let run = run(&case, seed, None);
        // A war's end, or its going on when the period ends, names every side.
        let ends: Vec<&Event> = run.events.iter().filter(|e| e.war_years().is_some()).collect();
        let most = ends.iter().map(|e| e.actors.iter().filter(|p| great(p)).count()).max().unwrap_or(0);
        assert_eq!(holds(&case.expectations[3], &case, &run), most >= 4, "seed {seed}");
        let france = ends.iter().any(|e| e.actors.contains(&FRANCE));
        assert_eq!(holds(&case.expectations[4], &case, &run), france, "seed {seed}");
        general += usize::from(most >= 4);
        involving += usize::from(france);
    }
    assert!(general > 0 && general < 200 && involving >= general, "{general} general wars, France in {involving}");
}

#[test]
fn an_offensive_commitment_stands_by_a_member_that_attacks_a_defensive_one_does_not() {
    // Russia stands by Serbia before the blow (credibility 1, interest 1),
    // so Austria strikes a Russia already in the field: no power comes into
    // the war against Austria, and a defensive alliance has nothing to answer.
    let text = |covers: &str| {
        JULY.replace(
            "commitment Dual_Alliance { members Germany, Austria  mode automatic  covers aggression  against Russia, France  credibility 1 }",
            &format!("commitment Dual_Alliance {{ members Germany, Austria  mode automatic  covers {covers}  against Russia, France  credibility 1 }}"),
        )
    };
    let russia = PowerId(2);
    let engaged = |covers: &str| -> usize {
        let case = scenario(&text(covers));
        (0..200)
            .filter(|seed| {
                let run = run(&case, *seed, None);
                let stood = run.events.iter().any(|e| {
                    e.kind == EventKind::Balancing && e.actors == [russia] && e.summary.contains("acts under `Slavs`")
                });
                let war = !of_kind(&run, EventKind::WarEnd).is_empty();
                let dual = run.events.iter().any(|e| e.summary.contains("engages `Dual_Alliance` for Austria"));
                // Count the runs where Russia stood before the blow and the war came.
                stood && war && {
                    let late_french = run.events.iter().any(|e| {
                        e.kind == EventKind::Balancing && e.actors == [FRANCE] && !e.summary.contains("stays out")
                    });
                    dual && !late_french
                }
            })
            .count()
    };
    assert_eq!(engaged("aggression"), 0, "a defensive alliance is not engaged by its member's own war");
    assert!(engaged("offense") > 10, "an offensive one stands by it against Russia: {}", engaged("offense"));
}

#[test]
fn a_commitment_answers_only_crises_over_its_treaty_area() {
    let text = r#"
scenario "Treaty area" { period 1962..1963 }
power USSR { capability 0.2  stance revisionist }
power USA { capability 0.25 }
power Turkey { capability 0.01 }
commitment NATO { members USA, Turkey  mode automatic  covers aggression  over Europe, North_Atlantic }
shock anatolia at 1962 { aggression USSR -> Turkey over Europe stakes 0.1 }
shock caribbean at 1963 { aggression USSR -> USA over Cuba stakes 0.1 }
"#;
    let case = scenario(text);
    for seed in 0..30 {
        let run = run(&case, seed, None);
        let answered = |year: i32| {
            run.events.iter().any(|e| {
                e.year == year
                    && e.commitment.is_some()
                    && matches!(e.kind, EventKind::Balancing | EventKind::Defection)
            })
        };
        assert!(answered(1962), "seed {seed}: a crisis over Europe engages NATO");
        assert!(!answered(1963), "seed {seed}: Cuba lies outside the treaty area (Article 6)");
    }
}

/// A weak aggressor facing a stronger target, with an ally bound to it by
/// `pact`; the fog is lifted so what it weighs is what there is.
fn promised(pact: &str) -> String {
    format!(
        r#"
scenario "Promise" {{ period 1511..1511 }}
model {{ transparency 1 }}
power Papacy {{ capability 0.05  stance 0.5 }}
power France {{ capability 0.15  constraint 0 }}
power Spain {{ capability 0.2 }}
commitment Holy_League {{ members Papacy, Spain  mode automatic  {pact}  against France  credibility 0.6 }}
allow isolated-power
shock ferrara at 1511 {{ aggression Papacy -> France over Milan stakes 0.2 }}
"#
    )
}

#[test]
fn an_aggressor_counts_on_what_its_offensive_commitment_promises_it() {
    let text = promised("covers offense");
    let (offensive, defensive) = (scenario(&text), scenario(&promised("covers aggression")));
    for seed in 0..20 {
        // Defensive, the league promises the Papacy nothing for its own war:
        // 0.05 × (1 + 0.3 + 0.5) is short of France's 0.15.
        let alone = run(&defensive, seed, None);
        let decision = alone.events.iter().find(|e| e.kind == EventKind::Deterred).expect("the Papacy is deterred");
        assert!(decision.figures.iter().all(|f| f.name != "promised"), "seed {seed}");
        // Offensive, it counts Spain at the league's credibility:
        // (0.05 + 0.6 × 0.2) × 1.8 = 0.306 against 0.15.
        let backed = run(&offensive, seed, None);
        let decision = backed.events.iter().find(|e| e.kind == EventKind::War).expect("the Papacy strikes");
        assert!((figure(decision, "promised") - 0.12).abs() < 1e-12, "seed {seed}");
        assert!((figure(decision, "backing") - 0.12).abs() < 1e-12, "seed {seed}");
        assert!((decision.threshold.unwrap() - 0.17 * 1.8).abs() < 1e-12, "seed {seed}");
        let cause = decision
            .causes
            .iter()
            .find(|c| c.label == "`Holy_League` promised Papacy its members' forces, at its standing")
            .expect("the promise among the causes");
        assert_eq!(&text[cause.span.range()], "Holy_League", "seed {seed}");
        // Once it strikes, the league stands by it against France.
        assert!(backed.events.iter().any(|e| e.summary.contains("engages `Holy_League` for Papacy")), "seed {seed}");
    }
}
