//! Self-help: powers that balance on their own account, before the aggressor decides and once its war is under way.
//!
//! Each for his own (Kupchan & Kupchan 1995, p. 52): a power weighs only its
//! interest in the region, discounted by the chance to pass the buck, against
//! its domestic constraint and the cost of facing the aggressor.

use crate::log::{EventKind, Seq};
use crate::scenario::{Mode, PowerId, Quantity};

use super::{aggressor_side, cost_against, forces, Aggression, Camp, Coalition, Defender, Refused};
use crate::engine::{Few, World};

/// Self-help: each power with an interest in the region may balance, less
/// willingly the more it can pass the buck to others.
///
/// Returns the events of the powers that passed the buck: their absence is
/// part of why the aggressor was, or was not, deterred.
pub(super) fn self_help(
    world: &mut World,
    crisis: &Aggression,
    crisis_seq: Seq,
    defenders: &mut Camp,
    refused: &[PowerId],
) -> Few<Seq> {
    let mut passed = Few::new();
    // Deciding on its own account changes nothing the next bystander weighs of the aggressor.
    let against = aggressor_side(world, crisis);
    for power in bystanders(world, crisis, defenders, |p| refused.contains(&p)) {
        let b = balancing(world, power, crisis, defenders, against);
        let draw = world.dice.draw();
        let acts = draw < b.value;
        let name = world.name(power);
        let summary = world.log.text(|| {
            if acts {
                format!("{name} balances against {} on its own account", world.name(crisis.aggressor))
            } else {
                format!("{name} passes the buck")
            }
        });
        let seq = record_balancing(world, power, crisis, &b, summary, &[crisis_seq], draw);
        if acts {
            defenders.push(Defender::force(power, seq, false));
        } else {
            passed.push(seq);
        }
    }
    passed
}

/// The powers with an interest in the crisis's region that are on no side
/// yet, are not `kept_out` (they just refused a commitment's call), and are
/// not the aggressor's allies.
fn bystanders(
    world: &World,
    crisis: &Aggression,
    defenders: &[Defender],
    kept_out: impl Fn(PowerId) -> bool,
) -> Few<PowerId> {
    // Most powers have no interest in a given region: that is asked first.
    (0..world.scenario.powers.len())
        .map(PowerId)
        .filter(|p| world.state.interest(*p, crisis.region) > 0.0)
        .filter(|p| *p != crisis.aggressor && !defenders.iter().any(|d| d.power == *p) && !kept_out(*p))
        .filter(|p| !crisis.with_aggressor(*p) && !allied(world, *p, crisis))
        .collect()
}

/// A power's willingness to balance on its own account, and its parts.
struct Balancing {
    value: f64,
    interest: f64,
    buck_passing: f64,
    constraint: f64,
    /// The capability already on the target's side, which it would fight beside.
    coalition: f64,
    cost: f64,
}

/// Its cost is weighed against the side it would join — the target and
/// whoever already stands with it — not against its capability alone: a
/// power that balances fights in a coalition, though one nobody promised it.
fn balancing(world: &World, power: PowerId, crisis: &Aggression, defenders: &[Defender], against: f64) -> Balancing {
    let interest = world.state.interest(power, crisis.region);
    let buck_passing = world.state.param(parameter!("buck_passing"));
    let constraint = world.state.powers[power.0].constraint;
    let side = Coalition::already(defenders);
    let coalition = side.expected(world);
    let cost =
        cost_against(world, crisis, against, forces::forces(world, power) + coalition, side.retaliation(world, power));
    let value = (interest * (1.0 - buck_passing) - constraint * cost).clamp(0.0, 1.0);
    Balancing { value, interest, buck_passing, constraint, coalition, cost }
}

/// Logs one self-help decision, with the declarations and figures behind it.
fn record_balancing(
    world: &mut World,
    power: PowerId,
    crisis: &Aggression,
    b: &Balancing,
    summary: String,
    after: &[Seq],
    draw: f64,
) -> Seq {
    let declared = &world.scenario.powers[power.0];
    let interest_span = declared.interests.iter().find(|i| i.region == crisis.region).map(|i| i.span);
    let (interest_span, interest_rule) = world.provenance(|| Quantity::Interest(power, crisis.region), interest_span);
    let (constraint_span, constraint_rule) = world.provenance(|| Quantity::Constraint(power), declared.constraint.span);
    let name = &declared.name;
    world
        .log
        .event(EventKind::Balancing, summary)
        .actor(power)
        .after_all(after.iter().copied())
        .after_opt(interest_rule)
        .after_opt(constraint_rule)
        .cause_opt(interest_span, || format!("interest {} in {}", b.interest, world.scenario.region(crisis.region)))
        .cause_opt(constraint_span, || format!("constraint {} held {name} back", b.constraint))
        .figure("interest", b.interest)
        .figure("buck_passing", b.buck_passing)
        .figure("constraint", b.constraint)
        .figure("coalition", b.coalition)
        .figure("cost", b.cost)
        .figure("willingness", b.value)
        .threshold(b.value)
        .draw(draw)
        .record()
}

/// Whether `power` is the aggressor's ally: a fellow member of an automatic
/// commitment in force that answers aggressions by others, not by the
/// aggressor, and that this crisis does not call on for the target. An
/// alliance is aimed at states outside it, collective security at any
/// aggressor, its members included (Snyder 1997, *Alliance Politics*, p. 4):
/// a commitment `against` named powers aligns its members; one against no
/// one in particular binds them to the order, not to each other. Self-help
/// is balancing against threats, and an ally is not one (Walt 1987, *The
/// Origins of Alliances*): Austria sent an army to Mantua for Spain (1629),
/// and nobody in the Triple Alliance moved against Italy over Libya (1911).
/// Fellow members of a concert may still balance against each other, as
/// Britain and France did against Russia in 1854.
fn allied(world: &World, power: PowerId, crisis: &Aggression) -> bool {
    world.state.alliances.iter().any(|&c| {
        let state = &world.state.commitments[c.0];
        state.alive
            && state.mode == Mode::Automatic
            && state.members.contains(&power)
            && state.members.contains(&crisis.aggressor)
            && !world.scenario.commitments[c.0].against.contains(&crisis.aggressor)
            && !world.state.engages(world.scenario, c, crisis.target, Some(crisis.region))
    })
}

/// How willing a power on no side is to join the war, if the aggressor
/// strikes: what it would weigh as a latecomer.
pub(super) fn willingness_to_join(
    world: &World,
    power: PowerId,
    crisis: &Aggression,
    defenders: &[Defender],
    against: f64,
) -> f64 {
    balancing(world, power, crisis, defenders, against).value
}

/// The powers a war under way may still draw in: those with an interest in
/// the region on no side yet, save the ones that refused the lesser step
/// (sanctions defectors, a concert's opposers); a defector from an alliance
/// that answers by force is among them.
pub(super) fn may_join(world: &World, crisis: &Aggression, defenders: &[Defender], refused: &Refused) -> Few<PowerId> {
    let kept_out = |p: PowerId| refused.powers.contains(&p) && !refused.withheld.iter().any(|(w, _)| *w == p);
    bystanders(world, crisis, defenders, kept_out)
}

/// A war under way draws in the bystanders it threatens: each power with
/// an interest in the region that is on no side yet decides again, on its
/// own account, whether to join. Under self-help coalitions form late,
/// after the aggressor has struck (Kupchan & Kupchan 1995, p. 52); joining
/// after the fact adds to the war, not to deterrence.
///
/// A defector from an alliance that answers by force is among them: its
/// alliance made it no less likely to fight than it would be on its own.
pub(super) fn join_war(world: &mut World, crisis: &Aggression, war_seq: Seq, defenders: &mut Camp, refused: &Refused) {
    let withheld = |p: PowerId| refused.withheld.iter().find(|(w, _)| *w == p).map(|(_, defection)| *defection);
    let against = aggressor_side(world, crisis);
    for power in may_join(world, crisis, defenders, refused) {
        let b = balancing(world, power, crisis, defenders, against);
        let draw = world.dice.draw();
        let acts = draw < b.value;
        let (name, aggressor) = (world.name(power), world.name(crisis.aggressor));
        let summary = world.log.text(|| {
            if acts {
                format!("{name} joins the war against {aggressor}")
            } else {
                format!("{name} stays out of the war")
            }
        });
        let follows: Few<Seq> = std::iter::once(war_seq).chain(withheld(power)).collect();
        let seq = record_balancing(world, power, crisis, &b, summary, &follows, draw);
        if acts {
            defenders.push(Defender::force(power, seq, false));
        }
    }
}
