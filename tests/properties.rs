//! Property tests: no input, however broken, panics the loader, parser, checker, engine or renderers.
//!
//! Inputs are arbitrary bytes and mutations of the real cases in `tests/ui`
//! and `examples`. Raise `PROPTEST_CASES` for a longer run (the default
//! keeps `cargo test` fast).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use covenant::check;
use covenant::load::{self, LoadOptions};
use covenant::report::diagnostics::{graphical, json, plain};
use proptest::prelude::*;

/// Loads, checks and renders every diagnostic of a case given as bytes,
/// checking the invariants that hold whatever the input.
fn exercise(bytes: Vec<u8>) {
    let loaded = load::load_bytes(Path::new("tests/ui/fuzz.cov"), bytes, LoadOptions::default());
    let checked = check::check(&loaded);
    if checked.diagnostics.has_errors() {
        assert!(checked.scenario.is_none(), "a case with errors yields no scenario");
    }
    // A case that checks clean runs to the end, whatever its numbers, and
    // its log renders.
    if let Some(scenario) = &checked.scenario {
        let run =
            covenant::engine::run(scenario, &covenant::engine::RunOptions::default()).expect("no variant asked for");
        assert_eq!(run.system.len(), scenario.period.years());
        covenant::report::text::render(scenario, &run, &loaded.sources);
        covenant::report::json::render(scenario, &run, &loaded.sources);
        for table in covenant::report::csv::Table::ALL {
            covenant::report::csv::render(scenario, &run, &loaded.sources, table);
        }
        for variant in &scenario.variants {
            let options = covenant::engine::RunOptions { seed: Some(7), variant: Some(variant.name.clone()) };
            covenant::engine::run(scenario, &options).expect("a declared variant runs");
        }
    }
    for diagnostic in checked.diagnostics.iter() {
        let text = &loaded.sources.file(diagnostic.primary.span.file).text;
        assert!(diagnostic.primary.span.end as usize <= text.len(), "span inside the file");
        assert!(text.is_char_boundary(diagnostic.primary.span.start as usize), "span starts on a character");
        assert!(text.is_char_boundary(diagnostic.primary.span.end as usize), "span ends on a character");
        assert!(!diagnostic.help.is_empty(), "every diagnostic has help");
        graphical(diagnostic, &loaded.sources, false);
        plain(diagnostic, &loaded.sources);
        json(diagnostic, &loaded.sources);
    }
}

/// The texts of every case shipped with the project, to mutate.
fn corpus() -> &'static [Vec<u8>] {
    static CORPUS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut files = Vec::new();
        for dir in ["tests/ui/pass", "tests/ui/fail", "examples"] {
            collect(Path::new(dir), &mut files);
        }
        files.sort();
        files.iter().map(|f| std::fs::read(f).expect("readable")).collect()
    })
}

fn collect(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, into);
        } else if path.extension().is_some_and(|e| e == "cov") {
            into.push(path);
        }
    }
}

/// Fragments that make mutations likely to reach deep into the grammar and
/// the checker rather than stop at the first byte.
const FRAGMENTS: &[&str] = &[
    "power ",
    "norm ",
    "commitment ",
    "shock ",
    "rule ",
    "variant ",
    "expect ",
    "model ",
    "include ",
    "allow ",
    "{",
    "}",
    "(",
    ")",
    ",",
    "\"",
    "\\",
    "#",
    "\n",
    "\r\n",
    "..",
    "->",
    ".",
    "=",
    "+=",
    "-=",
    "==",
    "<",
    "not ",
    "and ",
    "or ",
    "0",
    "1",
    "1e400",
    "-1",
    "0.5",
    "1815",
    "99999999999999999999",
    "Britain",
    "Russia",
    "great",
    "members ",
    "mode automatic",
    "decide weighted 0.6",
    "once",
    "when ",
    "then ",
    "year",
    "sum(capability of great)",
    "count(members of X)",
    "trust(Britain, Russia)",
    "one_of(",
    "data nmc \"../data/nmc_fixture.csv\"",
    "capability from nmc \"AAA\"",
    "expect \"e\" { shock s succeeds }",
    "Österreich",
    "\u{FEFF}",
    "\0",
    "\u{FFFD}",
    "é",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, fragment: usize },
    Duplicate { at: usize, len: usize },
    Byte { at: usize, byte: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 0..FRAGMENTS.len()).prop_map(|(at, fragment)| Mutation::Insert { at, fragment }),
        (any::<usize>(), 1..200usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Byte { at, byte }),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let n = bytes.len();
    match *mutation {
        Mutation::Delete { at, len } if n > 0 => {
            let at = at % n;
            bytes.drain(at..(at + len).min(n));
        }
        Mutation::Insert { at, fragment } => {
            let at = if n == 0 { 0 } else { at % (n + 1) };
            bytes.splice(at..at, FRAGMENTS[fragment].bytes());
        }
        Mutation::Duplicate { at, len } if n > 0 => {
            let at = at % n;
            let copy = bytes[at..(at + len).min(n)].to_vec();
            bytes.splice(at..at, copy);
        }
        Mutation::Byte { at, byte } if n > 0 => bytes[at % n] = byte,
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        exercise(bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,600}") {
        exercise(text.into_bytes());
    }

    #[test]
    fn mutated_cases_never_panic(pick in any::<usize>(), mutations in proptest::collection::vec(mutation(), 1..8)) {
        let corpus = corpus();
        let mut bytes = corpus[pick % corpus.len()].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        exercise(bytes);
    }
}
