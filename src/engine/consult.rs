//! How a commitment's members answer together: their declarations, the decision rules, and what a decision or a defection does to them.
//!
//! Aggressions and revolutions both consult this way (Kupchan & Kupchan
//! 1995: a concert's members consult and may abstain; an automatic
//! commitment's members who do not act defect).

use crate::log::{EventKind, Seq};
use crate::scenario::{CommitmentId, DecisionRule, PowerId};
use crate::source::Span;

use super::record::Draft;
use super::{Few, World};

/// A crisis a concert consults on — an aggression, a revolution — as the
/// consultation needs it: who asks, who is a party, and how a member weighs it.
pub(super) trait Matter {
    /// What a member weighed before it declared.
    type Weighed;
    /// The power the crisis is about, named in every declaration.
    fn subject(&self) -> PowerId;
    /// The power that asks for support and does not vote, if a member does.
    fn asks(&self) -> Option<PowerId> {
        None
    }
    /// Whether a member is a party to the crisis, which blocks with no draw,
    /// and the declaration that makes it one.
    fn party(&self, member: PowerId) -> Option<(Span, &'static str)>;
    /// The words of a declaration: "supports action against", …
    fn word(&self, declaration: Declaration, party: bool) -> &'static str;
    /// How willing the member is to act, and how ready to block.
    fn weigh(&self, world: &World, member: PowerId) -> Self::Weighed;
    /// The willingness and the opposition of a weighing.
    fn chances(&self, weighed: &Self::Weighed) -> (f64, f64);
    /// The declarations behind a weighing, and the earlier events it
    /// follows from (rules that set its figures, the latest change of trust).
    fn explain(&self, world: &World, member: PowerId, weighed: &Self::Weighed) -> (Vec<(Span, String)>, Vec<Seq>);
    /// Adds a weighing's figures to its declaration.
    fn figures<'a>(&self, weighed: &Self::Weighed, draft: Draft<'a>) -> Draft<'a>;
    /// What the member declared, for what the matter keeps track of.
    fn declared(&mut self, _member: PowerId, _declaration: Declaration, _weighed: Option<&Self::Weighed>) {}
}

/// The members of a concert declare in turn on a matter, each from one draw
/// (Kupchan & Kupchan 1995: a concert's members consult and may abstain):
/// the one the crisis is about asks for support, a party blocks, every
/// other member supports, opposes or abstains. Each declaration follows
/// from the consultation, the latest change of the concert's standing and
/// what the matter names. Returns the declarations and the request for support.
pub(super) fn declarations<M: Matter>(
    world: &mut World,
    commitment: CommitmentId,
    consult: Seq,
    members: &[PowerId],
    matter: &mut M,
) -> (Few<(PowerId, Declaration, Seq)>, Option<Seq>) {
    let mut declarations = Few::new();
    let mut asked = None;
    let subject = matter.subject();
    for &member in members {
        if matter.asks() == Some(member) {
            let seq = world
                .log
                .event(EventKind::Stance, text!(world.log, "{} asks for support", world.name(member)))
                .actor(member)
                .after(consult)
                .record();
            asked = Some(seq);
            continue;
        }
        if let Some((span, label)) = matter.party(member) {
            // A party's stance decided nothing: no willingness, no draw.
            let word = matter.word(Declaration::Oppose, true);
            let seq = world
                .log
                .event(EventKind::Stance, text!(world.log, "{} {word} {}", world.name(member), world.name(subject)))
                .actor(member)
                .after(consult)
                .cause(span, label)
                .record();
            matter.declared(member, Declaration::Oppose, None);
            declarations.push((member, Declaration::Oppose, seq));
            continue;
        }
        let weighed = matter.weigh(world, member);
        let (willingness, opposition) = matter.chances(&weighed);
        let draw = world.dice.draw();
        let declaration = declare(draw, willingness, opposition);
        let word = matter.word(declaration, false);
        let summary = world.log.text(|| format!("{} {word} {}", world.name(member), world.name(subject)));
        let (causes, earlier) = matter.explain(world, member, &weighed);
        let draft = world
            .log
            .event(EventKind::Stance, summary)
            .actor(member)
            .causes(causes)
            .after(consult)
            .after_all(earlier)
            .after_opt(world.state.commitments[commitment.0].standing_changed)
            .figure("opposition", opposition);
        let seq = matter.figures(&weighed, draft).threshold(willingness).draw(draw).record();
        matter.declared(member, declaration, Some(&weighed));
        declarations.push((member, declaration, seq));
    }
    (declarations, asked)
}

/// A member's declaration in a consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Declaration {
    Support,
    Oppose,
    Abstain,
}

/// A defection's price to the defector and the norm: the others' trust in
/// the defector and the norm the commitment upholds fall. What it costs
/// the commitment's credibility is judged once the crisis has been
/// answered (`World::learn`), from everyone's answers together.
pub(super) fn defect(world: &mut World, commitment: CommitmentId, member: PowerId, defection: Seq) {
    let declared = &world.scenario.commitments[commitment.0];
    let trust_loss = world.state.param(parameter!("defection_trust_loss"));
    let others: Few<PowerId> =
        world.state.commitments[commitment.0].members.iter().copied().filter(|m| *m != member).collect();
    for other in &others {
        let value = world.state.trust(*other, member) - trust_loss;
        world.state.set_trust(*other, member, value);
    }
    if !others.is_empty() {
        let earlier: Few<Seq> = others.iter().filter_map(|o| world.state.trust_changed(*o, member)).collect();
        let changed = world
            .log
            .event(
                EventKind::Trust,
                text!(world.log, "the other members of `{}` trust {} less", declared.name, world.name(member)),
            )
            .commitment(commitment)
            .actors(std::iter::once(member).chain(others.iter().copied()))
            .cause(declared.span, "the commitment the defector broke")
            .cause_opt(world.state.parameter_spans[parameter!("defection_trust_loss")], || {
                format!("defection_trust_loss {trust_loss}")
            })
            .after(defection)
            .after_all(earlier)
            .figure("trust_loss", trust_loss)
            .record();
        for other in &others {
            world.state.mark_trust(*other, member, changed);
        }
    }
    // A defection tells the others how much of the enforcement is missing:
    // a member of the commitment's average weight costs the norm
    // `defection_norm_loss`, a small one proportionally less, so that eight
    // minor powers staying home do not undo the rule a great one upholds.
    let members = &world.state.commitments[commitment.0].members;
    let capability = |p: PowerId| world.state.powers[p.0].capability;
    let mean = members.iter().map(|m| capability(*m)).sum::<f64>() / members.len().max(1) as f64;
    let weight = if mean > 0.0 { capability(member) / mean } else { 1.0 };
    let norm_loss = world.state.param(parameter!("defection_norm_loss")) * weight;
    for norm in declared.upholds.clone() {
        let before = world.state.norms[norm.0];
        let after = world.state.weaken_norm(norm, norm_loss);
        let name = &world.scenario.norms[norm.0].name;
        let changed = world
            .log
            .event(
                EventKind::Norm,
                text!(world.log, "norm `{name}` weakens after the defection: {before:.2} to {after:.2}"),
            )
            .cause(world.scenario.norms[norm.0].span, "the norm the commitment upholds")
            .after(defection)
            .after_opt(world.state.norm_changes[norm.0])
            .figure("before", before)
            .figure("after", after)
            .figure("weight", weight)
            .record();
        world.state.norm_changes[norm.0] = Some(changed);
    }
}

/// What a consultation comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// The decision rule carries: the concert acts.
    Act,
    /// Nobody opposes but too few support: no action, and no breach.
    Decline,
    /// Opposition blocks the decision: the concert splits.
    Split,
}

/// The outcome of a consultation under a decision rule.
pub(super) fn outcome(world: &World, rule: DecisionRule, declarations: &[(PowerId, Declaration, Seq)]) -> Outcome {
    if decides(world, rule, declarations) {
        Outcome::Act
    } else if declarations.iter().any(|(_, d, _)| *d == Declaration::Oppose) {
        Outcome::Split
    } else {
        Outcome::Decline
    }
}

/// How far a member that disagrees is ready to block rather than abstain:
/// the memory of the last great war raises the cost of the coalition
/// breaking up (Jervis 1985), so dissenters abstain rather than oppose.
pub(super) fn will_to_block(world: &World) -> f64 {
    1.0 - world.state.param(parameter!("war_memory"))
}

/// A member's declaration from one draw: support with probability equal to
/// its willingness, opposition with its opposition propensity of the rest.
pub(super) fn declare(draw: f64, willingness: f64, opposition: f64) -> Declaration {
    if draw < willingness {
        Declaration::Support
    } else if draw < willingness + opposition * (1.0 - willingness) {
        Declaration::Oppose
    } else {
        Declaration::Abstain
    }
}

/// Whether the declarations carry under the decision rule.
fn decides(world: &World, rule: DecisionRule, declarations: &[(PowerId, Declaration, Seq)]) -> bool {
    let support = declarations.iter().filter(|(_, d, _)| *d == Declaration::Support).count();
    let oppose = declarations.iter().filter(|(_, d, _)| *d == Declaration::Oppose).count();
    match rule {
        DecisionRule::Consensus => support > 0 && oppose == 0,
        DecisionRule::Unanimity => support == declarations.len() && support > 0,
        DecisionRule::Majority => support > oppose,
        DecisionRule::Weighted(threshold) => {
            let capability = |filter: &dyn Fn(Declaration) -> bool| -> f64 {
                declarations
                    .iter()
                    .filter(|(_, d, _)| filter(*d))
                    .map(|(m, _, _)| world.state.powers[m.0].capability)
                    .sum()
            };
            let all = capability(&|_| true);
            all > 0.0 && capability(&|d| d == Declaration::Support) / all >= threshold
        }
    }
}

pub(super) fn rule_word(rule: DecisionRule) -> String {
    match rule {
        DecisionRule::Consensus => "consensus".to_string(),
        DecisionRule::Unanimity => "unanimity".to_string(),
        DecisionRule::Majority => "majority".to_string(),
        DecisionRule::Weighted(t) => format!("weighted {t}"),
    }
}

/// A decision reached together raises the members' trust in each other,
/// the more so the better they see each other (Jervis 1985: cooperation
/// feeds on itself; transparency makes it easier).
pub(super) fn strengthen_ties(world: &mut World, commitment: CommitmentId, decision: Seq) {
    let gain = world.state.param(parameter!("consultation_trust_gain"))
        * (0.5 + 0.5 * world.state.param(parameter!("transparency")));
    let members = std::mem::take(&mut world.state.commitments[commitment.0].members);
    let mut earlier = Few::new();
    for (i, &a) in members.iter().enumerate() {
        for &b in &members[i + 1..] {
            let value = world.state.trust(a, b) + gain;
            world.state.set_trust(a, b, value);
            if let Some(seq) = world.state.trust_changed(a, b).filter(|s| !earlier.contains(s)) {
                earlier.push(seq);
            }
        }
    }
    let changed = world
        .log
        .event(
            EventKind::Trust,
            text!(
                world.log,
                "the members of `{}` trust each other more",
                world.scenario.commitments[commitment.0].name
            ),
        )
        .commitment(commitment)
        .actors(members.iter().copied())
        .cause(world.scenario.commitments[commitment.0].span, "a decision reached together")
        .cause_opt(world.state.parameter_spans[parameter!("transparency")], || {
            format!("transparency {} eased the consultation", world.state.param(parameter!("transparency")))
        })
        .after(decision)
        .after_all(earlier)
        .figure("trust_gain", gain)
        .record();
    for (i, &a) in members.iter().enumerate() {
        for &b in &members[i + 1..] {
            world.state.mark_trust(a, b, changed);
        }
    }
    // Lent out above so that trust could change while the members were read.
    world.state.commitments[commitment.0].members = members;
}

/// A consultation without a decision costs the concert cohesion.
pub(super) fn split(world: &mut World, commitment: CommitmentId, decision: Seq) {
    let loss = world.state.param(parameter!("split_cohesion_loss"));
    world.wear(commitment, loss, decision);
}
