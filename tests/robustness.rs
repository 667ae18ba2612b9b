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
