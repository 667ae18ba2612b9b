//! `covenant new NAME`: a commented starter case to change, the classroom case of the tutorial under the title the user gives.

use std::io::Write;
use std::path::PathBuf;

use super::error::{CliError, Exit};
use super::output::note;
use super::Ended;

/// The starter: the bundled classroom case, line for line, so that the
/// tutorial's line numbers hold in the copy.
const STARTER: &str = include_str!("../../examples/classroom.cov");

/// The starter's title as the bundled case writes it.
const STARTER_TITLE: &str = "\"Classroom: all against one\"";

/// Arguments of `covenant new`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant new mycase       writes mycase.cov, titled \"mycase\"
  covenant new 1914.cov     writes 1914.cov, titled \"1914\"

The file is never written over: an existing NAME is left as it is.
Exit status: 0, or 2 if the file exists or cannot be written.")]
pub struct Args {
    /// The case to write, `NAME.cov` when NAME has no extension; its title is NAME.
    #[arg(value_name = "NAME")]
    name: PathBuf,
}

pub fn run(args: Args) -> Ended {
    let path = if args.name.extension().is_some() { args.name.clone() } else { args.name.with_extension("cov") };
    let title = path.file_stem().map_or_else(|| "New case".to_string(), |s| s.to_string_lossy().into_owned());
    let text = retitled(&title);
    // `create_new` fails on anything already there, a link or a device too,
    // so nothing the user has is replaced.
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(CliError::usage(format!("`{}` exists; it is left as it is", path.display()))
                .with_help(format!("name a new file, such as `covenant new {title}-2`")));
        }
        Err(error) => return Err(CliError::cannot_write(&path, error)),
    };
    if let Err(error) = file.write_all(text.as_bytes()).and_then(|()| file.sync_all()) {
        // The file is ours, made just now: a half-written one (a full disk) goes.
        let _ = std::fs::remove_file(&path);
        return Err(CliError::cannot_write(&path, error));
    }
    note(&format!(
        "wrote {}: the classroom case of docs/tutorial.md; try `covenant run {}`",
        path.display(),
        path.display()
    ));
    Ok(Exit::Ok)
}

/// The starter under `title`, its first line's comment kept in its column
/// where the title is short enough.
fn retitled(title: &str) -> String {
    let (first, rest) = STARTER.split_once('\n').expect("the starter has lines");
    let comment = first.find('#').expect("the title line has a comment");
    let head = first[..comment].trim_end().replacen(STARTER_TITLE, &quoted(title), 1);
    let width = comment.max(head.chars().count() + 1);
    format!("{head:<width$}{}\n{rest}", &first[comment..])
}

/// A title as a string literal: quotes and backslashes escaped, control characters left out.
fn quoted(title: &str) -> String {
    let mut out = String::from("\"");
    for c in title.chars().filter(|c| !c.is_control()) {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}
