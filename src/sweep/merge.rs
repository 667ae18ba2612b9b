//! Merging the shards of one sweep back into the table the whole sweep would have written, byte for byte.
//!
//! The shards must agree on everything that identifies the sweep (the
//! version, the case's hash, its title, the variant, the runs, the seeds,
//! the grid and the columns; only the case's path may differ, as it does
//! between machines) and split it the same way; every shard must be there
//! once, and hold exactly its own points with the grid's values. The
//! merged table takes the first shard's case path and is shard `1/1`.

use super::grid::Grid;
use super::shard::Shard;
use super::table::{Metadata, Table, TableError};

/// One shard to merge: where it came from (for messages) and its table.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub table: Table,
}

/// Why shards cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// No shard was given.
    #[error("no shards to merge")]
    NoShards,
    /// Shard `name` differs from the `first` shard in one field that identifies the sweep.
    #[error("`{name}` is from another sweep than `{first}`: {field} {value} against {first_value}")]
    OtherSweep { name: String, first: String, field: &'static str, value: String, first_value: String },
    /// Shard `name` has other columns than the `first` shard.
    #[error("`{name}` has other columns than `{first}`")]
    OtherColumns { name: String, first: String },
    /// Shard `name` splits the grid into another number of shards than the `first` shard.
    #[error("`{name}` is shard {shard}, but `{first}` is shard {first_shard}: they split the grid differently")]
    OtherSplit { name: String, shard: Shard, first: String, first_shard: Shard },
    /// Two tables, `earlier` and `later`, are the same shard.
    #[error("shard {shard} is given twice: `{earlier}` and `{later}`")]
    ShardTwice { shard: Shard, earlier: String, later: String },
    /// The shards with these indices (from 1) of `count` are not given.
    #[error("{}", missing_shards(missing, *count))]
    ShardMissing { missing: Vec<usize>, count: usize },
    /// The `first` shard's `set` lines do not make a grid.
    #[error("`{first}` does not describe a grid: {source}")]
    NoGrid {
        first: String,
        #[source]
        source: TableError,
    },
    /// The `first` shard's `points` line disagrees with the grid its `set` lines make.
    #[error("`{first}` says the grid has {points} points, but its --set lines make {grid_points}")]
    PointCount { first: String, points: usize, grid_points: usize },
    /// Shard `name` holds more rows than its share; `point` is the first field of the first one over.
    #[error("`{name}` holds a row for point {point} beyond its share of the grid")]
    ExtraRow { name: String, point: String },
    /// Shard `name` ends before point `point`, one of its own.
    #[error("`{name}` does not hold shard {shard} whole: point {point} is missing")]
    PointMissing { name: String, shard: Shard, point: usize },
    /// Shard `name` has a row for `found` where point `point` should come next.
    #[error(
        "`{name}` does not hold shard {shard} as the sweep wrote it: point {point} should come next, not `{found}`"
    )]
    OutOfOrder { name: String, shard: Shard, point: usize, found: String },
    /// Shard `name`'s row for point `point` has other values than the grid's `PATH=VALUE`s, `expected`.
    #[error("`{name}` gives point {point} other settings than the grid's {}", expected.join(", "))]
    OtherSettings { name: String, point: usize, expected: Vec<String> },
}

impl MergeError {
    /// What to do about it, as the line under the error.
    pub fn help(&self) -> &'static str {
        match self {
            MergeError::NoShards => "name every shard's table",
            MergeError::OtherSweep { .. } | MergeError::OtherColumns { .. } => {
                "merge only the shards of one sweep, run with the same case, variant, runs, seed and --set"
            }
            MergeError::OtherSplit { .. } => "merge shards run with the same N in --shard I/N",
            MergeError::ShardTwice { .. } => "name each shard once",
            MergeError::ShardMissing { .. } => {
                "run the missing shards with the same options and --shard I/N, then merge them all"
            }
            MergeError::NoGrid { .. } | MergeError::PointCount { .. } => "merge tables written by `covenant sweep`",
            MergeError::ExtraRow { .. }
            | MergeError::PointMissing { .. }
            | MergeError::OutOfOrder { .. }
            | MergeError::OtherSettings { .. } => "merge tables written by `covenant sweep`, unedited",
        }
    }
}

/// `shards 2/3, 3/3 are missing (2 of 3)`: the first ten of them, and how many.
fn missing_shards(missing: &[usize], count: usize) -> String {
    let shards: Vec<String> = missing.iter().map(|&index| Shard { index, count }.to_string()).collect();
    let list = if shards.len() > 10 { format!("{}, …", shards[..10].join(", ")) } else { shards.join(", ") };
    let (noun, verb) = if shards.len() == 1 { ("shard", "is") } else { ("shards", "are") };
    format!("{noun} {list} {verb} missing ({} of {count})", shards.len())
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
        return Err(MergeError::NoShards);
    };
    for part in &parts[1..] {
        for ((field, value), (_, first_value)) in
            identity(&part.table.metadata).into_iter().zip(identity(&first.table.metadata))
        {
            if value != first_value {
                return Err(MergeError::OtherSweep {
                    name: part.name.clone(),
                    first: first.name.clone(),
                    field,
                    value,
                    first_value,
                });
            }
        }
        if part.table.columns != first.table.columns {
            return Err(MergeError::OtherColumns { name: part.name.clone(), first: first.name.clone() });
        }
    }
    let count = first.table.metadata.shard.count;
    let mut by_shard: Vec<Option<&Part>> = vec![None; count];
    for part in parts {
        let shard = part.table.metadata.shard;
        if shard.count != count {
            return Err(MergeError::OtherSplit {
                name: part.name.clone(),
                shard,
                first: first.name.clone(),
                first_shard: first.table.metadata.shard,
            });
        }
        if let Some(earlier) = by_shard[shard.index - 1] {
            return Err(MergeError::ShardTwice { shard, earlier: earlier.name.clone(), later: part.name.clone() });
        }
        by_shard[shard.index - 1] = Some(part);
    }
    let missing: Vec<usize> = (1..=count).filter(|i| by_shard[i - 1].is_none()).collect();
    if !missing.is_empty() {
        return Err(MergeError::ShardMissing { missing, count });
    }
    let grid =
        first.table.metadata.grid().map_err(|source| MergeError::NoGrid { first: first.name.clone(), source })?;
    if grid.points() != first.table.metadata.points {
        return Err(MergeError::PointCount {
            first: first.name.clone(),
            points: first.table.metadata.points,
            grid_points: grid.points(),
        });
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
            let point = extra.first().map_or("?", String::as_str).to_string();
            return Err(MergeError::ExtraRow { name: part.name.clone(), point });
        }
    }
    let mut metadata = first.table.metadata.clone();
    metadata.shard = Shard::WHOLE;
    Ok(Table { metadata, columns: first.table.columns.clone(), rows })
}

/// A shard's next row must be the point the grid deals it, with the grid's values.
fn check_row(part: &Part, grid: &Grid, point: usize, row: Option<&Vec<String>>) -> Result<(), MergeError> {
    let shard = part.table.metadata.shard;
    let Some(row) = row else {
        return Err(MergeError::PointMissing { name: part.name.clone(), shard, point });
    };
    if row.first().map(String::as_str) != Some(point.to_string().as_str()) {
        let found = row.first().map_or("", String::as_str).to_string();
        return Err(MergeError::OutOfOrder { name: part.name.clone(), shard, point, found });
    }
    let values = grid.values(point);
    if row.get(1..=values.len()).is_none_or(|written| written.iter().zip(&values).any(|(w, v)| w != v)) {
        let expected: Vec<String> = grid.axes.iter().zip(&values).map(|(a, v)| format!("{}={v}", a.path)).collect();
        return Err(MergeError::OtherSettings { name: part.name.clone(), point, expected });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::{parse_set, GridError};

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
        let error = merge(&[short, part(2, 2)]).unwrap_err();
        assert!(matches!(error, MergeError::PointMissing { point: 4, .. }), "{error:?}");
        assert_eq!(error.to_string(), "`1.csv` does not hold shard 1/2 whole: point 4 is missing");
        let mut long = part(2, 2);
        long.table.rows.push(vec!["5".into(), "1.25".into(), "25".into()]);
        let error = merge(&[part(1, 2), long]).unwrap_err();
        assert!(matches!(&error, MergeError::ExtraRow { point, .. } if point == "5"), "{error:?}");
        assert_eq!(error.to_string(), "`2.csv` holds a row for point 5 beyond its share of the grid");
        let mut wrong = part(1, 1);
        wrong.table.metadata.points = 6;
        let other = merge(&[wrong]).unwrap_err();
        assert!(matches!(other, MergeError::PointCount { points: 6, grid_points: 5, .. }), "{other:?}");
        assert_eq!(other.to_string(), "`1.csv` says the grid has 6 points, but its --set lines make 5");
        let mut variant = part(2, 2);
        variant.table.metadata.variant = Some("automatic".into());
        let error = merge(&[part(1, 2), variant]).unwrap_err();
        assert!(matches!(error, MergeError::OtherSweep { field: "variant", .. }), "{error:?}");
        assert_eq!(error.to_string(), "`2.csv` is from another sweep than `1.csv`: variant `automatic` against base");
        let error = merge(&[]).unwrap_err();
        assert_eq!(error, MergeError::NoShards);
        assert_eq!(error.to_string(), "no shards to merge");
        assert_eq!(error.help(), "name every shard's table");
    }

    #[test]
    fn shards_of_another_sweep_are_refused_by_the_field_that_differs() {
        let mut seeded = part(2, 2);
        seeded.table.metadata.first_seed = 7;
        let error = merge(&[part(1, 2), seeded]).unwrap_err();
        assert_eq!(
            error,
            MergeError::OtherSweep {
                name: "2.csv".into(),
                first: "1.csv".into(),
                field: "first seed",
                value: "7".into(),
                first_value: "1".into()
            }
        );
        assert_eq!(error.to_string(), "`2.csv` is from another sweep than `1.csv`: first seed 7 against 1");
        assert_eq!(
            error.help(),
            "merge only the shards of one sweep, run with the same case, variant, runs, seed and --set"
        );
        let mut moved = part(2, 2);
        moved.table.metadata.case = "elsewhere/case.cov".into();
        assert!(merge(&[part(1, 2), moved]).is_ok(), "only the case's path may differ");
    }

    #[test]
    fn shards_with_other_columns_are_refused() {
        let mut renamed = part(2, 2);
        renamed.table.columns[2] = "peace".into();
        let error = merge(&[part(1, 2), renamed]).unwrap_err();
        assert_eq!(error, MergeError::OtherColumns { name: "2.csv".into(), first: "1.csv".into() });
        assert_eq!(error.to_string(), "`2.csv` has other columns than `1.csv`");
        assert_eq!(
            error.help(),
            "merge only the shards of one sweep, run with the same case, variant, runs, seed and --set"
        );
    }

    #[test]
    fn shards_of_other_splits_are_refused() {
        let error = merge(&[part(1, 2), part(2, 3)]).unwrap_err();
        assert_eq!(
            error,
            MergeError::OtherSplit {
                name: "2.csv".into(),
                shard: Shard { index: 2, count: 3 },
                first: "1.csv".into(),
                first_shard: Shard { index: 1, count: 2 }
            }
        );
        assert_eq!(
            error.to_string(),
            "`2.csv` is shard 2/3, but `1.csv` is shard 1/2: they split the grid differently"
        );
        assert_eq!(error.help(), "merge shards run with the same N in --shard I/N");
    }

    #[test]
    fn a_shard_given_twice_is_refused() {
        let mut again = part(2, 3);
        again.name = "again.csv".into();
        let error = merge(&[part(2, 3), part(1, 3), again, part(3, 3)]).unwrap_err();
        assert_eq!(
            error,
            MergeError::ShardTwice {
                shard: Shard { index: 2, count: 3 },
                earlier: "2.csv".into(),
                later: "again.csv".into()
            }
        );
        assert_eq!(error.to_string(), "shard 2/3 is given twice: `2.csv` and `again.csv`");
        assert_eq!(error.help(), "name each shard once");
    }

    #[test]
    fn missing_shards_are_named_the_first_ten_of_them() {
        let error = merge(&[part(1, 3), part(3, 3)]).unwrap_err();
        assert_eq!(error, MergeError::ShardMissing { missing: vec![2], count: 3 });
        assert_eq!(error.to_string(), "shard 2/3 is missing (1 of 3)");
        assert_eq!(error.help(), "run the missing shards with the same options and --shard I/N, then merge them all");
        let error = merge(&[part(1, 3)]).unwrap_err();
        assert_eq!(error, MergeError::ShardMissing { missing: vec![2, 3], count: 3 });
        assert_eq!(error.to_string(), "shards 2/3, 3/3 are missing (2 of 3)");
        let error = merge(&[part(5, 12)]).unwrap_err();
        assert!(matches!(&error, MergeError::ShardMissing { missing, count: 12 } if missing.len() == 11), "{error:?}");
        assert_eq!(
            error.to_string(),
            "shards 1/12, 2/12, 3/12, 4/12, 6/12, 7/12, 8/12, 9/12, 10/12, 11/12, … are missing (11 of 12)"
        );
    }

    #[test]
    fn a_first_shard_whose_set_lines_make_no_grid_is_refused_with_the_reason() {
        let mut unreadable = part(1, 1);
        unreadable.table.metadata.sets = vec!["a.x=0..1".into()];
        let error = merge(&[unreadable]).unwrap_err();
        let MergeError::NoGrid { first, source } = &error else { panic!("{error:?}") };
        assert_eq!(first, "1.csv");
        assert_eq!(
            *source,
            TableError::BadSet {
                set: "a.x=0..1".into(),
                source: Box::new(crate::sweep::SetError::StepMissing { spec: "0..1".into() })
            }
        );
        assert_eq!(
            error.to_string(),
            "`1.csv` does not describe a grid: its set `a.x=0..1`: the range `0..1` needs a step, such as `0..1/0.1`"
        );
        assert_eq!(error.help(), "merge tables written by `covenant sweep`");
        let source = std::error::Error::source(&error).expect("the table's error");
        assert_eq!(source.to_string(), "its set `a.x=0..1`: the range `0..1` needs a step, such as `0..1/0.1`");
        let mut twice = part(1, 1);
        twice.table.metadata.sets = vec!["a.x=0..1/0.25".into(), "a.x=0.5".into()];
        let error = merge(&[twice]).unwrap_err();
        assert!(
            matches!(&error, MergeError::NoGrid { source: TableError::BadGrid(GridError::SweptTwice(path)), .. } if path == "a.x"),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "`1.csv` does not describe a grid: `a.x` is swept twice; give each setting one --set"
        );
    }

    #[test]
    fn a_shard_must_hold_its_points_in_order_with_the_grids_values() {
        let mut swapped = part(1, 2);
        swapped.table.rows.swap(0, 1);
        let error = merge(&[swapped, part(2, 2)]).unwrap_err();
        assert_eq!(
            error,
            MergeError::OutOfOrder {
                name: "1.csv".into(),
                shard: Shard { index: 1, count: 2 },
                point: 0,
                found: "2".into()
            }
        );
        assert_eq!(
            error.to_string(),
            "`1.csv` does not hold shard 1/2 as the sweep wrote it: point 0 should come next, not `2`"
        );
        assert_eq!(error.help(), "merge tables written by `covenant sweep`, unedited");
        let mut edited = part(2, 2);
        edited.table.rows[1][1] = "0.8".into();
        let error = merge(&[part(1, 2), edited]).unwrap_err();
        assert_eq!(
            error,
            MergeError::OtherSettings { name: "2.csv".into(), point: 3, expected: vec!["a.x=0.75".into()] }
        );
        assert_eq!(error.to_string(), "`2.csv` gives point 3 other settings than the grid's a.x=0.75");
        assert_eq!(error.help(), "merge tables written by `covenant sweep`, unedited");
        let mut cut = part(2, 2);
        cut.table.rows[0].truncate(1);
        let error = merge(&[part(1, 2), cut]).unwrap_err();
        assert!(matches!(error, MergeError::OtherSettings { point: 1, .. }), "a row without the settings: {error:?}");
    }

    #[test]
    fn every_refusal_about_a_shards_rows_asks_for_unedited_tables() {
        let mut short = part(2, 2);
        short.table.rows.clear();
        let missing = merge(&[part(1, 2), short]).unwrap_err();
        assert_eq!(
            missing,
            MergeError::PointMissing { name: "2.csv".into(), shard: Shard { index: 2, count: 2 }, point: 1 }
        );
        let mut long = part(1, 1);
        long.table.rows.push(vec!["x".into()]);
        let extra = merge(&[long]).unwrap_err();
        assert_eq!(extra, MergeError::ExtraRow { name: "1.csv".into(), point: "x".into() });
        for error in [missing, extra] {
            assert_eq!(error.help(), "merge tables written by `covenant sweep`, unedited", "{error}");
        }
        let mut wrong = part(1, 1);
        wrong.table.metadata.points = 4;
        let error = merge(&[wrong]).unwrap_err();
        assert_eq!(error, MergeError::PointCount { first: "1.csv".into(), points: 4, grid_points: 5 });
        assert_eq!(error.help(), "merge tables written by `covenant sweep`");
    }
}
