//! Golden outcome logs: every bundled example, run with its own seed, as a reviewed snapshot.
//!
//! A change in the model's behaviour shows up here as a snapshot diff; read
//! it, and accept it only if the change is meant (`tests/README.md`).

use std::path::{Path, PathBuf};

use covenant::check;
use covenant::engine::{self, RunOptions};
use covenant::load::{self, LoadOptions};
use covenant::report;

fn examples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("examples")
        .expect("the examples folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "cov"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_example_has_a_golden_log_for_the_base_case_and_each_variant() {
    let paths = examples();
    assert!(!paths.is_empty(), "there are examples");
    for path in paths {
        let loaded = load::load(&path, LoadOptions::default()).expect("readable");
        let checked = check::check(&loaded);
        let scenario = checked.scenario.unwrap_or_else(|| panic!("{} checks clean", path.display()));
        let stem = path.file_stem().expect("a name").to_string_lossy().into_owned();
        let mut variants: Vec<Option<String>> = vec![None];
        variants.extend(scenario.variants.iter().map(|v| Some(v.name.clone())));
        for variant in variants {
            let run = engine::run(&scenario, &RunOptions { seed: None, variant: variant.clone() }).expect("runs");
            let name = match &variant {
                Some(v) => format!("{stem}@{v}"),
                None => stem.clone(),
            };
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden"));
            settings.set_prepend_module_to_snapshot(false);
            // The hash moves with every edit of the case, a comment's too;
            // the log's events are what these logs hold to review.
            settings.add_filter(r"sha256:[0-9a-f]{16}\b", "sha256:[hash]");
            settings.bind(|| insta::assert_snapshot!(name, report::text::render(&scenario, &run, &loaded.sources)));
        }
    }
}
