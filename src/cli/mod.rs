//! The command line: clap definitions and dispatch to one module per subcommand.

/// Writes a line to standard error and never panics: a closed or full
/// standard error can be reported nowhere, so its failure is let go; what
/// the command decided is in its exit status.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod check;
mod completions;
mod destination;
mod diff;
mod ensemble;
mod explain;
mod fmt;
mod interrupt;
mod man;
mod merge;
mod new;
mod output;
mod run;
mod sweep;
mod test;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status: the case checked clean (warnings allowed).
pub const EXIT_OK: u8 = 0;
/// Exit status: the case has errors, or a test or format check failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit status: bad usage, or a file that cannot be read or written.
pub const EXIT_USAGE: u8 = 2;

/// A scenario language for international security, and its interpreter.
#[derive(Debug, Parser)]
#[command(
    name = "covenant",
    version,
    about,
    max_term_width = 100,
    after_help = "Start with docs/tutorial.md; the language is docs/language.md, the model docs/model.md,\n\
                  what each command writes docs/output.md and docs/sweep.md. `covenant COMMAND --help`\n\
                  has each command's examples and exit status; `covenant man` the manual page."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check case files and report every problem found.
    Check(check::Args),
    /// Print case files in the canonical layout, or check or rewrite them.
    Fmt(fmt::Args),
    /// Run a case year by year and write its outcome log, or run an ensemble of seeds.
    Run(run::Args),
    /// Run each case over an ensemble of seeds and judge its expectations against the record.
    Test(test::Args),
    /// Run a case and show why one event of its log happened.
    Explain(explain::Args),
    /// Run two sides with one seed and show where their histories first part, and why.
    Diff(diff::Args),
    /// Run an ensemble at each point of a grid of settings and write one table row per point.
    Sweep(sweep::Args),
    /// Join the shards of one sweep into the table the whole sweep writes.
    Merge(merge::Args),
    /// Write a commented starter case to change: the tutorial's classroom case, under your title.
    New(new::Args),
    /// Print the script that lets a shell complete Covenant's commands and options.
    Completions(completions::Args),
    /// Print the manual page of Covenant or of one of its commands, in roff.
    Man(man::Args),
}

/// Parses the arguments and runs the subcommand.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if error.use_stderr() => {
            let _ = error.print();
            return ExitCode::from(EXIT_USAGE);
        }
        Err(help) => {
            // `--help` and `--version` are output like any other, through the
            // one writer: a full disk is an error, a closed pipe is not.
            let coloured = std::io::IsTerminal::is_terminal(&std::io::stdout())
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let text = if coloured { help.render().ansi().to_string() } else { help.render().to_string() };
            return ExitCode::from(output::print(text.as_bytes()));
        }
    };
    interrupt::install();
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Run(args) => run::run(args),
        Command::Test(args) => test::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Merge(args) => merge::run(args),
        Command::New(args) => new::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    };
    ExitCode::from(code)
}

/// Reads a whole case from standard input, within the size limit.
fn read_stdin() -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin().lock().take(covenant::load::MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
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

/// How a case is read and its problems shown: the options every command that reads a case shares.
#[derive(Debug, clap::Args)]
struct CaseOptions {
    /// How to print problems in a case.
    #[arg(long, value_enum, default_value_t = output::ErrorFormat::Auto)]
    error_format: output::ErrorFormat,
    /// Let includes and the datasets the case names reach outside the root case file's directory.
    #[arg(long)]
    allow_outside: bool,
    /// Read a dataset from this file instead of the path the case gives (`nmc=NMC-60-abridged.csv`).
    #[arg(long = "data", value_name = "NAME=PATH", value_parser = dataset_path)]
    data: Vec<(String, std::path::PathBuf)>,
}

impl CaseOptions {
    fn load_options(&self) -> covenant::load::LoadOptions {
        covenant::load::LoadOptions {
            allow_outside: self.allow_outside,
            data: self.data.clone(),
            ..covenant::load::LoadOptions::default()
        }
    }
}

/// Parses `--data NAME=PATH`.
fn dataset_path(text: &str) -> Result<(String, std::path::PathBuf), String> {
    match text.split_once('=') {
        Some((name, path)) if !name.is_empty() && !path.is_empty() => Ok((name.to_string(), path.into())),
        _ => Err("expected NAME=PATH, such as `nmc=NMC-60-abridged.csv`".to_string()),
    }
}
