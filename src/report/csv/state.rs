//! The yearly panels: each power, norm and commitment as it stands at the end of each year.

use std::io;

use super::{decimal, list, record};
use crate::log::EventKind;
use crate::report::log::Year;
use crate::scenario::Scenario;

/// The powers' table's columns.
pub const POWERS: [&str; 8] = ["year", "power", "capability", "stance", "constraint", "regime", "at_war", "trust"];

/// The norms' table's columns.
pub const NORMS: [&str; 4] = ["year", "norm", "strength", "events"];

/// The commitments' table's columns.
pub const COMMITMENTS: [&str; 6] = ["year", "commitment", "members", "cohesion", "credibility", "alive"];

/// Which powers and commitments have come into being, so that neither has
/// rows before it exists: a power whose capability has never been above
/// zero at a year's end, and that no event has named, is not yet a state of
/// the system (the Korean states before 1950 in the Allies' case, Belgium
/// before 1830 in the Concert's; North Korea, given its capability and
/// defeated down to nothing within 1950, is in from that year); a commitment
/// exists from the period's start, or from its `formed` event, unless the
/// variant removes it. Once in, each stays: a power conquered to nothing,
/// or a commitment dissolved (in the year it formed, even), is an outcome
/// to read, not an absence.
pub struct Entered {
    powers: Vec<bool>,
    commitments: Vec<bool>,
}

impl Entered {
    /// Nothing in yet.
    pub fn new(scenario: &Scenario) -> Entered {
        Entered { powers: vec![false; scenario.powers.len()], commitments: vec![false; scenario.commitments.len()] }
    }

    /// At the start of a run of `variant`: the commitments there from the
    /// first year, those formed later and those the variant removes aside.
    pub fn open(&mut self, scenario: &Scenario, variant: Option<&str>) {
        let variant = scenario.variants.iter().find(|v| Some(v.name.as_str()) == variant);
        let removed = |c: usize| variant.is_some_and(|v| v.removed_commitments.iter().any(|r| r.value.0 == c));
        for (c, (entered, declared)) in self.commitments.iter_mut().zip(&scenario.commitments).enumerate() {
            *entered = declared.formed.is_none() && !removed(c);
        }
    }

    /// The year's rows of the powers that exist, in declaration order.
    pub fn powers(&mut self, scenario: &Scenario, year: &Year, out: &mut dyn io::Write) -> io::Result<()> {
        for event in year.events {
            for actor in &event.actors {
                self.powers[actor.0] = true;
            }
        }
        for row in year.panel {
            let entered = &mut self.powers[row.power.0];
            *entered |= row.capability > 0.0;
            if !*entered {
                continue;
            }
            record(
                &mut *out,
                [
                    row.year.to_string(),
                    scenario.powers[row.power.0].name.clone(),
                    decimal(row.capability),
                    decimal(row.stance),
                    decimal(row.constraint),
                    row.regime.map_or(String::new(), |r| scenario.regimes[r.0].clone()),
                    row.at_war.to_string(),
                    decimal(row.trust),
                ],
            )?;
        }
        Ok(())
    }

    /// The year's rows of the commitments that have formed, in declaration order.
    pub fn commitments(&mut self, scenario: &Scenario, year: &Year, out: &mut dyn io::Write) -> io::Result<()> {
        for event in year.events.iter().filter(|e| e.kind == EventKind::Formed) {
            if let Some(c) = event.commitment {
                self.commitments[c.0] = true;
            }
        }
        let Some(system) = year.system else { return Ok(()) };
        for standing in &system.commitments {
            let entered = &mut self.commitments[standing.commitment.0];
            // A rule or shock may bring one to life without a `formed` event.
            *entered |= standing.alive;
            if !*entered {
                continue;
            }
            record(
                &mut *out,
                [
                    system.year.to_string(),
                    scenario.commitments[standing.commitment.0].name.clone(),
                    standing.members.to_string(),
                    decimal(standing.cohesion),
                    decimal(standing.credibility),
                    standing.alive.to_string(),
                ],
            )?;
        }
        Ok(())
    }
}

/// The year's row of every norm, in declaration order, with the numbers of
/// the year's `norm` events that changed it: those whose causes point at
/// its declaration, as the engine records every change of a norm.
pub fn norms(scenario: &Scenario, year: &Year, out: &mut dyn io::Write) -> io::Result<()> {
    let Some(system) = year.system else { return Ok(()) };
    for (norm, strength) in &system.norms {
        let declared = &scenario.norms[norm.0];
        let changes = year
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Norm && e.causes.iter().any(|c| c.span == declared.span))
            .map(|e| e.seq);
        record(&mut *out, [system.year.to_string(), declared.name.clone(), decimal(*strength), list(changes)])?;
    }
    Ok(())
}
