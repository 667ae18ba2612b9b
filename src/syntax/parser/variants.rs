//! Variants: counterfactual overrides, removals and added shocks.

use pest::iterators::Pair;

use super::{Builder, Children, Rule};
use crate::syntax::ast::*;

impl Builder<'_> {
    pub(super) fn variant(&mut self, pair: Pair<'_, Rule>) -> Variant {
        assert_eq!(pair.as_rule(), Rule::variant);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let name = self.ident(c.expect(Rule::name));
        let question = c.optional(Rule::string).map(|p| self.text(p));
        let mut items = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::override_ => {
                    let mut a = Children::of(item);
                    let path = self.path(a.expect(Rule::path));
                    let op = self.assign_op(a.expect(Rule::assign_op));
                    let value_pair = Children::of(a.expect(Rule::override_value)).next().expect("a value");
                    let value = match value_pair.as_rule() {
                        Rule::number => OverrideValue::Number(self.number(value_pair)),
                        Rule::name => OverrideValue::Name(self.ident(value_pair)),
                        Rule::weighted => {
                            OverrideValue::Weighted(self.number(Children::of(value_pair).expect(Rule::number)))
                        }
                        other => unreachable!("not an override value: {other:?}"),
                    };
                    VariantItem::Override { path, op, value }
                }
                Rule::removal => {
                    let commitment = item.clone().into_inner().any(|p| p.as_rule() == Rule::kw_commitment);
                    let name = self.ident(Children::of(item).expect(Rule::name));
                    if commitment {
                        VariantItem::RemoveCommitment(name)
                    } else {
                        VariantItem::Remove(name)
                    }
                }
                Rule::shock => VariantItem::Shock(self.shock(item)),
                other => unreachable!("not a variant item: {other:?}"),
            };
            items.push(Spanned { node, span: item_span });
        }
        Variant { name, question, items, span }
    }
}
