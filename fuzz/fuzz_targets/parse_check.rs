//! Arbitrary bytes as a case file: loading, checking and rendering every diagnostic (graphical, plain, JSON) never panics.
#![no_main]

use std::path::Path;

use covenant::check::check;
use covenant::load::{load_bytes, LoadOptions};
use covenant::report::diagnostics::{graphical, json, plain};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loaded = load_bytes(Path::new("fuzz.cov"), data.to_vec(), LoadOptions::default());
    let checked = check(&loaded);
    // Every format the CLI's `--error-format` offers: human (coloured for
    // half the inputs, as on a terminal), plain and JSON.
    let colour = data.len() % 2 == 1;
    for diagnostic in checked.diagnostics.iter() {
        let _ = graphical(diagnostic, &loaded.sources, colour);
        let _ = plain(diagnostic, &loaded.sources);
        let line = json(diagnostic, &loaded.sources);
        assert!(!line.contains('\n'), "a JSON diagnostic spans more than one line: {line}");
    }
    // A case with errors has no scenario, and one without errors has one.
    assert_eq!(checked.scenario.is_some(), !checked.diagnostics.has_errors());
});
