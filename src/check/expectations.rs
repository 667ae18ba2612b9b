//! Checking expectations: that each names powers, windows and outcomes a run can answer.

use crate::diagnostic::{Code, Diagnostic};
use crate::scenario::{
    Claim, CommitmentId, Effect, Expectation, PowerGroup, Quantity, Scenario, ShockId, Type, Window,
};
use crate::syntax::ast::{self, Ident, ShockOutcome, Spanned};

use super::expr::written;
use super::names::Kind;
use super::Checker;

impl Checker {
    pub(super) fn expectation(&mut self, expect: &ast::Expect, scenario: &Scenario) -> Option<Expectation> {
        let rate = expect.rate.as_ref().map(|n| self.share(n, "rate"));
        let cites = expect.cites.iter().map(|c| self.cite(&c.node, c.span)).collect();
        let claim = self.claim(&expect.expectation, scenario)?;
        Some(Expectation { title: expect.title.value.clone(), span: expect.title.span, claim, rate, cites })
    }

    fn claim(&mut self, expectation: &Spanned<ast::Expectation>, scenario: &Scenario) -> Option<Claim> {
        Some(match &expectation.node {
            ast::Expectation::War { negated, sides, window } => {
                let window = self.window(window);
                match sides {
                    ast::Sides::Between(a, b) => {
                        let (first, second) = self.two_powers(a, b)?;
                        Claim::WarBetween { negated: *negated, first, second, window: window? }
                    }
                    ast::Sides::Among(group) => {
                        let group = self.group(group, scenario)?;
                        Claim::WarAmong { negated: *negated, group, window: window? }
                    }
                    ast::Sides::Involving(power) => {
                        let power = self.power_ref(power);
                        Claim::WarInvolving { negated: *negated, power: power?, window: window? }
                    }
                }
            }
            ast::Expectation::GeneralWar { negated, great_powers, window } => {
                let window = self.window(window);
                let great = self.ever_great(scenario) as u64;
                let count = great_powers.node;
                if count < 2 || count > great {
                    self.report(Diagnostic::new(
                        Code::UnevaluableExpectation,
                        if count < 2 {
                            format!("a general war of {count} needs at least two great powers")
                        } else {
                            format!("a general war of {count} great powers, but the case marks {great} as great")
                        },
                        great_powers.span,
                        "the number of great powers at war",
                        "count at least 2 and at most the powers marked `great`",
                    ));
                    return None;
                }
                Claim::GeneralWar { negated: *negated, great_powers: count as usize, window: window? }
            }
            ast::Expectation::Intervention { negated, by, state, window } => {
                let window = self.window(window);
                let (by, state) = self.two_powers(by, state)?;
                Claim::Intervention { negated: *negated, by, state, window: window? }
            }
            ast::Expectation::Dissolution { negated, commitment, window } => {
                let window = self.window(window);
                let commitment = self.names.resolve(commitment, Kind::Commitment, &mut self.diagnostics);
                Claim::Dissolution { negated: *negated, commitment: CommitmentId(commitment?), window: window? }
            }
            ast::Expectation::Outcome { shock, outcome, window } => {
                let window = match window {
                    Some(window) => Some(self.window(window)?),
                    None => None,
                };
                let id = ShockId(self.names.resolve(shock, Kind::Shock, &mut self.diagnostics)?);
                let declared = scenario.shocks.get(id.0)?;
                let aggression = declared.effects.iter().any(|e| matches!(e.value, Effect::Aggression { .. }));
                let revolution = declared.effects.iter().any(|e| matches!(e.value, Effect::Revolution { .. }));
                let deterred =
                    matches!(outcome, ShockOutcome::Deterred | ShockOutcome::Settled | ShockOutcome::Compromise);
                if !aggression && (deterred || !revolution) {
                    let (what, help) = if revolution {
                        (
                            match outcome {
                                ShockOutcome::Settled => "a revolution, so it cannot be settled",
                                ShockOutcome::Compromise => "a revolution, so it cannot end in compromise",
                                _ => "a revolution, so it cannot be deterred",
                            },
                            "a revolution succeeds (runs its course) or fails (is put down); expect one of those",
                        )
                    } else {
                        (
                            "neither an aggression nor a revolution",
                            "only an aggression succeeds, fails, is deterred, is settled or ends in compromise, and only a revolution succeeds or fails; expect a war, an intervention or a dissolution instead",
                        )
                    };
                    self.report(
                        Diagnostic::new(
                            Code::UnevaluableExpectation,
                            format!("shock `{}` is {what}", shock.text),
                            shock.span,
                            if revolution {
                                "has only a `revolution` effect"
                            } else {
                                "has no `aggression` or `revolution` effect"
                            },
                            help,
                        )
                        .with_label(declared.span, "declared here"),
                    );
                    return None;
                }
                Claim::Outcome { shock: id, outcome: *outcome, window }
            }
            ast::Expectation::Threshold { path, comparison, value, window } => {
                let window = self.window(window);
                let quantity = self.quantity(path, scenario)?;
                if quantity.ty() != Type::Number {
                    let help = match quantity {
                        Quantity::Alive(_) => {
                            format!("to expect that it lasts, write `no dissolution of {} by …`", written(path, 0))
                        }
                        _ => "compare a numeric attribute, such as `Quadruple_Alliance.cohesion >= 0.5`".to_string(),
                    };
                    self.report(Diagnostic::new(
                        Code::TypeMismatch,
                        format!("`{}` needs a number, found {}", comparison.symbol(), quantity.ty().noun()),
                        path.span,
                        format!("this is {}", quantity.ty().noun()),
                        help,
                    ));
                    return None;
                }
                if !crate::expectation::followed_over_time(&quantity) {
                    self.report(Diagnostic::new(
                        Code::UnevaluableExpectation,
                        format!("`{}` is not recorded year by year, so a run cannot be judged on it", written(path, path.fields.len())),
                        path.span,
                        "not in the yearly state",
                        "expect a capability, stance or constraint, a norm's strength, a commitment's cohesion or credibility, or a model parameter",
                    ));
                    return None;
                }
                Claim::Threshold { quantity, comparison: *comparison, value: value.value, window: window? }
            }
        })
    }

    fn two_powers(&mut self, a: &Ident, b: &Ident) -> Option<(crate::scenario::PowerId, crate::scenario::PowerId)> {
        let (first, second) = (self.power_ref(a), self.power_ref(b));
        let (first, second) = (first?, second?);
        if first == second {
            self.report(
                Diagnostic::new(
                    Code::UnevaluableExpectation,
                    format!("expectation names `{}` twice", a.text),
                    b.span,
                    "the same power again",
                    "name two different powers",
                )
                .with_label(a.span, "first named here"),
            );
            return None;
        }
        Some((first, second))
    }

    fn group(&mut self, group: &ast::PowerGroup, scenario: &Scenario) -> Option<PowerGroup> {
        Some(match group {
            ast::PowerGroup::Great(at) => {
                if self.ever_great(scenario) == 0 {
                    self.report(Diagnostic::new(
                        Code::UnevaluableExpectation,
                        "expectation is about the great powers, but no power is great".to_string(),
                        *at,
                        "names no power",
                        "mark the great powers with a `great` line in their declarations",
                    ));
                    return None;
                }
                PowerGroup::Great
            }
            ast::PowerGroup::All(_) => PowerGroup::All,
            ast::PowerGroup::MembersOf(commitment) => PowerGroup::MembersOf(CommitmentId(self.names.resolve(
                commitment,
                Kind::Commitment,
                &mut self.diagnostics,
            )?)),
            ast::PowerGroup::Named(names) => {
                let mut ids = Vec::new();
                for (i, name) in names.iter().enumerate() {
                    let id = self.power_ref(name)?;
                    if let Some(first) = names[..i].iter().find(|n| n.text == name.text) {
                        self.report(
                            Diagnostic::new(
                                Code::UnevaluableExpectation,
                                format!("expectation names `{}` twice", name.text),
                                name.span,
                                "named again here",
                                "name each power once",
                            )
                            .with_label(first.span, "first named here"),
                        );
                        return None;
                    }
                    ids.push(id);
                }
                if ids.len() < 2 {
                    let listed = names[0].span.to(names[names.len() - 1].span);
                    self.report(Diagnostic::new(
                        Code::UnevaluableExpectation,
                        "a war among powers needs at least two of them".to_string(),
                        listed,
                        "names one power",
                        "name two or more powers, or write `war between A and B`",
                    ));
                    return None;
                }
                PowerGroup::Named(ids)
            }
        })
    }

    fn window(&mut self, window: &Spanned<ast::Window>) -> Option<Window> {
        let (start, end) = match &window.node {
            ast::Window::At(year) => (year.value, year.value),
            ast::Window::During(range) => self.year_range(range),
            ast::Window::By(year) => (self.period.map_or(year.value, |p| p.start), year.value),
        };
        let period = self.period?;
        let inside = match &window.node {
            ast::Window::By(year) => period.contains(year.value),
            _ => period.contains(start) && period.contains(end),
        };
        if !inside {
            self.report(
                Diagnostic::new(
                    Code::WindowOutsidePeriod,
                    format!("expectation looks at years outside the period {}..{}", period.start, period.end),
                    window.span,
                    "outside the period",
                    "a run only has the years of its period; narrow the window or widen the period",
                )
                .with_label(period.span, "the case's period"),
            );
            return None;
        }
        Some(Window { start, end, by: matches!(window.node, ast::Window::By(_)), span: window.span })
    }
}
