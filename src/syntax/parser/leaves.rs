//! The leaves of the tree: names, numbers, years, strings, citations and assignment operators.

use pest::iterators::Pair;
use unicode_normalization::UnicodeNormalization;

use super::{Builder, Children, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::*;

impl Builder<'_> {
    /// A name as Unicode's canonical composition (NFC) writes it, so that
    /// `Österreich` typed with a combining diaeresis is the same name as
    /// `Österreich` typed with its precomposed letter.
    pub(super) fn ident(&self, pair: Pair<'_, Rule>) -> Ident {
        assert!(matches!(pair.as_rule(), Rule::name | Rule::field | Rule::lint_name));
        let text = pair.as_str();
        let text = if unicode_normalization::is_nfc(text) { text.to_string() } else { text.nfc().collect() };
        Ident { text, span: self.span(&pair) }
    }

    pub(super) fn number(&mut self, pair: Pair<'_, Rule>) -> Number {
        assert!(matches!(pair.as_rule(), Rule::number | Rule::numeral));
        let span = self.span(&pair);
        let raw = pair.as_str().to_string();
        let value = match raw.parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                self.diagnostics.push(Diagnostic::new(
                    Code::NumberTooLarge,
                    format!("number `{raw}` is too large"),
                    span,
                    "not a finite number",
                    "write a number such as `0.25`; shares, probabilities and strengths lie between 0 and 1",
                ));
                0.0
            }
        };
        Number { value, raw, span }
    }

    pub(super) fn year(&mut self, pair: Pair<'_, Rule>) -> Year {
        assert_eq!(pair.as_rule(), Rule::year);
        let span = self.span(&pair);
        let value = match pair.as_str().parse::<i32>() {
            Ok(v) if v <= 100_000 => v,
            _ => {
                self.diagnostics.push(Diagnostic::new(
                    Code::NumberTooLarge,
                    format!("year `{}` is too large", pair.as_str()),
                    span,
                    "not a calendar year",
                    "write a year such as `1815`",
                ));
                0
            }
        };
        Year { value, span }
    }

    pub(super) fn year_range(&mut self, pair: Pair<'_, Rule>) -> YearRange {
        assert_eq!(pair.as_rule(), Rule::year_range);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let start = self.year(c.expect(Rule::year));
        let end = self.year(c.expect(Rule::year));
        YearRange { start, end, span }
    }

    pub(super) fn text(&mut self, pair: Pair<'_, Rule>) -> Text {
        assert_eq!(pair.as_rule(), Rule::string);
        let span = self.span(&pair);
        let inner = Children::of(pair).expect(Rule::string_inner);
        let body_start = self.offset + inner.as_span().start();
        let raw = inner.as_str();
        let mut value = String::with_capacity(raw.len());
        let mut chars = raw.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                value.push(c);
                continue;
            }
            match chars.next() {
                Some((_, '"')) => value.push('"'),
                Some((_, '\\')) => value.push('\\'),
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((j, other)) => {
                    let at = body_start + i;
                    self.diagnostics.push(Diagnostic::new(
                        Code::InvalidEscape,
                        if other.is_whitespace() || other.is_control() {
                            "a backslash before a line break or space is not an escape".to_string()
                        } else {
                            format!("unknown escape `\\{other}` in a string")
                        },
                        Span::new(self.file, at, body_start + j + other.len_utf8()),
                        "not an escape Covenant knows",
                        "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash, and type any other character, such as `–`, as it is",
                    ));
                    value.push(other);
                }
                None => value.push('\\'),
            }
        }
        Text { value, span }
    }

    pub(super) fn cite(&mut self, pair: Pair<'_, Rule>) -> Cite {
        assert_eq!(pair.as_rule(), Rule::cite);
        let mut c = Children::of(pair);
        let source = self.ident(c.expect(Rule::name));
        let locator = c.optional(Rule::string).map(|p| self.text(p));
        Cite { source, locator }
    }

    pub(super) fn names(&self, c: Children<'_>) -> Vec<Ident> {
        c.rest().map(|p| self.ident(p)).collect()
    }

    pub(super) fn assign_op(&self, pair: Pair<'_, Rule>) -> AssignOp {
        assert_eq!(pair.as_rule(), Rule::assign_op);
        match pair.as_str() {
            "+=" => AssignOp::Add,
            "-=" => AssignOp::Subtract,
            _ => AssignOp::Set,
        }
    }
}
