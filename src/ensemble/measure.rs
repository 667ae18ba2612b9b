//! The counts an ensemble keeps of every run, each declared once: what a run's events add to it, and its names in reports, JSON and sweep columns.
//!
//! Aggregates, summaries, paired comparisons, the text and JSON reports and
//! the sweep table all read this table, so a new measure is one line here.

use crate::log::{Event, EventKind, Kinds, Seq};

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
    /// The kinds of event that may add to it; others are not asked.
    kinds: &'static [EventKind],
    /// Whether an event of one of those kinds adds one to it.
    counts: fn(&Event, KindOf) -> bool,
}

/// Adds what one event of a run counts for to `counts`, in [`MEASURES`]
/// order; `kind_of` looks up the run's earlier events. Only the measures
/// that may count an event of its kind are asked (most events count for
/// none).
pub fn add(counts: &mut [u32; COUNT], event: &Event, kind_of: KindOf) {
    let mut asked = BY_KIND[event.kind as usize];
    while asked != 0 {
        let i = asked.trailing_zeros() as usize;
        counts[i] += u32::from((MEASURES[i].counts)(event, kind_of));
        asked &= asked - 1;
    }
}

/// For each kind of event, by its discriminant, the measures (one bit each,
/// in [`MEASURES`] order) that list it among their kinds.
const BY_KIND: [u16; 64] = {
    assert!(COUNT <= 16, "one bit per measure");
    let mut table = [0u16; 64];
    let mut i = 0;
    while i < COUNT {
        let mut k = 0;
        while k < MEASURES[i].kinds.len() {
            table[MEASURES[i].kinds[k] as usize] |= 1 << i;
            k += 1;
        }
        i += 1;
    }
    table
};

/// The kinds of event any measure counts.
pub const KINDS: Kinds = {
    let mut kinds = Kinds::NONE;
    let mut i = 0;
    while i < COUNT {
        let mut k = 0;
        while k < MEASURES[i].kinds.len() {
            kinds = kinds.with(MEASURES[i].kinds[k]);
            k += 1;
        }
        i += 1;
    }
    kinds
};

/// How many measures there are.
pub const COUNT: usize = 9;

/// Every measure, in the order reports list them.
pub const MEASURES: [Measure; COUNT] = [
    Measure {
        key: "wars",
        label: "wars",
        description: "Wars of any powers begun (each war's `war_end` or `war_goes_on` event of its first year)",
        kinds: &[EventKind::WarEnd, EventKind::WarGoesOn],
        counts: |e, _| e.begins_war(),
    },
    Measure {
        key: "war_years",
        label: "years of war",
        description:
            "Years of war: each war counted once for every year it was fought (`war_end` and `war_goes_on` events)",
        kinds: &[EventKind::WarEnd, EventKind::WarGoesOn],
        counts: |e, _| e.war_years().is_some(),
    },
    Measure {
        key: "defections",
        label: "defections",
        description: "Members of automatic commitments that did not act (`defection` events)",
        kinds: &[EventKind::Defection],
        counts: |e, _| e.kind == EventKind::Defection,
    },
    Measure {
        key: "obligations",
        label: "obligations to act",
        description: "Members of automatic commitments called on to act, who acted or defected (`balancing` and `defection` events that name a commitment)",
        kinds: &[EventKind::Balancing, EventKind::Defection],
        counts: |e, _| matches!(e.kind, EventKind::Balancing | EventKind::Defection) && e.commitment.is_some(),
    },
    Measure {
        key: "deterred",
        label: "aggressors deterred",
        description: "Aggressors deterred (`deterred` events)",
        kinds: &[EventKind::Deterred],
        counts: |e, _| e.kind == EventKind::Deterred,
    },
    Measure {
        key: "yielded",
        label: "targets that gave way",
        description: "Targets that gave way to an aggressor without fighting (`yielded` events)",
        kinds: &[EventKind::Yielded],
        counts: |e, _| e.kind == EventKind::Yielded,
    },
    Measure {
        key: "settled",
        label: "demands settled",
        description: "Demands settled short of war: conceded, or awarded by a concert (`settled` events)",
        kinds: &[EventKind::Settled],
        counts: |e, _| e.kind == EventKind::Settled,
    },
    Measure {
        key: "consultations",
        label: "concert consultations",
        description: "Consultations held by concerts (`consult` events)",
        kinds: &[EventKind::Consult],
        counts: |e, _| e.kind == EventKind::Consult,
    },
    Measure {
        key: "decisions_to_act",
        label: "decisions to act",
        description: "Consultations whose decision rule carried (the trust a decision to act raises)",
        kinds: &[EventKind::Trust],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{self, RunOptions};

    /// A measure is asked only about the kinds it lists: none of its
    /// predicates may hold for an event of a kind it does not list, over
    /// every event of many runs of every example.
    #[test]
    fn no_measure_counts_an_event_of_a_kind_it_does_not_list() {
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut counted = [0u32; COUNT];
        for entry in std::fs::read_dir(examples).expect("the examples") {
            let path = entry.expect("an entry").path();
            let loaded = crate::load::load(&path, crate::load::LoadOptions::default()).expect("readable");
            let scenario = crate::check::check(&loaded).scenario.expect("the example checks");
            for seed in 0..20 {
                let run = engine::run(&scenario, &RunOptions { seed: Some(seed), variant: None }).expect("runs");
                let kind_of = |seq| run.event(seq).map(|e| e.kind);
                for event in &run.events {
                    for (i, measure) in MEASURES.iter().enumerate() {
                        if (measure.counts)(event, &kind_of) {
                            assert!(measure.kinds.contains(&event.kind), "{} counts a {:?}", measure.key, event.kind);
                            counted[i] += 1;
                        }
                    }
                }
            }
        }
        // Every measure counted something, so each was put to the test.
        for (measure, count) in MEASURES.iter().zip(counted) {
            assert!(count > 0, "no example run counts {}", measure.key);
        }
    }
}
