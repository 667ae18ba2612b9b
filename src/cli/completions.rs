//! `covenant completions SHELL`: the script that teaches a shell to complete Covenant's commands and options.

use clap::CommandFactory;
use clap_complete::Shell;

use super::error::Exit;
use super::output::print;
use super::{Cli, Ended};

/// Arguments of `covenant completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant completions bash > ~/.local/share/bash-completion/completions/covenant
  covenant completions zsh > \"${fpath[1]}/_covenant\"
  covenant completions fish > ~/.config/fish/completions/covenant.fish

Exit status: 0, or 2 if standard output cannot be written.")]
pub struct Args {
    /// The shell to write the script for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> Ended {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "covenant", &mut script);
    print(&script)?;
    Ok(Exit::Ok)
}
