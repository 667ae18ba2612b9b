//! Two runs of one seed compared: where their histories first part, and which difference in their settings led there.
//!
//! Both logs are walked in step and each pair of events is compared field by
//! field (year, kind, actors, commitment, shock, figures, threshold, draw,
//! summary), by name so that two different files compare too. The first pair
//! that differs, or the first place one log has ended, is the divergence.
//! The differences in the two sides' settings are then tied to the diverging
//! events through what those events recorded — a figure of the same name, a
//! cause at the line that set the value, the shock they belong to, or the
//! declaration they concern — following the events they came after if the
//! diverging ones say nothing. Nothing here re-runs the model or prints.

mod outcomes;
mod paired;
mod settings;
mod thin;

use std::collections::{HashMap, HashSet};

use crate::engine::Run;
use crate::log::{Event, EventKind, Seq};
use crate::scenario::{Scenario, Variant};
use crate::source::{Sources, Span};

pub use outcomes::{CommitmentEnd, Outcomes};
pub use paired::{compare_ensembles, Contender, EnsembleDiff, SideFailed};
pub use settings::{differences, settings, Difference, Entry, Subject, Value};
pub use thin::{run_both, Contestant};

/// One of the two sides of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    /// Both sides, left first.
    pub const BOTH: [Side; 2] = [Side::Left, Side::Right];
}

/// A value for each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sides<T> {
    pub left: T,
    pub right: T,
}

impl<T> Sides<T> {
    /// The value for one side.
    pub fn get(&self, side: Side) -> &T {
        match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        }
    }

    /// Each side's value turned into another.
    pub fn map<'s, U>(&'s self, mut f: impl FnMut(Side, &'s T) -> U) -> Sides<U> {
        Sides { left: f(Side::Left, &self.left), right: f(Side::Right, &self.right) }
    }
}

/// One side's history: the checked case, its text, and the run compared.
#[derive(Debug, Clone, Copy)]
pub struct History<'a> {
    pub scenario: &'a Scenario,
    pub sources: &'a Sources,
    pub run: &'a Run,
}

impl<'a> History<'a> {
    /// The variant the run names, if any.
    pub fn variant(&self) -> Option<&'a Variant> {
        let name = self.run.variant.as_deref()?;
        self.scenario.variants.iter().find(|v| v.name == name)
    }

    /// The names of an event's actors.
    fn actors(&self, event: &Event) -> Vec<&'a str> {
        actor_names(self.scenario, event)
    }

    fn commitment(&self, event: &Event) -> Option<&'a str> {
        commitment_name(self.scenario, event)
    }

    fn shock(&self, event: &Event) -> Option<&'a str> {
        shock_name(self.scenario, event)
    }
}

/// The names of an event's actors in its case: two cases' events compare by name.
fn actor_names<'a>(scenario: &'a Scenario, event: &Event) -> Vec<&'a str> {
    event.actors.iter().map(|p| scenario.powers[p.0].name.as_str()).collect()
}

fn commitment_name<'a>(scenario: &'a Scenario, event: &Event) -> Option<&'a str> {
    event.commitment.map(|c| scenario.commitments[c.0].name.as_str())
}

fn shock_name<'a>(scenario: &'a Scenario, event: &Event) -> Option<&'a str> {
    event.shock.map(|s| scenario.shocks[s.0].name.as_str())
}

/// A field in which two events can differ, in the order they are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Year,
    Kind,
    Actors,
    Commitment,
    Shock,
    Figures,
    Threshold,
    Draw,
    Summary,
}

impl Field {
    /// The field's name, as the JSON log spells it.
    pub fn word(self) -> &'static str {
        match self {
            Field::Year => "year",
            Field::Kind => "kind",
            Field::Actors => "actors",
            Field::Commitment => "commitment",
            Field::Shock => "shock",
            Field::Figures => "figures",
            Field::Threshold => "threshold",
            Field::Draw => "draw",
            Field::Summary => "summary",
        }
    }
}

/// How an event shows that it read a difference.
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// It records a figure named after the setting (for a power's attribute,
    /// with that power as its first actor).
    Figure { name: String, value: f64 },
    /// One of its causes points at the line that set the value on its side.
    Cause { label: String },
    /// It is part of the shock that differs.
    Shock,
    /// Both diverging events record a figure under another name whose value
    /// is, on each side, that side's value of the setting (the engine records
    /// `shared_regime_affinity` as `affinity`, for one).
    Value { name: String, value: f64 },
    /// It concerns the declaration the setting belongs to: its commitment,
    /// one of its actors, or a cause pointing at that declaration.
    Concerns,
}

/// A difference tied to an event on one side.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    /// Its index in [`Diff::differences`].
    pub difference: usize,
    pub side: Side,
    /// The event: the diverging one, or an earlier one it follows from.
    pub seq: Seq,
    pub evidence: Evidence,
}

/// Where two histories first part.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// The position in both logs, from 0: every event before it matches.
    pub index: usize,
    /// The year of the earlier of the two diverging events.
    pub year: i32,
    /// Each side's diverging event, `None` where that log has ended.
    pub events: Sides<Option<Seq>>,
    /// The fields in which the two events differ; empty when one log has ended.
    pub fields: Vec<Field>,
    /// The differences tied to the diverging events or, failing that, to the
    /// nearest earlier events they follow; empty when none could be tied.
    pub ties: Vec<Tie>,
}

/// What happened after the divergence on one side only.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Aftermath {
    /// The events from the divergence on, matched across the sides by year,
    /// kind, actors, commitment and shock; each side's unmatched events
    /// counted by kind, kinds in the order they first occur.
    pub only: Sides<Vec<(EventKind, usize)>>,
}

/// The whole comparison of two histories.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// Every setting that differs between the sides.
    pub differences: Vec<Difference>,
    /// `None` when the two logs match event for event.
    pub divergence: Option<Divergence>,
    /// Empty when the histories are identical.
    pub aftermath: Aftermath,
    pub outcomes: Sides<Outcomes>,
}

/// How far back the search for a tie follows the `after` links.
const CHAIN_LIMIT: usize = 200;

/// Compares two histories of the same seed.
pub fn compare(histories: &Sides<History>) -> Diff {
    let entries = histories.map(|_, h| settings(h.scenario, h.variant(), h.sources));
    let differences = differences(&entries.left, &entries.right);
    let divergence = divergence(histories, &differences);
    let aftermath = divergence.as_ref().map(|d| aftermath(histories, d.index)).unwrap_or_default();
    let outcomes = histories.map(|_, h| Outcomes::of(h.scenario, h.run));
    Diff { differences, divergence, aftermath, outcomes }
}

/// The fields in which two events differ, comparing names rather than
/// indices so that events of two different files compare.
pub fn differing_fields(histories: &Sides<History>, events: Sides<&Event>) -> Vec<Field> {
    fields_apart(histories.map(|_, h| h.scenario), events)
}

/// The fields in which two events of the cases `scenarios` differ, as
/// [`differing_fields`].
fn fields_apart(scenarios: Sides<&Scenario>, events: Sides<&Event>) -> Vec<Field> {
    let (l, r) = (scenarios.left, scenarios.right);
    let (a, b) = (events.left, events.right);
    let figures = |e: &Event| e.figures.iter().map(|f| (f.name.clone(), f.value)).collect::<Vec<_>>();
    let checks = [
        (Field::Year, a.year == b.year),
        (Field::Kind, a.kind == b.kind),
        (Field::Actors, actor_names(l, a) == actor_names(r, b)),
        (Field::Commitment, commitment_name(l, a) == commitment_name(r, b)),
        (Field::Shock, shock_name(l, a) == shock_name(r, b)),
        (Field::Figures, figures(a) == figures(b)),
        (Field::Threshold, a.threshold == b.threshold),
        (Field::Draw, a.draw == b.draw),
        (Field::Summary, a.summary == b.summary),
    ];
    checks.into_iter().filter(|(_, same)| !same).map(|(field, _)| field).collect()
}

/// Whether two logs match event for event, compared field by field and by
/// name as the divergence is found.
pub fn identical(histories: &Sides<History>) -> bool {
    let events = histories.map(|_, h| h.run.events.as_slice());
    events_match(histories.map(|_, h| h.scenario), events)
}

/// Whether two runs of the cases `scenarios` recorded the same events, or
/// the same year's, compared as [`identical`] compares whole logs.
pub(crate) fn events_match(scenarios: Sides<&Scenario>, events: Sides<&[Event]>) -> bool {
    let (left, right) = (events.left, events.right);
    left.len() == right.len()
        && left.iter().zip(right).all(|(a, b)| fields_apart(scenarios, Sides { left: a, right: b }).is_empty())
}

fn divergence(histories: &Sides<History>, differences: &[Difference]) -> Option<Divergence> {
    let (left, right) = (&histories.left.run.events, &histories.right.run.events);
    let index = (0..left.len().max(right.len())).find(|&i| match (left.get(i), right.get(i)) {
        (Some(a), Some(b)) => !differing_fields(histories, Sides { left: a, right: b }).is_empty(),
        _ => true,
    })?;
    let events = Sides { left: left.get(index), right: right.get(index) };
    let fields = match (events.left, events.right) {
        (Some(a), Some(b)) => differing_fields(histories, Sides { left: a, right: b }),
        _ => Vec::new(),
    };
    let year = [events.left, events.right].into_iter().flatten().map(|e| e.year).min().expect("one side has an event");
    let ties = ties(histories, &events, differences);
    Some(Divergence { index, year, events: events.map(|_, e| e.map(|e| e.seq)), fields, ties })
}

/// The differences the diverging events read; else those they concern;
/// else the same for the nearest earlier events they follow from.
fn ties(histories: &Sides<History>, events: &Sides<Option<&Event>>, differences: &[Difference]) -> Vec<Tie> {
    let diverging: Vec<(Side, &Event)> =
        Side::BOTH.iter().filter_map(|&side| events.get(side).map(|e| (side, e))).collect();
    let at = |reading: bool| -> Vec<Tie> {
        diverging
            .iter()
            .flat_map(|&(side, event)| tied(*histories.get(side), side, event, differences, reading))
            .collect()
    };
    let found = at(true);
    if !found.is_empty() {
        return found;
    }
    if let (Some(left), Some(right)) = (events.left, events.right) {
        let found = matching_values(Sides { left, right }, differences);
        if !found.is_empty() {
            return found;
        }
    }
    let found = at(false);
    if !found.is_empty() {
        return found;
    }
    // The earlier events match on both sides, but each is read on its own
    // side: a cause there points at that side's lines.
    let chains: Vec<(Side, Vec<Seq>)> =
        diverging.iter().map(|&(side, event)| (side, chain(histories.get(side).run, event))).collect();
    for reading in [true, false] {
        let deepest = chains.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
        for step in 0..deepest {
            let found: Vec<Tie> = chains
                .iter()
                .filter_map(|(side, chain)| chain.get(step).map(|seq| (*side, *seq)))
                .filter_map(|(side, seq)| histories.get(side).run.event(seq).map(|e| (side, e)))
                .flat_map(|(side, event)| tied(*histories.get(side), side, event, differences, reading))
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// Numeric differences whose two values the two diverging events record
/// under one figure name, each its own side's value.
fn matching_values(events: Sides<&Event>, differences: &[Difference]) -> Vec<Tie> {
    let mut found = Vec::new();
    for (i, difference) in differences.iter().enumerate() {
        let (Value::Number(left), Value::Number(right)) = (&difference.values.left, &difference.values.right) else {
            continue;
        };
        let matching =
            events.left.figures.iter().find(|f| {
                f.value == *left && events.right.figures.iter().any(|g| g.name == f.name && g.value == *right)
            });
        if let Some(figure) = matching {
            for (side, event, value) in [(Side::Left, events.left, *left), (Side::Right, events.right, *right)] {
                let evidence = Evidence::Value { name: figure.name.to_string(), value };
                found.push(Tie { difference: i, side, seq: event.seq, evidence });
            }
        }
    }
    found
}

/// The earlier events an event follows from, nearest first, each once.
fn chain(run: &Run, event: &Event) -> Vec<Seq> {
    chain_by(|seq| run.event(seq).map(|e| e.after.as_slice()), event.seq)
}

/// The events `seq` follows from, nearest first, at most [`CHAIN_LIMIT`]:
/// `after_of` gives an event's links by its number.
fn chain_by<'l>(after_of: impl Fn(Seq) -> Option<&'l [Seq]>, seq: Seq) -> Vec<Seq> {
    let mut seen: HashSet<Seq> = HashSet::from([seq]);
    let mut order: Vec<Seq> = Vec::new();
    let mut next = 0;
    order.extend(after_of(seq).unwrap_or_default().iter().copied().filter(|s| seen.insert(*s)));
    while next < order.len() && order.len() < CHAIN_LIMIT {
        if let Some(earlier) = after_of(order[next]) {
            for &seq in earlier {
                if seen.insert(seq) {
                    order.push(seq);
                }
            }
        }
        next += 1;
    }
    order.truncate(CHAIN_LIMIT);
    order
}

/// The differences one event shows it read (`reading`), or concerns.
fn tied(history: History, side: Side, event: &Event, differences: &[Difference], reading: bool) -> Vec<Tie> {
    differences
        .iter()
        .enumerate()
        .filter_map(|(i, difference)| {
            let evidence =
                if reading { read(history, side, event, difference) } else { concerns(history, event, difference) };
            evidence.map(|evidence| Tie { difference: i, side, seq: event.seq, evidence })
        })
        .collect()
}

fn read(history: History, side: Side, event: &Event, difference: &Difference) -> Option<Evidence> {
    if let Some(set) = difference.spans.get(side) {
        if let Some(cause) = event.causes.iter().find(|c| overlaps(c.span, *set)) {
            return Some(Evidence::Cause { label: cause.label.clone() });
        }
    }
    let figure = |name: &str| {
        event
            .figures
            .iter()
            .find(|f| f.name == name)
            .map(|f| Evidence::Figure { name: f.name.to_string(), value: f.value })
    };
    match &difference.subject {
        Subject::Parameter(name) => figure(name),
        // The first actor is the power whose figures the event records: the
        // member that declares, the aggressor that weighs the opposition.
        Subject::Power { name, figure: Some(field) } if history.actors(event).first() == Some(&name.as_str()) => {
            figure(field)
        }
        Subject::Shock(name) if history.shock(event) == Some(name.as_str()) => Some(Evidence::Shock),
        _ => None,
    }
}

fn concerns(history: History, event: &Event, difference: &Difference) -> Option<Evidence> {
    let scenario = history.scenario;
    let actors = history.actors(event);
    let by_field = match &difference.subject {
        Subject::Power { name, .. } => actors.contains(&name.as_str()),
        Subject::Pair(a, b) => actors.contains(&a.as_str()) && actors.contains(&b.as_str()),
        Subject::Commitment(name) => history.commitment(event) == Some(name.as_str()),
        _ => false,
    };
    let declared = declaration_spans(scenario, &difference.subject);
    let by_cause = event.causes.iter().any(|c| declared.iter().any(|d| overlaps(c.span, *d)));
    (by_field || by_cause).then_some(Evidence::Concerns)
}

/// Where a subject is declared on one side, for causes that point there.
fn declaration_spans(scenario: &Scenario, subject: &Subject) -> Vec<Span> {
    match subject {
        Subject::Case | Subject::Parameter(_) => Vec::new(),
        Subject::Power { name, .. } => scenario.powers.iter().filter(|p| p.name == *name).map(|p| p.span).collect(),
        Subject::Pair(a, b) => scenario
            .relations
            .iter()
            .filter(|r| {
                let names = [&scenario.powers[r.first.0].name, &scenario.powers[r.second.0].name];
                names.contains(&a) && names.contains(&b)
            })
            .map(|r| r.span)
            .collect(),
        Subject::Norm(name) => scenario.norms.iter().filter(|n| n.name == *name).map(|n| n.span).collect(),
        Subject::Commitment(name) => scenario.commitments.iter().filter(|c| c.name == *name).map(|c| c.span).collect(),
        Subject::Shock(name) => scenario
            .shocks
            .iter()
            .filter(|s| s.name == *name)
            .flat_map(|s| std::iter::once(s.span).chain(s.timing_span).chain(s.effects.iter().filter_map(|e| e.span)))
            .collect(),
        Subject::Rule(title) => scenario
            .rules
            .iter()
            .filter(|r| r.title == *title)
            .flat_map(|r| [r.span, r.condition.span].into_iter().chain(r.statements.iter().filter_map(|s| s.span)))
            .collect(),
    }
}

/// Whether two spans share a byte, or are the same point.
fn overlaps(a: Span, b: Span) -> bool {
    a.file == b.file && (a == b || (a.start < b.end && b.start < a.end))
}

/// The events from `index` on that have no counterpart on the other side.
fn aftermath(histories: &Sides<History>, index: usize) -> Aftermath {
    let keyed = histories
        .map(|_, h| h.run.events.iter().skip(index).map(|e| (e.kind, key(h, e))).collect::<Vec<(EventKind, Key)>>());
    Aftermath {
        only: Sides { left: unmatched(&keyed.left, &keyed.right), right: unmatched(&keyed.right, &keyed.left) },
    }
}

/// What makes two events of different runs the same happening: year, kind,
/// actors, commitment and shock, by name; the numbers may differ.
type Key<'k> = (i32, &'static str, Vec<&'k str>, Option<&'k str>, Option<&'k str>);

fn key<'k>(history: &History<'k>, event: &Event) -> Key<'k> {
    (event.year, event.kind.word(), history.actors(event), history.commitment(event), history.shock(event))
}

/// Counts by kind of the events in `mine` left over once each is matched
/// with an event of the same key in `theirs`, each used once.
fn unmatched(mine: &[(EventKind, Key)], theirs: &[(EventKind, Key)]) -> Vec<(EventKind, usize)> {
    let mut available: HashMap<&Key, usize> = HashMap::new();
    for (_, key) in theirs {
        *available.entry(key).or_default() += 1;
    }
    let mut counts: Vec<(EventKind, usize)> = Vec::new();
    for (kind, key) in mine {
        if let Some(left) = available.get_mut(key).filter(|n| **n > 0) {
            *left -= 1;
            continue;
        }
        match counts.iter_mut().find(|(k, _)| k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((*kind, 1)),
        }
    }
    counts
}

#[cfg(test)]
mod tests;
