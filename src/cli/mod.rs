//! The command line: clap definitions and dispatch to one module per subcommand.

// One file per subcommand.
mod check;
mod completions;
mod diff;
mod ensemble;
mod explain;
mod fmt;
mod man;
mod merge;
mod new;
mod run;
mod sweep;
mod test;

// What the subcommands share: their options, the case they run, where
// their output goes, and how they end.
mod case;
mod error;
mod interrupt;
mod options;
mod output;
mod progress;
mod write;

use clap::{Parser, Subcommand};

use error::CliError;
pub use error::Exit;
use output::ErrorFormat;

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

impl Command {
    /// How the command prints its errors: as its `--error-format` asks, or as text.
    fn error_format(&self) -> ErrorFormat {
        match self {
            Command::Check(args) => args.case.error_format(),
            Command::Fmt(args) => args.errors.error_format,
            Command::Run(args) => args.case.error_format(),
            Command::Test(args) => args.case.error_format(),
            Command::Explain(args) => args.case.error_format(),
            Command::Diff(args) => args.case.error_format(),
            Command::Sweep(args) => args.case.error_format(),
            Command::Merge(_) | Command::New(_) | Command::Completions(_) | Command::Man(_) => ErrorFormat::Auto,
        }
    }
}

/// Parses the arguments and runs the subcommand; any error it ends with
/// is printed here, the one place a command's failure reaches the user.
pub fn main() -> Exit {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if error.use_stderr() => {
            // clap's own report, with the usage line and a pointer to `--help`.
            let _ = error.print();
            return Exit::Usage;
        }
        Err(help) => {
            // `--help` and `--version` are output like any other, through the
            // one writer: a full disk is an error, a closed pipe is not.
            let coloured = std::io::IsTerminal::is_terminal(&std::io::stdout())
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let text = if coloured { help.render().ansi().to_string() } else { help.render().to_string() };
            return match output::print(text.as_bytes()) {
                Ok(()) => Exit::Ok,
                Err(error) => error.report(ErrorFormat::Auto),
            };
        }
    };
    interrupt::install();
    let format = cli.command.error_format();
    let ended = match cli.command {
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
    ended.unwrap_or_else(|error| error.report(format))
}

/// What a subcommand ends with: its exit status, having reported on the
/// way any error of a file it went on past; or the error that stopped it.
type Ended = Result<Exit, CliError>;
