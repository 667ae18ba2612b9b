//! The outcome log as data: events, their causes, and the yearly state panel.
//!
//! Every event carries its own explanation — the declarations that shaped
//! it, the earlier events it follows from, and the numbers that decided it —
//! so `explain` and the reports only render what the run recorded.

use std::borrow::Cow;

use serde::Serialize;

use crate::scenario::{CommitmentId, NormId, PowerId, ShockId};
use crate::source::Span;

/// The position of an event in the log, from 1.
pub type Seq = usize;

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A shock fired.
    Shock,
    /// An aggression or revolution became a crisis to resolve.
    Crisis,
    /// A concert's members consulted about a crisis.
    Consult,
    /// One member declared support, opposition or abstention.
    Stance,
    /// A concert decided, or split.
    Decision,
    /// A member of an automatic commitment did not act.
    Defection,
    /// A power joined the side of the target.
    Balancing,
    /// An aggressor backed down.
    Deterred,
    /// An aggressor was not deterred and struck; a war follows unless the target yields.
    War,
    /// A target that could have given way chose to fight.
    Resisted,
    /// A target gave way without fighting: the aggressor takes the stakes, and no war is fought.
    Yielded,
    /// The maker of a demand was not deterred and pressed it; the target stands firm (a war) or concedes.
    Pressed,
    /// A demand ended in a settlement short of war: the target conceded a share of the stakes, or a concert awarded it.
    Settled,
    /// A war ended, with its outcome: a victory or a compromise peace.
    WarEnd,
    /// A year of war decided nothing and the sides made no peace: the war goes on into the next year.
    WarGoesOn,
    /// A government put down the revolution against it, alone.
    Suppressed,
    /// A government could not put down the revolution against it alone; other powers answer next.
    Overwhelmed,
    /// A power intervened in a revolution.
    Intervention,
    /// A revolution ran its course.
    Revolution,
    /// A power joined or left a commitment.
    Membership,
    /// A power's capability or regime changed.
    Change,
    /// A norm's strength changed.
    Norm,
    /// Trust between powers changed.
    Trust,
    /// A commitment's cohesion or credibility changed.
    Standing,
    /// A commitment came into being.
    Formed,
    /// A commitment dissolved.
    Dissolved,
    /// A rule fired.
    Rule,
}

impl EventKind {
    /// The kind as written in logs.
    pub fn word(self) -> &'static str {
        match self {
            EventKind::Shock => "shock",
            EventKind::Crisis => "crisis",
            EventKind::Consult => "consult",
            EventKind::Stance => "stance",
            EventKind::Decision => "decision",
            EventKind::Defection => "defection",
            EventKind::Balancing => "balancing",
            EventKind::Deterred => "deterred",
            EventKind::War => "war",
            EventKind::Resisted => "resisted",
            EventKind::Yielded => "yielded",
            EventKind::Pressed => "pressed",
            EventKind::Settled => "settled",
            EventKind::WarEnd => "war_end",
            EventKind::WarGoesOn => "war_goes_on",
            EventKind::Suppressed => "suppressed",
            EventKind::Overwhelmed => "overwhelmed",
            EventKind::Intervention => "intervention",
            EventKind::Revolution => "revolution",
            EventKind::Membership => "membership",
            EventKind::Change => "change",
            EventKind::Norm => "norm",
            EventKind::Trust => "trust",
            EventKind::Standing => "standing",
            EventKind::Formed => "formed",
            EventKind::Dissolved => "dissolved",
            EventKind::Rule => "rule",
        }
    }
}

/// A set of kinds of event: those a reader of a run looks at, so that a
/// run kept for that reader alone need write no other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds(u64);

impl Kinds {
    /// No kind at all.
    pub const NONE: Kinds = Kinds(0);
    /// Every kind.
    pub const ALL: Kinds = Kinds(u64::MAX);

    /// These kinds and `kind`.
    pub const fn with(self, kind: EventKind) -> Kinds {
        Kinds(self.0 | 1 << kind as u64)
    }

    /// Whether `kind` is one of them.
    pub const fn contains(self, kind: EventKind) -> bool {
        self.0 & (1 << kind as u64) != 0
    }
}

/// A declaration that shaped an event, and what it contributed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cause {
    pub span: Span,
    /// What the declaration contributed, such as "constraint 0.6 lowered Britain's willingness".
    pub label: String,
}

/// A number that fed a decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// What the number is, such as `willingness`; borrowed when it is one of
    /// the engine's own names, so that recording a figure allocates nothing.
    pub name: Cow<'static, str>,
    pub value: f64,
}

/// One thing that happened in a run, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub seq: Seq,
    pub year: i32,
    pub kind: EventKind,
    pub actors: Vec<PowerId>,
    /// The commitment the event concerns, if any.
    pub commitment: Option<CommitmentId>,
    /// The shock whose consequences the event is part of, if any.
    pub shock: Option<ShockId>,
    /// One line of plain English.
    pub summary: String,
    /// The declarations involved.
    pub causes: Vec<Cause>,
    /// The earlier events this one follows from.
    pub after: Vec<Seq>,
    /// The inputs of the decision.
    pub figures: Vec<Figure>,
    /// What the decisive figure was compared with, if anything.
    pub threshold: Option<f64>,
    /// The random draw that decided it, if any (uniform in 0..1).
    pub draw: Option<f64>,
    /// For the end of a war: how many of its actors, from the first, fought
    /// on the aggressor's side (the aggressor and its co-belligerents).
    pub attackers: Option<usize>,
    /// For the end of a war or a war going on: the year it began.
    pub began: Option<i32>,
    /// For the end of a war or a war going on: the aggressor's strike that
    /// began it (its `war` or `pressed` event), which names the war.
    pub war: Option<Seq>,
}

impl Event {
    /// The years a war was fought, from its first to this event's, when the
    /// event ends a war or carries one into the next year.
    pub fn war_years(&self) -> Option<(i32, i32)> {
        match self.kind {
            EventKind::WarEnd | EventKind::WarGoesOn => Some((self.began.unwrap_or(self.year), self.year)),
            _ => None,
        }
    }

    /// Whether the event is a war's first year: its end, or its going on,
    /// in the year it began. Every war has one such event.
    pub fn begins_war(&self) -> bool {
        self.war_years().is_some_and(|(began, year)| began == year)
    }

    /// The value of the figure named `name`, the first recorded under it.
    pub fn figure(&self, name: &str) -> Option<f64> {
        self.figures.iter().find(|f| f.name == name).map(|f| f.value)
    }

    /// The two sides of a war's end: the aggressor and the powers that fought
    /// beside it, then the powers that fought against them.
    pub fn sides(&self) -> (&[PowerId], &[PowerId]) {
        self.actors.split_at(self.attackers.unwrap_or(1).min(self.actors.len()))
    }
}

/// One power's state at the end of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelRow {
    pub year: i32,
    pub power: PowerId,
    pub capability: f64,
    pub stance: f64,
    pub constraint: f64,
    pub regime: Option<crate::scenario::RegimeId>,
    pub at_war: bool,
    /// Mean trust others place in this power.
    pub trust: f64,
}

/// The state of the system's norms and commitments at the end of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemRow {
    pub year: i32,
    pub war_memory: f64,
    pub norms: Vec<(NormId, f64)>,
    /// Each commitment's standing, in declaration order.
    pub commitments: Vec<Standing>,
}

/// One commitment's standing at the end of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub commitment: CommitmentId,
    /// A concert's cohesion, 0..1.
    pub cohesion: f64,
    /// An automatic commitment's credibility, 0..1.
    pub credibility: f64,
    /// Formed, not dissolved, not removed by the variant.
    pub alive: bool,
    /// How many powers are its members, after the year's joins and departures.
    pub members: usize,
}
