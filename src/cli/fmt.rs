//! `covenant fmt FILE…`: print, check or rewrite files in the canonical layout.

use std::path::PathBuf;

use covenant::diagnostic::Diagnostics;
use covenant::format::format_file;
use covenant::load::{self, LoadOptions};

use super::case::read_stdin;
use super::error::{CliError, Status};
use super::options::ErrorOptions;
use super::output::{print, print_diagnostics};
use super::write::write_whole;
use super::Ended;

/// Arguments of `covenant fmt`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant fmt examples/classroom.cov    print the canonical layout
  covenant fmt --write mycase.cov        rewrite in place, atomically
  covenant fmt --check mycase.cov        exit 1 if it is not in the canonical layout

Exit status: 0 formatted (or already so); 1 with --check, a file not formatted, or a
file with syntax errors (left as it is); 2 bad usage, or a file that cannot be read or
written; 130 interrupted.
Reference: docs/language.md")]
#[command(mut_arg("error_format", |format| format
    .help("How to print syntax errors, which stop a file from being formatted, and the command's own errors")))]
pub struct Args {
    /// Case files to format; `-` formats standard input to standard output.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Rewrite the files in place (through a temporary file, then a rename).
    #[arg(long, conflicts_with = "check")]
    write: bool,
    /// Change nothing; exit 1 and name each file that is not formatted.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    pub errors: ErrorOptions,
}

pub fn run(args: Args) -> Ended {
    let format = args.errors.error_format;
    let mut status = Status::new(format);
    for path in &args.files {
        let stdin = path.as_os_str() == "-";
        let bytes = if stdin { read_stdin() } else { load::read_limited(path) };
        let Some(bytes) = status.keep(bytes.map_err(|error| CliError::cannot_read(path, error))) else { continue };
        let had_bom = bytes.starts_with("\u{FEFF}".as_bytes());
        let name = if stdin { PathBuf::from("<stdin>") } else { path.clone() };
        let loaded = load::load_bytes(&name, bytes.clone(), LoadOptions { root_only: true, ..LoadOptions::default() });
        let file = &loaded.files[0];
        let tree = match &file.tree {
            Some(tree) if !loaded.diagnostics.has_errors() => tree,
            _ => {
                let errors = Diagnostics(loaded.diagnostics.iter().filter(|d| d.is_error()).cloned().collect());
                print_diagnostics(&errors, &loaded.sources, format)?;
                status.report(CliError::failed(format!("{}: not formatted, it has syntax errors", name.display())));
                continue;
            }
        };
        let mut formatted = format_file(&loaded.sources.file(file.id).text, tree, &file.comments);
        if had_bom {
            formatted.insert(0, '\u{FEFF}');
        }
        let changed = formatted.as_bytes() != bytes.as_slice();
        if args.check {
            if changed {
                status.report(CliError::failed(format!("{}: not formatted", name.display())));
            }
        } else if args.write && !stdin {
            if changed {
                status.keep(rewrite(path, &formatted));
            }
        } else {
            print(formatted.as_bytes())?;
        }
    }
    Ok(status.exit())
}

/// Writes the formatted text over the file, or says why it is left as it is.
fn rewrite(path: &std::path::Path, formatted: &str) -> Result<(), CliError> {
    // The formatter may lengthen a file; one it would push over the size
    // limit stays as it is, for the checker would refuse it.
    if formatted.len() as u64 > load::MAX_FILE_BYTES {
        return Err(CliError::usage(format!(
            "formatting `{}` would make it larger than {} MiB, which no command reads; it is left as it is",
            path.display(),
            load::MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    // Renaming the formatted file into place would give it a new inode:
    // the file's other names would keep the old text.
    let others = other_names(path);
    if others > 0 {
        return Err(CliError::usage(format!(
            "`{}` has {others} other name{} (hard links), which a rewrite would leave with the old text; it is left as it is",
            path.display(),
            if others == 1 { "" } else { "s" }
        ))
        .with_help(format!(
            "format into a new file and copy it over the old one, which keeps every name: \
             `covenant fmt {0} > formatted.cov && cat formatted.cov > {0}`",
            path.display()
        )));
    }
    write_whole(path, formatted.as_bytes()).map_err(|error| CliError::cannot_write(path, error))
}

/// How many other names (hard links) the file at `path` has; a link is
/// followed to its target, as `--write` follows it.
fn other_names(path: &std::path::Path) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).map_or(0, |m| m.nlink().saturating_sub(1))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0
    }
}
