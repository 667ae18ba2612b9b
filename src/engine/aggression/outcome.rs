//! What an aggression that was not deterred comes to: the target of a strike fights or gives way, the target of a pressed demand stands firm or concedes.

use crate::log::{EventKind, Seq};
use crate::scenario::{Act, CommitmentId, PowerId, Quantity};
use crate::source::Span;

use super::{cost_of_facing, seen_through, Aggression, Coalition, Defender};
use crate::engine::World;

/// What the target of an aggressor that struck does.
pub(super) enum Stand {
    /// It fights; `resisted` is the event of its decision, when it had one to make.
    Fights { resisted: Option<Seq> },
    /// It gives way, by the decision `yielded`.
    GivesWay { yielded: Seq },
}

/// The target of an aggressor that struck decides whether to fight or give
/// way. It weighs the war as any power weighs one on its own account (see
/// `balancing`), with all its interest at stake and nobody to pass the buck
/// to: it fights unless its domestic constraint, weighted by the cost of
/// facing the aggressor with the side it can count on, holds it back
/// (Kupchan & Kupchan 1995: domestic politics shape whether states use
/// force). A target abandoned by its allies faces the aggressor alone, and
/// yields more often than one whose allies stand by it — Czechoslovakia in
/// 1938 against Poland in 1939. A target with no constraint always fights,
/// with no draw.
///
/// `support` is its side as the aggressor counted it.
pub(super) fn stand_or_yield(
    world: &mut World,
    crisis: &Aggression,
    war_seq: Seq,
    support: f64,
    defenders: &[Defender],
) -> Stand {
    let (a, t) = (crisis.aggressor, crisis.target);
    let constraint = world.state.powers[t.0].constraint;
    let cost = cost_of_facing(world, crisis, support, Coalition::already(defenders).retaliation(world, t));
    // What it stands to defend: all of it, unless the case weighs its own
    // interest in the region (France's in the demilitarised Rhineland).
    let stake = world.state.declared_interest(t, crisis.region).unwrap_or(1.0);
    let interest = world.scenario.powers[t.0].interests.iter().find(|i| i.region == crisis.region);
    let willingness = (stake - constraint * cost).clamp(0.0, 1.0);
    if willingness >= 1.0 {
        return Stand::Fights { resisted: None };
    }
    // Nothing to decide when nothing could make it fight.
    let draw = (willingness > 0.0).then(|| world.dice.draw());
    let fights = draw.is_some_and(|draw| draw < willingness);
    let (name, aggressor) = (world.scenario.powers[t.0].name.as_str(), world.scenario.powers[a.0].name.as_str());
    let summary = world.log.text(|| {
        if fights {
            format!("{name} stands and fights {aggressor}: willing {willingness:.2} to fight")
        } else {
            format!("{name} gives way to {aggressor} without fighting: willing only {willingness:.2} to fight")
        }
    });
    let declared = &world.scenario.powers[t.0];
    let (constraint_span, constraint_rule) = world.provenance(|| Quantity::Constraint(t), declared.constraint.span);
    let (interest_span, interest_rule) =
        world.provenance(|| Quantity::Interest(t, crisis.region), interest.map(|i| i.span));
    let draft = world
        .log
        .event(if fights { EventKind::Resisted } else { EventKind::Yielded }, summary)
        .actors([t, a])
        .after(war_seq)
        .after_opt(constraint_rule)
        .after_opt(interest_rule)
        .cause_opt(constraint_span, || format!("constraint {constraint} held {name} back"))
        .cause_opt(interest_span, || {
            format!("interest {stake} in {}: what {name} had at stake", world.scenario.region(crisis.region))
        })
        .figure("stake", stake)
        .figure("constraint", constraint)
        .figure("side", support)
        .figure("cost", cost)
        .figure("willingness", willingness)
        .threshold(willingness);
    let seq = match draw {
        Some(draw) => draft.draw(draw),
        None => draft,
    }
    .record();
    if fights {
        Stand::Fights { resisted: Some(seq) }
    } else {
        Stand::GivesWay { yielded: seq }
    }
}

/// What the target of a demand that was pressed does.
pub(super) enum Bargain {
    /// It stands firm, by the decision `firm`: the war follows.
    StandsFirm { firm: Seq },
    /// It conceded a share of the stakes, or a concert awarded it, by the
    /// event `settled`: no war.
    Concedes { settled: Seq },
}

/// The target of a pressed demand, with its side, judges what the maker
/// of the demand is prepared to risk — part of it hidden, as part of the
/// opposition was from the maker, by 1 − transparency — and stands firm if it believes
/// its side can stop it, else concedes. A war comes only when both sides
/// believe they would prevail: the maker that it will not be stopped, the
/// target that it can stop it. With perfect sight the two judgements
/// cannot both hold, so a demand never ends in war; the worse each side
/// sees the other, the more often it does (Fearon 1995, "Rationalist
/// Explanations for War": war from private information; Jervis 1985:
/// timely warning). The target concedes the more of the stakes the more
/// it sees itself outmatched: `1 − side / seen`. A concert's award is the
/// same settlement reached at its conference, where both sides see whole.
pub(super) fn bargain(
    world: &mut World,
    crisis: &Aggression,
    pressed: Seq,
    side: f64,
    needed: f64,
    transparency: f64,
    award: Option<(CommitmentId, Seq)>,
) -> Bargain {
    let (a, t) = (crisis.aggressor, crisis.target);
    let draw = world.dice.draw();
    let seen = seen_through(needed, transparency, draw);
    let firm = side >= seen;
    let share = if seen > 0.0 { (1.0 - side / seen).clamp(0.0, 1.0) } else { 0.0 };
    let (target, aggressor) = (world.scenario.powers[t.0].name.as_str(), world.scenario.powers[a.0].name.as_str());
    let transfer = if firm { 0.0 } else { share * crisis.stakes * world.state.powers[t.0].capability };
    let summary = world.log.text(|| match award {
        _ if firm => format!(
            "{target} stands firm against {aggressor}'s demand: it sees {aggressor} risking {seen:.2}, \
             no more than its side's {side:.2}"
        ),
        Some((c, _)) => format!(
            "`{}` awards {aggressor} {share:.2} of the stakes, {transfer:.3} of {target}'s capability, without a war",
            world.scenario.commitments[c.0].name
        ),
        None => format!(
            "{target} concedes {share:.2} of the stakes to {aggressor}, {transfer:.3} of its capability: \
             it sees {aggressor} risking {seen:.2}, more than its side's {side:.2}"
        ),
    });
    let transparency_span = world.state.parameter_spans[parameter!("transparency")].filter(|_| award.is_none());
    let seq = world
        .log
        .event(if firm { EventKind::Resisted } else { EventKind::Settled }, summary)
        .actors([t, a])
        .after(pressed)
        .after_opt(award.map(|(_, decision)| decision))
        .cause_with(crisis.span, || format!("a demand, stakes {}", crisis.stakes))
        .cause_opt(award.map(|(c, _)| world.scenario.commitments[c.0].span), || {
            "a concert settles the demand by conference".to_string()
        })
        .cause_opt(transparency_span, || {
            format!("transparency {transparency} hid part of {aggressor}'s strength from {target}")
        })
        .figure("side", side)
        .figure("needed", needed)
        .figure("seen", seen)
        .figure("transparency", transparency)
        .figure("share", if firm { 0.0 } else { share })
        .figure("transfer", transfer)
        .threshold(seen)
        .draw(draw)
        .record();
    if firm {
        return Bargain::StandsFirm { firm: seq };
    }
    // A change agreed, or awarded by the powers, is no conquest: it breaks
    // no norm, reveals no aims and costs no trust (Jervis 1985: the concert
    // sanctioned peaceful change).
    hand_over(world, t, a, transfer);
    Bargain::Concedes { settled: seq }
}

/// A target that gives way hands over the stakes without a war: no
/// capability is spent, but the aggressor gains as if it had won, trust
/// across the lines falls as after a war, and the conquest violates the
/// norms that forbid it — the Anschluss broke Article 10 as surely as
/// the conquest of Ethiopia did.
pub(super) fn give_way(world: &mut World, crisis: &Aggression, yielded: Seq, defenders: &[Defender]) {
    let (a, t) = (crisis.aggressor, crisis.target);
    let transfer = crisis.stakes * world.state.powers[t.0].capability;
    hand_over(world, t, a, transfer);
    let threat = revealed_threat(world, a);
    let seq = world
        .log
        .event(
            EventKind::Change,
            text!(world.log, "{} takes {transfer:.3} of {}'s capability without a war", world.name(a), world.name(t)),
        )
        .actors([a, t])
        .after(yielded)
        .cause_with(crisis.span, || format!("stakes {}", crisis.stakes))
        .figure("transfer", transfer)
        .figure("threat", threat)
        .cause_opt(world.state.parameter_spans[parameter!("threat_learning")], || {
            format!("threat_learning {}", world.state.param(parameter!("threat_learning")))
        })
        .record();
    estrange(world, a, defenders, seq);
    reveal(world, a, crisis.span, threat, seq);
    world.violate(Act::Conquest, seq);
}

/// An aggressor's threat once one more conquest has revealed its aims:
/// `threat_learning` of the way toward 1. The first conquest may be a
/// grievance redressed; the fourth is a programme (Walt 1987: states
/// balance against aggressive intentions, which they read from conduct).
pub(super) fn revealed_threat(world: &World, aggressor: PowerId) -> f64 {
    let learning = world.state.param(parameter!("threat_learning"));
    let threat = world.state.powers[aggressor.0].threat;
    threat + learning * (1.0 - threat)
}

/// Records a completed conquest and the threat it revealed.
pub(super) fn reveal(world: &mut World, aggressor: PowerId, span: Span, threat: f64, conquest: Seq) {
    let power = &mut world.state.powers[aggressor.0];
    power.threat = threat;
    power.conquests.push((conquest, span));
}

/// Moves capability from one power to another.
pub(super) fn hand_over(world: &mut World, from: PowerId, to: PowerId, amount: f64) {
    world.state.powers[from.0].capability -= amount;
    world.state.powers[to.0].capability += amount;
}

/// An aggression costs the aggressor the trust of every power that stood
/// against it, whether the crisis ended in a war or in a target giving way;
/// `end` is the event of that ending, which later decisions name.
pub(super) fn estrange(world: &mut World, aggressor: PowerId, defenders: &[Defender], end: Seq) {
    let trust_loss = world.state.param(parameter!("war_trust_loss"));
    for defender in defenders {
        let value = world.state.trust(aggressor, defender.power) - trust_loss;
        world.state.set_trust(aggressor, defender.power, value);
        world.state.mark_trust(aggressor, defender.power, end);
    }
}
