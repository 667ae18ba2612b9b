//! Two sides compared over an ensemble of paired seeds: both sides run on every seed, and each pair is counted as it comes.
//!
//! Run `i` of both sides uses the seed `seed_of_run(S, i)`, so a pair's two
//! runs draw the same numbers until their histories part; the differences
//! between the sides are read pair by pair (see [`crate::ensemble::paired`]).
//! No log is kept once its pair is counted, so memory does not grow with
//! the number of runs, and the result is the same for any number of threads.

use crate::engine::{self, Run, RunError, Running, Spare, Start, State, Trace};
use crate::ensemble::outcome::READS as OUTCOME_READS;
use crate::ensemble::paired::{Matched, PairedAggregate, PairedOutcome};
use crate::ensemble::{fold_runs, Aggregate, RunOutcome};
use crate::log::Kinds;
use crate::scenario::{Scenario, Variant};
use crate::source::Sources;

use super::{differences, events_match, identical, settings, Difference, History, Side, Sides};

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
    // Over the same years, the two sides are run a year at a time side by
    // side (`in_step`); otherwise each is run whole and their logs compared.
    let same_years = {
        let (l, r) = (&sides.left.scenario.period, &sides.right.scenario.period);
        (l.start, l.end) == (r.start, r.end)
    };
    let scenarios = sides.map(|_, s| s.scenario);
    let add = |(aggregate, left, right): &mut Fold<'a>, index: u64, seed: u64| -> Result<(), SideFailed> {
        if same_years {
            let pair = in_step(scenarios, &starts, seed, left, right)?;
            aggregate.add(index, &pair);
            return Ok(());
        }
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

/// Runs both sides on `seed` a year at a time, side by side, each keeping
/// only the year under way: while the histories match, every event of the
/// year is kept and held against the other side's; once they part (a year
/// whose events differ), both keep only what their outcomes count. What
/// it finds is what comparing the two whole logs finds: events are in the
/// order of their years, which the two sides share.
fn in_step<'a>(
    scenarios: Sides<&'a Scenario>,
    starts: &Sides<Start<'a>>,
    seed: u64,
    left: &mut Spare<'a>,
    right: &mut Spare<'a>,
) -> Result<PairedOutcome, SideFailed> {
    let failed = |side: Side| move |error: RunError| SideFailed { side, error };
    let runs = Sides {
        left: Running::reuse(left, &starts.left, seed, Running::comparing_from),
        right: Running::reuse(right, &starts.right, seed, Running::comparing_from),
    };
    // A run of the pair before may have parted, and kept less since.
    for running in [&mut *runs.left, &mut *runs.right] {
        running.keep_from_now(Trace::Decisions, Kinds::ALL);
    }
    let mut outcomes = scenarios.map(|_, s| RunOutcome::before(s));
    let mut matching = true;
    loop {
        let left = runs.left.next_year().map_err(failed(Side::Left))?;
        let right = runs.right.next_year().map_err(failed(Side::Right))?;
        if left.is_none() {
            debug_assert!(right.is_none(), "the sides share their years");
            break;
        }
        if matching {
            matching =
                events_match(scenarios, Sides { left: runs.left.year_events(), right: runs.right.year_events() });
            if !matching {
                for running in [&mut *runs.left, &mut *runs.right] {
                    running.keep_from_now(Trace::Outcomes, OUTCOME_READS);
                }
            }
        }
        outcomes.left.count_year(runs.left);
        outcomes.right.count_year(runs.right);
    }
    outcomes.left.close_run(runs.left);
    outcomes.right.close_run(runs.right);
    Ok(PairedOutcome { outcomes, histories_differ: !matching })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;

    fn example(path: &str) -> (Scenario, Sources) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let loaded = crate::load::load(&path, crate::load::LoadOptions::default()).expect("the example");
        let scenario = crate::check::check(&loaded).scenario.expect("it checks");
        (scenario, loaded.sources)
    }

    /// The pair as the two whole logs compare it, each side traced in full.
    fn whole(sides: Sides<(&Scenario, &Sources, Option<&str>)>, seed: u64) -> PairedOutcome {
        let runs = sides.map(|_, (scenario, _, variant)| {
            let start = Start::new(scenario, *variant).expect("the variant");
            let mut running = Running::traced_from(&start, seed, Trace::Decisions);
            while running.next_year().expect("it runs").is_some() {}
            running.finish()
        });
        let histories = sides.map(|side, (scenario, sources, _)| History { scenario, sources, run: runs.get(side) });
        PairedOutcome {
            outcomes: histories.map(|_, h| RunOutcome::of(h.scenario, h.run)),
            histories_differ: !identical(&histories),
        }
    }

    /// Run side by side a year at a time, keeping less once they part, the
    /// two sides of every variant of the examples against their base come
    /// to what their whole logs compared do, seed for seed: the same
    /// outcomes, and the same finding of whether the histories differ.
    #[test]
    fn a_pair_run_in_step_is_the_pair_run_whole() {
        let mut parted = 0;
        for path in [
            "examples/classroom.cov",
            "examples/concert_of_europe_1815.cov",
            "examples/league_of_nations_1931.cov",
            "examples/allies_1945.cov",
        ] {
            let (scenario, sources) = example(path);
            for variant in scenario.variants.iter().map(|v| Some(v.name.as_str())).chain([None]) {
                let sides = Sides { left: (&scenario, &sources, None), right: (&scenario, &sources, variant) };
                let starts = sides.map(|_, (s, _, v)| Start::new(s, *v).expect("the variant"));
                let (mut left, mut right) = (None, None);
                for seed in 1..=12 {
                    let stepped =
                        in_step(sides.map(|_, s| s.0), &starts, seed, &mut left, &mut right).expect("both sides run");
                    assert_eq!(stepped, whole(sides, seed), "{path} {variant:?} seed {seed}");
                    parted += usize::from(stepped.histories_differ);
                }
            }
        }
        assert!(parted > 20, "pairs that part are among those compared: {parted}");
    }
}
