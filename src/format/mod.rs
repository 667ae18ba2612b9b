//! The canonical layout of a case file, printed back with every comment in place.
//!
//! The layout `covenant fmt` writes:
//!
//! - Top-level declarations in source order, one blank line between them, except
//!   that consecutive `include` lines, and consecutive `allow` lines, stay together.
//! - A block is `power Britain {`, one item per line two spaces deeper, then `}`;
//!   a block with neither items nor comments is `power Britain {}`. Items keep
//!   their source order, because comments are attached to positions.
//! - Lists are written `members A, B, C`; binary operators have one space on
//!   each side; parentheses stay exactly where the user wrote them; numbers,
//!   years and string literals keep the user's spelling (except that a CRLF
//!   line break inside a string becomes LF).
//! - A rule is `once`, `when …`, then `then stmt` for one statement, or `then`
//!   alone with the statements one level deeper for several, then its cites.
//! - An own-line comment stays on its own line, indented like the item it
//!   precedes; a comment after the last item of a block stays above the `}`.
//!   A trailing comment stays two spaces after the line it followed; one that
//!   trailed a token inside a line (a split expression) moves above that line.
//! - One blank line the user left between items or comments inside a block (or
//!   around comments between declarations) is kept; more collapse to one.
//! - Lines end in `\n`, without trailing spaces (outside multi-line strings);
//!   the output ends with one `\n`, or is empty when the file is.
//!
//! Lines are never wrapped: a long condition stays on one line.

mod expr;
mod items;
#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::source::Span;
use crate::syntax::ast;
use crate::syntax::Comment;

/// Formats one parsed file in the canonical layout, keeping every comment.
///
/// `text` is the text that `tree` and `comments` were parsed from (without a
/// byte-order mark); their spans index into it.
pub fn format_file(text: &str, tree: &ast::File, comments: &[Comment]) -> String {
    let mut printer = Printer::new(text, comments);
    items::file(&mut printer, tree);
    printer.finish()
}

const INDENT: &str = "  ";

/// The output being built, and how far the source's comments have been placed.
struct Printer<'a> {
    text: &'a str,
    /// Comments in source order; those before `next_comment` are printed.
    comments: Vec<&'a Comment>,
    next_comment: usize,
    out: String,
    /// How many blocks the next line is inside.
    depth: usize,
    /// Where in the source the last printed line or comment ended, so that a
    /// blank line the user left after it can be found.
    last_end: usize,
    /// Right after a `{` or at the top of the file, where no blank line goes.
    at_start: bool,
    /// Whether the next line must follow the previous one without a blank
    /// line whatever the source has (a run of `include` lines).
    join_next: bool,
    /// Source ranges copied verbatim (expressions too deep to build); their
    /// comments are already in the output.
    verbatim: Vec<Range<usize>>,
}

impl<'a> Printer<'a> {
    fn new(text: &'a str, comments: &'a [Comment]) -> Printer<'a> {
        let mut comments: Vec<&Comment> = comments.iter().collect();
        comments.sort_by_key(|c| c.span.start);
        Printer {
            text,
            comments,
            next_comment: 0,
            out: String::with_capacity(text.len() + text.len() / 8),
            depth: 0,
            last_end: 0,
            at_start: true,
            join_next: false,
            verbatim: Vec::new(),
        }
    }

    fn finish(mut self) -> String {
        self.depth = 0;
        self.flush_comments(usize::MAX);
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }

    /// Prints one line for the node at `span`: first every comment that comes
    /// before the node ends, then `content` and the comment trailing the node.
    fn line(&mut self, content: &str, span: Span) {
        let end = self.content_end(span.end as usize);
        self.flush_comments(end);
        if !std::mem::take(&mut self.join_next) {
            self.keep_blank_line(span.start as usize);
        }
        self.emit(content, end);
    }

    /// Prints `header {`, the body one level deeper and `}`; or `header {}` when
    /// the block holds neither items nor comments. The block spans `span`, and
    /// its header ends at `header_end`, before the `{`.
    fn block(&mut self, header: &str, header_end: u32, span: Span, empty: bool, body: impl FnOnce(&mut Self)) {
        let brace = self.open_brace(header_end as usize);
        let end = span.end as usize;
        if empty && !self.comment_between(brace, end) {
            self.line(&format!("{header} {{}}"), span);
            return;
        }
        let opening = Span { end: (brace + 1) as u32, ..span };
        self.line(&format!("{header} {{"), opening);
        self.at_start = true;
        self.nested(|p| {
            body(p);
            // Comments after the last item belong inside the block, above the `}`.
            p.flush_comments(end);
        });
        self.emit("}", end);
    }

    /// Prints `body` one level deeper.
    fn nested(&mut self, body: impl FnOnce(&mut Self)) {
        self.depth += 1;
        body(self);
        self.depth -= 1;
    }

    /// Whether a comment not yet printed starts between `from` and `to`.
    fn comment_between(&self, from: usize, to: usize) -> bool {
        self.comments[self.next_comment..]
            .iter()
            .map(|c| c.span.start as usize)
            .take_while(|&start| start < to)
            .any(|start| start > from)
    }

    /// Prints, each on its own line, the comments that start before `before`.
    fn flush_comments(&mut self, before: usize) {
        while let Some(&comment) = self.comments.get(self.next_comment) {
            let start = comment.span.start as usize;
            if start >= before {
                break;
            }
            self.next_comment += 1;
            if self.verbatim.iter().any(|r| r.contains(&start)) {
                continue;
            }
            self.keep_blank_line(start);
            let text = self.comment_text(comment);
            self.push_indent();
            self.out.push_str(text);
            self.out.push('\n');
            self.last_end = self.last_end.max(comment.span.end as usize);
            self.at_start = false;
        }
    }

    /// Prints `content` as a line, with the comment that trails `end` on the
    /// same source line, if there is one.
    fn emit(&mut self, content: &str, end: usize) {
        self.push_indent();
        self.out.push_str(content);
        self.last_end = end;
        if let Some(&comment) = self.comments.get(self.next_comment) {
            let gap = self.text.get(end..comment.span.start as usize);
            if gap.is_some_and(|gap| gap.bytes().all(|b| b == b' ' || b == b'\t')) {
                self.next_comment += 1;
                self.out.push_str("  ");
                self.out.push_str(self.comment_text(comment));
                self.last_end = comment.span.end as usize;
            }
        }
        self.out.push('\n');
        self.at_start = false;
    }

    /// Prints a blank line if the source has one between the last thing
    /// printed and `start`.
    fn keep_blank_line(&mut self, start: usize) {
        if !self.at_start && self.blank_line_between(self.last_end, start) {
            self.blank_line();
        }
    }

    /// Prints a blank line, unless the output is empty or already ends in one.
    fn blank_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Whether a line holding only whitespace lies wholly between `from` and `to`.
    fn blank_line_between(&self, from: usize, to: usize) -> bool {
        let Some(gap) = self.text.get(from..to) else {
            return false;
        };
        // The first and last pieces are the ends of the lines `from` and `to`
        // sit on; only the pieces between are whole lines.
        let pieces: Vec<&str> = gap.split('\n').collect();
        pieces.len() > 2 && pieces[1..pieces.len() - 1].iter().any(|line| line.trim().is_empty())
    }

    fn push_indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str(INDENT);
        }
    }

    fn comment_text(&self, comment: &Comment) -> &'a str {
        self.text.get(comment.span.range()).unwrap_or("#").trim_end()
    }

    /// Where a node's text really ends, given the end of its span.
    ///
    /// pest lets the span of a rule that ends in `?` or `*` run over the
    /// whitespace and comments after it (`cite k # note` spans the note), so
    /// the end is walked back over them.
    fn content_end(&self, end: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut end = end.min(bytes.len());
        loop {
            while end > 0 && matches!(bytes[end - 1], b' ' | b'\t' | b'\r' | b'\n') {
                end -= 1;
            }
            match self.comments.binary_search_by_key(&end, |c| c.span.end as usize) {
                Ok(i) if (self.comments[i].span.start as usize) < end => end = self.comments[i].span.start as usize,
                _ => return end,
            }
        }
    }

    /// Where the next token at or after `from` starts, past whitespace and comments.
    fn next_token(&self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = from;
        while let Some(&b) = bytes.get(i) {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                b'#' => {
                    i = bytes[i..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| i + p);
                }
                _ => break,
            }
        }
        i
    }

    /// The position of the `{` that follows a block's header.
    fn open_brace(&self, after_header: usize) -> usize {
        let at = self.next_token(after_header);
        if self.text.as_bytes().get(at) == Some(&b'{') {
            at
        } else {
            after_header
        }
    }

    /// The span of `keyword` if it is the next token after `from`.
    fn keyword(&self, from: usize, keyword: &str) -> Option<Range<usize>> {
        let at = self.next_token(from);
        let found = self.text.get(at..).is_some_and(|rest| rest.starts_with(keyword));
        found.then(|| at..at + keyword.len())
    }
}
