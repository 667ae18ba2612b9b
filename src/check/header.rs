//! Checking the scenario header: its period, seed, sources and the datasets it reads.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::DataProblem;
use crate::scenario::{Period, Source, Valued};
use crate::syntax::ast;

use super::declarations::Seen;
use super::Checker;

/// The most years a case may run: the engine steps through each, so the
/// limit bounds a run's time and memory.
pub const MAX_PERIOD_YEARS: i64 = 1000;

impl Checker {
    pub(super) fn header(&mut self, header: &ast::Scenario) -> (Option<Period>, Valued<u64>, Vec<Source>) {
        let mut seen = Seen::default();
        let mut period = None;
        let mut seed = Valued::default(0);
        let mut sources: Vec<Source> = Vec::new();
        for item in &header.items {
            match &item.node {
                ast::ScenarioItem::Period(range) => {
                    if !self.first(&mut seen, "period", item.span) {
                        continue;
                    }
                    if range.end.value < range.start.value {
                        self.report(Diagnostic::new(
                            Code::ReversedPeriod,
                            format!("period ends in {} before it starts in {}", range.end.value, range.start.value),
                            range.span,
                            "the end year comes first",
                            format!(
                                "write the earlier year first: `period {}..{}`",
                                range.end.value, range.start.value
                            ),
                        ));
                        continue;
                    }
                    let years = i64::from(range.end.value) - i64::from(range.start.value) + 1;
                    if years > MAX_PERIOD_YEARS {
                        self.report(Diagnostic::new(
                            Code::PeriodTooLong,
                            format!("period of {years} years is longer than the {MAX_PERIOD_YEARS} a case may run"),
                            range.span,
                            "too long",
                            "a run steps through every year of its period; split the history into cases of at most a thousand years",
                        ));
                        continue;
                    }
                    period = Some(Period { start: range.start.value, end: range.end.value, span: range.span });
                }
                ast::ScenarioItem::Seed(number) => {
                    if self.first(&mut seen, "seed", item.span) {
                        // The parser has reported seeds that do not fit.
                        if let Ok(value) = number.raw.parse::<u64>() {
                            seed = Valued::written(value, number.span);
                        }
                    }
                }
                ast::ScenarioItem::Data { dataset, path } => {
                    if !crate::data::DATASETS.contains(&dataset.text.as_str()) {
                        self.report(Diagnostic::new(
                            Code::UnknownDataset,
                            format!("unknown dataset `{}`", dataset.text),
                            dataset.span,
                            "not a dataset Covenant reads",
                            "Covenant reads `nmc`, the Correlates of War National Material Capabilities CSV: `data nmc \"NMC-60-abridged.csv\"`",
                        ));
                        continue;
                    }
                    if !self.first(&mut seen, &format!("data {}", dataset.text), item.span) {
                        continue;
                    }
                    let problem = self.dataset_problems.iter().position(|p| p.declared == Some(dataset.span));
                    if let Some(index) = problem {
                        let super::UnreadDataset { name, shown, reason, .. } = self.dataset_problems.remove(index);
                        self.report(match reason {
                            DataProblem::Unreadable(reason) => Diagnostic::new(
                                Code::DataUnreadable,
                                format!("dataset `{name}` cannot be read from `{shown}`: {reason}"),
                                path.span,
                                "this file",
                                "COW's files are not shipped with Covenant: download National Material Capabilities from correlatesofwar.org and give its path here (relative to this file), or with `--data nmc=PATH`",
                            ),
                            DataProblem::OutsideRoot => Diagnostic::new(
                                Code::DataOutsideRoot,
                                format!("dataset `{name}` is read from `{shown}`, outside the case's folder"),
                                path.span,
                                "this file is outside the root case's directory",
                                format!("give your copy on the command line, `--data {name}=PATH`, move it into the case's folder, or pass `--allow-outside` if you trust the case"),
                            ),
                        });
                    }
                }
                ast::ScenarioItem::Source { key, reference } => {
                    if let Some(first) = sources.iter().find(|s| s.key == key.text) {
                        self.report(
                            Diagnostic::new(
                                Code::DuplicateName,
                                format!("source `{}` is declared twice", key.text),
                                key.span,
                                "second declaration",
                                "give each source its own key, such as `jervis1985a` and `jervis1985b`",
                            )
                            .with_label(first.span, "first declared here"),
                        );
                        continue;
                    }
                    sources.push(Source { key: key.text.clone(), reference: reference.value.clone(), span: key.span });
                }
            }
        }
        // A dataset given on the command line that no power draws on is
        // idle, whether or not its file could be read: a warning, at the title.
        for name in std::mem::take(&mut self.given_only) {
            if self.drawn.contains(&name) {
                continue;
            }
            self.report(Diagnostic::new(
                Code::UnusedDataset,
                format!("dataset `{name}` is given with `--data`, but no power draws on it"),
                header.title.span,
                "this case",
                format!(
                    "drop `--data {name}=…`, or draw a power's capability from it: `capability from {name} \"UKG\"`"
                ),
            ));
            self.dataset_problems.retain(|p| p.declared.is_some() || p.name != name);
        }
        // Datasets named only on the command line have no place in the case to point at.
        for super::UnreadDataset { name, shown, declared, reason } in std::mem::take(&mut self.dataset_problems) {
            if declared.is_some() {
                continue;
            }
            // Only a path the case names can be outside its folder.
            let DataProblem::Unreadable(reason) = reason else { continue };
            self.report(Diagnostic::new(
                Code::DataUnreadable,
                format!("dataset `{name}` cannot be read from `{shown}`: {reason}"),
                header.title.span,
                "given on the command line for this case",
                "check the path given with `--data`; COW's files are downloaded from correlatesofwar.org",
            ));
        }
        if period.is_none() && !seen.has("period") {
            self.report(Diagnostic::new(
                Code::MissingAttribute,
                "scenario has no `period`",
                header.title.span,
                "this scenario needs a period",
                "add the years the case runs, both included: `period 1815..1854`",
            ));
        }
        self.sources = sources.iter().map(|s| (s.key.clone(), s.span)).collect();
        self.cited = vec![false; sources.len()];
        (period, seed, sources)
    }
}
