//! Arbitrary bytes that parse: `fmt` never panics, is idempotent, keeps every comment, and its output parses and checks to the same diagnostic codes.
#![no_main]

use std::path::Path;

use covenant::check::check;
use covenant::format::format_file;
use covenant::load::{load_bytes, Loaded, LoadOptions};
use libfuzzer_sys::fuzz_target;

/// Loads `bytes` as `covenant fmt` does: the root file only.
fn load(bytes: Vec<u8>) -> Loaded {
    load_bytes(Path::new("fuzz.cov"), bytes, LoadOptions { root_only: true, ..LoadOptions::default() })
}

/// Formats a loaded file as `covenant fmt` does; `None` when `fmt` would
/// refuse it for its syntax errors.
fn format(loaded: &Loaded) -> Option<String> {
    let file = &loaded.files[0];
    let tree = file.tree.as_ref().filter(|_| !loaded.diagnostics.has_errors())?;
    Some(format_file(&loaded.sources.file(file.id).text, tree, &file.comments))
}

/// The text of every comment, trailing whitespace dropped, in order.
fn comments(loaded: &Loaded) -> Vec<String> {
    let file = &loaded.files[0];
    let text = &loaded.sources.file(file.id).text;
    file.comments.iter().map(|c| text[c.span.range()].trim_end().to_string()).collect()
}

/// The codes and severities of what checking the case finds, sorted.
fn codes(loaded: &Loaded) -> Vec<(&'static str, bool)> {
    let mut codes: Vec<(&'static str, bool)> =
        check(loaded).diagnostics.iter().map(|d| (d.code.id(), d.is_error())).collect();
    codes.sort_unstable();
    codes
}

fuzz_target!(|data: &[u8]| {
    let original = load(data.to_vec());
    let Some(once) = format(&original) else { return };

    // "the output ends with one `\n`, or is empty when the file is"
    assert!(
        once.is_empty() || (once.ends_with('\n') && !once.ends_with("\n\n")),
        "formatted output does not end in exactly one line break: {once:?}"
    );

    let reformatted = load(once.clone().into_bytes());
    let Some(twice) = format(&reformatted) else {
        let errors: Vec<String> = reformatted.diagnostics.iter().map(|d| format!("{}: {}", d.code.id(), d.message)).collect();
        panic!("formatted output does not parse: {errors:?}\n--- input\n{:?}\n--- formatted\n{once}", String::from_utf8_lossy(data));
    };
    assert_eq!(twice, once, "formatting is not idempotent\n--- input\n{:?}", String::from_utf8_lossy(data));

    // "printed back with every comment in place"
    let mut before = comments(&original);
    let mut after = comments(&reformatted);
    before.sort();
    after.sort();
    assert_eq!(before, after, "formatting lost or changed a comment\n--- formatted\n{once}");

    // Layout has no meaning: the formatted case checks as the original did.
    assert_eq!(
        codes(&original),
        codes(&reformatted),
        "formatting changed the diagnostics\n--- input\n{:?}\n--- formatted\n{once}",
        String::from_utf8_lossy(data)
    );
});
