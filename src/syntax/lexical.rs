//! A first pass over the raw text: comments, unclosed strings and nesting depth.
//!
//! It runs before pest so that the problems pest reports badly (a string
//! left open swallows the rest of the file) or cannot survive (ten thousand
//! nested parentheses overflow a recursive-descent parser) get a precise
//! diagnostic instead. `fmt` also takes the comments from here.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// The deepest nesting of parentheses a file may use. Real rules stay under
/// five; the limit keeps parsing in bounded stack on any thread.
pub const MAX_NESTING: usize = 32;

/// A `#` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// From the `#` to the end of the line, without the line break.
    pub span: Span,
    /// Whether only whitespace precedes it on its line.
    pub own_line: bool,
}

/// What the first pass found.
#[derive(Debug, Default)]
pub struct Scan {
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Scans `text` for comments, unterminated strings and excessive nesting.
pub fn scan(file: FileId, text: &str) -> Scan {
    let mut scan = Scan::default();
    let bytes = text.as_bytes();
    let mut open_parens: Vec<usize> = Vec::new();
    let mut too_deep_reported = false;
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line_start = i + 1;
                i += 1;
            }
            b'#' => {
                let end = memchr_newline(bytes, i);
                let own_line = text[line_start..i].trim().is_empty();
                let end_trimmed = if end > i && bytes[end - 1] == b'\r' { end - 1 } else { end };
                scan.comments.push(Comment { span: Span::new(file, i, end_trimmed), own_line });
                i = end;
            }
            b'"' => {
                let open = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            scan.diagnostics.push(Diagnostic::new(
                                Code::UnterminatedString,
                                "string is never closed",
                                Span::new(file, open, open + 1),
                                "this string starts here",
                                "add a closing `\"`; to put a quote inside a string, write `\\\"`",
                            ));
                            return scan;
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(b'\n') => {
                            line_start = i + 1;
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            b'(' => {
                open_parens.push(i);
                if open_parens.len() > MAX_NESTING && !too_deep_reported {
                    too_deep_reported = true;
                    scan.diagnostics.push(Diagnostic::new(
                        Code::NestingTooDeep,
                        format!("parentheses nested more than {MAX_NESTING} deep"),
                        Span::new(file, i, i + 1),
                        format!("this is level {}", open_parens.len()),
                        "split the expression into smaller rules, or remove redundant parentheses",
                    ));
                }
                i += 1;
            }
            b')' => {
                open_parens.pop();
                i += 1;
            }
            _ => i += 1,
        }
    }
    scan
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_know_whether_they_stand_alone() {
        let text = "# head\npower A { capability 0.1 } # tail\r\n";
        let scan = scan(FileId(0), text);
        let found: Vec<_> = scan.comments.iter().map(|c| (&text[c.span.range()], c.own_line)).collect();
        assert_eq!(found, vec![("# head", true), ("# tail", false)]);
    }

    #[test]
    fn a_hash_inside_a_string_is_not_a_comment() {
        let scan = scan(FileId(0), "norm n { \"no # here\" }");
        assert!(scan.comments.is_empty());
    }

    #[test]
    fn an_open_string_points_at_its_opening_quote() {
        let scan = scan(FileId(0), "norm n {\n  \"never closed\n}\n");
        assert_eq!(scan.diagnostics.len(), 1);
        assert_eq!(scan.diagnostics[0].code, Code::UnterminatedString);
        assert_eq!(scan.diagnostics[0].primary.span.range(), 11..12);
    }

    #[test]
    fn deep_nesting_is_reported_once_at_the_first_paren_too_many() {
        let text = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
        let scan = scan(FileId(0), &text);
        assert_eq!(scan.diagnostics.len(), 1);
        assert_eq!(scan.diagnostics[0].code, Code::NestingTooDeep);
        assert_eq!(scan.diagnostics[0].primary.span.start as usize, MAX_NESTING);
    }
}
