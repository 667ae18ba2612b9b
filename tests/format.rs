//! `covenant fmt` keeps every file's meaning and comments, and formatting twice changes nothing.

use std::path::{Path, PathBuf};

use covenant::format::format_file;
use covenant::source::FileId;
use covenant::syntax::parse;
use proptest::prelude::*;

/// Every construct of the grammar, written carelessly.
const EVERY_CONSTRUCT: &str = r#"include   "base.cov"
include "more.cov"
allow unused-norm,isolated-power
allow   shock-outside-period
scenario   "Messy \"quoted\" title"{period 1815 .. 1854 seed 42
  source jervis1985 "Jervis\\1985\t(tab)"}
scenario "empty" {}
power Britain{capability 0.21 stance status_quo regime liberal constraint 6e-1
interest Low_Countries 0.90 great cite jervis1985 "p. 60"}
power Russia { stance revisionist capability -0.1 }
power Prussia { stance 0.4 }
power Empty {}
relation Britain Russia{trust 0.6 cite jervis1985}
relation A B {}
norm territorial_status_quo {
  "Multi-line
text with a tab\t and \"quotes\""
  strength 0.7
  forbids conquest,intervention
}
norm bare {}
commitment Quadruple_Alliance {
  members Britain,Austria,  Prussia, Russia
  mode concert   decide consensus
  covers aggression,revolution
  upholds territorial_status_quo, non_intervention
  protects Naples
  cohesion 0.5 credibility 0.8
  cite jervis1985 "p. 61"
}
commitment Holy { mode automatic decide weighted 0.6 response   sanctions }
commitment League { response force mode automatic covers aggression }
commitment C2 { decide unanimity covers revolution } commitment C3 { decide majority }
shock troppau at 1820 { revolution in Naples "Constitutional revolution." }
shock crimea at 1853 {
  aggression Russia->Ottoman over Danubian_Principalities stakes 0.3
  aggression one_of(A,B) -> one_of( C , D ) over R stakes 1e-1
}
shock unrest chance 0.08 each year during 1830..1850 { revolution in one_of(France, Belgium, Poland) }
shock joins during 1818 .. 1819 { join France to Quadruple_Alliance leave Britain from Quadruple_Alliance }
shock rise { capability Prussia += 0.004 capability Austria -= 0.002 capability Naples = 0.01 regime France = liberal cite x }
shock prague at 1939 { Britain.constraint=0.2 trust( Britain,Russia )-= 0.1*model.transparency Britain.regime = liberal "After Prague." }
shock nothing {}
rule "Memory fades" { when year > 1830 then model.war_memory -= 0.02 }
rule "Many" {
  once
  when (sum(capability of great) >= 0.5 and not (trust(Britain, Russia) < 0.2)) or count(capability of members of Quadruple_Alliance) != count(great)
  then emit "broken"  trigger rise
  dissolve Holy
  trust(Britain,Russia) = trust(Britain, Russia) * -1 + --0.5 / (2 - 1)
  Britain.capability += max(capability of powers) - min(powers) + mean(cohesion of members of Holy)
  cite jervis1985 "p. 70"
  cite other
}
rule "flags" { when true and false or x == 1 and y <= 2 and z >= 3 and w > 4 and not not v then emit "x" }
variant automatic "What if?" {
  Quadruple_Alliance.mode = automatic
  Quadruple_Alliance.response = sanctions
  Quadruple_Alliance.decide = weighted 0.6
  Britain.capability += 0.1
  model.war_memory = 0.3
  remove shock crimea
  shock extra at 1830 { revolution in France }
  shock timeless { }
}
variant bare {}
expect "No war" { no war among great during 1815..1852 at least 0.8 cite jervis1985 "p. 1" }
expect "war" { war between Russia and Britain during 1853..1856 }
expect "among powers" { war among powers by 1900 }
expect "among members" { no war among members of Holy at 1830 }
expect "named" { war among Britain, Russia during 1815..1820 }
expect "intervention" { intervention by Austria in Naples by 1822 }
expect "no intervention" { no intervention by Britain in Naples at 1821 }
expect "dissolution" { dissolution of Holy by 1850 }
expect "no dissolution" { no dissolution of Holy by 1850 cite a cite b "c" }
expect "outcome" { shock crimea fails }
expect "outcome window" { shock crimea deterred during 1853..1854 }
expect "succeeds" { shock troppau succeeds at 1820 }
expect "threshold" { Britain.capability >= 0.2 by 1850 }
expect "model threshold" { model.war_memory < 0.5 during 1840..1850 at least 0.5 }
model { war_memory 0.5 cite jervis1985 "p. 2"
decay 1e-3 }
model {}
"#;

/// Comments in every place a comment can go.
const COMMENTS_EVERYWHERE: &str = "# file header

# about the includes
include \"a.cov\" # why a
# between includes

include \"b.cov\"
allow x, # inside a list
  y # after the list
# about A
power A # between name and brace
{ # after brace
  capability 0.1 # trailing capability
  # own line inside

  # after blank
  great
  # before close
} # after close
power B { # only a comment
}
power C { capability 0.1 } # after a one-line block
rule \"r\" { # after header
  once # after once
  when a and # inside expression
    (b # inside parentheses
    or c)
  # before then
  then # after then
    emit \"x\" # after emit
    # between statements
    trigger y
  # before cite
  cite k # after cite
}
shock s { # after header
  A.b = 1 # after an assignment
  # between effects
  trust(A, B) -= # inside an assignment
    0.1
}
rule \"single\" { when a then # before the statement
  b.c = 1 # after the statement
}
expect \"e\" { war between A and B # inside expectation
  during 1815..1820 at least # inside rate
  0.5 }
variant v # before the question
\"q\" # after the question
{
  A.b = 1 # override
  shock s at 1820 # after timing
  { revolution in X # effect
  } # after nested
  # before variant close
}
model { # after model brace
  war_memory 0.5 # parameter
  decay 0.1 cite k # cited parameter
}
# end of file

# last";

/// Checks the three promises of `fmt` on one input, which must parse.
fn check(name: &str, text: &str) {
    let parsed = parse(FileId(0), text);
    let Some(tree) = parsed.tree else {
        panic!("{name} does not parse: {:?}", parsed.diagnostics);
    };
    let formatted = format_file(text, &tree, &parsed.comments);

    let reparsed = parse(FileId(0), &formatted);
    let Some(retree) = reparsed.tree else {
        panic!("{name}: the formatted text does not parse: {:?}\n{formatted}", reparsed.diagnostics);
    };
    assert_eq!(
        without_spans(&format!("{retree:#?}")),
        without_spans(&format!("{tree:#?}")),
        "{name}: formatting changed the tree\n{formatted}"
    );
    let codes = |d: &[covenant::diagnostic::Diagnostic]| d.iter().map(|d| d.code).collect::<Vec<_>>();
    assert_eq!(codes(&reparsed.diagnostics), codes(&parsed.diagnostics), "{name}: diagnostics changed");

    assert_eq!(
        comment_texts(&formatted, &reparsed.comments),
        comment_texts(text, &parsed.comments),
        "{name}: comments were lost, added or reordered\n{formatted}"
    );

    let again = format_file(&formatted, &retree, &reparsed.comments);
    assert_eq!(again, formatted, "{name}: formatting twice changed the output");

    assert!(!formatted.contains('\r'), "{name}: a carriage return survived");
    assert!(formatted.is_empty() || (formatted.ends_with('\n') && !formatted.ends_with("\n\n")));
    for line in formatted.lines() {
        assert_eq!(line.trim_end(), line, "{name}: trailing whitespace in {line:?}");
    }
}

/// A tree dump without positions: spans print as `@F:S..E`, and a string's
/// line breaks are compared without their carriage returns.
fn without_spans(dump: &str) -> String {
    let mut out = String::with_capacity(dump.len());
    let mut rest = dump;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let span_len = span_length(after);
        if span_len == 0 {
            out.push('@');
        }
        rest = &after[span_len..];
    }
    out.push_str(rest);
    out.replace("\\r\\n", "\\n")
}

/// The length of `F:S..E` at the start of `text`, or 0 if it does not start with one.
fn span_length(text: &str) -> usize {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let mut at = 0;
    for separator in [":", "..", ""] {
        let n = digits(&text[at..]);
        if n == 0 {
            return 0;
        }
        at += n;
        if !text[at..].starts_with(separator) {
            return 0;
        }
        at += separator.len();
    }
    at
}

fn comment_texts(text: &str, comments: &[covenant::syntax::Comment]) -> Vec<String> {
    comments.iter().map(|c| text[c.span.range()].trim_end().to_string()).collect()
}

#[test]
fn every_construct_round_trips() {
    check("every construct", EVERY_CONSTRUCT);
}

#[test]
fn comments_everywhere_round_trip() {
    check("comments everywhere", COMMENTS_EVERYWHERE);
}

#[test]
fn line_endings_do_not_matter() {
    for (name, text) in [("every construct", EVERY_CONSTRUCT), ("comments everywhere", COMMENTS_EVERYWHERE)] {
        let crlf = text.replace('\n', "\r\n");
        check(name, &crlf);
        let format = |text: &str| {
            let parsed = parse(FileId(0), text);
            format_file(text, &parsed.tree.expect("the sample parses"), &parsed.comments)
        };
        assert_eq!(format(&crlf), format(text), "{name}: CRLF and LF give different layouts");
    }
}

#[test]
fn a_too_deep_expression_round_trips() {
    let terms = vec!["x"; 260].join(" and # one more\n      ");
    check("too deep", &format!("rule \"deep\" {{\n  when {terms} # done\n  then emit \"x\"\n}}\n"));
}

#[test]
fn every_case_file_in_the_repository_round_trips() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["tests", "examples"] {
        collect_case_files(&root.join(dir), &mut files);
    }
    assert!(!files.is_empty(), "no .cov files found under tests/ or examples/");
    for path in files {
        let bytes = std::fs::read(&path).expect("a readable case file");
        // Cases that are not UTF-8 test the loader, and have no tree to format.
        let Ok(text) = String::from_utf8(bytes) else { continue };
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        if parse(FileId(0), text).tree.is_none() {
            continue;
        }
        check(&path.display().to_string(), text);
    }
}

/// A case checks to the same scenario, spans aside, before and after
/// formatting; includes resolve against the original path either way.
#[test]
fn formatted_cases_check_to_the_same_scenario() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["tests/ui/pass", "tests/ui/fail", "examples"] {
        collect_case_files(&root.join(dir), &mut files);
    }
    let mut compared = 0;
    for path in files {
        let bytes = std::fs::read(&path).expect("a readable case file");
        let original = check_case(&path, bytes.clone());
        let Some(scenario) = original else { continue };
        let text = String::from_utf8(bytes).expect("a case that checks is UTF-8");
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        let parsed = parse(FileId(0), text);
        let formatted = format_file(text, parsed.tree.as_ref().expect("a tree"), &parsed.comments);
        let reformatted = check_case(&path, formatted.into_bytes())
            .unwrap_or_else(|| panic!("{}: the formatted case no longer checks", path.display()));
        assert_eq!(without_spans(&reformatted), without_spans(&scenario), "{}", path.display());
        compared += 1;
    }
    assert!(compared >= 2, "only {compared} clean cases were compared");
}

/// The checked scenario's debug dump, or `None` when the case has errors.
fn check_case(path: &Path, bytes: Vec<u8>) -> Option<String> {
    let loaded = covenant::load::load_bytes(path, bytes, covenant::load::LoadOptions::default());
    let checked = covenant::check::check(&loaded);
    checked.scenario.map(|s| format!("{s:#?}"))
}

fn collect_case_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_case_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "cov") {
            files.push(path);
        }
    }
}

/// Places outside strings and comments where whitespace or a comment may
/// stand without changing the tree: each space (replaced), and each side of
/// a bracket or comma (inserted).
fn gaps(text: &str) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let (mut in_string, mut in_comment, mut escaped) = (false, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_comment {
            in_comment = b != b'\n';
        } else if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'#' => in_comment = true,
                b' ' => gaps.push(Gap { at: i, replaces_space: true }),
                b'{' | b'}' | b'(' | b')' | b',' => {
                    gaps.push(Gap { at: i, replaces_space: false });
                    gaps.push(Gap { at: i + 1, replaces_space: false });
                }
                _ => {}
            }
        }
    }
    // A space right after a bracket is one gap, not two.
    gaps.sort_by_key(|gap| (gap.at, !gap.replaces_space));
    gaps.dedup_by_key(|gap| gap.at);
    gaps
}

struct Gap {
    at: usize,
    replaces_space: bool,
}

/// What may replace a space.
const SEPARATORS: [&str; 10] = [" ", " ", " ", "\n", "\n\n", "\t", " # c\n", "\n  # d\n", "\r\n", "\n\n# e\n\n"];

/// What may go where the sample has no space.
const INSERTIONS: [&str; 10] = ["", "", "", "", "", " ", "\n", "\n\n", " # i\n", "\n# j\n"];

fn respace(text: &str, choices: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut last = 0;
    for (gap, &choice) in gaps(text).iter().zip(choices) {
        out.push_str(&text[last..gap.at]);
        if gap.replaces_space {
            out.push_str(SEPARATORS[choice]);
            last = gap.at + 1;
        } else {
            out.push_str(INSERTIONS[choice]);
            last = gap.at;
        }
    }
    out.push_str(&text[last..]);
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_spacing_and_comments_round_trip(
        choices in proptest::collection::vec(0..SEPARATORS.len(), 2500),
        sample in 0..2usize,
    ) {
        let text = [EVERY_CONSTRUCT, COMMENTS_EVERYWHERE][sample];
        prop_assert!(gaps(text).len() <= choices.len());
        check("respaced sample", &respace(text, &choices));
    }
}
