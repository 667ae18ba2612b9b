//! Rendering diagnostics as miette reports, plain `file:line:col` lines, or JSON lines.
//!
//! This is the only place that knows how a diagnostic looks; the checker
//! produces data and the CLI picks a format.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Sources, Span};

/// The width graphical reports wrap at, fixed so that output does not
/// depend on the terminal it was produced on.
pub const REPORT_WIDTH: usize = 100;

/// Renders one diagnostic as a miette graphical report, with colour or without.
pub fn graphical(diagnostic: &Diagnostic, sources: &Sources, colour: bool) -> String {
    let theme = if colour { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(REPORT_WIDTH).with_links(false);
    let report = Report::build(diagnostic, sources);
    let mut out = String::new();
    handler.render_report(&mut out, &report).expect("writing to a String cannot fail");
    out
}

/// Renders one diagnostic as plain lines: `path:line:col: error[C010]: message`,
/// then the other places involved and the help.
pub fn plain(diagnostic: &Diagnostic, sources: &Sources) -> String {
    let mut out = format!(
        "{}: {}[{}]: {}\n",
        location(diagnostic.primary.span, sources),
        severity_word(diagnostic.severity()),
        diagnostic.code.id(),
        diagnostic.message
    );
    if !diagnostic.primary.message.is_empty() {
        out.push_str(&format!("  {}: {}\n", location(diagnostic.primary.span, sources), diagnostic.primary.message));
    }
    for label in &diagnostic.secondary {
        out.push_str(&format!("  {}: note: {}\n", location(label.span, sources), label.message));
    }
    out.push_str(&format!("  help: {}\n", diagnostic.help));
    out
}

/// Renders one diagnostic as one line of JSON (no trailing newline).
pub fn json(diagnostic: &Diagnostic, sources: &Sources) -> String {
    let record = JsonDiagnostic {
        code: diagnostic.code.id(),
        name: diagnostic.code.name(),
        severity: severity_word(diagnostic.severity()),
        message: &diagnostic.message,
        primary: JsonLabel::new(diagnostic.primary.span, &diagnostic.primary.message, sources),
        secondary: diagnostic.secondary.iter().map(|l| JsonLabel::new(l.span, &l.message, sources)).collect(),
        help: &diagnostic.help,
    };
    serde_json::to_string(&record).expect("diagnostics serialize")
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn location(span: Span, sources: &Sources) -> String {
    let (line, column) = sources.line_column(span.file, span.start);
    format!("{}:{line}:{column}", sources.file(span.file).path.display())
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    primary: JsonLabel<'a>,
    secondary: Vec<JsonLabel<'a>>,
    help: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: String,
    line: usize,
    column: usize,
    /// Byte offsets into the file, end exclusive.
    start: u32,
    end: u32,
    label: &'a str,
}

impl<'a> JsonLabel<'a> {
    fn new(span: Span, label: &'a str, sources: &Sources) -> JsonLabel<'a> {
        let (line, column) = sources.line_column(span.file, span.start);
        JsonLabel {
            file: sources.file(span.file).path.display().to_string(),
            line,
            column,
            start: span.start,
            end: span.end,
            label,
        }
    }
}

/// A diagnostic in the shape miette renders: labels in the primary file,
/// and labels in other files as related reports pointing there.
#[derive(Debug)]
struct Report {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: Quoted,
    related: Vec<Report>,
}

impl Report {
    fn build(diagnostic: &Diagnostic, sources: &Sources) -> Report {
        let file = diagnostic.primary.span.file;
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(diagnostic.primary.message.clone()),
            source_span(diagnostic.primary.span),
        )];
        let mut related = Vec::new();
        for label in &diagnostic.secondary {
            if label.span.file == file {
                labels.push(LabeledSpan::new_with_span(Some(label.message.clone()), source_span(label.span)));
            } else {
                related.push(Report {
                    message: label.message.clone(),
                    code: None,
                    severity: miette::Severity::Advice,
                    help: None,
                    labels: vec![LabeledSpan::new_with_span(Some(label.message.clone()), source_span(label.span))],
                    source: Quoted::around(sources.file(label.span.file), [label.span]),
                    related: Vec::new(),
                });
            }
        }
        Report {
            message: diagnostic.message.clone(),
            code: Some(format!(
                "{}[{}] {}",
                severity_word(diagnostic.severity()),
                diagnostic.code.id(),
                diagnostic.code.name()
            )),
            severity: match diagnostic.severity() {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            },
            help: Some(diagnostic.help.clone()),
            labels,
            source: Quoted::around(
                sources.file(file),
                std::iter::once(diagnostic.primary.span)
                    .chain(diagnostic.secondary.iter().map(|l| l.span).filter(|s| s.file == file)),
            ),
            related,
        }
    }
}

fn source_span(span: Span) -> SourceSpan {
    SourceSpan::new((span.start as usize).into(), span.len())
}

/// The lines of a file that a report quotes: a few around each label,
/// copied as [`printable`] text. Only they are copied and scanned, so a
/// report costs the same in a file of ten lines and in one of 16 MiB, and
/// reporting every diagnostic of a large file is not quadratic.
#[derive(Debug)]
pub(crate) struct Quoted {
    name: String,
    /// Stretches of whole lines, in order, none touching another.
    stretches: Vec<Stretch>,
}

/// Whole lines of a file from byte `offset`, which begins line `first_line` (from 0).
#[derive(Debug)]
struct Stretch {
    offset: usize,
    first_line: usize,
    text: String,
}

/// Lines quoted on either side of a label: more than the report's context
/// (one line), so that every span miette asks for lies within a stretch.
const MARGIN: usize = 3;

impl Quoted {
    /// The lines around each of `spans`, all in `file`.
    pub(crate) fn around(file: &SourceFile, spans: impl IntoIterator<Item = Span>) -> Quoted {
        let last_line = file.lines() - 1;
        let mut lines: Vec<(usize, usize)> = spans
            .into_iter()
            .map(|s| (file.line_of(s.start).saturating_sub(MARGIN), (file.line_of(s.end) + MARGIN).min(last_line)))
            .collect();
        lines.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(lines.len());
        for (first, last) in lines {
            match merged.last_mut() {
                Some((_, end)) if first <= *end + 1 => *end = (*end).max(last),
                _ => merged.push((first, last)),
            }
        }
        let stretches = merged
            .into_iter()
            .map(|(first, last)| {
                let range = file.line_range(first, last);
                Stretch { offset: range.start, first_line: first, text: printable(&file.text[range]) }
            })
            .collect();
        Quoted { name: file.path.display().to_string(), stretches }
    }
}

impl SourceCode for Quoted {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        let stretch = self
            .stretches
            .iter()
            .find(|s| s.offset <= start && end <= s.offset + s.text.len())
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new((start - stretch.offset).into(), span.len());
        let contents = stretch.text.read_span(&local, context_lines_before, context_lines_after)?;
        let found = contents.span();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new((found.offset() + stretch.offset).into(), found.len()),
            contents.line() + stretch.first_line,
            contents.column(),
            // miette's own reading of a whole text counts here every line
            // break from the text's start, and decides by it whether two
            // labels share one excerpt; counted from the file's start, the
            // excerpts are the ones it would draw from the whole file.
            contents.line_count() + stretch.first_line,
        )))
    }
}

/// The text with every character that would act unseen on a terminal
/// (`super::acts_unseen`: controls, invisible and bidirectional formatting)
/// shown as `?`, one for each of its bytes, so that quoting a binary or
/// hostile file can neither drive the terminal nor reorder the lines quoted,
/// and spans still index the same places.
pub(crate) fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if super::acts_unseen(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
    }
}
