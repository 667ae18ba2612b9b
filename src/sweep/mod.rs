//! Sweeps: one ensemble per point of a grid of settings, with the same seeds at every point.
//!
//! A sweep takes a [`Grid`] of setting values (each `--set`), resolves
//! every value through the checker as a variant's override would be
//! ([`settings::resolve`]), and runs an ensemble at each grid point with
//! those overrides laid over the base case or a chosen variant. Every
//! point uses the seeds S, S+1, …, S+N−1 (common random numbers), so two
//! points differ only by their settings, not by their luck. A sweep's
//! [`table::Table`] can be split into shards ([`Shard`]) and
//! [`merge::merge`]d back to the very same bytes.
//!
//! ```
//! use covenant::{check, load, sweep};
//!
//! let path = "tests/cases/concert_short.cov".as_ref();
//! let loaded = load::load(path, load::LoadOptions::default()).unwrap();
//! let scenario = check::check(&loaded).scenario.unwrap();
//! let grid = sweep::Grid::new(vec![sweep::parse_set("model.resolve_base=0..1/0.5").unwrap()]).unwrap();
//! let overrides = sweep::settings::resolve(loaded, &grid).unwrap();
//! let options = sweep::SweepOptions { runs: 20, first_seed: None, variant: None };
//! let points: Vec<usize> = (0..grid.points()).collect();
//! let summaries = sweep::run(&scenario, &grid, &overrides, &points, &options, &|_| {}).unwrap();
//! assert_eq!(summaries.len(), 3);
//! assert!(summaries[0].great_power_war.count <= summaries[2].great_power_war.count);
//! ```

pub mod grid;
pub mod merge;
pub mod settings;
pub mod shard;
pub mod table;

use rayon::prelude::*;

use crate::engine::RunError;
use crate::ensemble::{self, EnsembleOptions, Summary};
use crate::scenario::{Scenario, Variant};
use crate::source::{FileId, Span};

pub use grid::{parse_set, Axis, Grid, GridError, SetError, MAX_POINTS};
pub use settings::{Overrides, SettingProblem};
pub use shard::Shard;

/// How each point's ensemble runs: how many runs, from which seed, over which variant.
#[derive(Debug, Clone, Default)]
pub struct SweepOptions {
    pub runs: u64,
    /// The seed of each point's first run; the case's own seed by default.
    pub first_seed: Option<u64>,
    /// The variant the swept settings are laid over; the base case by default.
    pub variant: Option<String>,
}

/// The name of the variant a point of the base case runs as. Not a name a
/// case can declare, so it never meets one.
const BASE_POINT: &str = "(sweep point)";

/// Runs an ensemble at each of `points` (indices into `grid`) on the
/// current rayon thread pool, and returns their findings in the order of
/// `points`. Each point's settings override the variant's, when both set
/// one thing. `progress` is called with 1 after each run.
pub fn run(
    scenario: &Scenario,
    grid: &Grid,
    overrides: &Overrides,
    points: &[usize],
    options: &SweepOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<Summary>, RunError> {
    let mut template = scenario.clone();
    let slot = match &options.variant {
        Some(name) => {
            crate::engine::variant(scenario, Some(name))?;
            template.variants.iter().position(|v| v.name == *name).expect("the variant was found above")
        }
        None => {
            template.variants.push(Variant {
                name: BASE_POINT.to_string(),
                question: None,
                span: Span::new(FileId(0), 0, 0),
                overrides: Vec::new(),
                removed: Vec::new(),
                removed_commitments: Vec::new(),
                added: Vec::new(),
            });
            template.variants.len() - 1
        }
    };
    let ensemble_options = EnsembleOptions {
        runs: options.runs,
        first_seed: options.first_seed,
        variant: Some(template.variants[slot].name.clone()),
    };
    points
        .par_iter()
        .map(|&point| {
            let mut scenario = template.clone();
            let coordinates = grid.coordinates(point);
            // Applied after the variant's own overrides, so the swept value wins.
            let laid_over = coordinates.iter().enumerate().map(|(axis, &value)| overrides[axis][value].clone());
            scenario.variants[slot].overrides.extend(laid_over);
            Ok(ensemble::run(&scenario, &ensemble_options, progress)?.aggregate.summary())
        })
        .collect()
}
