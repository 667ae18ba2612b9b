//! `covenant man [COMMAND]`: the manual page of Covenant or of one of its commands, in roff, from the same definitions as `--help`.

use clap::CommandFactory;

use super::error::{CliError, Exit};
use super::output::print;
use super::{Cli, Ended};

/// Arguments of `covenant man`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant man | man -l -
  covenant man run > covenant-run.1

Exit status: 0; 2 for a command Covenant does not have, or if standard output cannot be written.")]
pub struct Args {
    /// A command, such as `run`, for its own page; Covenant's page by default.
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

pub fn run(args: Args) -> Ended {
    let covenant = Cli::command();
    let page = match &args.command {
        None => clap_mangen::Man::new(covenant),
        Some(name) => match covenant.find_subcommand(name) {
            // A command's page is named as man names it, `covenant-run`,
            // and its usage is written as typed, `covenant run`.
            Some(command) => clap_mangen::Man::new(
                command
                    .clone()
                    .name(format!("covenant-{name}"))
                    .bin_name(format!("covenant {name}"))
                    .version(env!("CARGO_PKG_VERSION")),
            ),
            None => {
                let names: Vec<&str> = covenant.get_subcommands().map(|c| c.get_name()).collect();
                return Err(CliError::usage(format!(
                    "Covenant has no command `{name}`; its commands are {}",
                    names.join(", ")
                )));
            }
        },
    };
    let mut roff = Vec::new();
    page.render(&mut roff).map_err(|error| CliError::usage(format!("cannot write the manual page: {error}")))?;
    print(&roff)?;
    Ok(Exit::Ok)
}
