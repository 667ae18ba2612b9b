//! `covenant check FILE…`: load, check, report; exit 0 clean, 1 errors, 2 unreadable.

use std::path::PathBuf;

use covenant::check;
use covenant::load;

use super::case::read_stdin;
use super::error::{CliError, Exit, Status};
use super::options::CaseOptions;
use super::output::{note, print_diagnostics, ErrorFormat};
use super::Ended;

/// Arguments of `covenant check`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant check examples/classroom.cov
  covenant check examples/*.cov --error-format json
  covenant check - < examples/classroom.cov

Exit status: 0 every file checked without errors (warnings allowed); 1 a file has an
error; 2 bad usage or a file that cannot be read; 130 interrupted.
Reference: docs/language.md")]
pub struct Args {
    /// Case files to check (`.cov`); `-` reads one from standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    pub case: CaseOptions,
}

pub fn run(args: Args) -> Ended {
    let options = args.case.load_options();
    let format = args.case.error_format();
    let mut status = Status::new(format);
    for path in &args.files {
        let stdin = path.as_os_str() == "-";
        let shown = if stdin { PathBuf::from("<stdin>") } else { path.clone() };
        let loaded = if stdin {
            read_stdin().map(|bytes| load::load_bytes(&shown, bytes, options.clone()))
        } else {
            load::load(path, options.clone())
        };
        let Some(loaded) = status.keep(loaded.map_err(|error| CliError::cannot_read(path, error))) else { continue };
        let checked = check::check(&loaded);
        print_diagnostics(&checked.diagnostics, &loaded.sources, format)?;
        if format != ErrorFormat::Json {
            note(&summary(&shown, &checked.diagnostics));
        }
        if checked.diagnostics.has_errors() {
            status.add(Exit::Failed);
        }
    }
    Ok(status.exit())
}

/// The closing line for one file: `case.cov: ok` or `case.cov: 2 errors, 1 warning`.
fn summary(path: &std::path::Path, diagnostics: &covenant::diagnostic::Diagnostics) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    let verdict = match (errors, warnings) {
        (0, 0) => "ok".to_string(),
        (0, w) => format!("ok, {}", plural(w, "warning")),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    };
    format!("{}: {verdict}", path.display())
}
