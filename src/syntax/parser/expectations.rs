//! Expectations: what a case claims will happen, and the windows in which it should.

use pest::iterators::Pair;

use super::expr::binary_op;
use super::{Builder, Children, Rule};
use crate::syntax::ast::*;

impl Builder<'_> {
    pub(super) fn expect(&mut self, pair: Pair<'_, Rule>) -> Expect {
        assert_eq!(pair.as_rule(), Rule::expect);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let title = self.text(c.expect(Rule::string));
        let expectation_pair = c.expect(Rule::expectation);
        let expectation = self.expectation(expectation_pair);
        let rate = c.optional(Rule::rate).map(|r| self.number(Children::of(r).expect(Rule::number)));
        let cites = c
            .rest()
            .map(|p| {
                let cite_span = self.span(&p);
                Spanned { node: self.cite(p), span: cite_span }
            })
            .collect();
        Expect { title, expectation, rate, cites, span }
    }

    fn expectation(&mut self, pair: Pair<'_, Rule>) -> Spanned<Expectation> {
        assert_eq!(pair.as_rule(), Rule::expectation);
        let span = self.span(&pair);
        let inner = Children::of(pair).next().expect("an expectation");
        let kind = inner.as_rule();
        let mut a = Children::of(inner);
        let negated = a.optional(Rule::negated).is_some();
        let node = match kind {
            Rule::war_expectation => {
                let sides_pair = a.next().expect("sides");
                let sides = match sides_pair.as_rule() {
                    Rule::between => {
                        let mut b = Children::of(sides_pair);
                        let first = self.ident(b.expect(Rule::name));
                        let second = self.ident(b.expect(Rule::name));
                        Sides::Between(first, second)
                    }
                    Rule::among => Sides::Among(self.power_group(Children::of(sides_pair).expect(Rule::power_group))),
                    Rule::involving => Sides::Involving(self.ident(Children::of(sides_pair).expect(Rule::name))),
                    other => unreachable!("not sides of a war: {other:?}"),
                };
                let window = self.window(a.expect(Rule::window));
                Expectation::War { negated, sides, window }
            }
            Rule::general_war_expectation => {
                let count = a.expect(Rule::integer);
                let span = self.span(&count);
                // The grammar's integer is digits only; one too long for u64 is refused by the checker's range.
                let great_powers = Spanned { node: count.as_str().parse().unwrap_or(u64::MAX), span };
                let window = self.window(a.expect(Rule::window));
                Expectation::GeneralWar { negated, great_powers, window }
            }
            Rule::intervention_expectation => {
                a.expect(Rule::intervention);
                let by = self.ident(a.expect(Rule::name));
                let state = self.ident(a.expect(Rule::name));
                let window = self.window(a.expect(Rule::window));
                Expectation::Intervention { negated, by, state, window }
            }
            Rule::dissolution_expectation => {
                let commitment = self.ident(a.expect(Rule::name));
                let window = self.window(a.expect(Rule::window));
                Expectation::Dissolution { negated, commitment, window }
            }
            Rule::outcome_expectation => {
                let shock = self.ident(a.expect(Rule::name));
                let outcome_pair = Children::of(a.expect(Rule::shock_outcome)).next().expect("an outcome");
                let outcome = match outcome_pair.as_rule() {
                    Rule::succeeds => ShockOutcome::Succeeds,
                    Rule::fails => ShockOutcome::Fails,
                    Rule::deterred => ShockOutcome::Deterred,
                    Rule::settled => ShockOutcome::Settled,
                    Rule::ends_in_compromise => ShockOutcome::Compromise,
                    other => unreachable!("not an outcome: {other:?}"),
                };
                let window = a.optional(Rule::window).map(|w| self.window(w));
                Expectation::Outcome { shock, outcome, window }
            }
            Rule::threshold_expectation => {
                let path = self.path(a.expect(Rule::path));
                let comparison = binary_op(&a.expect(Rule::cmp_op));
                let value = self.number(a.expect(Rule::number));
                let window = self.window(a.expect(Rule::window));
                Expectation::Threshold { path, comparison, value, window }
            }
            other => unreachable!("not an expectation: {other:?}"),
        };
        Spanned { node, span }
    }

    fn power_group(&self, pair: Pair<'_, Rule>) -> PowerGroup {
        assert_eq!(pair.as_rule(), Rule::power_group);
        let mut c = Children::of(pair);
        match c.peek().expect("a group") {
            Rule::all_great => PowerGroup::Great(self.span(&c.next().expect("great"))),
            Rule::all_powers => PowerGroup::All(self.span(&c.next().expect("powers"))),
            Rule::members_of => {
                PowerGroup::MembersOf(self.ident(Children::of(c.next().expect("members")).expect(Rule::name)))
            }
            Rule::name => PowerGroup::Named(self.names(c)),
            other => unreachable!("not a group of powers: {other:?}"),
        }
    }

    fn window(&mut self, pair: Pair<'_, Rule>) -> Spanned<Window> {
        assert_eq!(pair.as_rule(), Rule::window);
        let span = self.span(&pair);
        let inner = Children::of(pair).next().expect("a window");
        let node = match inner.as_rule() {
            Rule::at => Window::At(self.year(Children::of(inner).expect(Rule::year))),
            Rule::during => Window::During(self.year_range(Children::of(inner).expect(Rule::year_range))),
            Rule::by => Window::By(self.year(Children::of(inner).expect(Rule::year))),
            other => unreachable!("not a window: {other:?}"),
        };
        Spanned { node, span }
    }
}
