//! What wears norms and commitments down (violations and splits), and what a crisis teaches about a commitment.

use crate::log::{EventKind, Seq};
use crate::scenario::{Act, CommitmentId, NormId, PowerId};

use super::World;

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
            let changed = self
                .log
                .event(
                    EventKind::Norm,
                    text!(self.log, "norm `{name}` is violated by the {word}: {before:.2} to {now:.2}"),
                )
                .cause(self.scenario.norms[n].span, label)
                .after(after)
                .after_opt(self.state.norm_changes[n])
                .figure("before", before)
                .figure("after", now)
                .record();
            self.state.norm_changes[n] = Some(changed);
        }
    }

    /// Lowers a concert's cohesion by `loss` and counts the event among the
    /// causes of a later dissolution.
    pub(super) fn wear(&mut self, commitment: CommitmentId, loss: f64, after: Seq) {
        let declared = &self.scenario.commitments[commitment.0];
        let state = &mut self.state.commitments[commitment.0];
        let before = state.cohesion;
        state.cohesion = (before - loss).max(0.0);
        let now = state.cohesion;
        let seq = self
            .log
            .event(EventKind::Standing, text!(self.log, "`{}` loses cohesion: {before:.2} to {now:.2}", declared.name))
            .commitment(commitment)
            .cause(declared.span, "the commitment")
            .after(after)
            .after_opt(state.standing_changed)
            .figure("before", before)
            .figure("after", now)
            .record();
        self.state.commitments[commitment.0].wear.push(seq);
        self.state.commitments[commitment.0].standing_changed = Some(seq);
    }

    /// Raises a concert's cohesion by `success_cohesion_gain` after a decision
    /// to act that kept the peace, `after`: the aggressor deterred or its
    /// demand settled at the concert's conference. A concert that keeps the
    /// peace by conferences holds together by doing so (Jervis 1985:
    /// cooperation feeds on itself); without it a concert's cohesion could
    /// only fall, and every concert dissolved in time.
    pub(super) fn reinforce(&mut self, commitment: CommitmentId, after: Seq) {
        let gain = self.state.param(parameter!("success_cohesion_gain"));
        let declared = &self.scenario.commitments[commitment.0];
        let state = &mut self.state.commitments[commitment.0];
        let before = state.cohesion;
        state.cohesion = (before + gain).min(1.0);
        let now = state.cohesion;
        if now == before {
            return;
        }
        let previous = state.standing_changed;
        let seq = self
            .log
            .event(EventKind::Standing, text!(self.log, "`{}` gains cohesion: {before:.2} to {now:.2}", declared.name))
            .commitment(commitment)
            .cause(declared.span, "a decision to act that kept the peace")
            .cause_opt(self.state.parameter_spans[parameter!("success_cohesion_gain")], || {
                format!("success_cohesion_gain {gain}")
            })
            .after(after)
            .after_opt(previous)
            .figure("before", before)
            .figure("after", now)
            .record();
        self.state.commitments[commitment.0].standing_changed = Some(seq);
    }

    /// Moves an automatic commitment's credibility toward what its members
    /// have just shown: the share of the obliged capability that honoured
    /// the call, weighted by capability because a great power's defection
    /// tells the others more than a small one's. Credibility is what the
    /// members expect of each other; a crisis answered in full raises it
    /// toward 1, a crisis abandoned by all wears it toward 0, each by
    /// `credibility_learning` of the way (Kupchan & Kupchan 1995,
    /// pp. 53–54: collective security stands on the belief that others will
    /// honour the commitment). A fall counts among the causes of a later
    /// dissolution.
    pub(super) fn learn(&mut self, commitment: CommitmentId, answers: &[Answer]) {
        if answers.is_empty() {
            return;
        }
        let weight = |a: &Answer| self.state.powers[a.member.0].capability;
        let obliged: f64 = answers.iter().map(weight).sum();
        // Folded from +0.0 rather than summed: an empty `sum` is −0.0, and
        // a crisis nobody honoured would log `honoured` as −0.
        let honoured = if obliged > 0.0 {
            answers.iter().filter(|a| a.honoured).map(weight).fold(0.0, |sum, c| sum + c) / obliged
        } else {
            answers.iter().filter(|a| a.honoured).count() as f64 / answers.len() as f64
        };
        let rate = self.state.param(parameter!("credibility_learning"));
        let before = self.state.commitments[commitment.0].credibility;
        let now = (before + rate * (honoured - before)).clamp(0.0, 1.0);
        if now == before {
            return;
        }
        self.state.commitments[commitment.0].credibility = now;
        let declared = &self.scenario.commitments[commitment.0];
        let word = if now < before { "loses" } else { "gains" };
        let mut draft = self
            .log
            .event(
                EventKind::Standing,
                text!(
                    self.log,
                    "`{}` {word} credibility: {before:.2} to {now:.2}; \
                     members with {honoured:.2} of the obliged capability honoured it",
                    declared.name
                ),
            )
            .commitment(commitment)
            .cause(declared.span, "the commitment")
            .cause_opt(self.state.parameter_spans[parameter!("credibility_learning")], || {
                format!("credibility_learning {rate}")
            })
            .figure("before", before)
            .figure("after", now)
            .figure("honoured", honoured)
            .figure("credibility_learning", rate);
        for answer in answers {
            draft = draft.after(answer.because);
        }
        let seq = draft.after_opt(self.state.commitments[commitment.0].standing_changed).record();
        self.state.commitments[commitment.0].standing_changed = Some(seq);
        if now < before {
            self.state.commitments[commitment.0].wear.push(seq);
        }
    }
}

/// One obliged member's answer to an automatic commitment's call.
pub(super) struct Answer {
    pub member: PowerId,
    /// It acted (fought, imposed sanctions or intervened) rather than defected.
    pub honoured: bool,
    /// The event of its answer.
    pub because: Seq,
}
