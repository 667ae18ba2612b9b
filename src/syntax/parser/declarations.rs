//! Declarations of the world: the scenario header, powers, relations, norms, commitments, the model block.

use pest::iterators::Pair;

use super::{Builder, Children, Rule};
use crate::diagnostic::{Code, Diagnostic};
use crate::syntax::ast::*;

impl Builder<'_> {
    pub(super) fn scenario(&mut self, pair: Pair<'_, Rule>) -> Scenario {
        assert_eq!(pair.as_rule(), Rule::scenario);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let title = self.text(c.expect(Rule::string));
        let mut items = Vec::new();
        for item in c.rest() {
            let node = match item.as_rule() {
                Rule::period => {
                    let range = Children::of(item.clone()).expect(Rule::year_range);
                    ScenarioItem::Period(self.year_range(range))
                }
                Rule::seed => {
                    let digits = Children::of(item.clone()).expect(Rule::integer);
                    let span = self.span(&digits);
                    let raw = digits.as_str().to_string();
                    let value = match raw.parse::<u64>() {
                        Ok(v) => v as f64,
                        Err(_) => {
                            self.diagnostics.push(Diagnostic::new(
                                Code::NumberTooLarge,
                                format!("seed `{raw}` is too large"),
                                span,
                                "larger than a 64-bit seed",
                                "a seed is a whole number below 18446744073709551616",
                            ));
                            0.0
                        }
                    };
                    ScenarioItem::Seed(Number { value, raw, span })
                }
                Rule::source => {
                    let mut s = Children::of(item.clone());
                    let key = self.ident(s.expect(Rule::name));
                    let reference = self.text(s.expect(Rule::string));
                    ScenarioItem::Source { key, reference }
                }
                Rule::data => {
                    let mut s = Children::of(item.clone());
                    let dataset = self.ident(s.expect(Rule::name));
                    let path = self.text(s.expect(Rule::string));
                    ScenarioItem::Data { dataset, path }
                }
                other => unreachable!("not a scenario item: {other:?}"),
            };
            items.push(self.spanned(&item, node));
        }
        Scenario { title, items, span }
    }

    pub(super) fn include(&mut self, pair: Pair<'_, Rule>) -> Include {
        assert_eq!(pair.as_rule(), Rule::include);
        let span = self.span(&pair);
        let path = self.text(Children::of(pair).expect(Rule::string));
        Include { path, span }
    }

    pub(super) fn allow(&mut self, pair: Pair<'_, Rule>) -> Allow {
        assert_eq!(pair.as_rule(), Rule::allow);
        let span = self.span(&pair);
        Allow { lints: self.names(Children::of(pair)), span }
    }

    pub(super) fn power(&mut self, pair: Pair<'_, Rule>) -> Power {
        assert_eq!(pair.as_rule(), Rule::power);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let name = self.ident(c.expect(Rule::name));
        let mut items = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::capability => {
                    let value = Children::of(item).next().expect("a capability value");
                    match value.as_rule() {
                        Rule::capability_from => {
                            let mut c = Children::of(value);
                            let dataset = self.ident(c.expect(Rule::name));
                            let code = self.text(c.expect(Rule::string));
                            PowerItem::CapabilityFrom { dataset, code }
                        }
                        _ => PowerItem::Capability(self.number(value)),
                    }
                }
                Rule::stance => {
                    let value = Children::of(item).next().expect("a stance value");
                    PowerItem::Stance(match value.as_rule() {
                        Rule::status_quo => Stance::StatusQuo,
                        Rule::revisionist => Stance::Revisionist,
                        Rule::number => Stance::Level(self.number(value)),
                        other => unreachable!("not a stance: {other:?}"),
                    })
                }
                Rule::regime => PowerItem::Regime(self.ident(Children::of(item).expect(Rule::name))),
                Rule::constraint => PowerItem::Constraint(self.number(Children::of(item).expect(Rule::number))),
                Rule::destructive => PowerItem::Destructive(self.number(Children::of(item).expect(Rule::number))),
                Rule::effectiveness => PowerItem::Effectiveness(self.number(Children::of(item).expect(Rule::number))),
                Rule::interest => {
                    let mut a = Children::of(item);
                    let region = self.ident(a.expect(Rule::name));
                    let salience = self.number(a.expect(Rule::number));
                    PowerItem::Interest { region, salience }
                }
                Rule::great => PowerItem::Great,
                Rule::cite => PowerItem::Cite(self.cite(item)),
                other => unreachable!("not a power attribute: {other:?}"),
            };
            items.push(Spanned { node, span: item_span });
        }
        Power { name, items, span }
    }

    pub(super) fn relation(&mut self, pair: Pair<'_, Rule>) -> Relation {
        assert_eq!(pair.as_rule(), Rule::relation);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let first = self.ident(c.expect(Rule::name));
        let second = self.ident(c.expect(Rule::name));
        let mut items = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::trust => RelationItem::Trust(self.number(Children::of(item).expect(Rule::number))),
                Rule::cite => RelationItem::Cite(self.cite(item)),
                other => unreachable!("not a relation attribute: {other:?}"),
            };
            items.push(Spanned { node, span: item_span });
        }
        Relation { first, second, items, span }
    }

    pub(super) fn norm(&mut self, pair: Pair<'_, Rule>) -> Norm {
        assert_eq!(pair.as_rule(), Rule::norm);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let name = self.ident(c.expect(Rule::name));
        let mut items = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::string => NormItem::Text(self.text(item)),
                Rule::strength => NormItem::Strength(self.number(Children::of(item).expect(Rule::number))),
                Rule::forbids => NormItem::Forbids(
                    Children::of(item)
                        .rest()
                        .map(|act| {
                            let value = Children::of(act.clone()).next().expect("an act");
                            let node = match value.as_rule() {
                                Rule::conquest => Act::Conquest,
                                Rule::intervention => Act::Intervention,
                                other => unreachable!("not an act: {other:?}"),
                            };
                            self.spanned(&act, node)
                        })
                        .collect(),
                ),
                Rule::cite => NormItem::Cite(self.cite(item)),
                other => unreachable!("not a norm attribute: {other:?}"),
            };
            items.push(Spanned { node, span: item_span });
        }
        Norm { name, items, span }
    }

    pub(super) fn commitment(&mut self, pair: Pair<'_, Rule>) -> Commitment {
        assert_eq!(pair.as_rule(), Rule::commitment);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let name = self.ident(c.expect(Rule::name));
        let mut items = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::members => CommitmentItem::Members(self.names(Children::of(item))),
                Rule::mode => {
                    let value = Children::of(item).next().expect("a mode");
                    CommitmentItem::Mode(match value.as_rule() {
                        Rule::automatic => Mode::Automatic,
                        Rule::concert => Mode::Concert,
                        other => unreachable!("not a mode: {other:?}"),
                    })
                }
                Rule::response => {
                    let value = Children::of(item).next().expect("a response");
                    CommitmentItem::Response(match value.as_rule() {
                        Rule::force => Response::Force,
                        Rule::sanctions => Response::Sanctions,
                        Rule::aid => Response::Aid,
                        other => unreachable!("not a response: {other:?}"),
                    })
                }
                Rule::decide => {
                    let value = Children::of(item).next().expect("a decision rule");
                    CommitmentItem::Decide(match value.as_rule() {
                        Rule::consensus => DecisionRule::Consensus,
                        Rule::unanimity => DecisionRule::Unanimity,
                        Rule::majority => DecisionRule::Majority,
                        Rule::weighted => DecisionRule::Weighted(self.number(Children::of(value).expect(Rule::number))),
                        other => unreachable!("not a decision rule: {other:?}"),
                    })
                }
                Rule::covers => CommitmentItem::Covers(
                    Children::of(item)
                        .rest()
                        .map(|kind| {
                            let node = self.crisis_kind(kind.clone());
                            self.spanned(&kind, node)
                        })
                        .collect(),
                ),
                Rule::upholds => CommitmentItem::Upholds(self.names(Children::of(item))),
                Rule::protects => CommitmentItem::Protects(self.names(Children::of(item))),
                Rule::guarantees => CommitmentItem::Guarantees(self.names(Children::of(item))),
                Rule::treaty_area => CommitmentItem::Over(self.names(Children::of(item))),
                Rule::against => CommitmentItem::Against(self.names(Children::of(item))),
                Rule::cohesion => CommitmentItem::Cohesion(self.number(Children::of(item).expect(Rule::number))),
                Rule::credibility => CommitmentItem::Credibility(self.number(Children::of(item).expect(Rule::number))),
                Rule::formed => CommitmentItem::Formed(self.year(Children::of(item).expect(Rule::year))),
                Rule::cite => CommitmentItem::Cite(self.cite(item)),
                other => unreachable!("not a commitment attribute: {other:?}"),
            };
            items.push(Spanned { node, span: item_span });
        }
        Commitment { name, items, span }
    }

    fn crisis_kind(&self, pair: Pair<'_, Rule>) -> CrisisKind {
        assert_eq!(pair.as_rule(), Rule::crisis_kind);
        let value = Children::of(pair).next().expect("a crisis kind");
        match value.as_rule() {
            Rule::aggression_kind => CrisisKind::Aggression,
            Rule::revolution_kind => CrisisKind::Revolution,
            Rule::offense_kind => CrisisKind::Offense,
            other => unreachable!("not a crisis kind: {other:?}"),
        }
    }

    pub(super) fn model_block(&mut self, pair: Pair<'_, Rule>) -> ModelBlock {
        assert_eq!(pair.as_rule(), Rule::model_block);
        let span = self.span(&pair);
        let parameters = Children::of(pair)
            .rest()
            .map(|p| {
                assert_eq!(p.as_rule(), Rule::parameter);
                let p_span = self.span(&p);
                let mut a = Children::of(p);
                let name = self.ident(a.expect(Rule::name));
                let value = self.number(a.expect(Rule::number));
                let cite = a.optional(Rule::cite).map(|c| self.cite(c));
                Parameter { name, value, cite, span: p_span }
            })
            .collect();
        ModelBlock { parameters, span }
    }
}
