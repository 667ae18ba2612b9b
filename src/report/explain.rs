//! One event's causal chain as a miette report: its declarations, its numbers, the events before it.
//!
//! Only what the run recorded is shown: the event's causes become labels on
//! the source, its figures, threshold and draw are listed as they were, and
//! the earlier events come from its `after` links. Nothing is recomputed.

use std::collections::{HashSet, VecDeque};
use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};

use super::diagnostics::Quoted;

use crate::engine::{Run, RunError, RunOptions, Running};
use crate::log::{Event, Seq};
use crate::report::diagnostics::REPORT_WIDTH;
use crate::report::text::number;
use crate::scenario::Scenario;
use crate::source::{FileId, Sources, Span};

/// The most earlier events an explanation lists, however deep it follows.
pub const CHAIN_LIMIT: usize = 200;

/// How many links back an explanation follows unless asked for more: the
/// event's own antecedents, theirs, and theirs.
pub const DEFAULT_DEPTH: usize = 3;

/// The decimals figures are shown with; the JSON log has them in full.
const DECIMALS: usize = 3;

/// Asked for an event the run does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}; there is no #{asked}", has(*events))]
pub struct NoSuchEvent {
    /// The number asked for.
    pub asked: Seq,
    /// How many events the run has.
    pub events: usize,
}

/// What events a run has, for the error that asks for another.
fn has(events: usize) -> String {
    match events {
        0 => "the run has no events".to_string(),
        1 => "the run has only event #1".to_string(),
        m => format!("the run has events #1 to #{m}"),
    }
}

/// Renders event `seq` of a run, following its chain `depth` links back,
/// with colour or without.
pub fn render(run: &Run, sources: &Sources, seq: Seq, depth: usize, colour: bool) -> Result<String, NoSuchEvent> {
    Ok(render_chained(&Chained::of(run, seq, depth)?, sources, seq, depth, colour))
}

/// Runs `scenario` and renders its event `seq`, keeping in memory only what
/// the explanation shows: a first run notes which earlier events each event
/// follows from, up to the year of `seq`; a second keeps in full only the
/// event and the earlier events its chain lists. A run makes the same
/// events every time, so both runs number them alike.
pub fn render_running(
    scenario: &Scenario,
    options: &RunOptions,
    sources: &Sources,
    seq: Seq,
    depth: usize,
    colour: bool,
) -> Result<Result<String, NoSuchEvent>, RunError> {
    let mut links: Vec<Vec<Seq>> = Vec::new();
    let mut running = Running::streaming(scenario, options)?;
    while links.len() < seq && running.next_year()?.is_some() {
        links.extend(running.year_events().iter().map(|e| e.after.clone()));
    }
    if seq == 0 || links.len() < seq {
        while running.next_year()?.is_some() {}
        return Ok(Err(NoSuchEvent { asked: seq, events: running.recorded() }));
    }
    let (order, _) = chain_by(&links, seq, depth, CHAIN_LIMIT);
    let mut wanted: Vec<Seq> = order;
    wanted.push(seq);
    wanted.sort_unstable();
    let mut shown = Vec::with_capacity(wanted.len());
    let mut running = Running::streaming(scenario, options)?;
    while shown.len() < wanted.len() && running.next_year()?.is_some() {
        shown.extend(running.year_events().iter().filter(|e| wanted.binary_search(&e.seq).is_ok()).cloned());
    }
    Ok(Ok(render_chained(&Chained { links, shown }, sources, seq, depth, colour)))
}

/// A run as an explanation reads it: what each event follows from, and in
/// full only the events the explanation shows, in order.
struct Chained {
    /// Each event's `after`, by number less one.
    links: Vec<Vec<Seq>>,
    shown: Vec<Event>,
}

impl Chained {
    /// What explaining event `seq` of a finished run reads of it.
    fn of(run: &Run, seq: Seq, depth: usize) -> Result<Chained, NoSuchEvent> {
        let event = run.event(seq).ok_or(NoSuchEvent { asked: seq, events: run.events.len() })?;
        let links: Vec<&[Seq]> = run.events.iter().map(|e| &e.after[..]).collect();
        let (mut wanted, _) = chain_by(&links, event.seq, depth, CHAIN_LIMIT);
        wanted.push(seq);
        wanted.sort_unstable();
        Ok(Chained {
            links: run.events.iter().map(|e| e.after.clone()).collect(),
            shown: wanted.iter().filter_map(|s| run.event(*s)).cloned().collect(),
        })
    }

    fn event(&self, seq: Seq) -> Option<&Event> {
        self.shown.binary_search_by_key(&seq, |e| e.seq).ok().map(|i| &self.shown[i])
    }
}

/// The explanation: first, in words, what decided the event; then the
/// events it follows from, in the order they happened; then the lines of the
/// case behind it, with its numbers.
fn render_chained(chained: &Chained, sources: &Sources, seq: Seq, depth: usize, colour: bool) -> String {
    let event = chained.event(seq).expect("the event explained is kept");
    let theme = if colour { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    // The help is laid out here, line by line; miette's own wrapping would
    // lose its indentation.
    let handler =
        GraphicalReportHandler::new_themed(theme).with_width(REPORT_WIDTH).with_links(false).with_wrap_lines(false);
    let mut out = format!("{}\n{}\n\n", headline(event), in_words(event));
    if let Some(chain) = chain_lines(chained, event, depth) {
        out.push_str(&chain);
        out.push_str("\n\n");
    }
    let report = Explanation::build(event, sources);
    handler.render_report(&mut out, &report).expect("writing to a String cannot fail");
    out
}

/// One sentence saying what decided an event: the draw against its
/// threshold (and the figure that set it), or the figures alone.
pub fn in_words(event: &Event) -> String {
    match (what_decided(event, DECIMALS), event.draw, event.threshold) {
        (Some(words), Some(_), Some(_)) => format!("  Decided by {words}."),
        (Some(words), None, Some(_)) => format!("  Decided by the figures below, held against {words}."),
        (Some(words), _, None) => format!("  Decided by {words}, with the figures below."),
        (None, ..) if !event.figures.is_empty() => {
            "  No draw or threshold decided it; its figures are in the help below.".to_string()
        }
        (None, ..) => "  No number decided it: it follows from the declarations and events below.".to_string(),
    }
}

/// What decided an event, in words, when a draw or a threshold did: `a
/// draw of 0.540 against a threshold of 0.312 (its willingness): the draw
/// was above the threshold`, `a threshold of 0.700`, `a draw of 0.250`.
/// `explain` opens with it, and `run --step` says it under each decision.
pub fn what_decided(event: &Event, decimals: usize) -> Option<String> {
    let set_by = |threshold: f64| {
        event
            .figures
            .iter()
            .rev()
            .find(|f| f.value == threshold)
            .map_or(String::new(), |f| format!(" (its {})", f.name.replace('_', " ")))
    };
    let value = |x: f64| number(x, decimals);
    match (event.draw, event.threshold) {
        (Some(draw), Some(threshold)) => {
            let side = if draw < threshold { "below" } else { "above" };
            Some(format!(
                "a draw of {} against a threshold of {}{}: the draw was {side} the threshold",
                value(draw),
                value(threshold),
                set_by(threshold)
            ))
        }
        (None, Some(threshold)) => Some(format!("a threshold of {}{}", value(threshold), set_by(threshold))),
        (Some(draw), None) => Some(format!("a draw of {}", value(draw))),
        (None, None) => None,
    }
}

/// The numbers recorded with an event, as `name = value` items: its figures
/// in order, then the threshold and the draw.
pub fn numbers(event: &Event) -> Vec<String> {
    let mut numbers: Vec<String> =
        event.figures.iter().map(|f| format!("{} = {}", f.name, number(f.value, DECIMALS))).collect();
    if let Some(threshold) = event.threshold {
        numbers.push(format!("threshold = {}", number(threshold, DECIMALS)));
    }
    if let Some(draw) = event.draw {
        numbers.push(format!("draw = {}", number(draw, DECIMALS)));
    }
    numbers
}

/// The earlier events an event follows from, breadth first (nearest first),
/// each once; at most `limit` of them, with how many more there are.
pub fn chain(run: &Run, event: &Event, limit: usize) -> (Vec<Seq>, usize) {
    let links: Vec<&[Seq]> = run.events.iter().map(|e| &e.after[..]).collect();
    chain_by(&links, event.seq, usize::MAX, limit)
}

/// [`chain`] over each event's links to the events it follows from (by
/// number less one), for the event numbered `seq`, following at most
/// `depth` links back; with how many more there are, beyond `limit` or
/// one link deeper.
fn chain_by<L: AsRef<[Seq]>>(links: &[L], seq: Seq, depth: usize, limit: usize) -> (Vec<Seq>, usize) {
    let mut seen: HashSet<Seq> = HashSet::from([seq]);
    let mut queue: VecDeque<(Seq, usize)> = VecDeque::new();
    let mut order = Vec::new();
    let mut deeper = 0;
    let links_of = |seq: Seq| seq.checked_sub(1).and_then(|i| links.get(i)).map(AsRef::as_ref);
    for &earlier in links_of(seq).unwrap_or_default() {
        if seen.insert(earlier) {
            queue.push_back((earlier, 1));
        }
    }
    while let Some((seq, level)) = queue.pop_front() {
        if level > depth {
            deeper += 1;
            continue;
        }
        order.push(seq);
        // A link to an event the run does not have is shown, but not followed.
        let Some(earlier) = links_of(seq) else { continue };
        for &next in earlier {
            if seen.insert(next) {
                queue.push_back((next, level + 1));
            }
        }
    }
    let more = order.len().saturating_sub(limit) + deeper;
    order.truncate(limit);
    (order, more)
}

/// The headline of an event: `#12 1820 decision: …`.
fn headline(event: &Event) -> String {
    format!("#{} {} {}: {}", event.seq, event.year, event.kind.word(), super::visible(&event.summary))
}

/// The help line: the numbers that decided the event.
fn decided_by(event: &Event) -> Option<String> {
    let numbers = numbers(event);
    // miette indents the help's later lines by eight columns.
    (!numbers.is_empty()).then(|| fill(&numbers, "decided by ", "", REPORT_WIDTH - 8))
}

/// The earlier events, in the order they happened, each with its numbers below it.
fn chain_lines(chained: &Chained, event: &Event, depth: usize) -> Option<String> {
    let (mut chain, more) = chain_by(&chained.links, event.seq, depth, CHAIN_LIMIT);
    if chain.is_empty() {
        return None;
    }
    chain.sort_unstable();
    let mut lines = vec!["  follows from, in the order they happened".to_string()];
    for seq in chain {
        match chained.event(seq) {
            Some(earlier) => {
                lines.push(format!("    {}", headline(earlier)));
                let figures = numbers(earlier);
                if !figures.is_empty() {
                    lines.push(fill(&figures, "        ", "        ", REPORT_WIDTH));
                }
            }
            None => lines.push(format!("    #{seq} (not in the log)")),
        }
    }
    if more > 0 {
        lines.push(format!(
            "    … and {more} more one link further back: `--depth {}` shows them",
            depth.saturating_add(1)
        ));
    }
    Some(lines.join("\n"))
}

/// Items joined with commas into lines of at most `width` characters (an
/// item longer than that gets a line of its own): the first line starts
/// with `first`, the others with `indent`.
fn fill(items: &[String], first: &str, indent: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() { format!("{item},") } else { item.clone() };
        let separator = if empty { "" } else { " " };
        if !empty && line.chars().count() + separator.len() + piece.chars().count() > width {
            lines.push(std::mem::replace(&mut line, indent.to_string()));
            line.push_str(&piece);
        } else {
            line.push_str(separator);
            line.push_str(&piece);
        }
        empty = false;
    }
    lines.push(line);
    lines.join("\n")
}

/// An event in the shape miette renders: the causes in the first cause's
/// file as labels, causes in other files as related reports, one per file.
#[derive(Debug)]
struct Explanation {
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: Option<Quoted>,
    related: Vec<Explanation>,
}

impl Explanation {
    fn build(event: &Event, sources: &Sources) -> Explanation {
        let mut files: Vec<FileId> = Vec::new();
        for cause in &event.causes {
            if !files.contains(&cause.span.file) {
                files.push(cause.span.file);
            }
        }
        let labels_in = |file: FileId| -> Vec<LabeledSpan> {
            event
                .causes
                .iter()
                .filter(|c| c.span.file == file)
                .map(|c| {
                    LabeledSpan::new_with_span(
                        Some(super::visible(&c.label).into_owned()),
                        source_span(c.span, sources),
                    )
                })
                .collect()
        };
        let related = files
            .iter()
            .skip(1)
            .map(|&file| Explanation {
                message: format!("also from `{}`", sources.file(file).path.display()),
                help: None,
                labels: labels_in(file),
                source: Some(quoted(event, file, sources)),
                related: Vec::new(),
            })
            .collect();
        Explanation {
            message: headline(event),
            help: decided_by(event),
            labels: files.first().map(|&file| labels_in(file)).unwrap_or_default(),
            source: files.first().map(|&file| quoted(event, file, sources)),
            related,
        }
    }
}

/// A span as miette takes it, kept inside the file's text so that a span
/// from a damaged log cannot make the renderer fail.
fn source_span(span: Span, sources: &Sources) -> SourceSpan {
    let len = sources.file(span.file).text.len();
    let start = (span.start as usize).min(len);
    let end = (span.end as usize).clamp(start, len);
    SourceSpan::new(start.into(), end - start)
}

/// The lines of `file` around the event's causes in it.
fn quoted(event: &Event, file: FileId, sources: &Sources) -> Quoted {
    let spans = event.causes.iter().filter(|c| c.span.file == file).map(|c| c.span);
    Quoted::around(sources.file(file), spans)
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Explanation {}

impl miette::Diagnostic for Explanation {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{Cause, EventKind, Figure};

    fn event(seq: Seq, after: &[Seq]) -> Event {
        Event {
            seq,
            year: 1820,
            kind: EventKind::Shock,
            actors: Vec::new(),
            commitment: None,
            shock: None,
            summary: format!("event number {seq}"),
            causes: Vec::new(),
            after: after.to_vec(),
            figures: Vec::new(),
            threshold: None,
            draw: None,
            attackers: None,
            began: None,
            war: None,
        }
    }

    fn run(events: Vec<Event>) -> Run {
        Run {
            seed: 1,
            variant: None,
            parameters: Vec::new(),
            events,
            panel: Vec::new(),
            system: Vec::new(),
            great_changes: Vec::new(),
        }
    }

    #[test]
    fn causes_are_drawn_per_file_with_the_numbers_and_the_chain() {
        let mut sources = Sources::new();
        let root = sources.add("case.cov", "power Britain {\n  constraint 0.6\n}\n");
        let include = sources.add("inc/norms.cov", "norm non_intervention { strength 0.5 }\n");
        let mut decision = event(3, &[2, 1]);
        decision.kind = EventKind::Stance;
        decision.summary = "Britain opposes intervening in Naples".to_string();
        decision.causes = vec![
            Cause { span: Span::new(root, 18, 32), label: "constraint 0.6 held Britain back".to_string() },
            Cause { span: Span::new(include, 5, 21), label: "the norm, at 0.5".to_string() },
        ];
        decision.figures = vec![Figure { name: "willingness".into(), value: 0.31 }];
        decision.draw = Some(0.54);
        let mut earlier = event(2, &[1]);
        earlier.figures = vec![Figure { name: "support".into(), value: 3.0 }];
        let run = run(vec![event(1, &[]), earlier, decision]);
        let text = render(&run, &sources, 3, DEFAULT_DEPTH, false).expect("event 3 exists");
        assert!(
            text.starts_with("#3 1820 stance: Britain opposes intervening in Naples\n  Decided by a draw of 0.540"),
            "{text}"
        );
        assert!(text.contains("[case.cov:2:3]"), "{text}");
        assert!(text.contains("constraint 0.6 held Britain back"), "{text}");
        assert!(text.contains("also from `inc/norms.cov`"), "{text}");
        assert!(text.contains("[inc/norms.cov:1:6]"), "{text}");
        assert!(text.contains("help: decided by willingness = 0.310, draw = 0.540"), "{text}");
        // The words first, then the chain in the order it happened, then the source.
        let chain = &text[text.find("follows from").expect("a chain")..text.find('☞').expect("the report")];
        let two = chain.find("#2 1820 shock: event number 2").expect("#2 in the chain");
        let one = chain.find("#1 1820 shock: event number 1").expect("#1 in the chain");
        assert!(one < two, "in date order: {chain}");
        assert_eq!(chain.matches("#1 1820").count(), 1, "each event once: {chain}");
        assert!(chain.contains("        support = 3\n"), "{chain}");
        assert!(!text.contains('\u{1b}'), "no colour: {text:?}");
    }

    #[test]
    fn the_chain_is_breadth_first_and_bounded() {
        let mut events = vec![event(1, &[])];
        for seq in 2..=30 {
            events.push(event(seq, &[seq - 1]));
        }
        let run = run(events);
        let (chain, more) = chain(&run, run.event(30).unwrap(), 20);
        assert_eq!(chain, (10..=29).rev().collect::<Vec<_>>());
        assert_eq!(more, 9);
        // The explanation follows three links back unless asked for more.
        let text = render(&run, &Sources::new(), 30, DEFAULT_DEPTH, false).unwrap();
        let listed = |text: &str| (1..30).filter(|s| text.contains(&format!("#{s} 1820"))).collect::<Vec<_>>();
        assert_eq!(listed(&text), vec![27, 28, 29], "{text}");
        assert!(text.contains("… and 1 more one link further back: `--depth 4` shows them"), "{text}");
        let deep = render(&run, &Sources::new(), 30, 1000, false).unwrap();
        assert_eq!(listed(&deep), (1..30).collect::<Vec<_>>(), "{deep}");
        assert!(!deep.contains("further back"), "{deep}");
    }

    #[test]
    fn a_missing_event_names_the_range() {
        let run = run(vec![event(1, &[]), event(2, &[1])]);
        let error = render(&run, &Sources::new(), 5, DEFAULT_DEPTH, false).unwrap_err();
        assert_eq!(error.to_string(), "the run has events #1 to #2; there is no #5");
        assert!(render(&run, &Sources::new(), 0, DEFAULT_DEPTH, false).is_err());
        let empty = super::tests::run(Vec::new());
        assert_eq!(
            render(&empty, &Sources::new(), 1, DEFAULT_DEPTH, false).unwrap_err().to_string(),
            "the run has no events; there is no #1"
        );
    }
}
