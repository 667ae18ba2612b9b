//! `covenant merge SHARD.csv…`: the shards of one sweep joined into the table the whole sweep writes, and its plot.

use std::path::PathBuf;

use covenant::report;
use covenant::sweep::merge::{self, Part};
use covenant::sweep::table::Table;

use super::destination::{check_outputs, Inputs};
use super::output::ErrorFormat;
use super::sweep::{usage, write_table_and_plot};
use super::{EXIT_OK, EXIT_USAGE};

/// Arguments of `covenant merge`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  covenant merge part1.csv part2.csv --out merged.csv
  covenant merge part1.csv part2.csv --plot merged.svg --out merged.csv

Exit status: 0 the merged table (and plot) were written; 2 shards that do not make one
sweep (the error says why), a file that cannot be read, or an output that cannot be
written; 130 interrupted.
Reference: docs/sweep.md")]
pub struct Args {
    /// The tables of every shard of one sweep, in any order.
    #[arg(value_name = "SHARD", required = true)]
    shards: Vec<PathBuf>,
    /// Write the merged table to this file (whole or not at all) instead of standard output.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Draw an outcome against the first setting as SVG, into this file.
    #[arg(long, value_name = "PATH")]
    plot: Option<PathBuf>,
    /// The outcome to plot, a column of the table such as `defections`; `great_power_war` by default.
    #[arg(long, value_name = "NAME", requires = "plot")]
    plot_outcome: Option<String>,
}

pub fn run(args: Args) -> u8 {
    match merge(args) {
        Ok(()) => EXIT_OK,
        Err(code) => code,
    }
}

fn merge(args: Args) -> Result<(), u8> {
    check_outputs(
        &[("--out", args.out.as_deref()), ("--plot", args.plot.as_deref())],
        &Inputs::shards(&args.shards),
        ErrorFormat::Auto,
    )?;
    let mut parts = Vec::with_capacity(args.shards.len());
    for path in &args.shards {
        let name = path.display().to_string();
        // As a case is read: a regular file only, never a FIFO or a device
        // (which could block or run on for ever), and within the size limit.
        let bytes = covenant::load::read_limited(path).map_err(|error| {
            say!("error: cannot read `{name}`: {error}");
            EXIT_USAGE
        })?;
        if bytes.len() as u64 > covenant::load::MAX_FILE_BYTES {
            say!("error: cannot read `{name}`: it is larger than 16 MiB, which no sweep's shard is");
            return Err(EXIT_USAGE);
        }
        let text = String::from_utf8(bytes).map_err(|_| {
            say!("error: cannot read `{name}`: it is not UTF-8 text");
            EXIT_USAGE
        })?;
        let table = Table::parse(&text).map_err(|error| usage(&format!("cannot merge `{name}`: {error}"), None))?;
        parts.push(Part { name, table });
    }
    let table = merge::merge(&parts).map_err(|e| usage(&e.to_string(), Some(e.help())))?;
    let plot = match &args.plot {
        Some(_) => {
            let grid = table.metadata.grid().map_err(|e| usage(&format!("the merged table's grid: {e}"), None))?;
            let plot = report::plot::prepare(&table.columns, &grid, args.plot_outcome.as_deref());
            Some(plot.map_err(|e| usage(&e.to_string(), Some(&e.help())))?)
        }
        None => None,
    };
    write_table_and_plot(&table, args.out.as_deref(), plot.as_ref().zip(args.plot.as_deref()))
}
