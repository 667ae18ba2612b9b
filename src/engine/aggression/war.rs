//! A war fought year by year: each year's fighting may decide it, the sides may make a compromise peace, or it goes on into the next year.

use crate::log::{EventKind, Seq};
use crate::scenario::{Act, PowerId, Quantity, Response, ShockId};
use crate::source::Span;

use super::forces::{fielded, forces, held_elsewhere, name_fielded, name_fronts};
use super::outcome::{estrange, hand_over, reveal, revealed_threat};
use super::{devastated, seen_through, share, used_against, Aggression, Camp, Defender};
use crate::engine::{Few, World};

/// A war under way, carried from one year to the next until it ends.
#[derive(Debug, Clone)]
pub(crate) struct War {
    aggressor: PowerId,
    target: PowerId,
    stakes: f64,
    /// The effect line that declared the aggression.
    span: Span,
    /// The shock whose consequences the war is part of.
    shock: Option<ShockId>,
    /// The aggressor's strike, and the target's decision to fight if it had one.
    struck: Seq,
    resisted: Option<Seq>,
    attackers: Camp,
    defenders: Camp,
    began: i32,
    /// The last year it was fought.
    fought: i32,
    /// The event that carried the war into this year, if it is not its first,
    /// or the campaign that joined it since.
    carried: Option<Seq>,
}

/// How a year of war ended.
enum Year {
    /// The fighting decided the war.
    Decided { aggressor_wins: bool },
    /// The sides made peace on the balance the fighting showed.
    Compromise,
    /// Neither: the war goes on.
    GoesOn,
}

/// What the sides made of a year that decided nothing.
#[derive(Clone, Copy)]
struct Undecided {
    /// The draw that hid part of the odds from the target's side, and what it saw.
    view: f64,
    seen: f64,
    /// Whether the aggressor's optimism fell within what another year costs.
    agree: bool,
    /// The draw against trust: whether each could count on the other keeping a peace.
    kept: f64,
}

/// Begins a war in the year the aggressor strikes, and fights its first year.
pub(super) fn begin(
    world: &mut World,
    crisis: &Aggression,
    struck: Seq,
    resisted: Option<Seq>,
    attackers: Camp,
    defenders: Camp,
) {
    let war = War {
        aggressor: crisis.aggressor,
        target: crisis.target,
        stakes: crisis.stakes,
        span: crisis.span,
        shock: world.log.shock,
        struck,
        resisted,
        attackers,
        defenders,
        began: world.log.year,
        fought: world.log.year,
        carried: None,
    };
    if let Some(war) = fight_year(world, war) {
        world.state.wars.push(war);
    }
}

impl War {
    /// The powers that fight in it: the aggressor, its co-belligerents, and
    /// those in arms on the target's side.
    pub(super) fn belligerents(&self) -> impl Iterator<Item = PowerId> + '_ {
        std::iter::once(self.aggressor)
            .chain(self.attackers.iter().filter(|d| d.fights()).map(|d| d.power))
            .chain(self.defenders.iter().filter(|d| d.fights()).map(|d| d.power))
    }

    /// The event that last carried it on: its strike, or its last year or campaign.
    pub(super) fn last_event(&self) -> Seq {
        self.carried.unwrap_or(self.struck)
    }

    /// The effect line that declared its latest aggression.
    pub(super) fn span(&self) -> Span {
        self.span
    }
}

/// Marks every power fighting in a war under way as at war, from the
/// start of the year: the shocks of the year see it so.
pub(crate) fn mark_belligerents(world: &mut World) {
    for war in &world.state.wars {
        for p in war.belligerents() {
            world.state.powers[p.0].at_war = true;
        }
    }
}

/// An aggression between powers already fighting each other in a war under
/// way is no new war but a campaign of that one: there is no one left to
/// deter, and the war it joins is fought on for what the campaign
/// seeks — its stakes, its shock, its line — with the campaign's
/// co-belligerents on its side. The war takes the campaign's aggressor and
/// target as its own, so a counter-offensive turns the war about. A war
/// under way from an earlier year is fought later this year, with the
/// campaign; one begun this year has had its year and is fought on the
/// next. Returns whether the aggression was such a campaign.
pub(super) fn campaign(world: &mut World, crisis: &Aggression) -> bool {
    let (a, t) = (crisis.aggressor, crisis.target);
    let attacking =
        |war: &War, p: PowerId| war.aggressor == p || war.attackers.iter().any(|d| d.power == p && d.fights());
    let defending = |war: &War, p: PowerId| war.defenders.iter().any(|d| d.power == p && d.fights());
    let Some(index) = world
        .state
        .wars
        .iter()
        .position(|war| (attacking(war, a) && defending(war, t)) || (defending(war, a) && attacking(war, t)))
    else {
        return false;
    };
    let mut war = world.state.wars.remove(index);
    let seq = world
        .log
        .event(
            EventKind::Crisis,
            text!(
                world.log,
                "{}'s move against {} over {} (stakes {}) is a campaign of the war under way since {}",
                world.name(a),
                world.name(t),
                world.scenario.region(crisis.region),
                crisis.stakes,
                war.began
            ),
        )
        .actors([a, t])
        .cause(crisis.span, "the aggression")
        .after(crisis.shock)
        .after_opt(war.carried)
        .figure("stakes", crisis.stakes)
        .record();
    // The war's two sides, the aggressor's first; turned about when the
    // campaign's aggressor fought on the other side, where those that only
    // answered with sanctions stay out of the fighting they did not join,
    // and those that aid the side go on supplying it: the American airlift
    // of October 1973 flew on when Israel crossed the Canal.
    let turned = !attacking(&war, a);
    let principal = Defender::force(war.aggressor, war.struck, true);
    let attackers: Camp = std::iter::once(principal).chain(war.attackers.drain(..)).collect();
    let defenders = std::mem::take(&mut war.defenders);
    let (mut with_a, with_t) = if turned {
        (defenders.into_iter().filter(|d| d.fights() || d.response == Response::Aid).collect(), attackers)
    } else {
        (attackers, defenders)
    };
    for &ally in crisis.allies {
        if !with_a.iter().chain(&with_t).any(|d| d.power == ally) {
            with_a.push(Defender::force(ally, seq, true));
        }
    }
    with_a.retain(|d| d.power != a);
    war.aggressor = a;
    war.target = t;
    war.attackers = with_a;
    war.defenders = with_t;
    war.stakes = crisis.stakes;
    war.span = crisis.span;
    war.shock = world.log.shock;
    war.carried = Some(seq);
    world.state.wars.insert(index, war);
    true
}

/// Fights another year of every war that went on from an earlier year,
/// once the year's shocks have fired (its campaigns joined): a war begun
/// this year has had its year.
pub(crate) fn fight_on(world: &mut World) {
    let year = world.log.year;
    // Each war, in the order they began, is fought or kept as it is; a war
    // that goes on takes its place again, so the order holds.
    // While a war is fought it is out of the list, so that its
    // belligerents' other wars, and only those, claim their part of them.
    let mut index = 0;
    while index < world.state.wars.len() {
        if world.state.wars[index].fought == year {
            index += 1;
            continue;
        }
        let mut war = world.state.wars.remove(index);
        war.fought = year;
        let shock = std::mem::replace(&mut world.log.shock, war.shock);
        if let Some(war) = fight_year(world, war) {
            world.state.wars.insert(index, war);
            index += 1;
        }
        world.log.shock = shock;
    }
}

/// One year of a war. The side that fights at the worse odds is beaten the
/// sooner, so a lopsided war is decided in its first year and an even one
/// may drag on: the fighting decides it with chance
/// `margin + (1 − margin) × war_decisiveness`, where `margin = |2·chance − 1|`
/// (the COW wars: two thirds over within a year, few lasting more than
/// two). A year that decides nothing ends in a compromise peace when the
/// sides agree closely enough on how the war is going (Fearon 1995: a
/// settlement exists when neither side's optimism exceeds what another
/// year would cost the two; Blainey 1973: wars end when the rivals agree
/// on their relative strength) and each can trust the other to keep the
/// peace (Reiter 2009, *How Wars End*: a peace the enemy might break is
/// not worth making). Else the war goes on into the next year.
fn fight_year(world: &mut World, mut war: War) -> Option<War> {
    let (a, t) = (war.aggressor, war.target);
    // Those that answered with sanctions weigh on the aggressor but do not
    // fight: the war is the target's and its armed friends'.
    let fighting: Few<PowerId> = war.defenders.iter().filter(|d| d.fights()).map(|d| d.power).collect();
    let attacking: Few<PowerId> =
        std::iter::once(a).chain(war.attackers.iter().filter(|d| d.fights()).map(|d| d.power)).collect();
    let strength = |side: &[PowerId]| -> f64 { side.iter().map(|p| forces(world, *p)).sum() };
    // Aid fights in a side's war by what it supplies, at `aid_weight`; the
    // powers that give it are not at war, but what they can spare is what
    // their own wars leave. It is the target's side's, or, once a campaign
    // has turned the war about, the side it supplied before.
    let supplied = |side: &[Defender]| -> f64 {
        side.iter().filter(|d| d.response == Response::Aid).map(|d| forces(world, d.power)).sum()
    };
    let (aid, aid_to_aggressor) = (supplied(&war.defenders), supplied(&war.attackers));
    let aid_weight = world.state.param(parameter!("aid_weight"));
    let (attack, opposition) =
        (strength(&attacking) + aid_weight * aid_to_aggressor, strength(&fighting) + aid_weight * aid);
    let (attack_elsewhere, attack_fronts) = held_elsewhere(world, &attacking);
    let worth = fielded(world, attacking.iter().chain(&fighting).copied());
    let (opposition_elsewhere, opposition_fronts) = held_elsewhere(world, &fighting);
    // What each power on the aggressor's side brought to the war: its share
    // of the spoils.
    let brought: Vec<(PowerId, f64)> = attacking.iter().map(|p| (*p, forces(world, *p))).collect();
    let capability = world.state.powers[a.0].capability;
    let chance = share(attack, opposition);
    let cost = world.state.param(parameter!("war_cost"));
    let sides: Few<PowerId> = attacking.iter().chain(&fighting).copied().collect();
    let Devastation { against_aggressor, against_defenders, arms } =
        pay_the_year(world, &attacking, &fighting, &sides, cost);
    let involved = attack + opposition;
    let years = world.log.year - war.began + 1;

    let decisiveness = world.state.param(parameter!("war_decisiveness"));
    let margin = (2.0 * chance - 1.0).abs();
    let decisive = margin + (1.0 - margin) * decisiveness;
    let transparency = world.state.param(parameter!("transparency"));
    let loss = devastated(cost, against_aggressor) + devastated(cost, against_defenders);
    let trust = world.state.trust(a, t);
    let (decided_by, outcome, battle, view) = decide(world, chance, decisive, transparency, loss, trust);

    let (aggressor, target) = (world.scenario.powers[a.0].name.as_str(), world.scenario.powers[t.0].name.as_str());
    let at_stake = war.stakes * world.state.powers[t.0].capability;
    let mut parts: Vec<(PowerId, f64)> = Vec::new();
    let (kind, transfer) = match outcome {
        Year::Decided { aggressor_wins } => {
            // The stakes are a share of the target: the victorious aggressor
            // takes it; a defeated one pays as much (never more than it
            // has), not that share of itself — a lost war over Austria does
            // not hand Germany over.
            let loser = if aggressor_wins { t } else { a };
            let transfer = at_stake.min(world.state.powers[loser.0].capability);
            if aggressor_wins {
                parts = share_out(world, t, &brought, transfer);
            } else {
                hand_over(world, a, t, transfer);
            }
            (EventKind::WarEnd, transfer)
        }
        Year::Compromise => {
            // The peace splits the stakes as the fighting showed the odds.
            let transfer = (chance * at_stake).min(world.state.powers[t.0].capability);
            parts = share_out(world, t, &brought, transfer);
            (EventKind::WarEnd, transfer)
        }
        Year::GoesOn => (EventKind::WarGoesOn, 0.0),
    };
    // With co-belligerents, who took what.
    let spoils = world.log.text(|| {
        if parts.len() < 2 || transfer == 0.0 {
            return String::new();
        }
        let names: Vec<String> = parts.iter().map(|(p, part)| format!("{} {part:.3}", world.name(*p))).collect();
        format!(" ({})", names.join(", "))
    });
    let after_years = if years > 1 { format!(" after {years} years") } else { String::new() };
    let summary = world.log.text(|| match (&outcome, view) {
        (Year::Decided { aggressor_wins: true }, _) => {
            format!("{aggressor} wins the war{after_years} and takes {transfer:.3} of {target}'s capability{spoils}")
        }
        (Year::Decided { aggressor_wins: false }, _) => {
            format!("{aggressor} is defeated{after_years} and cedes {transfer:.3} of its capability to {target}")
        }
        (Year::Compromise, _) => format!(
            "{aggressor} and {target} make a compromise peace{after_years}: the fighting decided nothing, \
             and {aggressor} takes {transfer:.3} of {target}'s capability, its odds of {chance:.2} of the stakes{spoils}"
        ),
        (Year::GoesOn, Some(Undecided { seen, agree: false, .. })) => format!(
            "the war of {aggressor} against {target} goes on: the year decided nothing, and {aggressor} counts on \
             odds of {chance:.2} where {target}'s side sees {seen:.2}, a gap wider than the {loss:.2} another year costs"
        ),
        (Year::GoesOn, _) => format!(
            "the war of {aggressor} against {target} goes on: the year decided nothing, and neither side \
             trusts the other to keep a peace (trust {trust:.2})"
        ),
    });
    let threat = match outcome {
        Year::Decided { aggressor_wins: true } => revealed_threat(world, a),
        _ => world.state.powers[a.0].threat,
    };
    let mut draft = world
        .log
        .event(kind, summary)
        .actors(sides.iter().copied())
        .attackers(attacking.len())
        .war(war.began, war.struck)
        .after(war.struck)
        .after_opt(war.resisted)
        .after_opt(war.carried);
    // The powers that joined once the war was under way fought in it too.
    for joined in war.defenders.iter().chain(&war.attackers).filter(|d| d.because > war.struck) {
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
    draft = name_fielded(draft, world.scenario, &worth);
    draft = name_fronts(draft, world.scenario, "attack_elsewhere", attack_elsewhere, &attack_fronts);
    draft = name_fronts(draft, world.scenario, "opposition_elsewhere", opposition_elsewhere, &opposition_fronts);
    let spans = &world.state.parameter_spans;
    if aid > 0.0 {
        draft = draft
            .figure("aid", aid)
            .figure("aid_weight", aid_weight)
            .cause_opt(spans[parameter!("aid_weight")], || {
                format!("aid_weight {aid_weight}: the share of the aid-givers' capability that fought for {target}")
            });
    }
    if aid_to_aggressor > 0.0 {
        if aid == 0.0 {
            draft = draft.figure("aid_weight", aid_weight);
        }
        draft = draft.figure("aid_to_aggressor", aid_to_aggressor).cause_opt(spans[parameter!("aid_weight")], || {
            format!("aid_weight {aid_weight}: the share of the aid-givers' capability that fought for {aggressor}")
        });
    }
    draft = draft
        .cause_with(war.span, || format!("stakes {}", war.stakes))
        .cause_opt(spans[parameter!("war_decisiveness")], || format!("war_decisiveness {decisiveness}"))
        .figure("years", f64::from(years))
        .figure("aggressor_capability", capability)
        .figure("attack", attack)
        .figure("opposition", opposition)
        .figure("war_cost", cost)
        .figure("chance", chance)
        .figure("decisive", decisive)
        .figure("decided_by", decided_by);
    let event = match view {
        None => {
            let aggressor_wins = matches!(outcome, Year::Decided { aggressor_wins: true });
            draft
                .figure("threat", threat)
                .cause_opt(spans[parameter!("threat_learning")].filter(|_| aggressor_wins), || {
                    format!("threat_learning {}", world.state.param(parameter!("threat_learning")))
                })
                .figure("transfer", transfer)
                .figure("aggressor_wins", f64::from(u8::from(aggressor_wins)))
                .threshold(chance)
                .draw(battle)
        }
        Some(Undecided { view, seen, agree, kept }) => {
            let draft = draft
                .cause_opt(spans[parameter!("transparency")].filter(|_| transparency < 1.0), || {
                    format!("transparency {transparency} hid part of the odds from {target}'s side")
                })
                .after_opt(world.state.trust_changed(a, t))
                .figure("seen", seen)
                .figure("transparency", transparency)
                .figure("view", view)
                .figure("loss", loss)
                .figure("agree", f64::from(u8::from(agree)))
                .figure("trust", trust)
                .threshold(trust)
                .draw(kept);
            if matches!(outcome, Year::Compromise) {
                draft.figure("transfer", transfer).figure("compromise", 1.0)
            } else {
                draft
            }
        }
    };
    let end = event.record();

    // A war that engages most of the system is a hegemonic war; its memory
    // is what makes the next concert possible (Jervis 1985).
    if involved >= 0.5 {
        let memory = parameter!("war_memory");
        world.state.parameters[memory] = world.state.parameters[memory].max(involved.min(1.0));
    }
    match outcome {
        Year::GoesOn => {
            war.carried = Some(end);
            return Some(war);
        }
        Year::Decided { aggressor_wins } => {
            for &attacker in &attacking {
                estrange(world, attacker, &war.defenders, end);
            }
            if aggressor_wins {
                reveal(world, a, war.span, threat, end);
                world.violate(Act::Conquest, end);
            }
        }
        // A peace agreed at the table is no conquest: it reveals no aims and
        // breaks no norm, but the war's enemies remember it.
        Year::Compromise => {
            for &attacker in &attacking {
                estrange(world, attacker, &war.defenders, end);
            }
        }
    }
    None
}

/// What the aggressor's side takes from the target, shared among the powers
/// that fought on it as each brought to the war: the partitions of Poland
/// (1939) and of the Porte's Macedonia among the Balkan League (1913).
/// Returns each power's part.
fn share_out(world: &mut World, target: PowerId, side: &[(PowerId, f64)], amount: f64) -> Vec<(PowerId, f64)> {
    let total: f64 = side.iter().map(|(_, c)| c).sum();
    side.iter()
        .map(|&(power, brought)| {
            let part = if total > 0.0 { amount * brought / total } else { amount / side.len() as f64 };
            hand_over(world, target, power, part);
            (power, part)
        })
        .collect()
}

/// What a year of war destroys of each side beyond the ordinary cost, and
/// the arms that destroyed it.
struct Devastation {
    against_aggressor: f64,
    against_defenders: f64,
    /// Each power whose arms destroyed, their capacity, and the line (or
    /// the assignment) that set it.
    arms: Vec<(PowerId, f64, Option<Span>)>,
}

/// Charges every power on either side the year of war: the ordinary cost,
/// once a year however many wars it fights (its effort is one, divided
/// among its fronts), and beyond it what the other side's arms destroy —
/// the most destructive of its enemies, and none against a side without
/// such arms. A war's events keep their earlier events in every trace (an
/// ensemble reads their sides), so they name the assignment's line but do
/// not follow from its event, which only a traced run would know.
fn pay_the_year(
    world: &mut World,
    attacking: &[PowerId],
    fighting: &[PowerId],
    sides: &[PowerId],
    cost: f64,
) -> Devastation {
    let destructive = |p: &PowerId| world.state.powers[p.0].destructive;
    let (defenders_arms, aggressors_arms) =
        (fighting.iter().map(destructive).fold(0.0, f64::max), attacking.iter().map(destructive).fold(0.0, f64::max));
    let against_aggressor = used_against(defenders_arms, aggressors_arms);
    let against_defenders = used_against(aggressors_arms, defenders_arms);
    let arms: Vec<(PowerId, f64, Option<Span>)> = sides
        .iter()
        .filter(|p| destructive(p) > 0.0 && against_aggressor.max(against_defenders) > 0.0)
        .map(|&p| {
            let (span, _) = world.provenance(|| Quantity::Destructive(p), world.scenario.powers[p.0].destructive.span);
            (p, destructive(&p), span)
        })
        .collect();
    let year = world.log.year;
    for p in sides {
        let devastation = if attacking.contains(p) { against_aggressor } else { against_defenders };
        let power = &mut world.state.powers[p.0];
        let ordinary = if power.war_paid == Some(year) { 0.0 } else { cost };
        power.capability *= 1.0 - devastated(ordinary, devastation);
        power.at_war = true;
        power.war_paid = Some(year);
    }
    Devastation { against_aggressor, against_defenders, arms }
}

/// How the year ends: decided by the fighting (one draw against
/// `decisive`, then one for the victor), or, undecided, in a compromise
/// peace or a war that goes on — the target's side's view of the odds
/// seen through the fog of `1 − transparency` (one draw) against what another year
/// costs, `loss`, and a peace believed (one draw against `trust`).
/// Returns the first draw, the outcome, the victor's draw and the
/// undecided year's judgements.
fn decide(
    world: &mut World,
    chance: f64,
    decisive: f64,
    transparency: f64,
    loss: f64,
    trust: f64,
) -> (f64, Year, f64, Option<Undecided>) {
    let decided_by = world.dice.draw();
    if decided_by < decisive {
        let battle = world.dice.draw();
        return (decided_by, Year::Decided { aggressor_wins: battle < chance }, battle, None);
    }
    let view = world.dice.draw();
    let seen = seen_through(chance, transparency, view);
    let kept = world.dice.draw();
    let agree = chance - seen <= loss;
    let outcome = if agree && kept < trust { Year::Compromise } else { Year::GoesOn };
    (decided_by, outcome, 0.0, Some(Undecided { view, seen, agree, kept }))
}
