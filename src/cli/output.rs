//! Where and how diagnostics are printed: the format flag, terminals and colour.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use covenant::diagnostic::Diagnostics;
use covenant::report::diagnostics as render;
use covenant::source::Sources;

/// How diagnostics are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ErrorFormat {
    /// Graphical on a terminal, plain otherwise.
    Auto,
    /// Graphical reports with the source lines, coloured on a terminal unless `NO_COLOR` is set.
    Human,
    /// One `file:line:col: error[CODE]: message` line per problem, then its notes and help.
    Plain,
    /// One JSON object per line, on standard output.
    Json,
}

/// Prints diagnostics in the chosen format: JSON to standard output (it
/// is the result), everything else to standard error.
pub fn print_diagnostics(diagnostics: &Diagnostics, sources: &Sources, format: ErrorFormat) {
    let stderr = std::io::stderr();
    let terminal = stderr.is_terminal();
    let colour = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let format = match format {
        ErrorFormat::Auto if terminal => ErrorFormat::Human,
        ErrorFormat::Auto => ErrorFormat::Plain,
        other => other,
    };
    if format == ErrorFormat::Json {
        let mut out = std::io::stdout().lock();
        for diagnostic in diagnostics.iter() {
            let _ = writeln!(out, "{}", render::json(diagnostic, sources));
        }
        return;
    }
    let mut err = stderr.lock();
    for diagnostic in diagnostics.iter() {
        let text = match format {
            ErrorFormat::Human => render::graphical(diagnostic, sources, colour),
            _ => render::plain(diagnostic, sources),
        };
        let _ = write!(err, "{text}");
        if format == ErrorFormat::Human {
            let _ = writeln!(err);
        }
    }
}
