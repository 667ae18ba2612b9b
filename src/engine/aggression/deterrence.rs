//! Deterrence: the opposition an aggressor perceives against what it would risk, the threat of devastation, and what follows when it strikes.

use crate::log::{EventKind, Seq};
use crate::scenario::{CommitmentId, Mode, NormId, PowerId, Quantity, Response};
use crate::source::Span;

use super::outcome::{self, Stand};
use super::self_help::{join_war, may_join, willingness_to_join};
use super::{
    aggressor_side, escalation, forces, norm_at_stake, seen_through, used_against, war, Aggression, Camp, Defender,
    Refused,
};
use crate::engine::{Few, World};

/// The capability on the target's side, by how far the aggressor can count
/// on it.
struct Opposition {
    /// The target and the powers a commitment put on its side to fight.
    committed: f64,
    /// The self-help balancers, who promised nothing.
    uncommitted: f64,
    /// The powers that answered with sanctions.
    sanctions: f64,
    /// The powers that answered with aid to the target.
    aid: f64,
}

fn opposition(world: &World, defenders: &[Defender]) -> Opposition {
    let strength = |keep: &dyn Fn(&Defender) -> bool| -> f64 {
        defenders.iter().filter(|d| keep(d)).map(|d| forces::forces(world, d.power)).sum()
    };
    Opposition {
        committed: strength(&|d| d.committed && d.fights()),
        uncommitted: strength(&|d| !d.committed),
        sanctions: strength(&|d| d.response == Response::Sanctions),
        aid: strength(&|d| d.response == Response::Aid),
    }
}

/// What an aggressor is prepared to risk beyond its side's capability, and
/// what shaped it: its stance and its own stake in the region raise it, the
/// norm against conquest and the concert it belongs to temper it.
struct Resolve {
    value: f64,
    stance: f64,
    /// The aggressor's interest in the crisis's region.
    interest: f64,
    conquest_norm: f64,
    /// The norm against conquest that tempered it, if any.
    norm: Option<NormId>,
    restraint: Restraint,
}

fn resolve_of(world: &World, crisis: &Aggression) -> Resolve {
    let (conquest_norm, norm) = norm_at_stake(world, None);
    let stance = world.state.powers[crisis.aggressor.0].stance;
    let restraint = concert_restraint(world, crisis);
    // The side with more at stake is the more resolved: the balance of
    // interests, not only of capabilities, decides who stands firm (George
    // & Smoke 1974; Maoz 1983; Mack 1975 on why big nations lose small wars).
    let interest = world.state.interest(crisis.aggressor, crisis.region);
    let value = (world.state.param(parameter!("resolve_base")) + stance * (1.0 - conquest_norm) + interest)
        * (1.0 - restraint.value);
    Resolve { value, stance, interest, conquest_norm, norm, restraint }
}

/// A war under way: the bystanders it threatens decide whether to join it,
/// it spreads through the commitments of the powers it engages, and its
/// first year is fought. The aggressor's co-belligerents (`with`) are on its
/// side from the first.
fn fight(
    world: &mut World,
    crisis: &Aggression,
    crisis_seq: Seq,
    war_seq: Seq,
    resisted: Option<Seq>,
    mut defenders: Camp,
    refused: &Refused,
) {
    let mut attackers: Camp = crisis.allies.iter().map(|&power| Defender::force(power, crisis_seq, true)).collect();
    join_war(world, crisis, war_seq, &mut defenders, refused);
    escalation::spread(world, crisis, war_seq, &mut attackers, &mut defenders);
    war::begin(world, crisis, war_seq, resisted, attackers, defenders);
}

/// Deterrence by punishment, beside deterrence by denial (Snyder 1961):
/// what a war would destroy of the aggressor beyond the ordinary cost, against
/// what it stands to gain.
struct Punishment {
    /// The share of the aggressor the most destructive of its likely enemies
    /// would destroy, counted as the aggressor counts that enemy's opposition.
    devastation: f64,
    loss: f64,
    gain: f64,
    /// The power whose arms set the devastation, where its `destructive`
    /// was set, and the assignment's event.
    by: Option<(PowerId, Option<Span>, Option<Seq>)>,
}

impl Punishment {
    /// Whether the threat deters, whatever the balance: it must be there at all.
    fn deters(&self) -> bool {
        self.devastation > 0.0 && self.loss >= self.gain
    }
}

/// An aggressor weighs what the war would destroy of it against what it
/// stands to gain, `stakes × capability(T) × (1 + resolve)`. The threat is
/// the most destructive power likely to fight it: one a commitment put on
/// the target's side counts in full, the target as far as it stands to lose
/// (`stakes`), one balancing on its own account at
/// `uncommitted_weight`, and one the war may still draw in (a bystander
/// with an interest in the region, a defector from an alliance that answers
/// by force) as far as it is willing to join it — the threat that leaves
/// something to chance (Schelling 1966). A power with arms but little at
/// stake threatens little: limited wars are fought beneath the nuclear
/// shadow (Snyder 1965, the stability–instability paradox). With an
/// assured second strike on the other side (`destructive` near 1) no stake
/// is worth the war, however the balance stands: Schelling (1966), Waltz
/// (1979) on the nuclear peace.
/// Without destructive arms (`destructive 0`, the default) nothing changes.
fn punishment(
    world: &World,
    crisis: &Aggression,
    defenders: &[Defender],
    refused: &Refused,
    resolve: f64,
) -> Punishment {
    let uncommitted_weight = world.state.param(parameter!("uncommitted_weight"));
    let destructive = |p: PowerId| world.state.powers[p.0].destructive;
    let likely = defenders
        .iter()
        .filter(|d| d.fights())
        .map(|d| {
            // The target threatens what it stands to lose: its arms answer for
            // its existence, not for a frontier (Israel's "last resort").
            let credibility = if d.power == crisis.target {
                crisis.stakes
            } else if d.committed {
                1.0
            } else {
                uncommitted_weight
            };
            (d.power, destructive(d.power) * credibility)
        })
        .chain({
            let against = aggressor_side(world, crisis);
            may_join(world, crisis, defenders, refused)
                .into_iter()
                .map(move |p| (p, destructive(p) * willingness_to_join(world, p, crisis, defenders, against)))
        })
        .filter(|(_, d)| *d > 0.0)
        .fold(None, |best: Option<(PowerId, f64)>, next| match best {
            Some(b) if b.1 >= next.1 => Some(b),
            _ => Some(next),
        });
    // The tradition of non-use: an aggressor whose side has no such arms
    // need not fear them.
    let own =
        std::iter::once(crisis.aggressor).chain(crisis.allies.iter().copied()).map(destructive).fold(0.0, f64::max);
    let likely = likely.filter(|(_, d)| used_against(*d, own) > 0.0);
    let devastation = likely.map_or(0.0, |(_, d)| d);
    let loss = devastation * world.state.powers[crisis.aggressor.0].capability;
    let gain = crisis.stakes * world.state.powers[crisis.target.0].capability * (1.0 + resolve);
    let by = likely.map(|(p, _)| {
        let (span, set_by) = world.provenance(|| Quantity::Destructive(p), world.scenario.powers[p.0].destructive.span);
        (p, span, set_by)
    });
    Punishment { devastation, loss, gain, by }
}

/// How far a concert holds back one of its own members, and which concert.
struct Restraint {
    value: f64,
    concert: Option<CommitmentId>,
}

/// Jervis (1985): a member of a concert that moves against a power the
/// concert answers for risks breaking up the coalition; the memory of the
/// last war makes that cost, and the concert's cohesion says how much there
/// is to break. The strongest such concert counts, the first declared on a tie.
fn concert_restraint(world: &World, crisis: &Aggression) -> Restraint {
    let memory = world.state.param(parameter!("war_memory"));
    (0..world.scenario.commitments.len())
        .map(CommitmentId)
        .filter(|c| {
            let state = &world.state.commitments[c.0];
            state.mode == Mode::Concert
                && state.members.contains(&crisis.aggressor)
                && world.scenario.commitments[c.0].answers(crisis.aggressor)
                && world.state.engages(world.scenario, *c, crisis.target, Some(crisis.region))
        })
        .map(|c| Restraint { value: memory * world.state.commitments[c.0].cohesion, concert: Some(c) })
        .fold(Restraint { value: 0.0, concert: None }, |best, next| if next.value > best.value { next } else { best })
}

/// The aggressor weighs the opposition it perceives — part of it hidden
/// by 1 − transparency (Jervis 1985: timely warning) — against its own
/// capability and resolve; deterred, it backs down, otherwise it strikes,
/// and its target fights or gives way. Returns the event of a peace kept —
/// the aggressor deterred or a demand settled — if it was.
///
/// It counts fully on the powers a commitment binds, but only in part on
/// those that balance on their own account, since they promised nothing:
/// the predictable coalition is what makes regulated balancing deter better
/// than self-help (Kupchan & Kupchan 1995, p. 52).
pub(super) fn deterrence(
    world: &mut World,
    crisis: &Aggression,
    crisis_seq: Seq,
    defenders: Camp,
    passed: &[Seq],
    refused: &Refused,
    mediators: &[(CommitmentId, Seq)],
) -> Option<Seq> {
    let a = crisis.aggressor;
    let capability = world.state.powers[a.0].capability;
    let own_forces = forces::forces(world, a);
    // What other wars hold of either side's forces, named among the causes
    // (nothing to look for in a world at peace).
    let ((side_elsewhere, side_fronts), (opposition_elsewhere, opposition_fronts)) = if world.state.wars.is_empty() {
        ((0.0, Vec::new()), (0.0, Vec::new()))
    } else {
        let attacking: Few<PowerId> =
            std::iter::once(a).chain(crisis.backers.iter().copied()).chain(crisis.allies.iter().copied()).collect();
        let fighting: Few<PowerId> = defenders.iter().filter(|d| d.fights()).map(|d| d.power).collect();
        (forces::held_elsewhere(world, &attacking), forces::held_elsewhere(world, &fighting))
    };
    let Opposition { committed, uncommitted, sanctions, aid } = opposition(world, &defenders);
    let uncommitted_weight = world.state.param(parameter!("uncommitted_weight"));
    let sanctions_weight = world.state.param(parameter!("sanctions_weight"));
    let aid_weight = world.state.param(parameter!("aid_weight"));
    // Sanctions and aid weigh the same, seen or real: they are announced.
    let answered = sanctions_weight * sanctions + aid_weight * aid;
    let opposition = committed + uncommitted + answered;
    let counted = committed + uncommitted_weight * uncommitted + answered;
    let resolve = resolve_of(world, crisis);
    let side = aggressor_side(world, crisis);
    let (promised, promised_by) = escalation::promised_to_aggressor(world, crisis);
    let weighed = std::iter::once(a)
        .chain(crisis.backers.iter().copied())
        .chain(crisis.allies.iter().copied())
        .chain(defenders.iter().map(|d| d.power));
    let worth = forces::fielded(world, weighed);
    let needed = side * (1.0 + resolve.value);
    // A concert that takes up a demand settles it by conference, where each
    // side sees the other's strength as the concert's members see it: whole
    // (Jervis 1985: a concert's consultation is its transparency).
    let award = mediators.first().filter(|_| crisis.demand).copied();
    let transparency = if award.is_some() { 1.0 } else { world.state.param(parameter!("transparency")) };
    let draw = world.dice.draw();
    let perceived = seen_through(counted, transparency, draw);
    let punishment = punishment(world, crisis, &defenders, refused, resolve.value);
    let denied = perceived >= needed;
    let deterred = denied || punishment.deters();
    let misperceived = !deterred && opposition >= needed;
    let name = world.scenario.powers[a.0].name.as_str();
    let summary = world.log.text(|| {
        if !denied && deterred {
            format!(
                "{name} is deterred by the threat of devastation: a war would destroy {:.3} of it, for a gain of {:.3}",
                punishment.loss, punishment.gain
            )
        } else if deterred && crisis.demand {
            format!("{name} climbs down: it sees opposition of {perceived:.2} against the {needed:.2} it would risk")
        } else if crisis.demand {
            format!(
                "{name} presses its demand: it sees opposition of {perceived:.2} (really {opposition:.2}), \
                 less than the {needed:.2} it would risk"
            )
        } else if deterred {
            format!("{name} is deterred: it sees opposition of {perceived:.2} against the {needed:.2} it would risk")
        } else if misperceived {
            format!("{name} misjudges the opposition ({perceived:.2} seen, {opposition:.2} real) and goes to war")
        } else {
            format!(
                "{name} is not deterred: it sees opposition of {perceived:.2} (really {opposition:.2}), \
                 less than the {needed:.2} it would risk"
            )
        }
    });
    let aggressor = &world.scenario.powers[a.0];
    let (stance_span, stance_rule) = world.provenance(|| Quantity::Stance(a), aggressor.stance.span);
    let declared_interest = aggressor.interests.iter().find(|i| i.region == crisis.region).map(|i| i.span);
    let (interest_span, interest_rule) = world.provenance(|| Quantity::Interest(a, crisis.region), declared_interest);
    let spans = &world.state.parameter_spans;
    let mut draft = world
        .log
        .event(
            match (deterred, crisis.demand) {
                (true, _) => EventKind::Deterred,
                (false, true) => EventKind::Pressed,
                (false, false) => EventKind::War,
            },
            summary,
        )
        .actor(a)
        .actors(defenders.iter().map(|d| d.power))
        .after(crisis_seq)
        .after_opt(stance_rule)
        .cause_opt(stance_span, || format!("stance {} raised {name}'s resolve to {:.2}", resolve.stance, resolve.value))
        .after_opt(interest_rule)
        .cause_opt(interest_span.filter(|_| resolve.interest > 0.0), || {
            format!(
                "interest {} in {}: what {name} has at stake raised its resolve",
                resolve.interest,
                world.scenario.region(crisis.region)
            )
        })
        .after_opt(resolve.norm.and_then(|n| world.state.norm_changes[n.0]))
        .cause_opt(resolve.norm.map(|n| world.scenario.norms[n.0].span), || {
            format!("the norm against conquest, at {:.2}, tempered its resolve", resolve.conquest_norm)
        })
        .cause_opt(spans[parameter!("transparency")].filter(|_| award.is_none() && transparency < 1.0), || {
            format!("transparency {transparency} hid part of the opposition from {name}")
        })
        .after_opt(award.map(|(_, decision)| decision))
        .cause_opt(award.map(|(c, _)| world.scenario.commitments[c.0].span), || {
            format!("at the concert's conference {name} saw the opposition whole")
        })
        .cause_opt(spans[parameter!("uncommitted_weight")].filter(|_| uncommitted > 0.0), || {
            format!(
                "uncommitted_weight {uncommitted_weight}: {name} counted only that share of the powers bound by nothing"
            )
        })
        .cause_opt(spans[parameter!("sanctions_weight")].filter(|_| sanctions > 0.0), || {
            format!(
                "sanctions_weight {sanctions_weight}: {name} counted only that share of the powers \
                 that answered with sanctions"
            )
        })
        .after_opt(resolve.restraint.concert.and_then(|c| world.state.commitments[c.0].standing_changed))
        .cause_opt(resolve.restraint.concert.map(|c| world.scenario.commitments[c.0].span), || {
            format!(
                "a member of this concert, {name} held its resolve back by {:.2} (war memory × cohesion)",
                resolve.restraint.value
            )
        })
        .figure("capability", capability)
        .figure("backing", side - own_forces)
        .figure("restraint", resolve.restraint.value)
        .figure("resolve", resolve.value)
        .figure("interest", resolve.interest)
        .figure("opposition", opposition)
        .figure("committed", committed)
        .figure("uncommitted", uncommitted)
        .figure("uncommitted_weight", uncommitted_weight)
        .figure("sanctions", sanctions)
        .figure("sanctions_weight", sanctions_weight)
        .figure("perceived", perceived)
        .figure("transparency", transparency)
        .figure("misperceived", f64::from(u8::from(misperceived)))
        .threshold(needed)
        .draw(draw);
    if !promised_by.is_empty() {
        draft = draft.figure("promised", promised);
        for c in promised_by {
            let commitment = &world.scenario.commitments[c.0];
            draft = draft.after_opt(world.state.commitments[c.0].standing_changed).cause_with(commitment.span, || {
                format!("`{}` promised {name} its members' forces, at its standing", commitment.name)
            });
        }
    }
    draft = forces::name_fielded(draft, world.scenario, &worth);
    draft = forces::name_fronts(draft, world.scenario, "side_elsewhere", side_elsewhere, &side_fronts);
    draft =
        forces::name_fronts(draft, world.scenario, "opposition_elsewhere", opposition_elsewhere, &opposition_fronts);
    if aid > 0.0 {
        draft = draft
            .figure("aid", aid)
            .figure("aid_weight", aid_weight)
            .cause_opt(spans[parameter!("aid_weight")], || {
                format!("aid_weight {aid_weight}: {name} counted only that share of the powers that answered with aid")
            });
    }
    if let Some((power, span, set_by)) = punishment.by {
        let value = world.state.powers[power.0].destructive;
        let enemy = &world.scenario.powers[power.0].name;
        draft = draft
            .figure("devastation", punishment.devastation)
            .figure("loss", punishment.loss)
            .figure("gain", punishment.gain)
            .after_opt(set_by)
            .cause_opt(span, || format!("destructive {value}: what {enemy} would destroy of {name}"));
    }
    for defender in &defenders {
        draft = draft.after(defender.because);
    }
    for seq in passed {
        draft = draft.after(*seq);
    }
    let seq = draft.record();
    if deterred {
        return Some(seq);
    }
    if crisis.demand {
        return match outcome::bargain(world, crisis, seq, counted, needed, transparency, award) {
            outcome::Bargain::StandsFirm { firm } => {
                fight(world, crisis, crisis_seq, seq, Some(firm), defenders, refused);
                None
            }
            outcome::Bargain::Concedes { settled } => Some(settled),
        };
    }
    match outcome::stand_or_yield(world, crisis, seq, counted, &defenders) {
        Stand::Fights { resisted } => fight(world, crisis, crisis_seq, seq, resisted, defenders, refused),
        Stand::GivesWay { yielded } => outcome::give_way(world, crisis, yielded, &defenders),
    }
    None
}
