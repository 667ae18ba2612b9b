//! Merging the shards of one sweep back into the table the whole sweep would have written, byte for byte.
//!
//! The shards must agree on everything that identifies the sweep (the
//! version, the case's hash, its title, the variant, the runs, the seeds,
//! the grid and the columns; only the case's path may differ, as it does
//! between machines) and split it the same way; every shard must be there
//! once, and hold exactly its own points with the grid's values. The
//! merged table takes the first shard's case path and is shard `1/1`.

use std::fmt;

use super::grid::Grid;
use super::shard::Shard;
use super::table::{Metadata, Table};

/// One shard to merge: where it came from (for messages) and its table.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub table: Table,
}

/// Why shards cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeError {
    pub message: String,
    pub help: String,
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MergeError {}

fn refuse<T>(message: String, help: &str) -> Result<T, MergeError> {
    Err(MergeError { message, help: help.to_string() })
}

/// The fields of the metadata that identify a sweep, named as the table names them.
fn identity(m: &Metadata) -> [(&'static str, String); 8] {
    [
        ("covenant version", m.covenant.clone()),
        ("case_hash", m.case_hash.clone()),
        ("title", format!("{:?}", m.title)),
        ("variant", m.variant.as_deref().map_or_else(|| "base".to_string(), |v| format!("`{v}`"))),
        ("runs", m.runs.to_string()),
        ("first seed", m.first_seed.to_string()),
        ("grid", m.sets.join(" ")),
        ("points", m.points.to_string()),
    ]
}

/// Merges every shard of one sweep into the whole table, rows in point order.
pub fn merge(parts: &[Part]) -> Result<Table, MergeError> {
    let Some(first) = parts.first() else {
        return refuse("no shards to merge".to_string(), "name every shard's table");
    };
    let same_sweep = "merge only the shards of one sweep, run with the same case, variant, runs, seed and --set";
    for part in &parts[1..] {
        for ((what, mine), (_, theirs)) in identity(&part.table.metadata).iter().zip(identity(&first.table.metadata)) {
            if *mine != theirs {
                return refuse(
                    format!(
                        "`{}` is from another sweep than `{}`: {what} {mine} against {theirs}",
                        part.name, first.name
                    ),
                    same_sweep,
                );
            }
        }
        if part.table.columns != first.table.columns {
            return refuse(format!("`{}` has other columns than `{}`", part.name, first.name), same_sweep);
        }
    }
    let count = first.table.metadata.shard.count;
    let mut by_shard: Vec<Option<&Part>> = vec![None; count];
    for part in parts {
        let shard = part.table.metadata.shard;
        if shard.count != count {
            return refuse(
                format!(
                    "`{}` is shard {shard}, but `{}` is shard {}: they split the grid differently",
                    part.name, first.name, first.table.metadata.shard
                ),
                "merge shards run with the same N in --shard I/N",
            );
        }
        if let Some(earlier) = by_shard[shard.index - 1] {
            return refuse(
                format!("shard {shard} is given twice: `{}` and `{}`", earlier.name, part.name),
                "name each shard once",
            );
        }
        by_shard[shard.index - 1] = Some(part);
    }
    let missing: Vec<String> =
        (1..=count).filter(|i| by_shard[i - 1].is_none()).map(|index| Shard { index, count }.to_string()).collect();
    if !missing.is_empty() {
        let list = if missing.len() > 10 { format!("{}, …", missing[..10].join(", ")) } else { missing.join(", ") };
        let (noun, verb) = if missing.len() == 1 { ("shard", "is") } else { ("shards", "are") };
        return refuse(
            format!("{noun} {list} {verb} missing ({} of {count})", missing.len()),
            "run the missing shards with the same options and --shard I/N, then merge them all",
        );
    }
    let grid = first.table.metadata.grid().map_err(|e| MergeError {
        message: format!("`{}` does not describe a grid: {e}", first.name),
        help: "merge tables written by `covenant sweep`".to_string(),
    })?;
    if grid.points() != first.table.metadata.points {
        return refuse(
            format!(
                "`{}` says the grid has {} points, but its --set lines make {}",
                first.name,
                first.table.metadata.points,
                grid.points()
            ),
            "merge tables written by `covenant sweep`",
        );
    }
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(grid.points());
    let mut positions: Vec<usize> = vec![0; count];
    for point in 0..grid.points() {
        let index = point % count;
        let part = by_shard[index].expect("every shard is there");
        let row = part.table.rows.get(positions[index]);
        check_row(part, &grid, point, row)?;
        rows.push(row.expect("checked").clone());
        positions[index] += 1;
    }
    for (index, part) in by_shard.iter().enumerate() {
        let part = part.expect("every shard is there");
        if let Some(extra) = part.table.rows.get(positions[index]) {
            let point = extra.first().map_or("?", String::as_str);
            return refuse(
                format!("`{}` holds a row for point {point} beyond its share of the grid", part.name),
                "merge tables written by `covenant sweep`, unedited",
            );
        }
    }
    let mut metadata = first.table.metadata.clone();
    metadata.shard = Shard::WHOLE;
    Ok(Table { metadata, columns: first.table.columns.clone(), rows })
}

/// A shard's next row must be the point the grid deals it, with the grid's values.
fn check_row(part: &Part, grid: &Grid, point: usize, row: Option<&Vec<String>>) -> Result<(), MergeError> {
    let unedited = "merge tables written by `covenant sweep`, unedited";
    let shard = part.table.metadata.shard;
    let Some(row) = row else {
        return refuse(
            format!("`{}` does not hold shard {shard} whole: point {point} is missing", part.name),
            unedited,
        );
    };
    if row.first().map(String::as_str) != Some(point.to_string().as_str()) {
        return refuse(
            format!(
                "`{}` does not hold shard {shard} as the sweep wrote it: point {point} should come next, not `{}`",
                part.name,
                row.first().map_or("", String::as_str)
            ),
            unedited,
        );
    }
    let values = grid.values(point);
    if row.get(1..=values.len()).is_none_or(|written| written.iter().zip(&values).any(|(w, v)| w != v)) {
        let expected: Vec<String> = grid.axes.iter().zip(&values).map(|(a, v)| format!("{}={v}", a.path)).collect();
        return refuse(
            format!("`{}` gives point {point} other settings than the grid's {}", part.name, expected.join(", ")),
            unedited,
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::parse_set;

    /// Shard `index` of `count` of a sweep over `a.x=0..1/0.25` (five points).
    fn part(index: usize, count: usize) -> Part {
        let grid = Grid::new(vec![parse_set("a.x=0..1/0.25").unwrap()]).unwrap();
        let shard = Shard { index, count };
        let rows = shard
            .points(5)
            .into_iter()
            .map(|p| vec![p.to_string(), grid.values(p)[0].to_string(), format!("{}", p * p)])
            .collect();
        let metadata = Metadata {
            covenant: "0.1.0".into(),
            case: format!("machine-{index}/case.cov"),
            case_hash: "sha256:ab".into(),
            title: "T".into(),
            variant: None,
            runs: 10,
            first_seed: 1,
            sets: vec!["a.x=0..1/0.25".into()],
            points: 5,
            shard,
        };
        let columns = vec!["point".into(), "a.x".into(), "wars".into()];
        Part { name: format!("{index}.csv"), table: Table { metadata, columns, rows } }
    }

    #[test]
    fn shards_merge_in_point_order_under_the_first_shards_path() {
        let merged = merge(&[part(2, 2), part(1, 2)]).unwrap();
        let points: Vec<&str> = merged.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(points, ["0", "1", "2", "3", "4"]);
        assert_eq!(merged.metadata.shard, Shard::WHOLE);
        assert_eq!(merged.metadata.case, "machine-2/case.cov", "the first shard given");
        let mut whole = merge(&[part(1, 1)]).unwrap();
        whole.metadata.case = "machine-2/case.cov".into();
        assert_eq!(merged, whole, "the same table as the unsharded sweep's");
    }

    #[test]
    fn a_shard_must_hold_its_points_and_no_more() {
        let mut short = part(1, 2);
        short.table.rows.pop();
        assert_eq!(
            merge(&[short, part(2, 2)]).unwrap_err().message,
            "`1.csv` does not hold shard 1/2 whole: point 4 is missing"
        );
        let mut long = part(2, 2);
        long.table.rows.push(vec!["5".into(), "1.25".into(), "25".into()]);
        assert_eq!(
            merge(&[part(1, 2), long]).unwrap_err().message,
            "`2.csv` holds a row for point 5 beyond its share of the grid"
        );
        let mut wrong = part(1, 1);
        wrong.table.metadata.points = 6;
        let other = merge(&[wrong]).unwrap_err().message;
        assert_eq!(other, "`1.csv` says the grid has 6 points, but its --set lines make 5");
        let mut variant = part(2, 2);
        variant.table.metadata.variant = Some("automatic".into());
        let message = merge(&[part(1, 2), variant]).unwrap_err().message;
        assert_eq!(message, "`2.csv` is from another sweep than `1.csv`: variant `automatic` against base");
        assert_eq!(merge(&[]).unwrap_err().message, "no shards to merge");
    }
}
