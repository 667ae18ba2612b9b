//! The `covenant` command: argument parsing, then one library call per subcommand.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
