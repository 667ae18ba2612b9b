//! What an ensemble keeps of one run: the few facts its frequencies count, and nothing of the log.

use crate::engine::{self, Run, RunError, RunOptions, Running, Spare, Start};
use crate::log::{Event, EventKind, Kinds, Seq};
use crate::scenario::{PowerId, Scenario, Variant};

use super::measure::{self, COUNT};

/// The kinds of event an outcome reads: those the measures count, and
/// the dissolution of a commitment.
pub(crate) const READS: Kinds = measure::KINDS.with(EventKind::Dissolved);

/// What one run came to, reduced to what an ensemble counts. Small on
/// purpose: an ensemble holds only a few of these at a time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunOutcome {
    /// The year of the first war with great powers on opposite sides, if any.
    pub first_great_war: Option<i32>,
    /// Each measure's count, in [`MEASURES`] order.
    pub counts: [u32; COUNT],
    /// Per commitment, in declaration order: the year it dissolved, or `None` if alive at the end.
    pub dissolved: Vec<Option<i32>>,
    /// Per norm, in declaration order: its strength at the end of the last year.
    pub norm_strengths: Vec<f64>,
}

impl RunOutcome {
    /// Runs `scenario` once and counts what it comes to as it goes, holding
    /// no more of its log than the year under way: what an ensemble does
    /// with each of its runs. The same as [`RunOutcome::of`] a traced run.
    pub fn counted(scenario: &Scenario, options: &RunOptions) -> Result<RunOutcome, RunError> {
        let start = Start::new(scenario, options.variant.as_deref())?;
        RunOutcome::counted_from(&start, options.seed.unwrap_or(scenario.seed.value), &mut None)
    }

    /// Counts a run from `start` with `seed`, as [`RunOutcome::counted`]
    /// does, in the room of the run last counted in `spare` (if any), which
    /// is left there for the next: an ensemble's thread counts all its runs
    /// in one.
    pub fn counted_from<'s>(start: &Start<'s>, seed: u64, spare: &mut Spare<'s>) -> Result<RunOutcome, RunError> {
        let running = Running::reuse(spare, start, seed, |start, seed| Running::counting_from(start, seed, READS));
        let mut outcome = RunOutcome::before(running.scenario());
        while running.next_year()?.is_some() {
            outcome.count_year(running);
        }
        outcome.close_run(running);
        Ok(outcome)
    }

    /// Counts the year `running` last ran. Its events are read once the
    /// year is over, when every change of great-power status it made
    /// (which counts for the whole year) is known.
    pub(crate) fn count_year(&mut self, running: &Running) {
        let kind_of = |seq: Seq| running.kind(seq);
        self.count(running.scenario(), running.year_events(), running.great_changes(), &kind_of);
    }

    /// Closes the count of `running`, run to its end.
    pub(crate) fn close_run(&mut self, running: &Running) {
        self.close(running.scenario(), running.variant(), running.norms());
    }

    /// Reads what a traced run came to off its events and yearly state.
    pub fn of(scenario: &Scenario, run: &Run) -> RunOutcome {
        let mut outcome = RunOutcome::before(scenario);
        let kind_of = |seq: Seq| run.event(seq).map(|e| e.kind);
        outcome.count(scenario, &run.events, &run.great_changes, &kind_of);
        let variant = run.variant.as_deref().and_then(|name| scenario.variants.iter().find(|v| v.name == name));
        let norms: Vec<f64> =
            run.system.last().map(|last| last.norms.iter().map(|(_, s)| *s).collect()).unwrap_or_default();
        outcome.close(scenario, variant, &norms);
        outcome
    }

    /// Nothing counted yet.
    pub(crate) fn before(scenario: &Scenario) -> RunOutcome {
        RunOutcome {
            dissolved: vec![None; scenario.commitments.len()],
            norm_strengths: vec![0.0; scenario.norms.len()],
            ..RunOutcome::default()
        }
    }

    /// Counts events of the run, in order; `great_changes` holds at least
    /// every change of status up to their last year.
    fn count(
        &mut self,
        scenario: &Scenario,
        events: &[Event],
        great_changes: &[(i32, PowerId, bool)],
        kind_of: &dyn Fn(Seq) -> Option<EventKind>,
    ) {
        for event in events {
            measure::add(&mut self.counts, event, kind_of);
            if event.war_years().is_some() && self.first_great_war.is_none() {
                // Each year of a war has an event naming that year's sides,
                // those that joined it under way too: the same reading as
                // `expect no war among great`.
                let (attackers, defenders) = event.sides();
                let great = |p: &PowerId| engine::is_great(scenario, great_changes, *p, event.year);
                if attackers.iter().any(great) && defenders.iter().any(great) {
                    self.first_great_war = Some(event.year);
                }
            }
            // The year of its `dissolved` event, as `expect dissolution`
            // and the diff read it: a commitment `formed` later is not alive
            // before then, but it has not dissolved.
            if let (EventKind::Dissolved, Some(c)) = (event.kind, event.commitment) {
                self.dissolved[c.0].get_or_insert(event.year);
            }
        }
    }

    /// Closes the count at the end of the run: the norms' last strengths,
    /// and the commitments the variant removed, which never live and count
    /// as gone from the first year.
    fn close(&mut self, scenario: &Scenario, variant: Option<&Variant>, norms: &[f64]) {
        for (end, strength) in self.norm_strengths.iter_mut().zip(norms) {
            *end = *strength;
        }
        for removed in variant.iter().flat_map(|v| &v.removed_commitments) {
            self.dissolved[removed.value.0].get_or_insert(scenario.period.start);
        }
    }
}
