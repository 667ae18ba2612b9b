//! Wars fought year by year: decided sooner the more lopsided, ended by a compromise peace when the sides agree and trust each other, or carried into the next year.

#[path = "support/case.rs"]
mod case;

use case::{figure, of_kind, run, scenario};
use covenant::expectation::holds;
use covenant::log::{Event, EventKind};
use covenant::scenario::PowerId;

/// Two powers at war over a province, alone; `east` is the aggressor's
/// capability against the target's 0.2, and `setting` adds model lines.
fn duel(east: f64, setting: &str) -> String {
    format!(
        r#"
scenario "Duel" {{ period 1900..1904 }}
model {{ {setting} }}
power East {{ capability {east}  stance revisionist  great }}
power West {{ capability 0.2  constraint 0  great }}
relation East West {{ trust 0.2 }}
allow isolated-power
shock strike at 1900 {{ aggression East -> West over Province stakes 0.5 }}
expect "War in 1903" {{ war between East and West during 1903..1903 }}
expect "East gains" {{ shock strike succeeds }}
"#
    )
}

/// Every year's event of the war, in order: its goings-on, then its end.
fn years(run: &covenant::engine::Run) -> Vec<&Event> {
    run.events.iter().filter(|e| e.war_years().is_some()).collect()
}

#[test]
fn a_year_decides_the_war_with_the_chance_its_margin_gives() {
    for (east, setting) in [(0.2, ""), (0.6, ""), (0.2, "war_decisiveness 0.8")] {
        let case = scenario(&duel(east, setting));
        let decisiveness = if setting.is_empty() { 0.4 } else { 0.8 };
        let chance = east / (east + 0.2);
        let margin = (2.0 * chance - 1.0_f64).abs();
        let expected = margin + (1.0 - margin) * decisiveness;
        let mut decided = 0;
        for seed in 0..2000 {
            let run = run(&case, seed, None);
            let first = years(&run)[0];
            assert_eq!(first.year, 1900, "seed {seed}: the war is fought the year it begins");
            assert!((figure(first, "decisive") - expected).abs() < 1e-12, "seed {seed}");
            assert!((figure(first, "chance") - chance).abs() < 1e-12, "seed {seed}");
            let by_fighting = figure(first, "decided_by") < expected;
            assert_eq!(by_fighting, first.figures.iter().any(|f| f.name == "aggressor_wins"), "seed {seed}");
            decided += usize::from(by_fighting);
        }
        let rate = decided as f64 / 2000.0;
        assert!((rate - expected).abs() < 0.035, "east {east} {setting}: decided {rate}, expected {expected}");
    }
}

#[test]
fn a_war_that_goes_on_is_fought_again_each_year_by_the_same_sides_until_it_ends() {
    let case = scenario(&duel(0.2, ""));
    let (mut long, mut spanning) = (0, 0);
    for seed in 0..500 {
        let run = run(&case, seed, None);
        let years = years(&run);
        // Every year but the last goes on; the last ends the war or the period.
        for (i, year) in years.iter().enumerate() {
            assert_eq!(year.year, 1900 + i as i32, "seed {seed}: one event a year, without a gap");
            assert_eq!(year.began, Some(1900), "seed {seed}");
            assert_eq!(year.sides(), (&[PowerId(0)][..], &[PowerId(1)][..]), "seed {seed}");
            assert_eq!(figure(year, "years"), (i + 1) as f64, "seed {seed}");
            if i > 0 {
                assert!(year.after.contains(&years[i - 1].seq), "seed {seed}: each year follows from the last");
            }
            let last = i + 1 == years.len();
            let ended = year.kind == EventKind::WarEnd;
            assert!(ended == last || (last && year.year == 1904), "seed {seed}: only the last year may end it");
            // Both are at war in every year of it.
            for power in [0, 1] {
                let row = run.panel.iter().find(|r| r.year == year.year && r.power.0 == power).expect("a row");
                assert!(row.at_war, "seed {seed}: {power} at war in {}", year.year);
            }
        }
        long += usize::from(years.len() > 1);
        let in_1903 = years.iter().any(|y| y.year == 1903);
        assert_eq!(holds(&case.expectations[0], &case, &run), in_1903, "seed {seed}: a war under way is a war");
        spanning += usize::from(in_1903);
    }
    assert!(
        long > 100 && spanning > 5,
        "an even war between distrustful powers drags on: {long} long, {spanning} to 1903"
    );
}

#[test]
fn a_compromise_peace_splits_the_stakes_by_the_odds_and_breaks_no_norm() {
    // Perfect sight and full trust: a year that decides nothing always ends in a peace.
    let text = duel(0.3, "transparency 1").replace("trust 0.2", "trust 1")
        + "norm no_conquest { strength 0.5  forbids conquest }\n";
    let case = scenario(&text);
    let chance = 0.3 / 0.5;
    let (mut compromises, mut victories) = (0, 0);
    for seed in 0..300 {
        let run = run(&case, seed, None);
        let years = years(&run);
        assert_eq!(years.len(), 1, "seed {seed}: the war ends in its first year");
        let end = years[0];
        if end.figures.iter().any(|f| f.name == "compromise") {
            compromises += 1;
            assert_eq!(figure(end, "agree"), 1.0, "seed {seed}: with perfect sight the sides agree");
            // After the year's cost the target holds 0.18; the peace gives
            // the aggressor its odds' share of the stakes.
            let transfer = chance * 0.5 * 0.2 * 0.9;
            assert!((figure(end, "transfer") - transfer).abs() < 1e-12, "seed {seed}");
            assert!(holds(&case.expectations[1], &case, &run), "seed {seed}: a peace with gains succeeds");
            assert!(of_kind(&run, EventKind::Norm).is_empty(), "seed {seed}: a peace agreed violates no norm");
        } else {
            victories += 1;
        }
    }
    assert!(compromises > 50 && victories > 50, "compromises {compromises}, victories {victories}");
}

#[test]
fn an_ensemble_counts_a_long_war_once() {
    use covenant::ensemble::{self, EnsembleOptions};
    let case = scenario(&duel(0.2, ""));
    let options = EnsembleOptions { runs: 200, first_seed: Some(0), variant: None };
    let ensemble = ensemble::run(&case, &options, &|_| {}).expect("runs");
    let wars = covenant::ensemble::measure::index("wars");
    // One strike a run, however many years it is fought.
    assert_eq!(ensemble.aggregate.counts[wars].total, 200);
}

#[test]
fn an_aggression_between_powers_at_war_is_a_campaign_of_their_war() {
    // A war left undecided in 1900 takes up 1901's offensives: the
    // aggressor's, or the target's counter-offensive, which turns it about.
    for (offensive, turned) in [("East -> West", false), ("West -> East", true)] {
        let text = duel(0.2, "").replace(
            "stakes 0.5 }",
            &format!("stakes 0.5 }}\nshock push at 1901 {{ aggression {offensive} over Capital stakes 0.8 }}"),
        );
        let case = scenario(&text);
        let push = covenant::scenario::ShockId(1);
        let mut campaigns = 0;
        for seed in 0..300 {
            let run = run(&case, seed, None);
            let years = years(&run);
            if years[0].kind == EventKind::WarEnd {
                // The war ended in 1900: the offensive of 1901 is a new crisis,
                // deterred or struck as any other.
                let crisis = run.events.iter().find(|e| e.kind == EventKind::Crisis && e.year == 1901);
                assert!(crisis.is_some_and(|c| !c.summary.contains("campaign")), "seed {seed}");
                let decided = |e: &&Event| e.year == 1901 && matches!(e.kind, EventKind::War | EventKind::Deterred);
                assert!(run.events.iter().any(|e| decided(&e)), "seed {seed}");
                continue;
            }
            campaigns += 1;
            let crisis = run
                .events
                .iter()
                .find(|e| e.kind == EventKind::Crisis && e.year == 1901)
                .expect("the offensive is a crisis");
            assert!(crisis.summary.contains("is a campaign of the war under way since 1900"), "{}", crisis.summary);
            assert!(crisis.after.contains(&years[0].seq), "seed {seed}: it follows from the war's going on");
            assert!(
                !run.events.iter().any(|e| e.kind == EventKind::War && e.year == 1901),
                "seed {seed}: no new strike"
            );
            // The war fights its second year for the campaign, after it.
            let second = years[1];
            assert_eq!((second.year, second.began, second.shock), (1901, Some(1900), Some(push)), "seed {seed}");
            assert!(second.after.contains(&crisis.seq), "seed {seed}");
            let (attackers, defenders) = second.sides();
            let (east, west) = (PowerId(0), PowerId(1));
            let expected = if turned { ([west], [east]) } else { ([east], [west]) };
            assert_eq!((attackers, defenders), (&expected.0[..], &expected.1[..]), "seed {seed}");
            assert_eq!(years.iter().filter(|e| e.begins_war()).count(), 1, "seed {seed}: one war");
        }
        assert!(campaigns > 100, "{offensive}: {campaigns} campaigns");
    }
}

#[test]
fn a_power_made_great_counts_among_the_great_from_that_year() {
    // Rising is great only from 1902: its war of 1900 is no war among the
    // great, its war of 1903 is; rules and the general war read it so.
    let text = r#"
scenario "Rising" { period 1900..1904 }
model { war_decisiveness 1 }
power Old { capability 0.05  constraint 0  great }
power Rising { capability 0.6  stance revisionist }
power Third { capability 0.05  great }
allow isolated-power
shock first at 1900 { aggression Rising -> Old over Marches stakes 0 }
shock rise at 1902 { Rising.great = true }
shock second at 1903 { aggression Rising -> Old over Marches stakes 0 }
rule "Three great" { once when count(great) == 3 then emit "three great powers" }
expect "No war among the great in 1900" { no war among great at 1900  at least 1 }
expect "A war among the great in 1903" { war among great at 1903  at least 1 }
expect "Two great powers at war in 1903" { general war of 2 at 1903  at least 1 }
expect "Three can be counted" { no general war of 3 by 1904  at least 1 }
"#;
    let case = scenario(text);
    for seed in 0..20 {
        let run = run(&case, seed, None);
        assert_eq!(run.great_changes, [(1902, PowerId(1), true)], "seed {seed}");
        let rise = run.events.iter().find(|e| e.summary == "Rising becomes a great power").expect("the change");
        assert_eq!(rise.year, 1902);
        let emitted = run.events.iter().find(|e| e.summary.contains("three great powers")).expect("the rule fires");
        assert_eq!(emitted.year, 1902, "seed {seed}: the rule counts Rising from 1902");
        for (i, expectation) in case.expectations.iter().enumerate() {
            assert!(holds(expectation, &case, &run), "seed {seed}: expectation {i}");
        }
    }
}

#[test]
fn a_victorious_side_shares_the_spoils_as_each_brought_to_the_war() {
    let text = r#"
scenario "Partition" { period 1939..1939 }
model { war_decisiveness 1  transparency 1 }
power East { capability 0.3  stance revisionist }
power North { capability 0.1 }
power Victim { capability 0.1  constraint 0 }
allow isolated-power
shock partition at 1939 { aggression East -> Victim over Plains stakes 1  with North }
"#;
    let case = scenario(text);
    let mut victories = 0;
    for seed in 0..100 {
        let run = run(&case, seed, None);
        let end = of_kind(&run, EventKind::WarEnd)[0];
        if figure(end, "aggressor_wins") != 1.0 {
            continue;
        }
        victories += 1;
        // After the year's cost: East 0.27, North 0.09, the victim's 0.09
        // all at stake, shared three to one.
        let capability = |p: usize| run.panel.iter().find(|r| r.power.0 == p).expect("a row").capability;
        assert!((figure(end, "transfer") - 0.09).abs() < 1e-12, "seed {seed}");
        assert!((capability(0) - (0.27 + 0.09 * 0.75)).abs() < 1e-12, "seed {seed}: {}", capability(0));
        assert!((capability(1) - (0.09 + 0.09 * 0.25)).abs() < 1e-12, "seed {seed}: {}", capability(1));
        assert!(capability(2).abs() < 1e-12, "seed {seed}");
        assert!(end.summary.ends_with("(East 0.068, North 0.023)"), "{}", end.summary);
    }
    assert!(victories > 50, "{victories}");
}

#[test]
fn a_power_at_war_on_two_fronts_pays_the_year_of_war_once() {
    // East fights West and South in the same year: a tenth of its strength,
    // not a tenth twice.
    let text = r#"
scenario "Two fronts" { period 1900..1900 }
model { war_decisiveness 1 }
power East { capability 0.6  stance revisionist }
power West { capability 0.05  constraint 0 }
power South { capability 0.05  constraint 0 }
allow isolated-power
shock west at 1900 { aggression East -> West over Marches stakes 0 }
shock south at 1900 { aggression East -> South over Hills stakes 0 }
"#;
    let case = scenario(text);
    for seed in 0..20 {
        let run = run(&case, seed, None);
        assert_eq!(run.events.iter().filter(|e| e.begins_war()).count(), 2, "seed {seed}: two wars");
        let east = run.panel.iter().find(|r| r.power.0 == 0).expect("a row").capability;
        assert!((east - 0.6 * 0.9).abs() < 1e-12, "seed {seed}: {east}");
    }
}

#[test]
fn ends_in_compromise_holds_exactly_for_a_compromise_peace() {
    let text = duel(0.3, "transparency 1").replace("trust 0.2", "trust 1")
        + "expect \"A peace of compromise\" { shock strike ends in compromise }\n";
    let case = scenario(&text);
    let (mut compromises, mut others) = (0, 0);
    for seed in 0..200 {
        let run = run(&case, seed, None);
        let compromise =
            of_kind(&run, EventKind::WarEnd).iter().any(|e| e.figures.iter().any(|f| f.name == "compromise"));
        assert_eq!(holds(&case.expectations[2], &case, &run), compromise, "seed {seed}");
        compromises += usize::from(compromise);
        others += usize::from(!compromise);
    }
    assert!(compromises > 30 && others > 30, "compromises {compromises}, others {others}");
}

#[test]
fn a_war_claim_reads_the_sides_of_each_year_of_the_war() {
    // Third joins the war of 1900 with the campaign of 1901: it fought West
    // in 1901, not in 1900.
    let text = duel(0.2, "").replace("power West", "power Third { capability 0.1 }\npower West").replace(
        "stakes 0.5 }",
        "stakes 0.5 }\nshock push at 1901 { aggression East -> West over Province stakes 0.5  with Third }\nexpect \"Third in 1900\" { war between Third and West during 1900..1900 }\nexpect \"Third in 1901\" { war between Third and West at 1901 }",
    );
    let case = scenario(&text);
    let mut joined = 0;
    for seed in 0..200 {
        let run = run(&case, seed, None);
        let Some(first) = run.events.iter().find(|e| e.begins_war()) else { continue };
        if first.kind != EventKind::WarGoesOn {
            continue;
        }
        joined += 1;
        let claim = |title: &str| case.expectations.iter().find(|e| e.title == title).expect("the expectation");
        assert!(!holds(claim("Third in 1900"), &case, &run), "seed {seed}: Third did not fight in 1900");
        assert!(holds(claim("Third in 1901"), &case, &run), "seed {seed}: it fought in 1901");
        let years = years(&run);
        assert!(years.iter().all(|y| y.war == Some(first.war.expect("a war"))), "seed {seed}: one war throughout");
    }
    assert!(joined > 50, "{joined}");
}
