//! The JSON schemas of `docs/`: every `$ref` resolves through the `$id`s, and real `--error-format json` output fits `docs/error.schema.json`.
//!
//! The log's, the ensemble's and the diff's outputs are checked against
//! their schemas in `run_cli.rs`, `ensemble.rs` and `diff.rs`; where this
//! machine has Python's `jsonschema` and `referencing`, a standard validator
//! is held to the same outputs with nothing but the schemas' own `$id`s.

use std::path::Path;

use serde_json::Value;

#[path = "support/cli.rs"]
#[allow(dead_code)]
mod cli;
#[path = "support/schema.rs"]
mod schema;

use cli::{covenant, stderr, stdout};
use schema::{Registry, BASE};

const ERROR: &str = "https://covenant.example/schema/error.schema.json";

#[test]
fn every_schema_has_the_id_of_its_file_and_every_reference_resolves_through_the_ids() {
    let registry = Registry::docs();
    let ids: Vec<&str> = registry.ids().collect();
    let files = ["diff", "ensemble", "error", "log"].map(|name| format!("{BASE}{name}.schema.json"));
    assert_eq!(ids, files, "one schema per file, each with its file's $id");
    assert_eq!(registry.dangling(), Vec::<String>::new());
    // A reference into another file names that file's `$id` in full, so a
    // validator given the schemas by their ids needs no base to resolve it.
    let references = registry.references();
    assert!(references.len() > 20, "the schemas refer within and across files: {}", references.len());
    for (id, reference) in references {
        assert!(reference.starts_with('#') || reference.starts_with(BASE), "{id}: {reference}");
    }
    let across = registry.references().iter().filter(|(_, r)| !r.starts_with('#')).count();
    assert!(across >= 8, "the diff schema refers to the log's and the ensemble's: {across}");
}

#[test]
fn a_reference_that_names_no_id_is_dangling() {
    let registry = Registry::docs();
    let diff = format!("{BASE}diff.schema.json");
    assert!(registry.resolve(&diff, &format!("{BASE}log.schema.json#/$defs/event")).is_ok());
    assert!(registry.resolve(&diff, "log.schema.json#/$defs/event").is_ok(), "relative to the $id");
    assert!(registry.resolve(&diff, "https://elsewhere.example/log.schema.json#/$defs/event").is_err());
    assert!(registry.resolve(&diff, &format!("{BASE}log.schema.json#/$defs/nothing")).is_err());
}

/// Each line of `text` that is a JSON object.
fn objects(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Every `--error-format json` output the commands write: `check`'s
/// diagnostics of every UI case, a run's of a case with errors, a run's
/// division by zero and a refusal of the command line.
fn error_outputs() -> Vec<Value> {
    let mut lines = Vec::new();
    let mut cases: Vec<_> = std::fs::read_dir("tests/ui/fail")
        .expect("the UI cases")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "cov"))
        .collect();
    cases.sort();
    for case in &cases {
        let output = covenant(&["check", "--error-format", "json", case.to_str().expect("UTF-8")]);
        lines.extend(objects(&stdout(&output)));
    }
    assert!(lines.len() >= cases.len(), "every UI case has a diagnostic");
    let run = covenant(&["run", "--error-format", "json", "tests/ui/fail/unknown_name.cov"]);
    assert_eq!(run.status.code(), Some(1));
    lines.extend(objects(&stderr(&run)));
    let divides = covenant(&["run", "--error-format", "json", "tests/ui/run/division_in_shock.cov"]);
    assert_eq!(divides.status.code(), Some(1));
    let divided = objects(&stderr(&divides));
    assert_eq!(divided.first().map(|d| d["code"].clone()), Some("R001".into()), "{}", stderr(&divides));
    lines.extend(divided);
    let refused = covenant(&[
        "run",
        "--error-format",
        "json",
        "tests/cases/concert_short.cov",
        "--out",
        "no/such/folder/log.txt",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let refusal = objects(&stderr(&refused));
    assert_eq!(refusal.len(), 1, "{}", stderr(&refused));
    assert_eq!((&refusal[0]["code"], &refusal[0]["primary"]), (&Value::from("U003"), &Value::Null));
    lines.extend(refusal);
    lines
}

#[test]
fn every_error_in_json_fits_the_documented_schema() {
    let registry = Registry::docs();
    let lines = error_outputs();
    let warnings = lines.iter().filter(|l| l["severity"] == "warning").count();
    assert!(warnings > 0 && warnings < lines.len(), "errors and warnings both: {warnings} of {}", lines.len());
    assert!(lines.iter().any(|l| l["secondary"].as_array().is_some_and(|s| !s.is_empty())), "secondary labels");
    for line in &lines {
        let errors = registry.validate(ERROR, line);
        assert!(errors.is_empty(), "{line}\n{errors:#?}");
    }
}

#[test]
fn the_error_schema_catches_a_broken_diagnostic() {
    let registry = Registry::docs();
    let good: Value = serde_json::from_str(
        r#"{"code":"C010","name":"unknown-name","severity":"error","message":"unknown power `Prusia`","primary":{"file":"a.cov","line":12,"column":20,"start":287,"end":293,"label":"here"},"secondary":[],"help":"did you mean `Prussia`?"}"#,
    )
    .expect("JSON");
    assert!(registry.validate(ERROR, &good).is_empty());
    let broken = |change: &dyn Fn(&mut Value)| {
        let mut value = good.clone();
        change(&mut value);
        !registry.validate(ERROR, &value).is_empty()
    };
    assert!(broken(&|v| v["severity"] = "fatal".into()), "an unknown severity");
    assert!(broken(&|v| v["primary"]["line"] = 0.into()), "a line 0");
    assert!(broken(&|v| v["secondary"] = Value::Null), "no list of secondary labels");
    assert!(broken(&|v| v["hint"] = "x".into()), "an undocumented field");
    assert!(broken(&|v| {
        v.as_object_mut().expect("an object").remove("help");
    }));
}

/// The outputs each schema documents, one JSON value each, as files for a
/// validator outside this crate.
fn outputs(folder: &Path) -> Vec<(&'static str, std::path::PathBuf)> {
    let write = |name: &str, values: Vec<Value>| {
        let path = folder.join(name);
        let lines: String = values.iter().map(|v| format!("{v}\n")).collect();
        std::fs::write(&path, lines).expect("written");
        path
    };
    let concert = "examples/concert_of_europe_1815.cov";
    let log = objects(&stdout(&covenant(&["run", concert, "--format", "json"])));
    let ensemble = objects(&stdout(&covenant(&["run", concert, "--runs", "20", "--format", "json"])));
    let diff = covenant(&["diff", concert, "--variant", "automatic", "--format", "json"]);
    let diff: Value = serde_json::from_str(&stdout(&diff)).expect("one JSON document");
    vec![
        ("log", write("log.jsonl", log)),
        ("ensemble", write("ensemble.jsonl", ensemble)),
        ("diff", write("diff.jsonl", vec![diff])),
        ("error", write("error.jsonl", error_outputs())),
    ]
}

/// A standard validator, Python's `jsonschema` with a `referencing`
/// registry of the schemas by their `$id`s and no way to read a file or the
/// network, checks every output: the cross-references need no glue.
#[test]
fn a_standard_validator_resolves_the_schemas_by_their_ids_alone() {
    let probe = std::process::Command::new("python3").args(["-c", "import jsonschema, referencing"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with jsonschema and referencing is not on this machine");
        return;
    }
    let folder = tempfile::tempdir().expect("a folder");
    let script = r#"
import json, pathlib, sys
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
schemas = [json.loads(p.read_text()) for p in sorted(pathlib.Path("docs").glob("*.schema.json"))]
registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
by_id = {s["$id"]: s for s in schemas}
failed = 0
for name, path in zip(sys.argv[1::2], sys.argv[2::2]):
    schema = by_id["https://covenant.example/schema/%s.schema.json" % name]
    validator = Draft202012Validator(schema, registry=registry)
    for number, line in enumerate(open(path), 1):
        for error in validator.iter_errors(json.loads(line)):
            failed += 1
            print("%s line %d: %s" % (name, number, error.message[:300]))
sys.exit(1 if failed else 0)
"#;
    let mut args = vec!["-c".to_string(), script.to_string()];
    for (name, path) in outputs(folder.path()) {
        args.extend([name.to_string(), path.to_str().expect("UTF-8").to_string()]);
    }
    let output = std::process::Command::new("python3").args(&args).output().expect("python3 runs");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
