//! UI tests: every `tests/ui/pass/*.cov` checks clean, and every
//! `tests/ui/fail/*.cov` gives exactly the diagnostics its header promises,
//! rendered as in a terminal and kept as an insta snapshot.
//!
//! A fail file states what it triggers in `# expect CODE at LINE:COLUMN`
//! comment lines at its top; the test fails if any promised diagnostic is
//! missing or any other appears. One test per file, so a failure names it.
//! Every `tests/ui/run/*.cov` checks clean and stops its run with the
//! errors of a run its header promises (`R0xx`), rendered and kept the same
//! way.
//! A `# data NAME=PATH` line at the top of a file gives the dataset
//! `--data` would, and `# allow-outside` lets it reach outside its folder
//! as `--allow-outside` would (the shared fixtures in `tests/ui/data/`).

use std::path::{Path, PathBuf};

use covenant::check;
use covenant::engine::{self, RunOptions};
use covenant::load::{self, LoadOptions};
use covenant::report::diagnostics::graphical;
use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for path in cases("tests/ui/pass") {
        let name = format!("pass::{}", stem(&path));
        trials.push(Trial::test(name, move || pass(&path)));
    }
    for path in cases("tests/ui/fail") {
        let name = format!("fail::{}", stem(&path));
        trials.push(Trial::test(name, move || fail(&path)));
    }
    for path in cases("tests/ui/run") {
        let name = format!("run::{}", stem(&path));
        trials.push(Trial::test(name, move || stops(&path)));
    }
    libtest_mimic::run(&args, trials).exit();
}

fn cases(dir: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the ui folder exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "cov"))
        .collect();
    paths.sort();
    paths
}

fn stem(path: &Path) -> String {
    path.file_stem().expect("a file name").to_string_lossy().into_owned()
}

fn pass(path: &Path) -> Result<(), Failed> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let loaded = load::load(path, options(path, &bytes)).map_err(|e| format!("cannot read: {e}"))?;
    let checked = check::check(&loaded);
    if checked.diagnostics.is_empty() && checked.scenario.is_some() {
        return Ok(());
    }
    let rendered: String = checked.diagnostics.iter().map(|d| graphical(d, &loaded.sources, false)).collect();
    Err(format!("expected no diagnostics, got:\n{rendered}").into())
}

fn fail(path: &Path) -> Result<(), Failed> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let expected = expectations(&String::from_utf8_lossy(&bytes));
    if expected.is_empty() {
        return Err("the file has no `# expect CODE at LINE:COLUMN` header".into());
    }
    let loaded = load::load(path, options(path, &bytes)).map_err(|e| format!("cannot read: {e}"))?;
    let checked = check::check(&loaded);
    let mut found: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.primary.span.file == loaded.files[0].id)
        .map(|d| {
            let (line, column) = loaded.sources.line_column(d.primary.span.file, d.primary.span.start);
            format!("{} at {line}:{column}", d.code.id())
        })
        .collect();
    found.sort();
    if found != expected {
        return Err(format!("expected {expected:?}\n   found {found:?}").into());
    }
    if checked.diagnostics.has_errors() != checked.scenario.is_none() {
        return Err("a case with errors must yield no scenario, and one without must yield one".into());
    }
    let rendered: String = checked.diagnostics.iter().map(|d| graphical(d, &loaded.sources, false) + "\n").collect();
    snapshot(path, rendered);
    Ok(())
}

/// A case that checks clean and whose run, with its own seed, stops with
/// the diagnostic its header promises.
fn stops(path: &Path) -> Result<(), Failed> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let expected = expectations(&String::from_utf8_lossy(&bytes));
    let loaded = load::load(path, options(path, &bytes)).map_err(|e| format!("cannot read: {e}"))?;
    let checked = check::check(&loaded);
    let Some(scenario) = checked.scenario.filter(|_| checked.diagnostics.is_empty()) else {
        return Err("a run case must check clean".into());
    };
    let error = match engine::run(&scenario, &RunOptions::default()) {
        Ok(_) => return Err("the run went to its end".into()),
        Err(error) => error,
    };
    let diagnostic = error.diagnostic().ok_or_else(|| format!("the error has no place in the source: {error}"))?;
    let (line, column) = loaded.sources.line_column(diagnostic.primary.span.file, diagnostic.primary.span.start);
    let found = vec![format!("{} at {line}:{column}", diagnostic.code.id())];
    if found != expected {
        return Err(format!("expected {expected:?}\n   found {found:?}").into());
    }
    snapshot(path, graphical(&diagnostic, &loaded.sources, false) + "\n");
    Ok(())
}

/// Keeps `rendered` as the file's snapshot in `tests/ui/snapshots`.
fn snapshot(path: &Path, rendered: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_input_file(path);
    settings.add_filter(&regex_escape(env!("CARGO_MANIFEST_DIR")), "[ROOT]");
    let name = stem(path);
    settings.bind(|| insta::assert_snapshot!(name, rendered));
}

/// The options a file's header gives: `# data NAME=PATH` as `--data
/// NAME=PATH` would, the path relative to the file, and `# allow-outside`.
fn options(path: &Path, bytes: &[u8]) -> LoadOptions {
    let text = String::from_utf8_lossy(bytes);
    let header: Vec<&str> = text.lines().map_while(|line| line.strip_prefix('#')).map(str::trim).collect();
    let data = header
        .iter()
        .filter_map(|comment| comment.strip_prefix("data "))
        .filter_map(|given| given.trim().split_once('='))
        .map(|(name, file)| (name.to_string(), path.parent().expect("a folder").join(file)))
        .collect();
    let allow_outside = header.contains(&"allow-outside");
    LoadOptions { data, allow_outside, ..LoadOptions::default() }
}

/// The `# expect CODE at LINE:COLUMN` lines of a fail file's header, sorted.
fn expectations(text: &str) -> Vec<String> {
    let mut expected: Vec<String> = text
        .lines()
        .map_while(|line| line.strip_prefix('#'))
        .filter_map(|comment| comment.trim().strip_prefix("expect "))
        .map(|rest| rest.trim().to_string())
        .collect();
    expected.sort();
    expected
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect()
}
