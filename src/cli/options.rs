//! The option groups several commands share, each defined once and flattened into the commands that take it.

use std::path::PathBuf;

use super::output::ErrorFormat;

/// How problems are printed: a case's diagnostics and the command's own errors.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ErrorOptions {
    /// How to print problems in a case, and the command's own errors.
    #[arg(long, value_enum, default_value_t = ErrorFormat::Auto)]
    pub error_format: ErrorFormat,
}

/// How a case is read and its problems shown: the options every command that reads a case shares.
#[derive(Debug, clap::Args)]
pub struct CaseOptions {
    #[command(flatten)]
    pub errors: ErrorOptions,
    /// Let includes and the datasets the case names reach outside the root case file's directory.
    #[arg(long)]
    pub allow_outside: bool,
    /// Read a dataset from this file instead of the path the case gives (`nmc=NMC-60-abridged.csv`).
    #[arg(long = "data", value_name = "NAME=PATH", value_parser = dataset_path)]
    pub data: Vec<(String, PathBuf)>,
}

impl CaseOptions {
    /// How the case's diagnostics and the command's errors are printed.
    pub fn error_format(&self) -> ErrorFormat {
        self.errors.error_format
    }

    /// What the loader is told.
    pub fn load_options(&self) -> covenant::load::LoadOptions {
        covenant::load::LoadOptions {
            allow_outside: self.allow_outside,
            data: self.data.clone(),
            ..covenant::load::LoadOptions::default()
        }
    }
}

/// Parses `--data NAME=PATH`.
fn dataset_path(text: &str) -> Result<(String, PathBuf), String> {
    match text.split_once('=') {
        Some((name, path)) if !name.is_empty() && !path.is_empty() => Ok((name.to_string(), path.into())),
        _ => Err("expected NAME=PATH, such as `nmc=NMC-60-abridged.csv`".to_string()),
    }
}

/// Which run of a case: its seed and its variant. A command whose help
/// says more of either says it with `mut_arg`.
#[derive(Debug, Clone, clap::Args)]
pub struct RunChoice {
    /// The seed of the run; the case's own seed by default.
    #[arg(long)]
    pub seed: Option<u64>,
    /// A variant of the case to run instead of the base case.
    #[arg(long)]
    pub variant: Option<String>,
}

/// How many threads an ensemble runs on.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Threads {
    /// How many threads run the ensemble; all cores by default. The result is the same for any number.
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

/// Where a sweep's table and its plot go: `sweep` and `merge` write the same outputs.
#[derive(Debug, clap::Args)]
pub struct TableOutputs {
    /// Write the table to this file (whole or not at all) instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Draw an outcome against the first setting as SVG, into this file.
    #[arg(long, value_name = "PATH")]
    pub plot: Option<PathBuf>,
    /// The outcome to plot, a column of the table such as `defections`; `great_power_war` by default.
    #[arg(long, value_name = "NAME", requires = "plot")]
    pub plot_outcome: Option<String>,
}

/// The most runs one ensemble, test, diff or sweep point may ask for: ten
/// million runs of the Concert case take about ten minutes of one core,
/// and a number past it is far more likely a slip than a plan.
pub const MAX_RUNS: u64 = 10_000_000;

/// Parses `--runs N`: a whole number, at least 1.
pub fn run_count(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err("an ensemble needs at least one run".to_string()),
        Ok(runs) if runs > MAX_RUNS => Err(format!(
            "at most {MAX_RUNS} runs in one ensemble (minutes to hours of a machine); \
             for more, run ensembles of consecutive first seeds (`--seed`) one after another"
        )),
        Ok(runs) => Ok(runs),
        Err(_) => Err("expected a whole number of runs, such as `1000`".to_string()),
    }
}
