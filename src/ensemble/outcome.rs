//! What an ensemble keeps of one run: the few facts its frequencies count, and nothing of the log.

use crate::engine::Run;
use crate::log::EventKind;
use crate::scenario::{PowerId, Scenario};

/// What one run came to, reduced to what an ensemble counts. Small on
/// purpose: a faster engine path can fill it directly without writing the
/// traced log, and an ensemble holds only a few of these at a time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunOutcome {
    /// The year of the first war with great powers on opposite sides, if any.
    pub first_great_war: Option<i32>,
    /// Wars begun, of any powers.
    pub wars: u32,
    /// Members of automatic commitments that did not act when obliged to.
    pub defections: u32,
    /// Aggressors that stood down before a commitment's answer.
    pub deterred: u32,
    /// Targets that gave way to an aggressor without fighting.
    pub yielded: u32,
    /// Consultations held by concerts.
    pub consultations: u32,
    /// Consultations whose decision rule carried, so that the concert acted.
    pub decisions_to_act: u32,
    /// Per commitment, in declaration order: the year it dissolved, or `None` if alive at the end.
    pub dissolved: Vec<Option<i32>>,
    /// Per norm, in declaration order: its strength at the end of the last year.
    pub norm_strengths: Vec<f64>,
}

impl RunOutcome {
    /// Reads what a traced run came to off its events and yearly state.
    pub fn of(scenario: &Scenario, run: &Run) -> RunOutcome {
        let great = |p: &PowerId| scenario.powers[p.0].great.is_some();
        let mut outcome = RunOutcome {
            dissolved: vec![None; scenario.commitments.len()],
            norm_strengths: vec![0.0; scenario.norms.len()],
            ..RunOutcome::default()
        };
        for event in &run.events {
            match event.kind {
                EventKind::WarEnd => {
                    outcome.wars += 1;
                    // The end of a war names both sides, those that joined
                    // it under way too: the same reading as `expect no war
                    // among great`.
                    let (attackers, defenders) = event.sides();
                    let between_great = attackers.iter().any(great) && defenders.iter().any(great);
                    if between_great && outcome.first_great_war.is_none() {
                        outcome.first_great_war = Some(event.year);
                    }
                }
                EventKind::Defection => outcome.defections += 1,
                EventKind::Deterred => outcome.deterred += 1,
                EventKind::Yielded => outcome.yielded += 1,
                EventKind::Consult => outcome.consultations += 1,
                // A concert that acts raises its members' trust in each
                // other, recorded right after the decision and following
                // from it; a decline or a split never does (docs/model.md).
                EventKind::Trust if decided_to_act(run, &event.after) => outcome.decisions_to_act += 1,
                _ => {}
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

/// Whether a trust event follows, first, from a concert decision.
fn decided_to_act(run: &Run, after: &[usize]) -> bool {
    // A decision's trust event follows first from the decision, then from
    // the earlier changes of the trust it raises.
    after.first().is_some_and(|seq| run.event(*seq).is_some_and(|e| e.kind == EventKind::Decision))
}
