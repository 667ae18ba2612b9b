//! Hostile inputs: each gets a coded diagnostic at the right place, never a panic or a stack overflow.

use std::path::Path;

use covenant::check::{self, Checked};
use covenant::diagnostic::Code;
use covenant::load::{self, LoadOptions, MAX_FILE_BYTES};
use covenant::source::Sources;

const HEADER: &str = "scenario \"Robust\" { period 1815..1820 }\n";

fn check_bytes(bytes: Vec<u8>) -> (Checked, Sources) {
    let loaded = load::load_bytes(Path::new("robust.cov"), bytes, LoadOptions::default());
    let checked = check::check(&loaded);
    (checked, loaded.sources)
}

/// The codes of the diagnostics, with the text each primary span covers.
fn found(checked: &Checked, sources: &Sources) -> Vec<(Code, String)> {
    checked.diagnostics.iter().map(|d| (d.code, sources.slice(d.primary.span).to_string())).collect()
}

#[test]
fn empty_file_lacks_a_scenario() {
    let (checked, sources) = check_bytes(Vec::new());
    assert_eq!(found(&checked, &sources), vec![(Code::MissingScenario, String::new())]);
}

#[test]
fn binary_garbage_is_not_utf8() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let (checked, _) = check_bytes(bytes);
    assert!(checked.scenario.is_none());
    assert_eq!(checked.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), vec![Code::InvalidUtf8]);
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"power Br\xFFtain { capability 0.2 }\n");
    let (checked, sources) = check_bytes(bytes);
    let diagnostic = checked.diagnostics.iter().next().expect("one diagnostic");
    assert_eq!(diagnostic.code, Code::InvalidUtf8);
    assert_eq!(sources.line_column(diagnostic.primary.span.file, diagnostic.primary.span.start), (2, 9));
}

#[test]
fn nul_byte_is_a_syntax_error_where_it_stands() {
    let text = format!("{HEADER}power Bri\0tain {{ capability 0.2 }}\n");
    let (checked, sources) = check_bytes(text.into_bytes());
    let diagnostic = checked.diagnostics.iter().next().expect("one diagnostic");
    assert_eq!(diagnostic.code, Code::Syntax);
    assert_eq!(sources.line_column(diagnostic.primary.span.file, diagnostic.primary.span.start), (2, 10));
}

#[test]
fn ten_thousand_nested_parentheses_are_too_deep() {
    let depth = 10_000;
    let text = format!(
        "{HEADER}rule \"deep\" {{\n  when {}true{}\n  then emit \"x\"\n}}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let (checked, _) = check_bytes(text.into_bytes());
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Code::NestingTooDeep]);
}

#[test]
fn ten_thousand_nots_are_too_deep() {
    let text = format!("{HEADER}rule \"deep\" {{\n  when {}true\n  then emit \"x\"\n}}\n", "not ".repeat(10_000));
    let (checked, _) = check_bytes(text.into_bytes());
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Code::NestingTooDeep]);
}

#[test]
fn ten_thousand_additions_are_too_deep() {
    let text = format!("{HEADER}rule \"long\" {{\n  when 1{} > 0\n  then emit \"x\"\n}}\n", " + 1".repeat(10_000));
    let (checked, _) = check_bytes(text.into_bytes());
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Code::NestingTooDeep]);
}

#[test]
fn a_number_beyond_f64_is_too_large() {
    let text = format!("{HEADER}power Britain {{ capability 1e400 }}\n");
    let (checked, sources) = check_bytes(text.into_bytes());
    assert_eq!(found(&checked, &sources), vec![(Code::NumberTooLarge, "1e400".to_string())]);
}

#[test]
fn a_file_over_the_limit_is_refused_without_parsing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("huge.cov");
    let line = "# padding padding padding padding padding padding padding padding\n";
    let repeats = (50 * 1024 * 1024) / line.len();
    std::fs::write(&path, line.repeat(repeats)).expect("writable");
    assert!(std::fs::metadata(&path).expect("exists").len() > MAX_FILE_BYTES);
    let loaded = load::load(&path, LoadOptions::default()).expect("readable");
    let checked = check::check(&loaded);
    let codes: Vec<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Code::FileTooLarge]);
}

#[test]
fn a_bom_and_crlf_leave_spans_on_the_text_shown() {
    let text = format!("\u{FEFF}{}power Britain {{ capability 2 }}\r\n", HEADER.replace('\n', "\r\n"));
    let (checked, sources) = check_bytes(text.into_bytes());
    let diagnostic = checked.diagnostics.iter().next().expect("one diagnostic");
    assert_eq!(diagnostic.code, Code::OutOfRange);
    assert_eq!(sources.slice(diagnostic.primary.span), "2");
    assert_eq!(sources.line_column(diagnostic.primary.span.file, diagnostic.primary.span.start), (2, 28));
}

#[test]
fn an_unterminated_string_points_at_its_opening_quote() {
    let text = format!("{HEADER}norm n {{\n  \"never closed\n  strength 0.5\n}}\n");
    let (checked, sources) = check_bytes(text.into_bytes());
    let diagnostic = checked.diagnostics.iter().next().expect("one diagnostic");
    assert_eq!(diagnostic.code, Code::UnterminatedString);
    assert_eq!(sources.line_column(diagnostic.primary.span.file, diagnostic.primary.span.start), (3, 3));
}

/// A FIFO with no writer blocks whoever opens it for reading: a root file,
/// an include or a dataset that is one is refused without opening it.
#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().expect("a temporary folder");
    for fifo in ["inc.cov", "root.cov", "data.csv"] {
        let made = Command::new("mkfifo").arg(dir.path().join(fifo)).status().expect("mkfifo runs");
        assert!(made.success(), "mkfifo {fifo}");
    }
    std::fs::write(
        dir.path().join("includes.cov"),
        "scenario \"F\" { period 1900..1901 }\ninclude \"inc.cov\"\npower A { capability 0.1 }\nallow isolated-power\n",
    )
    .expect("written");
    std::fs::write(
        dir.path().join("reads.cov"),
        "scenario \"F\" {\n  period 1900..1901\n  data nmc \"data.csv\"\n}\npower A { capability from nmc \"AAA\" }\nallow isolated-power\n",
    )
    .expect("written");
    for (file, code, expected) in [
        ("includes.cov", 1, "error[C083]: included file `inc.cov` cannot be read"),
        ("reads.cov", 1, "error[C084]: dataset `nmc` cannot be read"),
        ("root.cov", 2, "error: cannot read `root.cov`"),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_covenant"))
            .args(["check", file])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let started = Instant::now();
        while child.try_wait().expect("the child").is_none() {
            if started.elapsed() > Duration::from_secs(20) {
                child.kill().expect("killed");
                panic!("`check {file}` blocked on a FIFO");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let output = child.wait_with_output().expect("the output");
        let error = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{file}: {error}");
        assert!(error.contains(expected), "{file}: {error}");
        assert!(error.contains("is not a regular file (a FIFO, a device or a socket), which is never read"), "{error}");
    }
}

/// The limits are what the documentation says, at their boundary: 32
/// parentheses and 200 operations deep are accepted, one more is `C005`.
#[test]
fn nesting_limits_hold_at_their_boundary() {
    let rule = |condition: String| {
        format!("scenario \"D\" {{ period 1900..1901 }}\npower A {{ capability 0.1 }}\nallow isolated-power\nrule \"r\" {{ when {condition} then emit \"x\" }}\n")
    };
    let deep = |text: String| {
        let (checked, sources) = check_bytes(text.into_bytes());
        found(&checked, &sources).into_iter().filter(|(code, _)| *code == Code::NestingTooDeep).count()
    };
    let parentheses = |n: usize| rule(format!("{}year > 1{}", "(".repeat(n), ")".repeat(n)));
    let nots = |n: usize| rule(format!("{}true", "not ".repeat(n)));
    let chain = |n: usize| rule(format!("year{} > 1", " + 1".repeat(n - 1)));
    assert_eq!(deep(parentheses(32)), 0);
    assert_eq!(deep(parentheses(33)), 1);
    for (form, build) in [("not", &nots as &dyn Fn(usize) -> String), ("chain", &chain)] {
        assert_eq!(deep(build(200)), 0, "{form}: 200 operations are allowed");
        assert_eq!(deep(build(201)), 1, "{form}: 201 are too deep");
    }
}
