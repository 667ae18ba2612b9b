//! End-to-end tests of `covenant diff`: divergence, the difference named, outcomes, JSON and its schema, `--out`, errors and exit codes.

#[path = "support/schema.rs"]
mod schema;

use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "support/cli.rs"]
#[allow(dead_code)]
mod cli;
use cli::{covenant, stderr, stdout};

const EXAMPLE: &str = "tests/cases/concert_short.cov";
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

#[test]
fn a_revolutions_strength_is_a_setting_of_its_shock() {
    let unrest = |strength: &str| {
        SELF_HELP.replace(
            "shock again at 1904 {",
            &format!("shock unrest at 1903 {{ revolution in Syldavia over Border{strength} }}\nshock again at 1904 {{"),
        )
    };
    let (_dir, paths) = cases(&[("bare.cov", &unrest("")), ("strong.cov", &unrest(" strength 0.4"))]);
    let document = json(&["diff", text(&paths[0]), text(&paths[1])]);
    let differences = document["differences"].as_array().unwrap();
    assert_eq!(differences.len(), 1, "{differences:#?}");
    assert_eq!(differences[0]["path"], "shock unrest");
    assert_eq!(differences[0]["left"]["value"], "at 1903: revolution in Syldavia over Border");
    assert_eq!(differences[0]["right"]["value"], "at 1903: revolution in Syldavia over Border strength 0.4");
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
        stderr(&output).starts_with(&format!("error[U003]: cannot write `{}`: ", missing.display())),
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

// ---------------------------------------------------------------- paired runs (--runs N)

const HISTORY: &str = "examples/concert_of_europe_1815.cov";

/// Every `difference` object in a paired document, with where it was found.
fn paired_differences(document: &Value) -> Vec<(String, &Value)> {
    fn walk<'v>(value: &'v Value, at: String, out: &mut Vec<(String, &'v Value)>) {
        match value {
            Value::Object(fields) => {
                for (name, field) in fields {
                    if name == "difference" && !field.is_null() {
                        out.push((at.clone(), field));
                    } else if name != "differences" {
                        walk(field, format!("{at}.{name}"), out);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{at}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(document, "$".to_string(), &mut out);
    out
}

fn interval(difference: &Value) -> (f64, f64) {
    let bounds = difference["interval"].as_array().expect("an interval");
    (bounds[0].as_f64().unwrap(), bounds[1].as_f64().unwrap())
}

#[test]
fn paired_runs_of_a_side_against_itself_differ_by_nothing() {
    for args in [
        &["diff", EXAMPLE, "--variant", "automatic", "--variant", "automatic", "--runs", "60"][..],
        &["diff", EXAMPLE, EXAMPLE, "--runs", "60"],
    ] {
        let report = ok(args);
        assert!(report.contains("\nThe histories are identical in every pair: no seed differs.\n"), "{report}");
        assert!(report.contains("\nNo pair had a war among the great powers on one side only.\n"), "{report}");
        let document = json(args);
        assert_eq!(document["histories_differ"], 0);
        assert_eq!(document["war_on_one_side"], serde_json::json!({ "count": 0, "first": [] }));
        let differences = paired_differences(&document);
        assert!(differences.len() >= 10, "every outcome has its difference: {differences:?}");
        for (at, difference) in differences {
            assert_eq!(difference["value"], 0.0, "{at}");
            let (low, high) = interval(difference);
            assert!(low <= 0.0 && 0.0 <= high, "{at}: [{low}, {high}]");
        }
        let pairs = &document["great_power_war"]["pairs"];
        assert_eq!((pairs["only_left"].as_u64(), pairs["only_right"].as_u64()), (Some(0), Some(0)));
        assert!(pairs["both"].as_u64().unwrap() > 0, "some runs have a war, on both sides alike");
    }
}

#[test]
fn removing_the_commitments_raises_war_among_the_great_powers() {
    // docs/model.md: an aggressor counts fully on the powers a commitment
    // binds and only in part on those that balance on their own account,
    // so the same powers deter better bound than free (Kupchan & Kupchan
    // 1995, p. 52). Without the Vienna system's commitments, more
    // aggressions go undeterred and more of them end in war among the
    // great powers; binding the members automatically costs the concerts
    // through defections, with the same result. The base case ends in the
    // Crimean War in nearly every run (0.98 of 400 since the aggressor's
    // own stake raises its resolve), so at that ceiling the difference shows
    // in when the great powers' war comes: sooner, in paired runs.
    for variant in ["anarchy", "automatic"] {
        let document = json(&["diff", HISTORY, "--variant", variant, "--runs", "400"]);
        let war = &document["great_power_war"];
        assert!(war["difference"]["value"].as_f64().unwrap() > 0.0, "{variant}: {war}");
        let sooner = &document["first_great_power_war"]["paired"]["difference"];
        let (low, high) = interval(sooner);
        assert!(low < high && high < 0.0, "{variant}: the first great-power war comes sooner: [{low}, {high}]");
        let wars = &document["wars"]["difference"];
        assert!(interval(wars).0 > 0.0, "{variant}: more wars of any powers: {wars}");
    }
}

#[test]
fn each_side_of_a_paired_diff_is_the_ensemble_of_that_side() {
    let document = json(&["diff", HISTORY, "--variant", "automatic", "--runs", "50", "--seed", "300"]);
    assert_eq!(document["seeds"], serde_json::json!([300, 349]));
    for (side, variant) in [("left", None), ("right", Some("automatic"))] {
        let mut args = vec!["run", HISTORY, "--runs", "50", "--seed", "300", "--format", "json"];
        args.extend(variant.map(|v| ["--variant", v]).into_iter().flatten());
        let alone: Value = serde_json::from_str(&ok(&args)).expect("JSON");
        let frequency = |v: &Value| v.clone();
        assert_eq!(frequency(&document["great_power_war"][side]), alone["great_power_war"], "{side}");
        assert_eq!(document["runs_with_defection"][side], alone["runs_with_defection"], "{side}");
        assert_eq!(document["first_great_power_war"]["quartiles"][side], alone["first_great_power_war"], "{side}");
        assert_eq!(document["sides"][side]["parameters"], alone["parameters"], "{side}");
        assert_eq!(document["sides"][side]["case_hash"], alone["case_hash"], "{side}");
        for (name, commitment) in alone["commitments"].as_object().expect("commitments") {
            assert_eq!(document["commitments"][name]["survived"][side], commitment["survived"], "{side} {name}");
            assert_eq!(
                document["commitments"][name]["dissolution_year"][side], commitment["dissolution_year"],
                "{side} {name}"
            );
        }
        for (name, norm) in alone["norms"].as_object().expect("norms") {
            assert_eq!(document["norms"][name]["strength"][side], norm["mean"], "{side} {name}");
            assert_eq!(document["norms"][name]["quartiles"][side], norm["quartiles"], "{side} {name}");
        }
        for mean in ["wars", "defections", "deterred", "yielded", "consultations", "decisions_to_act"] {
            let total = alone[mean]["total"].as_f64().unwrap();
            let paired = document[mean][side].as_f64().unwrap();
            assert!((paired - total / 50.0).abs() < 1e-12, "{side} {mean}: {paired} against {total} / 50");
        }
    }
}

#[test]
fn the_pairs_agree_with_one_seed_diffs_and_the_listed_seeds_replay() {
    // Seeds 12..23 hold a pair at war on one side only, whose seed the
    // report must list for replay.
    let args = ["diff", HISTORY, "--variant", "anarchy", "--runs", "12", "--seed", "12"];
    let document = json(&args);
    let (mut both, mut only_left, mut only_right, mut parted) = (0, 0, 0, 0);
    let mut one_sided = Vec::new();
    for seed in 12..24 {
        let one = json(&["diff", HISTORY, "--variant", "anarchy", "--seed", &seed.to_string()]);
        let at_war = |side: &str| one["outcomes"][side]["great_power_wars"].as_u64().unwrap() > 0;
        match (at_war("left"), at_war("right")) {
            (true, true) => both += 1,
            (true, false) => {
                only_left += 1;
                one_sided.push(serde_json::json!({ "seed": seed, "side": "left" }));
            }
            (false, true) => {
                only_right += 1;
                one_sided.push(serde_json::json!({ "seed": seed, "side": "right" }));
            }
            (false, false) => {}
        }
        parted += u64::from(!one["divergence"].is_null());
    }
    let pairs = &document["great_power_war"]["pairs"];
    assert_eq!(pairs["both"], both);
    assert_eq!(pairs["only_left"], only_left);
    assert_eq!(pairs["only_right"], only_right);
    assert_eq!(document["histories_differ"], parted);
    assert_eq!(document["war_on_one_side"]["count"], only_left + only_right);
    one_sided.truncate(5);
    assert_eq!(document["war_on_one_side"]["first"], Value::Array(one_sided), "the first five, in seed order");
    let report = ok(&args);
    assert!(
        report.contains(
            "Replay one with `covenant diff examples/concert_of_europe_1815.cov --variant anarchy --seed S`."
        ),
        "{report}"
    );
}

#[test]
fn a_commitment_one_side_lacks_is_absent_there() {
    let report = ok(&["diff", HISTORY, "--variant", "anarchy", "--runs", "5"]);
    let row = report.lines().find(|l| l.starts_with("  Quadruple_Alliance ")).expect("a row for the alliance");
    assert!(row.trim_end().ends_with("absent"), "{row}");
    let document = json(&["diff", EXAMPLE, CLASSROOM, "--runs", "5"]);
    let concert = &document["commitments"]["Quadruple_Alliance"]["survived"];
    assert!(concert["left"].is_object() && concert["right"].is_null(), "{concert}");
    assert!(concert["pairs"].is_null() && concert["difference"].is_null(), "{concert}");
    let league = &document["commitments"]["League"]["survived"];
    assert!(league["left"].is_null() && league["right"].is_object(), "{league}");
}

#[test]
fn paired_runs_are_the_same_on_one_thread_and_two() {
    for format in ["text", "json"] {
        let args = ["diff", HISTORY, "--variant", "automatic", "--runs", "150", "--format", format];
        let one = ok(&[&args[..], &["--threads", "1"]].concat());
        let two = ok(&[&args[..], &["--threads", "2"]].concat());
        assert_eq!(one, two, "{format}");
        assert_eq!(one, ok(&args), "{format} on all cores");
    }
}

#[test]
fn every_paired_diff_fits_the_documented_schema() {
    let schema = schema();
    let runs: Vec<Vec<&str>> = vec![
        vec!["diff", EXAMPLE, "--variant", "automatic", "--runs", "30"],
        vec!["diff", EXAMPLE, "--variant", "opaque", "--variant", "automatic", "--runs", "1"],
        vec!["diff", EXAMPLE, EXAMPLE, "--runs", "10"],
        vec!["diff", EXAMPLE, CLASSROOM, "--runs", "10"],
        vec!["diff", HISTORY, "--variant", "anarchy", "--runs", "20"],
    ];
    for args in runs {
        let document = json(&args);
        let errors = schema.validate(&document);
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
    // One pair: no interval for a mean, but one for a share.
    let one = json(&["diff", EXAMPLE, "--variant", "automatic", "--runs", "1"]);
    assert!(one["wars"]["difference"]["interval"].is_null(), "{}", one["wars"]);
    assert!(one["great_power_war"]["difference"]["interval"].is_array());
    let mut broken = one.clone();
    broken["great_power_war"]["pairs"]["both"] = Value::from(-1);
    assert!(!schema.validate(&broken).is_empty(), "a negative count");
    let mut broken = one.clone();
    broken["war_on_one_side"]["first"] = serde_json::json!([{ "seed": 1, "side": "middle" }]);
    assert!(!schema.validate(&broken).is_empty(), "an unknown side");
    let mut broken = one;
    broken["divergence"] = Value::Null;
    assert!(!schema.validate(&broken).is_empty(), "a field of the one-seed diff in a paired one");
}

#[test]
fn the_text_report_of_paired_runs() {
    let report = ok(&["diff", EXAMPLE, "--variant", "automatic", "--runs", "40"]);
    assert!(report.starts_with("Comparing base with automatic over 40 paired runs, seeds 1815..1854\n"), "{report}");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/diff"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_input_file(EXAMPLE);
    settings.bind(|| insta::assert_snapshot!("concert_short@automatic_40_runs", report));
}

#[test]
fn paired_runs_draw_no_progress_bar_when_standard_error_is_not_a_terminal() {
    let output = covenant(&["diff", EXAMPLE, "--variant", "automatic", "--runs", "200"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
}

#[test]
fn paired_runs_write_their_report_whole_and_nothing_on_a_usage_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("paired.json");
    let args = ["diff", EXAMPLE, "--variant", "automatic", "--runs", "20", "--format", "json"];
    let output = covenant(&[&args[..], &["--out", text(&path)]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&path).expect("written"), ok(&args));
    std::fs::remove_file(&path).expect("removed");

    let refused: [(&[&str], &str); 6] = [
        (&["--variant", "automatic", "--runs", "0"], "an ensemble needs at least one run"),
        (&["--variant", "automatic", "--runs", "some"], "expected a whole number of runs"),
        (&["--variant", "automatic", "--runs", "10", "--threads", "0"], "--threads"),
        (&["--variant", "automatic", "--threads", "2"], "--runs"),
        (&["--variant", "autmatic", "--runs", "10"], "error: the case has no variant `autmatic`; its variants are"),
        (&["--variant", "automatic", "--variant", "autmatic", "--runs", "10"], "no variant `autmatic`"),
    ];
    for (extra, message) in refused {
        let args = [&["diff", EXAMPLE][..], extra, &["--out", text(&path)]].concat();
        let output = covenant(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(!path.exists(), "{args:?} wrote nothing");
    }
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(names.is_empty(), "no temporary file is left behind: {names:?}");
}

#[test]
fn a_pair_of_one_run_agrees_with_the_one_seed_diff_of_its_seed() {
    // The 1815 case forms commitments after 1815: not alive before, but not dissolved.
    for (variant, seed) in [("automatic", 1815), ("automatic", 1830), ("anarchy", 1816), ("anarchy", 1900)] {
        let seed = seed.to_string();
        let one = json(&["diff", HISTORY, "--variant", variant, "--seed", &seed]);
        let pair = json(&["diff", HISTORY, "--variant", variant, "--seed", &seed, "--runs", "1"]);
        for side in ["left", "right"] {
            let context = format!("{variant} seed {seed} {side}");
            let outcomes = &one["outcomes"][side];
            let at_war = outcomes["great_power_wars"].as_u64().unwrap() > 0;
            assert_eq!(pair["great_power_war"][side]["count"], u64::from(at_war), "{context}");
            let first = &pair["first_great_power_war"]["quartiles"][side];
            assert_eq!(first.get("median").unwrap_or(&Value::Null), &outcomes["first_great_power_war"], "{context}");
            assert_eq!(
                pair["defections"][side].as_f64().unwrap(),
                outcomes["defections"].as_f64().unwrap(),
                "{context}"
            );
            assert_eq!(pair["wars"][side].as_f64().unwrap(), outcomes["wars"].as_f64().unwrap(), "{context}");
            for count in ["deterred", "yielded"] {
                assert_eq!(pair[count][side].as_f64().unwrap(), outcomes[count].as_f64().unwrap(), "{context} {count}");
            }
            for (name, commitment) in pair["commitments"].as_object().expect("commitments") {
                let end = &outcomes["commitments"][name];
                let survived = &commitment["survived"][side];
                if end.is_null() {
                    assert!(survived.is_null(), "{context} {name}: absent on both counts");
                    continue;
                }
                assert_eq!(survived["count"], u64::from(end["alive"].as_bool().unwrap()), "{context} {name}");
                let dissolved = commitment["dissolution_year"][side].get("median").cloned().unwrap_or(Value::Null);
                assert_eq!(dissolved, end["dissolved"], "{context} {name}");
            }
        }
    }
}

/// A one-seed diff keeps in full only the events it reads: its comparison
/// and its report must be those of the whole runs, for every case and variant.
#[test]
fn a_diff_of_runs_kept_in_part_is_the_diff_of_the_whole_runs() {
    use covenant::diff::{compare, run_both, Contestant, History, Sides};
    use covenant::engine::{self, RunOptions};
    let mut files: Vec<PathBuf> = ["examples", "tests/cases"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).expect("a folder"))
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "cov"))
        .collect();
    files.sort();
    let mut compared = 0;
    for file in files {
        let loaded = covenant::load::load(&file, covenant::load::LoadOptions::default()).expect("readable");
        let scenario = covenant::check::check(&loaded).scenario.expect("the case checks");
        for variant in scenario.variants.iter().map(|v| Some(v.name.clone())) {
            let options = |variant: Option<String>| RunOptions { seed: None, variant };
            let whole = Sides {
                left: engine::run(&scenario, &options(None)).expect("runs"),
                right: engine::run(&scenario, &options(variant.clone())).expect("runs"),
            };
            let contestants = Sides {
                left: Contestant { scenario: &scenario, options: options(None) },
                right: Contestant { scenario: &scenario, options: options(variant.clone()) },
            };
            let kept = run_both(&contestants).expect("runs");
            let sources = &loaded.sources;
            let whole = whole.map(|_, run| History { scenario: &scenario, sources, run });
            let kept = kept.map(|_, run| History { scenario: &scenario, sources, run });
            let labels = Sides { left: "base".to_string(), right: format!("{variant:?}") };
            let diff = compare(&whole);
            assert_eq!(compare(&kept), diff, "{} {variant:?}", file.display());
            assert_eq!(
                covenant::report::diff::render_text(&kept, &labels, &diff),
                covenant::report::diff::render_text(&whole, &labels, &diff),
                "{} {variant:?}",
                file.display()
            );
            assert_eq!(
                covenant::report::diff::render_json(&kept, &labels, &diff),
                covenant::report::diff::render_json(&whole, &labels, &diff)
            );
            compared += 1;
        }
    }
    assert!(compared >= 40, "only {compared} variants compared");
}
