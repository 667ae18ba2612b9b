//! End-to-end tests of `covenant run` and `covenant explain`: formats, `--out`, `--step`, errors and exit codes.

use std::path::Path;

use serde_json::Value;

#[path = "support/cli.rs"]
#[allow(dead_code)]
mod cli;
use cli::{covenant, covenant_in, stderr, stdout};

const EXAMPLE: &str = "tests/cases/concert_short.cov";
const BROKEN: &str = "tests/ui/fail/unknown_name.cov";

/// Runs and expects success, returning standard output.
fn ok(args: &[&str]) -> String {
    let output = covenant(args);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))).collect()
}

/// The event lines of a JSON log: not the header, not the yearly states.
fn json_events(lines: &[Value]) -> Vec<Value> {
    lines.iter().filter(|l| l.get("seq").is_some()).cloned().collect()
}

/// The lines of a text log that list events, without the header and summary.
fn event_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("  #")).collect()
}

// ---------------------------------------------------------------- text

#[test]
fn the_text_log_is_the_same_byte_for_byte_on_every_run() {
    let first = ok(&["run", EXAMPLE]);
    let second = ok(&["run", EXAMPLE]);
    assert_eq!(first, second);
    assert!(first.contains("\nSummary\n"), "{first}");
    assert_eq!(ok(&["run", "--format", "text", EXAMPLE]), first);
}

#[test]
fn a_seed_changes_the_run() {
    let base = ok(&["run", EXAMPLE]);
    let seeded = ok(&["run", "--seed", "1", EXAMPLE]);
    assert!(seeded.lines().nth(1).expect("a second line").contains("seed 1,"), "{seeded}");
    assert_eq!(seeded, ok(&["run", "--seed", "1", EXAMPLE]), "a seed gives the same run every time");
    // Some seed among a few draws differently; each one reproducibly.
    let differs = ["1", "2", "3", "4", "5"]
        .iter()
        .any(|seed| event_lines(&ok(&["run", "--seed", seed, EXAMPLE])) != event_lines(&base));
    assert!(differs, "no seed changed a single event");
}

#[test]
fn a_variant_runs() {
    let text = ok(&["run", "--variant", "automatic", EXAMPLE]);
    assert!(text.lines().nth(1).expect("a second line").starts_with("variant automatic, "), "{text}");
    let json = json_lines(&ok(&["run", "--variant", "automatic", "--format", "json", EXAMPLE]));
    assert_eq!(json[0]["variant"], "automatic");
}

// ---------------------------------------------------------------- JSON

#[test]
fn the_json_header_says_where_the_log_came_from() {
    let text = ok(&["run", "--format", "json", EXAMPLE]);
    let lines = json_lines(&text);
    let header = &lines[0];
    assert_eq!(header["covenant"], env!("CARGO_PKG_VERSION"));
    assert_eq!(header["case"], EXAMPLE);
    let hash = header["case_hash"].as_str().expect("a string");
    assert!(hash.starts_with("sha256:") && hash.len() == 71, "{hash}");
    assert!(hash["sha256:".len()..].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "{hash}");
    assert_eq!(header["title"], "Concert of Europe, 1815–1856");
    assert_eq!(header["variant"], Value::Null);
    assert_eq!(header["seed"], 1815);
    assert_eq!(header["period"], serde_json::json!([1815, 1856]));
    assert_eq!(header["powers"][0], serde_json::json!({"id": 0, "name": "Britain"}));
    assert!(header["norms"].as_array().expect("a list").iter().any(|n| n["name"] == "non_intervention"));
    assert_eq!(header["commitments"][0]["name"], "Quadruple_Alliance");

    // Every parameter, in the model's order (serde_json's Value sorts keys, so read the raw line).
    let raw = text.lines().next().expect("a header line");
    let parameters = header["parameters"].as_object().expect("an object");
    assert_eq!(parameters.len(), covenant::model::PARAMETERS.len());
    assert_eq!(header["parameters"]["war_memory"], 0.9, "the case's own setting");
    let positions: Vec<usize> = covenant::model::PARAMETERS
        .iter()
        .map(|p| raw.find(&format!("\"{}\":", p.name)).unwrap_or_else(|| panic!("`{}` is missing: {raw}", p.name)))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "parameters out of order: {raw}");

    let seeded = json_lines(&ok(&["run", "--format", "json", "--seed", "7", "--variant", "opaque", EXAMPLE]));
    assert_eq!(seeded[0]["seed"], 7);
    assert_eq!(seeded[0]["variant"], "opaque");
    assert_eq!(seeded[0]["case_hash"], header["case_hash"], "the hash is of the case, not the run");
}

#[test]
fn the_case_hash_does_not_depend_on_how_the_path_was_written() {
    let hash = |output: String| json_lines(&output)[0]["case_hash"].clone();
    let plain = hash(ok(&["run", "--format", "json", EXAMPLE]));
    let dotted = hash(ok(&["run", "--format", "json", &format!("./{EXAMPLE}")]));
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let output = covenant_in(&cases, &["run", "--format", "json", "concert_short.cov"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(plain, dotted);
    assert_eq!(plain, hash(stdout(&output)));
}

#[test]
fn json_events_come_in_order_with_every_field() {
    let lines = json_lines(&ok(&["run", "--format", "json", EXAMPLE]));
    let events = json_events(&lines);
    assert!(!events.is_empty());
    let text = ok(&["run", EXAMPLE]);
    assert_eq!(events.len(), event_lines(&text).len(), "one JSON line per event of the text log");
    let powers: Vec<&Value> = lines[0]["powers"].as_array().expect("a list").iter().map(|p| &p["name"]).collect();
    let mut year = 0;
    for (i, event) in events.iter().enumerate() {
        let seq = event["seq"].as_u64().expect("a number") as usize;
        assert_eq!(seq, i + 1, "numbered from 1 without gaps");
        let this_year = event["year"].as_i64().expect("a year");
        assert!(this_year >= year, "years never go back: {event}");
        year = this_year;
        for actor in event["actors"].as_array().expect("a list") {
            assert!(powers.contains(&actor), "actors are power names: {event}");
        }
        for after in event["after"].as_array().expect("a list") {
            assert!((after.as_u64().expect("a number") as usize) < seq, "after points back: {event}");
        }
        for cause in event["causes"].as_array().expect("a list") {
            assert_eq!(cause["file"], EXAMPLE);
            assert!(cause["start"].as_u64() <= cause["end"].as_u64(), "{cause}");
            assert!(cause["text"].as_str().expect("a string").chars().count() <= 120, "{cause}");
        }
    }
    // The JSON events are the text log's events, in the same order.
    for (event, line) in events.iter().zip(event_lines(&text)) {
        let summary = event["summary"].as_str().expect("a string");
        assert!(line.ends_with(summary), "{line} / {summary}");
        assert!(line.contains(&format!(" {} ", event["kind"].as_str().expect("a kind"))), "{line}");
    }
    let with_draw = events.iter().find(|e| e["draw"].is_number()).expect("some event has a draw");
    assert!(with_draw["figures"].as_object().is_some_and(|f| !f.is_empty()), "{with_draw}");
    let with_commitment = events.iter().find(|e| e["commitment"].is_string()).expect("some event names a commitment");
    assert_eq!(with_commitment["commitment"], "Quadruple_Alliance");
}

#[test]
fn every_json_line_fits_the_documented_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/log.schema.json"))
            .expect("the schema is readable"),
    )
    .expect("the schema is JSON");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    for variant in [None, Some("automatic"), Some("opaque")] {
        let mut args = vec!["run", "--format", "json", EXAMPLE];
        if let Some(variant) = variant {
            args.extend(["--variant", variant]);
        }
        let lines = json_lines(&ok(&args));
        for (i, line) in lines.iter().enumerate() {
            let errors = schema::validate(&schema, &schema, line);
            assert!(errors.is_empty(), "{variant:?} line {}: {errors:?}\n{line}", i + 1);
            let def = match (i, line.get("state")) {
                (0, _) => "header",
                (_, Some(_)) => "state",
                _ => "event",
            };
            assert!(schema::validate(&schema, &schema["$defs"][def], line).is_empty(), "line {} is a {def}", i + 1);
        }
    }
}

#[test]
fn each_year_closes_with_a_state_line_after_its_events() {
    let lines = json_lines(&ok(&["run", "--format", "json", EXAMPLE]));
    let states: Vec<(usize, i64)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.get("state").map(|y| (i, y.as_i64().expect("a year"))))
        .collect();
    let years: Vec<i64> = states.iter().map(|(_, y)| *y).collect();
    assert_eq!(years, (1815..=1856).collect::<Vec<_>>(), "one state per year, in order");
    for (i, line) in lines.iter().enumerate().skip(1) {
        if let Some(year) = line.get("year").and_then(Value::as_i64) {
            let closing = states.iter().find(|(_, y)| *y == year).expect("a state for the event's year").0;
            assert!(i < closing, "event on line {} comes before its year's state", i + 1);
        }
    }
    let last = &lines[states.last().expect("states").0];
    assert!(last["commitments"]["Quadruple_Alliance"]["alive"].is_boolean());
    assert!(last["norms"]["territorial_status_quo"].is_number());
}

#[test]
fn the_schema_check_catches_a_broken_line() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/log.schema.json"))
            .expect("the schema is readable"),
    )
    .expect("the schema is JSON");
    let lines = json_lines(&ok(&["run", "--format", "json", EXAMPLE]));
    let mut header = lines[0].clone();
    header["seed"] = Value::from("1815");
    assert!(!schema::validate(&schema, &schema, &header).is_empty(), "a seed as a string");
    let first = json_events(&lines)[0].clone();
    let mut state = lines.iter().find(|l| l.get("state").is_some()).expect("a state line").clone();
    state["powers"] = Value::from(3);
    assert!(!schema::validate(&schema, &schema, &state).is_empty(), "powers as a number");
    let mut event = first.clone();
    event.as_object_mut().unwrap().remove("draw");
    assert!(!schema::validate(&schema, &schema, &event).is_empty(), "an event without a draw");
    let mut event = first.clone();
    event["kind"] = Value::from("earthquake");
    assert!(!schema::validate(&schema, &schema, &event).is_empty(), "an unknown kind");
    let mut event = first;
    event["extra"] = Value::from(1);
    assert!(!schema::validate(&schema, &schema, &event).is_empty(), "an undocumented field");
}

#[path = "support/schema.rs"]
mod schema;

// ---------------------------------------------------------------- CSV

#[test]
fn the_csv_panel_has_a_row_per_power_per_year() {
    let header = json_lines(&ok(&["run", "--format", "json", EXAMPLE]))[0].clone();
    let years = header["period"][1].as_i64().unwrap() - header["period"][0].as_i64().unwrap() + 1;
    let powers: Vec<&str> =
        header["powers"].as_array().unwrap().iter().map(|p| p["name"].as_str().expect("a name")).collect();
    let text = ok(&["run", "--format", "csv", EXAMPLE]);
    let mut lines = text.lines().skip_while(|l| l.starts_with('#'));
    assert_eq!(lines.next(), Some("year,power,capability,stance,constraint,regime,at_war,trust"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len() as i64, years * powers.len() as i64);
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 8, "{row:?}");
        assert_eq!(row[0], (1815 + i / powers.len()).to_string(), "year by year");
        assert_eq!(row[1], powers[i % powers.len()], "powers in declaration order, by name");
        for number in [row[2], row[3], row[4], row[7]] {
            let (whole, decimals) = number.split_once('.').expect("a decimal point");
            assert!(whole.parse::<i64>().is_ok() && decimals.len() == 6, "{number} in {row:?}");
        }
        assert!(row[6] == "true" || row[6] == "false", "{row:?}");
    }
    assert_eq!(&rows[0][..3], ["1815", "Britain", "0.340000"]);
    assert_eq!(rows[0][5], "liberal");
    assert!(rows.iter().any(|r| r[6] == "true"), "the example has a war");
    assert_eq!(text, ok(&["run", "--format", "csv", EXAMPLE]), "the same every time");
}

// ---------------------------------------------------------------- --out

#[test]
fn out_writes_the_file_whole_and_nothing_else() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("log.jsonl");
    std::fs::write(&path, "an older log\n").expect("written");
    let output = covenant(&["run", "--format", "json", "--out", path.to_str().expect("UTF-8"), EXAMPLE]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "nothing on standard output");
    let written = std::fs::read_to_string(&path).expect("readable");
    assert_eq!(written, ok(&["run", "--format", "json", EXAMPLE]));
    let names: Vec<_> =
        std::fs::read_dir(dir.path()).expect("listable").map(|e| e.expect("an entry").file_name()).collect();
    assert_eq!(names, ["log.jsonl"], "no temporary file is left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let fresh = dir.path().join("panel.csv");
        assert_eq!(
            covenant(&["run", "--format", "csv", "--out", fresh.to_str().unwrap(), EXAMPLE]).status.code(),
            Some(0)
        );
        let mode = std::fs::metadata(&fresh).expect("written").permissions().mode();
        assert_ne!(mode & 0o044, 0, "a new file is readable by others as the umask allows, not private: {mode:o}");
    }
}

#[test]
fn out_into_a_missing_folder_exits_two_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("no/such/folder/log.txt");
    let output = covenant(&["run", "--out", path.to_str().expect("UTF-8"), EXAMPLE]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!("error[U003]: cannot write `{}`: there is no folder ", path.display())),
        "{message}"
    );
    assert!(message.contains("\n  help: create the folder first"), "{message}");
    assert!(!message.contains(".covenant-"), "the temporary file is not named: {message}");
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).expect("listable").count(), 0, "nothing created");
}

#[test]
fn out_onto_a_folder_exits_two_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let target = dir.path().join("logs");
    std::fs::create_dir(&target).expect("created");
    std::fs::write(target.join("keep.txt"), "kept").expect("written");
    let output = covenant(&["run", "--out", target.to_str().expect("UTF-8"), EXAMPLE]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error[U003]: cannot write `{}`: it is a directory\n  help: name a file, not a folder\n",
            target.display()
        )
    );
    assert!(target.is_dir());
    let inside: Vec<_> =
        std::fs::read_dir(&target).expect("listable").map(|e| e.expect("an entry").file_name()).collect();
    assert_eq!(inside, ["keep.txt"]);
    let beside: Vec<_> = std::fs::read_dir(dir.path()).expect("listable").collect();
    assert_eq!(beside.len(), 1, "no temporary file beside it");
}

// ---------------------------------------------------------------- errors

#[test]
fn an_unknown_variant_exits_two_and_lists_the_known_ones() {
    let output = covenant(&["run", "--variant", "autmatic", EXAMPLE]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("`autmatic`") && message.contains("automatic") && message.contains("opaque"), "{message}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_case_with_errors_is_not_run() {
    for command in [&["run", BROKEN][..], &["explain", BROKEN, "--event", "1"]] {
        let output = covenant(command);
        assert_eq!(output.status.code(), Some(1), "{command:?}");
        let message = stderr(&output);
        assert!(message.contains("error[C010]"), "{message}");
        assert!(message.ends_with(&format!("{BROKEN}: not run, it has errors\n")), "{message}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn json_diagnostics_stay_off_the_log() {
    let output = covenant(&["run", "--error-format", "json", "--format", "json", BROKEN]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "standard output is the log's alone");
    assert!(stderr(&output).contains("\"code\":\"C010\""), "{}", stderr(&output));
}

#[test]
fn an_unreadable_case_exits_two() {
    for command in [&["run", "no/such/case.cov"][..], &["explain", "no/such/case.cov", "--event", "1"]] {
        let output = covenant(command);
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).starts_with("error: cannot read `no/such/case.cov`"), "{}", stderr(&output));
    }
}

#[test]
fn bad_run_arguments_exit_two() {
    assert_eq!(covenant(&["run", "--format", "xml", EXAMPLE]).status.code(), Some(2));
    assert_eq!(covenant(&["run", "--seed", "-1", EXAMPLE]).status.code(), Some(2));
    assert_eq!(covenant(&["explain", EXAMPLE]).status.code(), Some(2), "--event is required");
}

// ---------------------------------------------------------------- explain

#[test]
fn explain_draws_the_causes_on_the_source() {
    let lines = json_events(&json_lines(&ok(&["run", "--format", "json", EXAMPLE])));
    let event = lines
        .iter()
        .find(|e| e["causes"].as_array().is_some_and(|c| !c.is_empty()) && !e["after"].as_array().unwrap().is_empty())
        .expect("an event with causes and earlier events");
    let seq = event["seq"].to_string();
    let text = ok(&["explain", EXAMPLE, "--event", &seq]);
    let headline =
        format!("#{seq} {} {}: {}", event["year"], event["kind"].as_str().unwrap(), event["summary"].as_str().unwrap());
    assert!(text.contains(&headline), "{headline}\n{text}");
    let cause = &event["causes"][0];
    assert!(text.contains(&format!("[{EXAMPLE}:{}:{}]", cause["line"], cause["column"])), "{text}");
    assert!(text.contains(&format!("{} │ ", cause["line"])), "the source line is drawn: {text}");
    assert!(text.contains(cause["text"].as_str().unwrap()), "{text}");
    assert!(text.contains(cause["label"].as_str().unwrap()), "{text}");
    assert!(text.contains("follows from"), "{text}");
    let first = event["after"][0].as_u64().unwrap() as usize;
    let earlier = &lines[first - 1];
    assert!(text.contains(&format!("#{first} {} ", earlier["year"])), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour off a terminal: {text:?}");
    assert_eq!(text, ok(&["explain", EXAMPLE, "--event", &seq]), "the same every time");
    assert_eq!(text, ok(&["explain", EXAMPLE, "--event", &format!("#{seq}")]), "the number as the log prints it");
    let output = covenant(&["explain", EXAMPLE, "--event", "x5"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("expected an event's number, such as `12` or `#12`, not `x5`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn explain_lists_the_numbers_that_decided_an_event() {
    let lines = json_events(&json_lines(&ok(&["run", "--format", "json", EXAMPLE])));
    let event = lines.iter().find(|e| e["draw"].is_number()).expect("an event with a draw");
    let text = ok(&["explain", EXAMPLE, "--event", &event["seq"].to_string()]);
    assert!(text.contains("help: decided by "), "{text}");
    let (name, _) = event["figures"].as_object().unwrap().iter().next().expect("a figure");
    assert!(text.contains(&format!("{name} = ")), "{text}");
    assert!(text.contains("draw = "), "{text}");
}

#[test]
fn explain_says_in_words_what_decided_an_event_then_lists_its_chain_in_date_order() {
    let lines = json_events(&json_lines(&ok(&["run", "--format", "json", EXAMPLE])));
    let event =
        lines.iter().rev().find(|e| e["draw"].is_number() && e["threshold"].is_number()).expect("a drawn event");
    let seq = event["seq"].to_string();
    let text = ok(&["explain", EXAMPLE, "--event", &seq]);
    let first_lines: Vec<&str> = text.lines().take(2).collect();
    assert!(first_lines[0].starts_with(&format!("#{seq} ")), "{text}");
    assert!(first_lines[1].starts_with("  Decided by a draw of "), "{text}");
    // The chain comes before the source, its events in the order they happened.
    let chain = &text[text.find("follows from").expect("a chain")..text.find('☞').expect("the report")];
    let numbers: Vec<usize> = chain
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('#'))
        .map(|l| l.split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert!(!numbers.is_empty() && numbers.windows(2).all(|w| w[0] < w[1]), "{chain}");
    // One link back lists only what the event follows from directly; more links list more.
    let direct = ok(&["explain", EXAMPLE, "--event", &seq, "--depth", "1"]);
    let listed = |text: &str| text.lines().filter(|l| l.starts_with("    #")).count();
    let after = event["after"].as_array().unwrap().len();
    assert_eq!(listed(&direct), after, "{direct}");
    assert!(listed(&ok(&["explain", EXAMPLE, "--event", &seq, "--depth", "50"])) >= listed(&text));
    let zero = covenant(&["explain", EXAMPLE, "--event", &seq, "--depth", "0"]);
    assert_eq!(zero.status.code(), Some(2), "{}", stderr(&zero));
}

#[test]
fn explain_follows_the_seed_and_the_variant() {
    let lines =
        json_events(&json_lines(&ok(&["run", "--format", "json", "--seed", "3", "--variant", "automatic", EXAMPLE])));
    let last = lines.last().expect("events");
    let text = ok(&["explain", EXAMPLE, "--seed", "3", "--variant", "automatic", "--event", &last["seq"].to_string()]);
    assert!(text.contains(last["summary"].as_str().unwrap()), "{text}");
}

#[test]
fn explain_of_a_missing_event_exits_two() {
    let count = json_events(&json_lines(&ok(&["run", "--format", "json", EXAMPLE]))).len();
    for event in [count + 1, 0, 100_000] {
        let output = covenant(&["explain", EXAMPLE, "--event", &event.to_string()]);
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(stderr(&output), format!("error: the run has events #1 to #{count}; there is no #{event}\n"));
        assert!(output.stdout.is_empty());
    }
    let output = covenant(&["explain", EXAMPLE, "--event", "1", "--variant", "nope"]);
    assert_eq!(output.status.code(), Some(2));
}

// ---------------------------------------------------------------- --step

#[test]
fn step_needs_a_terminal() {
    let output = covenant(&["run", "--step", EXAMPLE]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), "error: --step needs a terminal; run without --step to print the whole log\n");
    assert!(output.stdout.is_empty());
}

#[test]
fn step_takes_no_format_or_out() {
    assert_eq!(covenant(&["run", "--step", "--format", "json", EXAMPLE]).status.code(), Some(2));
    assert_eq!(covenant(&["run", "--step", "--out", "x.txt", EXAMPLE]).status.code(), Some(2));
}

// ---------------------------------------------------------------- outputs never replace inputs

/// A case that includes a second file and reads a dataset, in a fresh folder.
fn case_with_an_include_and_a_dataset() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy("tests/ui/data/nmc_fixture.csv", dir.path().join("nmc.csv")).expect("the invented table");
    std::fs::write(
        dir.path().join("powers.cov"),
        "power Aland { capability from nmc \"AAA\"  great }\npower Borduria { capability 0.2  great }\n",
    )
    .expect("the include");
    std::fs::write(
        dir.path().join("case.cov"),
        "scenario \"Outputs\" {\n  period 1900..1902\n  data nmc \"nmc.csv\"\n}\ninclude \"powers.cov\"\nallow isolated-power\n",
    )
    .expect("the case");
    (dir, std::path::PathBuf::from("case.cov"))
}

#[test]
fn no_output_is_written_over_a_file_the_command_reads() {
    let (dir, _) = case_with_an_include_and_a_dataset();
    let here = dir.path();
    assert_eq!(covenant_in(here, &["check", "case.cov"]).status.code(), Some(0), "the case checks");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("case.cov", here.join("link.cov")).expect("a symbolic link");
        std::fs::hard_link(here.join("powers.cov"), here.join("hard.cov")).expect("a hard link");
    }
    let originals: Vec<(String, Vec<u8>)> = ["case.cov", "powers.cov", "nmc.csv"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read(here.join(f)).expect("an input")))
        .collect();
    let mut attempts: Vec<(Vec<&str>, &str)> = vec![
        (vec!["run", "case.cov", "--out", "case.cov"], "the case file itself"),
        (vec!["run", "case.cov", "--out", "./case.cov"], "the case file itself"),
        (vec!["run", "case.cov", "--out", "powers.cov"], "`powers.cov`, a case file the command reads"),
        (vec!["run", "case.cov", "--out", "nmc.csv"], "a dataset the case reads"),
        (vec!["run", "case.cov", "--runs", "3", "--out", "case.cov"], "the case file itself"),
        (vec!["run", "case.cov", "--format", "csv", "--out", "nmc.csv"], "a dataset the case reads"),
        (vec!["diff", "case.cov", "case.cov", "--out", "powers.cov"], "a case file the command reads"),
    ];
    if cfg!(unix) {
        attempts.push((vec!["run", "case.cov", "--out", "link.cov"], "the case file itself"));
        attempts.push((vec!["run", "case.cov", "--out", "hard.cov"], "a case file the command reads"));
    }
    for (args, what) in attempts {
        let output = covenant_in(here, &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        let error = stderr(&output);
        assert!(error.starts_with("error[U001]: --out `") && error.contains("would write over"), "{args:?}: {error}");
        assert!(error.contains(what), "{args:?}: {error}");
        assert!(error.ends_with("\n  help: an input is never written over; choose another file\n"), "{error}");
        // With `--error-format json`, the same refusal is one JSON line.
        let output = covenant_in(here, &[&args[..], &["--error-format", "json"]].concat());
        assert_eq!(output.status.code(), Some(2));
        let line: Value = serde_json::from_str(stderr(&output).trim()).expect("one JSON line");
        assert_eq!((line["code"].as_str(), line["name"].as_str()), (Some("U001"), Some("output-over-input")));
        assert!(line["primary"].is_null() && line["message"].as_str().is_some_and(|m| m.contains(what)), "{line}");
        assert!(error.contains("help: an input is never written over; choose another file"), "{error}");
        assert!(stdout(&output).is_empty(), "{args:?}: nothing is written");
        for (file, bytes) in &originals {
            assert_eq!(&std::fs::read(here.join(file)).expect("still there"), bytes, "{args:?} changed {file}");
        }
    }
    // Another file is written as before.
    let output = covenant_in(here, &["run", "case.cov", "--out", "log.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::read_to_string(here.join("log.txt")).expect("the log").contains("Outputs"));
}

#[cfg(unix)]
#[test]
fn out_writes_through_a_link_and_into_a_device_or_fifo_never_replacing_them() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let here = dir.path();
    let classroom = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/classroom.cov");
    let classroom = classroom.to_str().expect("UTF-8");
    // The header names the case as given: here by the same path.
    let expected = ok(&["run", classroom]);
    // A link: the target gets the log, and the link stays a link.
    std::os::unix::fs::symlink("target.txt", here.join("link.txt")).expect("a link");
    let output = covenant_in(here, &["run", classroom, "--out", "link.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::symlink_metadata(here.join("link.txt")).expect("the link").file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(here.join("target.txt")).expect("the target"), expected);
    // A FIFO: written into as a pipe, and still a FIFO.
    let made = std::process::Command::new("mkfifo").arg(here.join("pipe")).status().expect("mkfifo");
    assert!(made.success());
    let fifo = here.join("pipe");
    let reader = std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read from the FIFO"));
    let output = covenant_in(here, &["run", classroom, "--out", "pipe"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(reader.join().expect("the reader"), expected);
    assert!(std::fs::symlink_metadata(here.join("pipe")).expect("the FIFO").file_type().is_fifo());
    // A character device: written into, and still a device.
    let output = covenant(&["run", "examples/classroom.cov", "--out", "/dev/null"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::metadata("/dev/null").expect("/dev/null").file_type().is_char_device());
}

// ---------------------------------------------------------------- terminal escapes

#[test]
fn a_case_s_strings_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let case = "scenario \"E\u{1b}[31mred\" { period 1900..1901 }\npower A { capability 0.3 }\npower B { capability 0.1 }\nallow isolated-power\nshock s at 1900 { aggression A -> B over R stakes 0.1  \"bell\u{7} and \u{202e} reversed\" }\nexpect \"broken\" { shock s happens }\nexpect \"name \u{1b}[2J\" { shock s fails }\n";
    std::fs::write(dir.path().join("esc.cov"), case).expect("written");
    let unseen = |text: &str| text.chars().any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{202e}'));
    // A case with a syntax error: its quoted lines show the controls as `?`.
    let output = covenant_in(dir.path(), &["check", "esc.cov", "--error-format", "human"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!unseen(&stderr(&output)), "{}", stderr(&output));
    assert!(stderr(&output).contains("\"bell? and ??? reversed\""), "{}", stderr(&output));
    let clean = case.replace("expect \"broken\" { shock s happens }\n", "");
    std::fs::write(dir.path().join("esc.cov"), &clean).expect("written");
    for args in [
        &["run", "esc.cov"][..],
        &["run", "esc.cov", "--runs", "3"],
        &["test", "esc.cov", "--runs", "3"],
        &["explain", "esc.cov", "--event", "1"],
        &["diff", "esc.cov", "esc.cov"],
    ] {
        let output = covenant_in(dir.path(), args);
        let text = stdout(&output);
        assert!(!text.is_empty(), "{args:?}: {}", stderr(&output));
        assert!(!unseen(&text), "{args:?} printed a raw control: {text:?}");
    }
    let log = stdout(&covenant_in(dir.path(), &["run", "esc.cov"]));
    assert!(log.starts_with("E\\u{1b}[31mred\n"), "{log}");
    assert!(log.contains("shock `s`: bell\\u{7} and \\u{202e} reversed"), "{log}");
    // JSON keeps the strings as written, escaped as JSON escapes them.
    let json = stdout(&covenant_in(dir.path(), &["run", "esc.cov", "--format", "json"]));
    let lines = json_lines(&json);
    let shock = json_events(&lines).into_iter().find(|e| e["kind"] == "shock").expect("the shock");
    assert_eq!(shock["summary"], "shock `s`: bell\u{7} and \u{202e} reversed");
}

/// A temporary file of ours that a process killed outright left behind
/// (`.covenant-PID-….tmp`, its process gone) is removed by the next write
/// into its folder; another running process's, or a file of another name, is not.
#[cfg(target_os = "linux")]
#[test]
fn the_next_write_removes_the_temporary_files_a_killed_run_left() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Above the kernel's largest process id, so no such process runs.
    let stale = dir.path().join(".covenant-4194305-a1B2c3.tmp");
    let running = dir.path().join(format!(".covenant-{}-d4E5f6.tmp", std::process::id()));
    let foreign = dir.path().join(".other-4194305-x.tmp");
    for file in [&stale, &running, &foreign] {
        std::fs::write(file, "half a log").expect("a leftover");
    }
    let log = dir.path().join("log.txt");
    let output = covenant(&["run", EXAMPLE, "--out", log.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(log.is_file());
    assert!(!stale.exists(), "the dead process's temporary file is removed");
    assert!(running.exists() && foreign.exists(), "a live process's, and a file not ours, are kept");
}

/// An interrupt (SIGINT, as Ctrl-C sends, or SIGTERM) stops an ensemble at
/// once with exit status 130, and leaves no output and no temporary file.
#[cfg(unix)]
#[test]
fn an_interrupt_stops_an_ensemble_at_once() {
    for signal in ["-INT", "-TERM"] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let out = dir.path().join("ensemble.txt");
        // Ten million runs would take many minutes.
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_covenant"))
            .args(["run", "examples/concert_of_europe_1815.cov", "--runs", "10000000", "--threads", "1"])
            .args(["--out", out.to_str().expect("UTF-8")])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary starts");
        std::thread::sleep(std::time::Duration::from_millis(300));
        let sent = std::process::Command::new("kill").args([signal, &child.id().to_string()]).status();
        assert!(sent.expect("kill runs").success());
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("a status") {
                break status;
            }
            assert!(started.elapsed().as_secs() < 20, "{signal}: the ensemble did not stop");
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(130), "{signal}");
        let left: Vec<_> =
            std::fs::read_dir(dir.path()).expect("the folder").map(|e| e.expect("an entry").file_name()).collect();
        assert!(left.is_empty(), "{signal}: nothing is left: {left:?}");
    }
}

#[test]
fn the_log_written_as_the_run_goes_is_the_log_of_the_finished_run() {
    // `run` writes a year at a time from a run that forgets each year once
    // written; the library renders a finished run. Both must give the same
    // bytes, in every format, for every example and variant.
    use covenant::{check, engine, load, report};
    let mut examples: Vec<_> = std::fs::read_dir("examples")
        .expect("the examples")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "cov"))
        .collect();
    examples.sort();
    for path in examples {
        let loaded = load::load(&path, load::LoadOptions::default()).expect("readable");
        let scenario = check::check(&loaded).scenario.expect("checks clean");
        let file = path.to_str().expect("a UTF-8 path");
        let mut variants = vec![None];
        variants.extend(scenario.variants.iter().map(|v| Some(v.name.as_str())));
        for variant in variants {
            let options = engine::RunOptions { seed: Some(3), variant: variant.map(str::to_string) };
            let run = engine::run(&scenario, &options).expect("runs");
            let mut args = vec!["run", file, "--seed", "3"];
            args.extend(variant.map(|v| ["--variant", v]).into_iter().flatten());
            let text = report::text::render(&scenario, &run, &loaded.sources);
            assert_eq!(ok(&args), text, "{file} {variant:?}, text");
            args.extend(["--format", "json"]);
            let json = report::json::render(&scenario, &run, &loaded.sources);
            assert_eq!(ok(&args), json, "{file} {variant:?}, JSON");
            *args.last_mut().expect("a format") = "csv";
            // Every table of the base case; the variants' powers (the default).
            let tables = if variant.is_none() { &report::csv::Table::ALL[..] } else { &[report::csv::Table::Powers] };
            for &table in tables {
                let csv = report::csv::render(&scenario, &run, &loaded.sources, table);
                let csv = String::from_utf8(csv).expect("CSV is text");
                let mut args = args.clone();
                args.extend(["--table", table.name()]);
                assert_eq!(ok(&args), csv, "{file} {variant:?}, CSV {}", table.name());
            }
        }
    }
}

#[test]
fn the_header_lists_the_parameters_a_case_changes_and_all_of_them_with_verbose() {
    let concert = "examples/concert_of_europe_1815.cov";
    let text = ok(&["run", concert]);
    let header: Vec<&str> = text.lines().take(4).collect();
    assert_eq!(header[3], "model, where it differs from the defaults: war_memory 0.9", "{header:?}");
    let classroom = ok(&["run", "examples/classroom.cov"]);
    assert_eq!(classroom.lines().nth(3), Some("model: the defaults (docs/model.md; --verbose lists them)"));
    let verbose = ok(&["run", concert, "--verbose"]);
    for parameter in covenant::model::PARAMETERS {
        assert!(verbose.contains(&format!("{} ", parameter.name)), "--verbose lists {}", parameter.name);
    }
    let ensemble = ok(&["run", concert, "--runs", "5", "--verbose"]);
    assert!(ensemble.contains("model: war_memory 0.9, war_memory_decay 0.03"), "{ensemble}");
    assert!(text.ends_with("`run --runs N` gives the frequencies.\n"), "the log closes pointing to the ensembles");
}

#[test]
fn color_always_colours_the_text_log_and_changes_no_word() {
    let plain = ok(&["run", EXAMPLE]);
    assert!(!plain.contains('\u{1b}'), "not a terminal: no colour by default");
    assert_eq!(ok(&["run", EXAMPLE, "--color", "never"]), plain);
    let coloured = ok(&["run", EXAMPLE, "--color", "always"]);
    assert!(coloured.contains("\u{1b}[1m"), "the title and years are bold");
    assert!(coloured.contains("\u{1b}[31m"), "wars are red");
    // Without its escapes the coloured log is the plain one, byte for byte.
    let mut stripped = String::new();
    let mut rest = coloured.as_str();
    while let Some(start) = rest.find('\u{1b}') {
        stripped.push_str(&rest[..start]);
        let end = rest[start..].find('m').expect("an escape ends in m");
        rest = &rest[start + end + 1..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, plain);
    // A file is never coloured.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("log.txt");
    ok(&["run", EXAMPLE, "--color", "always", "--out", path.to_str().expect("UTF-8")]);
    assert_eq!(std::fs::read_to_string(&path).expect("written"), plain);
}

/// `--width` wraps the text log within that many columns, as it is on a
/// terminal that wide: no line is wider, and the words are the same.
#[test]
fn the_text_log_keeps_within_the_width_asked_for() {
    let case = "examples/concert_of_europe_1815.cov";
    let (wrapped, unwrapped) = (ok(&["run", case, "--width", "72"]), ok(&["run", case]));
    let width = |line: &str| line.chars().count();
    assert!(unwrapped.lines().any(|l| width(l) > 72), "the case has lines to wrap");
    let long: Vec<&str> = wrapped.lines().filter(|l| width(l) > 72).collect();
    assert!(long.is_empty(), "{long:#?}");
    let words = |text: &str| text.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(words(&wrapped), words(&unwrapped));
    // Too narrow to read is refused, as a usage error.
    let narrow = covenant(&["run", case, "--width", "30"]);
    assert_eq!(narrow.status.code(), Some(2), "{}", stderr(&narrow));
}

// ---------------------------------------------------------------- the one error path

/// The one JSON line a command's error is with `--error-format json`.
fn error_line(output: &std::process::Output) -> Value {
    let text = stderr(output);
    assert_eq!(text.lines().count(), 1, "one line: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("a JSON line ({e}): {text}"))
}

#[test]
fn an_error_of_the_command_line_is_one_line_in_each_error_format() {
    // An unreadable case and an unknown variant, in several commands: the
    // same words in both forms, exit 2, and nothing on standard output.
    let unreadable = "cannot read `no/such/case.cov`: ";
    let unknown = "the case has no variant `nope`; its variants are automatic";
    let attempts: [(&[&str], &str); 5] = [
        (&["run", "no/such/case.cov"], unreadable),
        (&["sweep", "no/such/case.cov", "--set", "model.war_cost=0,1", "--runs", "2"], unreadable),
        (&["run", EXAMPLE, "--variant", "nope"], unknown),
        (&["explain", EXAMPLE, "--event", "1", "--variant", "nope"], unknown),
        (&["diff", EXAMPLE, "--variant", "nope", "--runs", "2"], unknown),
    ];
    for (args, message) in attempts {
        for format in ["human", "plain"] {
            let output = covenant(&[args, &["--error-format", format]].concat());
            assert_eq!(output.status.code(), Some(2), "{args:?} {format}: {}", stderr(&output));
            let text = stderr(&output);
            assert!(text.starts_with(&format!("error: {message}")), "{args:?} {format}: {text}");
            assert_eq!(text.lines().count(), 1, "{args:?} {format}: {text}");
            assert!(output.stdout.is_empty(), "{args:?} {format}");
        }
        let output = covenant(&[args, &["--error-format", "json"]].concat());
        assert_eq!(output.status.code(), Some(2), "{args:?} json: {}", stderr(&output));
        let line = error_line(&output);
        assert!(line["message"].as_str().is_some_and(|m| m.starts_with(message)), "{args:?}: {line}");
        assert_eq!(line["severity"], "error");
        // No stable code is given to these, and there is no place in a file or help.
        assert!(line["code"].is_null() && line["name"].is_null() && line["help"].is_null(), "{line}");
        assert!(line["primary"].is_null() && line["secondary"] == serde_json::json!([]), "{line}");
        assert!(output.stdout.is_empty(), "{args:?} json");
    }
}

#[test]
fn a_coded_refusal_keeps_its_code_and_help_in_each_error_format() {
    let args = ["sweep", EXAMPLE, "--set", "model.nope=0,1", "--set", "Nobody.capability=0.1", "--runs", "2"];
    let output = covenant(&args);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "both --set refused, each with its help: {text}");
    assert!(
        lines[0].starts_with("error[C060]: --set `model.nope=0,1`: ") && lines[1].starts_with("  help: "),
        "{text}"
    );
    assert!(lines[2].starts_with("error[C060]: --set `Nobody.capability=0.1`: "), "{text}");
    let output = covenant(&[&args[..], &["--error-format", "json"]].concat());
    assert_eq!(output.status.code(), Some(2));
    let lines: Vec<Value> = stderr(&output).lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert_eq!(lines.len(), 2, "one line each: {lines:?}");
    for line in &lines {
        assert_eq!((line["code"].as_str(), line["name"].as_str()), (Some("C060"), Some("unknown-override")));
        assert!(line["help"].as_str().is_some_and(|h| !h.is_empty()), "{line}");
    }
}

#[test]
fn a_command_over_several_files_reports_each_error_in_turn_and_ends_with_the_worst() {
    // An unreadable file between two that check: its error comes in its
    // place, the others are still checked, and the status is 2.
    let files = ["examples/classroom.cov", "no/such/case.cov", BROKEN];
    let output = covenant(&[&["check"][..], &files, &["--error-format", "plain"]].concat());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let text = stderr(&output);
    let (ok, missing, broken) = (
        text.find("examples/classroom.cov: ok").expect("the first file's verdict"),
        text.find("error: cannot read `no/such/case.cov`").expect("the error"),
        text.find(&format!("{BROKEN}: 1 error")).expect("the last file's verdict"),
    );
    assert!(ok < missing && missing < broken, "{text}");
    let output = covenant(&[&["check"][..], &files, &["--error-format", "json"]].concat());
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("\"code\":\"C010\""), "the diagnostics are the output: {}", stdout(&output));
    let line = error_line(&output);
    assert!(line["message"].as_str().is_some_and(|m| m.starts_with("cannot read `no/such/case.cov`")), "{line}");
}
