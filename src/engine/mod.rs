//! The interpreter: a checked scenario run year by year into a traced outcome log.
//!
//! Each year applies the shocks (scheduled in source order, then drawn by
//! chance, then those rules triggered), resolves every crisis they make,
//! runs the rules, and updates norms, war memory and commitments. Every
//! decision is recorded as an event with its causes; nothing here prints.

/// The index of a model parameter by name, resolved at compile time.
macro_rules! parameter {
    ($name:literal) => {
        const { crate::model::index($name) }
    };
}

/// A few of something, held in place: the members, bystanders and votes of
/// one crisis seldom number more than a dozen, and a run of an ensemble
/// would otherwise allocate for every such list.
pub(crate) type Few<T> = smallvec::SmallVec<[T; 16]>;

/// A line of the log, formatted only when the run keeps its text:
/// `text!(world.log, "…", …)` is `world.log.text(|| format!("…", …))`.
macro_rules! text {
    ($log:expr, $($arg:tt)*) => {
        $log.text(|| format!($($arg)*))
    };
}

mod aggression;
mod calendar;
mod consult;
mod dice;
mod record;
mod revolution;
mod rules;
mod running;
mod state;
mod trust;
mod wear;

use crate::diagnostic::{Code, Diagnostic};
use crate::log::{Event, EventKind, PanelRow, Seq, Standing, SystemRow};
use crate::model::PARAMETERS;
use crate::scenario::{Actor, CommitmentId, Effect, Mode, PowerId, Quantity, Scenario, ShockId, Timing, Variant};
use crate::source::Span;

pub use dice::Dice;
use record::Recorder;
pub use running::{Running, Spare, Start};
pub use state::State;

/// What to run: the seed and the variant.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Overrides the case's seed.
    pub seed: Option<u64>,
    /// The name of a variant of the case.
    pub variant: Option<String>,
}

/// Why a run could not start, or stopped before its end.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RunError {
    /// The case has no variant of this name; `known` lists those it has.
    #[error("the case has no variant `{name}`; {}", variants(known))]
    UnknownVariant { name: String, known: Vec<String> },
    /// A rule or a shock divided by zero in `year` of the run with `seed`
    /// (of `variant`): the run stopped there.
    #[error(
        "{} divides {} by zero in {year} (seed {seed}{})",
        fault.by,
        fault.dividend,
        variant.as_ref().map(|v| format!(", variant {v}")).unwrap_or_default()
    )]
    DivisionByZero { seed: u64, variant: Option<String>, year: i32, fault: Box<Fault> },
}

impl RunError {
    /// The error as a diagnostic at its place in the source, for one that
    /// has a place (a division by zero); an unknown variant has none.
    pub fn diagnostic(&self) -> Option<Diagnostic> {
        let RunError::DivisionByZero { seed, variant, year, fault } = self else { return None };
        let read = if fault.reads.is_empty() {
            String::new()
        } else {
            let values: Vec<String> = fault.reads.iter().map(|(name, value)| format!("{name} = {value}")).collect();
            format!(": {}", values.join(", "))
        };
        let replay = match variant {
            Some(v) => format!("covenant run CASE --seed {seed} --variant {v}"),
            None => format!("covenant run CASE --seed {seed}"),
        };
        let diagnostic = Diagnostic::new(
            Code::DivisionByZeroInRun,
            format!("{self}"),
            fault.divisor,
            format!("this is 0 in {year}{read}"),
            format!(
                "the run stops rather than go on with a number the case never meant; guard the division \
                 (`when X > 0 and … / X`); `{replay}` replays it"
            ),
        )
        .with_label(fault.dividend_at, format!("this is {}", fault.dividend));
        Some(diagnostic)
    }
}

/// The variants a case declares, for the error that names none of them.
fn variants(known: &[String]) -> String {
    if known.is_empty() {
        "it declares no variants".to_string()
    } else {
        format!("its variants are {}", known.join(", "))
    }
}

/// A finished run: its settings, its events and the yearly panel.
#[derive(Debug, Clone)]
pub struct Run {
    pub seed: u64,
    pub variant: Option<String>,
    /// Every model parameter's value at the start of the run, in [`PARAMETERS`] order.
    pub parameters: Vec<f64>,
    pub events: Vec<Event>,
    pub panel: Vec<PanelRow>,
    pub system: Vec<SystemRow>,
    /// Each change of a power's great-power status, in order: the year, the
    /// power and whether it is great from then on.
    pub great_changes: Vec<(i32, PowerId, bool)>,
}

impl Run {
    /// Whether a power counted as great in a year: as declared, then as the
    /// rules and shocks of the run changed it (a change counts for its whole year).
    pub fn is_great(&self, scenario: &Scenario, power: PowerId, year: i32) -> bool {
        is_great(scenario, &self.great_changes, power, year)
    }

    /// The event with this sequence number.
    pub fn event(&self, seq: Seq) -> Option<&Event> {
        seq.checked_sub(1).and_then(|i| self.events.get(i))
    }
}

/// Whether a power counted as great in a year, given the changes of status
/// a run has made ([`Run::great_changes`]): its own years' changes count for
/// the whole year, later ones not at all.
pub fn is_great(scenario: &Scenario, changes: &[(i32, PowerId, bool)], power: PowerId, year: i32) -> bool {
    changes
        .iter()
        .rev()
        .find(|(at, p, _)| *p == power && *at <= year)
        .map_or(scenario.powers[power.0].great.is_some(), |(_, _, great)| *great)
}

/// How much of a run to keep. Every trace makes the same decisions as a
/// full trace of the same seed; only the writing is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trace {
    /// Every event with its text, causes and figures, and the yearly panel
    /// of the powers: what the reports, `explain` and a one-seed `diff` read.
    Full,
    /// What `covenant test` reads to judge expectations and coverage: the
    /// full trace without its text (no summaries, causes without labels).
    Judgement,
    /// What a paired comparison reads: events without their text or causes
    /// (kind, year, actors, commitment, shock, the earlier events they
    /// follow from, figures, threshold and draw), the yearly state of the
    /// norms and commitments, and no panel.
    Decisions,
    /// What an ensemble reads a run's outcome from: as [`Trace::Decisions`],
    /// without the figures, and with actors and earlier events kept only on
    /// the ends of wars and on changes of trust.
    Outcomes,
}

/// Standings move by decimal steps (0.8 − 4 × 0.15) that binary floating
/// point does not hit exactly; a commitment worn down to the threshold
/// itself has not fallen below it.
const STANDING_TOLERANCE: f64 = 1e-9;

/// About how many events a year of a historical case records (the Concert
/// case records six to eight); the log is sized for it up front.
const EVENTS_PER_YEAR: usize = 8;

/// The variant of `scenario` named, `None` for the base case, or the error
/// every command gives for an unknown name, listing the variants it has.
pub fn variant<'s>(scenario: &'s Scenario, name: Option<&str>) -> Result<Option<&'s Variant>, RunError> {
    let Some(name) = name else { return Ok(None) };
    match scenario.variants.iter().find(|v| v.name == name) {
        Some(variant) => Ok(Some(variant)),
        None => Err(RunError::UnknownVariant {
            name: name.to_string(),
            known: scenario.variants.iter().map(|v| v.name.clone()).collect(),
        }),
    }
}

/// Runs a checked scenario, keeping the full trace.
pub fn run(scenario: &Scenario, options: &RunOptions) -> Result<Run, RunError> {
    run_traced(scenario, options, Trace::Full)
}

/// Runs a checked scenario, keeping as much as `trace` asks for.
pub fn run_traced(scenario: &Scenario, options: &RunOptions, trace: Trace) -> Result<Run, RunError> {
    let mut running = Running::start(scenario, options, trace)?;
    while running.next_year()?.is_some() {}
    Ok(running.finish())
}

/// A run in progress.
pub(crate) struct World<'s> {
    pub scenario: &'s Scenario,
    pub state: State,
    pub dice: Dice,
    pub log: Recorder,
    /// What stopped the run, once something has: the year ends there.
    pub fault: Option<Fault>,
    /// The shocks firing this year, kept from year to year for its room.
    firing: Vec<(ShockId, Option<Seq>)>,
}

/// A rule or a shock that divided by zero: the run stops in that year.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    /// The dividend, `a` of `a / b`.
    pub dividend_at: Span,
    /// The divisor, which was zero.
    pub divisor: Span,
    /// What the division belongs to, in words: `rule "Name"` or ``shock `name` ``.
    pub by: String,
    pub dividend: f64,
    /// Each quantity the divisor read, with its value then.
    pub reads: Vec<(String, f64)>,
}

impl World<'_> {
    /// Where a figure of the running model comes from: the rule's or the
    /// shock's assignment that last set it (its statement, and its event
    /// among the causes), else the variant's line that set it, else its
    /// declaration.
    pub(super) fn provenance(
        &self,
        quantity: impl FnOnce() -> Quantity,
        declared: Option<Span>,
    ) -> (Option<Span>, Option<Seq>) {
        // Only a log that links events to their causes reads it; an
        // ensemble's bare run does not even name the quantity.
        if !self.log.keeps_figures() {
            return (None, None);
        }
        let quantity = quantity();
        if let Some((span, seq)) = self.state.assigned_by(&quantity) {
            return (Some(span), Some(seq));
        }
        let by_variant = self.state.variant_set.iter().rev().find(|(q, _)| *q == quantity).map(|(_, span)| *span);
        (by_variant.or(declared), None)
    }

    fn year(&mut self, year: i32) {
        for power in &mut self.state.powers {
            power.at_war = false;
        }
        self.state.violated.iter_mut().for_each(|v| *v = false);
        self.follow_the_record(year);
        aggression::mark_belligerents(self);
        self.form_commitments(year);
        let mut firing = std::mem::take(&mut self.firing);
        self.shocks_of(year, &mut firing);
        for &(shock, cause) in &firing {
            self.fire(shock, cause);
            if self.fault.is_some() {
                break;
            }
        }
        firing.clear();
        self.firing = firing;
        if self.fault.is_some() {
            return;
        }
        aggression::fight_on(self);
        rules::run(self);
        if self.fault.is_some() {
            return;
        }
        self.end_of_year();
    }

    /// Moves each power whose capability comes from a dataset as the record
    /// moved from last year to this one; the model's own effects (war costs,
    /// transfers, shocks) stay on top of the recorded trend.
    fn follow_the_record(&mut self, year: i32) {
        let index = (year - self.scenario.period.start) as usize;
        if index == 0 {
            return;
        }
        for &i in &self.state.recorded {
            let Some(series) = &self.scenario.powers[i].capability_series else { continue };
            let (Some(now), Some(before)) = (series.get(index), series.get(index - 1)) else { continue };
            let state = &mut self.state.powers[i];
            state.capability = (state.capability + now - before).clamp(0.0, 1.0);
        }
    }

    /// Brings into being the commitments declared `formed` this year.
    fn form_commitments(&mut self, year: i32) {
        for id in 0..self.state.commitments.len() {
            let commitment = &mut self.state.commitments[id];
            if commitment.forms_in != Some(year) {
                continue;
            }
            commitment.forms_in = None;
            commitment.alive = true;
            let members = commitment.members.clone();
            let declared = &self.scenario.commitments[id];
            let summary = self.log.text(|| {
                let names: Vec<&str> = members.iter().map(|m| self.name(*m)).collect();
                format!("`{}` is formed by {}", declared.name, names.join(", "))
            });
            let span = declared.formed.as_ref().and_then(|f| f.span).unwrap_or(declared.span);
            self.log
                .event(EventKind::Formed, summary)
                .commitment(CommitmentId(id))
                .actors(members)
                .cause_with(span, || format!("formed {year}"))
                .record();
        }
    }

    /// The shocks that fire this year, in order: scheduled ones in source
    /// order, then chance ones (each with its draw), then those rules
    /// triggered last year. Each comes with the event that caused it, if any.
    fn shocks_of(&mut self, year: i32, firing: &mut Vec<(ShockId, Option<Seq>)>) {
        firing.extend(self.state.calendar.scheduled(year).iter().map(|&id| (id, None)));
        for i in 0..self.state.calendar.chances(year).len() {
            let id = self.state.calendar.chances(year)[i];
            let Timing::Chance { probability, .. } = self.scenario.shocks[id.0].timing else { continue };
            let draw = self.dice.draw();
            if draw < probability {
                let seq = self.chance_event(id, probability, draw);
                firing.push((id, Some(seq)));
            }
        }
        firing.extend(self.state.triggered.drain(..).map(|(id, seq)| (id, Some(seq))));
    }

    fn chance_event(&mut self, id: ShockId, probability: f64, draw: f64) -> Seq {
        let shock = &self.scenario.shocks[id.0];
        self.log.shock = Some(id);
        let seq = self
            .log
            .event(EventKind::Shock, text!(self.log, "chance brings `{}` this year", shock.name))
            .cause_with(shock.timing_span.unwrap_or(shock.span), || format!("a chance of {probability} a year"))
            .figure("chance", probability)
            .threshold(probability)
            .draw(draw)
            .record();
        self.log.shock = None;
        seq
    }

    fn fire(&mut self, id: ShockId, cause: Option<Seq>) {
        let scenario = self.scenario;
        let shock = &scenario.shocks[id.0];
        self.state.happened[id.0] = true;
        self.log.shock = Some(id);
        let summary = self.log.text(|| match &shock.description {
            Some(text) => format!("shock `{}`: {text}", shock.name),
            None => format!("shock `{}`", shock.name),
        });
        let seq =
            self.log.event(EventKind::Shock, summary).cause(shock.span, "declared here").after_opt(cause).record();
        for effect in &shock.effects {
            let span = effect.span.unwrap_or(shock.span);
            match &effect.value {
                Effect::Aggression { aggressor, target, region, stakes, backers, allies, demand } => {
                    let Some((a, t)) = self.pick_pair(aggressor, target) else { continue };
                    aggression::resolve(
                        self,
                        aggression::Aggression {
                            aggressor: a,
                            target: t,
                            region: *region,
                            stakes: *stakes,
                            backers,
                            allies,
                            demand: *demand,
                            span,
                            shock: seq,
                        },
                    );
                }
                Effect::Revolution { state, region, strength, backers } => {
                    let x = self.pick(state);
                    revolution::resolve(self, x, *region, *strength, backers, span, seq);
                }
                Effect::Join { power, commitment } => {
                    let p = self.pick(power);
                    self.membership(p, *commitment, true, span, seq);
                }
                Effect::Leave { power, commitment } => {
                    let p = self.pick(power);
                    self.membership(p, *commitment, false, span, seq);
                }
                Effect::Capability { power, op, amount } => {
                    let p = self.pick(power);
                    let before = self.state.powers[p.0].capability;
                    let after = state::combine(before, *op, *amount).clamp(0.0, 1.0);
                    self.state.powers[p.0].capability = after;
                    self.log
                        .event(
                            EventKind::Change,
                            text!(self.log, "{}'s capability goes from {before:.3} to {after:.3}", self.name(p)),
                        )
                        .actor(p)
                        .cause(span, "this change")
                        .after(seq)
                        .figure("before", before)
                        .figure("after", after)
                        .record();
                }
                Effect::Regime { power, regime } => {
                    let p = self.pick(power);
                    rules::set_regime(self, p, Some(*regime), span, rules::AssignedBy::Shock, seq);
                }
                Effect::Assign { target, op, value } => {
                    rules::assign(self, target, *op, value, span, rules::AssignedBy::Shock, seq);
                    if let Some(fault) = &mut self.fault {
                        fault.by = format!("shock `{}`", shock.name);
                        break;
                    }
                }
            }
        }
        self.log.shock = None;
    }

    fn membership(
        &mut self,
        power: PowerId,
        commitment: CommitmentId,
        join: bool,
        span: crate::source::Span,
        after: Seq,
    ) {
        /// What a join or leave came to.
        enum Change {
            Removed,
            Dissolved,
            Joined,
            Left,
            Already,
            NotMember,
        }
        let state = &mut self.state.commitments[commitment.0];
        let change = if state.removed {
            Change::Removed
        } else if !state.alive && state.forms_in.is_none() {
            Change::Dissolved
        } else if join && !state.members.contains(&power) {
            state.members.push(power);
            Change::Joined
        } else if !join && state.members.contains(&power) {
            state.members.retain(|m| *m != power);
            Change::Left
        } else if join {
            Change::Already
        } else {
            Change::NotMember
        };
        let summary = self.log.text(|| {
            let (who, name) = (&self.scenario.powers[power.0].name, &self.scenario.commitments[commitment.0].name);
            let verb = if join { "join" } else { "leave" };
            match change {
                Change::Removed => format!("{who} cannot {verb} `{name}`: this variant removes it"),
                Change::Dissolved => format!("{who} cannot {verb} `{name}`: it has dissolved"),
                Change::Joined => format!("{who} joins `{name}`"),
                Change::Left => format!("{who} leaves `{name}`"),
                Change::Already => format!("{who} is already a member of `{name}`"),
                Change::NotMember => format!("{who} is not a member of `{name}`"),
            }
        });
        self.log
            .event(EventKind::Membership, summary)
            .commitment(commitment)
            .actor(power)
            .cause(span, "this change")
            .after(after)
            .record();
    }

    /// Resolves an actor to one power, drawing among the choices if needed.
    pub fn pick(&mut self, actor: &Actor) -> PowerId {
        match actor {
            Actor::Named(id) => *id,
            Actor::OneOf(choices) => {
                let index = self.dice.index(choices.len());
                choices[index]
            }
        }
    }

    fn pick_pair(&mut self, aggressor: &Actor, target: &Actor) -> Option<(PowerId, PowerId)> {
        let a = self.pick(aggressor);
        let t = self.pick(target);
        // Two draws from overlapping lists can name the same power; no crisis then.
        (a != t).then_some((a, t))
    }

    /// A power's name.
    pub fn name(&self, power: PowerId) -> &str {
        &self.scenario.powers[power.0].name
    }

    fn end_of_year(&mut self) {
        let recovery = self.state.param(parameter!("norm_recovery"));
        for (strength, violated) in self.state.norms.iter_mut().zip(&self.state.violated) {
            if !violated {
                *strength = (*strength + recovery).min(1.0);
            }
        }
        let memory = parameter!("war_memory");
        let decay = self.state.param(parameter!("war_memory_decay"));
        // Memory fades in proportion: the shadow of a great war lasts a generation.
        self.state.parameters[memory] *= 1.0 - decay;
        let threshold = self.state.param(parameter!("dissolve_below"));
        for id in 0..self.state.commitments.len() {
            let commitment = &self.state.commitments[id];
            if !commitment.alive || commitment.standing() >= threshold - STANDING_TOLERANCE {
                continue;
            }
            let declared = &self.scenario.commitments[id];
            let (what, value) = match commitment.mode {
                Mode::Automatic => ("credibility", commitment.credibility),
                Mode::Concert => ("cohesion", commitment.cohesion),
            };
            let wear = commitment.wear.clone();
            self.state.commitments[id].alive = false;
            let mut event = self
                .log
                .event(
                    EventKind::Dissolved,
                    text!(self.log, "`{}` dissolves: its {what} fell to {value:.2}", declared.name),
                )
                .commitment(CommitmentId(id))
                .cause(declared.span, "the commitment")
                .figure(what, value)
                .threshold(threshold);
            if let Some(span) = self.state.parameter_spans[parameter!("dissolve_below")] {
                event = event.cause_with(span, || format!("dissolve_below {threshold}"));
            }
            for seq in wear {
                event = event.after(seq);
            }
            event.record();
        }
    }

    fn record_panel(&mut self, year: i32, panel: &mut Vec<PanelRow>) {
        let (powers, trust) = self.state.powers_and_their_trust();
        for (i, power) in powers.iter().enumerate() {
            panel.push(PanelRow {
                year,
                power: PowerId(i),
                capability: power.capability,
                stance: power.stance,
                constraint: power.constraint,
                regime: power.regime,
                at_war: power.at_war,
                trust: trust[i],
            });
        }
    }

    /// Records the year's state of the system, in a row of an earlier
    /// year from `spare` where there is one: its lists keep their room.
    fn record_system(&self, year: i32, system: &mut Vec<SystemRow>, spare: &mut Vec<SystemRow>) {
        let mut row = spare.pop().unwrap_or_else(|| SystemRow {
            year,
            war_memory: 0.0,
            norms: Vec::with_capacity(self.state.norms.len()),
            commitments: Vec::with_capacity(self.state.commitments.len()),
        });
        row.year = year;
        row.war_memory = self.state.param(parameter!("war_memory"));
        row.norms.clear();
        row.norms.extend(self.state.norms.iter().enumerate().map(|(i, s)| (crate::scenario::NormId(i), *s)));
        row.commitments.clear();
        row.commitments.extend(self.state.commitments.iter().enumerate().map(|(i, c)| Standing {
            commitment: CommitmentId(i),
            cohesion: c.cohesion,
            credibility: c.credibility,
            alive: c.alive,
            members: c.members.len(),
        }));
        system.push(row);
    }
}

/// The names of the model's parameters with their values, for headers.
pub fn parameter_table(values: &[f64]) -> Vec<(&'static str, f64)> {
    PARAMETERS.iter().zip(values).map(|(spec, value)| (spec.name, *value)).collect()
}
