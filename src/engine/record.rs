//! Writing events into the log as a run makes its decisions.

use std::borrow::Cow;

use crate::log::{Cause, Event, EventKind, Figure, Kinds, Seq};
use crate::scenario::{CommitmentId, PowerId, ShockId};
use crate::source::Span;

use super::Trace;

/// Room for the figures of an event when it is given its first: a
/// decision weighs a dozen or fewer, so it seldom grows after.
const FIGURES: usize = 12;

/// Room for the causes of an event when it is given its first.
const CAUSES: usize = 6;

/// The log of a run in progress.
#[derive(Debug)]
pub(crate) struct Recorder {
    /// The events kept, `events[..kept]`: all of the run's, or, in a log
    /// that forgets, the year's so far. Beyond `kept` lie the slots of
    /// last year's events, written over in place so that a run that forgets
    /// allocates for its events only in its first years.
    events: Vec<Event>,
    kept: usize,
    /// How many events were recorded and are not kept: those of years
    /// past, in a log that forgets, and those of kinds it does not keep.
    forgotten: usize,
    /// The kinds of event a log that forgets keeps; the others it numbers
    /// (and notes the kind of) without writing them.
    keeps: Kinds,
    /// In a log that forgets, the kind of every event recorded, by number
    /// less one: all an outcome reads of an earlier year's event.
    kinds: Option<Vec<EventKind>>,
    pub year: i32,
    /// The shock being resolved; its events carry it.
    pub shock: Option<ShockId>,
    /// How much of each event to keep.
    pub trace: Trace,
}

impl Recorder {
    /// The words of an event or a cause, written only in a full trace; an
    /// ensemble's run never calls `words`.
    #[inline]
    pub fn text(&self, words: impl FnOnce() -> String) -> String {
        if self.trace == Trace::Full {
            words()
        } else {
            String::new()
        }
    }

    /// Whether events keep their figures (a paired comparison and `test` read them).
    #[inline]
    pub fn keeps_figures(&self) -> bool {
        self.trace != Trace::Outcomes
    }

    /// Whether events keep the places of their causes (`test --coverage`
    /// reads them); their labels are worded only in a full trace.
    #[inline]
    pub fn keeps_causes(&self) -> bool {
        matches!(self.trace, Trace::Full | Trace::Judgement)
    }

    /// A log keeping what `trace` asks for, expecting about `events` events
    /// so that it seldom grows.
    pub fn new(trace: Trace, events: usize) -> Recorder {
        Recorder {
            events: Vec::with_capacity(events),
            kept: 0,
            forgotten: 0,
            keeps: Kinds::ALL,
            kinds: None,
            year: 0,
            shock: None,
            trace,
        }
    }

    /// A log keeping what `trace` asks for, only for the year under way
    /// and only of the kinds in `keeps`; `events` is about how many a year records.
    pub fn forgetting(trace: Trace, keeps: Kinds, events: usize) -> Recorder {
        Recorder { kinds: Some(Vec::with_capacity(events * 16)), keeps, ..Recorder::new(trace, events) }
    }

    /// Empties the log for a new run, keeping what it keeps and its room.
    pub fn restart(&mut self) {
        self.kept = 0;
        self.forgotten = 0;
        if let Some(kinds) = &mut self.kinds {
            kinds.clear();
        }
        self.year = 0;
        self.shock = None;
    }

    /// How many events the run has recorded so far, forgotten or kept.
    pub fn recorded(&self) -> usize {
        self.forgotten + self.kept
    }

    /// The events kept: every one of the run, or, in a log that forgets,
    /// the year's so far.
    pub fn events(&self) -> &[Event] {
        &self.events[..self.kept]
    }

    /// The events kept, taken out of the log.
    pub fn take_events(&mut self) -> Vec<Event> {
        self.events.truncate(self.kept);
        self.kept = 0;
        std::mem::take(&mut self.events)
    }

    /// Whether the log lets each year's events go when the next begins.
    pub fn forgets(&self) -> bool {
        self.kinds.is_some()
    }

    /// Takes back the events [`Recorder::take_events`] took, as the slots
    /// of the next run's (see [`Recorder::restart`]).
    pub fn put_back(&mut self, events: Vec<Event>) {
        self.kept = events.len();
        self.events = events;
    }

    /// Starts a year; a log that forgets lets the last year's events go.
    /// Returns where the year's events begin in [`Recorder::events`].
    pub fn begin_year(&mut self, year: i32) -> usize {
        self.year = year;
        if self.forgets() {
            self.forgotten += self.kept;
            self.kept = 0;
        }
        self.kept
    }

    /// The kind of the event numbered `seq`, if one has been recorded.
    pub fn kind(&self, seq: Seq) -> Option<EventKind> {
        let index = seq.checked_sub(1)?;
        match &self.kinds {
            Some(kinds) => kinds.get(index).copied(),
            // Events are kept in order, and all of them unless some kinds are not.
            None => match self.events().get(index) {
                Some(event) if event.seq == seq => Some(event.kind),
                _ => {
                    let at = self.events().binary_search_by_key(&seq, |e| e.seq).ok()?;
                    Some(self.events()[at].kind)
                }
            },
        }
    }

    /// Keeps from now on only the events of the kinds `keeps`, numbering
    /// the others: a log kept for one reader that looks at those alone.
    pub fn keep_only(&mut self, keeps: Kinds) {
        self.keeps = keeps;
    }

    /// Starts an event of this year; finish it with [`Draft::record`].
    #[inline]
    pub fn event(&mut self, kind: EventKind, summary: impl Into<String>) -> Draft<'_> {
        if let Some(kinds) = &mut self.kinds {
            kinds.push(kind);
        }
        if !self.keeps.contains(kind) {
            // Numbered, and its kind noted, but not written: nobody reads it.
            self.forgotten += 1;
            return Draft { log: self, kept: false };
        }
        self.write(kind, summary.into())
    }

    /// Writes an event the log keeps, over a slot of an earlier one where
    /// there is one: apart from [`Recorder::event`], whose check for a kind
    /// not kept is then small enough to be inlined where events are drafted.
    #[inline(never)]
    fn write(&mut self, kind: EventKind, summary: String) -> Draft<'_> {
        let (seq, year, shock) = (self.forgotten + self.kept + 1, self.year, self.shock);
        match self.events.get_mut(self.kept) {
            // A forgotten event's slot: its lists keep their room.
            Some(event) => {
                event.seq = seq;
                event.year = year;
                event.kind = kind;
                event.actors.clear();
                event.commitment = None;
                event.shock = shock;
                event.summary = summary;
                event.causes.clear();
                event.after.clear();
                event.figures.clear();
                event.threshold = None;
                event.draw = None;
                event.attackers = None;
                event.began = None;
                event.war = None;
            }
            // The event is written in place, so building it never copies it.
            None => self.events.push(Event {
                seq,
                year,
                kind,
                actors: Vec::new(),
                commitment: None,
                shock,
                summary,
                causes: Vec::new(),
                after: Vec::new(),
                figures: Vec::new(),
                threshold: None,
                draw: None,
                attackers: None,
                began: None,
                war: None,
            }),
        }
        self.kept += 1;
        Draft { log: self, kept: true }
    }
}

/// An event being written: the last in the log until it is recorded.
pub(crate) struct Draft<'a> {
    log: &'a mut Recorder,
    /// Whether the log keeps it: a draft of an event it does not keep writes nothing.
    kept: bool,
}

impl Draft<'_> {
    #[inline]
    fn event(&mut self) -> &mut Event {
        let last = self.log.kept - 1;
        &mut self.log.events[last]
    }

    /// Whether this event keeps its actors and the events it follows from.
    /// An ensemble's outcome reads them only off a war's end or its going
    /// on (its sides) and the trust a decision to act raises (the decision it
    /// follows); every other event of a bare run leaves them out, so it
    /// allocates nothing for them.
    #[inline]
    fn links(&mut self) -> bool {
        self.log.keeps_figures()
            || matches!(self.event().kind, EventKind::WarEnd | EventKind::WarGoesOn | EventKind::Trust)
    }

    #[inline]
    pub fn actor(mut self, power: PowerId) -> Self {
        if !self.kept {
            return self;
        }
        if self.links() && !self.event().actors.contains(&power) {
            self.event().actors.push(power);
        }
        self
    }

    /// The year the war this event ends or carries on began, and the strike
    /// that began it.
    #[inline]
    pub fn war(mut self, began: i32, struck: Seq) -> Self {
        if !self.kept {
            return self;
        }
        self.event().began = Some(began);
        self.event().war = Some(struck);
        self
    }

    /// The first `count` actors fought on the aggressor's side (a war's end).
    #[inline]
    pub fn attackers(mut self, count: usize) -> Self {
        if !self.kept {
            return self;
        }
        self.event().attackers = Some(count);
        self
    }

    #[inline]
    pub fn actors(mut self, powers: impl IntoIterator<Item = PowerId>) -> Self {
        if !self.kept {
            return self;
        }
        for power in powers {
            self = self.actor(power);
        }
        self
    }

    /// The commitment the event concerns.
    #[inline]
    pub fn commitment(mut self, commitment: CommitmentId) -> Self {
        if !self.kept {
            return self;
        }
        self.event().commitment = Some(commitment);
        self
    }

    /// A declaration involved, and what it contributed.
    #[inline]
    pub fn cause(mut self, span: Span, label: impl Into<String>) -> Self {
        if !self.kept {
            return self;
        }
        if self.log.keeps_causes() {
            let label = self.log.text(|| label.into());
            let causes = &mut self.event().causes;
            if causes.capacity() == 0 {
                causes.reserve(CAUSES);
            }
            causes.push(Cause { span, label });
        }
        self
    }

    /// A declaration involved, with what it contributed worded only when
    /// the run keeps its text.
    #[inline]
    pub fn cause_with(self, span: Span, label: impl FnOnce() -> String) -> Self {
        self.cause_opt(Some(span), label)
    }

    /// Several declarations involved.
    #[inline]
    pub fn causes(mut self, causes: impl IntoIterator<Item = (Span, String)>) -> Self {
        if !self.kept {
            return self;
        }
        for (span, label) in causes {
            self = self.cause(span, label);
        }
        self
    }

    /// A declaration involved, when the value it set came from the source.
    #[inline]
    pub fn cause_opt(self, span: Option<Span>, label: impl FnOnce() -> String) -> Self {
        match span {
            Some(span) if self.log.keeps_causes() => {
                let label = self.log.text(label);
                self.cause(span, label)
            }
            _ => self,
        }
    }

    #[inline]
    pub fn after(mut self, seq: Seq) -> Self {
        if !self.kept {
            return self;
        }
        if self.links() && !self.event().after.contains(&seq) {
            self.event().after.push(seq);
        }
        self
    }

    #[inline]
    pub fn after_all(self, seqs: impl IntoIterator<Item = Seq>) -> Self {
        if !self.kept {
            return self;
        }
        seqs.into_iter().fold(self, Self::after)
    }

    #[inline]
    pub fn after_opt(self, seq: Option<Seq>) -> Self {
        match seq {
            Some(seq) => self.after(seq),
            None => self,
        }
    }

    #[inline]
    pub fn figure(mut self, name: impl Into<Cow<'static, str>>, value: f64) -> Self {
        if !self.kept {
            return self;
        }
        if self.log.keeps_figures() {
            let figures = &mut self.event().figures;
            if figures.capacity() == 0 {
                figures.reserve(FIGURES);
            }
            figures.push(Figure { name: name.into(), value });
        }
        self
    }

    #[inline]
    pub fn threshold(mut self, value: f64) -> Self {
        if !self.kept {
            return self;
        }
        self.event().threshold = Some(value);
        self
    }

    #[inline]
    pub fn draw(mut self, value: f64) -> Self {
        if !self.kept {
            return self;
        }
        self.event().draw = Some(value);
        self
    }

    /// Adds the event to the log and returns its sequence number.
    #[inline]
    pub fn record(self) -> Seq {
        self.log.forgotten + self.log.kept
    }
}
