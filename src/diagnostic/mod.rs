//! Problems found in a case file, as data: a stable code, spans and help.
//!
//! Nothing here renders; `report::diagnostics` turns these values into
//! miette reports, plain lines or JSON at the edge.

mod codes;

pub use codes::{Code, Severity};

use crate::source::Span;

/// A place in the source and what the diagnostic says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One problem in a case, with everything needed to show and fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    /// Lowercase, no final period, user input in backticks.
    pub message: String,
    /// The place the problem is.
    pub primary: Label,
    /// Other places involved, such as the first declaration of a duplicate.
    pub secondary: Vec<Label>,
    /// What to do about it.
    pub help: String,
}

impl Diagnostic {
    /// A diagnostic with a primary label and help; add secondary labels with
    /// [`Diagnostic::with_label`].
    pub fn new(
        code: Code,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code,
            message: message.into(),
            primary: Label { span, message: label.into() },
            secondary: Vec::new(),
            help: help.into(),
        }
    }

    /// Adds another place involved in the problem.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.secondary.push(Label { span, message: message.into() });
        self
    }

    /// Whether this is an error or a warning.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Whether this diagnostic stops the case from running.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// Every diagnostic a check produced, in the order of the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// The number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// Orders the diagnostics by file and position, errors before warnings at
    /// the same place, so reports read top to bottom.
    pub fn sort(&mut self) {
        self.0.sort_by_key(|d| (d.primary.span.file, d.primary.span.start, d.severity(), d.code));
    }

    /// The diagnostics, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The closest of `candidates` to `word`, if close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.82)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}
