//! Shocks: their timing and the effects they have on the world.

use pest::iterators::Pair;

use super::{Builder, Children, Rule};
use crate::syntax::ast::*;

impl Builder<'_> {
    pub(super) fn shock(&mut self, pair: Pair<'_, Rule>) -> Shock {
        assert_eq!(pair.as_rule(), Rule::shock);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let name = self.ident(c.expect(Rule::name));
        let timing = c.optional(Rule::timing).map(|t| {
            let t_span = self.span(&t);
            let inner = Children::of(t).next().expect("a timing");
            let node = match inner.as_rule() {
                Rule::at => Timing::At(self.year(Children::of(inner).expect(Rule::year))),
                Rule::during => Timing::During(self.year_range(Children::of(inner).expect(Rule::year_range))),
                Rule::chance => {
                    let mut a = Children::of(inner);
                    let probability = self.number(a.expect(Rule::number));
                    let years = self.year_range(a.expect(Rule::year_range));
                    Timing::Chance { probability, years }
                }
                other => unreachable!("not a timing: {other:?}"),
            };
            Spanned { node, span: t_span }
        });
        let mut items = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::string => ShockItem::Text(self.text(item)),
                Rule::cite => ShockItem::Cite(self.cite(item)),
                Rule::aggression => {
                    let mut a = Children::of(item);
                    let demand = a.optional(Rule::demand_kind).is_some();
                    if !demand {
                        a.expect(Rule::aggression_kind);
                    }
                    let aggressor = self.actor(a.expect(Rule::actor));
                    let target = self.actor(a.expect(Rule::actor));
                    let region = self.ident(a.expect(Rule::name));
                    let stakes = self.number(a.expect(Rule::number));
                    let allies = a.optional(Rule::allies).map(|b| self.names(Children::of(b))).unwrap_or_default();
                    let backers = a.optional(Rule::backers).map(|b| self.names(Children::of(b))).unwrap_or_default();
                    ShockItem::Effect(Effect::Aggression { aggressor, target, region, stakes, backers, allies, demand })
                }
                Rule::revolution => {
                    let mut a = Children::of(item);
                    a.expect(Rule::revolution_kind);
                    let state = self.actor(a.expect(Rule::actor));
                    let region = a.optional(Rule::name).map(|region| self.ident(region));
                    let strength =
                        a.optional(Rule::strength).map(|s| self.number(Children::of(s).expect(Rule::number)));
                    let backers = a.optional(Rule::backers).map(|b| self.names(Children::of(b))).unwrap_or_default();
                    ShockItem::Effect(Effect::Revolution { state, region, strength, backers })
                }
                Rule::join => {
                    let mut a = Children::of(item);
                    let power = self.actor(a.expect(Rule::actor));
                    let commitment = self.ident(a.expect(Rule::name));
                    ShockItem::Effect(Effect::Join { power, commitment })
                }
                Rule::leave => {
                    let mut a = Children::of(item);
                    let power = self.actor(a.expect(Rule::actor));
                    let commitment = self.ident(a.expect(Rule::name));
                    ShockItem::Effect(Effect::Leave { power, commitment })
                }
                Rule::capability_change => {
                    let mut a = Children::of(item);
                    let power = self.actor(a.expect(Rule::actor));
                    let op = self.assign_op(a.expect(Rule::assign_op));
                    let amount = self.number(a.expect(Rule::number));
                    ShockItem::Effect(Effect::Capability { power, op, amount })
                }
                Rule::regime_change => {
                    let mut a = Children::of(item);
                    let power = self.actor(a.expect(Rule::actor));
                    let regime = self.ident(a.expect(Rule::name));
                    ShockItem::Effect(Effect::Regime { power, regime })
                }
                Rule::assignment => {
                    let (target, op, value) = self.assignment(item);
                    ShockItem::Effect(Effect::Assign { target, op, value })
                }
                other => unreachable!("not a shock item: {other:?}"),
            };
            items.push(Spanned { node, span: item_span });
        }
        Shock { name, timing, items, span }
    }

    fn actor(&self, pair: Pair<'_, Rule>) -> Actor {
        assert_eq!(pair.as_rule(), Rule::actor);
        let inner = Children::of(pair).next().expect("an actor");
        match inner.as_rule() {
            Rule::name => Actor::Named(self.ident(inner)),
            Rule::one_of => {
                let span = self.span(&inner);
                Actor::OneOf { choices: self.names(Children::of(inner)), span }
            }
            other => unreachable!("not an actor: {other:?}"),
        }
    }
}
