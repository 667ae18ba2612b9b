//! The counts an ensemble keeps of every run, each declared once: what a run's events add to it, and its names in reports, JSON and sweep columns.
//!
//! Aggregates, summaries, paired comparisons, the text and JSON reports and
//! the sweep table all read this table, so a new measure is one line here.

use crate::log::{Event, EventKind, Seq};

/// The kind of an earlier event of the run, by its number: all a measure
/// reads beyond the event it counts.
pub type KindOf<'a> = &'a dyn Fn(Seq) -> Option<EventKind>;

/// One per-run count.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// The key in JSON and the sweep's column: `deterred`.
    pub key: &'static str,
    /// The row's words in text reports: `aggressors deterred`.
    pub label: &'static str,
    /// What it counts, for schemas and documentation.
    pub description: &'static str,
    /// Whether an event of a run adds one to it.
    counts: fn(&Event, KindOf) -> bool,
}

impl Measure {
    /// Whether this event adds one to the measure; `kind_of` looks up the
    /// run's earlier events.
    pub fn counts(&self, event: &Event, kind_of: KindOf) -> bool {
        (self.counts)(event, kind_of)
    }
}

/// How many measures there are.
pub const COUNT: usize = 9;

/// Every measure, in the order reports list them.
pub const MEASURES: [Measure; COUNT] = [
    Measure {
        key: "wars",
        label: "wars",
        description: "Wars of any powers begun (each war's `war_end` or `war_goes_on` event of its first year)",
        counts: |e, _| e.begins_war(),
    },
    Measure {
        key: "war_years",
        label: "years of war",
        description:
            "Years of war: each war counted once for every year it was fought (`war_end` and `war_goes_on` events)",
        counts: |e, _| e.war_years().is_some(),
    },
    Measure {
        key: "defections",
        label: "defections",
        description: "Members of automatic commitments that did not act (`defection` events)",
        counts: |e, _| e.kind == EventKind::Defection,
    },
    Measure {
        key: "obligations",
        label: "obligations to act",
        description: "Members of automatic commitments called on to act, who acted or defected (`balancing` and `defection` events that name a commitment)",
        counts: |e, _| matches!(e.kind, EventKind::Balancing | EventKind::Defection) && e.commitment.is_some(),
    },
    Measure {
        key: "deterred",
        label: "aggressors deterred",
        description: "Aggressors deterred (`deterred` events)",
        counts: |e, _| e.kind == EventKind::Deterred,
    },
    Measure {
        key: "yielded",
        label: "targets that gave way",
        description: "Targets that gave way to an aggressor without fighting (`yielded` events)",
        counts: |e, _| e.kind == EventKind::Yielded,
    },
    Measure {
        key: "settled",
        label: "demands settled",
        description: "Demands settled short of war: conceded, or awarded by a concert (`settled` events)",
        counts: |e, _| e.kind == EventKind::Settled,
    },
    Measure {
        key: "consultations",
        label: "concert consultations",
        description: "Consultations held by concerts (`consult` events)",
        counts: |e, _| e.kind == EventKind::Consult,
    },
    Measure {
        key: "decisions_to_act",
        label: "decisions to act",
        description: "Consultations whose decision rule carried (the trust a decision to act raises)",
        counts: decided_to_act,
    },
];

/// The index of a measure by key, found at compile time.
pub const fn index(key: &str) -> usize {
    let mut i = 0;
    while i < COUNT {
        if crate::model::same(MEASURES[i].key.as_bytes(), key.as_bytes()) {
            return i;
        }
        i += 1;
    }
    panic!("not a measure")
}

/// The wars.
pub const WARS: usize = index("wars");
/// The defections, which the share of runs with one reads.
pub const DEFECTIONS: usize = index("defections");
/// The obligations to act, which the share defected is taken over.
pub const OBLIGATIONS: usize = index("obligations");
/// The consultations, which the share deciding to act is taken over.
pub const CONSULTATIONS: usize = index("consultations");
/// The decisions to act.
pub const DECISIONS_TO_ACT: usize = index("decisions_to_act");

/// A concert that acts raises its members' trust in each other, recorded
/// right after the decision and following from it first; a decline or a
/// split never does (docs/model.md).
fn decided_to_act(event: &Event, kind_of: KindOf) -> bool {
    event.kind == EventKind::Trust && event.after.first().is_some_and(|seq| kind_of(*seq) == Some(EventKind::Decision))
}
