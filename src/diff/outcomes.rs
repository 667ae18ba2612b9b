//! What one run came to, in the terms a diff sets side by side: wars, interventions, defections, commitments and norms at the end.

use crate::engine::Run;
use crate::log::{Event, EventKind};
use crate::scenario::Scenario;

/// What became of one commitment.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentEnd {
    pub name: String,
    /// Whether it is alive at the end of the run.
    pub alive: bool,
    /// The year it dissolved, if it did.
    pub dissolved: Option<i32>,
}

/// One run's outcomes, read off its events and its last yearly state.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    /// The number of events in the log.
    pub events: usize,
    pub wars: usize,
    /// Wars in which a great power fought another (the aggressor and a defender both great).
    pub great_power_wars: usize,
    /// The year the first of those began.
    pub first_great_power_war: Option<i32>,
    pub deterred: usize,
    /// Targets that gave way without fighting.
    pub yielded: usize,
    pub interventions: usize,
    pub defections: usize,
    /// Years in which no great power fought.
    pub peaceful_years: usize,
    /// The years the run covers.
    pub years: usize,
    /// Each commitment in declaration order.
    pub commitments: Vec<CommitmentEnd>,
    /// Each norm's strength at the end, in declaration order.
    pub norms: Vec<(String, f64)>,
}

impl Outcomes {
    /// The outcomes of a run of `scenario`.
    pub fn of(scenario: &Scenario, run: &Run) -> Outcomes {
        let great = |p: &crate::scenario::PowerId, year: i32| run.is_great(scenario, *p, year);
        let among_great = |e: &&Event| {
            let (attackers, defenders) = e.sides();
            attackers.iter().any(|p| great(p, e.year)) && defenders.iter().any(|p| great(p, e.year))
        };
        let count = |kind: EventKind| run.events.iter().filter(|e| e.kind == kind).count();
        // A war among the great in any of its years, each war once, at the
        // first year great powers fought in it.
        let mut great_wars: Vec<&Event> = Vec::new();
        for event in run.events.iter().filter(|e| e.war_years().is_some()).filter(among_great) {
            if !great_wars.iter().any(|w| w.war == event.war) {
                great_wars.push(event);
            }
        }
        let years = scenario.period.years();
        let peaceful_years = (scenario.period.start..=scenario.period.end)
            .filter(|year| !run.panel.iter().any(|row| row.year == *year && row.at_war && great(&row.power, row.year)))
            .count();
        let last = run.system.last();
        // A commitment the run's variant removes is not there to end at all.
        let variant = run.variant.as_deref().and_then(|name| scenario.variants.iter().find(|v| v.name == name));
        let removed = |i: usize| variant.is_some_and(|v| v.removed_commitments.iter().any(|r| r.value.0 == i));
        let commitments = scenario
            .commitments
            .iter()
            .enumerate()
            .filter(|(i, _)| !removed(*i))
            .map(|(i, c)| CommitmentEnd {
                name: c.name.clone(),
                alive: last.and_then(|s| s.commitments.iter().find(|x| x.commitment.0 == i)).is_none_or(|x| x.alive),
                dissolved: run
                    .events
                    .iter()
                    .find(|e| e.kind == EventKind::Dissolved && e.commitment.is_some_and(|x| x.0 == i))
                    .map(|e| e.year),
            })
            .collect();
        let norms = last
            .map(|s| s.norms.iter().map(|(n, strength)| (scenario.norms[n.0].name.clone(), *strength)).collect())
            .unwrap_or_default();
        Outcomes {
            events: run.events.len(),
            wars: run.events.iter().filter(|e| e.begins_war()).count(),
            great_power_wars: great_wars.len(),
            first_great_power_war: great_wars.first().map(|e| e.year),
            deterred: count(EventKind::Deterred),
            yielded: count(EventKind::Yielded),
            interventions: count(EventKind::Intervention),
            defections: count(EventKind::Defection),
            peaceful_years,
            years,
            commitments,
            norms,
        }
    }
}
