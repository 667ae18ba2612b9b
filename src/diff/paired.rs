//! Two sides compared over an ensemble of paired seeds: both sides run on every seed, and each pair is counted as it comes.
//!
//! Run `i` of both sides uses the seed `seed_of_run(S, i)`, so a pair's two
//! runs draw the same numbers until their histories part; the differences
//! between the sides are read pair by pair (see [`crate::ensemble::paired`]).
//! No log is kept once its pair is counted, so memory does not grow with
//! the number of runs, and the result is the same for any number of threads.

use crate::engine::{self, Run, RunError, Running, Spare, Start, State, Trace};
use crate::ensemble::paired::{Matched, PairedAggregate, PairedOutcome};
use crate::ensemble::{fold_runs, Aggregate, RunOutcome};
use crate::scenario::{Scenario, Variant};
use crate::source::Sources;

use super::{differences, identical, settings, Difference, History, Side, Sides};

/// One side of an ensemble diff: a checked case, its text, and the variant it runs.
#[derive(Debug, Clone, Copy)]
pub struct Contender<'a> {
    pub scenario: &'a Scenario,
    pub sources: &'a Sources,
    /// The name of a variant of the case, or `None` for its base.
    pub variant: Option<&'a str>,
}

impl<'a> Contender<'a> {
    /// The variant named, or the error `covenant run` gives for an unknown one.
    fn variant(&self) -> Result<Option<&'a Variant>, RunError> {
        engine::variant(self.scenario, self.variant)
    }
}

/// A side of a comparison that could not run: the error, and whose it is
/// (so that a division by zero is shown in that side's source).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{error}")]
pub struct SideFailed {
    pub side: Side,
    pub error: RunError,
}

/// Two sides compared over paired runs.
#[derive(Debug, Clone, PartialEq)]
pub struct EnsembleDiff {
    /// The seed of run 0 of both sides.
    pub first_seed: u64,
    /// Every setting that differs between the sides, as a one-seed diff finds them.
    pub differences: Vec<Difference>,
    /// Each side's model parameters at the start of its runs, in [`crate::model::PARAMETERS`] order.
    pub parameters: Sides<Vec<f64>>,
    pub aggregate: PairedAggregate,
}

/// Runs both sides on `runs` paired seeds from `first_seed`, in parallel
/// on the current rayon thread pool (wrap the call in
/// `ThreadPool::install` to choose the threads). `progress` is called with
/// 1 after each pair, from whichever thread ran it. An unknown variant is
/// refused before anything runs; the error names the side it is of.
pub fn compare_ensembles<'a>(
    sides: &Sides<Contender<'a>>,
    runs: u64,
    first_seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<EnsembleDiff, SideFailed> {
    let failed = |side: Side| move |error: RunError| SideFailed { side, error };
    let variants = Sides {
        left: sides.left.variant().map_err(failed(Side::Left))?,
        right: sides.right.variant().map_err(failed(Side::Right))?,
    };
    let entries = sides.map(|side, s| settings(s.scenario, *variants.get(side), s.sources));
    // A commitment a side's variant removes is absent there, as if never declared.
    let commitments = Matched::by_name(sides.map(|side, s| {
        let removed =
            |i: usize| variants.get(side).is_some_and(|v| v.removed_commitments.iter().any(|r| r.value.0 == i));
        s.scenario
            .commitments
            .iter()
            .enumerate()
            .filter(|(i, _)| !removed(*i))
            .map(|(i, c)| (i, c.name.as_str()))
            .collect()
    }));
    let norms =
        Matched::by_name(sides.map(|_, s| s.scenario.norms.iter().map(|n| n.name.as_str()).enumerate().collect()));
    let empty = PairedAggregate::new(sides.map(|_, s| Aggregate::for_scenario(s.scenario)), commitments, norms);
    let starts = Sides {
        left: Start::new(sides.left.scenario, sides.left.variant).map_err(failed(Side::Left))?,
        right: Start::new(sides.right.scenario, sides.right.variant).map_err(failed(Side::Right))?,
    };
    // Each fold runs its seeds in the room of the pair before (`Running::restart`).
    type Fold<'a> = (PairedAggregate, Spare<'a>, Spare<'a>);
    let run = |side: Side, seed: u64, spare: &mut Spare<'a>| -> Result<Run, SideFailed> {
        let start = starts.get(side);
        let running =
            Running::reuse(spare, start, seed, |start, seed| Running::traced_from(start, seed, Trace::Decisions));
        while running.next_year().map_err(failed(side))?.is_some() {}
        Ok(running.lend())
    };
    let add = |(aggregate, left, right): &mut Fold<'a>, index: u64, seed: u64| -> Result<(), SideFailed> {
        let runs = Sides { left: run(Side::Left, seed, left)?, right: run(Side::Right, seed, right)? };
        let histories = runs.map(|side, run| {
            let contender = sides.get(side);
            History { scenario: contender.scenario, sources: contender.sources, run }
        });
        let pair = PairedOutcome {
            outcomes: histories.map(|_, h| RunOutcome::of(h.scenario, h.run)),
            histories_differ: !identical(&histories),
        };
        aggregate.add(index, &pair);
        let Sides { left: run_left, right: run_right } = runs;
        for (spare, run) in [(left, run_left), (right, run_right)] {
            if let Some(running) = spare {
                running.give_back(run);
            }
        }
        Ok(())
    };
    let merge = |(a, left, right): Fold<'a>, (b, _, _): Fold<'a>| (a.merge(b), left, right);
    let (aggregate, _, _) = fold_runs(|| (empty.clone(), None, None), runs, first_seed, add, merge, progress)?;
    Ok(EnsembleDiff {
        first_seed,
        differences: differences(&entries.left, &entries.right),
        parameters: sides.map(|side, s| State::new(s.scenario, *variants.get(side)).parameters),
        aggregate,
    })
}
