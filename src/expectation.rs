//! Judging runs against the historical record: whether each `expect` held, over an ensemble of seeds.
//!
//! A claim is read off the events and the yearly state a run recorded;
//! nothing here re-runs the model's decisions. An ensemble runs the case
//! with seeds `S, S+1, …, S+N−1`, so any run can be replayed with
//! `covenant run --seed`. The runs are spread over the current rayon
//! thread pool and their verdicts counted in sums that merge in any order,
//! so a trial is the same whatever the number of threads.

use crate::engine::{self, Run, RunError};
use crate::log::{Event, EventKind, Kinds};
use crate::scenario::{BinaryOp, Claim, Expectation, PowerGroup, PowerId, Quantity, Scenario, ShockOutcome, Window};

/// How many missed seeds a result keeps, to replay.
pub const MISSES_KEPT: usize = 5;

/// How far a result's confidence interval reaches: the normal quantile of a 95% interval.
pub const Z: f64 = 1.959_963_984_540_054;

/// The kinds of event [`holds`] reads: the ends and years of wars,
/// interventions, dissolutions, and the ends a shock can come to.
pub const READS: Kinds = Kinds::NONE
    .with(EventKind::WarEnd)
    .with(EventKind::WarGoesOn)
    .with(EventKind::Intervention)
    .with(EventKind::Dissolved)
    .with(EventKind::Deterred)
    .with(EventKind::Yielded)
    .with(EventKind::Settled)
    .with(EventKind::Revolution)
    .with(EventKind::Suppressed);

/// Whether one expectation held in one run.
pub fn holds(expectation: &Expectation, scenario: &Scenario, run: &Run) -> bool {
    match &expectation.claim {
        Claim::WarBetween { negated, first, second, window } => {
            let found = wars(run, window).any(|w| opposed(w, *first, *second));
            found != *negated
        }
        Claim::WarAmong { negated, group, window } => {
            let found = wars(run, window).any(|w| {
                // The great powers of the war's year: a power made great
                // later was not one of them then.
                let members = group_members(scenario, group, run, w.year);
                members.iter().any(|a| members.iter().any(|b| a != b && opposed(w, *a, *b)))
            });
            found != *negated
        }
        Claim::WarInvolving { negated, power, window } => {
            let found = wars(run, window).any(|w| w.actors.contains(power));
            found != *negated
        }
        Claim::GeneralWar { negated, great_powers, window } => {
            let found = wars(run, window)
                .any(|w| w.actors.iter().filter(|p| run.is_great(scenario, **p, w.year)).count() >= *great_powers);
            found != *negated
        }
        Claim::Intervention { negated, by, state, window } => {
            // An intervention lists its interveners, then the state in
            // revolution last: `by Spain in Austria` is not `by Austria in Spain`.
            let found = in_window(run, window, EventKind::Intervention).any(|e| match e.actors.split_last() {
                Some((last, interveners)) => last == state && interveners.contains(by),
                None => false,
            });
            found != *negated
        }
        Claim::Dissolution { negated, commitment, window } => {
            let found = in_window(run, window, EventKind::Dissolved).any(|e| e.commitment == Some(*commitment));
            found != *negated
        }
        Claim::Outcome { shock, outcome, window } => {
            let relevant = |e: &&Event| e.shock == Some(*shock) && window.is_none_or(|w| within(e.year, &w));
            // An aggression ends in deterrence, a target that gives way, a
            // settlement (of a demand) or a war's end; a revolution either
            // runs its course or is put down, by its government or an intervention.
            let ends = run.events.iter().filter(relevant).find(|e| {
                matches!(
                    e.kind,
                    EventKind::Deterred
                        | EventKind::Yielded
                        | EventKind::Settled
                        | EventKind::WarEnd
                        | EventKind::Revolution
                        | EventKind::Intervention
                        | EventKind::Suppressed
                )
            });
            match (ends, outcome) {
                (Some(e), ShockOutcome::Deterred) => e.kind == EventKind::Deterred,
                (Some(e), ShockOutcome::Settled) => {
                    matches!(e.kind, EventKind::Deterred | EventKind::Yielded | EventKind::Settled)
                }
                (Some(e), ShockOutcome::Succeeds) => {
                    e.kind == EventKind::Revolution
                        || e.kind == EventKind::Yielded
                        || e.kind == EventKind::Settled && figure(e, "share").is_some_and(|s| s > 0.0)
                        || e.kind == EventKind::WarEnd && figure(e, "aggressor_wins") == Some(1.0)
                        // A compromise peace that gives the aggressor part of
                        // what it fought for, as a concession does.
                        || e.kind == EventKind::WarEnd
                            && figure(e, "compromise") == Some(1.0)
                            && figure(e, "transfer").is_some_and(|t| t > 0.0)
                }
                (Some(e), ShockOutcome::Compromise) => {
                    e.kind == EventKind::WarEnd && figure(e, "compromise") == Some(1.0)
                }
                (Some(e), ShockOutcome::Fails) => {
                    matches!(e.kind, EventKind::Intervention | EventKind::Suppressed)
                        || e.kind == EventKind::WarEnd && figure(e, "aggressor_wins") == Some(0.0)
                }
                (None, _) => false,
            }
        }
        Claim::Threshold { quantity, comparison, value, window } => {
            let meets = |year: i32| state_at(run, quantity, year).is_some_and(|x| compare(x, *comparison, *value));
            if window.by {
                (window.start..=window.end).any(meets)
            } else {
                (window.start..=window.end).all(meets)
            }
        }
    }
}

/// The quantities a threshold expectation can follow from year to year.
pub fn followed_over_time(quantity: &Quantity) -> bool {
    matches!(
        quantity,
        Quantity::Capability(_)
            | Quantity::Stance(_)
            | Quantity::Constraint(_)
            | Quantity::Strength(_)
            | Quantity::Cohesion(_)
            | Quantity::Credibility(_)
            | Quantity::Parameter(_)
    )
}

/// Whether judging `expectation` reads the powers' panel: a threshold on a
/// power's capability, stance or constraint.
fn reads_panel(expectation: &Expectation) -> bool {
    matches!(
        &expectation.claim,
        Claim::Threshold { quantity: Quantity::Capability(_) | Quantity::Stance(_) | Quantity::Constraint(_), .. }
    )
}

fn state_at(run: &Run, quantity: &Quantity, year: i32) -> Option<f64> {
    let power = |p: PowerId| run.panel.iter().find(|r| r.year == year && r.power == p);
    let system = run.system.iter().find(|s| s.year == year)?;
    match quantity {
        Quantity::Capability(p) => power(*p).map(|r| r.capability),
        Quantity::Stance(p) => power(*p).map(|r| r.stance),
        Quantity::Constraint(p) => power(*p).map(|r| r.constraint),
        Quantity::Strength(n) => system.norms.iter().find(|(id, _)| id == n).map(|(_, s)| *s),
        Quantity::Cohesion(c) => system.commitments.iter().find(|x| x.commitment == *c).map(|x| x.cohesion),
        Quantity::Credibility(c) => system.commitments.iter().find(|x| x.commitment == *c).map(|x| x.credibility),
        Quantity::Parameter(i) if crate::model::PARAMETERS[*i].name == "war_memory" => Some(system.war_memory),
        Quantity::Parameter(i) => run.parameters.get(*i).copied(),
        _ => None,
    }
}

fn compare(x: f64, op: BinaryOp, y: f64) -> bool {
    match op {
        BinaryOp::Less => x < y,
        BinaryOp::LessEqual => x <= y,
        BinaryOp::Greater => x > y,
        BinaryOp::GreaterEqual => x >= y,
        BinaryOp::Equal => x == y,
        BinaryOp::NotEqual => x != y,
        _ => false,
    }
}

fn figure(event: &Event, name: &str) -> Option<f64> {
    event.figure(name)
}

fn within(year: i32, window: &Window) -> bool {
    (window.start..=window.end).contains(&year)
}

fn in_window<'r>(run: &'r Run, window: &'r Window, kind: EventKind) -> impl Iterator<Item = &'r Event> {
    run.events.iter().filter(move |e| e.kind == kind && within(e.year, window))
}

/// The wars fought in a window, read off the event each of their years
/// has — a `war_goes_on`, or the `war_end` of the last — with the sides of
/// that year: a war fought from 1914 to 1918 is a war during 1916, with
/// those who fought it in 1916.
fn wars<'r>(run: &'r Run, window: &'r Window) -> impl Iterator<Item = &'r Event> {
    run.events.iter().filter(move |e| e.war_years().is_some() && within(e.year, window))
}

/// Whether two powers fought on opposite sides of a war: the aggressor
/// comes first among the actors, the defenders after it.
fn opposed(war: &Event, a: PowerId, b: PowerId) -> bool {
    let (attackers, defenders) = war.sides();
    (attackers.contains(&a) && defenders.contains(&b)) || (attackers.contains(&b) && defenders.contains(&a))
}

fn group_members(scenario: &Scenario, group: &PowerGroup, run: &Run, year: i32) -> Vec<PowerId> {
    match group {
        PowerGroup::Great => {
            (0..scenario.powers.len()).map(PowerId).filter(|p| run.is_great(scenario, *p, year)).collect()
        }
        PowerGroup::All => (0..scenario.powers.len()).map(PowerId).collect(),
        PowerGroup::MembersOf(c) => scenario.commitments[c.0].members.clone(),
        PowerGroup::Named(powers) => powers.clone(),
    }
}

/// How one expectation fared over an ensemble.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The runs in which it held.
    pub held: usize,
    pub runs: usize,
    /// The share of runs it must hold in.
    pub required: f64,
    /// The 95% Wilson interval of the hit rate.
    pub interval: (f64, f64),
    /// The seeds of the first runs (in run order: seeds S, S+1, …) in
    /// which it did not hold, at most [`MISSES_KEPT`].
    pub missed: Vec<u64>,
}

impl Verdict {
    /// The share of runs in which it held.
    pub fn rate(&self) -> f64 {
        if self.runs == 0 {
            0.0
        } else {
            self.held as f64 / self.runs as f64
        }
    }

    /// Whether the hit rate reaches the required share.
    pub fn passed(&self) -> bool {
        self.rate() >= self.required
    }
}

/// The share an expectation without `at least` must hold in: most runs.
pub const DEFAULT_RATE: f64 = 0.5;

/// What an ensemble found about a case's expectations, in their order.
#[derive(Debug, Clone, PartialEq)]
pub struct Trial {
    pub first_seed: u64,
    pub runs: usize,
    pub verdicts: Vec<Verdict>,
    /// Which declarations played a part, when it was asked for.
    pub coverage: Option<Coverage>,
}

/// Which declarations played a part in at least one run of an ensemble.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Norms engaged: named as a cause of some event.
    pub norms: Vec<bool>,
    /// Rules whose condition held.
    pub rules: Vec<bool>,
    /// Commitments engaged by a crisis, or changed.
    pub commitments: Vec<bool>,
    /// Shocks that happened.
    pub shocks: Vec<bool>,
}

impl Coverage {
    fn new(scenario: &Scenario) -> Coverage {
        Coverage {
            norms: vec![false; scenario.norms.len()],
            rules: vec![false; scenario.rules.len()],
            commitments: vec![false; scenario.commitments.len()],
            shocks: vec![false; scenario.shocks.len()],
        }
    }

    fn merge(mut self, other: &Coverage) -> Coverage {
        for (mine, theirs) in [
            (&mut self.norms, &other.norms),
            (&mut self.rules, &other.rules),
            (&mut self.commitments, &other.commitments),
            (&mut self.shocks, &other.shocks),
        ] {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a |= *b;
            }
        }
        self
    }

    fn note(&mut self, declared: &Declared, run: &Run) {
        for event in &run.events {
            if let Some(c) = event.commitment {
                self.commitments[c.0] = true;
            }
            if let Some(s) = event.shock {
                self.shocks[s.0] = true;
            }
            for cause in &event.causes {
                if let Some(&n) = declared.norms.get(&cause.span) {
                    self.norms[n] = true;
                }
                if event.kind == EventKind::Rule {
                    if let Some(&r) = declared.rules.get(&cause.span) {
                        self.rules[r] = true;
                    }
                }
            }
        }
    }
}

/// The norms and rules of a case by the span a cause names them with
/// (a norm's declaration, a rule's condition), for coverage to look up.
struct Declared {
    norms: std::collections::HashMap<crate::source::Span, usize>,
    rules: std::collections::HashMap<crate::source::Span, usize>,
}

impl Declared {
    fn of(scenario: &Scenario) -> Declared {
        // The first declared wins a shared span, as a scan in order would find it.
        let mut norms = std::collections::HashMap::new();
        for (i, norm) in scenario.norms.iter().enumerate() {
            norms.entry(norm.span).or_insert(i);
        }
        let mut rules = std::collections::HashMap::new();
        for (i, rule) in scenario.rules.iter().enumerate() {
            rules.entry(rule.condition.span).or_insert(i);
        }
        Declared { norms, rules }
    }
}

/// What the runs judged so far came to, per expectation: counts and the
/// first misses by run index, which merge in any order to the same result.
#[derive(Debug, Clone)]
struct Judged {
    held: Vec<usize>,
    /// The indices (from 0) of the first runs that missed, at most [`MISSES_KEPT`], in order.
    missed: Vec<Vec<u64>>,
    coverage: Option<Coverage>,
}

impl Judged {
    fn new(scenario: &Scenario, coverage: bool) -> Judged {
        let count = scenario.expectations.len();
        let coverage = coverage.then(|| Coverage::new(scenario));
        Judged { held: vec![0; count], missed: vec![Vec::new(); count], coverage }
    }

    fn add(&mut self, scenario: &Scenario, declared: &Declared, index: u64, run: &Run) {
        if let Some(coverage) = &mut self.coverage {
            coverage.note(declared, run);
        }
        for (e, expectation) in scenario.expectations.iter().enumerate() {
            if holds(expectation, scenario, run) {
                self.held[e] += 1;
            } else {
                let missed = &mut self.missed[e];
                // A thread's runs arrive in order, but the threads' shares
                // do not: keep the smallest indices, whatever came first.
                if missed.len() < MISSES_KEPT || missed.last().is_some_and(|last| index < *last) {
                    missed.push(index);
                    missed.sort_unstable();
                    missed.truncate(MISSES_KEPT);
                }
            }
        }
    }

    fn merge(self, other: Judged) -> Judged {
        let missed = self
            .missed
            .into_iter()
            .zip(other.missed)
            .map(|(mut mine, theirs)| {
                mine.extend(theirs);
                mine.sort_unstable();
                mine.truncate(MISSES_KEPT);
                mine
            })
            .collect();
        Judged {
            held: self.held.iter().zip(&other.held).map(|(a, b)| a + b).collect(),
            missed,
            coverage: self.coverage.zip(other.coverage).map(|(mine, theirs)| mine.merge(&theirs)),
        }
    }
}

/// Runs `runs` seeds from `first_seed` (or the case's seed) on the current
/// rayon thread pool (wrap the call in `ThreadPool::install` to choose the
/// threads) and judges every expectation in each; with `coverage`, notes
/// too which declarations played a part. `progress` is called with 1
/// after each run, from whichever thread ran it. An unknown variant is
/// refused before anything runs.
pub fn trial<'s>(
    scenario: &'s Scenario,
    runs: usize,
    first_seed: Option<u64>,
    variant: Option<&str>,
    coverage: bool,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Trial, RunError> {
    let first_seed = first_seed.unwrap_or(scenario.seed.value);
    let start = engine::Start::new(scenario, variant)?;
    let chosen = engine::variant(scenario, variant)?;
    // Coverage reads the places of the causes; the expectations read the
    // events' kinds, actors and figures, the yearly state of norms and
    // commitments, and the powers' panel only for a threshold on a power.
    let trace = if coverage { engine::Trace::Judgement } else { engine::Trace::Decisions };
    let panel = scenario.expectations.iter().any(reads_panel);
    let declared = Declared::of(scenario);
    // Each fold runs its seeds in the room of the run before (`Running::restart`).
    type Fold<'s> = (Judged, engine::Spare<'s>);
    let add = |(judged, spare): &mut Fold<'s>, index: u64, seed: u64| {
        let running = engine::Running::reuse(spare, &start, seed, |start, seed| {
            let mut running = engine::Running::traced_from(start, seed, trace);
            if panel {
                running.keep_panel();
            }
            // Coverage reads every event; the expectations only a few kinds.
            if !coverage {
                running.keep_from_now(trace, READS);
            }
            running
        });
        while running.next_year()?.is_some() {}
        let run = running.lend();
        judged.add(scenario, &declared, index, &run);
        running.give_back(run);
        Ok::<(), RunError>(())
    };
    let merge = |(a, spare): Fold<'s>, (b, _): Fold<'s>| (a.merge(b), spare);
    let empty = || (Judged::new(scenario, coverage), None);
    let (judged, _) = crate::ensemble::fold_runs(empty, runs as u64, first_seed, add, merge, progress)?;
    let Judged { held, missed, mut coverage } = judged;
    let missed = missed
        .into_iter()
        .map(|indices| indices.into_iter().map(|i| crate::ensemble::seed_of_run(first_seed, i)).collect::<Vec<u64>>());
    let verdicts = scenario
        .expectations
        .iter()
        .zip(held.into_iter().zip(missed))
        .map(|(expectation, (held, missed))| Verdict {
            held,
            runs,
            required: expectation.rate.unwrap_or(DEFAULT_RATE),
            interval: wilson(held, runs),
            missed,
        })
        .collect();
    if let Some(coverage) = &mut coverage {
        // A variant's added shocks can happen only in that variant's runs.
        let in_play = crate::engine::State::new(scenario, chosen).shocks;
        for (i, happened) in coverage.shocks.iter_mut().enumerate() {
            if !in_play.iter().any(|s| s.0 == i) {
                *happened = true;
            }
        }
    }
    Ok(Trial { first_seed, runs, verdicts, coverage })
}

/// The Wilson score interval of `successes` in `trials` at 95%.
pub fn wilson(successes: usize, trials: usize) -> (f64, f64) {
    if trials == 0 {
        return (0.0, 1.0);
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    // At 0 or N successes the bound is exactly 0 or 1; rounding would
    // leave a trace of error there.
    let low = if successes == 0 { 0.0 } else { (centre - half).max(0.0) };
    let high = if successes == trials { 1.0 } else { (centre + half).min(1.0) };
    (low, high)
}

#[cfg(test)]
mod tests {
    use super::wilson;

    #[test]
    fn wilson_matches_known_intervals() {
        // 8 of 10: the textbook interval is about [0.490, 0.943].
        let (low, high) = wilson(8, 10);
        assert!((low - 0.4902).abs() < 1e-3 && (high - 0.9433).abs() < 1e-3, "{low} {high}");
        let (low, high) = wilson(0, 50);
        assert_eq!(low, 0.0);
        assert!((high - 0.0714).abs() < 1e-3, "{high}");
        assert_eq!(wilson(0, 0), (0.0, 1.0));
    }
}
