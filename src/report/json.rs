//! The outcome log as JSON Lines: a header line with the run's provenance, then one line per event.
//!
//! The shape is documented field by field in `docs/log.schema.json`. Numbers
//! are written by `serde_json`, whose shortest round-trip formatting of `f64`
//! is the same on every platform, so a log is reproducible byte for byte.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use sha2::{Digest, Sha256};

use std::io;

use super::log::{write_run, LogWriter, Opening, Provenance, Year};
use crate::engine::Run;
use crate::log::{Event, Figure, PanelRow, SystemRow};
use crate::model::PARAMETERS;
use crate::scenario::Scenario;
use crate::source::{FileId, Sources, Span};

/// The longest excerpt of source text a cause carries, in characters.
pub const EXCERPT_CHARS: usize = 120;

/// Renders a whole run: the header line, then one line per event, each ending in a newline.
pub fn render(scenario: &Scenario, run: &Run, sources: &Sources) -> String {
    let mut out = Vec::new();
    write_run(scenario, run, &mut JsonLog { scenario, sources }, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is text")
}

/// The JSON Lines log, written a year at a time: the header line, then each
/// year's events and the state at its end.
pub struct JsonLog<'s> {
    pub scenario: &'s Scenario,
    pub sources: &'s Sources,
}

impl LogWriter for JsonLog<'_> {
    fn open(&mut self, out: &mut dyn io::Write, opening: &Opening) -> io::Result<()> {
        writeln!(out, "{}", header(self.scenario, opening.seed, opening.variant, opening.parameters, self.sources))
    }

    fn year(&mut self, out: &mut dyn io::Write, year: &Year) -> io::Result<()> {
        for event in year.events {
            writeln!(out, "{}", event_line(self.scenario, event, self.sources))?;
        }
        match year.system {
            Some(system) => writeln!(out, "{}", state_line(self.scenario, year.panel, system)),
            None => Ok(()),
        }
    }

    fn close(&mut self, _: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }
}

/// The state at the end of one year as a line of JSON (without a newline):
/// war memory, every norm's strength, every commitment's standing, and
/// every power's capability, trust and whether it was at war.
pub fn state_line(scenario: &Scenario, panel: &[PanelRow], system: &SystemRow) -> String {
    let norms: Vec<(&str, f64)> = system.norms.iter().map(|(n, s)| (scenario.norms[n.0].name.as_str(), *s)).collect();
    let commitments: serde_json::Map<String, serde_json::Value> = system
        .commitments
        .iter()
        .map(|s| {
            let value = serde_json::json!({ "cohesion": s.cohesion, "credibility": s.credibility, "alive": s.alive });
            (scenario.commitments[s.commitment.0].name.clone(), value)
        })
        .collect();
    let powers: serde_json::Map<String, serde_json::Value> = panel
        .iter()
        .filter(|row| row.year == system.year)
        .map(|row| {
            let value = serde_json::json!({ "capability": row.capability, "trust": row.trust, "at_war": row.at_war });
            (scenario.powers[row.power.0].name.clone(), value)
        })
        .collect();
    let line =
        StateLine { state: system.year, war_memory: system.war_memory, norms: Ordered(&norms), commitments, powers };
    serde_json::to_string(&line).expect("a state serializes")
}

/// One year's closing state.
#[derive(Serialize)]
struct StateLine<'a> {
    state: i32,
    war_memory: f64,
    norms: Ordered<'a>,
    commitments: serde_json::Map<String, serde_json::Value>,
    powers: serde_json::Map<String, serde_json::Value>,
}

/// The header line (without a newline): tool version, case, hash, variant,
/// seed, period, model parameters, and the powers, norms and commitments.
pub fn header(scenario: &Scenario, seed: u64, variant: Option<&str>, parameters: &[f64], sources: &Sources) -> String {
    let parameters: Vec<(&str, f64)> = PARAMETERS.iter().zip(parameters).map(|(p, v)| (p.name, *v)).collect();
    let Provenance { covenant, case, case_hash } = Provenance::of(sources);
    let header = Header {
        covenant,
        case,
        case_hash,
        title: &scenario.title.value,
        variant,
        seed,
        period: [scenario.period.start, scenario.period.end],
        parameters: Ordered(&parameters),
        powers: scenario.powers.iter().enumerate().map(|(id, p)| Named { id, name: &p.name }).collect(),
        norms: scenario.norms.iter().enumerate().map(|(id, n)| Named { id, name: &n.name }).collect(),
        commitments: scenario.commitments.iter().enumerate().map(|(id, c)| Named { id, name: &c.name }).collect(),
    };
    serde_json::to_string(&header).expect("a header serializes")
}

/// One event as a line of JSON (without a newline).
pub fn event_line(scenario: &Scenario, event: &Event, sources: &Sources) -> String {
    let figures = unique_figures(&event.figures);
    let line = EventLine {
        seq: event.seq,
        year: event.year,
        kind: event.kind.word(),
        actors: event.actors.iter().map(|p| scenario.powers[p.0].name.as_str()).collect(),
        commitment: event.commitment.map(|c| scenario.commitments[c.0].name.as_str()),
        summary: &event.summary,
        causes: event.causes.iter().map(|c| CauseLine::new(c.span, &c.label, sources)).collect(),
        after: &event.after,
        figures: Ordered(&figures),
        threshold: event.threshold,
        draw: event.draw,
        attackers: event.attackers,
        began: event.began,
        war: event.war,
    };
    serde_json::to_string(&line).expect("an event serializes")
}

/// The SHA-256 of every file of the case, in load order, as `sha256:<hex>`.
///
/// Each file contributes its path relative to the root file's folder, then
/// its text, each preceded by its length in bytes as a little-endian `u64`,
/// so no two different cases hash the same input. Relative paths keep the
/// hash independent of the directory the case was run from.
pub fn case_hash(sources: &Sources) -> String {
    let root = sources.file(FileId(0)).path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let mut hasher = Sha256::new();
    for (_, file) in sources.iter() {
        let relative = file.path.strip_prefix(&root).unwrap_or(&file.path);
        let name: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let name = name.join("/");
        for part in [name.as_bytes(), file.text.as_bytes()] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The first line of the text a span covers, trimmed, cut to [`EXCERPT_CHARS`]
/// characters (the last one an ellipsis when cut).
pub fn excerpt(span: Span, sources: &Sources) -> String {
    let text = sources.slice(span);
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= EXCERPT_CHARS {
        return line.to_string();
    }
    let mut cut: String = line.chars().take(EXCERPT_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Figures with each name once: a name the engine recorded twice (a rule's
/// condition reading the same quantity twice) keeps its first value, so the
/// JSON object has no duplicate keys.
fn unique_figures(figures: &[Figure]) -> Vec<(&str, f64)> {
    let mut unique: Vec<(&str, f64)> = Vec::with_capacity(figures.len());
    for figure in figures {
        if !unique.iter().any(|(name, _)| *name == figure.name) {
            unique.push((&figure.name, figure.value));
        }
    }
    unique
}

#[derive(Serialize)]
struct Header<'a> {
    covenant: &'static str,
    case: String,
    case_hash: String,
    title: &'a str,
    variant: Option<&'a str>,
    seed: u64,
    period: [i32; 2],
    parameters: Ordered<'a>,
    powers: Vec<Named<'a>>,
    norms: Vec<Named<'a>>,
    commitments: Vec<Named<'a>>,
}

#[derive(Serialize)]
struct Named<'a> {
    id: usize,
    name: &'a str,
}

#[derive(Serialize)]
struct EventLine<'a> {
    seq: usize,
    year: i32,
    kind: &'static str,
    actors: Vec<&'a str>,
    commitment: Option<&'a str>,
    summary: &'a str,
    causes: Vec<CauseLine<'a>>,
    after: &'a [usize],
    figures: Ordered<'a>,
    threshold: Option<f64>,
    draw: Option<f64>,
    /// Only on a war's end or its going on.
    #[serde(skip_serializing_if = "Option::is_none")]
    attackers: Option<usize>,
    /// Only on a war's end or its going on: the year the war began.
    #[serde(skip_serializing_if = "Option::is_none")]
    began: Option<i32>,
    /// Only on a war's end or its going on: the strike that began the war.
    #[serde(skip_serializing_if = "Option::is_none")]
    war: Option<usize>,
}

#[derive(Serialize)]
struct CauseLine<'a> {
    file: String,
    line: usize,
    column: usize,
    /// Byte offsets into the file, end exclusive.
    start: u32,
    end: u32,
    text: String,
    label: &'a str,
}

impl<'a> CauseLine<'a> {
    fn new(span: Span, label: &'a str, sources: &Sources) -> CauseLine<'a> {
        let (line, column) = sources.line_column(span.file, span.start);
        CauseLine {
            file: sources.file(span.file).path.display().to_string(),
            line,
            column,
            start: span.start,
            end: span.end,
            text: excerpt(span, sources),
            label,
        }
    }
}

/// Names and numbers as a JSON object that keeps their order (serde_json's
/// own map sorts its keys).
struct Ordered<'a>(&'a [(&'a str, f64)]);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(files: &[(&str, &str)]) -> Sources {
        let mut sources = Sources::new();
        for (path, text) in files {
            sources.add(*path, *text);
        }
        sources
    }

    #[test]
    fn the_hash_separates_files_unambiguously() {
        let one = sources(&[("case.cov", "ab"), ("inc.cov", "c")]);
        let other = sources(&[("case.cov", "a"), ("inc.cov", "bc")]);
        assert_ne!(case_hash(&one), case_hash(&other));
        assert!(case_hash(&one).starts_with("sha256:"));
        assert_eq!(case_hash(&one).len(), "sha256:".len() + 64);
    }

    #[test]
    fn the_hash_does_not_depend_on_the_folder_the_case_was_run_from() {
        let here = sources(&[("case.cov", "x"), ("inc/a.cov", "y")]);
        let there = sources(&[("cases/case.cov", "x"), ("cases/inc/a.cov", "y")]);
        assert_eq!(case_hash(&here), case_hash(&there));
        let renamed = sources(&[("case.cov", "x"), ("inc/b.cov", "y")]);
        assert_ne!(case_hash(&here), case_hash(&renamed));
    }

    #[test]
    fn an_excerpt_is_the_first_line_trimmed_and_cut() {
        let text = format!("  power Britain {{\n  capability 0.3\n}}\n{}", "é".repeat(200));
        let s = sources(&[("case.cov", &text)]);
        let file = FileId(0);
        assert_eq!(excerpt(Span::new(file, 0, 30), &s), "power Britain {");
        let start = text.find('é').unwrap();
        let long = excerpt(Span::new(file, start, text.len()), &s);
        assert_eq!(long.chars().count(), EXCERPT_CHARS);
        assert!(long.ends_with('…'));
        assert_eq!(excerpt(Span::new(file, 3, 3), &s), "");
    }

    #[test]
    fn figures_keep_their_order_and_each_name_once() {
        let figures = [
            Figure { name: "willingness".into(), value: 0.5 },
            Figure { name: "cost".into(), value: 0.25 },
            Figure { name: "willingness".into(), value: 0.5 },
        ];
        let unique = unique_figures(&figures);
        assert_eq!(serde_json::to_string(&Ordered(&unique)).unwrap(), r#"{"willingness":0.5,"cost":0.25}"#);
    }
}
