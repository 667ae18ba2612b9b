//! Where and how output is printed: standard output through one writer, diagnostics by the format flag, terminals and colour.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use covenant::diagnostic::Diagnostics;
use covenant::report::diagnostics as render;
use covenant::source::Sources;

use super::error::{CliError, Exit};

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
pub fn print_diagnostics(diagnostics: &Diagnostics, sources: &Sources, format: ErrorFormat) -> Result<(), CliError> {
    let stderr = std::io::stderr();
    let terminal = stderr.is_terminal();
    let colour = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let format = match format {
        ErrorFormat::Auto if terminal => ErrorFormat::Human,
        ErrorFormat::Auto => ErrorFormat::Plain,
        other => other,
    };
    if format == ErrorFormat::Json {
        let mut lines = String::new();
        for diagnostic in diagnostics.iter() {
            lines.push_str(&render::json(diagnostic, sources));
            lines.push('\n');
        }
        return print(lines.as_bytes());
    }
    for diagnostic in diagnostics.iter() {
        let mut text = match format {
            ErrorFormat::Human => render::graphical(diagnostic, sources, colour),
            _ => render::plain(diagnostic, sources),
        };
        if format == ErrorFormat::Human {
            text.push('\n');
        }
        // Standard error is taken for one diagnostic at a time, not for
        // the whole list, so an interrupt can always say so and stop.
        let _ = stderr.lock().write_all(text.as_bytes());
    }
    Ok(())
}

/// Writes a line to standard error that is no error: a file's verdict
/// (`case.cov: ok`), what a command made. A closed or full standard error
/// can be reported nowhere, so its failure is let go.
pub fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Writes the command's output to standard output: the one way anything
/// reaches it. A reader that stopped early (`| head`) ends the program
/// quietly with success, as other Unix tools end, the rest unwritten; any
/// other failure (a full disk) is the error, exit status 2.
pub fn print(bytes: &[u8]) -> Result<(), CliError> {
    print_streamed(|out| out.write_all(bytes))
}

/// Writes to standard output what `write` writes a piece at a time, as
/// [`print`] writes its bytes: a closed pipe ends the program quietly, any
/// other failure is the error (exit status 2).
pub fn print_streamed(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), CliError> {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(i32::from(Exit::Ok.code())),
        Err(error) => Err(CliError::usage(format!("cannot write to standard output: {error}"))),
    }
}
