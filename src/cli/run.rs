//! `covenant run FILE`: check the case, run it, and write the outcome log.

use std::path::PathBuf;

use covenant::check;
use covenant::engine::{self, RunOptions};
use covenant::load::{self, LoadOptions};
use covenant::report;

use super::output::{print_diagnostics, ErrorFormat};
use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};

/// Arguments of `covenant run`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case file to run.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The seed of the run; the case's own seed by default.
    #[arg(long)]
    seed: Option<u64>,
    /// A variant of the case to run instead of the base case.
    #[arg(long)]
    variant: Option<String>,
    /// How to print problems in the case.
    #[arg(long, value_enum, default_value_t = ErrorFormat::Auto)]
    error_format: ErrorFormat,
    /// Let includes reach outside the root case file's directory.
    #[arg(long)]
    allow_outside: bool,
}

pub fn run(args: Args) -> u8 {
    let options = LoadOptions { allow_outside: args.allow_outside, ..LoadOptions::default() };
    let loaded = match load::load(&args.file, options) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("error: cannot read `{}`: {error}", args.file.display());
            return EXIT_USAGE;
        }
    };
    let checked = check::check(&loaded);
    print_diagnostics(&checked.diagnostics, &loaded.sources, args.error_format);
    let Some(scenario) = checked.scenario else {
        eprintln!("{}: not run, it has errors", args.file.display());
        return EXIT_FAILED;
    };
    let run = match engine::run(&scenario, &RunOptions { seed: args.seed, variant: args.variant }) {
        Ok(run) => run,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_USAGE;
        }
    };
    print!("{}", report::text::render(&scenario, &run));
    EXIT_OK
}
