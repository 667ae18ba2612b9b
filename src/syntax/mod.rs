//! Reading a case file's text into a typed syntax tree.

pub mod ast;
mod errors;
pub mod lexical;
mod parser;

pub use lexical::Comment;
pub use parser::MAX_EXPRESSION_DEPTH;

use crate::diagnostic::Diagnostic;
use crate::source::FileId;

/// The result of parsing one file.
#[derive(Debug)]
pub struct Parsed {
    /// The tree, when the file follows the grammar.
    pub tree: Option<ast::File>,
    /// Every `#` comment, for `fmt`.
    pub comments: Vec<Comment>,
    /// Syntax problems: at most one grammar error, plus problems inside
    /// literals (escapes, number sizes, expression depth).
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses the text of one file.
pub fn parse(file: FileId, text: &str) -> Parsed {
    let scan = lexical::scan(file, text);
    if !scan.diagnostics.is_empty() {
        return Parsed { tree: None, comments: scan.comments, diagnostics: scan.diagnostics };
    }
    match parser::parse_file(file, text, &scan.comments) {
        Ok((tree, diagnostics)) => Parsed { tree: Some(tree), comments: scan.comments, diagnostics },
        Err(diagnostic) => Parsed { tree: None, comments: scan.comments, diagnostics: vec![diagnostic] },
    }
}

#[cfg(test)]
mod tests;
