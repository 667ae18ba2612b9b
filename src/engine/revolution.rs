//! Resolving a revolution: whether the powers intervene, and what that costs the norm against intervention.
//!
//! Regimes shape the stances (Kupchan & Kupchan 1995): courts that share the
//! threatened regime favour intervention, others oppose it, and intervening
//! violates any norm that forbids it; abstaining does not.

use crate::log::{EventKind, Seq};
use crate::scenario::{Act, CommitmentId, CrisisKind, Mode, PowerId};
use crate::source::Span;

use super::aggression::{declare, defect, outcome, restraint, rule_word, split, strengthen_ties, Declaration, Outcome};
use super::World;

pub(super) fn resolve(world: &mut World, state: PowerId, span: Span, shock: Seq) {
    let seq = world
        .log
        .event(EventKind::Crisis, format!("revolution in {}", world.name(state)))
        .actor(state)
        .cause(span, "the revolution")
        .after(shock)
        .record();
    let engaged: Vec<CommitmentId> = (0..world.scenario.commitments.len())
        .map(CommitmentId)
        .filter(|c| {
            world.scenario.commitments[c.0].covers(CrisisKind::Revolution)
                && world.state.engages(world.scenario, *c, state)
        })
        .collect();
    let mut suppressed = false;
    for commitment in engaged {
        if suppressed {
            break;
        }
        suppressed = match world.state.commitments[commitment.0].mode {
            Mode::Automatic => automatic(world, commitment, state, seq),
            Mode::Concert => concert(world, commitment, state, seq),
        };
    }
    if !suppressed {
        world
            .log
            .event(EventKind::Revolution, format!("the revolution in {} runs its course", world.name(state)))
            .actor(state)
            .after(seq)
            .record();
    }
}

/// The strongest norm forbidding intervention, and where it is declared.
fn non_intervention(world: &World) -> (f64, Option<Span>) {
    (0..world.scenario.norms.len())
        .filter(|n| world.scenario.norms[*n].forbids.contains(&Act::Intervention))
        .map(|n| (world.state.norms[n], Some(world.scenario.norms[n].span)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap_or((0.0, None))
}

/// A power's wish to intervene: its affinity with the threatened regime,
/// held back by the norm against intervention and its domestic constraint.
fn willingness(world: &World, member: PowerId, state: PowerId) -> (f64, f64) {
    let same = world.state.powers[member.0].regime.is_some()
        && world.state.powers[member.0].regime == world.state.powers[state.0].regime;
    let affinity = world.state.param(if same { "shared_regime_affinity" } else { "other_regime_affinity" });
    let (norm, _) = non_intervention(world);
    let value = (affinity
        - world.state.param("intervention_norm_weight") * norm
        - world.state.param("intervention_constraint_weight") * world.state.powers[member.0].constraint)
        .clamp(0.0, 1.0);
    (value, affinity)
}

fn automatic(world: &mut World, commitment: CommitmentId, state: PowerId, crisis: Seq) -> bool {
    let members: Vec<PowerId> =
        world.state.commitments[commitment.0].members.iter().copied().filter(|m| *m != state).collect();
    let mut intervened = Vec::new();
    for member in members {
        let (value, affinity) = willingness(world, member, state);
        let draw = world.dice.draw();
        let name = world.name(member).to_string();
        let acts = draw < value;
        let summary = if acts {
            format!(
                "{name} is ready to intervene in {} under `{}`",
                world.name(state),
                world.scenario.commitments[commitment.0].name
            )
        } else {
            format!("{name} defects from `{}`: it will not intervene", world.scenario.commitments[commitment.0].name)
        };
        let seq = world
            .log
            .event(if acts { EventKind::Balancing } else { EventKind::Defection }, summary)
            .commitment(commitment)
            .actor(member)
            .cause(world.scenario.commitments[commitment.0].span, "an automatic commitment obliges every member")
            .after(crisis)
            .figure("affinity", affinity)
            .figure("willingness", value)
            .threshold(value)
            .draw(draw)
            .record();
        if acts {
            intervened.push((member, seq));
        } else {
            defect(world, commitment, member, seq);
        }
    }
    if intervened.is_empty() {
        return false;
    }
    intervene(
        world,
        commitment,
        intervened.iter().map(|(m, _)| *m).collect(),
        state,
        intervened.iter().map(|(_, s)| *s).collect(),
    );
    true
}

fn concert(world: &mut World, commitment: CommitmentId, state: PowerId, crisis: Seq) -> bool {
    let members: Vec<PowerId> =
        world.state.commitments[commitment.0].members.iter().copied().filter(|m| *m != state).collect();
    let name = world.scenario.commitments[commitment.0].name.clone();
    let consult = world
        .log
        .event(
            EventKind::Consult,
            format!("the members of `{name}` consult on the revolution in {}", world.name(state)),
        )
        .commitment(commitment)
        .actors(members.iter().copied())
        .cause(world.scenario.commitments[commitment.0].span, "a concert consults before it acts")
        .after(crisis)
        .record();
    let (norm, norm_span) = non_intervention(world);
    let mut declarations = Vec::new();
    let mut best: Option<(PowerId, f64)> = None;
    for &member in &members {
        let (value, affinity) = willingness(world, member, state);
        let opposition = (1.0 - affinity) * restraint(world);
        let draw = world.dice.draw();
        let declaration = declare(draw, value, opposition);
        let word = match declaration {
            Declaration::Support => "supports intervening in",
            Declaration::Oppose => "opposes intervening in",
            Declaration::Abstain => "abstains on",
        };
        let regime = &world.scenario.powers[member.0].regime;
        let seq = world
            .log
            .event(EventKind::Stance, format!("{} {word} {}", world.name(member), world.name(state)))
            .actor(member)
            .after(consult)
            .cause_opt(regime.as_ref().and_then(|r| r.span), || {
                format!(
                    "regime {} set its affinity to {affinity}",
                    world.state.powers[member.0].regime.as_deref().unwrap_or("?")
                )
            })
            .cause_opt(norm_span, || format!("the norm against intervention, at {norm:.2}, held it back"))
            .figure("affinity", affinity)
            .figure("non_intervention", norm)
            .figure("willingness", value)
            .threshold(value)
            .draw(draw)
            .record();
        if declaration == Declaration::Support && best.is_none_or(|(_, w)| value > w) {
            best = Some((member, value));
        }
        declarations.push((member, declaration, seq));
    }
    let rule = world.state.commitments[commitment.0].decide;
    let outcome = outcome(world, rule, &declarations);
    let summary = match (outcome, best) {
        (Outcome::Act, Some((mandated, _))) => {
            format!(
                "`{name}` mandates {} to act for all in {} ({})",
                world.name(mandated),
                world.name(state),
                rule_word(rule)
            )
        }
        (Outcome::Split, _) => {
            format!("`{name}` splits over {}: no decision under {}", world.name(state), rule_word(rule))
        }
        _ => format!("`{name}` takes no action in {}: no member opposes, too few support", world.name(state)),
    };
    let mut draft = world
        .log
        .event(EventKind::Decision, summary)
        .commitment(commitment)
        .cause_opt(world.state.commitments[commitment.0].decide_span, || format!("decide {}", rule_word(rule)));
    for (_, _, seq) in &declarations {
        draft = draft.after(*seq);
    }
    let decision = draft.record();
    match (outcome, best) {
        (Outcome::Act, Some((mandated, _))) => {
            strengthen_ties(world, commitment, decision);
            intervene(world, commitment, vec![mandated], state, vec![decision]);
            true
        }
        (Outcome::Split, _) => {
            split(world, commitment, decision);
            false
        }
        _ => false,
    }
}

/// An intervention suppresses the revolution and violates every norm that
/// forbids intervention.
fn intervene(world: &mut World, commitment: CommitmentId, by: Vec<PowerId>, state: PowerId, after: Vec<Seq>) {
    let names: Vec<&str> = by.iter().map(|p| world.name(*p)).collect();
    let mut draft = world
        .log
        .event(EventKind::Intervention, {
            let (verb, puts) = if names.len() == 1 { ("intervenes", "puts") } else { ("intervene", "put") };
            format!("{} {verb} in {} and {puts} down the revolution", list(&names), world.name(state))
        })
        .commitment(commitment)
        .actors(by.iter().copied())
        .actor(state)
        .cause(world.scenario.commitments[commitment.0].span, "acting under this commitment");
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
