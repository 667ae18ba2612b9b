//! Evaluating the case's rules after the year's crises (a total language, so every rule ends), and
//! running an assignment, a rule's or a shock's.

use crate::log::{EventKind, Seq};
use crate::scenario::{
    Aggregate, AssignOp, BinaryOp, Expr, ExprKind, PowerAttribute, PowerId, PowerSet, Quantity, RegimeId, Statement,
};
use crate::source::Span;

use super::state::combine;
use super::{Fault, Few, World};

/// A value of the rule language; a symbol is a regime, or none for a power
/// the case gives no regime.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Number(f64),
    Bool(bool),
    Symbol(Option<RegimeId>),
}

impl Value {
    fn number(&self) -> f64 {
        match self {
            Value::Number(n) => *n,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Symbol(_) => 0.0,
        }
    }

    fn truth(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
}

/// Runs every rule in source order; a `once` rule that has fired is
/// skipped, and so is a rule in a year its condition excludes by its
/// comparisons of `year` (it would read false, and reading has no effect).
///
/// A division by zero stops the rules where it happens: it is the run's
/// [`Fault`], and nothing the rule would have done is done.
pub(super) fn run(world: &mut World) {
    let scenario = world.scenario;
    let year = world.log.year;
    for (index, rule) in scenario.rules.iter().enumerate() {
        if (rule.once && world.state.fired[index]) || !rule.years.contains(&year) {
            continue;
        }
        match eval(world, &rule.condition, &mut None) {
            Ok(value) if value.truth() => {}
            Ok(_) => continue,
            Err(mut fault) => {
                fault.by = format!("rule \"{}\"", rule.title);
                world.fault = Some(fault);
                return;
            }
        }
        // Only a rule that fires is written down: its condition is read
        // again, this time noting each quantity for the event's figures.
        // It gave a value a moment ago, and reading changes nothing, so it
        // gives the same one.
        let mut noted = world.log.keeps_figures().then(Vec::new);
        let _ = eval(world, &rule.condition, &mut noted);
        let reads = noted.unwrap_or_default();
        world.state.fired[index] = true;
        let mut draft = world
            .log
            .event(EventKind::Rule, text!(world.log, "rule \"{}\" fires", rule.title))
            .cause(rule.condition.span, "its condition held");
        for (name, value) in reads {
            draft = draft.figure(name, value);
        }
        let seq = draft.record();
        for statement in &rule.statements {
            let span = statement.span.unwrap_or(rule.span);
            match &statement.value {
                Statement::Emit(text) => {
                    world
                        .log
                        .event(EventKind::Rule, text!(world.log, "{text}"))
                        .cause(span, "emitted by the rule")
                        .after(seq)
                        .record();
                }
                Statement::Trigger(shock) => world.state.triggered.push((*shock, seq)),
                Statement::Dissolve(commitment) => {
                    let state = &mut world.state.commitments[commitment.0];
                    if state.alive {
                        state.alive = false;
                        let name = &scenario.commitments[commitment.0].name;
                        world
                            .log
                            .event(EventKind::Dissolved, text!(world.log, "`{name}` is dissolved by a rule"))
                            .commitment(*commitment)
                            .cause(span, "dissolve")
                            .after(seq)
                            .record();
                    }
                }
                Statement::Assign { target, op, value } => {
                    assign(world, target, *op, value, span, AssignedBy::Rule, seq);
                    if let Some(fault) = &mut world.fault {
                        fault.by = format!("rule \"{}\"", rule.title);
                        return;
                    }
                }
            }
        }
    }
}

/// What ran an assignment: a rule's statement, or a shock's effect as it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AssignedBy {
    Rule,
    Shock,
}

impl AssignedBy {
    /// The kind of event the assignment writes: a rule's, or a change a shock brings.
    fn kind(self) -> EventKind {
        match self {
            AssignedBy::Rule => EventKind::Rule,
            AssignedBy::Shock => EventKind::Change,
        }
    }

    /// What the assignment's line contributed to its event.
    fn label(self) -> &'static str {
        match self {
            AssignedBy::Rule => "this assignment",
            AssignedBy::Shock => "this change",
        }
    }
}

/// Runs one assignment, a rule's or a shock's, written at `span` and
/// following from the event `after` (the rule's firing or the shock's). It
/// writes an event with the figures before and after, and is noted in
/// [`State::assigned`](super::State::assigned) so that later decisions that
/// read the quantity name it; a model parameter it sets is cited at its line
/// from then on. A value that divides by zero is not written: it is the
/// run's [`Fault`], and the caller stops.
pub(super) fn assign(
    world: &mut World,
    target: &Quantity,
    op: AssignOp,
    value: &Expr,
    span: Span,
    by: AssignedBy,
    after: Seq,
) {
    let value = match eval(world, value, &mut None) {
        Ok(value) => value,
        Err(fault) => {
            // The caller names the rule or the shock whose statement this is.
            world.fault = Some(fault);
            return;
        }
    };
    if let (Quantity::Regime(p), Value::Symbol(regime)) = (target, &value) {
        set_regime(world, *p, *regime, span, by, after);
        return;
    }
    if let Quantity::Great(p) = target {
        set_great(world, *p, value.truth(), span, by, after);
        return;
    }
    let number = value.number();
    let before = world.state.read(target);
    let combined = combine(before, op, number);
    // An expression can overflow to infinity and on to NaN (`1e308 * 10 -
    // 1e308 * 10`); such a value is refused where it would be written, and
    // the refusal is an event, never a silent NaN in the state.
    if !combined.is_finite() {
        world
            .log
            .event(
                by.kind(),
                text!(
                    world.log,
                    "{} is not set: the assignment gave {combined}, not a finite number; it stays at {before:.3}",
                    describe(world, target)
                ),
            )
            .cause(span, "this assignment gave no finite number")
            .after(after)
            .figure("before", before)
            .record();
        return;
    }
    world.state.write(target, combined);
    let now = world.state.read(target);
    let mut draft = world
        .log
        .event(by.kind(), text!(world.log, "{} goes from {before:.3} to {now:.3}", describe(world, target)))
        .cause(span, by.label())
        .after(after)
        .figure("before", before)
        .figure("after", now);
    let worn = match target {
        Quantity::Cohesion(c) | Quantity::Credibility(c) => {
            draft = draft.commitment(*c);
            (now < before).then_some(*c)
        }
        _ => None,
    };
    match target {
        Quantity::Strength(n) => draft = draft.after_opt(world.state.norm_changes[n.0]),
        Quantity::Cohesion(c) | Quantity::Credibility(c) => {
            draft = draft.after_opt(world.state.commitments[c.0].standing_changed);
        }
        Quantity::Trust(a, b) => draft = draft.after_opt(world.state.trust_changed(*a, *b)),
        _ => {}
    }
    let assigned = draft.record();
    world.state.assigned.push((target.clone(), span, assigned));
    match target {
        Quantity::Strength(n) => world.state.norm_changes[n.0] = Some(assigned),
        Quantity::Cohesion(c) | Quantity::Credibility(c) => {
            world.state.commitments[c.0].standing_changed = Some(assigned)
        }
        Quantity::Trust(a, b) => world.state.mark_trust(*a, *b, assigned),
        _ => {}
    }
    if let Quantity::Parameter(i) = target {
        world.state.parameter_spans[*i] = Some(span);
    }
    // An assignment that lowers a commitment's standing is among the causes
    // of its dissolution.
    if let Some(c) = worn {
        world.state.commitments[c.0].wear.push(assigned);
    }
}

/// Sets a power's regime, from a rule's or a shock's assignment or from a
/// shock's `regime P = NAME`, and notes the line that set it.
pub(super) fn set_regime(
    world: &mut World,
    power: PowerId,
    regime: Option<RegimeId>,
    span: Span,
    by: AssignedBy,
    after: Seq,
) {
    let before = std::mem::replace(&mut world.state.powers[power.0].regime, regime);
    let changed = world
        .log
        .event(
            by.kind(),
            text!(
                world.log,
                "{} changes from {} to {}",
                describe(world, &Quantity::Regime(power)),
                world.scenario.regime(before),
                world.scenario.regime(regime)
            ),
        )
        .actor(power)
        .cause(span, by.label())
        .after(after)
        .record();
    world.state.assigned.push((Quantity::Regime(power), span, changed));
}

/// Makes a power great or not, from a rule's or a shock's assignment: it
/// counts among the great powers — in rules, in a general war, in the
/// claims about the great — from this year on (Italy from 1860, Japan from
/// 1895 in the Correlates of War's list of major powers).
fn set_great(world: &mut World, power: PowerId, great: bool, span: Span, by: AssignedBy, after: Seq) {
    let before = std::mem::replace(&mut world.state.powers[power.0].great, great);
    let name = world.scenario.powers[power.0].name.as_str();
    let summary = world.log.text(|| match (before, great) {
        (false, true) => format!("{name} becomes a great power"),
        (true, false) => format!("{name} is no longer a great power"),
        (_, true) => format!("{name} remains a great power"),
        (_, false) => format!("{name} remains outside the great powers"),
    });
    let changed = world
        .log
        .event(by.kind(), summary)
        .actor(power)
        .cause(span, by.label())
        .after(after)
        .figure("before", f64::from(u8::from(before)))
        .figure("after", f64::from(u8::from(great)))
        .record();
    if before != great {
        world.state.great_changes.push((world.log.year, power, great));
    }
    world.state.assigned.push((Quantity::Great(power), span, changed));
}

fn describe(world: &World, quantity: &Quantity) -> String {
    let s = world.scenario;
    match quantity {
        Quantity::Capability(p) => format!("{}'s capability", s.powers[p.0].name),
        Quantity::Stance(p) => format!("{}'s stance", s.powers[p.0].name),
        Quantity::Constraint(p) => format!("{}'s constraint", s.powers[p.0].name),
        Quantity::Destructive(p) => format!("{}'s destructive capacity", s.powers[p.0].name),
        Quantity::Effectiveness(p) => format!("{}'s effectiveness", s.powers[p.0].name),
        Quantity::Interest(p, region) => format!("{}'s interest in {}", s.powers[p.0].name, s.region(*region)),
        Quantity::Regime(p) => format!("{}'s regime", s.powers[p.0].name),
        Quantity::Great(p) => format!("whether {} is great", s.powers[p.0].name),
        Quantity::AtWar(p) => format!("whether {} is at war", s.powers[p.0].name),
        Quantity::Strength(n) => format!("the strength of `{}`", s.norms[n.0].name),
        Quantity::Cohesion(c) => format!("the cohesion of `{}`", s.commitments[c.0].name),
        Quantity::Credibility(c) => format!("the credibility of `{}`", s.commitments[c.0].name),
        Quantity::Alive(c) => format!("whether `{}` is alive", s.commitments[c.0].name),
        Quantity::Happened(x) => format!("whether `{}` happened", s.shocks[x.0].name),
        Quantity::Trust(a, b) => format!("trust between {} and {}", s.powers[a.0].name, s.powers[b.0].name),
        Quantity::Parameter(i) => format!("model.{}", crate::model::PARAMETERS[*i].name),
    }
}

/// Evaluates an expression, noting each quantity it reads for the trace
/// when `reads` is `Some`. It draws nothing and changes nothing, so it can
/// be read twice. A division by zero is an error, not a value: no number
/// it could give (zero, infinity) would be the author's meaning, and a run
/// that went on with one would report outcomes of a model nobody wrote.
/// The fault it gives names no rule or shock: its caller knows which.
fn eval(world: &World, expr: &Expr, reads: &mut Option<Vec<(String, f64)>>) -> Result<Value, Fault> {
    Ok(match &expr.kind {
        ExprKind::Number(n) => Value::Number(*n),
        ExprKind::Bool(b) => Value::Bool(*b),
        ExprKind::Symbol(s) => Value::Symbol(Some(*s)),
        ExprKind::Year => Value::Number(f64::from(world.log.year)),
        ExprKind::Read(quantity) => {
            let value = match quantity {
                Quantity::Regime(p) => Value::Symbol(world.state.powers[p.0].regime),
                Quantity::Great(p) => Value::Bool(world.state.powers[p.0].great),
                Quantity::AtWar(p) => Value::Bool(world.state.powers[p.0].at_war),
                Quantity::Alive(c) => Value::Bool(world.state.commitments[c.0].alive),
                Quantity::Happened(s) => Value::Bool(world.state.happened[s.0]),
                other => Value::Number(world.state.read(other)),
            };
            if let Some(reads) = reads {
                let name = describe(world, quantity);
                if !reads.iter().any(|(read, _)| *read == name) {
                    reads.push((name, value.number()));
                }
            }
            value
        }
        ExprKind::Aggregate { function, attribute, set } => {
            let powers = members(world, *set);
            let values = powers.iter().map(|p| {
                let power = &world.state.powers[p.0];
                match attribute {
                    Some(PowerAttribute::Capability) | None => power.capability,
                    Some(PowerAttribute::Stance) => power.stance,
                    Some(PowerAttribute::Constraint) => power.constraint,
                }
            });
            let value = match function {
                Aggregate::Count => powers.len() as f64,
                Aggregate::Sum => values.sum(),
                Aggregate::Max => values.fold(0.0, f64::max),
                Aggregate::Min => values.reduce(f64::min).unwrap_or(0.0),
                Aggregate::Mean if powers.is_empty() => 0.0,
                Aggregate::Mean => values.sum::<f64>() / powers.len() as f64,
            };
            Value::Number(value)
        }
        ExprKind::Not(inner) => Value::Bool(!eval(world, inner, reads)?.truth()),
        ExprKind::Negate(inner) => Value::Number(-eval(world, inner, reads)?.number()),
        ExprKind::Binary { op, lhs, rhs } => {
            if *op == BinaryOp::And && !eval(world, lhs, reads)?.truth() {
                return Ok(Value::Bool(false));
            }
            if *op == BinaryOp::Or && eval(world, lhs, reads)?.truth() {
                return Ok(Value::Bool(true));
            }
            let (l, r) = match op {
                BinaryOp::And | BinaryOp::Or => return Ok(Value::Bool(eval(world, rhs, reads)?.truth())),
                _ => (eval(world, lhs, reads)?, eval(world, rhs, reads)?),
            };
            let (x, y) = (l.number(), r.number());
            match op {
                BinaryOp::Equal => Value::Bool(l == r),
                BinaryOp::NotEqual => Value::Bool(l != r),
                BinaryOp::Less => Value::Bool(x < y),
                BinaryOp::LessEqual => Value::Bool(x <= y),
                BinaryOp::Greater => Value::Bool(x > y),
                BinaryOp::GreaterEqual => Value::Bool(x >= y),
                BinaryOp::Add => Value::Number(x + y),
                BinaryOp::Subtract => Value::Number(x - y),
                BinaryOp::Multiply => Value::Number(x * y),
                BinaryOp::Divide if y == 0.0 => {
                    let mut noted = Some(Vec::new());
                    let _ = eval(world, rhs, &mut noted);
                    return Err(Fault {
                        dividend_at: lhs.span,
                        divisor: rhs.span,
                        by: String::new(),
                        dividend: x,
                        reads: noted.unwrap_or_default(),
                    });
                }
                BinaryOp::Divide => Value::Number(x / y),
                BinaryOp::And | BinaryOp::Or => unreachable!("handled above"),
            }
        }
    })
}

fn members(world: &World, set: PowerSet) -> Few<PowerId> {
    match set {
        PowerSet::All => (0..world.scenario.powers.len()).map(PowerId).collect(),
        PowerSet::Great => {
            (0..world.scenario.powers.len()).map(PowerId).filter(|p| world.state.powers[p.0].great).collect()
        }
        PowerSet::MembersOf(c) => world.state.commitments[c.0].members.iter().copied().collect(),
    }
}
