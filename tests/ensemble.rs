//! Ensembles (`covenant run --runs N`): the same findings on any number of threads, agreement with single runs, the JSON schema, errors.

use std::path::Path;

use covenant::check;
use covenant::engine::{self, RunOptions};
use covenant::ensemble::{self, Aggregate, EnsembleOptions, RunOutcome};
use covenant::load::{self, LoadOptions};
use covenant::log::EventKind;
use covenant::scenario::Scenario;
use serde_json::Value;

#[path = "support/cli.rs"]
#[allow(dead_code)]
mod cli;
use cli::{covenant, stderr, stdout};

#[path = "support/schema.rs"]
mod schema;

#[path = "support/case.rs"]
mod case;

const EXAMPLE: &str = "tests/cases/concert_short.cov";

/// Runs and expects success with nothing on standard error, returning standard output.
fn ok(args: &[&str]) -> String {
    let output = covenant(args);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
    assert!(output.stderr.is_empty(), "{args:?} printed on stderr: {:?}", stderr(&output));
    stdout(&output)
}

fn json(text: &str) -> Value {
    assert_eq!(text.lines().count(), 1, "one object on one line");
    serde_json::from_str(text).expect("JSON")
}

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ensemble.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    schema
}

// ---------------------------------------------------------------- determinism

#[test]
fn one_thread_and_two_give_the_same_bytes() {
    for format in ["text", "json"] {
        let one = ok(&["run", EXAMPLE, "--runs", "300", "--threads", "1", "--format", format]);
        let two = ok(&["run", EXAMPLE, "--runs", "300", "--threads", "2", "--format", format]);
        let all = ok(&["run", EXAMPLE, "--runs", "300", "--format", format]);
        assert_eq!(one, two, "{format}");
        assert_eq!(one, all, "{format} on all cores");
    }
    let one = ok(&["run", EXAMPLE, "--runs", "200", "--threads", "1", "--variant", "automatic"]);
    let two = ok(&["run", EXAMPLE, "--runs", "200", "--threads", "2", "--variant", "automatic"]);
    assert_eq!(one, two, "a variant");
}

#[test]
fn the_same_seed_gives_the_same_findings_and_another_seed_others() {
    let first = ok(&["run", EXAMPLE, "--runs", "100", "--seed", "7", "--format", "json"]);
    assert_eq!(first, ok(&["run", EXAMPLE, "--runs", "100", "--seed", "7", "--format", "json"]));
    let other = ok(&["run", EXAMPLE, "--runs", "100", "--seed", "5000", "--format", "json"]);
    let (first, other) = (json(&first), json(&other));
    assert_eq!(first["seeds"], serde_json::json!([7, 106]));
    assert_eq!(other["seeds"], serde_json::json!([5000, 5099]));
    let findings = |v: &Value| {
        let mut v = v.clone();
        v.as_object_mut().unwrap().remove("seeds");
        v
    };
    assert_ne!(findings(&first), findings(&other), "other seeds, other findings");
}

#[test]
fn the_default_first_seed_is_the_cases_own() {
    let text = ok(&["run", EXAMPLE, "--runs", "10"]);
    assert_eq!(text.lines().nth(1), Some("variant base, 10 runs, seeds 1815..1824, period 1815..1856"), "{text}");
    assert_eq!(text, ok(&["run", EXAMPLE, "--runs", "10", "--seed", "1815"]));
}

#[test]
fn parallel_runs_fold_to_what_one_thread_counts_run_by_run() {
    let scenario = case::example(EXAMPLE);
    let options = EnsembleOptions { runs: 150, first_seed: Some(40), variant: Some("automatic".into()) };
    let mut sequential = Aggregate::for_scenario(&scenario);
    for i in 0..options.runs {
        let seed = ensemble::seed_of_run(40, i);
        let run =
            engine::run(&scenario, &RunOptions { seed: Some(seed), variant: options.variant.clone() }).expect("runs");
        sequential.add(&RunOutcome::of(&scenario, &run));
    }
    for threads in [1, 2, 3] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a pool");
        let done = std::sync::atomic::AtomicU64::new(0);
        let progress = |n: u64| {
            done.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        };
        let ensemble = pool.install(|| ensemble::run(&scenario, &options, &progress)).expect("runs");
        assert_eq!(ensemble.aggregate, sequential, "{threads} threads");
        assert_eq!(done.into_inner(), 150, "progress counts every run");
        assert_eq!(ensemble.first_seed, 40);
    }
}

// ---------------------------------------------------------------- agreement with single runs

#[test]
fn an_ensemble_of_one_agrees_with_the_single_run_of_its_seed() {
    let scenario = case::example(EXAMPLE);
    let great: Vec<&str> = scenario.powers.iter().filter(|p| p.great.is_some()).map(|p| p.name.as_str()).collect();
    let mut wars_seen = 0;
    for (seed, variant) in (1815..1835).map(|s| (s, None)).chain((1..10).map(|s| (s, Some("automatic")))) {
        let seed = seed.to_string();
        let mut args = vec!["run", EXAMPLE, "--seed", &seed, "--format", "json"];
        if let Some(variant) = variant {
            args.extend(["--variant", variant]);
        }
        let log: Vec<Value> = ok(&args).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
        args.extend(["--runs", "1"]);
        let one = json(&ok(&args));
        let events: Vec<&Value> = log.iter().filter(|l| l.get("seq").is_some()).collect();
        let of_kind = |kind: &str| events.iter().filter(|e| e["kind"] == kind).count() as u64;

        let is_great = |v: &Value| great.contains(&v.as_str().expect("a name"));
        // Each year of a war has one event, its going on or its end, naming
        // that year's sides (`attackers` of the actors on the aggressor's),
        // the powers that joined it under way too; each war has one event of
        // its first year.
        let war_years: Vec<&&Value> =
            events.iter().filter(|e| e["kind"] == "war_end" || e["kind"] == "war_goes_on").collect();
        let first_years: Vec<&&&Value> = war_years.iter().filter(|e| e["began"] == e["year"]).collect();
        let great_wars: Vec<i64> = war_years
            .iter()
            .filter(|e| {
                let actors = e["actors"].as_array().expect("actors");
                let split = e["attackers"].as_u64().expect("attackers") as usize;
                actors[..split].iter().any(is_great) && actors[split..].iter().any(is_great)
            })
            .map(|e| e["year"].as_i64().expect("a year"))
            .collect();
        wars_seen += great_wars.len();
        let context = format!("seed {seed} {variant:?}");
        assert_eq!(one["great_power_war"]["count"], u64::from(!great_wars.is_empty()), "{context}");
        assert_eq!(one["great_power_war"]["share"], if great_wars.is_empty() { 0.0 } else { 1.0 }, "{context}");
        match great_wars.first() {
            Some(year) => assert_eq!(one["first_great_power_war"]["median"], *year, "{context}"),
            None => assert!(one["first_great_power_war"].is_null(), "{context}"),
        }
        assert_eq!(one["wars"]["total"], first_years.len() as u64, "{context}");
        assert_eq!(one["defections"]["total"], of_kind("defection"), "{context}");
        assert_eq!(one["deterred"]["total"], of_kind("deterred"), "{context}");
        assert_eq!(one["yielded"]["total"], of_kind("yielded"), "{context}");
        assert_eq!(one["consultations"]["total"], of_kind("consult"), "{context}");
        // Read independently of the ensemble's own rule: by what the decision says.
        let acted = events
            .iter()
            .filter(|e| e["kind"] == "decision")
            .filter(|e| {
                let summary = e["summary"].as_str().expect("a summary");
                summary.contains(" decides to ") || summary.contains(" mandates ")
            })
            .count() as u64;
        assert_eq!(one["decisions_to_act"]["total"], acted, "{context}");
        let last = log.iter().rev().find(|l| l.get("state").is_some()).expect("a state line");
        for (name, standing) in last["commitments"].as_object().expect("commitments") {
            let alive = standing["alive"].as_bool().expect("a flag");
            assert_eq!(one["commitments"][name]["survived"]["count"], u64::from(alive), "{context} {name}");
            assert_eq!(one["commitments"][name]["dissolution_year"].is_null(), alive, "{context} {name}");
        }
        for (name, strength) in last["norms"].as_object().expect("norms") {
            let strength = strength.as_f64().expect("a number");
            let norm = &one["norms"][name];
            assert!((norm["mean"].as_f64().unwrap() - strength).abs() < 1e-9, "{context} {name}");
            let median = norm["quartiles"]["median"].as_f64().unwrap();
            assert!((median - strength).abs() <= 0.0005 + 1e-12, "{context} {name}: {median} for {strength}");
        }
    }
    assert!(wars_seen > 0, "some run among these had a war among the great powers");
}

#[test]
fn run_and_test_take_the_same_seeds() {
    let text = ok(&["run", EXAMPLE, "--runs", "5", "--seed", "40"]);
    assert!(text.contains("seeds 40..44"), "{text}");
    let output = covenant(&["test", EXAMPLE, "--runs", "5", "--seed", "40"]);
    assert!(stdout(&output).contains("seeds 40..44"), "{}", stdout(&output));
}

// ---------------------------------------------------------------- output

#[test]
fn the_text_report_of_a_small_ensemble() {
    let text = ok(&["run", EXAMPLE, "--runs", "40"]);
    // The hash moves with any edit of the case, a comment's too.
    insta::with_settings!({ filters => vec![(r"sha256:[0-9a-f]{16}\b", "sha256:[hash]")] }, {
        insta::assert_snapshot!("concert_of_europe_40_runs", text);
    });
}

#[test]
fn the_year_of_the_first_war_is_given_once_whatever_the_shares() {
    // With two runs, one at war, the shares with and without war are equal.
    for seed in 1815..1830 {
        let text = ok(&["run", EXAMPLE, "--runs", "2", "--seed", &seed.to_string()]);
        assert_eq!(text.matches("year of the first").count(), 1, "seed {seed}:\n{text}");
    }
}

#[test]
fn the_json_findings_fit_the_documented_schema() {
    let schema = schema();
    for variant in [None, Some("automatic"), Some("opaque")] {
        for runs in ["1", "60"] {
            let mut args = vec!["run", EXAMPLE, "--runs", runs, "--format", "json"];
            if let Some(variant) = variant {
                args.extend(["--variant", variant]);
            }
            let value = json(&ok(&args));
            let errors = schema::validate(&schema, &schema, &value);
            assert!(errors.is_empty(), "{variant:?} {runs}: {errors:?}\n{value}");
            assert_eq!(value["variant"], variant.map_or(Value::Null, Value::from));
        }
    }
}

#[test]
fn the_schema_check_catches_broken_findings() {
    let schema = schema();
    let value = json(&ok(&["run", EXAMPLE, "--runs", "5", "--format", "json"]));
    assert!(schema::validate(&schema, &schema, &value).is_empty());
    let mut broken = value.clone();
    broken["runs"] = Value::from("5");
    assert!(!schema::validate(&schema, &schema, &broken).is_empty(), "runs as a string");
    let mut broken = value.clone();
    broken["great_power_war"].as_object_mut().unwrap().remove("interval");
    assert!(!schema::validate(&schema, &schema, &broken).is_empty(), "a frequency without its interval");
    let mut broken = value.clone();
    broken["norms"]["territorial_status_quo"]["quartiles"]["median"] = Value::from(-1.0);
    assert!(!schema::validate(&schema, &schema, &broken).is_empty(), "a negative strength");
    let mut broken = value;
    broken["threads"] = Value::from(2);
    assert!(!schema::validate(&schema, &schema, &broken).is_empty(), "an undocumented field");
}

#[test]
fn piped_standard_error_gets_no_progress_bar() {
    // `ok` already insists on an empty standard error; this makes the point on its own.
    let output = covenant(&["run", EXAMPLE, "--runs", "500"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{:?}", stderr(&output));
}

#[test]
fn out_writes_the_findings_whole() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("findings.json");
    std::fs::write(&path, "older findings\n").expect("written");
    let path_text = path.to_str().expect("UTF-8");
    let output = covenant(&["run", EXAMPLE, "--runs", "20", "--format", "json", "--out", path_text]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let written = std::fs::read_to_string(&path).expect("the file");
    assert_eq!(written, ok(&["run", EXAMPLE, "--runs", "20", "--format", "json"]));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");

    let missing = dir.path().join("no/such/folder/findings.txt");
    let output = covenant(&["run", EXAMPLE, "--runs", "5", "--out", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error[U003]: cannot write `"), "{}", stderr(&output));
}

// ---------------------------------------------------------------- errors

#[test]
fn zero_runs_is_a_usage_error() {
    let output = covenant(&["run", EXAMPLE, "--runs", "0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("an ensemble needs at least one run"), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let output = covenant(&["run", EXAMPLE, "--runs", "many"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("expected a whole number of runs"), "{}", stderr(&output));
}

#[test]
fn an_ensemble_past_ten_million_runs_is_refused_before_it_starts() {
    for command in ["run", "test"] {
        for runs in ["10000001", "18446744073709551615"] {
            let output = covenant(&[command, EXAMPLE, "--runs", runs]);
            assert_eq!(output.status.code(), Some(2), "{command} --runs {runs}");
            let error = stderr(&output);
            assert!(error.contains("at most 10000000 runs in one ensemble"), "{error}");
            assert!(error.contains("run ensembles of consecutive first seeds (`--seed`)"), "{error}");
            assert!(output.stdout.is_empty());
        }
    }
}

#[test]
fn an_unknown_variant_is_a_usage_error() {
    let output = covenant(&["run", EXAMPLE, "--runs", "10", "--variant", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), "error: the case has no variant `nope`; its variants are automatic, opaque\n");
    assert!(output.stdout.is_empty());
}

#[test]
fn options_that_make_no_sense_for_an_ensemble_are_refused() {
    let threads_alone = covenant(&["run", EXAMPLE, "--threads", "2"]);
    assert_eq!(threads_alone.status.code(), Some(2), "--threads needs --runs");
    assert_eq!(covenant(&["run", EXAMPLE, "--runs", "5", "--threads", "0"]).status.code(), Some(2));
    assert_eq!(covenant(&["run", EXAMPLE, "--runs", "5", "--step"]).status.code(), Some(2));
    let csv = covenant(&["run", EXAMPLE, "--runs", "5", "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(2));
    assert_eq!(
        stderr(&csv),
        "error: the CSV tables are one run's; an ensemble has none\n  \
         help: drop --runs for one run's table, or use --format text or json with --runs\n"
    );
}

#[test]
fn a_broken_case_is_not_run() {
    let output = covenant(&["run", "tests/ui/fail/unknown_name.cov", "--runs", "5"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

/// Every bundled example, checked, in the order of its file's name.
fn examples() -> Vec<(std::path::PathBuf, Scenario)> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<_> =
        std::fs::read_dir(&examples).expect("the examples").map(|e| e.expect("an entry").path()).collect();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "cov"))
        .map(|path| {
            let loaded = load::load(&path, LoadOptions::default()).expect("readable");
            let scenario = check::check(&loaded).scenario.expect("the example checks clean");
            (path, scenario)
        })
        .collect()
}

/// Ensembles, paired diffs and `test` run the engine without writing text;
/// their decisions must be those of the full trace, event for event.
#[test]
fn a_run_without_text_makes_the_decisions_of_the_full_trace() {
    for (path, scenario) in examples() {
        let case = path.display();
        let variants = std::iter::once(None).chain(scenario.variants.iter().map(|v| Some(v.name.clone())));
        for variant in variants {
            for seed in 0..60 {
                let options = RunOptions { seed: Some(seed), variant: variant.clone() };
                let full = engine::run_traced(&scenario, &options, engine::Trace::Full).expect("runs");
                let judgement = engine::run_traced(&scenario, &options, engine::Trace::Judgement).expect("runs");
                let decisions = engine::run_traced(&scenario, &options, engine::Trace::Decisions).expect("runs");
                let bare = engine::run_traced(&scenario, &options, engine::Trace::Outcomes).expect("runs");
                let context = format!("{case} {variant:?} seed {seed}");
                assert_eq!(full.events.len(), bare.events.len(), "{context}");
                assert_eq!(full.events.len(), decisions.events.len(), "{context}");
                // What `test` judges: everything but the words.
                assert_eq!(full.panel, judgement.panel, "{context}");
                assert_eq!(full.system, judgement.system, "{context}");
                for (f, j) in full.events.iter().zip(&judgement.events) {
                    let mut worded = j.clone();
                    worded.summary.clone_from(&f.summary);
                    for (cause, full_cause) in worded.causes.iter_mut().zip(&f.causes) {
                        assert!(cause.label.is_empty(), "{context}: a label was worded");
                        cause.label.clone_from(&full_cause.label);
                    }
                    assert_eq!(&worded, f, "{context}: event #{} differs", f.seq);
                }
                for ((f, d), b) in full.events.iter().zip(&decisions.events).zip(&bare.events) {
                    let what = |e: &covenant::log::Event| {
                        (e.seq, e.year, e.kind, e.actors.clone(), e.commitment, e.shock, e.after.clone())
                    };
                    // A bare run keeps the actors and the earlier events only
                    // where an outcome reads them: a war's end or its going
                    // on, and trust.
                    let bare_what = match f.kind {
                        EventKind::WarEnd | EventKind::WarGoesOn | EventKind::Trust => what(f),
                        _ => (f.seq, f.year, f.kind, Vec::new(), f.commitment, f.shock, Vec::new()),
                    };
                    assert_eq!(bare_what, what(b), "{context}: event #{} differs: {}", f.seq, f.summary);
                    assert_eq!(what(f), what(d), "{context}: event #{} differs: {}", f.seq, f.summary);
                    let numbers = |e: &covenant::log::Event| {
                        (e.figures.clone(), e.threshold.map(f64::to_bits), e.draw.map(f64::to_bits))
                    };
                    assert_eq!(numbers(f), numbers(d), "{context}: event #{} decided on other numbers", f.seq);
                    assert_eq!(numbers(f).1, numbers(b).1, "{context}: event #{}", f.seq);
                    assert_eq!(numbers(f).2, numbers(b).2, "{context}: event #{}", f.seq);
                    assert!(d.summary.is_empty() && d.causes.is_empty(), "{context}");
                    assert!(b.summary.is_empty() && b.causes.is_empty() && b.figures.is_empty(), "{context}");
                }
                assert_eq!(full.system, bare.system, "{context}");
                assert!(bare.panel.is_empty(), "{context}");
                assert_eq!(RunOutcome::of(&scenario, &full), RunOutcome::of(&scenario, &bare), "{context}");
                // An ensemble counts as the run goes and keeps no log.
                let counted = RunOutcome::counted(&scenario, &options).expect("runs");
                assert_eq!(RunOutcome::of(&scenario, &full), counted, "{context}");
            }
        }
    }
}

/// An ensemble's thread counts every run in the room of the one before
/// (`RunOutcome::counted_from`): each must count as a run made afresh,
/// whatever ran before it, over every example and variant.
#[test]
fn a_run_restarted_in_the_room_of_another_counts_as_a_fresh_one() {
    for (path, scenario) in examples() {
        let variants = std::iter::once(None).chain(scenario.variants.iter().map(|v| Some(v.name.clone())));
        // One room for every variant's runs, as a thread's would be were it
        // to run them one after another: the variants differ in shocks,
        // commitments and parameters, so a reset that missed any would show.
        let mut spare = None;
        for variant in variants {
            let start = engine::Start::new(&scenario, variant.as_deref()).expect("a variant of the case");
            // Seeds out of order, one twice: nothing of a run may leak into the next.
            for seed in [7, 0, 31, 7, 2, 19, 4, 12, 30, 1] {
                let fresh = RunOutcome::counted(&scenario, &RunOptions { seed: Some(seed), variant: variant.clone() })
                    .expect("runs");
                let again = RunOutcome::counted_from(&start, seed, &mut spare).expect("runs");
                assert_eq!(fresh, again, "{} {variant:?} seed {seed}", path.display());
            }
        }
    }
}

#[test]
fn a_commitment_formed_later_is_not_counted_as_dissolved_before_it_forms() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/concert_of_europe_1815.cov");
    let scenario =
        check::check(&load::load(&path, LoadOptions::default()).expect("readable")).scenario.expect("checks");
    let index = |name: &str| scenario.commitments.iter().position(|c| c.name == name).expect("declared");
    let (munchengratz, treaty) = (index("Munchengratz"), index("Treaty_of_London"));
    for seed in 0..40 {
        let run = engine::run(&scenario, &RunOptions { seed: Some(seed), variant: None }).expect("runs");
        let outcome = RunOutcome::of(&scenario, &run);
        // Formed in 1833 and never dissolved by the case's rules.
        assert!(outcome.dissolved[munchengratz].is_none_or(|year| year > 1833), "seed {seed}: {outcome:?}");
        // Formed in 1827, dissolved by a rule in 1830 (or worn out before).
        assert!(outcome.dissolved[treaty].is_some_and(|year| (1827..=1830).contains(&year)), "seed {seed}");
    }
}

#[test]
fn a_commitment_the_variant_removes_is_reported_as_removed() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/concert_of_europe_1815.cov");
    let path = path.to_str().expect("a UTF-8 path");
    let text = ok(&["run", path, "--runs", "20", "--variant", "anarchy"]);
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("removed by the variant")).collect();
    assert_eq!(rows.len(), 5, "every commitment the anarchy variant removes: {text}");
    assert!(rows.iter().any(|r| r.trim_start().starts_with("Quadruple_Alliance")));
    let base = ok(&["run", path, "--runs", "20"]);
    assert!(!base.contains("removed by the variant"), "the base case removes nothing");
    let anarchy = json(&ok(&["run", path, "--runs", "20", "--variant", "anarchy", "--format", "json"]));
    let base = json(&ok(&["run", path, "--runs", "20", "--format", "json"]));
    for (name, commitment) in anarchy["commitments"].as_object().expect("commitments") {
        assert_eq!(commitment["removed"], true, "{name}");
        assert_eq!(base["commitments"][name]["removed"], false, "{name}");
    }
}

#[test]
fn the_league_counts_targets_that_gave_way_and_the_classroom_none() {
    let yielded = |case: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(case);
        let findings = json(&ok(&["run", path.to_str().expect("a UTF-8 path"), "--runs", "20", "--format", "json"]));
        findings["yielded"]["mean"].as_f64().expect("a mean")
    };
    // Austria and Czechoslovakia give way in most runs (docs/model.md, "The target: fight, or give way").
    assert!(yielded("examples/league_of_nations_1931.cov") > 0.0);
    assert_eq!(yielded("examples/classroom.cov"), 0.0);
}

/// Every measure of the one table is documented in both JSON schemas, as a
/// required key: a measure added to the table and not to the schemas fails here.
#[test]
fn every_measure_is_in_the_ensemble_and_diff_schemas() {
    for schema in ["docs/ensemble.schema.json", "docs/diff.schema.json"] {
        let text = std::fs::read_to_string(schema).expect("the schema");
        for measure in covenant::ensemble::MEASURES {
            let key = format!("\"{}\": {{ \"description\"", measure.key);
            assert!(text.contains(&key), "{schema} does not describe `{}`", measure.key);
            assert!(text.contains(&format!("\"{}\",", measure.key)), "{schema} does not require `{}`", measure.key);
        }
    }
}
