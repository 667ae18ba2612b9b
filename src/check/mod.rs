//! Checking a loaded case: names, kinds, ranges and types, yielding a [`Scenario`].
//!
//! The checker never stops at the first problem. Each declaration is
//! checked on its own; a part that cannot be resolved is left out of the
//! scenario and reported, and the checks that depend on it stay quiet, so
//! one typo gives one diagnostic rather than a cascade.

mod declarations;
mod expectations;
mod expr;
mod header;
mod lints;
mod names;
mod shocks;
mod variants;

use indexmap::IndexMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::load::Loaded;
use crate::scenario::{Period, Scenario, Valued};
use crate::source::Span;
use crate::syntax::ast::{self, Item};

use names::Names;

/// What checking a case found.
#[derive(Debug)]
pub struct Checked {
    /// The scenario, when the case has no errors.
    pub scenario: Option<Scenario>,
    /// Every error and every warning not silenced by `allow`, in source order.
    pub diagnostics: Diagnostics,
}

/// Checks a loaded case. Diagnostics from loading and parsing are included.
pub fn check(loaded: &Loaded) -> Checked {
    let items: Vec<&Item> = loaded.files.iter().filter_map(|f| f.tree.as_ref()).flat_map(|t| &t.items).collect();
    let mut checker = Checker::new(&items);
    checker.datasets = loaded.datasets.iter().map(|d| (d.name.clone(), d.table.as_ref().ok().cloned())).collect();
    checker.dataset_problems = loaded
        .datasets
        .iter()
        .filter_map(|d| {
            d.table.as_ref().err().map(|reason| UnreadDataset {
                name: d.name.clone(),
                shown: d.path.display().to_string(),
                declared: d.declared,
                reason: reason.clone(),
            })
        })
        .collect();
    checker.given_only = loaded.datasets.iter().filter(|d| d.declared.is_none()).map(|d| d.name.clone()).collect();
    checker.earlier_errors = loaded.diagnostics.has_errors();
    let root_parsed = loaded.files.first().is_some_and(|f| f.tree.is_some());
    let scenario = checker.scenario(&items, root_parsed, loaded.files.first().map(|f| f.id));
    let mut diagnostics = loaded.diagnostics.clone();
    let follow_on = follow_on(loaded);
    diagnostics.0.extend(checker.diagnostics.into_iter().filter(|d| !follow_on(d)));
    let allowed = lints::allowed(&items, &mut diagnostics);
    diagnostics.0.retain(|d| d.is_error() || !allowed.contains(&d.code));
    diagnostics.sort();
    let scenario = if diagnostics.has_errors() { None } else { scenario };
    Checked { scenario, diagnostics }
}

/// Which of the checker's diagnostics only repeat an error met while loading,
/// so that one mistake gives one diagnostic.
fn follow_on(loaded: &Loaded) -> impl Fn(&Diagnostic) -> bool {
    // A file that could not be read or parsed leaves its declarations out,
    // and every name it declares would be reported unknown.
    let incomplete = loaded.files.iter().any(|f| f.tree.is_none())
        || loaded
            .diagnostics
            .iter()
            .any(|d| matches!(d.code, Code::IncludeNotFound | Code::IncludeOutsideRoot | Code::IncludeUnreadable));
    // A number too large to read stands in the tree as 0; a check of the
    // range or year it is part of would report the 0.
    let unreadable: Vec<Span> =
        loaded.diagnostics.iter().filter(|d| d.code == Code::NumberTooLarge).map(|d| d.primary.span).collect();
    move |d: &Diagnostic| {
        let at = d.primary.span;
        (incomplete && d.code == Code::UnknownName)
            || unreadable.iter().any(|n| n.file == at.file && at.start <= n.start && n.end <= at.end)
    }
}

/// A dataset whose file could not be read.
struct UnreadDataset {
    name: String,
    /// The path as tried.
    shown: String,
    /// Where the case declares it; `None` when only the command line names it.
    declared: Option<Span>,
    reason: crate::load::DataProblem,
}

/// The state of one check: the names declared and the problems found so far.
pub(crate) struct Checker {
    names: Names,
    diagnostics: Vec<Diagnostic>,
    /// The case's period, once the header is read; years are checked against it.
    period: Option<Period>,
    /// The keys of the header's sources, and whether anything cites each.
    sources: IndexMap<String, Span>,
    cited: Vec<bool>,
    /// The datasets the case can draw on, by name; `None` when the file could not be read.
    datasets: Vec<(String, Option<crate::data::NmcTable>)>,
    /// Datasets that could not be read, to report where they are declared.
    dataset_problems: Vec<UnreadDataset>,
    /// The datasets given only on the command line (`--data`), and those the
    /// case's powers draw on (`capability from NAME`).
    given_only: Vec<String>,
    drawn: Vec<String>,
    /// Whether loading or parsing found errors before the check began.
    earlier_errors: bool,
    /// The (power, commitment) pairs some shock makes leave, sorted: joining
    /// one of those again is a return, not a redundant join.
    leaves: Vec<(String, String)>,
    /// Every region the case names, in the order it first names them: the
    /// scenario's [`Scenario::regions`] once the check is done.
    regions: indexmap::IndexSet<String>,
    /// Every name given to or compared with a regime, likewise.
    regimes: indexmap::IndexSet<String>,
    /// How many powers are ever great ([`Scenario::ever_great`]), once an
    /// expectation has asked: each count reads every power, shock and rule.
    ever_great: Option<usize>,
}

/// The datasets the case's powers draw their capability from.
fn drawn(items: &[&Item]) -> Vec<String> {
    let powers = items.iter().filter_map(|item| match item {
        Item::Power(power) => Some(power),
        _ => None,
    });
    powers
        .flat_map(|power| &power.items)
        .filter_map(|item| match &item.node {
            crate::syntax::ast::PowerItem::CapabilityFrom { dataset, .. } => Some(dataset.text.clone()),
            _ => None,
        })
        .collect()
}

/// Every `leave P from C` of a named power in the case's shocks, sorted so
/// that each `join` finds its pair without a scan.
fn leaves(items: &[&Item]) -> Vec<(String, String)> {
    let shocks = items.iter().filter_map(|item| match item {
        Item::Shock(shock) => Some(shock),
        _ => None,
    });
    let mut leaves: Vec<(String, String)> = shocks
        .flat_map(|shock| &shock.items)
        .filter_map(|item| match &item.node {
            crate::syntax::ast::ShockItem::Effect(crate::syntax::ast::Effect::Leave {
                power: crate::syntax::ast::Actor::Named(power),
                commitment,
            }) => Some((power.text.clone(), commitment.text.clone())),
            _ => None,
        })
        .collect();
    leaves.sort_unstable();
    leaves
}

impl Checker {
    /// The region named `name`, numbered the first time the case names it.
    fn region(&mut self, name: &str) -> crate::scenario::RegionId {
        crate::scenario::RegionId(self.regions.insert_full(name.to_string()).0)
    }

    /// The regime named `name`, numbered the first time the case writes it.
    fn regime(&mut self, name: &str) -> crate::scenario::RegimeId {
        crate::scenario::RegimeId(self.regimes.insert_full(name.to_string()).0)
    }

    /// A regime's name, by its number.
    fn regime_name(&self, regime: crate::scenario::RegimeId) -> &str {
        &self.regimes[regime.0]
    }

    /// How many powers are great at some time in a run. Expectations are
    /// checked after every shock and rule and before the variants add
    /// theirs, so one count serves them all.
    fn ever_great(&mut self, scenario: &Scenario) -> usize {
        *self.ever_great.get_or_insert_with(|| scenario.ever_great().len())
    }

    /// A region's name, by its number.
    fn region_name(&self, region: crate::scenario::RegionId) -> &str {
        &self.regions[region.0]
    }

    fn new(items: &[&Item]) -> Checker {
        let mut diagnostics = Vec::new();
        let names = Names::collect(items, &mut diagnostics);
        Checker {
            names,
            diagnostics,
            period: None,
            sources: IndexMap::new(),
            cited: Vec::new(),
            datasets: Vec::new(),
            dataset_problems: Vec::new(),
            given_only: Vec::new(),
            drawn: drawn(items),
            earlier_errors: false,
            leaves: leaves(items),
            regions: indexmap::IndexSet::new(),
            regimes: indexmap::IndexSet::new(),
            ever_great: None,
        }
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Builds the scenario; `None` when something it needs is missing.
    fn scenario(
        &mut self,
        items: &[&Item],
        root_parsed: bool,
        root: Option<crate::source::FileId>,
    ) -> Option<Scenario> {
        let headers: Vec<&ast::Scenario> = items
            .iter()
            .filter_map(|item| match item {
                Item::Scenario(header) => Some(&**header),
                _ => None,
            })
            .collect();
        let header = match headers.first() {
            Some(header) => *header,
            None => {
                if root_parsed {
                    let root = root.expect("a parsed root exists");
                    self.report(Diagnostic::new(
                        Code::MissingScenario,
                        "case has no `scenario` header",
                        Span::new(root, 0, 0),
                        "expected `scenario \"title\" { period … }` in this file",
                        "start the case with `scenario \"Title\" { period 1815..1854 }`; files meant only for `include` are checked through the case that includes them",
                    ));
                }
                None?
            }
        };
        for extra in &headers[1..] {
            self.report(
                Diagnostic::new(
                    Code::DuplicateScenario,
                    "case has more than one `scenario` header",
                    extra.title.span,
                    "second header",
                    "keep one header, in the root case file; included files hold declarations only",
                )
                .with_label(header.title.span, "first header"),
            );
        }
        let (period, seed, sources) = self.header(header);
        self.period = period;
        let mut scenario = Scenario {
            title: Valued::written(header.title.value.clone(), header.title.span),
            period: period.unwrap_or(Period { start: 0, end: 0, span: header.title.span }),
            seed,
            sources,
            powers: Vec::new(),
            relations: Vec::new(),
            norms: Vec::new(),
            commitments: Vec::new(),
            shocks: Vec::new(),
            rules: Vec::new(),
            variants: Vec::new(),
            expectations: Vec::new(),
            parameters: Vec::new(),
            regions: Vec::new(),
            regimes: Vec::new(),
        };
        self.declarations(items, &mut scenario);
        for item in items {
            match item {
                // A shock whose name is taken is reported and left out, so
                // that shock ids index the shocks that own their names.
                Item::Shock(shock) if self.names.owns(&shock.name) => {
                    let checked = self.shock(shock, &scenario);
                    scenario.shocks.push(checked);
                }
                _ => {}
            }
        }
        for item in items {
            if let Item::Rule(rule) = item {
                let checked = self.rule(rule, &scenario);
                scenario.rules.push(checked);
            }
        }
        // Expectations read the whole case: which powers its shocks and
        // rules may make great.
        for item in items {
            if let Item::Expect(expect) = item {
                if let Some(checked) = self.expectation(expect, &scenario) {
                    scenario.expectations.push(checked);
                }
            }
        }
        self.variants(items, &mut scenario);
        scenario.regions = std::mem::take(&mut self.regions).into_iter().collect();
        scenario.regimes = std::mem::take(&mut self.regimes).into_iter().collect();
        // Whole-case lints read the scenario as built; after an error it is
        // missing parts, and they would warn about the gaps the error left.
        if !self.earlier_errors && !self.diagnostics.iter().any(Diagnostic::is_error) {
            lints::run(self, &scenario);
        }
        period.map(|_| scenario)
    }
}
