//! Checking the declarations: powers, relations, norms, commitments and model blocks.

use std::collections::HashMap;

use crate::diagnostic::{did_you_mean, Code, Diagnostic};
use crate::model;
use crate::scenario::{
    Citation, Commitment, DecisionRule, Interest, Norm, NormId, ParameterSetting, Power, PowerId, Relation, Scenario,
    Valued, EFFECTIVENESS_MAX,
};
use crate::source::Span;
use crate::syntax::ast::{self, Ident, Item, Number};

use super::names::Kind;
use super::Checker;

/// Two powers in a fixed order: a relation is one figure per pair.
fn pair(a: PowerId, b: PowerId) -> (PowerId, PowerId) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

/// The attributes already given in one declaration, to catch repeats: a
/// list while they are few, as nearly always, and a map for the rest, since
/// a commitment may protect thousands of powers.
#[derive(Default)]
pub(super) struct Seen {
    few: Vec<(String, Span)>,
    rest: HashMap<String, Span>,
}

/// How many attributes [`Seen`] keeps in its list before its map.
const FEW: usize = 16;

impl Checker {
    pub(super) fn declarations(&mut self, items: &[&Item], scenario: &mut Scenario) {
        for item in items {
            match item {
                Item::Power(power) if self.names.owns(&power.name) => {
                    let checked = self.power(power);
                    scenario.powers.push(checked);
                }
                Item::Norm(norm) if self.names.owns(&norm.name) => {
                    let checked = self.norm(norm);
                    scenario.norms.push(checked);
                }
                _ => {}
            }
        }
        let mut relation_pairs = HashMap::new();
        for item in items {
            match item {
                Item::Commitment(commitment) if self.names.owns(&commitment.name) => {
                    let checked = self.commitment(commitment);
                    if let Some(formed) =
                        checked.formed.as_ref().filter(|f| self.period.is_some_and(|p| f.value > p.end))
                    {
                        self.report(
                            Diagnostic::new(
                                Code::InertCommitment,
                                format!(
                                    "`{}` is formed in {}, after the period ends in {}, so it never acts",
                                    commitment.name.text, formed.value, scenario.period.end
                                ),
                                formed.span.unwrap_or(commitment.name.span),
                                "after the period",
                                "form it within the period, or widen the period",
                            )
                            .with_label(scenario.period.span, "the case's period"),
                        );
                    }
                    scenario.commitments.push(checked);
                }
                Item::Relation(relation) => {
                    if let Some(checked) = self.relation(relation, &scenario.relations, &relation_pairs) {
                        relation_pairs.insert(pair(checked.first, checked.second), scenario.relations.len());
                        scenario.relations.push(checked);
                    }
                }
                Item::Model(block) => self.model_block(block, &mut scenario.parameters),
                _ => {}
            }
        }
    }

    fn power(&mut self, power: &ast::Power) -> Power {
        let mut seen = Seen::default();
        let mut checked = Power {
            name: power.name.text.clone(),
            span: power.name.span,
            capability: Valued::default(0.0),
            capability_series: None,
            stance: Valued::default(0.0),
            constraint: Valued::default(0.0),
            destructive: Valued::default(0.0),
            effectiveness: Valued::default(1.0),
            regime: None,
            interests: Vec::new(),
            great: None,
            cites: Vec::new(),
        };
        for item in &power.items {
            match &item.node {
                ast::PowerItem::Capability(n) => {
                    if self.first(&mut seen, "capability", item.span) {
                        checked.capability = Valued::written(self.share(n, "capability"), n.span);
                    }
                }
                ast::PowerItem::CapabilityFrom { dataset, code } => {
                    if self.first(&mut seen, "capability", item.span) {
                        if let Some((start, series)) = self.capability_from(dataset, code) {
                            checked.capability = Valued::written(start, item.span);
                            checked.capability_series = Some(series);
                        }
                    }
                }
                ast::PowerItem::Stance(stance) => {
                    if self.first(&mut seen, "stance", item.span) {
                        let value = match stance {
                            ast::Stance::StatusQuo => 0.0,
                            ast::Stance::Revisionist => 1.0,
                            ast::Stance::Level(n) => self.share(n, "stance"),
                        };
                        checked.stance = Valued::written(value, item.span);
                    }
                }
                ast::PowerItem::Regime(regime) => {
                    if self.first(&mut seen, "regime", item.span) {
                        checked.regime = Some(Valued::written(self.regime(&regime.text), regime.span));
                    }
                }
                ast::PowerItem::Constraint(n) => {
                    if self.first(&mut seen, "constraint", item.span) {
                        checked.constraint = Valued::written(self.share(n, "constraint"), n.span);
                    }
                }
                ast::PowerItem::Destructive(n) => {
                    if self.first(&mut seen, "destructive", item.span) {
                        checked.destructive = Valued::written(self.share(n, "destructive capacity"), n.span);
                    }
                }
                ast::PowerItem::Effectiveness(n) => {
                    if self.first(&mut seen, "effectiveness", item.span) {
                        checked.effectiveness = Valued::written(self.effectiveness(n), n.span);
                    }
                }
                ast::PowerItem::Interest { region, salience } => {
                    if self.first(&mut seen, &format!("interest {}", region.text), item.span) {
                        let salience = self.share(salience, "interest salience");
                        let region = self.region(&region.text);
                        checked.interests.push(Interest { region, salience, span: item.span });
                    }
                }
                ast::PowerItem::Great => {
                    if self.first(&mut seen, "great", item.span) {
                        checked.great = Some(item.span);
                    }
                }
                ast::PowerItem::Cite(cite) => checked.cites.push(self.cite(cite, item.span)),
            }
        }
        if !seen.has("capability") {
            self.missing(&power.name, "power", "capability", "capability 0.1");
        }
        checked
    }

    /// `pairs` finds an earlier relation of the same two powers without a
    /// scan: a case may declare tens of thousands of relations.
    fn relation(
        &mut self,
        relation: &ast::Relation,
        earlier: &[Relation],
        pairs: &HashMap<(PowerId, PowerId), usize>,
    ) -> Option<Relation> {
        let first = self.power_ref(&relation.first);
        let second = self.power_ref(&relation.second);
        let mut seen = Seen::default();
        let mut trust = None;
        for item in &relation.items {
            match &item.node {
                ast::RelationItem::Trust(n) => {
                    if self.first(&mut seen, "trust", item.span) {
                        trust = Some(Valued::written(self.share(n, "trust"), n.span));
                    }
                }
                ast::RelationItem::Cite(cite) => {
                    self.cite(cite, item.span);
                }
            }
        }
        let (first, second) = (first?, second?);
        if first == second {
            self.report(Diagnostic::new(
                Code::SelfRelation,
                format!("relation between `{}` and itself", relation.first.text),
                relation.first.span.to(relation.second.span),
                "the same power twice",
                "a relation holds the trust between two different powers",
            ));
            return None;
        }
        if let Some(previous) = pairs.get(&pair(first, second)).map(|&i| &earlier[i]) {
            self.report(
                Diagnostic::new(
                    Code::DuplicateName,
                    format!(
                        "relation between `{}` and `{}` is declared twice",
                        relation.first.text, relation.second.text
                    ),
                    relation.first.span.to(relation.second.span),
                    "second declaration",
                    "trust is one figure per pair, whichever power is named first; merge the two relations",
                )
                .with_label(previous.span, "first declared here"),
            );
            return None;
        }
        Some(Relation { first, second, trust, span: relation.first.span.to(relation.second.span) })
    }

    fn norm(&mut self, norm: &ast::Norm) -> Norm {
        let mut seen = Seen::default();
        let mut checked = Norm {
            name: norm.name.text.clone(),
            span: norm.name.span,
            text: None,
            strength: Valued::default(0.0),
            forbids: Vec::new(),
            cites: Vec::new(),
        };
        for item in &norm.items {
            match &item.node {
                ast::NormItem::Text(text) => {
                    if self.first(&mut seen, "text", item.span) {
                        checked.text = Some(text.value.clone());
                    }
                }
                ast::NormItem::Strength(n) => {
                    if self.first(&mut seen, "strength", item.span) {
                        checked.strength = Valued::written(self.share(n, "strength"), n.span);
                    }
                }
                ast::NormItem::Forbids(acts) => {
                    for act in acts {
                        let word = match act.node {
                            ast::Act::Conquest => "forbids conquest",
                            ast::Act::Intervention => "forbids intervention",
                        };
                        if self.first(&mut seen, word, act.span) {
                            checked.forbids.push(act.node);
                        }
                    }
                }
                ast::NormItem::Cite(cite) => checked.cites.push(self.cite(cite, item.span)),
            }
        }
        if !seen.has("strength") {
            self.missing(&norm.name, "norm", "strength", "strength 0.5");
        }
        checked
    }

    fn commitment(&mut self, commitment: &ast::Commitment) -> Commitment {
        let mut seen = Seen::default();
        let mut checked = Commitment {
            name: commitment.name.text.clone(),
            span: commitment.name.span,
            members: Vec::new(),
            members_span: commitment.name.span,
            mode: Valued::default(ast::Mode::Concert),
            response: Valued::default(ast::Response::Force),
            decide: Valued::default(DecisionRule::Consensus),
            covers: Vec::new(),
            upholds: Vec::new(),
            protects: Vec::new(),
            guarantees: Vec::new(),
            regions: Vec::new(),
            against: Vec::new(),
            against_span: None,
            cohesion: None,
            credibility: None,
            formed: None,
            cites: Vec::new(),
        };
        // The first `covers` line, for W010's label.
        let mut covers_span: Option<Span> = None;
        let mut against_span: Option<Span> = None;
        for item in &commitment.items {
            match &item.node {
                ast::CommitmentItem::Members(members) => {
                    if self.first(&mut seen, "members", item.span) {
                        checked.members_span = item.span;
                        self.members(&commitment.name, members, item.span, &mut checked.members);
                    }
                }
                ast::CommitmentItem::Mode(mode) => {
                    if self.first(&mut seen, "mode", item.span) {
                        checked.mode = Valued::written(*mode, item.span);
                    }
                }
                ast::CommitmentItem::Response(response) => {
                    if self.first(&mut seen, "response", item.span) {
                        checked.response = Valued::written(*response, item.span);
                    }
                }
                ast::CommitmentItem::Decide(rule) => {
                    if self.first(&mut seen, "decide", item.span) {
                        let rule = match rule {
                            ast::DecisionRule::Consensus => DecisionRule::Consensus,
                            ast::DecisionRule::Unanimity => DecisionRule::Unanimity,
                            ast::DecisionRule::Majority => DecisionRule::Majority,
                            ast::DecisionRule::Weighted(n) => {
                                DecisionRule::Weighted(self.share(n, "weighted threshold"))
                            }
                        };
                        checked.decide = Valued::written(rule, item.span);
                    }
                }
                ast::CommitmentItem::Covers(kinds) => {
                    covers_span.get_or_insert(item.span);
                    for kind in kinds {
                        let word = match kind.node {
                            ast::CrisisKind::Aggression => "covers aggression",
                            ast::CrisisKind::Revolution => "covers revolution",
                            ast::CrisisKind::Offense => "covers offense",
                        };
                        if self.first(&mut seen, word, kind.span) {
                            checked.covers.push(kind.node);
                        }
                    }
                }
                ast::CommitmentItem::Upholds(norms) => {
                    for norm in norms {
                        if let Some(id) = self.names.resolve(norm, Kind::Norm, &mut self.diagnostics) {
                            if self.first(&mut seen, &format!("upholds {}", norm.text), norm.span) {
                                checked.upholds.push(NormId(id));
                            }
                        }
                    }
                }
                ast::CommitmentItem::Protects(powers) => {
                    for power in powers {
                        if let Some(id) = self.power_ref(power) {
                            if self.first(&mut seen, &format!("protects {}", power.text), power.span) {
                                checked.protects.push(id);
                            }
                        }
                    }
                }
                ast::CommitmentItem::Over(regions) => {
                    for region in regions {
                        if self.first(&mut seen, &format!("over {}", region.text), region.span) {
                            let region = self.region(&region.text);
                            checked.regions.push(region);
                        }
                    }
                }
                ast::CommitmentItem::Guarantees(powers) => {
                    for power in powers {
                        if let Some(id) = self.power_ref(power) {
                            if self.first(&mut seen, &format!("guarantees {}", power.text), power.span) {
                                checked.guarantees.push(id);
                            }
                        }
                    }
                }
                ast::CommitmentItem::Against(powers) => {
                    against_span.get_or_insert(item.span);
                    checked.against_span.get_or_insert(item.span);
                    for power in powers {
                        if let Some(id) = self.power_ref(power) {
                            if self.first(&mut seen, &format!("against {}", power.text), power.span) {
                                checked.against.push(id);
                            }
                        }
                    }
                }
                ast::CommitmentItem::Cohesion(n) => {
                    if self.first(&mut seen, "cohesion", item.span) {
                        checked.cohesion = Some(Valued::written(self.share(n, "cohesion"), n.span));
                    }
                }
                ast::CommitmentItem::Credibility(n) => {
                    if self.first(&mut seen, "credibility", item.span) {
                        checked.credibility = Some(Valued::written(self.share(n, "credibility"), n.span));
                    }
                }
                ast::CommitmentItem::Formed(year) => {
                    if self.first(&mut seen, "formed", item.span) {
                        checked.formed = Some(Valued::written(year.value, item.span));
                    }
                }
                ast::CommitmentItem::Cite(cite) => checked.cites.push(self.cite(cite, item.span)),
            }
        }
        if !seen.has("members") {
            self.missing(&commitment.name, "commitment", "members", "members Britain, Austria");
        }
        if !seen.has("mode") {
            self.missing(&commitment.name, "commitment", "mode", "mode concert");
        }
        if checked.mode.value == ast::Mode::Automatic {
            if let Some(span) = checked.decide.span {
                self.report(
                    Diagnostic::new(
                        Code::DecideIgnored,
                        format!("`{}` is automatic, so its decision rule is never used", commitment.name.text),
                        span,
                        "ignored under `mode automatic`",
                        "automatic commitments oblige every member at once and take no decision; remove `decide`, or make the mode `concert`",
                    )
                    .with_label(checked.mode.span.unwrap_or(commitment.name.span), "automatic here"),
                );
            }
        }
        // A commitment that covers nothing is already W007; one that covers
        // only revolutions never meets an aggression to answer.
        let wars = checked.covers(ast::CrisisKind::Aggression) || checked.covers(ast::CrisisKind::Offense);
        if let (Some(span), Some(covers)) = (checked.response.span, covers_span) {
            if !wars {
                self.report(
                    Diagnostic::new(
                        Code::ResponseIgnored,
                        format!("`{}` does not cover aggression, so its response is never used", commitment.name.text),
                        span,
                        "ignored without `covers aggression`",
                        "`response` says how the members answer an aggression; remove it, or add `aggression` to `covers`",
                    )
                    .with_label(covers, "covers revolution only"),
                );
            }
        }
        if let (Some(span), Some(covers)) = (against_span, covers_span) {
            if !wars {
                self.report(
                    Diagnostic::new(
                        Code::AgainstIgnored,
                        format!("`{}` does not cover aggression, so it is against no one", commitment.name.text),
                        span,
                        "ignored without `covers aggression`",
                        "`against` names the aggressors a commitment answers, and only an aggression has one; \
                         remove it, or add `aggression` to `covers`",
                    )
                    .with_label(covers, "covers revolution only"),
                );
            }
        }
        if checked.covers.is_empty() {
            self.report(Diagnostic::new(
                Code::InertCommitment,
                format!("`{}` covers no kind of crisis, so it never acts", commitment.name.text),
                commitment.name.span,
                "no `covers` line",
                "add what it answers: `covers aggression`, `covers revolution` or both",
            ));
        }
        checked
    }

    fn members(&mut self, commitment: &Ident, members: &[Ident], span: Span, into: &mut Vec<PowerId>) {
        let mut spans: HashMap<PowerId, Span> = HashMap::new();
        for member in members {
            let Some(id) = self.power_ref(member) else { continue };
            if let Some(first) = spans.get(&id) {
                self.report(
                    Diagnostic::new(
                        Code::DuplicateMember,
                        format!("`{}` is listed twice among the members of `{}`", member.text, commitment.text),
                        member.span,
                        "listed again here",
                        "list each member once",
                    )
                    .with_label(*first, "first listed here"),
                );
                continue;
            }
            spans.insert(id, member.span);
            into.push(id);
        }
        if members.len() < 2 {
            self.report(Diagnostic::new(
                Code::TooFewMembers,
                format!("commitment `{}` has fewer than two members", commitment.text),
                span,
                format!("{} member", members.len()),
                "a commitment binds at least two powers; add the others, such as `members Britain, Austria`",
            ));
        }
    }

    fn model_block(&mut self, block: &ast::ModelBlock, settings: &mut Vec<ParameterSetting>) {
        for parameter in &block.parameters {
            let Some(index) = self.parameter(&parameter.name) else { continue };
            if let Some(cite) = &parameter.cite {
                self.cite(cite, parameter.span);
            }
            if let Some(first) = settings.iter().find(|s| s.parameter == index) {
                self.report(
                    Diagnostic::new(
                        Code::DuplicateAttribute,
                        format!("model parameter `{}` is set twice", parameter.name.text),
                        parameter.span,
                        "set again here",
                        "set each parameter once; a variant can change it for one run",
                    )
                    .with_label(first.span, "first set here"),
                );
                continue;
            }
            let spec = &model::PARAMETERS[index];
            let value = parameter.value.value;
            if !(spec.min..=spec.max).contains(&value) {
                self.report(Diagnostic::new(
                    Code::OutOfRange,
                    format!("`{}` is {} but must lie in {}..{}", spec.name, parameter.value.raw, spec.min, spec.max),
                    parameter.value.span,
                    "out of range",
                    format!("`{}` is {}; its default is {}", spec.name, spec.meaning, spec.default),
                ));
                continue;
            }
            settings.push(ParameterSetting { parameter: index, value, span: parameter.span });
        }
    }

    /// A power's capability from a dataset: the first year's figure and the
    /// series over the period; `None` (reported) when the figures are not there.
    fn capability_from(&mut self, dataset: &Ident, code: &ast::Text) -> Option<(f64, Vec<f64>)> {
        let Some((_, table)) = self.datasets.iter().find(|(name, _)| *name == dataset.text) else {
            self.report(Diagnostic::new(
                Code::UnknownName,
                format!("unknown dataset `{}`", dataset.text),
                dataset.span,
                "no dataset of this name is declared",
                format!(
                    "declare it in the scenario header, `data {} \"NMC-60-abridged.csv\"`, or give `--data {}=PATH`",
                    dataset.text, dataset.text
                ),
            ));
            return None;
        };
        // A file that could not be read is reported where it is declared.
        let table = table.as_ref()?;
        let period = self.period?;
        let Some(series) = table.series(&code.value, period.start, period.end) else {
            let known = table.codes().any(|c| c.eq_ignore_ascii_case(&code.value));
            let help = match (known, did_you_mean(&code.value, table.codes())) {
                (true, _) => {
                    "the file has the state but no figure for it; pick another source for this power's capability"
                        .to_string()
                }
                (false, Some(close)) => format!("did you mean `{close}`?"),
                (false, None) => {
                    "state codes are COW's three-letter abbreviations, such as `UKG`, `FRN`, `RUS`".to_string()
                }
            };
            self.report(Diagnostic::new(
                Code::UnknownStateCode,
                if known {
                    format!("the dataset has no CINC figure for `{}`", code.value)
                } else {
                    format!("the dataset has no state `{}`", code.value)
                },
                code.span,
                "not in the file",
                help,
            ));
            return None;
        };
        if !series.filled.is_empty() {
            self.report(Diagnostic::new(
                Code::DataGap,
                format!(
                    "no CINC figure for `{}` in {}: filled from the nearest year",
                    code.value,
                    crate::data::years_text(&series.filled)
                ),
                code.span,
                "the record has gaps in the period",
                "check the period against the data (NMC starts in 1816), or `allow data-gap` if the nearest year will do",
            ));
        }
        let start = *series.values.first()?;
        Some((start, series.values))
    }

    /// Resolves a model parameter name, reporting an unknown one.
    pub(super) fn parameter(&mut self, name: &Ident) -> Option<usize> {
        if let Some(index) = model::parameter_index(&name.text) {
            return Some(index);
        }
        let help = match did_you_mean(&name.text, model::PARAMETERS.iter().map(|p| p.name)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "the model's parameters are listed in `docs/model.md`".to_string(),
        };
        self.report(Diagnostic::new(
            Code::UnknownParameter,
            format!("unknown model parameter `{}`", name.text),
            name.span,
            "not a parameter of the model",
            help,
        ));
        None
    }

    /// Resolves a name that must be a power.
    pub(super) fn power_ref(&mut self, name: &Ident) -> Option<PowerId> {
        self.names.resolve(name, Kind::Power, &mut self.diagnostics).map(PowerId)
    }

    /// Checks that a share (probability, strength, salience…) lies in 0..1.
    /// A power's effectiveness: a multiple of its capability, from 0 to
    /// `EFFECTIVENESS_MAX` (ten times what its capability alone would bring).
    fn effectiveness(&mut self, number: &Number) -> f64 {
        if (0.0..=EFFECTIVENESS_MAX).contains(&number.value) {
            return number.value;
        }
        self.report(Diagnostic::new(
            Code::OutOfRange,
            format!("effectiveness `{}` is outside 0..{EFFECTIVENESS_MAX}", number.raw),
            number.span,
            "must be between 0 and 10",
            "effectiveness multiplies the power's capability in the field: 1 is the default, \
             1.5 a force worth half as much again as its material share (cite the measure)",
        ));
        number.value.clamp(0.0, EFFECTIVENESS_MAX)
    }

    pub(super) fn share(&mut self, number: &Number, what: &str) -> f64 {
        if (0.0..=1.0).contains(&number.value) {
            return number.value;
        }
        self.report(Diagnostic::new(
            Code::OutOfRange,
            format!("{what} `{}` is outside 0..1", number.raw),
            number.span,
            "must be between 0 and 1",
            match as_percentage(number) {
                Some(share) => format!("{what} is a share from 0 to 1; for {} per cent, write `{share}`", number.raw),
                None => format!("{what} is a share: write a number from 0 to 1, such as `0.3`"),
            },
        ));
        number.value.clamp(0.0, 1.0)
    }

    /// Records an attribute; `false` (and a diagnostic) if it was given before.
    pub(super) fn first(&mut self, seen: &mut Seen, attribute: &str, span: Span) -> bool {
        if let Some(first) = seen.get(attribute) {
            self.report(
                Diagnostic::new(
                    Code::DuplicateAttribute,
                    format!("`{attribute}` is given twice"),
                    span,
                    "given again here",
                    "keep one; the declaration cannot say which is meant",
                )
                .with_label(first, "first given here"),
            );
            return false;
        }
        seen.insert(attribute, span);
        true
    }

    fn missing(&mut self, name: &Ident, kind: &str, attribute: &str, example: &str) {
        self.report(Diagnostic::new(
            Code::MissingAttribute,
            format!("{kind} `{}` has no `{attribute}`", name.text),
            name.span,
            format!("this {kind} needs a `{attribute}`"),
            format!("add a line such as `{example}` to the {kind}"),
        ));
    }

    /// Checks a citation's source key.
    pub(super) fn cite(&mut self, cite: &ast::Cite, span: Span) -> Citation {
        match self.sources.get_index_of(&cite.source.text) {
            Some(index) => self.cited[index] = true,
            None => {
                let help = match did_you_mean(&cite.source.text, self.sources.keys().map(String::as_str)) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!(
                        "declare it in the scenario header: `source {} \"Author, Title (Year)\"`",
                        cite.source.text
                    ),
                };
                self.report(Diagnostic::new(
                    Code::UnknownName,
                    format!("unknown source `{}`", cite.source.text),
                    cite.source.span,
                    "no source is declared with this key",
                    help,
                ));
            }
        }
        Citation { source: cite.source.text.clone(), locator: cite.locator.as_ref().map(|l| l.value.clone()), span }
    }
}

/// What a whole number from 2 to 100 written as a share most likely means:
/// a percentage.
pub(super) fn as_percentage(number: &Number) -> Option<f64> {
    let value = number.value;
    (value.fract() == 0.0 && (2.0..=100.0).contains(&value)).then(|| value / 100.0)
}

impl Seen {
    pub(super) fn has(&self, attribute: &str) -> bool {
        self.get(attribute).is_some()
    }

    /// Where `attribute` was first given, if it was.
    fn get(&self, attribute: &str) -> Option<Span> {
        match self.few.iter().find(|(name, _)| name == attribute) {
            Some((_, span)) => Some(*span),
            None => self.rest.get(attribute).copied(),
        }
    }

    fn insert(&mut self, attribute: &str, span: Span) {
        if self.few.len() < FEW {
            self.few.push((attribute.to_string(), span));
        } else {
            self.rest.insert(attribute.to_string(), span);
        }
    }
}
