//! The outcome log as text: grouped by year, aligned, readable aloud, with a closing summary.

use std::fmt::Write;
use std::io;

use anstyle::{AnsiColor, Style};

use super::log::{write_run, LogWriter, Opening, Provenance, Year};
use super::visible;
use crate::engine::{is_great, Run};
use crate::log::{Event, EventKind, SystemRow};
use crate::model::PARAMETERS;
use crate::scenario::{PowerId, Scenario};
use crate::source::Sources;

/// Renders a whole run of the case loaded as `sources` as text.
pub fn render(scenario: &Scenario, run: &Run, sources: &Sources) -> String {
    let mut out = Vec::new();
    write_run(scenario, run, &mut TextLog::new(scenario, sources), &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the log is text")
}

/// The text log, written a year at a time: the header, each year's events
/// under the year, and a closing summary. Everything a case wrote goes
/// through [`visible`], so no string of it acts on the terminal.
pub struct TextLog<'s> {
    scenario: &'s Scenario,
    /// The version, case and hash the header names.
    provenance: Provenance,
    /// Whether each decision is followed by its `why:` line (`run --step`).
    explained: bool,
    /// Whether the header lists every model parameter, not only those the case changed.
    verbose: bool,
    /// Event numbers are padded to the width of the run's last.
    width: usize,
    variant: Option<String>,
    /// Each war once, as the summary lists it: by its end, or, still going
    /// on when the period ends, by its last year.
    wars: Vec<String>,
    peaceful: usize,
    last: Option<SystemRow>,
    /// Each commitment's dissolution: its year, its number, and what wore it down.
    dissolved: Vec<Option<(i32, usize, Vec<usize>)>>,
    /// Whether the title, the years and the kinds of event are coloured, for a terminal.
    colour: bool,
    /// The columns an event's line is wrapped within, for a terminal; `None`: not wrapped.
    columns: Option<usize>,
}

/// The narrowest an event's words are wrapped to, however narrow the terminal.
const NARROWEST: usize = 24;

impl<'s> TextLog<'s> {
    /// The log of a run of `scenario`, the case loaded as `sources`.
    pub fn new(scenario: &'s Scenario, sources: &Sources) -> TextLog<'s> {
        TextLog {
            scenario,
            provenance: Provenance::of(sources),
            explained: false,
            verbose: false,
            width: 1,
            variant: None,
            wars: Vec::new(),
            peaceful: 0,
            last: None,
            dissolved: vec![None; scenario.commitments.len()],
            colour: false,
            columns: None,
        }
    }

    /// The log with each event's words (and its `why:` line) wrapped
    /// within `columns`, under the column where they begin, as on a
    /// terminal that wide. The words are the same.
    pub fn within(self, columns: usize) -> Self {
        TextLog { columns: Some(columns), ..self }
    }

    /// Each line of `text` wrapped within the log's columns, what overflows
    /// indented two beyond the line's own indentation: the header and the
    /// closing summary.
    fn wrap_lines(&self, text: &str) -> String {
        let Some(columns) = self.columns else { return text.to_string() };
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            let (line, end) = line.strip_suffix('\n').map_or((line, ""), |l| (l, "\n"));
            if textwrap::core::display_width(line) <= columns {
                out.push_str(line);
            } else {
                let leading = line.len() - line.trim_start_matches(' ').len();
                let indent = " ".repeat(leading + 2);
                let options = at_spaces(columns.max(NARROWEST)).subsequent_indent(&indent);
                out.push_str(&textwrap::wrap(line, options).join("\n"));
            }
            out.push_str(end);
        }
        out
    }

    /// `text`, begun `indent` columns in, wrapped within the log's columns,
    /// each line after the first indented to where it began.
    fn wrap(&self, text: &str, indent: usize) -> String {
        let Some(columns) = self.columns else { return text.to_string() };
        let room = columns.saturating_sub(indent).max(NARROWEST);
        if textwrap::core::display_width(text) <= room {
            return text.to_string();
        }
        textwrap::wrap(text, at_spaces(room)).join(&format!("\n{}", " ".repeat(indent)))
    }

    /// The log coloured for a terminal: the title and the years in bold,
    /// wars in red, defections and dissolutions in yellow, shocks in
    /// magenta, event numbers dimmed. The words are the same.
    pub fn coloured(self) -> Self {
        TextLog { colour: true, ..self }
    }

    /// `text` in `style` when the log is coloured.
    fn paint(&self, style: Style, text: &str) -> String {
        if self.colour {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    /// A log whose decisions each say the numbers behind them, for `run --step`.
    pub fn explained(scenario: &'s Scenario, sources: &Sources) -> TextLog<'s> {
        TextLog { explained: true, ..TextLog::new(scenario, sources) }
    }

    /// The log with every model parameter in its header (`run --verbose`).
    pub fn verbose(self) -> Self {
        TextLog { verbose: true, ..self }
    }
}

impl LogWriter for TextLog<'_> {
    /// The opening lines: the title; the variant and seed; the version, the
    /// case and its hash; and the model's parameters.
    fn open(&mut self, out: &mut dyn io::Write, opening: &Opening) -> io::Result<()> {
        self.width = opening.events.to_string().len();
        self.variant = opening.variant.map(str::to_string);
        let scenario = self.scenario;
        let mut w = String::new();
        let title = self.paint(Style::new().bold(), &visible(&scenario.title.value));
        let mut rest = String::new();
        let _ = writeln!(
            rest,
            "variant {}, seed {}, period {}..{}",
            opening.variant.unwrap_or("base"),
            opening.seed,
            scenario.period.start,
            scenario.period.end
        );
        rest.push_str(&provenance_line(&self.provenance));
        rest.push_str(&render_parameters(opening.parameters, self.verbose));
        let _ = writeln!(w, "{title}");
        w.push_str(&self.wrap_lines(&visible(&rest)));
        out.write_all(w.as_bytes())
    }

    /// One year's events after a blank line and the year; nothing for a year without events.
    fn year(&mut self, out: &mut dyn io::Write, year: &Year) -> io::Result<()> {
        let scenario = self.scenario;
        if !year.events.is_empty() {
            writeln!(out, "\n{}", self.paint(Style::new().bold(), &year.year.to_string()))?;
        }
        let width = self.width;
        for event in year.events {
            let (number, word) = (format!("#{:<width$}", event.seq), format!("{:<12}", event.kind.word()));
            // `  #12  balancing     ` comes before the words: the number, the kind, and spaces.
            let indent = 2 + number.chars().count() + 2 + word.chars().count() + 2;
            let (seq, kind) = (self.paint(Style::new().dimmed(), &number), self.paint(kind_style(event.kind), &word));
            let line = format!("  {seq}  {kind}  {}\n", self.wrap(&visible(&event.summary), indent));
            out.write_all(line.as_bytes())?;
            if let Some(why) = self.explained.then(|| why(event)).flatten() {
                writeln!(out, "    why: {}", self.wrap(&visible(&why), "    why: ".len()))?;
            }
            if event.kind == EventKind::WarEnd
                || event.kind == EventKind::WarGoesOn && event.year == scenario.period.end
            {
                self.wars.push(war(scenario, event));
            }
            if event.kind == EventKind::Dissolved {
                if let Some(slot) = event.commitment.and_then(|c| self.dissolved.get_mut(c.0)) {
                    slot.get_or_insert_with(|| (event.year, event.seq, event.after.clone()));
                }
            }
        }
        if !year.panel.iter().any(|row| row.at_war && is_great(scenario, year.great_changes, row.power, row.year)) {
            self.peaceful += 1;
        }
        if let Some(system) = year.system {
            self.last = Some(system.clone());
        }
        Ok(())
    }

    /// The closing summary: wars, years of peace among the great powers, norms and commitments at the end.
    fn close(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        let mut w = String::new();
        self.summary(&mut w);
        // A newcomer's first run should not read as the model's verdict.
        let _ = writeln!(
            w,
            "\nThis is one run, one draw of the dice: `covenant test` runs the case over many seeds\n\
             and says how often it reproduces the record; `run --runs N` gives the frequencies."
        );
        out.write_all(self.wrap_lines(&visible(&w)).as_bytes())
    }
}

/// The header's line naming what wrote the log and from which case:
/// `covenant 0.1.0, case examples/classroom.cov, sha256:41eb1bfc2c0a2425`.
pub(crate) fn provenance_line(provenance: &Provenance) -> String {
    let Provenance { covenant, case, case_hash } = provenance;
    format!("covenant {covenant}, case {case}, {}\n", short_hash(case_hash))
}

/// The case's hash as a reader compares it: `sha256:` and its first 16 hex
/// digits (64 bits, as unlikely to collide between two cases as the whole),
/// short enough that the header keeps within the narrowest `--width`. The
/// JSON header and the CSV tables carry it whole.
fn short_hash(hash: &str) -> &str {
    hash.get(.."sha256:".len() + 16).unwrap_or(hash)
}

/// Wrapping within `columns` at spaces only: a name, a number, a quoted
/// line or a date range (`October–December`) is never broken, and a word
/// too long for the line stays whole on its own.
fn at_spaces(columns: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(columns)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
}

/// How a kind of event is coloured: wars red, breaches yellow, shocks magenta.
fn kind_style(kind: EventKind) -> Style {
    let colour = match kind {
        EventKind::War | EventKind::WarEnd | EventKind::WarGoesOn | EventKind::Pressed => AnsiColor::Red,
        EventKind::Defection | EventKind::Dissolved | EventKind::Yielded => AnsiColor::Yellow,
        EventKind::Shock | EventKind::Revolution => AnsiColor::Magenta,
        EventKind::Deterred | EventKind::Settled | EventKind::Suppressed => AnsiColor::Green,
        _ => return Style::new(),
    };
    Style::new().fg_color(Some(colour.into()))
}

/// A war as the summary lists it: its years and its two sides.
fn war(scenario: &Scenario, e: &Event) -> String {
    let (began, year) = e.war_years().unwrap_or((e.year, e.year));
    let years = match (e.kind, began == year) {
        (EventKind::WarGoesOn, _) => format!("{began}–"),
        (_, true) => format!("{year}"),
        (_, false) => format!("{began}–{year}"),
    };
    let names = |powers: &[PowerId]| -> String {
        powers.iter().map(|p| scenario.powers[p.0].name.as_str()).collect::<Vec<_>>().join(", ")
    };
    match e.sides() {
        (attackers, defenders) if !defenders.is_empty() => {
            format!("{years} {} against {}", names(attackers), names(defenders))
        }
        (attackers, _) => format!("{years} {}", names(attackers)),
    }
}

/// The `model:` lines of a header, wrapped: the parameters whose values
/// differ from the defaults, or with `all` every parameter. A reader sees
/// what this case changed; `--verbose` and the JSON log give the rest.
pub fn render_parameters(values: &[f64], all: bool) -> String {
    let mut out = String::new();
    let parameters: Vec<String> = PARAMETERS
        .iter()
        .zip(values)
        .filter(|(spec, value)| all || **value != spec.default)
        .map(|(spec, value)| format!("{} {}", spec.name, value))
        .collect();
    if parameters.is_empty() {
        let _ = writeln!(out, "model: the defaults (docs/model.md; --verbose lists them)");
        return out;
    }
    // Wrapped so the header reads on a classroom screen.
    let mut line = String::from(if all { "model:" } else { "model, where it differs from the defaults:" });
    for (i, parameter) in parameters.iter().enumerate() {
        let piece = if i + 1 < parameters.len() { format!(" {parameter},") } else { format!(" {parameter}") };
        if line.len() + piece.len() > 88 {
            let _ = writeln!(out, "{line}");
            line = String::from("      ");
        }
        line.push_str(&piece);
    }
    let _ = writeln!(out, "{line}");
    out
}

/// The words under a decision in `run --step`: what decided it, as
/// `explain` says it (`a draw of 0.54 against a threshold of 0.31 (its
/// willingness): the draw was above the threshold`); for figures held
/// against a threshold with no draw, the first three of them before it;
/// for an event with figures and neither, those three alone.
pub fn why(event: &Event) -> Option<String> {
    let figures: Vec<String> =
        event.figures.iter().take(3).map(|f| format!("{} {}", f.name, number(f.value, 2))).collect();
    match super::explain::what_decided(event, 2) {
        Some(words) if event.draw.is_none() && !figures.is_empty() => {
            Some(format!("{} held against {words}", figures.join(", ")))
        }
        Some(words) => Some(words),
        None => (!figures.is_empty()).then(|| figures.join(", ")),
    }
}

/// A recorded number as a reader says it: a whole number as such (counts,
/// yes-or-no flags), anything else with this many decimals.
pub(crate) fn number(value: f64, decimals: usize) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        // `+ 0.0` turns a negative zero into zero.
        format!("{}", value + 0.0)
    } else {
        format!("{value:.decimals$}")
    }
}

impl TextLog<'_> {
    fn summary(&self, w: &mut String) {
        let scenario = self.scenario;
        let _ = writeln!(w, "\nSummary");
        let wars = &self.wars;
        let _ = writeln!(
            w,
            "  wars: {}{}",
            wars.len(),
            if wars.is_empty() { String::new() } else { format!(" ({})", wars.join("; ")) }
        );
        let _ = writeln!(w, "  years without a great power at war: {} of {}", self.peaceful, scenario.period.years());
        let Some(last) = &self.last else { return };
        let norms: Vec<String> =
            last.norms.iter().map(|(n, s)| format!("{} {s:.2}", scenario.norms[n.0].name)).collect();
        if !norms.is_empty() {
            let _ = writeln!(w, "  norms at the end: {}", norms.join(", "));
        }
        for standing in &last.commitments {
            let (c, cohesion, credibility) = (&standing.commitment, standing.cohesion, standing.credibility);
            let name = &scenario.commitments[c.0].name;
            if standing.alive {
                let _ = writeln!(w, "  `{name}` is alive: cohesion {cohesion:.2}, credibility {credibility:.2}");
                continue;
            }
            match &self.dissolved[c.0] {
                Some((year, seq, after)) if !after.is_empty() => {
                    let after: Vec<String> = after.iter().map(|s| format!("#{s}")).collect();
                    let _ = writeln!(w, "  `{name}` dissolved in {year} (#{seq}), worn down by {}", after.join(", "));
                }
                Some((year, seq, _)) => {
                    let _ = writeln!(w, "  `{name}` dissolved in {year} (#{seq})");
                }
                None => {
                    let removed = scenario
                        .variants
                        .iter()
                        .filter(|v| self.variant.as_deref() == Some(v.name.as_str()))
                        .any(|v| v.removed_commitments.iter().any(|r| r.value == *c));
                    let formed = scenario.commitments[c.0].formed.as_ref().map(|f| f.value);
                    if removed {
                        let _ = writeln!(w, "  `{name}` does not exist in this variant");
                    } else if formed.is_some_and(|year| year > scenario.period.end) {
                        let _ = writeln!(w, "  `{name}` was never formed");
                    } else {
                        let _ = writeln!(w, "  `{name}` dissolved");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::Figure;

    fn event(figures: &[(&str, f64)], threshold: Option<f64>, draw: Option<f64>) -> Event {
        Event {
            seq: 1,
            year: 1820,
            kind: EventKind::Stance,
            actors: Vec::new(),
            commitment: None,
            shock: None,
            summary: String::new(),
            causes: Vec::new(),
            after: Vec::new(),
            figures: figures
                .iter()
                .map(|(name, value)| Figure { name: name.to_string().into(), value: *value })
                .collect(),
            threshold,
            draw,
            attackers: None,
            began: None,
            war: None,
        }
    }

    #[test]
    fn why_says_the_draw_against_the_threshold_in_words() {
        let e = event(&[("affinity", 0.8), ("willingness", 0.3125)], Some(0.3125), Some(0.54));
        assert_eq!(
            why(&e).as_deref(),
            Some("a draw of 0.54 against a threshold of 0.31 (its willingness): the draw was above the threshold")
        );
    }

    #[test]
    fn why_falls_back_to_the_first_three_figures() {
        let e = event(&[("a", 0.5), ("b", 2.0), ("c", 0.126), ("d", 1.0)], Some(0.7), None);
        assert_eq!(why(&e).as_deref(), Some("a 0.50, b 2, c 0.13 held against a threshold of 0.70"));
        let e = event(&[("before", 0.8), ("after", 0.65)], None, None);
        assert_eq!(why(&e).as_deref(), Some("before 0.80, after 0.65"));
        assert_eq!(why(&event(&[], Some(0.5), None)).as_deref(), Some("a threshold of 0.50"));
        assert_eq!(why(&event(&[], None, Some(0.25))).as_deref(), Some("a draw of 0.25"));
        assert_eq!(why(&event(&[], None, None)), None);
    }

    #[test]
    fn the_header_shows_the_hash_s_first_sixteen_digits() {
        let hash = format!("sha256:{}", "0123456789abcdef".repeat(4));
        assert_eq!(short_hash(&hash), "sha256:0123456789abcdef");
        assert_eq!(short_hash("sha256:12"), "sha256:12");
    }

    #[test]
    fn whole_numbers_print_without_decimals() {
        assert_eq!(number(3.0, 2), "3");
        assert_eq!(number(-0.0, 2), "0");
        assert_eq!(number(0.5, 3), "0.500");
    }
}
