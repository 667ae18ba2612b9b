//! What wears norms and commitments down: violations, defections and splits.

use crate::log::{EventKind, Seq};
use crate::scenario::{Act, CommitmentId, NormId};

use super::World;

/// Which of a commitment's standings falls.
#[derive(Debug, Clone, Copy)]
pub(super) enum Standing {
    Credibility,
    Cohesion,
}

impl World<'_> {
    /// Weakens every norm that forbids `act` by `violation_norm_loss`, one
    /// event per norm, each following `after`.
    pub(super) fn violate(&mut self, act: Act, after: Seq) {
        let loss = self.state.param(parameter!("violation_norm_loss"));
        let (word, label) = match act {
            Act::Conquest => ("conquest", "forbids conquest"),
            Act::Intervention => ("intervention", "forbids intervention"),
        };
        for n in 0..self.scenario.norms.len() {
            if !self.scenario.norms[n].forbids.contains(&act) {
                continue;
            }
            let before = self.state.norms[n];
            let now = self.state.weaken_norm(NormId(n), loss);
            let name = &self.scenario.norms[n].name;
            self.log
                .event(
                    EventKind::Norm,
                    text!(self.log, "norm `{name}` is violated by the {word}: {before:.2} to {now:.2}"),
                )
                .cause(self.scenario.norms[n].span, label)
                .after(after)
                .figure("before", before)
                .figure("after", now)
                .record();
        }
    }

    /// Lowers a commitment's credibility or cohesion by `loss` and counts the
    /// event among the causes of a later dissolution.
    pub(super) fn wear(&mut self, commitment: CommitmentId, standing: Standing, loss: f64, after: Seq) {
        let declared = &self.scenario.commitments[commitment.0];
        let state = &mut self.state.commitments[commitment.0];
        let (word, value) = match standing {
            Standing::Credibility => ("credibility", &mut state.credibility),
            Standing::Cohesion => ("cohesion", &mut state.cohesion),
        };
        let before = *value;
        *value = (before - loss).max(0.0);
        let now = *value;
        let seq = self
            .log
            .event(EventKind::Standing, text!(self.log, "`{}` loses {word}: {before:.2} to {now:.2}", declared.name))
            .commitment(commitment)
            .cause(declared.span, "the commitment")
            .after(after)
            .figure("before", before)
            .figure("after", now)
            .record();
        self.state.commitments[commitment.0].wear.push(seq);
    }
}
