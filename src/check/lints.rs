//! Warnings about a case that is valid but probably not what its author meant, and `allow`.

use crate::diagnostic::{did_you_mean, Code, Diagnostic, Diagnostics, Severity};
use crate::scenario::{Actor, Effect, Expr, ExprKind, Quantity, Scenario, Setting, Statement};
use crate::syntax::ast::Item;

use super::Checker;

/// Capability shares may add up to a little over 1 through rounding in the
/// sources they come from.
const CAPABILITY_SLACK: f64 = 1e-6;

/// The warnings the case's `allow` lines silence; names that are not
/// warnings are reported.
pub(super) fn allowed(items: &[&Item], diagnostics: &mut Diagnostics) -> Vec<Code> {
    let mut allowed = Vec::new();
    for item in items {
        let Item::Allow(allow) = item else { continue };
        for lint in &allow.lints {
            if let Some(code) = Code::lint(&lint.text) {
                allowed.push(code);
                continue;
            }
            let error = Code::ALL.iter().find(|c| c.name() == lint.text || c.id() == lint.text);
            let warnings = Code::ALL.iter().filter(|c| c.severity() == Severity::Warning).map(|c| c.name());
            let help = match (error, did_you_mean(&lint.text, warnings)) {
                (Some(code), _) => {
                    format!("`{}` is the error {}; errors must be fixed, not silenced", code.name(), code.id())
                }
                (None, Some(close)) => format!("did you mean `{close}`?"),
                (None, None) => "`docs/language.md` lists the warnings `allow` can silence".to_string(),
            };
            diagnostics.push(Diagnostic::new(
                Code::UnknownLint,
                format!("`{}` is not a warning", lint.text),
                lint.span,
                "nothing to allow",
                help,
            ));
        }
    }
    allowed
}

/// Runs the lints that look at the case as a whole.
pub(super) fn run(checker: &mut Checker, scenario: &Scenario) {
    unused_norms(checker, scenario);
    isolated_powers(checker, scenario);
    capability_overflow(checker, scenario);
    unused_sources(checker, scenario);
}

fn unused_norms(checker: &mut Checker, scenario: &Scenario) {
    let mut used = vec![false; scenario.norms.len()];
    for commitment in &scenario.commitments {
        for norm in &commitment.upholds {
            used[norm.0] = true;
        }
    }
    let mut mark = |quantity: &Quantity| {
        if let Quantity::Strength(norm) = quantity {
            used[norm.0] = true;
        }
    };
    for rule in &scenario.rules {
        visit(&rule.condition, &mut mark);
        for statement in &rule.statements {
            if let Statement::Assign { target, value, .. } = &statement.value {
                mark(target);
                visit(value, &mut mark);
            }
        }
    }
    for shock in &scenario.shocks {
        for effect in &shock.effects {
            if let Effect::Assign { target, value, .. } = &effect.value {
                mark(target);
                visit(value, &mut mark);
            }
        }
    }
    for variant in &scenario.variants {
        for o in &variant.overrides {
            if let Setting::Quantity(quantity) = &o.setting {
                mark(quantity);
            }
        }
    }
    for expectation in &scenario.expectations {
        if let crate::scenario::Claim::Threshold { quantity, .. } = &expectation.claim {
            mark(quantity);
        }
    }
    for (norm, used) in scenario.norms.iter().zip(used) {
        // A norm that forbids an act is engaged by every war or intervention.
        if !used && norm.forbids.is_empty() {
            checker.report(Diagnostic::new(
                Code::UnusedNorm,
                format!("norm `{}` is never used", norm.name),
                norm.span,
                "no commitment upholds it, it forbids nothing, and no rule or shock reads it",
                format!("add `upholds {}` to a commitment or `forbids conquest` to the norm, or remove it", norm.name),
            ));
        }
    }
}

fn visit(expr: &Expr, mark: &mut impl FnMut(&Quantity)) {
    match &expr.kind {
        ExprKind::Read(quantity) => mark(quantity),
        ExprKind::Not(inner) | ExprKind::Negate(inner) => visit(inner, mark),
        ExprKind::Binary { lhs, rhs, .. } => {
            visit(lhs, mark);
            visit(rhs, mark);
        }
        ExprKind::Number(_) | ExprKind::Bool(_) | ExprKind::Symbol(_) | ExprKind::Year | ExprKind::Aggregate { .. } => {
        }
    }
}

fn isolated_powers(checker: &mut Checker, scenario: &Scenario) {
    let mut linked = vec![false; scenario.powers.len()];
    for commitment in &scenario.commitments {
        for power in commitment
            .members
            .iter()
            .chain(&commitment.protects)
            .chain(&commitment.guarantees)
            .chain(&commitment.against)
        {
            linked[power.0] = true;
        }
    }
    for relation in &scenario.relations {
        linked[relation.first.0] = true;
        linked[relation.second.0] = true;
    }
    for shock in &scenario.shocks {
        for effect in &shock.effects {
            if let Effect::Join { power, .. } = &effect.value {
                let ids = match power {
                    Actor::Named(id) => std::slice::from_ref(id),
                    Actor::OneOf(ids) => ids.as_slice(),
                };
                for id in ids {
                    linked[id.0] = true;
                }
            }
        }
    }
    for (power, linked) in scenario.powers.iter().zip(linked) {
        if !linked {
            checker.report(Diagnostic::new(
                Code::IsolatedPower,
                format!("power `{}` is in no commitment and no relation", power.name),
                power.span,
                "isolated",
                format!(
                    "`{}` will only ever act alone; add it to a commitment's members, give it a `relation`, or `allow isolated-power` if that is the point",
                    power.name
                ),
            ));
        }
    }
}

fn capability_overflow(checker: &mut Checker, scenario: &Scenario) {
    let mut total = 0.0;
    for power in &scenario.powers {
        total += power.capability.value;
        if total > 1.0 + CAPABILITY_SLACK {
            let all: f64 = scenario.powers.iter().map(|p| p.capability.value).sum();
            checker.report(Diagnostic::new(
                Code::CapabilityOverflow,
                format!("capability shares add up to {all:.3}, more than the whole system"),
                power.capability.span.unwrap_or(power.span),
                "the sum passes 1 here",
                "capability is each power's share of the system; scale the shares so they add up to at most 1",
            ));
            return;
        }
    }
}

fn unused_sources(checker: &mut Checker, scenario: &Scenario) {
    let unused: Vec<usize> = checker.cited.iter().enumerate().filter(|(_, cited)| !**cited).map(|(i, _)| i).collect();
    for index in unused {
        let source = &scenario.sources[index];
        checker.report(Diagnostic::new(
            Code::UnusedSource,
            format!("source `{}` is never cited", source.key),
            source.span,
            "no `cite` names it",
            format!("cite it where its numbers are used, such as `cite {} \"p. 60\"`, or remove it", source.key),
        ));
    }
}
