//! A run in progress, one year at a time: what a traced run collects, and what an ensemble counts as it goes.

use crate::log::{Event, EventKind, Kinds, PanelRow, Seq, SystemRow};
use crate::scenario::{PowerId, Scenario, Variant};

use super::record::Recorder;
use super::{variant, Dice, Run, RunError, RunOptions, State, Trace, World, EVENTS_PER_YEAR};

/// A run in progress, one year at a time: [`run_traced`] keeps every
/// year's events; an ensemble that only counts (see [`Running::counting`])
/// reads each year's events as it ends and lets them go.
pub struct Running<'s> {
    world: World<'s>,
    seed: u64,
    variant: Option<&'s Variant>,
    parameters: Vec<f64>,
    /// The next year to run.
    next: i32,
    /// Where the events of the year last run begin in the log.
    year_begins: usize,
    panel: Vec<PanelRow>,
    system: Vec<SystemRow>,
    /// The rows of the system of earlier years or runs, to be written over.
    spare_rows: Vec<SystemRow>,
    /// Whether the panel and the yearly state hold the year under way only.
    streams: bool,
    /// Whether the powers' panel is kept: always in a full trace, in
    /// `test`'s only when an expectation or its coverage reads it.
    keeps_panel: bool,
}

/// The run a thread of an ensemble keeps between its runs, for the next to
/// reuse the room of (boxed, so that a fold carrying it moves a pointer).
pub type Spare<'s> = Option<Box<Running<'s>>>;

/// What every run of a case under one variant begins from, made once: an
/// ensemble's runs copy it rather than build it again from the case.
pub struct Start<'s> {
    scenario: &'s Scenario,
    variant: Option<&'s Variant>,
    state: State,
}

impl<'s> Start<'s> {
    /// The start of `scenario` under the variant named, or the error for a
    /// variant it does not have.
    pub fn new(scenario: &'s Scenario, variant_name: Option<&str>) -> Result<Start<'s>, RunError> {
        let variant = variant(scenario, variant_name)?;
        Ok(Start { scenario, variant, state: State::new(scenario, variant) })
    }

    /// Every model parameter's value at the start, as [`Run::parameters`].
    pub fn parameters(&self) -> &[f64] {
        &self.state.parameters
    }
}

impl<'s> Running<'s> {
    /// A run of `scenario` before its first year, keeping what `trace` asks for.
    pub fn start(scenario: &'s Scenario, options: &RunOptions, trace: Trace) -> Result<Running<'s>, RunError> {
        Self::new(scenario, options, Recorder::new(trace, EVENTS_PER_YEAR * scenario.period.years()))
    }

    /// A run that keeps only the year under way, and of it only the events
    /// of the kinds `reads`: each year's, as [`Trace::Outcomes`] keeps them,
    /// go when the next year begins (the kinds of all stay, to be looked up
    /// by number), and no yearly state is kept. An ensemble counts a run's
    /// outcome this way without holding its log.
    pub fn counting(scenario: &'s Scenario, options: &RunOptions, reads: Kinds) -> Result<Running<'s>, RunError> {
        let start = Start::new(scenario, options.variant.as_deref())?;
        Ok(Self::counting_from(&start, options.seed.unwrap_or(scenario.seed.value), reads))
    }

    /// A counting run (as [`Running::counting`]) from `start`, drawing from `seed`.
    pub fn counting_from(start: &Start<'s>, seed: u64, reads: Kinds) -> Running<'s> {
        let log = Recorder::forgetting(Trace::Outcomes, reads, EVENTS_PER_YEAR * 4);
        Self::from(start.scenario, start.variant, start.state.clone(), seed, log)
    }

    /// A run that keeps only the year under way, every event of it as
    /// [`Trace::Decisions`] keeps them: a paired comparison reads each
    /// year's events of both sides against each other, then lets them go.
    pub fn comparing_from(start: &Start<'s>, seed: u64) -> Running<'s> {
        let log = Recorder::forgetting(Trace::Decisions, Kinds::ALL, EVENTS_PER_YEAR * 4);
        Self::from(start.scenario, start.variant, start.state.clone(), seed, log)
    }

    /// From now on keeps of its events only what `trace` asks for, and
    /// only those of the kinds `reads`. Every trace makes the same
    /// decisions, so a run can keep less once its reader has read enough:
    /// a paired comparison, once the two histories have parted, only
    /// counts outcomes.
    pub fn keep_from_now(&mut self, trace: Trace, reads: Kinds) {
        self.world.log.trace = trace;
        self.world.log.keep_only(reads);
    }

    /// The run in `spare` made a new one from `start` drawing from `seed`
    /// ([`Running::restart`]), or, when there is none yet, `fresh` put
    /// there: how every ensemble's thread runs all its seeds in one room.
    pub fn reuse<'a>(
        spare: &'a mut Spare<'s>,
        start: &Start<'s>,
        seed: u64,
        fresh: impl FnOnce(&Start<'s>, u64) -> Running<'s>,
    ) -> &'a mut Running<'s> {
        match spare {
            Some(running) => {
                running.restart(start, seed);
                running
            }
            None => spare.insert(Box::new(fresh(start, seed))),
        }
    }

    /// A run from `start`, drawing from `seed` and keeping what `trace`
    /// asks for, as [`Running::start`] would make it.
    pub fn traced_from(start: &Start<'s>, seed: u64, trace: Trace) -> Running<'s> {
        let log = Recorder::new(trace, EVENTS_PER_YEAR * start.scenario.period.years());
        Self::from(start.scenario, start.variant, start.state.clone(), seed, log)
    }

    /// Makes this run a new one from `start`, drawing from `seed`, as
    /// [`Running::counting_from`] or [`Running::traced_from`] would make it
    /// but in the room this one has: an ensemble's thread, or `test`'s,
    /// runs all its runs in one, allocating little after the first.
    pub fn restart(&mut self, start: &Start<'s>, seed: u64) {
        debug_assert!(std::ptr::eq(self.world.scenario, start.scenario), "a run restarts on its own case");
        self.world.state.reset_to(&start.state);
        self.world.dice = Dice::new(seed);
        self.world.log.restart();
        self.world.fault = None;
        self.world.firing.clear();
        self.seed = seed;
        self.variant = start.variant;
        self.parameters.clone_from(&start.state.parameters);
        self.next = start.scenario.period.start;
        self.year_begins = 0;
        self.panel.clear();
        self.spare_rows.append(&mut self.system);
    }

    /// A full trace that keeps only the year under way: its events, as
    /// [`Trace::Full`] records them, its panel rows and its closing state,
    /// all gone when the next year begins. `run` writes its log from it a
    /// year at a time, so that memory does not grow with the log.
    pub fn streaming(scenario: &'s Scenario, options: &RunOptions) -> Result<Running<'s>, RunError> {
        let mut running =
            Self::new(scenario, options, Recorder::forgetting(Trace::Full, Kinds::ALL, EVENTS_PER_YEAR * 4))?;
        running.streams = true;
        Ok(running)
    }

    fn new(scenario: &'s Scenario, options: &RunOptions, log: Recorder) -> Result<Running<'s>, RunError> {
        let start = Start::new(scenario, options.variant.as_deref())?;
        Ok(Self::from(scenario, start.variant, start.state, options.seed.unwrap_or(scenario.seed.value), log))
    }

    /// A run of `variant` of `scenario` from `state`, its starting state,
    /// drawing from `seed` and writing into `log`.
    fn from(
        scenario: &'s Scenario,
        variant: Option<&'s Variant>,
        state: State,
        seed: u64,
        log: Recorder,
    ) -> Running<'s> {
        let parameters = state.parameters.clone();
        let years = if log.forgets() { 0 } else { scenario.period.years() };
        let keeps_panel = log.keeps_causes();
        let panel = Vec::with_capacity(if keeps_panel { panel_rows(scenario, &log) } else { 0 });
        Running {
            world: World { scenario, state, dice: Dice::new(seed), log, fault: None, firing: Vec::new() },
            seed,
            variant,
            parameters,
            next: scenario.period.start,
            year_begins: 0,
            panel,
            system: Vec::with_capacity(years),
            spare_rows: Vec::new(),
            streams: false,
            keeps_panel,
        }
    }

    /// Keeps the powers' panel as well: `test` judges a threshold on a
    /// power's capability, stance or constraint on it.
    pub fn keep_panel(&mut self) {
        if !self.keeps_panel {
            self.keeps_panel = true;
            self.panel.reserve(panel_rows(self.world.scenario, &self.world.log));
        }
    }

    /// Runs the next year and returns it, or `None` once the period is
    /// over; a rule or a shock that divides by zero stops the run in its
    /// year, with [`RunError::DivisionByZero`], and the run goes no further.
    pub fn next_year(&mut self) -> Result<Option<i32>, RunError> {
        let year = self.next;
        if year > self.world.scenario.period.end {
            return Ok(None);
        }
        self.next += 1;
        self.year_begins = self.world.log.begin_year(year);
        if self.streams {
            self.panel.clear();
            self.spare_rows.append(&mut self.system);
        }
        self.world.year(year);
        if let Some(fault) = self.world.fault.take() {
            self.next = self.world.scenario.period.end + 1;
            return Err(RunError::DivisionByZero {
                seed: self.seed,
                variant: self.variant.map(|v| v.name.clone()),
                year,
                fault: Box::new(fault),
            });
        }
        if self.keeps_panel {
            self.world.record_panel(year, &mut self.panel);
        }
        if self.streams || !self.world.log.forgets() {
            self.world.record_system(year, &mut self.system, &mut self.spare_rows);
        }
        Ok(Some(year))
    }

    /// The events of the year last run.
    pub fn year_events(&self) -> &[Event] {
        &self.world.log.events()[self.year_begins..]
    }

    /// Each power's state at the end of the year last run, in a streaming
    /// run; in any other, every year's so far.
    pub fn panel(&self) -> &[PanelRow] {
        &self.panel
    }

    /// The state of the norms and commitments at the end of the year last
    /// run (of every year so far, unless the run streams or counts).
    pub fn system(&self) -> &[SystemRow] {
        &self.system
    }

    /// How many events the run has recorded so far.
    pub fn recorded(&self) -> usize {
        self.world.log.recorded()
    }

    /// The case being run.
    pub fn scenario(&self) -> &'s Scenario {
        self.world.scenario
    }

    /// The seed the run draws from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Every model parameter's value at the start of the run, as [`Run::parameters`].
    pub fn parameters(&self) -> &[f64] {
        &self.parameters
    }

    /// The kind of the event numbered `seq`, if one has been recorded.
    pub fn kind(&self, seq: Seq) -> Option<EventKind> {
        self.world.log.kind(seq)
    }

    /// Each change of a power's great-power status so far, as [`Run::great_changes`].
    pub fn great_changes(&self) -> &[(i32, PowerId, bool)] {
        &self.world.state.great_changes
    }

    /// Each norm's strength now, in declaration order.
    pub fn norms(&self) -> &[f64] {
        &self.world.state.norms
    }

    /// The variant being run, if any.
    pub fn variant(&self) -> Option<&'s Variant> {
        self.variant
    }

    /// The run as it stands, lent as a [`Run`] (its lists moved, not
    /// copied) to be read and then handed back with [`Running::give_back`],
    /// so that the next run reuses their room.
    pub fn lend(&mut self) -> Run {
        Run {
            seed: self.seed,
            variant: self.variant.map(|v| v.name.clone()),
            parameters: std::mem::take(&mut self.parameters),
            events: self.world.log.take_events(),
            panel: std::mem::take(&mut self.panel),
            system: std::mem::take(&mut self.system),
            great_changes: std::mem::take(&mut self.world.state.great_changes),
        }
    }

    /// Takes back what [`Running::lend`] lent, for the next run to write over.
    pub fn give_back(&mut self, run: Run) {
        self.parameters = run.parameters;
        self.world.log.put_back(run.events);
        self.panel = run.panel;
        self.system = run.system;
        self.world.state.great_changes = run.great_changes;
    }

    /// The run as it stands, with what its trace kept.
    pub fn finish(mut self) -> Run {
        Run {
            seed: self.seed,
            variant: self.variant.map(|v| v.name.clone()),
            parameters: self.parameters,
            events: self.world.log.take_events(),
            panel: self.panel,
            system: self.system,
            great_changes: std::mem::take(&mut self.world.state.great_changes),
        }
    }
}

/// How many panel rows a run writing into `log` keeps at most: a row per
/// power per year, or per power of the year under way in a log that forgets.
fn panel_rows(scenario: &Scenario, log: &Recorder) -> usize {
    let years = if log.forgets() { 1 } else { scenario.period.years() };
    years * scenario.powers.len()
}
