//! The canonical layout of a case file, printed back with every comment in place.
//!
//! The layout `covenant fmt` writes keeps the author's lines, as gofmt does:
//! it respaces within a line and indents, and moves no item to another line,
//! so that line numbers quoted from a case survive `fmt --write`. (An
//! expression the author split over several lines is the exception: it is
//! joined onto one, and the lines after it move up.)
//!
//! - Declarations in source order. A blank line the author left between two
//!   is kept (several become one) and none is added; consecutive `include`
//!   lines, and consecutive `allow` lines, stay together.
//! - A block written on one line stays on one line, `relation A B { trust 0.6 }`,
//!   its items two spaces apart. A block on several lines is `power Britain {`,
//!   its items two spaces deeper, then `}`; an item the author began on the
//!   `{` line stays there, and so does a `}` written after the last item. Items
//!   on one source line stay on one line, two spaces apart. A block with neither
//!   items nor comments is `power Britain {}`.
//! - A `cite` written on the line of the item it supports stays there, as the
//!   line's tail; so does a trailing comment. The tails of a group of lines —
//!   the lines between two blank lines or own-line comments — start in one
//!   column, two spaces after the longest line of the group that has a tail.
//! - Lists are written `members A, B, C`; binary operators have one space on
//!   each side; parentheses stay exactly where the user wrote them; numbers,
//!   years and string literals keep the user's spelling (except that a CRLF
//!   line break inside a string becomes LF).
//! - A rule is `once`, `when …`, then `then stmt`; several statements begun on
//!   the `then` line line up under the first, and after a `then` alone each
//!   goes one level deeper; then its cites.
//! - An own-line comment stays on its own line, indented like the item it
//!   precedes; a comment after the last item of a block stays above the `}`.
//!   One that trailed a token inside a line (a split expression) moves above
//!   that line.
//! - One blank line the user left between items or comments inside a block is
//!   kept; more collapse to one.
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
    /// Where the last printed line's content ended in the source, before
    /// any comment trailing it: a `cite` that starts on that source line
    /// belongs on that line.
    last_content_end: usize,
    /// Where in `out` each line's tail begins — an inline `cite` or a
    /// trailing comment — so that `finish` can align the tails of a group.
    tails: Vec<usize>,
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
            last_content_end: 0,
            tails: Vec::new(),
        }
    }

    fn finish(mut self) -> String {
        self.depth = 0;
        self.flush_comments(usize::MAX);
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.align_tails();
        self.out
    }

    /// Aligns the tails of each group of lines, as gofmt aligns trailing
    /// comments: a group is the lines between two blank lines or own-line
    /// comments, and its tails start two spaces after the longest of its
    /// lines that has one. Lines without a tail do not break a group, so a
    /// block whose cites line up in one column keeps them there.
    fn align_tails(&mut self) {
        if self.tails.is_empty() {
            return;
        }
        let out = &self.out;
        let width = |tail: usize| {
            let start = out[..tail].rfind('\n').map_or(0, |n| n + 1);
            out[start..tail].chars().count()
        };
        let apart = |from: usize, to: usize| {
            // The lines wholly between two tails' lines: a blank one or an
            // own-line comment sets the second tail's line in a new group.
            let after = out[from..].find('\n').map_or(out.len(), |n| from + n);
            let before = out[..to].rfind('\n').unwrap_or(0);
            after < before
                && out[after..before]
                    .split('\n')
                    .skip(1)
                    .any(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        };
        let widths: Vec<usize> = self.tails.iter().map(|&tail| width(tail)).collect();
        let mut columns = Vec::with_capacity(self.tails.len());
        let mut group_start = 0;
        for i in 0..=self.tails.len() {
            let ends = i == self.tails.len() || (i > 0 && apart(self.tails[i - 1], self.tails[i]));
            if ends && i > group_start {
                let column = widths[group_start..i].iter().max().unwrap_or(&0) + 2;
                columns.extend(std::iter::repeat_n(column, i - group_start));
                group_start = i;
            }
        }
        let mut aligned = String::with_capacity(out.len() + self.tails.len() * 8);
        let mut copied = 0;
        for ((&tail, &column), &width) in self.tails.iter().zip(&columns).zip(&widths) {
            aligned.push_str(&out[copied..tail]);
            aligned.extend(std::iter::repeat_n(' ', column - width));
            copied = tail;
        }
        aligned.push_str(&out[copied..]);
        self.out = aligned;
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
        // The block ends at its `}`: pest lets the span run on over the
        // blank lines after it, which must stay for the next declaration.
        let end = self.content_end(span.end as usize);
        if empty && !self.comment_between(brace, end) {
            self.line(&format!("{header} {{}}"), span);
            return;
        }
        if self.on_one_line(brace, end) {
            // The comments before the `{` go above the block's line.
            self.flush_comments(brace);
            let items = self.one_line(brace, body);
            self.line(&format!("{header} {{ {items} }}"), span);
            return;
        }
        let opening = Span { end: (brace + 1) as u32, ..span };
        self.line(&format!("{header} {{"), opening);
        let header_line = self.out[..self.out.len() - 1].rfind('\n').map_or(0, |n| n + 1);
        self.at_start = true;
        self.nested(|p| {
            body(p);
            // Comments after the last item belong inside the block, above the `}`.
            p.flush_comments(end);
        });
        // A `}` the author wrote after the last item stays on its line.
        if self.on_the_last_line(end.saturating_sub(1)) && !self.out.ends_with("{\n") {
            self.out.pop();
            if !self.out[header_line..].contains('\n') {
                // The whole block came out on one line: its items stand two
                // spaces apart, as in a block written on one line.
                self.untail_from(header_line);
            }
            self.finish_line(" }", end);
        } else {
            self.emit("}", end);
        }
    }

    /// Whether the block from its `{` at `brace` to `end` lies on one
    /// source line with no comment in it: the author wrote it as one line
    /// (`relation A B { trust 0.3 }`), and it stays one, as gofmt keeps a
    /// one-line function.
    fn on_one_line(&self, brace: usize, end: usize) -> bool {
        self.on_one_source_line(brace, end) && !self.comment_between(brace, end)
    }

    /// The items `body` prints, on one line, two spaces apart; `brace` is
    /// where the block's `{` stands in the source.
    fn one_line(&mut self, brace: usize, body: impl FnOnce(&mut Self)) -> String {
        let (last_end, last_content_end, at_start, depth) =
            (self.last_end, self.last_content_end, self.at_start, self.depth);
        // The items are printed after a `{` line of their own, which they
        // join as they joined the `{` in the source, and are then taken back.
        let start = self.out.len();
        self.out.push_str("{\n");
        (self.depth, self.at_start, self.last_end, self.last_content_end) = (0, true, brace + 1, brace + 1);
        body(self);
        // The block's own line comes next, placed as if its items had not been printed.
        (self.depth, self.last_end, self.last_content_end, self.at_start) =
            (depth, last_end, last_content_end, at_start);
        // An inline cite inside the block is an item like any other here,
        // two spaces after the one before it.
        self.untail_from(start);
        let printed = self.out.split_off(start);
        let printed = printed.strip_prefix('{').unwrap_or(&printed);
        printed.lines().map(str::trim).filter(|item| !item.is_empty()).collect::<Vec<_>>().join("  ")
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
        self.finish_line(content, end);
        self.at_start = false;
    }

    /// Prints one item of a block on its own line — or, where the author
    /// wrote it on the line of the item before, on that line, so that `fmt`
    /// moves no line of the case: a `cite` as the line's tail (aligned with
    /// the tails of its neighbours), anything else two spaces after.
    fn item(&mut self, content: &str, span: Span) {
        // A comment inside the item goes above its line, so the item cannot
        // join a line already begun.
        let end = self.content_end(span.end as usize);
        let joins = self.on_the_last_line(span.start as usize) && !self.comment_between(self.last_content_end, end);
        if !joins {
            self.line(content, span);
        } else if content.starts_with("cite ") {
            self.tail(content, span);
        } else {
            self.out.pop();
            // After a block's `{` one space, as on a line of its own; after an item two.
            self.out.push_str(if self.out.ends_with('{') { " " } else { "  " });
            self.finish_line(content, end);
        }
    }

    /// Whether `start` lies on the source line the last printed line ended
    /// on, with nothing but spaces before it.
    fn on_the_last_line(&self, start: usize) -> bool {
        // A node whose span runs over the next item (pest's spans may) ends
        // where that item starts.
        let (from, to) = (self.last_content_end.min(start), self.last_content_end.max(start));
        self.out.ends_with('\n') && self.text.get(from..to).is_some_and(|gap| !gap.contains('\n') && !gap.contains('#'))
    }

    /// Whether no line break lies between `from` and `to` in the source.
    fn on_one_source_line(&self, from: usize, to: usize) -> bool {
        self.text.get(from..to).is_some_and(|gap| !gap.contains('\n'))
    }

    /// Appends `content` (a `cite`) to the last printed line as its tail.
    fn tail(&mut self, content: &str, span: Span) {
        let end = self.content_end(span.end as usize);
        self.out.pop();
        if self.tail_on_the_last_line() {
            self.out.push(' ');
        } else {
            self.tails.push(self.out.len());
        }
        self.finish_line(content, end);
    }

    /// Ends the line being printed with `content`, whose source ends at
    /// `end`, and the comment that trails it there.
    fn finish_line(&mut self, content: &str, end: usize) {
        self.out.push_str(content);
        self.trailing_comment(end);
        self.out.push('\n');
    }

    /// Turns the tails from `start` on into items two spaces apart.
    fn untail_from(&mut self, start: usize) {
        while let Some(&tail) = self.tails.last().filter(|&&tail| tail >= start) {
            self.tails.pop();
            self.out.insert_str(tail, "  ");
        }
    }

    /// Whether the line being printed already has a tail.
    fn tail_on_the_last_line(&self) -> bool {
        let line_start = self.out.rfind('\n').map_or(0, |n| n + 1);
        self.tails.last().is_some_and(|&tail| tail >= line_start)
    }

    /// Notes that the line's content ended at `end` in the source, and
    /// prints the comment that trails it on the same source line, if any.
    fn trailing_comment(&mut self, end: usize) {
        self.last_end = end;
        self.last_content_end = end;
        if let Some(&comment) = self.comments.get(self.next_comment) {
            let gap = self.text.get(end..comment.span.start as usize);
            if gap.is_some_and(|gap| gap.bytes().all(|b| b == b' ' || b == b'\t')) {
                self.next_comment += 1;
                if self.tail_on_the_last_line() {
                    self.out.push_str("  ");
                } else {
                    self.tails.push(self.out.len());
                }
                self.out.push_str(self.comment_text(comment));
                self.last_end = comment.span.end as usize;
            }
        }
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
