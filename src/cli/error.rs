//! The command's exit status and its errors, each printed by one function in the format the command was asked for.

use std::process::{ExitCode, Termination};

use covenant::diagnostic::Code;

use super::output::ErrorFormat;

/// How the command ended, as its exit status.
///
/// The statuses are those every command's `--help` gives: ordered from the
/// best to the worst, so that a command over several files ends with the
/// worst any of them gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: done, and the case checked clean (warnings allowed).
    Ok,
    /// 1: the case has errors, a run divided by zero, or a test or format check failed.
    Failed,
    /// 2: bad usage, or a file that cannot be read or written.
    Usage,
    /// 130 (128 + SIGINT): stopped by an interrupt.
    Interrupted,
}

impl Exit {
    /// The status as the process gives it.
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Failed => 1,
            Exit::Usage => 2,
            Exit::Interrupted => 130,
        }
    }
}

impl Termination for Exit {
    fn report(self) -> ExitCode {
        ExitCode::from(self.code())
    }
}

/// What kind of failure an error is: its exit status and the form of its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The closing line of a failure whose diagnostics were shown first
    /// (`case.cov: not run, it has errors`), or of a failed format check;
    /// exit 1. Printed as it is, in every format, since the diagnostics
    /// before it carry the detail.
    Failed,
    /// Bad usage, or a file that cannot be read or written: `error: …`
    /// with its help, or one JSON line; exit 2.
    Usage,
    /// An interrupt, said in one word as the command stops; exit 130.
    Interrupted,
}

impl Kind {
    /// The exit status of a command that ends with this error.
    pub fn exit(self) -> Exit {
        match self {
            Kind::Failed => Exit::Failed,
            Kind::Usage => Exit::Usage,
            Kind::Interrupted => Exit::Interrupted,
        }
    }
}

/// A failure of the command itself, apart from the diagnostics of a case:
/// what went wrong, in the user's words, and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    /// The exit status it gives and the form of its line.
    pub kind: Kind,
    /// A stable code for the refusals a script may tell apart (`U001`, docs/output.md).
    pub code: Option<Code>,
    /// The error, lowercase with no final period; empty for a failure its diagnostics said all of.
    pub message: String,
    /// What to do instead, when there is something to say.
    pub help: Option<String>,
    /// Further errors found with this one, printed after it (every `--set` refused).
    pub related: Vec<CliError>,
}

impl CliError {
    /// Bad usage, or a file that cannot be read or written (exit 2).
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError { kind: Kind::Usage, code: None, message: message.into(), help: None, related: Vec::new() }
    }

    /// A refusal of the command line with its stable code (exit 2).
    pub fn refusal(code: Code, message: impl Into<String>, help: impl Into<String>) -> CliError {
        CliError::usage(message).coded(code).with_help(help)
    }

    /// A failure closed by `line` after its diagnostics (exit 1).
    pub fn failed(line: impl Into<String>) -> CliError {
        CliError { kind: Kind::Failed, ..CliError::usage(line) }
    }

    /// A failure its diagnostics, shown already, said all of (exit 1): no line is added.
    pub fn shown() -> CliError {
        CliError::failed(String::new())
    }

    /// The command stopped by an interrupt (exit 130).
    pub fn interrupted() -> CliError {
        CliError { kind: Kind::Interrupted, ..CliError::usage("interrupted") }
    }

    /// `error: cannot read `PATH`: REASON`.
    pub fn cannot_read(path: &std::path::Path, reason: impl std::fmt::Display) -> CliError {
        CliError::usage(format!("cannot read `{}`: {reason}", path.display()))
    }

    /// `error: cannot write `PATH`: REASON`.
    pub fn cannot_write(path: &std::path::Path, reason: impl std::fmt::Display) -> CliError {
        CliError::usage(format!("cannot write `{}`: {reason}", path.display()))
    }

    /// The same error with a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> CliError {
        self.help = Some(help.into());
        self
    }

    /// The same error with a stable code.
    pub fn coded(mut self, code: Code) -> CliError {
        self.code = Some(code);
        self
    }

    /// The same error followed by `related`.
    pub fn with_related(mut self, related: Vec<CliError>) -> CliError {
        self.related = related;
        self
    }

    /// The exit status of a command that ends with this error.
    pub fn exit(&self) -> Exit {
        self.kind.exit()
    }

    /// The error as standard error shows it, in `format`: every line ends
    /// with a newline, and a failure its diagnostics said all of is empty.
    pub fn render(&self, format: ErrorFormat) -> String {
        let mut out = String::new();
        for error in std::iter::once(self).chain(&self.related) {
            error.render_one(format, &mut out);
        }
        out
    }

    fn render_one(&self, format: ErrorFormat, out: &mut String) {
        match self.kind {
            Kind::Failed | Kind::Interrupted if self.message.is_empty() => {}
            Kind::Failed | Kind::Interrupted => {
                out.push_str(&self.message);
                out.push('\n');
            }
            // Shaped as a diagnostic's JSON with no place in a file, so that
            // a script reads refusals and diagnostics alike (docs/output.md).
            Kind::Usage if format == ErrorFormat::Json => {
                let line = serde_json::json!({
                    "code": self.code.map(|c| c.id()),
                    "name": self.code.map(|c| c.name()),
                    "severity": "error",
                    "message": self.message,
                    "primary": null,
                    "secondary": [],
                    "help": self.help,
                });
                out.push_str(&line.to_string());
                out.push('\n');
            }
            Kind::Usage => {
                match self.code {
                    Some(code) => out.push_str(&format!("error[{code}]: {}\n", self.message)),
                    None => out.push_str(&format!("error: {}\n", self.message)),
                }
                if let Some(help) = &self.help {
                    out.push_str(&format!("  help: {help}\n"));
                }
            }
        }
    }

    /// Prints the error on standard error, in `format`: the one place any
    /// error of the command line is printed. Returns its exit status.
    pub fn report(&self, format: ErrorFormat) -> Exit {
        // A closed or full standard error can be reported nowhere, so its
        // failure is let go: what the command decided is in its exit status.
        let text = self.render(format);
        if !text.is_empty() {
            let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), text.as_bytes());
        }
        self.exit()
    }
}

/// The worst status of a command over several files that goes on past a
/// file's error: each error is reported as it comes, in order with the
/// diagnostics of the files around it.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    exit: Exit,
    format: ErrorFormat,
}

impl Status {
    /// A command that has found nothing wrong yet, whose errors are printed in `format`.
    pub fn new(format: ErrorFormat) -> Status {
        Status { exit: Exit::Ok, format }
    }

    /// Counts a status some file ended with.
    pub fn add(&mut self, exit: Exit) {
        self.exit = self.exit.max(exit);
    }

    /// Reports the error of a file and counts it.
    pub fn report(&mut self, error: CliError) {
        self.add(error.report(self.format));
    }

    /// Reports the error of a file, if it has one, and counts it; its value otherwise.
    pub fn keep<T>(&mut self, result: Result<T, CliError>) -> Option<T> {
        result.map_err(|error| self.report(error)).ok()
    }

    /// The worst status counted.
    pub fn exit(self) -> Exit {
        self.exit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_gives_the_status_its_help_documents() {
        assert_eq!(CliError::usage("x").exit().code(), 2);
        assert_eq!(CliError::cannot_read(std::path::Path::new("a.cov"), "gone").exit(), Exit::Usage);
        assert_eq!(CliError::failed("a.cov: not run, it has errors").exit().code(), 1);
        assert_eq!(CliError::shown().exit(), Exit::Failed);
        assert_eq!(CliError::interrupted().exit().code(), 130);
        assert_eq!(Exit::Ok.code(), 0);
    }

    #[test]
    fn a_command_over_several_files_ends_with_the_worst_status() {
        assert!(Exit::Ok < Exit::Failed && Exit::Failed < Exit::Usage && Exit::Usage < Exit::Interrupted);
        let mut status = Status::new(ErrorFormat::Plain);
        status.add(Exit::Failed);
        status.add(Exit::Ok);
        assert_eq!(status.exit(), Exit::Failed);
        assert_eq!(status.keep(Ok::<u8, CliError>(3)), Some(3));
        assert_eq!(status.keep(Err::<u8, _>(CliError::shown())), None);
        assert_eq!(status.exit(), Exit::Failed);
    }

    #[test]
    fn a_usage_error_is_a_line_and_its_help_or_one_json_line() {
        let error = CliError::refusal(
            Code::OutputOverInput,
            "--out `a.cov` would write over the case file itself",
            "choose another file",
        );
        assert_eq!(
            error.render(ErrorFormat::Human),
            "error[U001]: --out `a.cov` would write over the case file itself\n  help: choose another file\n"
        );
        assert_eq!(error.render(ErrorFormat::Plain), error.render(ErrorFormat::Auto));
        assert_eq!(
            error.render(ErrorFormat::Json),
            "{\"code\":\"U001\",\"name\":\"output-over-input\",\"severity\":\"error\",\
             \"message\":\"--out `a.cov` would write over the case file itself\",\"primary\":null,\
             \"secondary\":[],\"help\":\"choose another file\"}\n"
        );
        let uncoded = CliError::usage("the run has events #1 to #3; there is no #9");
        assert_eq!(uncoded.render(ErrorFormat::Plain), "error: the run has events #1 to #3; there is no #9\n");
        let line: serde_json::Value = serde_json::from_str(&uncoded.render(ErrorFormat::Json)).expect("JSON");
        assert!(line["code"].is_null() && line["name"].is_null() && line["help"].is_null(), "{line}");
        assert_eq!(line["message"], "the run has events #1 to #3; there is no #9");
    }

    #[test]
    fn a_failure_after_diagnostics_is_its_closing_line_in_every_format() {
        let error = CliError::failed("a.cov: not run, it has errors");
        for format in [ErrorFormat::Human, ErrorFormat::Plain, ErrorFormat::Json] {
            assert_eq!(error.render(format), "a.cov: not run, it has errors\n");
        }
        assert_eq!(CliError::shown().render(ErrorFormat::Human), "");
        assert_eq!(CliError::interrupted().render(ErrorFormat::Json), "interrupted\n");
    }

    #[test]
    fn related_errors_follow_the_first() {
        let error = CliError::usage("first").with_help("one").with_related(vec![CliError::usage("second")]);
        assert_eq!(error.render(ErrorFormat::Plain), "error: first\n  help: one\nerror: second\n");
        assert_eq!(error.render(ErrorFormat::Json).lines().count(), 2);
    }
}
