//! The two runs of a one-seed comparison, with in full only the events the comparison reads, so that its memory is that of the events it shows, not of both logs.
//!
//! A first streaming run of each side notes, for every event, what the
//! comparison compares (as one fingerprint) and the events it follows
//! from; that finds where the histories part. A second run of each side
//! then keeps every event's kind, year, actors, numbers and links — what
//! the aftermath and the outcomes count — but the words, causes and
//! figures only of the diverging event and the chain it follows from, the
//! only events [`super::compare`] and the report read in full.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use crate::engine::{Run, RunError, RunOptions, Running};
use crate::log::{Event, Seq};
use crate::scenario::Scenario;

use super::{chain_by, Side, SideFailed, Sides};

/// One side of a comparison to run: the checked case and the seed and variant.
#[derive(Debug, Clone)]
pub struct Contestant<'a> {
    pub scenario: &'a Scenario,
    pub options: RunOptions,
}

/// Runs both sides for [`super::compare`], each event not read by the
/// comparison kept without its words, causes and figures. The comparison
/// of the runs it gives is the comparison of the whole runs.
pub fn run_both(sides: &Sides<Contestant>) -> Result<Sides<Run>, SideFailed> {
    let failed = |side: Side| move |error: RunError| SideFailed { side, error };
    let notes = Sides {
        left: Notes::of(&sides.left).map_err(failed(Side::Left))?,
        right: Notes::of(&sides.right).map_err(failed(Side::Right))?,
    };
    let parting = notes.left.prints.iter().zip(&notes.right.prints).position(|(a, b)| a != b).or_else(|| {
        (notes.left.prints.len() != notes.right.prints.len())
            .then(|| notes.left.prints.len().min(notes.right.prints.len()))
    });
    // Both sides keep the events either side's chain reaches: before the
    // parting the two logs match event for event, and a pair kept in full
    // on one side only would differ in its words.
    let mut kept = notes.left.kept(parting);
    kept.extend(notes.right.kept(parting));
    Ok(Sides {
        left: thinned(&sides.left, &kept).map_err(failed(Side::Left))?,
        right: thinned(&sides.right, &kept).map_err(failed(Side::Right))?,
    })
}

/// What the first run of a side notes of each of its events.
struct Notes {
    /// A fingerprint of what the comparison compares, by event number less one.
    prints: Vec<u64>,
    /// What each event follows from, by event number less one.
    links: Vec<Vec<Seq>>,
}

impl Notes {
    fn of(side: &Contestant) -> Result<Notes, RunError> {
        let mut notes = Notes { prints: Vec::new(), links: Vec::new() };
        let mut running = Running::streaming(side.scenario, &side.options)?;
        while running.next_year()?.is_some() {
            for event in running.year_events() {
                notes.prints.push(fingerprint(side.scenario, event));
                notes.links.push(event.after.clone());
            }
        }
        Ok(notes)
    }

    /// The events to keep in full: the one at `parting` (from 0), if this
    /// side has it, and the chain it follows from as the comparison
    /// follows it.
    fn kept(&self, parting: Option<usize>) -> HashSet<Seq> {
        let Some(index) = parting.filter(|&i| i < self.prints.len()) else { return HashSet::new() };
        let seq = index + 1;
        let links = |s: Seq| s.checked_sub(1).and_then(|i| self.links.get(i)).map(Vec::as_slice);
        let mut kept: HashSet<Seq> = chain_by(links, seq).into_iter().collect();
        kept.insert(seq);
        kept
    }
}

/// What [`super::differing_fields`] compares of an event, as one number:
/// year, kind, actors, commitment and shock by name, figures, threshold,
/// draw and words. Two events that compare equal have the same print.
fn fingerprint(scenario: &Scenario, event: &Event) -> u64 {
    // Equal numbers hash alike: -0 is 0, as `==` has it.
    let number = |x: f64| (x + 0.0).to_bits();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    event.year.hash(&mut hasher);
    event.kind.word().hash(&mut hasher);
    for power in &event.actors {
        scenario.powers[power.0].name.hash(&mut hasher);
    }
    event.actors.len().hash(&mut hasher);
    event.commitment.map(|c| scenario.commitments[c.0].name.as_str()).hash(&mut hasher);
    event.shock.map(|s| scenario.shocks[s.0].name.as_str()).hash(&mut hasher);
    for figure in &event.figures {
        figure.name.hash(&mut hasher);
        number(figure.value).hash(&mut hasher);
    }
    event.figures.len().hash(&mut hasher);
    event.threshold.map(number).hash(&mut hasher);
    event.draw.map(number).hash(&mut hasher);
    event.summary.hash(&mut hasher);
    hasher.finish()
}

/// The event without its words, causes and figures, which are not copied.
fn bare(event: &Event) -> Event {
    Event {
        seq: event.seq,
        year: event.year,
        kind: event.kind,
        actors: event.actors.clone(),
        commitment: event.commitment,
        shock: event.shock,
        summary: String::new(),
        causes: Vec::new(),
        after: event.after.clone(),
        figures: Vec::new(),
        threshold: event.threshold,
        draw: event.draw,
        attackers: event.attackers,
        began: event.began,
        war: event.war,
    }
}

/// A full run of one side in which every event not in `kept` has lost its
/// words, causes and figures.
fn thinned(side: &Contestant, kept: &HashSet<Seq>) -> Result<Run, RunError> {
    let mut running = Running::streaming(side.scenario, &side.options)?;
    let (mut events, mut panel, mut system) = (Vec::new(), Vec::new(), Vec::new());
    while running.next_year()?.is_some() {
        for event in running.year_events() {
            events.push(if kept.contains(&event.seq) { event.clone() } else { bare(event) });
        }
        panel.extend_from_slice(running.panel());
        system.extend_from_slice(running.system());
    }
    Ok(Run {
        seed: running.seed(),
        variant: running.variant().map(|v| v.name.clone()),
        parameters: running.parameters().to_vec(),
        events,
        panel,
        system,
        great_changes: running.great_changes().to_vec(),
    })
}
