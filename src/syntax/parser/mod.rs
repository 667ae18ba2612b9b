//! Building the typed syntax tree from pest's parse; the only module that sees `Pair<Rule>`.
//!
//! Each builder asserts the rule it is given and unpacks the children it
//! expects in order; keyword tokens (`kw_*`) carry no value and are skipped.

mod declarations;
mod expectations;
mod expr;
mod leaves;
mod rules;
mod shocks;
mod variants;

use pest::iterators::{Pair, Pairs};
use pest::Parser as _;
use std::sync::OnceLock;

use super::ast::*;
use super::lexical::Comment;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/covenant.pest"]
pub(super) struct Grammar;

/// How deep an expression tree may grow once built; a long chain such as
/// `1 + 1 + … + 1` is as deep as it has terms.
pub const MAX_EXPRESSION_DEPTH: u32 = 200;

/// Parses a whole file into its syntax tree, or reports why it cannot.
///
/// The file is read up to 64 items at a time (`next_items`, then
/// `file_end`), which accepts exactly what `file` accepts, so that pest's
/// token queue — two tokens of 40 bytes for every keyword, name and number,
/// some 18 times the text it covers — is held for those items rather than
/// for the whole file; reading them in groups rather than one by one
/// spreads the cost of starting a parse. A file that does not parse is
/// parsed again whole, and its error comes from that parse as before.
pub(super) fn parse_file(
    file: FileId,
    text: &str,
    comments: &[Comment],
) -> Result<(File, Vec<Diagnostic>), Diagnostic> {
    let mut builder = Builder { file, text, offset: 0, comments, diagnostics: Vec::new() };
    let mut items = Vec::new();
    let mut at = 0;
    loop {
        let rest = &text[at..];
        if let Ok(pairs) = Grammar::parse(Rule::next_items, rest) {
            builder.offset = at;
            let mut end = at;
            for pair in pairs {
                end = at + pair.as_span().end();
                items.push(builder.item(pair));
            }
            at = end;
        } else if Grammar::parse(Rule::file_end, rest).is_ok() {
            let span = builder.trimmed(0, text.len());
            return Ok((File { items, span }, builder.diagnostics));
        } else {
            return parse_whole(file, text, comments);
        }
    }
}

/// Parses a whole file in one pass: the parse whose errors are reported.
pub(super) fn parse_whole(
    file: FileId,
    text: &str,
    comments: &[Comment],
) -> Result<(File, Vec<Diagnostic>), Diagnostic> {
    let mut pairs = match Grammar::parse(Rule::file, text) {
        Ok(pairs) => pairs,
        Err(error) => {
            let error = detailed(text).unwrap_or(error);
            let error = super::errors::misspelt_keyword(text, &error, detailed).unwrap_or(error);
            return Err(super::errors::rewrite(file, text, comments, error));
        }
    };
    let mut builder = Builder { file, text, offset: 0, comments, diagnostics: Vec::new() };
    let tree = builder.file(pairs.next().expect("the grammar yields one file"));
    Ok((tree, builder.diagnostics))
}

/// Parses a text known to be wrong again, this time with pest's detailed
/// attempts, which cost too much to collect on every parse. The setting is
/// process-wide; a parse on another thread at the same moment only runs
/// slower, and its own error, if any, is rewritten with less detail.
fn detailed(text: &str) -> Option<pest::error::Error<Rule>> {
    pest::set_error_detail(true);
    let result = Grammar::parse(Rule::file, text);
    pest::set_error_detail(false);
    result.err()
}

fn is_keyword(kind: Rule) -> bool {
    static KEYWORDS: OnceLock<Vec<bool>> = OnceLock::new();
    let table = KEYWORDS.get_or_init(|| {
        let mut table = vec![false; Rule::all_rules().len() + 1];
        for r in Rule::all_rules() {
            table[*r as usize] = format!("{r:?}").starts_with("kw_");
        }
        table
    });
    table[kind as usize]
}

/// The value-carrying children of a pair, keywords skipped.
struct Children<'i> {
    pairs: std::iter::Peekable<Pairs<'i, Rule>>,
}

impl<'i> Children<'i> {
    fn of(pair: Pair<'i, Rule>) -> Children<'i> {
        Children { pairs: pair.into_inner().peekable() }
    }

    fn skip_keywords(&mut self) {
        while self.pairs.peek().is_some_and(|p| is_keyword(p.as_rule())) {
            self.pairs.next();
        }
    }

    fn next(&mut self) -> Option<Pair<'i, Rule>> {
        self.skip_keywords();
        self.pairs.next()
    }

    fn peek(&mut self) -> Option<Rule> {
        self.skip_keywords();
        self.pairs.peek().map(|p| p.as_rule())
    }

    fn expect(&mut self, kind: Rule) -> Pair<'i, Rule> {
        let pair = self.next().unwrap_or_else(|| panic!("grammar guarantees a {kind:?}"));
        assert_eq!(pair.as_rule(), kind, "grammar guarantees a {kind:?}");
        pair
    }

    fn optional(&mut self, kind: Rule) -> Option<Pair<'i, Rule>> {
        if self.peek() == Some(kind) {
            self.next()
        } else {
            None
        }
    }

    fn rest(mut self) -> impl Iterator<Item = Pair<'i, Rule>> {
        std::iter::from_fn(move || self.next())
    }
}

struct Builder<'t> {
    file: FileId,
    /// The whole file's text.
    text: &'t str,
    /// Where in `text` the text pest parsed begins: pairs count from there.
    offset: usize,
    /// The file's comments in order, to trim them off the ends of spans.
    comments: &'t [Comment],
    diagnostics: Vec<Diagnostic>,
}

impl Builder<'_> {
    /// The span of a pair without the whitespace and comments pest skips
    /// after a rule's last token (`a ~ b*` consumes the space before a `b`
    /// that never comes), so spans end where the text does.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        self.trimmed(self.offset + s.start(), self.offset + s.end())
    }

    /// The span from byte `start` to byte `end` of the file, less the
    /// whitespace and comments at its end.
    fn trimmed(&self, start: usize, mut end: usize) -> Span {
        let bytes = self.text.as_bytes();
        loop {
            if end > start && bytes[end - 1].is_ascii_whitespace() {
                end -= 1;
                continue;
            }
            let comment = self.comments.partition_point(|c| (c.span.end as usize) < end);
            match self.comments.get(comment) {
                Some(c) if c.span.end as usize == end && c.span.start as usize >= start => end = c.span.start as usize,
                _ => break,
            }
        }
        Span::new(self.file, start, end)
    }

    fn spanned<T>(&self, pair: &Pair<'_, Rule>, node: T) -> Spanned<T> {
        Spanned { node, span: self.span(pair) }
    }

    fn file(&mut self, pair: Pair<'_, Rule>) -> File {
        assert_eq!(pair.as_rule(), Rule::file);
        let span = self.span(&pair);
        let items =
            pair.into_inner().filter(|child| child.as_rule() != Rule::EOI).map(|child| self.item(child)).collect();
        File { items, span }
    }

    fn item(&mut self, pair: Pair<'_, Rule>) -> Item {
        match pair.as_rule() {
            Rule::scenario => Item::Scenario(Box::new(self.scenario(pair))),
            Rule::include => Item::Include(Box::new(self.include(pair))),
            Rule::allow => Item::Allow(Box::new(self.allow(pair))),
            Rule::power => Item::Power(Box::new(self.power(pair))),
            Rule::relation => Item::Relation(Box::new(self.relation(pair))),
            Rule::norm => Item::Norm(Box::new(self.norm(pair))),
            Rule::commitment => Item::Commitment(Box::new(self.commitment(pair))),
            Rule::shock => Item::Shock(Box::new(self.shock(pair))),
            Rule::rule_declaration => Item::Rule(Box::new(self.rule(pair))),
            Rule::variant => Item::Variant(Box::new(self.variant(pair))),
            Rule::expect => Item::Expect(Box::new(self.expect(pair))),
            Rule::model_block => Item::Model(Box::new(self.model_block(pair))),
            other => unreachable!("not a top-level item: {other:?}"),
        }
    }
}
