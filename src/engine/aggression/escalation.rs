//! Escalation: a war spreads through commitments — a power that enters it against a member of a commitment engages that commitment, whose members decide whether to fight beside the member — and what an offensive commitment promises its member before the blow.
//!
//! The chain gang (Christensen & Snyder 1990): in a multipolar system allies
//! are bound to each other's wars, so a war between two powers becomes a
//! war between their alliances. Snyder (1984) calls the fear of being
//! abandoned by an ally that draws one in the alliance security dilemma.

use crate::log::{EventKind, Seq};
use crate::scenario::{CommitmentId, CrisisKind, Mode, PowerId, RegionId};

use super::{automatic, concert, forces, Aggression, Camp, Defender, Refused};
use crate::engine::{Few, World};

/// Spreads a war under way through commitments until none is left to engage.
///
/// Whenever a power enters the war against a member (or a protected power)
/// of a live commitment that covers aggression and answers that power
/// (`against` it, or against no one in particular), and is not itself a
/// member, the commitment is engaged as if that power had attacked the
/// member: its members answer
/// exactly as they answer an aggression — obliged or defecting, or by
/// consultation — and those that act fight beside the member. Their entry
/// may in turn engage the commitments of the powers they now fight. Each
/// commitment is engaged once in a war, at most; a power answers once.
pub(super) fn spread(world: &mut World, crisis: &Aggression, war_seq: Seq, attackers: &mut Camp, defenders: &mut Camp) {
    // The commitments that answered the aggression itself have had their say.
    let mut engaged: Few<CommitmentId> = (0..world.scenario.commitments.len())
        .map(CommitmentId)
        .filter(|c| {
            world.scenario.commitments[c.0].answers(crisis.aggressor)
                && world.state.engages(world.scenario, *c, crisis.target, Some(crisis.region))
        })
        .collect();
    let aggressor = Defender::force(crisis.aggressor, war_seq, true);
    let mut refused = Refused::default();
    while let Some((commitment, member, entrant, member_attacks)) =
        next_engagement(world, crisis.region, &engaged, &aggressor, attackers, defenders)
    {
        engaged.push(commitment);
        let (own, other): (&mut Camp, &Camp) =
            if member_attacks { (attackers, defenders) } else { (defenders, attackers) };
        // The entrant's side as the members weigh it: the entrant and those
        // fighting beside it, the aggressor when the entrant is on its side.
        let mut enemies: Few<PowerId> = other.iter().filter(|d| d.fights()).map(|d| d.power).collect();
        if !member_attacks {
            enemies.push(crisis.aggressor);
        }
        enemies.retain(|p| *p != entrant.power);
        let declared = &world.scenario.commitments[commitment.0];
        let entrant_name = &world.scenario.powers[entrant.power.0].name;
        let seq = world
            .log
            .event(
                EventKind::Crisis,
                text!(
                    world.log,
                    "{}'s entry into the war engages `{}` for {}",
                    world.name(entrant.power),
                    declared.name,
                    world.name(member)
                ),
            )
            .actors([entrant.power, member])
            .commitment(commitment)
            .cause(declared.span, "a commitment its member's enemy engages")
            .cause_opt(declared.against_span, || format!("against {entrant_name}"))
            .after(war_seq)
            .after(entrant.because)
            .record();
        let engagement = Aggression {
            aggressor: entrant.power,
            target: member,
            region: crisis.region,
            stakes: crisis.stakes,
            backers: &[],
            allies: &enemies,
            demand: false,
            span: crisis.span,
            shock: crisis.shock,
        };
        // Who has answered already, on either side, is not asked again.
        let mut side: Camp = own.clone();
        if member_attacks {
            side.push(aggressor);
        }
        refused.powers.extend(other.iter().map(|d| d.power));
        let before = side.len();
        match world.state.commitments[commitment.0].mode {
            Mode::Automatic => automatic(world, commitment, &engagement, seq, &mut side, &mut refused),
            Mode::Concert => {
                concert(world, commitment, &engagement, seq, &mut side, &mut refused.powers);
            }
        }
        own.extend(side[before..].iter().filter(|d| d.fights()).map(|d| Defender { committed: true, ..*d }));
    }
}

/// The next commitment the war engages: one not yet engaged, covering
/// aggression, with a member or protected power fighting on one side and a
/// power it answers, not its member, that entered the war against it on the
/// other (the latest such entrant). Returns the
/// commitment, its power at war, the entrant against it and whether that
/// power is on the aggressor's side.
fn next_engagement(
    world: &World,
    region: RegionId,
    engaged: &[CommitmentId],
    aggressor: &Defender,
    attackers: &[Defender],
    defenders: &[Defender],
) -> Option<(CommitmentId, PowerId, Defender, bool)> {
    let attacking: Camp = std::iter::once(*aggressor).chain(attackers.iter().copied()).collect();
    let defending: Camp = defenders.iter().filter(|d| d.fights()).copied().collect();
    for c in (0..world.scenario.commitments.len()).map(CommitmentId) {
        let declared = &world.scenario.commitments[c.0];
        let (defensive, offensive) = (declared.covers(CrisisKind::Aggression), declared.covers(CrisisKind::Offense));
        if engaged.contains(&c) || !(defensive || offensive) {
            continue;
        }
        let members = &world.state.commitments[c.0].members;
        let opposes = |p: PowerId| declared.against.is_empty() || declared.against.contains(&p);
        for (own, other, member_attacks) in [(&attacking, &defending, true), (&defending, &attacking, false)] {
            // An offensive commitment stands by a member that attacks,
            // against whoever fights it; a defensive one only by a member
            // a power came into the war against.
            let beside_attacker = member_attacks && offensive;
            if !beside_attacker && !defensive {
                continue;
            }
            for member in own.iter().filter(|d| world.state.engages(world.scenario, c, d.power, Some(region))) {
                // Only a power that came into the war against the member once
                // the member was in it: the member joining a war against it
                // is no attack on the member.
                let entrant = other
                    .iter()
                    .filter(|d| beside_attacker || d.because > member.because)
                    .filter(|d| opposes(d.power) && !members.contains(&d.power))
                    .max_by_key(|d| d.because);
                if let Some(entrant) = entrant {
                    return Some((c, member.power, *entrant, member_attacks));
                }
            }
        }
    }
    None
}

/// What the aggressor's offensive commitments promise it: the forces of
/// their other members, each at its commitment's standing, as a member of
/// a defensive commitment counts the members still to answer (`Coalition`).
/// A commitment that `covers offense` stands by a member that attacks
/// (*Escalation*), so the aggressor, and everyone who weighs facing it,
/// counts on those allies before they answer: Germany's promise of 5 July
/// 1914 was what Vienna struck on. Only a commitment that would be engaged
/// beside the aggressor counts — in force, covering the region, `against`
/// the target or no one in particular, the target not a member — and a
/// power promised by several counts once, at the best standing. Returns
/// the forces promised and the commitments that promised them.
pub(super) fn promised_to_aggressor(world: &World, crisis: &Aggression) -> (f64, Vec<CommitmentId>) {
    let mut promised: Few<(PowerId, f64)> = Few::new();
    let mut by = Vec::new();
    for &c in &world.state.offensive {
        let (declared, state) = (&world.scenario.commitments[c.0], &world.state.commitments[c.0]);
        if !world.state.engages(world.scenario, c, crisis.aggressor, Some(crisis.region))
            || !(declared.against.is_empty() || declared.against.contains(&crisis.target))
            || state.members.contains(&crisis.target)
        {
            continue;
        }
        let standing = state.standing();
        let mut promises = false;
        for &m in &state.members {
            if m == crisis.aggressor || crisis.with_aggressor(m) {
                continue;
            }
            promises = true;
            match promised.iter_mut().find(|(p, _)| *p == m) {
                Some((_, best)) => *best = best.max(standing),
                None => promised.push((m, standing)),
            }
        }
        if promises {
            by.push(c);
        }
    }
    (promised.iter().map(|(p, standing)| forces(world, *p) * standing).sum(), by)
}
