//! `covenant check FILE…`: load, check, report; exit 0 clean, 1 errors, 2 unreadable.

use std::path::PathBuf;

use covenant::check;
use covenant::load;

use super::output::{print_diagnostics, ErrorFormat};
use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};

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
    case: super::CaseOptions,
}

pub fn run(args: Args) -> u8 {
    let options = args.case.load_options();
    let mut status = EXIT_OK;
    for path in &args.files {
        let stdin = path.as_os_str() == "-";
        let shown = if stdin { PathBuf::from("<stdin>") } else { path.clone() };
        let loaded = if stdin {
            super::read_stdin().map(|bytes| load::load_bytes(&shown, bytes, options.clone()))
        } else {
            load::load(path, options.clone())
        };
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(error) => {
                say!("error: cannot read `{}`: {error}", path.display());
                status = EXIT_USAGE;
                continue;
            }
        };
        let checked = check::check(&loaded);
        if print_diagnostics(&checked.diagnostics, &loaded.sources, args.case.error_format) != EXIT_OK {
            return EXIT_USAGE;
        }
        if args.case.error_format != ErrorFormat::Json {
            say!("{}", super::summary(&shown, &checked.diagnostics));
        }
        if checked.diagnostics.has_errors() && status == EXIT_OK {
            status = EXIT_FAILED;
        }
    }
    status
}
