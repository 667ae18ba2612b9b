//! The running state of a case: what changes from year to year, and how a variant sets it up.

use crate::model::PARAMETERS;
use crate::scenario::{
    CommitmentId, CrisisKind, DecisionRule, Mode, NormId, PowerId, Quantity, RegimeId, RegionId, Response, Scenario,
    Setting, SettingValue, ShockId, Variant,
};
use crate::source::Span;

use super::calendar::Calendar;
use super::trust::Trust;
use crate::syntax::ast::AssignOp;

/// One power as it stands this year.
#[derive(Debug, Clone)]
pub struct PowerState {
    pub capability: f64,
    pub stance: f64,
    pub constraint: f64,
    /// What a war with it destroys of its enemies beyond the ordinary cost.
    pub destructive: f64,
    /// What its forces are worth in the field per unit of capability.
    pub effectiveness: f64,
    pub regime: Option<RegimeId>,
    pub at_war: bool,
    /// Whether it counts as a great power now: as declared, until a rule or
    /// a shock changes it.
    pub great: bool,
    /// The last year it paid the ordinary cost of war.
    pub war_paid: Option<i32>,
    /// How far its conquests have revealed its aims to the others, 0 to 1.
    pub threat: f64,
    /// The conquests that revealed them, in order: each one's event and the
    /// aggression that declared it.
    pub conquests: Vec<(crate::log::Seq, Span)>,
}

/// One commitment as it stands this year.
#[derive(Debug, Clone)]
pub struct CommitmentState {
    pub members: Vec<PowerId>,
    pub mode: Mode,
    /// How the members who act answer an aggression.
    pub response: Response,
    pub decide: DecisionRule,
    pub cohesion: f64,
    pub credibility: f64,
    /// Formed, not dissolved, not removed: only a live commitment answers crises.
    pub alive: bool,
    /// The year it forms, while it has not yet.
    pub forms_in: Option<i32>,
    /// The variant removed it: it never exists in this run.
    pub removed: bool,
    /// Events that lowered its cohesion or credibility, for the dissolution's causes.
    pub wear: Vec<usize>,
    /// The last event that changed its cohesion or credibility; each such
    /// event follows from the one before, as a norm's do.
    pub standing_changed: Option<usize>,
    /// Where the mode, response, decision rule and standing were set, for traces.
    pub mode_span: Option<Span>,
    pub response_span: Option<Span>,
    pub decide_span: Option<Span>,
}

impl CommitmentState {
    /// Sets this commitment back to `start`, keeping the room of its lists.
    fn reset_to(&mut self, start: &CommitmentState) {
        let CommitmentState {
            members,
            mode,
            response,
            decide,
            cohesion,
            credibility,
            alive,
            forms_in,
            removed,
            wear,
            standing_changed,
            mode_span,
            response_span,
            decide_span,
        } = start;
        self.members.clone_from(members);
        self.wear.clone_from(wear);
        (self.mode, self.response, self.decide) = (*mode, *response, *decide);
        (self.cohesion, self.credibility, self.alive, self.forms_in, self.removed) =
            (*cohesion, *credibility, *alive, *forms_in, *removed);
        self.standing_changed = *standing_changed;
        (self.mode_span, self.response_span, self.decide_span) = (*mode_span, *response_span, *decide_span);
    }

    /// The figure whose fall dissolves it: credibility if automatic, cohesion if a concert.
    pub fn standing(&self) -> f64 {
        match self.mode {
            Mode::Automatic => self.credibility,
            Mode::Concert => self.cohesion,
        }
    }
}

/// Everything that changes during a run.
#[derive(Debug, Clone)]
pub struct State {
    pub powers: Vec<PowerState>,
    /// Each power's salience for each region, `[power × regions + region]`,
    /// where it declared an interest: read in one step, for every
    /// bystander of every crisis weighs its interest in the region.
    interests: Vec<Option<f64>>,
    regions: usize,
    /// The powers whose capability follows a dataset, by index.
    pub recorded: Vec<usize>,
    /// Trust by pair, and the last event that changed each.
    trust: Trust,
    pub norms: Vec<f64>,
    /// The last event that changed each norm's strength (a violation, a
    /// defection, an assignment); each such event follows from the one
    /// before, so a decision that cites the latest names the whole history.
    pub norm_changes: Vec<Option<usize>>,
    /// Whether each norm was violated this year (no recovery then).
    pub violated: Vec<bool>,
    pub commitments: Vec<CommitmentState>,
    /// Model parameters, by index in [`PARAMETERS`].
    pub parameters: Vec<f64>,
    /// Where each parameter was set: the case's `model` block or a variant,
    /// then the rule or shock that last assigned it during the run.
    pub parameter_spans: Vec<Option<Span>>,
    /// Shocks in play: the base case's, minus removed ones, plus the variant's.
    pub shocks: Vec<ShockId>,
    /// The shocks in play by the years they may fire in.
    pub(crate) calendar: Calendar,
    pub happened: Vec<bool>,
    /// Rules marked `once` that have fired.
    pub fired: Vec<bool>,
    /// Shocks a rule triggered, to fire next year.
    pub triggered: Vec<(ShockId, usize)>,
    /// The assignments of rules and shocks (and shocks' regime changes)
    /// that have run, in order: the quantity, the line's span and its event.
    /// A decision that reads a quantity one last set names it, not the
    /// declaration, among its causes.
    pub assigned: Vec<(Quantity, Span, usize)>,
    /// The quantities the variant set, and where: a decision that reads one
    /// no rule has set since names the variant's line, not the declaration.
    pub variant_set: Vec<(Quantity, Span)>,
    /// Each change of a power's great-power status: the year, the power and
    /// whether it is great from then on.
    pub great_changes: Vec<(i32, PowerId, bool)>,
    /// The wars that went on from last year, in the order they began.
    pub(crate) wars: Vec<super::aggression::War>,
    /// The commitments that cover offense, and those aimed `against` named
    /// powers that cover aggression (alliances), in declaration order: the
    /// few every crisis looks through for promises and alignments.
    pub offensive: Vec<CommitmentId>,
    pub alliances: Vec<CommitmentId>,
}

impl State {
    /// The starting state of `scenario` under `variant`.
    pub fn new(scenario: &Scenario, variant: Option<&Variant>) -> State {
        let mut parameters: Vec<f64> = PARAMETERS.iter().map(|p| p.default).collect();
        let mut parameter_spans = vec![None; PARAMETERS.len()];
        for setting in &scenario.parameters {
            parameters[setting.parameter] = setting.value;
            parameter_spans[setting.parameter] = Some(setting.span);
        }
        let param = |index: usize| parameters[index];
        let trust_start = param(parameter!("trust_start"));
        let trust = Trust::new(
            scenario.powers.len(),
            trust_start,
            scenario.relations.iter().filter_map(|r| r.trust.as_ref().map(|t| (r.first, r.second, t.value))),
        );
        let commitments = scenario
            .commitments
            .iter()
            .map(|c| CommitmentState {
                members: c.members.clone(),
                mode: c.mode.value,
                response: c.response.value,
                decide: c.decide.value,
                cohesion: c.cohesion.as_ref().map_or(param(parameter!("cohesion_start")), |v| v.value),
                credibility: c.credibility.as_ref().map_or(param(parameter!("credibility_start")), |v| v.value),
                alive: c.formed.as_ref().is_none_or(|y| y.value <= scenario.period.start),
                forms_in: c.formed.as_ref().map(|y| y.value).filter(|y| *y > scenario.period.start),
                removed: false,
                wear: Vec::new(),
                standing_changed: None,
                mode_span: c.mode.span,
                response_span: c.response.span,
                decide_span: c.decide.span,
            })
            .collect();
        let base_shocks = scenario.shocks.len() - scenario.variants.iter().map(|v| v.added.len()).sum::<usize>();
        let mut state = State {
            powers: scenario
                .powers
                .iter()
                .map(|p| PowerState {
                    capability: p.capability.value,
                    stance: p.stance.value,
                    constraint: p.constraint.value,
                    destructive: p.destructive.value,
                    effectiveness: p.effectiveness.value,
                    great: p.great.is_some(),
                    war_paid: None,
                    regime: p.regime.as_ref().map(|r| r.value),
                    at_war: false,
                    threat: 0.0,
                    conquests: Vec::new(),
                })
                .collect(),
            interests: {
                let mut table = vec![None; scenario.powers.len() * scenario.regions.len()];
                for (i, power) in scenario.powers.iter().enumerate() {
                    for interest in &power.interests {
                        table[i * scenario.regions.len() + interest.region.0] = Some(interest.salience);
                    }
                }
                table
            },
            regions: scenario.regions.len(),
            recorded: (0..scenario.powers.len()).filter(|&i| scenario.powers[i].capability_series.is_some()).collect(),
            trust,
            norms: scenario.norms.iter().map(|n| n.strength.value).collect(),
            norm_changes: vec![None; scenario.norms.len()],
            violated: vec![false; scenario.norms.len()],
            commitments,
            parameters,
            parameter_spans,
            shocks: (0..base_shocks).map(ShockId).collect(),
            calendar: Calendar::default(),
            happened: vec![false; scenario.shocks.len()],
            fired: vec![false; scenario.rules.len()],
            triggered: Vec::new(),
            assigned: Vec::new(),
            variant_set: Vec::new(),
            great_changes: Vec::new(),
            wars: Vec::new(),
            offensive: (0..scenario.commitments.len())
                .map(CommitmentId)
                .filter(|c| scenario.commitments[c.0].covers(CrisisKind::Offense))
                .collect(),
            alliances: (0..scenario.commitments.len())
                .map(CommitmentId)
                .filter(|c| {
                    let declared = &scenario.commitments[c.0];
                    declared.covers(CrisisKind::Aggression) && !declared.against.is_empty()
                })
                .collect(),
        };
        if let Some(variant) = variant {
            state.apply(variant);
        }
        state.calendar = Calendar::new(scenario, &state.shocks);
        state
    }

    /// Sets this state back to `start`, as a copy of it would be, keeping
    /// the room its lists have: an ensemble's runs each begin from the
    /// same state, and after the first none allocates for it. Every field
    /// is named, so that a new one cannot be left out.
    pub(super) fn reset_to(&mut self, start: &State) {
        let State {
            powers,
            interests,
            regions,
            recorded,
            trust,
            norms,
            norm_changes,
            violated,
            commitments,
            parameters,
            parameter_spans,
            shocks,
            calendar,
            happened,
            fired,
            triggered,
            assigned,
            variant_set,
            great_changes,
            wars,
            offensive,
            alliances,
        } = start;
        // A power's lists are empty at the start, so its copy allocates nothing.
        self.powers.clone_from(powers);
        self.interests.clone_from(interests);
        self.regions = *regions;
        self.recorded.clone_from(recorded);
        self.trust.reset_to(trust);
        self.norms.clone_from(norms);
        self.norm_changes.clone_from(norm_changes);
        self.violated.clone_from(violated);
        self.commitments.truncate(commitments.len());
        for (commitment, start) in self.commitments.iter_mut().zip(commitments) {
            commitment.reset_to(start);
        }
        self.commitments.extend(commitments[self.commitments.len()..].iter().cloned());
        self.parameters.clone_from(parameters);
        self.parameter_spans.clone_from(parameter_spans);
        self.shocks.clone_from(shocks);
        self.calendar.clone_from(calendar);
        self.happened.clone_from(happened);
        self.fired.clone_from(fired);
        self.triggered.clone_from(triggered);
        self.assigned.clone_from(assigned);
        self.variant_set.clone_from(variant_set);
        self.great_changes.clone_from(great_changes);
        self.wars.clone_from(wars);
        self.offensive.clone_from(offensive);
        self.alliances.clone_from(alliances);
    }

    fn apply(&mut self, variant: &Variant) {
        self.shocks.retain(|s| !variant.removed.iter().any(|r| r.value == *s));
        self.shocks.extend(variant.added.iter().copied());
        for removed in &variant.removed_commitments {
            let commitment = &mut self.commitments[removed.value.0];
            commitment.removed = true;
            commitment.alive = false;
            commitment.forms_in = None;
        }
        for o in &variant.overrides {
            match (&o.setting, &o.value) {
                (Setting::Mode(c), SettingValue::Mode(mode)) => {
                    self.commitments[c.0].mode = *mode;
                    self.commitments[c.0].mode_span = Some(o.span);
                }
                (Setting::Response(c), SettingValue::Response(response)) => {
                    self.commitments[c.0].response = *response;
                    self.commitments[c.0].response_span = Some(o.span);
                }
                (Setting::Decide(c), SettingValue::Decide(rule)) => {
                    self.commitments[c.0].decide = *rule;
                    self.commitments[c.0].decide_span = Some(o.span);
                }
                (Setting::Quantity(Quantity::Regime(p)), SettingValue::Symbol(regime)) => {
                    self.powers[p.0].regime = Some(*regime);
                    self.variant_set.push((Quantity::Regime(*p), o.span));
                }
                (Setting::Quantity(quantity), SettingValue::Number(value)) => {
                    self.variant_set.push((quantity.clone(), o.span));
                    if let Quantity::Parameter(index) = quantity {
                        self.parameter_spans[*index] = Some(o.span);
                    }
                    let current = self.read(quantity);
                    self.write(quantity, combine(current, o.op, *value));
                }
                // The checker pairs every setting with a value of its kind.
                _ => {}
            }
        }
    }

    /// The value of a parameter, by its index (`parameter!("name")`).
    pub fn param(&self, index: usize) -> f64 {
        self.parameters[index]
    }

    /// Trust between two powers.
    pub fn trust(&self, a: PowerId, b: PowerId) -> f64 {
        self.trust.get(a, b)
    }

    /// The last event that changed trust between two powers.
    pub fn trust_changed(&self, a: PowerId, b: PowerId) -> Option<usize> {
        self.trust.changed(a, b)
    }

    /// Records the event that changed trust between two powers.
    pub fn mark_trust(&mut self, a: PowerId, b: PowerId, seq: usize) {
        self.trust.mark(a, b, seq);
    }

    /// Sets trust between two powers, kept in 0..1.
    pub fn set_trust(&mut self, a: PowerId, b: PowerId, value: f64) {
        self.trust.set(a, b, value);
    }

    /// Each power as it stands, and its mean trust with all the others.
    pub fn powers_and_their_trust(&mut self) -> (&[PowerState], &[f64]) {
        let n = self.powers.len();
        (&self.powers, self.trust.current_means(n))
    }

    /// A power's salience for a region, 0 where it declared no interest.
    pub fn interest(&self, power: PowerId, region: RegionId) -> f64 {
        self.declared_interest(power, region).unwrap_or(0.0)
    }

    /// A power's salience for a region, if it declared an interest there.
    pub fn declared_interest(&self, power: PowerId, region: RegionId) -> Option<f64> {
        self.interests[power.0 * self.regions + region.0]
    }

    /// Reads a numeric quantity (booleans as 0 or 1; regimes have no number).
    pub fn read(&self, quantity: &Quantity) -> f64 {
        match quantity {
            Quantity::Capability(p) => self.powers[p.0].capability,
            Quantity::Stance(p) => self.powers[p.0].stance,
            Quantity::Constraint(p) => self.powers[p.0].constraint,
            Quantity::Destructive(p) => self.powers[p.0].destructive,
            Quantity::Effectiveness(p) => self.powers[p.0].effectiveness,
            Quantity::Interest(p, region) => self.interest(*p, *region),
            Quantity::Regime(_) => 0.0,
            Quantity::Great(p) => f64::from(u8::from(self.powers[p.0].great)),
            Quantity::AtWar(p) => f64::from(u8::from(self.powers[p.0].at_war)),
            Quantity::Strength(n) => self.norms[n.0],
            Quantity::Cohesion(c) => self.commitments[c.0].cohesion,
            Quantity::Credibility(c) => self.commitments[c.0].credibility,
            Quantity::Alive(c) => f64::from(u8::from(self.commitments[c.0].alive)),
            Quantity::Happened(s) => f64::from(u8::from(self.happened[s.0])),
            Quantity::Trust(a, b) => self.trust(*a, *b),
            Quantity::Parameter(i) => self.parameters[*i],
        }
    }

    /// Writes a numeric quantity, kept within its range.
    pub fn write(&mut self, quantity: &Quantity, value: f64) {
        let share = value.clamp(0.0, 1.0);
        match quantity {
            Quantity::Capability(p) => self.powers[p.0].capability = share,
            Quantity::Stance(p) => self.powers[p.0].stance = share,
            Quantity::Constraint(p) => self.powers[p.0].constraint = share,
            Quantity::Destructive(p) => self.powers[p.0].destructive = share,
            Quantity::Effectiveness(p) => {
                self.powers[p.0].effectiveness = value.clamp(0.0, crate::scenario::EFFECTIVENESS_MAX);
            }
            Quantity::Interest(p, region) => {
                if let Some(salience) = &mut self.interests[p.0 * self.regions + region.0] {
                    *salience = share;
                }
            }
            Quantity::Strength(n) => self.norms[n.0] = share,
            Quantity::Cohesion(c) => self.commitments[c.0].cohesion = share,
            Quantity::Credibility(c) => self.commitments[c.0].credibility = share,
            Quantity::Trust(a, b) => self.set_trust(*a, *b, share),
            Quantity::Parameter(i) => {
                let spec = &PARAMETERS[*i];
                self.parameters[*i] = value.clamp(spec.min, spec.max);
            }
            // Names and flags are set apart (`set_regime`, `set_great`);
            // the rest are read-only, and the checker refuses writes to them.
            Quantity::Regime(_)
            | Quantity::Great(_)
            | Quantity::AtWar(_)
            | Quantity::Alive(_)
            | Quantity::Happened(_) => {}
        }
    }

    /// Lowers a norm's strength, marking it violated this year.
    pub fn weaken_norm(&mut self, norm: NormId, by: f64) -> f64 {
        self.norms[norm.0] = (self.norms[norm.0] - by).max(0.0);
        self.violated[norm.0] = true;
        self.norms[norm.0]
    }

    /// The rule's or shock's assignment that last set `quantity`, if any has: its span and event.
    pub fn assigned_by(&self, quantity: &Quantity) -> Option<(Span, usize)> {
        self.assigned.iter().rev().find(|(q, _, _)| q == quantity).map(|(_, span, seq)| (*span, *seq))
    }

    /// Whether a commitment is engaged by a crisis about `target` over
    /// `region`: one of its members, unless it is a guarantee, or a power it
    /// protects or guarantees, in its treaty area.
    pub fn engages(
        &self,
        scenario: &Scenario,
        commitment: CommitmentId,
        target: PowerId,
        region: Option<RegionId>,
    ) -> bool {
        let state = &self.commitments[commitment.0];
        let declared = &scenario.commitments[commitment.0];
        state.alive
            && declared.covers_region(region)
            && ((declared.guarantees.is_empty() && state.members.contains(&target))
                || declared.protects.contains(&target)
                || declared.guarantees.contains(&target))
    }
}

/// The result of an assignment operator.
pub fn combine(current: f64, op: AssignOp, value: f64) -> f64 {
    match op {
        AssignOp::Set => value,
        AssignOp::Add => current + value,
        AssignOp::Subtract => current - value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::load::{load_bytes, LoadOptions};

    const CASE: &str = r#"
scenario "S" { period 1931..1939 }
power Britain { capability 0.5 great }
power Italy { capability 0.5 great }
commitment League { members Britain, Italy  mode automatic  response sanctions  covers aggression }
commitment Pact { members Britain, Italy  mode concert  covers aggression }
variant fight { League.response = force  Pact.response = sanctions }
"#;

    #[test]
    fn the_response_and_its_line_come_from_the_declaration_or_the_override() {
        let loaded = load_bytes(std::path::Path::new("case.cov"), CASE.as_bytes().to_vec(), LoadOptions::default());
        let checked = check(&loaded);
        let scenario = checked.scenario.expect("the case checks");
        let slice = |span: Option<Span>| span.map(|s| loaded.sources.slice(s).to_string());
        let base = State::new(&scenario, None);
        let (league, pact) = (&base.commitments[0], &base.commitments[1]);
        assert_eq!((league.response, pact.response), (Response::Sanctions, Response::Force));
        assert_eq!(slice(league.response_span).as_deref(), Some("response sanctions"));
        assert_eq!(pact.response_span, None, "`force` by default, set by no line");
        let fight = State::new(&scenario, scenario.variants.first());
        let (league, pact) = (&fight.commitments[0], &fight.commitments[1]);
        assert_eq!((league.response, pact.response), (Response::Force, Response::Sanctions));
        assert_eq!(slice(league.response_span).as_deref(), Some("League.response = force"));
        assert_eq!(slice(pact.response_span).as_deref(), Some("Pact.response = sanctions"));
    }
}
