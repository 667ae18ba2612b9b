//! Judging runs against expectations: each claim form, hit rates, intervals and replayable misses; `covenant test` in parallel.

use covenant::check;
use covenant::expectation::{self, Trial};
use covenant::scenario::Scenario;

#[path = "support/case.rs"]
mod case;

#[path = "support/cli.rs"]
#[allow(dead_code)]
mod cli;
use cli::{covenant, stderr, stdout};

const CASE: &str = r#"
scenario "Judged" { period 1900..1902  seed 100 }
power Aggressor { capability 0.5  great }
power Target { capability 0.05  great }
power Austria { capability 0.2  regime absolutist }
power Naples { capability 0.02  regime absolutist }
commitment Holy {
  members Austria, Naples
  mode automatic
  covers revolution
}
relation Aggressor Target { trust 0.5 }
model { shared_regime_affinity 1 cite record  war_decisiveness 1 cite record }
shock attack at 1900 { aggression Aggressor -> Target over March stakes 0.1 }
shock rising at 1901 { revolution in Naples }
rule "The alliance is wound up" { once when year == 1902 then dissolve Holy }

expect "The attack starts a war" { war between Aggressor and Target during 1900..1900 }
expect "Peace among the great" { no war among great during 1900..1902 }
expect "The attack succeeds" { shock attack succeeds  at least 0.8 }
expect "The target is weakened" { Target.capability < 0.045 during 1900..1902 }
expect "Austria puts down the rising" { intervention by Austria in Naples at 1901 }
expect "The alliance ends" { dissolution of Holy by 1902 }
expect "The alliance survives 1901" { no dissolution of Holy during 1900..1901 }
expect "Naples does not intervene in Austria" { no intervention by Naples in Austria by 1902 }
"#;

fn scenario(text: &str) -> Scenario {
    let text = text.replace(
        "scenario \"Judged\" { period 1900..1902  seed 100 }",
        "scenario \"Judged\" {\n  period 1900..1902\n  seed 100\n  source record \"The test's own record\"\n}",
    );
    case::scenario_named("judged.cov", &text)
}

fn trial(runs: usize) -> Trial {
    expectation::trial(&scenario(CASE), runs, None, None, true, &|_| {}).expect("runs")
}

#[test]
fn each_claim_form_is_judged_from_the_run() {
    let trial = trial(200);
    let rates: Vec<f64> = trial.verdicts.iter().map(|v| v.rate()).collect();
    assert_eq!(rates[0], 1.0, "no one can deter the attack: a war every time");
    assert_eq!(rates[1], 0.0, "both powers are great, so there is always a war among the great");
    let expected_wins = 0.5 / 0.55;
    assert!(
        (rates[2] - expected_wins).abs() < 0.07,
        "the aggressor wins about {expected_wins:.2} of the time: {}",
        rates[2]
    );
    // The war is decided in its year (`war_decisiveness 1`) and costs the
    // target a tenth (0.05 to 0.045); losing costs it the stakes' share of
    // what is left, winning gains it as much.
    assert_eq!(rates[3], rates[2], "the target ends below its post-war 0.045 exactly when it loses");
    assert_eq!(rates[4], 1.0, "Austria always intervenes for a regime like its own");
    assert_eq!(rates[5], 1.0, "the rule dissolves the alliance in 1902");
    assert_eq!(rates[6], 1.0, "and not before");
    // Austria's intervention lists Austria and Naples; the claim reads who
    // intervened where, not who took part.
    assert_eq!(rates[7], 1.0, "Austria intervening in Naples is no intervention by Naples in Austria");
}

#[test]
fn verdicts_carry_the_required_rate_an_interval_and_the_missed_seeds() {
    let trial = trial(200);
    assert_eq!(trial.first_seed, 100, "the case's seed starts the ensemble");
    let peace = &trial.verdicts[1];
    assert!(!peace.passed());
    assert_eq!(peace.required, expectation::DEFAULT_RATE);
    assert_eq!(peace.missed, vec![100, 101, 102, 103, 104], "the first five misses, to replay");
    let success = &trial.verdicts[2];
    assert_eq!(success.required, 0.8);
    assert!(success.interval.0 <= success.rate() && success.rate() <= success.interval.1);
    for seed in &success.missed {
        let run =
            covenant::engine::run(&scenario(CASE), &covenant::engine::RunOptions { seed: Some(*seed), variant: None })
                .expect("runs");
        let kept = &scenario(CASE).expectations[2];
        assert!(!expectation::holds(kept, &scenario(CASE), &run), "seed {seed} replays the miss");
    }
}

#[test]
fn the_same_ensemble_gives_the_same_verdicts() {
    assert_eq!(trial(50), trial(50));
}

#[test]
fn a_threshold_on_something_not_recorded_yearly_is_refused() {
    let text = CASE
        .replace(
            "power Aggressor { capability 0.5  great }",
            "power Aggressor { capability 0.5  great  interest March 0.5 }",
        )
        .replace(
            "expect \"The target is weakened\" { Target.capability < 0.045 during 1900..1902 }",
            "expect \"The march matters\" { Aggressor.interest.March > 0.1 during 1900..1902 }",
        );
    let text = text.replace(
        "scenario \"Judged\" { period 1900..1902  seed 100 }",
        "scenario \"Judged\" {\n  period 1900..1902\n  source record \"r\"\n}",
    );
    let checked = check::check(&case::load_named("judged.cov", &text));
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(codes, vec!["C070"]);
}

#[test]
fn coverage_finds_what_played_no_part() {
    let text = CASE
        .replace(
            "rule \"The alliance is wound up\"",
            "norm quiet { strength 0.5 }\ncommitment Dormant { members Aggressor, Austria  mode concert  covers revolution  upholds quiet }\nshock never chance 0 each year during 1900..1902 { revolution in Target }\nrule \"Never\" { when year > 2000 then emit \"x\" }\nrule \"The alliance is wound up\"",
        );
    let case = scenario(&text);
    let trial = expectation::trial(&case, 20, None, None, true, &|_| {}).expect("runs");
    let coverage = trial.coverage.as_ref().expect("coverage was asked for");
    let name_of = |flags: &[bool], names: Vec<&str>| -> Vec<String> {
        flags.iter().zip(names).filter(|(used, _)| !**used).map(|(_, n)| n.to_string()).collect()
    };
    assert_eq!(name_of(&coverage.norms, case.norms.iter().map(|n| n.name.as_str()).collect()), vec!["quiet"]);
    assert_eq!(name_of(&coverage.rules, case.rules.iter().map(|r| r.title.as_str()).collect()), vec!["Never"]);
    assert_eq!(
        name_of(&coverage.commitments, case.commitments.iter().map(|c| c.name.as_str()).collect()),
        vec!["Dormant"]
    );
    assert_eq!(name_of(&coverage.shocks, case.shocks.iter().map(|s| s.name.as_str()).collect()), vec!["never"]);
}

// ---------------------------------------------------------------- in parallel

#[test]
fn a_trial_is_the_same_on_any_number_of_threads_and_keeps_the_first_misses_in_seed_order() {
    let case = scenario(CASE);
    // Judged one seed after another, by hand.
    let runs = 300;
    let mut held = vec![0usize; case.expectations.len()];
    let mut missed: Vec<Vec<u64>> = vec![Vec::new(); case.expectations.len()];
    for seed in 100..100 + runs as u64 {
        let run = covenant::engine::run(&case, &covenant::engine::RunOptions { seed: Some(seed), variant: None })
            .expect("runs");
        for (e, expectation) in case.expectations.iter().enumerate() {
            if expectation::holds(expectation, &case, &run) {
                held[e] += 1;
            } else if missed[e].len() < expectation::MISSES_KEPT {
                missed[e].push(seed);
            }
        }
    }
    // "The attack succeeds" misses now and then: its misses are scattered.
    assert!(missed[2].len() == expectation::MISSES_KEPT && missed[2][4] > 110, "{:?}", missed[2]);
    let mut trials = Vec::new();
    for threads in [1, 2, 3] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a pool");
        let done = std::sync::atomic::AtomicU64::new(0);
        let progress = |n: u64| {
            done.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        };
        let trial = pool.install(|| expectation::trial(&case, runs, None, None, true, &progress)).expect("runs");
        assert_eq!(done.into_inner(), runs as u64, "progress counts every run");
        let found: Vec<(usize, &Vec<u64>)> = trial.verdicts.iter().map(|v| (v.held, &v.missed)).collect();
        let expected: Vec<(usize, &Vec<u64>)> = held.iter().copied().zip(&missed).collect();
        assert_eq!(found, expected, "{threads} threads");
        trials.push(trial);
    }
    assert!(trials.windows(2).all(|pair| pair[0] == pair[1]), "coverage and all");
}

#[test]
fn an_unknown_variant_is_refused_before_anything_runs() {
    let progress = |_: u64| panic!("nothing runs");
    let error = expectation::trial(&scenario(CASE), 10, None, Some("stormy"), false, &progress).expect_err("unknown");
    assert_eq!(error, covenant::engine::RunError::UnknownVariant { name: "stormy".into(), known: Vec::new() });
    assert_eq!(error.to_string(), "the case has no variant `stormy`; it declares no variants");
}

const EXAMPLE: &str = "tests/cases/concert_short.cov";

#[test]
fn covenant_test_prints_the_same_report_on_one_thread_and_two() {
    for extra in [&[][..], &["--coverage"], &["--variant", "automatic"]] {
        let run = |threads: Option<&str>| {
            let mut args = vec!["test", EXAMPLE, "examples/classroom.cov", "--runs", "150"];
            args.extend(extra);
            args.extend(threads.map(|t| ["--threads", t]).into_iter().flatten());
            let output = covenant(&args);
            // No progress bar: standard error is not a terminal here.
            assert!(output.stderr.is_empty(), "{args:?}: {}", stderr(&output));
            (output.status.code(), stdout(&output))
        };
        let one = run(Some("1"));
        assert_eq!(one, run(Some("2")), "{extra:?}");
        assert_eq!(one, run(None), "{extra:?} on all cores");
        assert!(one.1.contains("over 150 runs, seeds 1815..1964"), "{}", one.1);
    }
}

#[test]
fn covenant_test_refuses_zero_runs_and_zero_threads() {
    let output = covenant(&["test", EXAMPLE, "--runs", "0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("an ensemble needs at least one run"), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let output = covenant(&["test", EXAMPLE, "--threads", "0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}

/// Without `--coverage`, `test` keeps less of each run (no causes, and
/// the powers' panel only for a threshold on a power); the verdicts must
/// be those of the fuller trace, expectation for expectation, over every
/// example and case of the library and every variant.
#[test]
fn the_verdicts_are_the_same_with_coverage_and_without() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = ["examples", "tests/cases"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("a folder"))
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "cov"))
        .collect();
    files.sort();
    let mut judged = 0;
    for file in &files {
        let case = case::example(file.strip_prefix(root).expect("in the project").to_str().expect("UTF-8"));
        let variants = std::iter::once(None).chain(case.variants.iter().map(|v| Some(v.name.as_str())));
        for variant in variants {
            let verdicts = |coverage| {
                let trial = expectation::trial(&case, 20, None, variant, coverage, &|_| {}).expect("runs");
                assert_eq!(trial.coverage.is_some(), coverage);
                trial.verdicts
            };
            assert_eq!(verdicts(false), verdicts(true), "{} {variant:?}", file.display());
            judged += case.expectations.len();
        }
    }
    assert!(judged > 500, "the library's expectations were judged: {judged}");
}
