//! Cases for the tests that call the library: a case text or a bundled file checked, one run of it, and reading its events.

// Each test file uses a part of this set.
#![allow(dead_code)]

use std::path::Path;

use covenant::check;
use covenant::engine::{self, Run, RunOptions};
use covenant::load::{self, LoadOptions, Loaded};
use covenant::log::{Event, EventKind};
use covenant::scenario::Scenario;

/// A case text loaded as the file `test.cov`.
pub fn load(text: &str) -> Loaded {
    load_named("test.cov", text)
}

/// A case text loaded as the file `name`.
pub fn load_named(name: &str, text: &str) -> Loaded {
    load::load_bytes(Path::new(name), text.as_bytes().to_vec(), LoadOptions::default())
}

/// The checked scenario of a case text; panics with its diagnostics if it does not check.
pub fn scenario(text: &str) -> Scenario {
    checked(&load(text))
}

/// The checked scenario of a case text loaded as the file `name`, as [`scenario`].
pub fn scenario_named(name: &str, text: &str) -> Scenario {
    checked(&load_named(name, text))
}

/// The checked scenario of a case file, relative to the project's folder.
pub fn example(path: &str) -> Scenario {
    let loaded = load::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path), LoadOptions::default())
        .unwrap_or_else(|error| panic!("`{path}` is readable: {error}"));
    checked(&loaded)
}

fn checked(loaded: &Loaded) -> Scenario {
    let checked = check::check(loaded);
    let problems: Vec<String> = checked.diagnostics.iter().map(|d| format!("{}: {}", d.code, d.message)).collect();
    checked.scenario.unwrap_or_else(|| panic!("the test case checks: {problems:?}"))
}

/// One run with the full trace.
pub fn run(scenario: &Scenario, seed: u64, variant: Option<&str>) -> Run {
    engine::run(scenario, &RunOptions { seed: Some(seed), variant: variant.map(str::to_string) })
        .expect("the run starts")
}

/// The events of one kind, in order.
pub fn of_kind(run: &Run, kind: EventKind) -> Vec<&Event> {
    run.events.iter().filter(|e| e.kind == kind).collect()
}

/// A figure of an event; panics if the event has none of that name.
pub fn figure(event: &Event, name: &str) -> f64 {
    event.figures.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no figure `{name}` in {event:?}")).value
}
