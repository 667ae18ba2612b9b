//! `covenant merge SHARD.csv…`: the shards of one sweep joined into the table the whole sweep writes, and its plot.

use std::path::PathBuf;

use covenant::report;
use covenant::sweep::merge::{self, Part};
use covenant::sweep::table::Table;

use super::error::{CliError, Exit};
use super::options::TableOutputs;
use super::sweep::write_table_and_plot;
use super::write::{check_outputs, Inputs};
use super::Ended;

/// Arguments of `covenant merge`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant merge part1.csv part2.csv --out merged.csv
  covenant merge part1.csv part2.csv --plot merged.svg --out merged.csv

Exit status: 0 the merged table (and plot) were written; 2 shards that do not make one
sweep (the error says why), a file that cannot be read, or an output that cannot be
written; 130 interrupted.
Reference: docs/sweep.md")]
#[command(mut_arg("out", |out| out
    .help("Write the merged table to this file (whole or not at all) instead of standard output")))]
pub struct Args {
    /// The tables of every shard of one sweep, in any order.
    #[arg(value_name = "SHARD", required = true)]
    shards: Vec<PathBuf>,
    #[command(flatten)]
    outputs: TableOutputs,
}

pub fn run(args: Args) -> Ended {
    let TableOutputs { out, plot: plot_path, plot_outcome } = args.outputs;
    check_outputs(&[("--out", out.as_deref()), ("--plot", plot_path.as_deref())], &Inputs::shards(&args.shards))?;
    let mut parts = Vec::with_capacity(args.shards.len());
    for path in &args.shards {
        let name = path.display().to_string();
        // As a case is read: a regular file only, never a FIFO or a device
        // (which could block or run on for ever), and within the size limit.
        let bytes = covenant::load::read_limited(path).map_err(|error| CliError::cannot_read(path, error))?;
        if bytes.len() as u64 > covenant::load::MAX_FILE_BYTES {
            return Err(CliError::cannot_read(path, "it is larger than 16 MiB, which no sweep's shard is"));
        }
        let text = String::from_utf8(bytes).map_err(|_| CliError::cannot_read(path, "it is not UTF-8 text"))?;
        let table = Table::parse(&text).map_err(|error| CliError::usage(format!("cannot merge `{name}`: {error}")))?;
        parts.push(Part { name, table });
    }
    let table = merge::merge(&parts).map_err(|e| CliError::usage(e.to_string()).with_help(e.help()))?;
    let plot = match &plot_path {
        Some(_) => {
            let grid = table.metadata.grid().map_err(|e| CliError::usage(format!("the merged table's grid: {e}")))?;
            let plot = report::plot::prepare(&table.columns, &grid, plot_outcome.as_deref());
            Some(plot.map_err(|e| CliError::usage(e.to_string()).with_help(e.help()))?)
        }
        None => None,
    };
    write_table_and_plot(&table, out.as_deref(), plot.as_ref().zip(plot_path.as_deref()))?;
    Ok(Exit::Ok)
}
