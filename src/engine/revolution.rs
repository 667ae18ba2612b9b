//! Resolving a revolution: whether the powers intervene, and what that costs the norm against intervention.
//!
//! Regimes shape the stances (Kupchan & Kupchan 1995): courts that share the
//! threatened regime favour intervention, others oppose it, and intervening
//! violates any norm that forbids it; abstaining does not. A revolution
//! declared `over` a region also engages the interests there: the powers
//! that care about the region are the ones that wish to act, and when no
//! commitment puts the revolution down they may intervene on their own.

use crate::log::{EventKind, Seq};
use crate::scenario::{Act, CommitmentId, CrisisKind, Mode, NormId, PowerId, Quantity, RegionId};
use crate::source::Span;

use super::aggression::forces;
use super::consult::{
    declarations, defect, outcome, rule_word, split, strengthen_ties, will_to_block, Declaration, Matter, Outcome,
};
use super::record::Draft;
use super::wear::Answer;
use super::{Few, World};

/// One revolution to resolve.
#[derive(Clone, Copy)]
struct Revolution<'a> {
    state: PowerId,
    region: Option<RegionId>,
    /// Powers that stand behind the revolution.
    backers: &'a [PowerId],
    /// The effect line that declared it.
    span: Span,
    /// The crisis event.
    seq: Seq,
}

pub(super) fn resolve(
    world: &mut World,
    state: PowerId,
    region: Option<RegionId>,
    strength: f64,
    backers: &[PowerId],
    span: Span,
    shock: Seq,
) {
    let summary = world.log.text(|| match region {
        Some(region) => format!("revolution in {} ({})", world.name(state), world.scenario.region(region)),
        None => format!("revolution in {}", world.name(state)),
    });
    let crisis =
        world.log.event(EventKind::Crisis, summary).actor(state).cause(span, "the revolution").after(shock).record();
    let Some(seq) = government(world, state, strength, span, crisis) else { return };
    let revolution = Revolution { state, region, backers, span, seq };
    let engaged: Few<CommitmentId> = (0..world.scenario.commitments.len())
        .map(CommitmentId)
        .filter(|c| {
            world.scenario.commitments[c.0].covers(CrisisKind::Revolution)
                && world.state.engages(world.scenario, *c, state, region)
        })
        .collect();
    // Every engaged commitment answers, each by its own procedure: the
    // Spanish Habsburgs, the Catholic League and Lutheran Saxony all sent
    // armies against Bohemia in 1620.
    let mut suppressed = false;
    for commitment in engaged {
        let answered = match world.state.commitments[commitment.0].mode {
            Mode::Automatic => automatic(world, commitment, revolution),
            Mode::Concert => concert(world, commitment, revolution),
        };
        suppressed |= answered;
    }
    if !suppressed && region.is_some() {
        suppressed = self_help(world, revolution);
    }
    if !suppressed {
        world
            .log
            .event(EventKind::Revolution, text!(world.log, "the revolution in {} runs its course", world.name(state)))
            .actor(state)
            .after(seq)
            .record();
    }
}

/// The government's own answer, before any other power's: it puts the
/// revolution down alone with chance `1 − strength` (`suppressed`, and
/// `None`: nothing is left to resolve), or it cannot (`overwhelmed`, whose
/// event the other powers' answers follow). A revolution with no declared
/// strength is one its government cannot put down alone: no draw, no event.
fn government(world: &mut World, state: PowerId, strength: f64, span: Span, crisis: Seq) -> Option<Seq> {
    if strength >= 1.0 {
        return Some(crisis);
    }
    let hold = 1.0 - strength;
    let draw = world.dice.draw();
    let name = world.name(state);
    let (kind, summary) = if draw < hold {
        (EventKind::Suppressed, text!(world.log, "the government of {name} puts down the revolution"))
    } else {
        (EventKind::Overwhelmed, text!(world.log, "the government of {name} cannot put down the revolution alone"))
    };
    let seq = world
        .log
        .event(kind, summary)
        .actor(state)
        .cause(span, "the revolution's strength against its government")
        .figure("strength", strength)
        .figure("hold", hold)
        .draw(draw)
        .after(crisis)
        .record();
    (kind == EventKind::Overwhelmed).then_some(seq)
}

/// The strongest norm forbidding intervention, and which it is.
fn non_intervention(world: &World) -> (f64, Option<NormId>) {
    (0..world.scenario.norms.len())
        .filter(|n| world.scenario.norms[*n].forbids.contains(&Act::Intervention))
        .map(|n| (world.state.norms[n], Some(NormId(n))))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap_or((0.0, None))
}

/// A power's wish to intervene: its affinity with the threatened regime,
/// scaled by its interest in the region when the revolution has one, held
/// back by the norm against intervention and its domestic constraint.
/// Returns the willingness, the affinity and the interest.
fn willingness(world: &World, member: PowerId, revolution: Revolution) -> (f64, f64, f64) {
    let same = world.state.powers[member.0].regime.is_some()
        && world.state.powers[member.0].regime == world.state.powers[revolution.state.0].regime;
    let affinity = world.state.param(if same {
        parameter!("shared_regime_affinity")
    } else {
        parameter!("other_regime_affinity")
    });
    let interest = revolution.region.map_or(1.0, |region| world.state.interest(member, region));
    let (norm, _) = non_intervention(world);
    let constraint = world.state.powers[member.0].constraint;
    let cost = backing_cost(world, member, revolution);
    let value = (affinity * interest
        - world.state.param(parameter!("intervention_norm_weight")) * norm
        - world.state.param(parameter!("intervention_constraint_weight")) * constraint
        - constraint * cost)
        .clamp(0.0, 1.0);
    (value, affinity, interest)
}

/// The declarations — or the rules, shocks and variants that later set
/// them — behind a power's wish to intervene: its regime and the
/// threatened one (which decide its affinity), its interest in the region
/// and its constraint; with the events of the rules that set any of them.
fn sources(
    world: &World,
    member: PowerId,
    revolution: Revolution,
    affinity: f64,
    interest: f64,
) -> (Vec<(Span, String)>, Vec<Seq>) {
    let mut causes = Vec::new();
    let mut rules = Vec::new();
    if !world.log.keeps_figures() {
        return (causes, rules);
    }
    // Only a trace that keeps causes reads the declarations named.
    let keeps = world.log.keeps_causes();
    let mut cite = |(span, rule): (Option<Span>, Option<Seq>), label: &dyn Fn() -> String| {
        if let Some(span) = span.filter(|_| keeps) {
            causes.push((span, world.log.text(label)));
        }
        rules.extend(rule);
    };
    let declared = &world.scenario.powers[member.0];
    let regime = |p: PowerId| world.scenario.regime(world.state.powers[p.0].regime);
    cite(world.provenance(|| Quantity::Regime(member), declared.regime.as_ref().and_then(|r| r.span)), &|| {
        let same = world.state.powers[member.0].regime.is_some()
            && world.state.powers[member.0].regime == world.state.powers[revolution.state.0].regime;
        let like = if same { "like" } else { "unlike" };
        format!("regime {}, {like} {}'s: affinity {affinity}", regime(member), world.name(revolution.state))
    });
    let threatened = &world.scenario.powers[revolution.state.0];
    cite(
        world.provenance(|| Quantity::Regime(revolution.state), threatened.regime.as_ref().and_then(|r| r.span)),
        &|| format!("the threatened regime, {}", regime(revolution.state)),
    );
    if let Some(region) = revolution.region {
        let span = declared.interests.iter().find(|i| i.region == region).map(|i| i.span);
        cite(world.provenance(|| Quantity::Interest(member, region), span), &|| {
            format!("interest {interest} in {}", world.scenario.region(region))
        });
    }
    let constraint = world.state.powers[member.0].constraint;
    cite(world.provenance(|| Quantity::Constraint(member), declared.constraint.span), &|| {
        format!("constraint {constraint} held {} back", declared.name)
    });
    // The norm against intervention, and the last event that wore it.
    let (norm, id) = non_intervention(world);
    if let Some(n) = id {
        cite((Some(world.scenario.norms[n.0].span), world.state.norm_changes[n.0]), &|| {
            format!("the norm against intervention, at {norm:.2}, held it back")
        });
    }
    (causes, rules)
}

/// Putting down a revolution that powers stand behind means facing them:
/// the share of the backers' forces against the side the intervener would
/// fight on — its own and the government's it comes to save, as a member
/// weighs an aggressor against the coalition it would fight in — which its
/// domestic constraint weighs as it weighs an aggressor's.
fn backing_cost(world: &World, member: PowerId, revolution: Revolution) -> f64 {
    let backing: f64 = revolution.backers.iter().map(|b| forces(world, *b)).sum();
    if backing > 0.0 {
        backing / (backing + forces(world, member) + forces(world, revolution.state))
    } else {
        0.0
    }
}

fn automatic(world: &mut World, commitment: CommitmentId, revolution: Revolution) -> bool {
    let (state, crisis) = (revolution.state, revolution.seq);
    // A backer of the revolution is never called on to put it down.
    let members: Few<PowerId> = world.state.commitments[commitment.0]
        .members
        .iter()
        .copied()
        .filter(|m| *m != state && !revolution.backers.contains(m))
        .collect();
    let mut intervened = Few::new();
    let mut answers = Few::new();
    for member in members {
        let (value, affinity, interest) = willingness(world, member, revolution);
        let cost = backing_cost(world, member, revolution);
        let draw = world.dice.draw();
        let name = world.scenario.powers[member.0].name.as_str();
        let acts = draw < value;
        let summary = world.log.text(|| {
            if acts {
                format!(
                    "{name} is ready to intervene in {} under `{}`",
                    world.name(state),
                    world.scenario.commitments[commitment.0].name
                )
            } else {
                format!(
                    "{name} defects from `{}`: it will not intervene",
                    world.scenario.commitments[commitment.0].name
                )
            }
        });
        let (causes, set_by) = sources(world, member, revolution, affinity, interest);
        let seq = world
            .log
            .event(if acts { EventKind::Balancing } else { EventKind::Defection }, summary)
            .commitment(commitment)
            .actor(member)
            .cause(world.scenario.commitments[commitment.0].span, "an automatic commitment obliges every member")
            .causes(causes)
            .after(crisis)
            .after_all(set_by)
            .figure("affinity", affinity)
            .figure("interest", interest)
            .figure("backing_cost", cost)
            .figure("willingness", value)
            .threshold(value)
            .draw(draw)
            .record();
        answers.push(Answer { member, honoured: acts, because: seq });
        if acts {
            intervened.push((member, seq));
        } else {
            defect(world, commitment, member, seq);
        }
    }
    world.learn(commitment, &answers);
    if intervened.is_empty() {
        return false;
    }
    intervene(
        world,
        Some(commitment),
        intervened.iter().map(|(m, _)| *m).collect(),
        state,
        intervened.iter().map(|(_, s)| *s).collect(),
    );
    true
}

/// A revolution as a concert consults on it: its backers block, and every
/// other member declares from its affinity with the threatened regime.
struct Unrest<'r> {
    revolution: Revolution<'r>,
    /// The strength of the norm against intervention.
    norm: f64,
    /// The member the mandate falls on so far, and how willing it is to act.
    best: Option<(PowerId, f64)>,
}

/// What a member weighs on a revolution.
struct Leaning {
    /// Its willingness to back the decision, from affinity alone.
    value: f64,
    affinity: f64,
    /// Its willingness to act itself, its stake in the region included.
    acting: f64,
    interest: f64,
    cost: f64,
    opposition: f64,
}

impl Matter for Unrest<'_> {
    type Weighed = Leaning;

    fn subject(&self) -> PowerId {
        self.revolution.state
    }

    fn party(&self, member: PowerId) -> Option<(Span, &'static str)> {
        self.revolution.backers.contains(&member).then_some((self.revolution.span, "it backs the revolution"))
    }

    fn word(&self, declaration: Declaration, party: bool) -> &'static str {
        match declaration {
            Declaration::Support => "supports intervening in",
            Declaration::Oppose if party => "stands behind, and opposes intervening in,",
            Declaration::Oppose => "opposes intervening in",
            Declaration::Abstain => "abstains on",
        }
    }

    fn weigh(&self, world: &World, member: PowerId) -> Leaning {
        let revolution = self.revolution;
        // A member backs the concert's decision out of principle — its
        // affinity with the threatened regime — whatever its own stake in
        // the region; the region decides who is mandated to act.
        let (value, affinity, _) = willingness(world, member, Revolution { region: None, ..revolution });
        let (acting, _, interest) = willingness(world, member, revolution);
        let cost = backing_cost(world, member, revolution);
        let opposition = (1.0 - affinity) * will_to_block(world);
        Leaning { value, affinity, acting, interest, cost, opposition }
    }

    fn chances(&self, leaning: &Leaning) -> (f64, f64) {
        (leaning.value, leaning.opposition)
    }

    fn explain(&self, world: &World, member: PowerId, leaning: &Leaning) -> (Vec<(Span, String)>, Vec<Seq>) {
        sources(world, member, self.revolution, leaning.affinity, leaning.interest)
    }

    fn figures<'d>(&self, leaning: &Leaning, draft: Draft<'d>) -> Draft<'d> {
        draft
            .figure("affinity", leaning.affinity)
            .figure("interest", leaning.interest)
            .figure("non_intervention", self.norm)
            .figure("backing_cost", leaning.cost)
            .figure("willingness", leaning.value)
            .figure("acting", leaning.acting)
    }

    // The mandate falls on the member with the most at stake among those
    // who did not block (Laibach, 1821: Austria in Naples), and only on one
    // willing to act at all: a concert binds no one, so it cannot send a
    // member that would not go (Britain and Portugal, 1820).
    fn declared(&mut self, member: PowerId, declaration: Declaration, leaning: Option<&Leaning>) {
        let Some(acting) = leaning.map(|l| l.acting) else { return };
        if declaration != Declaration::Oppose && acting > 0.0 && self.best.is_none_or(|(_, w)| acting > w) {
            self.best = Some((member, acting));
        }
    }
}

fn concert(world: &mut World, commitment: CommitmentId, revolution: Revolution) -> bool {
    let (state, crisis) = (revolution.state, revolution.seq);
    let members: Few<PowerId> =
        world.state.commitments[commitment.0].members.iter().copied().filter(|m| *m != state).collect();
    let name = world.scenario.commitments[commitment.0].name.as_str();
    let consult = world
        .log
        .event(
            EventKind::Consult,
            text!(world.log, "the members of `{name}` consult on the revolution in {}", world.name(state)),
        )
        .commitment(commitment)
        .actors(members.iter().copied())
        .cause(world.scenario.commitments[commitment.0].span, "a concert consults before it acts")
        .after(crisis)
        .record();
    let (norm, _) = non_intervention(world);
    let mut matter = Unrest { revolution, norm, best: None };
    let (declarations, _) = declarations(world, commitment, consult, &members, &mut matter);
    let best = matter.best;
    let rule = world.state.commitments[commitment.0].decide;
    let outcome = outcome(world, rule, &declarations);
    let summary = world.log.text(|| match (outcome, best) {
        (Outcome::Act, Some((mandated, _))) => {
            format!(
                "`{name}` mandates {} to act for all in {} ({})",
                world.name(mandated),
                world.name(state),
                rule_word(rule)
            )
        }
        (Outcome::Act, None) => {
            format!("`{name}` would act in {}, but no member with a stake there is willing to", world.name(state))
        }
        (Outcome::Split, _) => {
            format!("`{name}` splits over {}: no decision under {}", world.name(state), rule_word(rule))
        }
        _ => format!("`{name}` takes no action in {}: no member opposes, too few support", world.name(state)),
    });
    let supporters = declarations.iter().filter(|(_, d, _)| *d == Declaration::Support).map(|(m, _, _)| *m);
    let mut draft = world
        .log
        .event(EventKind::Decision, summary)
        .commitment(commitment)
        .actors(supporters)
        .cause_opt(world.state.commitments[commitment.0].decide_span, || format!("decide {}", rule_word(rule)));
    for (_, _, seq) in &declarations {
        draft = draft.after(*seq);
    }
    let decision = draft.record();
    match (outcome, best) {
        (Outcome::Act, Some((mandated, _))) => {
            strengthen_ties(world, commitment, decision);
            intervene(world, Some(commitment), vec![mandated], state, vec![decision]);
            true
        }
        (Outcome::Split, _) => {
            split(world, commitment, decision);
            false
        }
        _ => false,
    }
}

/// Self-help: when no commitment puts the revolution down, each power with
/// an interest in its region may intervene on its own account, less
/// willingly the more it can leave the task to others.
fn self_help(world: &mut World, revolution: Revolution) -> bool {
    let Some(region) = revolution.region else { return false };
    let buck_passing = world.state.param(parameter!("buck_passing"));
    let candidates: Few<PowerId> = (0..world.scenario.powers.len())
        .map(PowerId)
        .filter(|p| *p != revolution.state && !revolution.backers.contains(p) && world.state.interest(*p, region) > 0.0)
        .collect();
    let mut acting = Few::new();
    for power in candidates {
        let (wish, affinity, interest) = willingness(world, power, revolution);
        let value = wish * (1.0 - buck_passing);
        let draw = world.dice.draw();
        let acts = draw < value;
        let name = world.scenario.powers[power.0].name.as_str();
        let summary = world.log.text(|| {
            if acts {
                format!("{name} is ready to intervene in {} on its own account", world.name(revolution.state))
            } else {
                format!("{name} stays out of {}", world.name(revolution.state))
            }
        });
        let (causes, set_by) = sources(world, power, revolution, affinity, interest);
        let seq = world
            .log
            .event(EventKind::Stance, summary)
            .actor(power)
            .after(revolution.seq)
            .after_all(set_by)
            .causes(causes)
            .figure("affinity", affinity)
            .figure("interest", interest)
            .figure("buck_passing", buck_passing)
            .figure("willingness", value)
            .threshold(value)
            .draw(draw)
            .record();
        if acts {
            acting.push((power, seq));
        }
    }
    if acting.is_empty() {
        return false;
    }
    let (by, after) = acting.into_iter().unzip();
    intervene(world, None, by, revolution.state, after);
    true
}

/// An intervention suppresses the revolution and violates every norm that
/// forbids intervention.
fn intervene(world: &mut World, commitment: Option<CommitmentId>, by: Vec<PowerId>, state: PowerId, after: Vec<Seq>) {
    let summary = world.log.text(|| {
        let names: Vec<&str> = by.iter().map(|p| world.name(*p)).collect();
        let (verb, puts) = if names.len() == 1 { ("intervenes", "puts") } else { ("intervene", "put") };
        format!("{} {verb} in {} and {puts} down the revolution", list(&names), world.name(state))
    });
    let mut draft = world.log.event(EventKind::Intervention, summary).actors(by.iter().copied()).actor(state);
    if let Some(commitment) = commitment {
        draft = draft
            .commitment(commitment)
            .cause(world.scenario.commitments[commitment.0].span, "acting under this commitment");
    }
    for seq in after {
        draft = draft.after(seq);
    }
    let seq = draft.record();
    world.violate(Act::Intervention, seq);
}

/// `A`, `A and B`, `A, B and C`.
fn list(names: &[&str]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
