//! Rules: a condition and the statements that run when it holds.

use pest::iterators::Pair;

use super::{Builder, Children, Rule};
use crate::syntax::ast::{self, *};

impl Builder<'_> {
    pub(super) fn rule(&mut self, pair: Pair<'_, Rule>) -> ast::Rule {
        assert_eq!(pair.as_rule(), Rule::rule_declaration);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let title = self.text(c.expect(Rule::string));
        let once = c.optional(Rule::once).map(|p| self.span(&p));
        let condition = self.expr(c.expect(Rule::expr)).0;
        let mut statements = Vec::new();
        let mut cites = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::cite => {
                    let cite = self.cite(item);
                    cites.push(Spanned { node: cite, span: item_span });
                    continue;
                }
                Rule::emit => Statement::Emit(self.text(Children::of(item).expect(Rule::string))),
                Rule::trigger => Statement::Trigger(self.ident(Children::of(item).expect(Rule::name))),
                Rule::dissolve => Statement::Dissolve(self.ident(Children::of(item).expect(Rule::name))),
                Rule::assignment => {
                    let (target, op, value) = self.assignment(item);
                    Statement::Assign { target, op, value }
                }
                other => unreachable!("not a statement: {other:?}"),
            };
            statements.push(Spanned { node, span: item_span });
        }
        ast::Rule { title, once, condition, statements, cites, span }
    }

    /// `TARGET op EXPR`, in a rule's `then` or in a shock.
    pub(super) fn assignment(&mut self, pair: Pair<'_, Rule>) -> (Target, AssignOp, Expr) {
        assert_eq!(pair.as_rule(), Rule::assignment);
        let mut a = Children::of(pair);
        let target = self.target(a.expect(Rule::target));
        let op = self.assign_op(a.expect(Rule::assign_op));
        let value = self.expr(a.expect(Rule::expr)).0;
        (target, op, value)
    }

    fn target(&self, pair: Pair<'_, Rule>) -> Target {
        assert_eq!(pair.as_rule(), Rule::target);
        let inner = Children::of(pair).next().expect("a target");
        match inner.as_rule() {
            Rule::path => Target::Path(self.path(inner)),
            Rule::trust_of => {
                let span = self.span(&inner);
                let mut a = Children::of(inner);
                let first = self.ident(a.expect(Rule::name));
                let second = self.ident(a.expect(Rule::name));
                Target::Trust { first, second, span }
            }
            other => unreachable!("not a target: {other:?}"),
        }
    }
}
