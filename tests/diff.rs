//! End-to-end tests of `covenant diff`: divergence, the difference named, outcomes, JSON and its schema, `--out`, errors and exit codes.

#[path = "support/schema.rs"]
mod schema;

use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "support/cli.rs"]
#[allow(dead_code)]
mod cli;
use cli::{covenant, stderr, stdout};

const EXAMPLE: &str = "examples/concert_of_europe.cov";
const CLASSROOM: &str = "examples/classroom.cov";
const BROKEN: &str = "tests/ui/fail/unknown_name.cov";

/// An aggression no commitment answers: powers balance on their own
/// account, then the aggressor weighs the opposition it perceives — the
/// first event of the run that reads `model.transparency`.
const SELF_HELP: &str = r#"scenario "Self-help" { period 1900..1905 seed 3 }
power Ruritania { capability 0.3 stance revisionist great }
power Borduria { capability 0.2 interest Border 1 great }
power Syldavia { capability 0.4 constraint 0.2 interest Border 0.6 great }
shock dispute at 1902 { aggression Ruritania -> Borduria over Border stakes 0.2 }
shock again at 1904 { aggression Ruritania -> Borduria over Border stakes 0.2 }
variant opaque { model.transparency = 0.1 }
"#;

/// Runs and expects success, returning standard output.
fn ok(args: &[&str]) -> String {
    let output = covenant(args);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let text = ok(&args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The event lines of `covenant run --format json`.
fn log_events(args: &[&str]) -> Vec<Value> {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    ok(&args)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|l| l.get("seq").is_some())
        .collect()
}

/// A temporary folder holding case files written by the test.
fn cases(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let paths = files
        .iter()
        .map(|(name, text)| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("written");
            path
        })
        .collect();
    (dir, paths)
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn schema() -> schema::Schema {
    schema::Schema::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diff.schema.json"))
}

/// The paths of the differences the divergence names.
fn led_there(document: &Value) -> Vec<&str> {
    let ties = document["divergence"]["led_there"].as_array().expect("a list");
    let mut paths: Vec<&str> = ties.iter().map(|t| t["path"].as_str().expect("a path")).collect();
    paths.dedup();
    paths
}

// ---------------------------------------------------------------- no divergence

#[test]
fn a_case_against_itself_does_not_diverge() {
    for args in
        [&["diff", EXAMPLE, EXAMPLE][..], &["diff", EXAMPLE, "--variant", "automatic", "--variant", "automatic"]]
    {
        let report = ok(args);
        assert!(report.contains("\nThe histories are identical: both runs record the same "), "{report}");
        assert!(report.contains("The settings of the two sides are the same."), "{report}");
        assert!(!report.contains("First divergence"), "{report}");

        let document = json(args);
        assert_eq!(document["divergence"], Value::Null);
        assert_eq!(document["after"], Value::Null);
        assert_eq!(document["differences"], serde_json::json!([]));
        assert_eq!(document["outcomes"]["left"], document["outcomes"]["right"]);
        assert_eq!(document["sides"]["left"]["case_hash"], document["sides"]["right"]["case_hash"]);
    }
}

#[test]
fn the_sides_of_a_case_against_itself_are_told_apart() {
    let document = json(&["diff", EXAMPLE, EXAMPLE]);
    assert_eq!(document["sides"]["left"]["label"], format!("{EXAMPLE} (first)"));
    assert_eq!(document["sides"]["right"]["label"], format!("{EXAMPLE} (second)"));
}

// ---------------------------------------------------------------- a variant

#[test]
fn the_automatic_variant_diverges_and_names_the_mode() {
    let args = ["diff", EXAMPLE, "--variant", "automatic"];
    let report = ok(&args);
    assert!(report.starts_with("Comparing base with automatic, seed 1815\n"), "{report}");
    assert!(report.contains("  Quadruple_Alliance.mode: concert → automatic\n"), "{report}");
    assert!(report.contains("Quadruple_Alliance.mode = automatic"), "the override's line is shown: {report}");
    assert!(report.contains("\nFirst divergence in "), "{report}");
    let led = &report[report.find("\nWhat led there\n").expect("a section naming the cause")..];
    assert!(led.contains("`Quadruple_Alliance.mode` (concert → automatic)"), "{led}");
    assert!(report.contains("\nOutcomes "), "{report}");

    let document = json(&args);
    assert_eq!(document["sides"]["left"]["variant"], Value::Null);
    assert_eq!(document["sides"]["right"]["variant"], "automatic");
    let paths: Vec<&str> =
        document["differences"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["Quadruple_Alliance.mode"]);
    assert_eq!(led_there(&document), ["Quadruple_Alliance.mode"]);
}

#[test]
fn the_divergence_is_the_first_event_the_two_logs_disagree_on() {
    let base = log_events(&["run", EXAMPLE]);
    let automatic = log_events(&["run", EXAMPLE, "--variant", "automatic"]);
    let document = json(&["diff", EXAMPLE, "--variant", "automatic"]);
    let divergence = &document["divergence"];
    let at = divergence["at"].as_u64().expect("a position") as usize;
    // Every earlier event is the same on both sides, causes and all.
    assert_eq!(base[..at - 1], automatic[..at - 1]);
    assert_eq!(divergence["left"], base[at - 1], "the base's event, as the log writes it");
    assert_eq!(divergence["right"], automatic[at - 1], "the variant's event, as the log writes it");
    assert_ne!(base[at - 1]["kind"], automatic[at - 1]["kind"]);
    assert!(divergence["fields"].as_array().unwrap().contains(&Value::from("kind")));
    assert_eq!(divergence["year"], base[at - 1]["year"]);
    assert_eq!(document["after"]["from"], at);
}

#[test]
fn a_changed_parameter_diverges_at_the_first_event_that_reads_it_and_is_named() {
    let (_dir, paths) = cases(&[("self_help.cov", SELF_HELP)]);
    let file = text(&paths[0]);
    let base = log_events(&["run", file]);
    let reader =
        base.iter().find(|e| e["figures"].get("transparency").is_some()).expect("some event records the transparency");
    let document = json(&["diff", file, "--variant", "opaque"]);
    assert_eq!(document["divergence"]["at"], reader["seq"], "the first event that reads it");
    assert_eq!(document["divergence"]["left"], *reader);
    assert_eq!(led_there(&document), ["model.transparency"]);
    let ties = document["divergence"]["led_there"].as_array().unwrap();
    assert!(ties.iter().any(|t| t["evidence"] == "figure" && t["figure"] == "transparency"), "{ties:?}");

    let report = ok(&["diff", file, "--variant", "opaque"]);
    assert!(report.contains("  model.transparency: 0.5 → 0.1\n"), "{report}");
    let led = &report[report.find("\nWhat led there\n").expect("a section naming the cause")..];
    assert!(led.contains("`model.transparency` (0.5 → 0.1)"), "{led}");
    assert!(led.contains("records transparency 0.500"), "{led}");
}

#[test]
fn two_variants_compare_with_each_other() {
    let document = json(&["diff", EXAMPLE, "--variant", "automatic", "--variant", "opaque"]);
    assert_eq!(document["sides"]["left"]["label"], "automatic");
    assert_eq!(document["sides"]["right"]["label"], "opaque");
    let paths: Vec<&str> =
        document["differences"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["model.transparency", "Quadruple_Alliance.mode"]);
    assert!(document["divergence"].is_object());
}

#[test]
fn a_seed_is_used_on_both_sides() {
    let document = json(&["diff", EXAMPLE, "--variant", "opaque", "--seed", "7"]);
    assert_eq!(document["seed"], 7);
    assert_eq!(document["sides"]["left"]["seed"], 7);
    assert_eq!(document["sides"]["right"]["seed"], 7);
    assert!(ok(&["diff", EXAMPLE, "--variant", "opaque", "--seed", "7"])
        .starts_with("Comparing base with opaque, seed 7\n"));
}

// ---------------------------------------------------------------- two files

#[test]
fn two_files_compare_declaration_by_declaration_with_the_first_files_seed() {
    let changed = SELF_HELP.replace("constraint 0.2", "constraint 0.9").replace("seed 3", "seed 4");
    let (_dir, paths) = cases(&[("before.cov", SELF_HELP), ("after.cov", &changed)]);
    let (before, after) = (text(&paths[0]), text(&paths[1]));
    let document = json(&["diff", before, after]);
    assert_eq!(document["seed"], 3, "the first file's seed");
    assert_eq!(document["sides"]["left"]["case"], before);
    assert_eq!(document["sides"]["right"]["case"], after);
    assert_ne!(document["sides"]["left"]["case_hash"], document["sides"]["right"]["case_hash"]);
    let paths: Vec<&str> =
        document["differences"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["seed", "Syldavia.constraint"]);
    let constraint = &document["differences"][1];
    assert_eq!(constraint["left"]["value"], 0.2);
    assert_eq!(constraint["right"]["value"], 0.9);
    assert_eq!(constraint["right"]["set"]["file"], after);
    assert_eq!(constraint["right"]["set"]["text"], "0.9");
    assert_eq!(led_there(&document), ["Syldavia.constraint"]);

    let report = ok(&["diff", before, after]);
    assert!(report.contains("  seed: 3 → 4 (both runs use seed 3)\n"), "{report}");
    assert!(report.contains("`Syldavia.constraint` (0.2 → 0.9)"), "{report}");
    assert_eq!(json(&["diff", before, after, "--seed", "11"])["seed"], 11);
}

// ---------------------------------------------------------------- output

#[test]
fn the_same_invocation_gives_the_same_bytes() {
    for format in ["text", "json"] {
        let args = ["diff", EXAMPLE, "--variant", "automatic", "--format", format];
        assert_eq!(ok(&args), ok(&args), "{format}");
    }
}

#[test]
fn every_diff_fits_the_documented_schema() {
    let schema = schema();
    let (_dir, paths) = cases(&[("self_help.cov", SELF_HELP), ("other.cov", &SELF_HELP.replace("0.6", "0.1"))]);
    let runs: Vec<Vec<&str>> = vec![
        vec!["diff", EXAMPLE, "--variant", "automatic"],
        vec!["diff", EXAMPLE, "--variant", "opaque"],
        vec!["diff", EXAMPLE, EXAMPLE],
        vec!["diff", EXAMPLE, CLASSROOM],
        vec!["diff", text(&paths[0]), "--variant", "opaque"],
        vec!["diff", text(&paths[0]), text(&paths[1])],
    ];
    for args in runs {
        let document = json(&args);
        let errors = schema.validate(&document);
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
}

#[test]
fn the_schema_check_catches_a_broken_document() {
    let schema = schema();
    let document = json(&["diff", EXAMPLE, "--variant", "automatic"]);
    assert!(schema.validate(&document).is_empty());
    let mut broken = document.clone();
    broken["divergence"]["left"]["kind"] = Value::from("earthquake");
    assert!(!schema.validate(&broken).is_empty(), "an event the log schema refuses");
    let mut broken = document.clone();
    broken["divergence"]["led_there"][0]["evidence"] = Value::from("hunch");
    assert!(!schema.validate(&broken).is_empty(), "unknown evidence");
    let mut broken = document.clone();
    broken["sides"]["left"].as_object_mut().unwrap().remove("case_hash");
    assert!(!schema.validate(&broken).is_empty(), "a side without its hash");
    let mut broken = document;
    broken["outcomes"]["right"]["wars"] = Value::from("one");
    assert!(!schema.validate(&broken).is_empty(), "a count as a string");
}

#[test]
fn out_writes_the_report_whole() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("diff.json");
    std::fs::write(&path, "an older diff\n").expect("written");
    let args = ["diff", EXAMPLE, "--variant", "automatic", "--format", "json"];
    let output = covenant(&[&args[..], &["--out", text(&path)]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "nothing on standard output");
    assert_eq!(std::fs::read_to_string(&path).expect("readable"), ok(&args));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["diff.json"], "no temporary file is left behind");

    let missing = dir.path().join("no/such/folder/diff.txt");
    let output = covenant(&["diff", EXAMPLE, "--variant", "automatic", "--out", text(&missing)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(&format!("error: cannot write `{}`: ", missing.display())),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_text_report_of_the_examples_variants() {
    for (file, variant) in [(EXAMPLE, "automatic"), (EXAMPLE, "opaque"), (CLASSROOM, "automatic")] {
        let report = ok(&["diff", file, "--variant", variant]);
        let stem = Path::new(file).file_stem().unwrap().to_string_lossy().into_owned();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/diff"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(file);
        settings.bind(|| insta::assert_snapshot!(format!("{stem}@{variant}"), report));
    }
}

// ---------------------------------------------------------------- errors

#[test]
fn an_unknown_variant_exits_two_and_lists_the_known_ones() {
    for args in [
        &["diff", EXAMPLE, "--variant", "autmatic"][..],
        &["diff", EXAMPLE, "--variant", "automatic", "--variant", "autmatic"],
    ] {
        let output = covenant(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert_eq!(
            message, "error: the case has no variant `autmatic`; its variants are automatic, opaque\n",
            "{args:?}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_case_with_errors_is_not_run() {
    for args in [&["diff", BROKEN, "--variant", "x"][..], &["diff", EXAMPLE, BROKEN], &["diff", BROKEN, BROKEN]] {
        let output = covenant(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains("error[C010]"), "{message}");
        assert!(message.ends_with(&format!("{BROKEN}: not run, it has errors\n")), "{message}");
        assert!(output.stdout.is_empty());
    }
    let output = covenant(&["diff", "--error-format", "json", "--format", "json", EXAMPLE, BROKEN]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "diagnostics stay off standard output");
    assert!(stderr(&output).contains("\"code\":\"C010\""), "{}", stderr(&output));
}

#[test]
fn an_unreadable_case_exits_two() {
    for args in [&["diff", "no/such/case.cov", "--variant", "x"][..], &["diff", EXAMPLE, "no/such/case.cov"]] {
        let output = covenant(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).starts_with("error: cannot read `no/such/case.cov`"), "{}", stderr(&output));
    }
}

#[test]
fn bad_usage_exits_two_and_says_what_to_give() {
    let output = covenant(&["diff", EXAMPLE]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: nothing to compare: give `--variant V`"), "{}", stderr(&output));
    let output = covenant(&["diff", EXAMPLE, CLASSROOM, "--variant", "automatic"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("with two case files"), "{}", stderr(&output));
    let output = covenant(&["diff", EXAMPLE, "--variant", "a", "--variant", "b", "--variant", "c"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("given 3 times"), "{}", stderr(&output));
    assert_eq!(covenant(&["diff", EXAMPLE, EXAMPLE, EXAMPLE]).status.code(), Some(2));
    assert_eq!(covenant(&["diff"]).status.code(), Some(2));
    assert_eq!(covenant(&["diff", EXAMPLE, "--variant", "automatic", "--format", "csv"]).status.code(), Some(2));
}
