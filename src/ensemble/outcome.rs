//! What an ensemble keeps of one run: the few facts its frequencies count, and nothing of the log.

use crate::engine::Run;
use crate::log::EventKind;
use crate::scenario::{PowerId, Scenario};

use super::measure::{COUNT, MEASURES};

/// What one run came to, reduced to what an ensemble counts. Small on
/// purpose: a faster engine path can fill it directly without writing the
/// traced log, and an ensemble holds only a few of these at a time.
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
    /// Reads what a traced run came to off its events and yearly state.
    pub fn of(scenario: &Scenario, run: &Run) -> RunOutcome {
        let mut outcome = RunOutcome {
            dissolved: vec![None; scenario.commitments.len()],
            norm_strengths: vec![0.0; scenario.norms.len()],
            ..RunOutcome::default()
        };
        for event in &run.events {
            for (count, measure) in outcome.counts.iter_mut().zip(&MEASURES) {
                *count += u32::from(measure.counts(run, event));
            }
            if event.war_years().is_some() && outcome.first_great_war.is_none() {
                // Each year of a war has an event naming that year's sides,
                // those that joined it under way too: the same reading as
                // `expect no war among great`.
                let (attackers, defenders) = event.sides();
                let great = |p: &PowerId| run.is_great(scenario, *p, event.year);
                if attackers.iter().any(great) && defenders.iter().any(great) {
                    outcome.first_great_war = Some(event.year);
                }
            }
        }
        // The year of its `dissolved` event, as `expect dissolution` and the
        // diff read it: a commitment `formed` later is not alive before
        // then, but it has not dissolved. One the variant removes never
        // lives, and counts as gone from the first year.
        let variant = run.variant.as_deref().and_then(|name| scenario.variants.iter().find(|v| v.name == name));
        let removed = |c: usize| variant.is_some_and(|v| v.removed_commitments.iter().any(|r| r.value.0 == c));
        for (c, dissolved) in outcome.dissolved.iter_mut().enumerate() {
            *dissolved = run
                .events
                .iter()
                .find(|e| e.kind == EventKind::Dissolved && e.commitment.is_some_and(|x| x.0 == c))
                .map(|e| e.year)
                .or_else(|| removed(c).then_some(scenario.period.start));
        }
        if let Some(last) = run.system.last() {
            for (id, strength) in &last.norms {
                outcome.norm_strengths[id.0] = *strength;
            }
        }
        outcome
    }
}
