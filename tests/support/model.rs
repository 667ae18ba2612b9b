//! Checking a case written in a test and running it, for the behavioural tests of the model.

use std::path::Path;

use covenant::check;
use covenant::engine::{self, Run, RunOptions};
use covenant::load::{self, LoadOptions};
use covenant::log::{Event, EventKind};
use covenant::scenario::Scenario;

/// The checked scenario of a case text; panics with the errors if it does not check.
pub fn scenario(text: &str) -> Scenario {
    let loaded = load::load_bytes(Path::new("test.cov"), text.as_bytes().to_vec(), LoadOptions::default());
    let checked = check::check(&loaded);
    let errors: Vec<String> = checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
    checked.scenario.unwrap_or_else(|| panic!("the test case checks: {errors:?}"))
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
