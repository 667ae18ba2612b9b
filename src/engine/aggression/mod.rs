//! Resolving an aggression: commitments answer (automatic or concert), else self-help; then deterrence or war.
//!
//! The contrast the model exists to show (Kupchan & Kupchan 1995, pp. 52–53):
//! regulated balancing, all against one, where a commitment brings its
//! members into the coalition, against unregulated self-help, each for his
//! own, where powers balance only for their own interests and pass the buck.

use crate::log::{EventKind, Seq};
use crate::scenario::{Act, CommitmentId, CrisisKind, Mode, NormId, PowerId, Quantity, RegionId, Response};
use crate::source::Span;

use super::consult::{
    declarations, defect, outcome, rule_word, split, strengthen_ties, will_to_block, Declaration, Matter, Outcome,
};
use super::wear::Answer;
use super::{Few, World};

mod deterrence;
mod escalation;
mod forces;
mod outcome;
mod self_help;
mod war;

pub(crate) use forces::forces;
pub(crate) use war::{fight_on, mark_belligerents, War};

use self_help::self_help;

/// The powers on one side of a crisis or a war: seldom more than a few, so
/// kept beside the crisis, not allocated for it.
type Camp = smallvec::SmallVec<[Defender; 8]>;

/// One aggression to resolve.
pub(super) struct Aggression<'a> {
    pub aggressor: PowerId,
    pub target: PowerId,
    pub region: RegionId,
    pub stakes: f64,
    /// Powers that stand behind the aggressor without fighting.
    pub backers: &'a [PowerId],
    /// Powers that fight beside the aggressor (`with`).
    pub allies: &'a [PowerId],
    /// A demand, bargained over: it may end in a settlement short of war.
    pub demand: bool,
    /// The effect line that declared it.
    pub span: Span,
    /// The shock event it came from.
    pub shock: Seq,
}

impl Aggression<'_> {
    /// Whether a power stands with the aggressor, behind it or beside it: no
    /// commitment calls on it against the aggressor, it balances on nobody's
    /// account, and in a concert it blocks.
    fn with_aggressor(&self, power: PowerId) -> bool {
        self.backers.contains(&power) || self.allies.contains(&power)
    }
}

/// A power on one side of a crisis, and the event that put it there: on the
/// target's side (a defender), or, in a war, on the aggressor's.
#[derive(Debug, Clone, Copy)]
struct Defender {
    power: PowerId,
    because: Seq,
    /// Bound by a commitment (or the target itself), so the aggressor can
    /// count on its opposition; a self-help balancer promised nothing.
    committed: bool,
    /// How it answered: by force (it fights), or, under a commitment whose
    /// `response` says so, by sanctions or aid — it weighs on the
    /// aggressor, and aid adds to the target's war, but it does not fight.
    response: Response,
}

impl Defender {
    /// A power that stands to fight.
    fn force(power: PowerId, because: Seq, committed: bool) -> Defender {
        Defender { power, because, committed, response: Response::Force }
    }

    /// Whether it joins the war if the aggressor strikes.
    fn fights(&self) -> bool {
        self.response == Response::Force
    }

    /// How far it weighs on the aggressor, and, by aid, adds to the war:
    /// in full when it fights.
    fn weight(&self, world: &World) -> f64 {
        response_weight(world, self.response)
    }
}

/// How far a power answering by `response` weighs on the aggressor: in full
/// by force, `sanctions_weight` by sanctions, `aid_weight` by aid.
fn response_weight(world: &World, response: Response) -> f64 {
    match response {
        Response::Force => 1.0,
        Response::Sanctions => world.state.param(parameter!("sanctions_weight")),
        Response::Aid => world.state.param(parameter!("aid_weight")),
    }
}

pub(super) fn resolve(world: &mut World, crisis: Aggression) {
    if war::campaign(world, &crisis) {
        return;
    }
    let (a, t) = (crisis.aggressor, crisis.target);
    // Commitments that stand by the target, but not against this aggressor:
    // their `against` line is why they stay silent.
    let not_against: Vec<(Span, String)> = (0..world.scenario.commitments.len())
        .map(CommitmentId)
        .filter(|c| world.log.keeps_causes() && world.state.engages(world.scenario, *c, t, Some(crisis.region)))
        .filter_map(|c| {
            let declared = &world.scenario.commitments[c.0];
            let silent = declared.covers(CrisisKind::Aggression) && !declared.answers(a);
            declared
                .against_span
                .filter(|_| silent)
                .map(|span| (span, text!(world.log, "`{}` answers no aggression by {}", declared.name, world.name(a))))
        })
        .collect();
    let seq = world
        .log
        .event(
            EventKind::Crisis,
            text!(
                world.log,
                "{} moves against {} over {} (stakes {})",
                world.name(a),
                world.name(t),
                world.scenario.region(crisis.region),
                crisis.stakes
            ),
        )
        .actors([a, t])
        .cause(crisis.span, "the aggression")
        .causes(not_against)
        .after(crisis.shock)
        .figure("stakes", crisis.stakes)
        .record();
    let mut defenders: Camp = smallvec::smallvec![Defender::force(t, seq, true)];
    let engaged: Few<CommitmentId> = (0..world.scenario.commitments.len())
        .map(CommitmentId)
        .filter(|c| {
            world.scenario.commitments[c.0].answers(a)
                && world.state.engages(world.scenario, *c, t, Some(crisis.region))
        })
        .collect();
    let mut answered = false;
    // The powers that refused to stand against the aggressor: defectors from
    // automatic commitments and members that opposed a concert's action.
    // They answered the crisis: no later commitment asks them again.
    let mut refused = Refused::default();
    // The concerts that decided to act: on a demand, they settle it by conference.
    let mut mediators: Few<(CommitmentId, Seq)> = Few::new();
    for commitment in engaged {
        match world.state.commitments[commitment.0].mode {
            Mode::Automatic => {
                automatic(world, commitment, &crisis, seq, &mut defenders, &mut refused);
                answered = true;
            }
            // A concert binds no one: whatever it decides, the powers it did
            // not put on the target's side remain free to balance on their own.
            Mode::Concert => {
                if let Some(decision) = concert(world, commitment, &crisis, seq, &mut defenders, &mut refused.powers) {
                    mediators.push((commitment, decision));
                }
            }
        }
    }
    let passed = if answered { Few::new() } else { self_help(world, &crisis, seq, &mut defenders, &refused.powers) };
    // A concert that acted and kept the peace — the aggressor deterred, the
    // demand settled at its conference — is the stronger for it (Jervis
    // 1985: cooperation feeds on itself).
    if let Some(peace) = deterrence::deterrence(world, &crisis, seq, defenders, &passed, &refused, &mediators) {
        for (concert, _) in mediators {
            world.reinforce(concert, peace);
        }
    }
}

/// The strength of the norms at stake: the upheld norms that forbid
/// conquest, or every such norm when the commitment upholds none.
fn norm_at_stake(world: &World, commitment: Option<CommitmentId>) -> (f64, Option<NormId>) {
    let upheld = commitment.map_or(&[][..], |c| &world.scenario.commitments[c.0].upholds[..]);
    let strongest = |norms: &mut dyn Iterator<Item = usize>| {
        norms.map(|n| (world.state.norms[n], Some(NormId(n)))).max_by(|x, y| x.0.total_cmp(&y.0)).unwrap_or((0.0, None))
    };
    if upheld.is_empty() {
        let forbids = |n: &usize| world.scenario.norms[*n].forbids.contains(&Act::Conquest);
        strongest(&mut (0..world.scenario.norms.len()).filter(forbids))
    } else {
        strongest(&mut upheld.iter().map(|n| n.0))
    }
}

/// How willing a member is to act against the aggressor: its interest, the
/// norm at stake, the commitment's standing and the war memory, against its
/// domestic constraint weighted by the cost of facing the aggressor.
struct Willingness {
    value: f64,
    interest: f64,
    norm: f64,
    standing: f64,
    memory: f64,
    /// The aggressor's threat: what its conquests have revealed of its aims.
    threat: f64,
    stance: f64,
    constraint: f64,
    /// The capability the member expects to stand beside (`Coalition::expected`).
    coalition: f64,
    cost: f64,
}

impl Willingness {
    /// Whether the aggressor's threat, not the norm, is what the conquest
    /// put at stake beyond its region.
    fn threat_decides(&self) -> bool {
        self.threat > self.norm
    }
}

fn willingness(
    world: &World,
    member: PowerId,
    crisis: &Aggression,
    standing: f64,
    norm: f64,
    coalition: &Coalition,
) -> Willingness {
    let (retaliation, coalition) = (coalition.retaliation(world, member), coalition.expected(world));
    let interest = world.state.interest(member, crisis.region);
    let memory = world.state.param(parameter!("war_memory"));
    let constraint = world.state.powers[member.0].constraint;
    let cost = cost_of_facing(world, crisis, forces(world, member) + coalition, retaliation);
    // A revisionist feels the pull of the norm, the commitment and the last
    // war's memory only in part: collective security rests on states that
    // accept the order those norms protect (Kupchan & Kupchan 1995, p. 52).
    let stance = world.state.powers[member.0].stance;
    // Beyond its region a conquest puts at stake the rule it breaks or the
    // next conquest it announces; members answer to the stronger. Once the
    // norm is worn out the aggressor's own record still speaks (Walt 1987;
    // Kupchan & Kupchan 1995, p. 52: collective security is "balancing
    // ... against threats to peace").
    let threat = world.state.powers[crisis.aggressor.0].threat;
    let beyond = norm.max(threat);
    let motive = (interest + (1.0 - stance) * (beyond + standing + memory)) / 4.0;
    let value = (motive - constraint * cost).clamp(0.0, 1.0);
    Willingness { value, interest, norm, standing, memory, threat, stance, constraint, coalition, cost }
}

/// The coalition a member of a commitment expects to fight in, for the cost
/// of opposing the aggressor: what is already on the target's side, and the
/// other members of its commitment — those that have answered as far as it
/// sees their answers, the rest as far as the commitment's standing
/// promises. Collective security's claim is that members count on each
/// other (Kupchan & Kupchan 1995, pp. 52–53); timely warning is seeing what
/// the others do (Jervis 1985), so under `transparency` t a member sees an
/// answer (a defection, an act) with weight t and for the rest expects
/// what the commitment's standing promises.
struct Coalition<'a> {
    /// Powers already on the target's side; members of this commitment that
    /// answered are counted by `answered`, not here.
    defenders: &'a [Defender],
    /// This commitment's members that have answered, and whether they acted.
    answered: &'a [(PowerId, bool)],
    /// This commitment's members still to answer.
    pending: &'a [PowerId],
    /// What the commitment promises of each member: credibility or cohesion.
    standing: f64,
    /// How far a member acting under this commitment weighs on the
    /// aggressor: 1 for force, `sanctions_weight` for sanctions, `aid_weight` for aid.
    weight: f64,
}

impl<'a> Coalition<'a> {
    /// Only the powers already on the target's side: what a power that
    /// balances on its own account expects, for nobody promised it more.
    fn already(defenders: &'a [Defender]) -> Coalition<'a> {
        Coalition { defenders, answered: &[], pending: &[], standing: 0.0, weight: 1.0 }
    }

    /// The forces the member expects beside its own.
    fn expected(&self, world: &World) -> f64 {
        let capability = |p: PowerId| forces(world, p);
        let transparency = world.state.param(parameter!("transparency"));
        let (standing, weight) = (self.standing, self.weight);
        let on_side: f64 = self
            .defenders
            .iter()
            .filter(|d| !self.answered.iter().any(|(m, _)| *m == d.power))
            .map(|d| capability(d.power) * d.weight(world))
            .sum();
        let seen: f64 = self
            .answered
            .iter()
            .map(|(m, acted)| {
                capability(*m) * weight * (transparency * f64::from(u8::from(*acted)) + (1.0 - transparency) * standing)
            })
            .sum();
        let promised: f64 = self.pending.iter().map(|m| capability(*m) * weight * standing).sum();
        on_side + seen + promised
    }

    /// The second strike the power expects on its side, its own included:
    /// the most destructive arms among the powers it expects beside it,
    /// each as far as it expects that power to fight.
    fn retaliation(&self, world: &World, power: PowerId) -> f64 {
        let destructive = |p: PowerId| world.state.powers[p.0].destructive;
        let transparency = world.state.param(parameter!("transparency"));
        let standing = self.standing;
        let on_side = self.defenders.iter().filter(|d| d.fights()).map(|d| destructive(d.power));
        let seen = self.answered.iter().map(|(m, acted)| {
            destructive(*m) * (transparency * f64::from(u8::from(*acted)) + (1.0 - transparency) * standing)
        });
        let promised = self.pending.iter().map(|m| destructive(*m) * standing);
        std::iter::once(destructive(power)).chain(on_side).chain(seen).chain(promised).fold(0.0, f64::max)
    }
}

/// The weight of the aggressor's side: its own forces and those of the
/// powers that stand behind it (`backed by`) or fight beside it (`with`).
/// Neither is ever on the target's side: no commitment calls on them, they
/// balance on nobody's account, in a concert they block, and they are never
/// a party (`C042`, `C045`).
fn aggressor_side(world: &World, crisis: &Aggression) -> f64 {
    let capability = |p: &PowerId| forces(world, *p);
    capability(&crisis.aggressor)
        + crisis.backers.iter().map(capability).sum::<f64>()
        + crisis.allies.iter().map(capability).sum::<f64>()
        + escalation::promised_to_aggressor(world, crisis).0
}

/// What it costs a side of capability `side` to face the aggressor: the
/// aggressor's share of the two (backers included), and beyond it what the
/// aggressor's arms would destroy (`destructive`), less what the side's own
/// second strike, `retaliation`, holds back. A side without such arms is
/// spared them (`used_against`); facing them with a small arsenal, defending
/// costs nearly everything, whatever the balance; a side that can answer in
/// kind is not coerced by them — the balance of terror
/// (Wohlstetter 1959; Schelling 1966). Every power that weighs opposing an
/// aggressor — a member, a power on its own account, the target — weighs it so.
fn cost_of_facing(world: &World, crisis: &Aggression, side: f64, retaliation: f64) -> f64 {
    cost_against(world, crisis, aggressor_side(world, crisis), side, retaliation)
}

/// [`cost_of_facing`] with the aggressor's side, `aggressor`, already
/// weighed: for the powers on their own account that weigh it one after
/// another, between whom nothing changes it.
fn cost_against(world: &World, crisis: &Aggression, aggressor: f64, side: f64, retaliation: f64) -> f64 {
    let cost = share(aggressor, side);
    let arms = used_against(world.state.powers[crisis.aggressor.0].destructive, retaliation);
    devastated(cost, arms * (1.0 - retaliation))
}

/// The tradition of non-use: destructive arms are used in a war, and their
/// threat weighs, only against an enemy that has such arms of its own.
/// Since 1945 nuclear powers have fought unarmed ones — Korea, Vietnam,
/// the Falklands, Afghanistan — without using them, and unarmed powers have
/// attacked armed ones (China in 1950, Egypt and Syria in 1973, Argentina
/// in 1982) undeterred by them (Tannenwald 2007, *The Nuclear Taboo*; Paul
/// 2009, *The Tradition of Non-Use of Nuclear Weapons*). `arms` is the
/// destructive capacity that would be used, `enemy` the most its enemy's
/// side has.
fn used_against(arms: f64, enemy: f64) -> f64 {
    if enemy > 0.0 {
        arms
    } else {
        0.0
    }
}

/// What one side sees of the other's strength `real` through the fog of
/// `1 − transparency`, with one draw `u`: at most what is there, and the
/// less transparency, the more of it hidden — `real × (1 − (1 − t) × u)`.
/// Opacity hides preparations; it does not invent them (Jervis 1985:
/// transparency is timely warning). So each side, unwarned, sees the other
/// weaker than it is, and the worse they see, the more often both believe
/// they would prevail (Blainey 1973: wars begin when nations disagree
/// about their relative strength; Fearon 1995: war from private
/// information). Every judgement of the other side's strength — the
/// aggressor's of the opposition, a target's of a demand's maker, a side's
/// of the odds in a war under way — goes through here.
fn seen_through(real: f64, transparency: f64, u: f64) -> f64 {
    real * (1.0 - (1.0 - transparency) * u)
}

/// A war's cost `cost` once an enemy's arms destroy `destructive` of the rest.
fn devastated(cost: f64, destructive: f64) -> f64 {
    cost + (1.0 - cost) * destructive
}

/// `x / (x + y)`, one half when both are zero.
fn share(x: f64, y: f64) -> f64 {
    if x + y > 0.0 {
        x / (x + y)
    } else {
        0.5
    }
}

/// The declarations behind a member's willingness, each with what it contributed.
fn sources(
    world: &World,
    member: PowerId,
    w: &Willingness,
    crisis: &Aggression,
    norm: Option<NormId>,
) -> (Vec<(Span, String)>, Vec<Seq>) {
    let mut causes = Vec::new();
    // The rules behind a figure are among the events a decision follows
    // from, which every log but an ensemble's bare one keeps.
    if !world.log.keeps_figures() {
        return (causes, Vec::new());
    }
    // Only a trace that keeps causes reads the declarations named.
    let keeps = world.log.keeps_causes();
    let power = &world.scenario.powers[member.0];
    let name = &power.name;
    let (constraint, constraint_rule) = world.provenance(|| Quantity::Constraint(member), power.constraint.span);
    if let Some(span) = constraint.filter(|_| keeps) {
        causes.push((
            span,
            text!(world.log, "constraint {} lowered {name}'s willingness to {:.2}", w.constraint, w.value),
        ));
    }
    let declared = power.interests.iter().find(|i| i.region == crisis.region).map(|i| i.span);
    let (interest, interest_rule) = world.provenance(|| Quantity::Interest(member, crisis.region), declared);
    if let Some(span) = interest.filter(|_| keeps) {
        causes.push((
            span,
            text!(
                world.log,
                "interest {} in {} raised {name}'s willingness",
                w.interest,
                world.scenario.region(crisis.region)
            ),
        ));
    }
    let (stance, stance_rule) = world.provenance(|| Quantity::Stance(member), power.stance.span);
    if let Some(span) = stance.filter(|_| keeps && w.stance > 0.0) {
        causes.push((
            span,
            text!(world.log, "stance {}: {name} felt only {:.2} of the order's pull", w.stance, 1.0 - w.stance),
        ));
    }
    let aggressor = world.name(crisis.aggressor);
    // The norm's declaration, and the last event that wore it: each change
    // follows from the one before, so its whole history is named.
    let norm_changed = norm.and_then(|n| world.state.norm_changes[n.0]);
    if let Some(span) = norm.map(|n| world.scenario.norms[n.0].span).filter(|_| keeps) {
        causes.push((
            span,
            if w.threat_decides() {
                text!(world.log, "the norm at stake, at strength {:.2}, outweighed by {aggressor}'s threat", w.norm)
            } else {
                text!(world.log, "the norm at stake, at strength {:.2}", w.norm)
            },
        ));
    }
    let mut events: Vec<Seq> = [constraint_rule, interest_rule, stance_rule.filter(|_| w.stance > 0.0), norm_changed]
        .into_iter()
        .flatten()
        .collect();
    // What the aggressor's conquests revealed weighed more than the norm:
    // they are among the causes, and so is whoever set how fast they teach.
    if w.threat_decides() {
        for (conquest, span) in &world.state.powers[crisis.aggressor.0].conquests {
            if keeps {
                causes.push((
                    *span,
                    text!(world.log, "a conquest that revealed {aggressor}'s aims (threat {:.2})", w.threat),
                ));
            }
            events.push(*conquest);
        }
        if let Some(span) = world.state.parameter_spans[parameter!("threat_learning")].filter(|_| keeps) {
            causes
                .push((span, text!(world.log, "threat_learning {}", world.state.param(parameter!("threat_learning")))));
        }
    }
    (causes, events)
}

/// Adds a member's willingness and its parts to an event.
fn figures<'a>(draft: super::record::Draft<'a>, w: &Willingness) -> super::record::Draft<'a> {
    draft
        .figure("interest", w.interest)
        .figure("norm", w.norm)
        .figure("standing", w.standing)
        .figure("war_memory", w.memory)
        .figure("threat", w.threat)
        .figure("stance", w.stance)
        .figure("constraint", w.constraint)
        .figure("coalition", w.coalition)
        .figure("cost", w.cost)
        .figure("willingness", w.value)
        .threshold(w.value)
}

/// The powers that refused to stand against the aggressor in this crisis.
#[derive(Default)]
struct Refused {
    /// Every one of them: defectors, and members that opposed a concert's action.
    powers: Few<PowerId>,
    /// The defectors from an alliance that answers by force, with their
    /// defection: they would not stand with their ally before the blow, but
    /// once it falls and the ally fights they may still join the war on their
    /// own account, like any bystander.
    withheld: Few<(PowerId, Seq)>,
}

/// Whether a power has already answered this crisis, acting or defecting
/// under an earlier commitment: a power answers a crisis once, under the
/// first commitment in declaration order that calls on it, and is counted
/// once however many bind it.
fn answered(power: PowerId, defenders: &[Defender], refused: &[PowerId]) -> bool {
    defenders.iter().any(|d| d.power == power) || refused.contains(&power)
}

/// Ideal collective security: every member is obliged to act at once; one
/// that does not, defects (Kupchan & Kupchan 1995, p. 53).
fn automatic(
    world: &mut World,
    commitment: CommitmentId,
    crisis: &Aggression,
    crisis_seq: Seq,
    defenders: &mut Camp,
    refused: &mut Refused,
) {
    let declared = &world.scenario.commitments[commitment.0];
    let (norm, norm_id) = norm_at_stake(world, Some(commitment));
    let response = world.state.commitments[commitment.0].response;
    let members: Few<PowerId> = world.state.commitments[commitment.0]
        .members
        .iter()
        .copied()
        .filter(|m| *m != crisis.aggressor && *m != crisis.target && !answered(*m, defenders, &refused.powers))
        .filter(|m| !crisis.with_aggressor(*m))
        .collect();
    let weight = response_weight(world, response);
    let mut answers = Few::new();
    let mut shown: Few<(PowerId, bool)> = Few::new();
    for (i, &member) in members.iter().enumerate() {
        let standing = world.state.commitments[commitment.0].credibility;
        let coalition = Coalition { defenders, answered: &shown, pending: &members[i + 1..], standing, weight };
        let w = willingness(world, member, crisis, standing, norm, &coalition);
        let draw = world.dice.draw();
        let name = world.scenario.powers[member.0].name.as_str();
        let acts = draw < w.value;
        let summary = world.log.text(|| {
            if acts && response == Response::Sanctions {
                format!("{name} imposes sanctions on {} under `{}`", world.name(crisis.aggressor), declared.name)
            } else if acts && response == Response::Aid {
                format!(
                    "{name} aids {} against {} under `{}`",
                    world.name(crisis.target),
                    world.name(crisis.aggressor),
                    declared.name
                )
            } else if acts {
                format!("{name} acts under `{}` against {}", declared.name, world.name(crisis.aggressor))
            } else {
                format!("{name} defects from `{}`: willing {:.2}, it does not act", declared.name, w.value)
            }
        });
        let kind = if acts { EventKind::Balancing } else { EventKind::Defection };
        let (causes, set_by_rules) = sources(world, member, &w, crisis, norm_id);
        let draft = world
            .log
            .event(kind, summary)
            .commitment(commitment)
            .actor(member)
            .cause(declared.span, "an automatic commitment obliges every member")
            .cause_opt(world.state.commitments[commitment.0].mode_span, || "mode automatic".to_string())
            .cause_opt(declared.against_span, || format!("against {}", world.scenario.powers[crisis.aggressor.0].name))
            .cause_opt(world.state.commitments[commitment.0].response_span.filter(|_| acts), || {
                format!("response {}", response.word())
            })
            .causes(causes)
            .after(crisis_seq)
            .after_all(set_by_rules)
            .after_opt(world.state.commitments[commitment.0].standing_changed);
        let seq = figures(draft, &w).draw(draw).record();
        answers.push(Answer { member, honoured: acts, because: seq });
        shown.push((member, acts));
        if acts {
            defenders.push(Defender { power: member, because: seq, committed: true, response });
        } else {
            defect(world, commitment, member, seq);
            refused.powers.push(member);
            // Refusing sanctions or aid refuses the lesser step; refusing to
            // stand before the blow leaves the war itself still to decide.
            if response == Response::Force {
                refused.withheld.push((member, seq));
            }
        }
    }
    world.learn(commitment, &answers);
}

/// An aggression as a concert consults on it: the target asks, the
/// aggressor's backers and co-belligerents block, and every other member
/// weighs acting against the aggressor beside the coalition it expects.
struct Move<'c, 'a> {
    crisis: &'c Aggression<'a>,
    defenders: &'c [Defender],
    /// The declarations so far, as supports or not: a later member sees them.
    shown: Few<(PowerId, bool)>,
    voters: &'c [PowerId],
    standing: f64,
    weight: f64,
    norm: f64,
    norm_id: Option<NormId>,
}

impl Matter for Move<'_, '_> {
    type Weighed = (Willingness, f64);

    fn subject(&self) -> PowerId {
        self.crisis.aggressor
    }

    fn asks(&self) -> Option<PowerId> {
        Some(self.crisis.target)
    }

    fn party(&self, member: PowerId) -> Option<(Span, &'static str)> {
        self.crisis.with_aggressor(member).then_some((self.crisis.span, "it backs the aggressor"))
    }

    fn word(&self, declaration: Declaration, party: bool) -> &'static str {
        match declaration {
            Declaration::Support => "supports action against",
            Declaration::Oppose if party => "stands behind, and opposes action against,",
            Declaration::Oppose => "opposes action against",
            Declaration::Abstain => "abstains on",
        }
    }

    fn weigh(&self, world: &World, member: PowerId) -> (Willingness, f64) {
        let crisis = self.crisis;
        let pending = self.voters.iter().position(|v| *v == member).map_or(&[][..], |i| &self.voters[i + 1..]);
        let coalition = Coalition {
            defenders: self.defenders,
            answered: &self.shown,
            pending,
            standing: self.standing,
            weight: self.weight,
        };
        let w = willingness(world, member, crisis, self.standing, self.norm, &coalition);
        let opposition = (world.state.trust(member, crisis.aggressor) - world.state.trust(member, crisis.target))
            .clamp(0.0, 1.0)
            * (1.0 - self.norm)
            * will_to_block(world);
        (w, opposition)
    }

    fn chances(&self, (w, opposition): &(Willingness, f64)) -> (f64, f64) {
        (w.value, *opposition)
    }

    fn explain(&self, world: &World, member: PowerId, (w, _): &(Willingness, f64)) -> (Vec<(Span, String)>, Vec<Seq>) {
        let (causes, mut earlier) = sources(world, member, w, self.crisis, self.norm_id);
        earlier.extend(world.state.trust_changed(member, self.crisis.aggressor));
        earlier.extend(world.state.trust_changed(member, self.crisis.target));
        (causes, earlier)
    }

    fn figures<'d>(&self, (w, _): &(Willingness, f64), draft: super::record::Draft<'d>) -> super::record::Draft<'d> {
        figures(draft, w)
    }

    fn declared(&mut self, member: PowerId, declaration: Declaration, _: Option<&(Willingness, f64)>) {
        if self.voters.contains(&member) {
            self.shown.push((member, declaration == Declaration::Support));
        }
    }
}

/// A concert: members consult, declare support, opposition or abstention,
/// and the decision rule decides. Abstaining is no breach. Returns the
/// decision when the concert decided to act.
fn concert(
    world: &mut World,
    commitment: CommitmentId,
    crisis: &Aggression,
    crisis_seq: Seq,
    defenders: &mut Camp,
    refused: &mut Few<PowerId>,
) -> Option<Seq> {
    let declared = &world.scenario.commitments[commitment.0];
    let members: Few<PowerId> = world.state.commitments[commitment.0]
        .members
        .iter()
        .copied()
        .filter(|m| *m != crisis.aggressor && (*m == crisis.target || !answered(*m, defenders, refused)))
        .collect();
    let consult = world
        .log
        .event(
            EventKind::Consult,
            text!(world.log, "the members of `{}` consult on {}'s move", declared.name, world.name(crisis.aggressor)),
        )
        .commitment(commitment)
        .actors(members.iter().copied())
        .cause(declared.span, "a concert consults before it acts")
        .after(crisis_seq)
        .record();
    let (norm, norm_id) = norm_at_stake(world, Some(commitment));
    let weight = response_weight(world, world.state.commitments[commitment.0].response);
    // The members that vote: neither the target, which asks, nor a backer,
    // which blocks; each expects the others as far as the concert's cohesion.
    let voters: Few<PowerId> =
        members.iter().copied().filter(|m| *m != crisis.target && !crisis.with_aggressor(*m)).collect();
    let standing = world.state.commitments[commitment.0].cohesion;
    let mut matter = Move { crisis, defenders, shown: Few::new(), voters: &voters, standing, weight, norm, norm_id };
    let (declarations, asked) = declarations(world, commitment, consult, &members, &mut matter);
    let rule = world.state.commitments[commitment.0].decide;
    let outcome = outcome(world, rule, &declarations);
    let supporters: Few<PowerId> =
        declarations.iter().filter(|(_, d, _)| *d == Declaration::Support).map(|(m, _, _)| *m).collect();
    let count = |d: Declaration| declarations.iter().filter(|(_, x, _)| *x == d).count() as f64;
    let summary = world.log.text(|| match outcome {
        Outcome::Act if crisis.demand => format!(
            "`{}` decides to settle {}'s demand by conference ({})",
            declared.name,
            world.name(crisis.aggressor),
            rule_word(rule)
        ),
        Outcome::Act => {
            let how = match world.state.commitments[commitment.0].response {
                Response::Force => "deter",
                Response::Sanctions => "impose sanctions on",
                Response::Aid => "aid the target of",
            };
            format!("`{}` decides to {how} {} ({})", declared.name, world.name(crisis.aggressor), rule_word(rule))
        }
        Outcome::Decline => {
            format!("`{}` takes no action: no member opposes, too few support ({})", declared.name, rule_word(rule))
        }
        Outcome::Split => format!("`{}` splits: no decision under {}", declared.name, rule_word(rule)),
    });
    let mut draft = world
        .log
        .event(EventKind::Decision, summary)
        .commitment(commitment)
        .actors(supporters.iter().copied())
        .cause_opt(world.state.commitments[commitment.0].decide_span, || format!("decide {}", rule_word(rule)))
        .figure("support", count(Declaration::Support))
        .figure("oppose", count(Declaration::Oppose))
        .figure("abstain", count(Declaration::Abstain));
    for (_, _, seq) in &declarations {
        draft = draft.after(*seq);
    }
    let decision = draft.after_opt(asked).record();
    refused.extend(declarations.iter().filter(|(_, d, _)| *d == Declaration::Oppose).map(|(m, _, _)| *m));
    match outcome {
        Outcome::Act => {
            let response = world.state.commitments[commitment.0].response;
            for &member in &supporters {
                defenders.push(Defender { power: member, because: decision, committed: true, response });
            }
            strengthen_ties(world, commitment, decision);
            return Some(decision);
        }
        // Abstaining is no breach (Kupchan & Kupchan 1995): the concert
        // simply leaves the crisis to self-help, at no cost to its cohesion.
        Outcome::Decline => {}
        Outcome::Split => split(world, commitment, decision),
    }
    None
}
