//! What an aggression that was not deterred comes to: the target fights or gives way, and a war is fought to its end.

use crate::log::{EventKind, Seq};
use crate::scenario::{Act, CommitmentId, PowerId, Quantity};

use super::{cost_of_facing, devastated, share, Aggression, Coalition, Defender};
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
    let stake = world.state.powers[t.0].interests.iter().find(|(r, _)| r == crisis.region).map_or(1.0, |(_, s)| *s);
    let interest = world.scenario.powers[t.0].interests.iter().find(|i| i.region == crisis.region);
    let willingness = (stake - constraint * cost).clamp(0.0, 1.0);
    if willingness >= 1.0 {
        return Stand::Fights { resisted: None };
    }
    // Nothing to decide when nothing could make it fight.
    let draw = (willingness > 0.0).then(|| world.dice.draw());
    let fights = draw.is_some_and(|draw| draw < willingness);
    let (name, aggressor) = (world.name(t).to_string(), world.name(a));
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
        world.provenance(|| Quantity::Interest(t, crisis.region.to_string()), interest.map(|i| i.span));
    let draft = world
        .log
        .event(if fights { EventKind::Resisted } else { EventKind::Yielded }, summary)
        .actors([t, a])
        .after(war_seq)
        .after_opt(constraint_rule)
        .after_opt(interest_rule)
        .cause_opt(constraint_span, || format!("constraint {constraint} held {name} back"))
        .cause_opt(interest_span, || format!("interest {stake} in {}: what {name} had at stake", crisis.region))
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
/// of the demand is prepared to risk — blurred, as the maker's view of the
/// opposition was, by 1 − transparency — and stands firm if it believes
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
    let seen = needed * (1.0 + (1.0 - transparency) * (2.0 * draw - 1.0));
    let firm = side >= seen;
    let share = if seen > 0.0 { (1.0 - side / seen).clamp(0.0, 1.0) } else { 0.0 };
    let (target, aggressor) = (world.name(t).to_string(), world.name(a).to_string());
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
        .cause_opt(transparency_span, || format!("transparency {transparency} blurred what {target} saw"))
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
    let threat = revealed_threat(world, crisis);
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
    reveal(world, crisis, threat, seq);
    world.violate(Act::Conquest, seq);
}

/// A war of one season: the outcome drawn from the capability ratio, costs
/// to every side, the stakes to the victor, trust lost across the lines, and
/// the norm against conquest weakened if the aggressor wins.
pub(super) fn war(
    world: &mut World,
    crisis: &Aggression,
    war_seq: Seq,
    resisted: Option<Seq>,
    attackers: &[Defender],
    defenders: &[Defender],
) {
    let a = crisis.aggressor;
    // Those that answered with sanctions weigh on the aggressor but do not
    // fight: the war is the target's and its armed friends'.
    let fighting: Vec<&Defender> = defenders.iter().filter(|d| d.fights()).collect();
    let opposition: f64 = fighting.iter().map(|d| world.state.powers[d.power.0].capability).sum();
    let t = crisis.target;
    let capability = world.state.powers[a.0].capability;
    // The aggressor's side: itself and the powers fighting beside it, its
    // co-belligerents and the allies the war drew in.
    let attacking: Vec<PowerId> = std::iter::once(a).chain(attackers.iter().map(|d| d.power)).collect();
    let attack: f64 = attacking.iter().map(|p| world.state.powers[p.0].capability).sum();
    let chance = share(attack, opposition);
    let draw = world.dice.draw();
    let aggressor_wins = draw < chance;
    let cost = world.state.param(parameter!("war_cost"));
    let sides: Vec<PowerId> = attacking.iter().copied().chain(fighting.iter().map(|d| d.power)).collect();
    let involved = attack + opposition;
    // Each side loses the ordinary cost of a year of war, and beyond it what
    // the other side's arms destroy: the most destructive of its enemies.
    let destructive = |p: PowerId| world.state.powers[p.0].destructive;
    let against_aggressor = fighting.iter().map(|d| destructive(d.power)).fold(0.0, f64::max);
    let against_defenders = attacking.iter().map(|p| destructive(*p)).fold(0.0, f64::max);
    // The arms that destroyed, and the lines (or the assignments) that set
    // them. A war's end keeps its earlier events in every trace (an ensemble
    // reads its sides), so it names the assignment's line but does not
    // follow from its event, which only a traced run would know.
    let arms: Vec<(PowerId, f64, Option<crate::source::Span>)> = sides
        .iter()
        .filter(|p| destructive(**p) > 0.0)
        .map(|&p| {
            let (span, _) = world.provenance(|| Quantity::Destructive(p), world.scenario.powers[p.0].destructive.span);
            (p, destructive(p), span)
        })
        .collect();
    for &p in &sides {
        let devastation = if attacking.contains(&p) { against_aggressor } else { against_defenders };
        let power = &mut world.state.powers[p.0];
        power.capability *= 1.0 - devastated(cost, devastation);
        power.at_war = true;
    }
    let (winner, loser) = if aggressor_wins { (a, t) } else { (t, a) };
    // The stakes are a share of the target: the victorious aggressor takes
    // it; a defeated one pays as much (never more than it has), not that
    // share of itself — a lost war over Austria does not hand Germany over.
    let at_stake = crisis.stakes * world.state.powers[t.0].capability;
    let transfer = at_stake.min(world.state.powers[loser.0].capability);
    hand_over(world, loser, winner, transfer);
    let summary = world.log.text(|| {
        if aggressor_wins {
            format!("{} wins the war and takes {transfer:.3} of {}'s capability", world.name(a), world.name(t))
        } else {
            format!("{} is defeated and cedes {transfer:.3} of its capability to {}", world.name(a), world.name(t))
        }
    });
    let threat = if aggressor_wins { revealed_threat(world, crisis) } else { world.state.powers[a.0].threat };
    let mut draft = world
        .log
        .event(EventKind::WarEnd, summary)
        .actors(sides.iter().copied())
        .attackers(attacking.len())
        .after(war_seq);
    if let Some(resisted) = resisted {
        draft = draft.after(resisted);
    }
    // The powers that joined once the war was under way fought in it too.
    for joined in defenders.iter().chain(attackers).filter(|d| d.because > war_seq) {
        draft = draft.after(joined.because);
    }
    if !arms.is_empty() {
        draft =
            draft.figure("aggressor_devastation", against_aggressor).figure("defender_devastation", against_defenders);
        for (p, value, span) in arms {
            let name = &world.scenario.powers[p.0].name;
            draft =
                draft.cause_opt(span, || format!("destructive {value}: what {name}'s arms destroyed of its enemies"));
        }
    }
    let end = draft
        .cause_with(crisis.span, || format!("stakes {}", crisis.stakes))
        .figure("threat", threat)
        .cause_opt(world.state.parameter_spans[parameter!("threat_learning")].filter(|_| aggressor_wins), || {
            format!("threat_learning {}", world.state.param(parameter!("threat_learning")))
        })
        .figure("aggressor_capability", capability)
        .figure("opposition", opposition)
        .figure("war_cost", cost)
        .figure("transfer", transfer)
        .figure("aggressor_wins", f64::from(u8::from(aggressor_wins)))
        .threshold(chance)
        .draw(draw)
        .record();
    for &attacker in &attacking {
        estrange(world, attacker, defenders, end);
    }
    if aggressor_wins {
        reveal(world, crisis, threat, end);
        world.violate(Act::Conquest, end);
    }
    // A war that engages most of the system is a hegemonic war; its memory
    // is what makes the next concert possible (Jervis 1985).
    if involved >= 0.5 {
        let memory = parameter!("war_memory");
        world.state.parameters[memory] = world.state.parameters[memory].max(involved.min(1.0));
    }
}

/// An aggressor's threat once one more conquest has revealed its aims:
/// `threat_learning` of the way toward 1. The first conquest may be a
/// grievance redressed; the fourth is a programme (Walt 1987: states
/// balance against aggressive intentions, which they read from conduct).
fn revealed_threat(world: &World, crisis: &Aggression) -> f64 {
    let learning = world.state.param(parameter!("threat_learning"));
    let threat = world.state.powers[crisis.aggressor.0].threat;
    threat + learning * (1.0 - threat)
}

/// Records a completed conquest and the threat it revealed.
fn reveal(world: &mut World, crisis: &Aggression, threat: f64, conquest: Seq) {
    let power = &mut world.state.powers[crisis.aggressor.0];
    power.threat = threat;
    power.conquests.push((conquest, crisis.span));
}

/// Moves capability from one power to another.
fn hand_over(world: &mut World, from: PowerId, to: PowerId, amount: f64) {
    world.state.powers[from.0].capability -= amount;
    world.state.powers[to.0].capability += amount;
}

/// An aggression costs the aggressor the trust of every power that stood
/// against it, whether the crisis ended in a war or in a target giving way;
/// `end` is the event of that ending, which later decisions name.
fn estrange(world: &mut World, aggressor: PowerId, defenders: &[Defender], end: Seq) {
    let trust_loss = world.state.param(parameter!("war_trust_loss"));
    for defender in defenders {
        let value = world.state.trust(aggressor, defender.power) - trust_loss;
        world.state.set_trust(aggressor, defender.power, value);
        world.state.mark_trust(aggressor, defender.power, end);
    }
}
