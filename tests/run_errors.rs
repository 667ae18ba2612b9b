//! End-to-end tests of the errors of a run (`R0xx`): a division by zero stops every command that runs the case, with its diagnostic, exit 1 and nothing written.

use std::path::Path;

#[path = "support/cli.rs"]
#[allow(dead_code)]
mod cli;
use cli::{covenant_in, stderr, stdout};

/// A case whose rule divides by B's capability, which a chance shock sets
/// to zero in some runs and not in others.
const CHANCE: &str = r#"scenario "Chance" { period 1815..1840 seed 1 }
power A { capability 0.5 }
power B { capability 0.3 }
relation A B { trust 0.5 }
shock drain chance 0.03 each year during 1816..1840 { B.capability = 0 }
rule "Ratio" { when A.capability / B.capability > 10 then emit "A dwarfs B" }
"#;

/// The same case with the division guarded, which never stops.
const GUARDED: &str = r#"scenario "Chance" { period 1815..1840 seed 1 }
power A { capability 0.5 }
power B { capability 0.3 }
relation A B { trust 0.5 }
shock drain chance 0.03 each year during 1816..1840 { B.capability = 0 }
rule "Ratio" { when B.capability > 0 and A.capability / B.capability > 10 then emit "A dwarfs B" }
"#;

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("the case is written");
    }
    dir
}

/// The first seed from 1 whose run divides by zero, read off `run`'s exit status.
fn first_failing_seed(dir: &Path) -> u64 {
    (1..200)
        .find(|seed| covenant_in(dir, &["run", "chance.cov", "--seed", &seed.to_string()]).status.code() == Some(1))
        .expect("some seed drains B")
}

#[test]
fn a_division_by_zero_stops_the_run_at_its_place_with_exit_1_and_nothing_written() {
    let dir = folder(&[("chance.cov", CHANCE)]);
    let seed = first_failing_seed(dir.path()).to_string();
    let output = covenant_in(dir.path(), &["run", "chance.cov", "--seed", &seed, "--out", "log.txt"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("error[R001]: rule \"Ratio\" divides 0.5 by zero in "), "{text}");
    assert!(text.contains(&format!("(seed {seed})")), "{text}");
    assert!(text.contains("chance.cov:6:36: this is 0 in "), "the divisor is pointed at: {text}");
    assert!(text.contains("B's capability = 0"), "{text}");
    assert!(text.contains("help: the run stops rather than go on"), "{text}");
    assert!(!dir.path().join("log.txt").exists(), "no log is written");
    let listing: Vec<_> =
        std::fs::read_dir(dir.path()).expect("listed").map(|e| e.expect("an entry").file_name()).collect();
    assert_eq!(listing.len(), 1, "nothing but the case is left: {listing:?}");
    // On standard output, nothing either: the run is counted before the log.
    let output = covenant_in(dir.path(), &["run", "chance.cov", "--seed", &seed]);
    assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(1), ""));
    for format in ["json", "csv"] {
        let output = covenant_in(dir.path(), &["run", "chance.cov", "--seed", &seed, "--format", format]);
        assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(1), ""), "{format}");
    }
}

#[test]
fn the_error_is_json_when_asked() {
    let dir = folder(&[("chance.cov", CHANCE)]);
    let seed = first_failing_seed(dir.path()).to_string();
    let output = covenant_in(dir.path(), &["run", "chance.cov", "--seed", &seed, "--error-format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_str(stderr(&output).trim()).expect("one JSON line");
    assert_eq!(line["code"], "R001");
    assert_eq!(line["name"], "division-by-zero-in-run");
    assert_eq!((line["primary"]["line"].as_u64(), line["primary"]["column"].as_u64()), (Some(6), Some(36)));
    assert_eq!(line["secondary"][0]["label"], "this is 0.5");
}

#[test]
fn every_command_that_runs_the_case_stops_with_the_same_error() {
    let dir = folder(&[("chance.cov", CHANCE)]);
    let commands: [&[&str]; 5] = [
        &["run", "chance.cov", "--runs", "300"],
        &["test", "chance.cov", "--runs", "300"],
        &["diff", "chance.cov", "chance.cov", "--runs", "300"],
        &["sweep", "chance.cov", "--set", "A.capability=0.4..0.5/0.1", "--runs", "300"],
        &["explain", "chance.cov", "--event", "1000", "--seed", "1"],
    ];
    for args in commands {
        let output = covenant_in(dir.path(), args);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("error[R001]"), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn an_ensemble_reports_its_first_failing_run_on_any_number_of_threads() {
    let dir = folder(&[("chance.cov", CHANCE)]);
    let seed = first_failing_seed(dir.path());
    let messages: Vec<String> = ["1", "2", "7"]
        .iter()
        .map(|threads| {
            let output = covenant_in(dir.path(), &["run", "chance.cov", "--runs", "2000", "--threads", threads]);
            assert_eq!(output.status.code(), Some(1));
            stderr(&output)
        })
        .collect();
    assert_eq!(messages[0], messages[1]);
    assert_eq!(messages[0], messages[2]);
    // Run 0 has the case's seed, 1; the first run to fail is the first seed that fails alone.
    assert!(messages[0].contains(&format!("(seed {seed})")), "{}", messages[0]);
}

#[test]
fn a_guarded_division_never_stops_the_run() {
    let dir = folder(&[("guarded.cov", GUARDED)]);
    let output = covenant_in(dir.path(), &["run", "guarded.cov", "--runs", "500"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}
