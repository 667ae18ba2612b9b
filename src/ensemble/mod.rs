//! Ensembles: one case run over many seeds in parallel, folded into frequencies that merge exactly.
//!
//! Run `i` of an ensemble uses the seed [`seed_of_run`]`(S, i)`, so any run
//! can be replayed alone with `covenant run --seed`. Each run is reduced at
//! once to a small [`RunOutcome`] and counted into an [`Aggregate`]; no log
//! is kept, so memory does not grow with the number of runs. Every
//! aggregate is a sum of integers, so partial aggregates merge in any order
//! to the same result: an ensemble is the same, bit for bit, whatever the
//! number of threads that ran it. [`paired`] counts two sides run on the
//! same seeds pair by pair, for `covenant diff --runs`.
//!
//! ```
//! use covenant::{check, ensemble, load};
//!
//! let loaded = load::load("tests/cases/concert_short.cov".as_ref(), load::LoadOptions::default()).unwrap();
//! let scenario = check::check(&loaded).scenario.unwrap();
//! let options = ensemble::EnsembleOptions { runs: 20, first_seed: None, variant: None };
//! let ensemble = ensemble::run(&scenario, &options, &|_| {}).unwrap();
//! let summary = ensemble.aggregate.summary();
//! assert_eq!(summary.runs, 20);
//! assert!(summary.great_power_war.share <= 1.0);
//! ```

mod aggregate;
pub mod measure;
pub(crate) mod outcome;
pub mod paired;
mod summary;

use rayon::prelude::*;

use crate::engine::{RunError, Spare, Start};
use crate::scenario::Scenario;

pub use aggregate::{Aggregate, Tally, YearHistogram, STRENGTH_STEPS};
pub use measure::{Measure, MEASURES};
pub use outcome::RunOutcome;
pub use summary::{CommitmentSummary, Frequency, Mean, NormSummary, Quartiles, Summary};

/// The seed of run `index` (from 0) of an ensemble whose first seed is
/// `first`: `first + index`, wrapping. `covenant test` and `covenant run
/// --runs` both use it, so a run named in either can be replayed with
/// `covenant run --seed`.
pub fn seed_of_run(first: u64, index: u64) -> u64 {
    first.wrapping_add(index)
}

/// What to run as an ensemble: how many runs, from which seed, of which variant.
#[derive(Debug, Clone, Default)]
pub struct EnsembleOptions {
    pub runs: u64,
    /// The seed of the first run; the case's own seed by default.
    pub first_seed: Option<u64>,
    /// The name of a variant of the case.
    pub variant: Option<String>,
}

/// A finished ensemble: how it was run, and what its runs came to.
#[derive(Debug, Clone, PartialEq)]
pub struct Ensemble {
    pub first_seed: u64,
    pub variant: Option<String>,
    /// Every model parameter's value at the start of each run, in [`crate::model::PARAMETERS`] order.
    pub parameters: Vec<f64>,
    pub aggregate: Aggregate,
}

/// Runs an ensemble of a checked scenario on the current rayon thread pool
/// (wrap the call in `ThreadPool::install` to choose the threads).
/// `progress` is called with 1 after each run, from whichever thread ran it.
pub fn run<'s>(
    scenario: &'s Scenario,
    options: &EnsembleOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Ensemble, RunError> {
    let start = Start::new(scenario, options.variant.as_deref())?;
    let first_seed = options.first_seed.unwrap_or(scenario.seed.value);
    let empty = Aggregate::for_scenario(scenario);
    // Each fold counts its runs in the room of the one before (`counted_from`).
    let add = |(aggregate, spare): &mut (Aggregate, Spare<'s>), _: u64, seed: u64| {
        aggregate.add(&RunOutcome::counted_from(&start, seed, spare)?);
        Ok(())
    };
    let merge = |(a, spare): (Aggregate, Spare<'s>), (b, _): (Aggregate, Spare<'s>)| (a.merge(b), spare);
    let (aggregate, _) = fold_runs(|| (empty.clone(), None), options.runs, first_seed, add, merge, progress)?;
    Ok(Ensemble { first_seed, variant: options.variant.clone(), parameters: start.parameters().to_vec(), aggregate })
}

/// The one parallel loop of every ensemble: run `index` (from 0) of `runs`
/// gets the seed [`seed_of_run`]`(first_seed, index)` and is added by `add`
/// into a fold started by `empty`; the folds of the threads are merged by
/// `merge`. Folds that merge exactly give the same result on any number of
/// threads. `progress` is called with 1 after each run.
///
/// A run that fails stops the fold, and the error is that of the first
/// run (by index) to fail, whichever thread found one first: threads stop
/// at the first failure each meets, so the runs before the one reported
/// are run again in order to find any earlier one. A failed ensemble thus
/// names the same run on any number of threads.
pub fn fold_runs<A, E>(
    empty: impl Fn() -> A + Sync + Send,
    runs: u64,
    first_seed: u64,
    add: impl Fn(&mut A, u64, u64) -> Result<(), E> + Sync + Send,
    merge: impl Fn(A, A) -> A + Sync + Send,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<A, E>
where
    A: Send,
    E: Send,
{
    let folded = (0..runs)
        .into_par_iter()
        .try_fold(&empty, |mut fold, index| {
            add(&mut fold, index, seed_of_run(first_seed, index)).map_err(|error| (index, error))?;
            progress(1);
            Ok(fold)
        })
        .try_reduce(&empty, |a, b| Ok(merge(a, b)));
    match folded {
        Ok(fold) => Ok(fold),
        Err((failed, error)) => {
            let mut scratch = empty();
            for index in 0..failed {
                add(&mut scratch, index, seed_of_run(first_seed, index))?;
            }
            Err(error)
        }
    }
}
