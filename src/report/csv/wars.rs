//! The tables read off the events: every event as a row, and every war as one, from its first year to its end.

use std::io;

use super::{list, optional, record};
use crate::engine::is_great;
use crate::log::{Event, EventKind, Seq};
use crate::report::log::Year;
use crate::report::visible;
use crate::scenario::{PowerId, Scenario};

/// The wars' table's columns.
pub const WARS: [&str; 11] = [
    "war",
    "start",
    "end",
    "aggressor",
    "attackers",
    "defenders",
    "winner",
    "outcome",
    "transfer",
    "great_power_war",
    "events",
];

/// The events' table's columns.
pub const EVENTS: [&str; 11] =
    ["seq", "year", "kind", "actors", "commitment", "shock", "war", "after", "threshold", "draw", "text"];

/// The year's events, one row each, in order.
pub fn events(scenario: &Scenario, year: &Year, out: &mut dyn io::Write) -> io::Result<()> {
    for event in year.events {
        record(
            &mut *out,
            [
                event.seq.to_string(),
                event.year.to_string(),
                event.kind.word().to_string(),
                names(scenario, &event.actors),
                event.commitment.map_or(String::new(), |c| scenario.commitments[c.0].name.clone()),
                event.shock.map_or(String::new(), |s| scenario.shocks[s.0].name.clone()),
                event.war.map_or(String::new(), |w| w.to_string()),
                list(&event.after),
                optional(event.threshold),
                optional(event.draw),
                visible(&event.summary).into_owned(),
            ],
        )?;
    }
    Ok(())
}

/// The wars under way: each war's row is written when it ends, so only
/// these are held, however long the log.
#[derive(Default)]
pub struct Wars {
    open: Vec<War>,
}

/// A war as its years have recorded it so far.
struct War {
    /// The aggressor's strike that began it, which names it.
    id: Seq,
    start: i32,
    /// Its latest year's event: the sides, those who joined under way included.
    last: Event,
    /// The strike, then each year's event.
    events: Vec<Seq>,
    /// Whether in some year a great power fought on each side.
    great: bool,
}

impl Wars {
    /// Follows the year's wars and writes the row of each that ended.
    pub fn year(&mut self, scenario: &Scenario, year: &Year, out: &mut dyn io::Write) -> io::Result<()> {
        for event in year.events {
            let Some((start, _)) = event.war_years() else { continue };
            let id = event.war.unwrap_or(event.seq);
            let at = match self.open.iter().position(|w| w.id == id) {
                Some(at) => at,
                None => {
                    let war = War { id, start, last: event.clone(), events: vec![id], great: false };
                    self.open.push(war);
                    self.open.len() - 1
                }
            };
            let war = &mut self.open[at];
            war.events.push(event.seq);
            // As `expect no war among great` reads a war: each year's sides,
            // with the status the powers had that year.
            let (attackers, defenders) = event.sides();
            let great = |p: &PowerId| is_great(scenario, year.great_changes, *p, event.year);
            war.great |= attackers.iter().any(great) && defenders.iter().any(great);
            war.last = event.clone();
            if event.kind == EventKind::WarEnd {
                let war = self.open.remove(at);
                row(scenario, &war, out)?;
            }
        }
        Ok(())
    }

    /// Writes the wars still going on when the period ends, in the order they began.
    pub fn close(&mut self, scenario: &Scenario, out: &mut dyn io::Write) -> io::Result<()> {
        for war in std::mem::take(&mut self.open) {
            row(scenario, &war, out)?;
        }
        Ok(())
    }
}

/// One war's row: a war that ended has its end year, winner and outcome;
/// one still going on has neither end nor winner, and `going_on`.
fn row(scenario: &Scenario, war: &War, out: &mut dyn io::Write) -> io::Result<()> {
    let last = &war.last;
    let (attackers, defenders) = last.sides();
    let ended = last.kind == EventKind::WarEnd;
    let (winner, outcome) = match (ended, last.figure("aggressor_wins"), last.figure("compromise")) {
        (false, _, _) => ("", "going_on"),
        (true, _, Some(_)) => ("", "compromise"),
        (true, Some(won), _) if won > 0.0 => ("attackers", "victory"),
        (true, Some(_), _) => ("defenders", "victory"),
        (true, None, None) => ("", ""),
    };
    record(
        out,
        [
            war.id.to_string(),
            war.start.to_string(),
            if ended { last.year.to_string() } else { String::new() },
            attackers.first().map_or(String::new(), |p| scenario.powers[p.0].name.clone()),
            names(scenario, attackers),
            names(scenario, defenders),
            winner.to_string(),
            outcome.to_string(),
            if ended { optional(last.figure("transfer")) } else { String::new() },
            war.great.to_string(),
            list(&war.events),
        ],
    )
}

/// Powers' names as one field.
fn names(scenario: &Scenario, powers: &[PowerId]) -> String {
    list(powers.iter().map(|p| scenario.powers[p.0].name.as_str()))
}
