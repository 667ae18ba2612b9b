//! Checking rules: attribute paths, the types of expressions, and what rules and shocks may write.
//!
//! The rule language has three types — numbers, booleans and free symbols
//! such as regimes — and every operator says which it takes. A part that
//! fails to check is reported once; the operators around it stay quiet.

use crate::diagnostic::{did_you_mean, Code, Diagnostic};
use crate::scenario::{
    CommitmentId, Expr, ExprKind, NormId, PowerAttribute, PowerId, PowerSet, Quantity, Rule, Scenario, ShockId,
    Statement, Type, Valued,
};
use crate::source::Span;
use crate::syntax::ast::{self, AssignOp, BinaryOp, Ident, UnaryOp};

use super::names::Kind;
use super::Checker;

/// The attributes of each kind of declaration that paths can name.
const POWER_ATTRIBUTES: &[&str] =
    &["capability", "stance", "constraint", "destructive", "effectiveness", "regime", "interest", "great", "at_war"];
const NORM_ATTRIBUTES: &[&str] = &["strength"];
const COMMITMENT_ATTRIBUTES: &[&str] = &["cohesion", "credibility", "alive"];
const SHOCK_ATTRIBUTES: &[&str] = &["happened"];
const AGGREGATE_ATTRIBUTES: &[&str] = &["capability", "stance", "constraint"];

/// What writes an assignment: a rule's statement or a shock's effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Writer {
    Rule,
    Shock,
}

impl Writer {
    fn plural(self) -> &'static str {
        match self {
            Writer::Rule => "rules",
            Writer::Shock => "shocks",
        }
    }
}

impl Type {
    pub(super) fn noun(self) -> &'static str {
        match self {
            Type::Number => "a number",
            Type::Bool => "true or false",
            Type::Symbol => "a name",
        }
    }
}

impl Checker {
    pub(super) fn rule(&mut self, rule: &ast::Rule, scenario: &Scenario) -> Rule {
        let condition = self.expr(&rule.condition, scenario);
        if let Some(condition) = &condition {
            if condition.ty != Type::Bool {
                self.report(Diagnostic::new(
                    Code::ConditionNotBoolean,
                    format!(
                        "the condition of rule \"{}\" is {}, not true or false",
                        rule.title.value,
                        condition.ty.noun()
                    ),
                    condition.span,
                    format!("this is {}", condition.ty.noun()),
                    "compare it with something, such as `Russia.capability > 0.3`",
                ));
            }
        }
        let mut statements = Vec::new();
        for statement in &rule.statements {
            if let Some(checked) = self.statement(&statement.node, scenario) {
                statements.push(Valued::written(checked, statement.span));
            }
        }
        let cites = rule.cites.iter().map(|c| self.cite(&c.node, c.span)).collect();
        let condition =
            condition.unwrap_or(Expr { kind: ExprKind::Bool(false), ty: Type::Bool, span: rule.condition.span });
        Rule {
            title: rule.title.value.clone(),
            span: rule.title.span,
            once: rule.once.is_some(),
            years: condition.years(),
            condition,
            statements,
            cites,
        }
    }

    fn statement(&mut self, statement: &ast::Statement, scenario: &Scenario) -> Option<Statement> {
        Some(match statement {
            ast::Statement::Emit(text) => Statement::Emit(text.value.clone()),
            ast::Statement::Trigger(shock) => {
                Statement::Trigger(ShockId(self.names.resolve(shock, Kind::Shock, &mut self.diagnostics)?))
            }
            ast::Statement::Dissolve(commitment) => Statement::Dissolve(CommitmentId(self.names.resolve(
                commitment,
                Kind::Commitment,
                &mut self.diagnostics,
            )?)),
            ast::Statement::Assign { target, op, value } => {
                let (target, value) = self.assignment(target, *op, value, scenario, Writer::Rule)?;
                Statement::Assign { target, op: *op, value }
            }
        })
    }

    /// Checks an assignment, in a rule's `then` or in a shock: the target
    /// must be writable (`C053`) and the value of its type (`C050`).
    pub(super) fn assignment(
        &mut self,
        target: &ast::Target,
        op: AssignOp,
        value: &ast::Expr,
        scenario: &Scenario,
        writer: Writer,
    ) -> Option<(Quantity, Expr)> {
        let quantity = self.target(target, scenario);
        let value = self.expr(value, scenario);
        let (quantity, value) = (quantity?, value?);
        if !quantity.is_writable() {
            let help = match (&quantity, target, writer) {
                (Quantity::Alive(_), ast::Target::Path(path), Writer::Rule) => {
                    format!("to end the commitment, write `dissolve {}`", written(path, 0))
                }
                (Quantity::Alive(_), ast::Target::Path(path), Writer::Shock) => format!(
                    "a shock cannot end a commitment; lower its `credibility` or `cohesion` here, or write `dissolve {}` in a rule",
                    written(path, 0)
                ),
                _ => "`at_war`, `alive` and `happened` follow from the run; change what causes them instead".to_string(),
            };
            self.report(Diagnostic::new(
                Code::ReadOnly,
                format!("{} cannot change `{}`", writer.plural(), target_text(target)),
                target.span(),
                "follows from the run",
                help,
            ));
            return None;
        }
        let ty = quantity.ty();
        if op != AssignOp::Set && ty != Type::Number {
            self.report(Diagnostic::new(
                Code::TypeMismatch,
                format!("`{}` works on numbers only", op_symbol(op)),
                target.span(),
                format!("this is {}", ty.noun()),
                format!("use `=` to set a name: `{} = …`", target_text(target)),
            ));
            return None;
        }
        if value.ty != ty {
            self.report(
                Diagnostic::new(
                    Code::TypeMismatch,
                    format!("cannot assign {} to {}", value.ty.noun(), ty.noun()),
                    value.span,
                    format!("this is {}", value.ty.noun()),
                    format!("the value must be {}", ty.noun()),
                )
                .with_label(target.span(), format!("this is {}", ty.noun())),
            );
            return None;
        }
        Some((quantity, value))
    }

    fn target(&mut self, target: &ast::Target, scenario: &Scenario) -> Option<Quantity> {
        match target {
            ast::Target::Path(path) => self.quantity(path, scenario),
            ast::Target::Trust { first, second, span } => self.trust(first, second, *span),
        }
    }

    fn trust(&mut self, first: &Ident, second: &Ident, span: Span) -> Option<Quantity> {
        let (a, b) = (self.power_ref(first), self.power_ref(second));
        let (a, b) = (a?, b?);
        if a == b {
            self.report(Diagnostic::new(
                Code::SelfRelation,
                format!("trust between `{}` and itself", first.text),
                span,
                "the same power twice",
                "trust is between two different powers",
            ));
            return None;
        }
        Some(Quantity::Trust(a, b))
    }

    /// Resolves an attribute path such as `Britain.capability` or `model.transparency`.
    pub(super) fn quantity(&mut self, path: &ast::Path, scenario: &Scenario) -> Option<Quantity> {
        let Some(field) = path.fields.first() else {
            // The grammar gives every path a field; nothing to resolve otherwise.
            return None;
        };
        let name = match &path.root {
            ast::PathRoot::Model(_) => {
                self.no_more_fields(path, 1)?;
                return self.parameter(field).map(Quantity::Parameter);
            }
            ast::PathRoot::Name(name) => name,
        };
        let Some(declared) = self.names.get(&name.text) else {
            self.report(self.names.unknown_any(name));
            return None;
        };
        let (attributes, what) = match declared.kind {
            Kind::Power => (POWER_ATTRIBUTES, "power"),
            Kind::Norm => (NORM_ATTRIBUTES, "norm"),
            Kind::Commitment => (COMMITMENT_ATTRIBUTES, "commitment"),
            Kind::Shock => (SHOCK_ATTRIBUTES, "shock"),
        };
        if !attributes.contains(&field.text.as_str()) {
            self.unknown_attribute(field, &format!("{what} `{}`", name.text), attributes);
            return None;
        }
        let index = declared.index;
        let (power, commitment) = (PowerId(index), CommitmentId(index));
        let quantity = match field.text.as_str() {
            "capability" => Quantity::Capability(power),
            "stance" => Quantity::Stance(power),
            "constraint" => Quantity::Constraint(power),
            "destructive" => Quantity::Destructive(power),
            "effectiveness" => Quantity::Effectiveness(power),
            "regime" => Quantity::Regime(power),
            "great" => Quantity::Great(power),
            "at_war" => Quantity::AtWar(power),
            "interest" => {
                let declared = scenario.powers.get(index).map(|p| p.interests.as_slice()).unwrap_or_default();
                let known: Vec<String> = declared.iter().map(|i| self.region_name(i.region).to_string()).collect();
                let Some(region) = path.fields.get(1) else {
                    self.report(Diagnostic::new(
                        Code::UnknownAttribute,
                        format!("`{}.interest` needs a region", name.text),
                        path.span,
                        "which region?",
                        format!(
                            "name the region: `{}.interest.{}`",
                            name.text,
                            known.first().map_or("REGION", String::as_str)
                        ),
                    ));
                    return None;
                };
                self.no_more_fields(path, 2)?;
                if !known.contains(&region.text) {
                    let help = match did_you_mean(&region.text, known.iter().map(String::as_str)) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("give `{}` an interest there first: `interest {} 0.5`", name.text, region.text),
                    };
                    self.report(Diagnostic::new(
                        Code::UnknownAttribute,
                        format!("power `{}` has no interest in `{}`", name.text, region.text),
                        region.span,
                        "no `interest` line names this region",
                        help,
                    ));
                    return None;
                }
                return Some(Quantity::Interest(power, self.region(&region.text)));
            }
            "strength" => Quantity::Strength(NormId(index)),
            "cohesion" => Quantity::Cohesion(commitment),
            "credibility" => Quantity::Credibility(commitment),
            "alive" => Quantity::Alive(commitment),
            "happened" => Quantity::Happened(ShockId(index)),
            _ => unreachable!("every attribute in the tables is matched"),
        };
        self.no_more_fields(path, 1)?;
        Some(quantity)
    }

    /// `Some` when the path ends after `allowed` fields; extra fields are reported.
    fn no_more_fields(&mut self, path: &ast::Path, allowed: usize) -> Option<()> {
        let Some(extra) = path.fields.get(allowed) else { return Some(()) };
        let last = path.fields.last().expect("a field exists");
        let rest: String = path.fields[allowed..].iter().map(|f| format!(".{}", f.text)).collect();
        self.report(Diagnostic::new(
            Code::UnknownAttribute,
            format!("`{}` has no fields", written(path, allowed)),
            extra.span.to(last.span),
            "nothing to read here",
            format!("remove `{rest}`"),
        ));
        None
    }

    pub(super) fn unknown_attribute(&mut self, field: &Ident, owner: &str, attributes: &[&str]) {
        let help = match did_you_mean(&field.text, attributes.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None if attributes.is_empty() => "it has none that a path can name".to_string(),
            None => format!("it has {}", list(attributes)),
        };
        self.report(Diagnostic::new(
            Code::UnknownAttribute,
            format!("{owner} has no `{}`", field.text),
            field.span,
            "unknown attribute",
            help,
        ));
    }

    /// Checks an expression; `None` when a part of it is wrong (and reported).
    pub(super) fn expr(&mut self, expr: &ast::Expr, scenario: &Scenario) -> Option<Expr> {
        let span = expr.span;
        let (kind, ty) = match &expr.kind {
            ast::ExprKind::Number(n) => (ExprKind::Number(n.value), Type::Number),
            ast::ExprKind::Bool(b) => (ExprKind::Bool(*b), Type::Bool),
            ast::ExprKind::Year => (ExprKind::Year, Type::Number),
            ast::ExprKind::Symbol(name) => {
                if let Some(declared) = self.names.get(&name.text) {
                    self.report(
                        Diagnostic::new(
                            Code::WrongKind,
                            format!("`{}` is a {}, not a value", name.text, declared.kind),
                            name.span,
                            "a declaration, not a value",
                            format!(
                                "read one of its attributes, such as `{}.{}`",
                                name.text,
                                first_attribute(declared.kind)
                            ),
                        )
                        .with_label(declared.span, format!("declared as a {} here", declared.kind)),
                    );
                    return None;
                }
                (ExprKind::Symbol(self.regime(&name.text)), Type::Symbol)
            }
            ast::ExprKind::Path(path) => {
                let quantity = self.quantity(path, scenario)?;
                let ty = quantity.ty();
                (ExprKind::Read(quantity), ty)
            }
            ast::ExprKind::Trust { first, second } => (ExprKind::Read(self.trust(first, second, span)?), Type::Number),
            ast::ExprKind::Aggregate { function, attribute, set } => {
                (self.aggregate(*function, attribute.as_ref(), set, span)?, Type::Number)
            }
            ast::ExprKind::Unary { op, operand } => {
                let operand = self.expr(operand, scenario)?;
                match op {
                    UnaryOp::Not => {
                        self.expect_type(&operand, Type::Bool, "`not`")?;
                        (ExprKind::Not(Box::new(operand)), Type::Bool)
                    }
                    UnaryOp::Negate => {
                        self.expect_type(&operand, Type::Number, "`-`")?;
                        (ExprKind::Negate(Box::new(operand)), Type::Number)
                    }
                }
            }
            ast::ExprKind::Binary { op, lhs, rhs } => {
                let lhs_checked = self.expr(lhs, scenario);
                let rhs_checked = self.expr(rhs, scenario);
                if *op == BinaryOp::Divide && is_literal_zero(rhs) {
                    self.report(
                        Diagnostic::new(
                            Code::DivisionByZero,
                            "division by zero".to_string(),
                            rhs.span,
                            "this is zero",
                            "divide by something that is not zero; rules must give a number every year",
                        )
                        .with_label(expr.span, "in this division"),
                    );
                    return None;
                }
                let (lhs, rhs) = (lhs_checked?, rhs_checked?);
                let ty = self.binary(*op, &lhs, &rhs)?;
                (ExprKind::Binary { op: *op, lhs: Box::new(lhs), rhs: Box::new(rhs) }, ty)
            }
            ast::ExprKind::Paren(inner) => {
                let inner = self.expr(inner, scenario)?;
                return Some(Expr { span, ..inner });
            }
            // The parser has reported why it could not build this part.
            ast::ExprKind::Invalid => return None,
        };
        Some(Expr { kind, ty, span })
    }

    fn binary(&mut self, op: BinaryOp, lhs: &Expr, rhs: &Expr) -> Option<Type> {
        let operator = format!("`{}`", op.symbol());
        match op {
            BinaryOp::And | BinaryOp::Or => {
                self.expect_type(lhs, Type::Bool, &operator)?;
                self.expect_type(rhs, Type::Bool, &operator)?;
                Some(Type::Bool)
            }
            BinaryOp::Less | BinaryOp::LessEqual | BinaryOp::Greater | BinaryOp::GreaterEqual => {
                self.expect_type(lhs, Type::Number, &operator)?;
                self.expect_type(rhs, Type::Number, &operator)?;
                Some(Type::Bool)
            }
            BinaryOp::Equal | BinaryOp::NotEqual => {
                if lhs.ty != rhs.ty {
                    let help = match (&lhs.kind, &rhs.kind) {
                        (ExprKind::Symbol(name), _) | (_, ExprKind::Symbol(name)) => {
                            let name = self.regime_name(*name);
                            format!(
                                "`{name}` is a name, which can only be compared with a regime, such as `Britain.regime {} {name}`",
                                op.symbol()
                            )
                        }
                        _ => format!("{operator} compares two values of the same type"),
                    };
                    self.report(
                        Diagnostic::new(
                            Code::TypeMismatch,
                            format!("cannot compare {} with {}", lhs.ty.noun(), rhs.ty.noun()),
                            rhs.span,
                            format!("this is {}", rhs.ty.noun()),
                            help,
                        )
                        .with_label(lhs.span, format!("this is {}", lhs.ty.noun())),
                    );
                    return None;
                }
                Some(Type::Bool)
            }
            BinaryOp::Add | BinaryOp::Subtract | BinaryOp::Multiply | BinaryOp::Divide => {
                self.expect_type(lhs, Type::Number, &operator)?;
                self.expect_type(rhs, Type::Number, &operator)?;
                Some(Type::Number)
            }
        }
    }

    fn expect_type(&mut self, operand: &Expr, expected: Type, operator: &str) -> Option<()> {
        if operand.ty == expected {
            return Some(());
        }
        let help = match (expected, operand.ty) {
            (Type::Bool, Type::Number) => "compare the number with something, such as `… > 0.5`".to_string(),
            (Type::Number, Type::Bool) => {
                "arithmetic and `<`, `>` work on numbers; combine conditions with `and`/`or`".to_string()
            }
            (_, Type::Symbol) => {
                "a name can only be compared with `==` or `!=`, such as `Britain.regime == liberal`".to_string()
            }
            _ => format!("{operator} takes {}", expected.noun()),
        };
        self.report(Diagnostic::new(
            Code::TypeMismatch,
            format!("{operator} needs {}, found {}", expected.noun(), operand.ty.noun()),
            operand.span,
            format!("this is {}", operand.ty.noun()),
            help,
        ));
        None
    }

    fn aggregate(
        &mut self,
        function: ast::Aggregate,
        attribute: Option<&Ident>,
        set: &ast::PowerSet,
        span: Span,
    ) -> Option<ExprKind> {
        let set = match set {
            ast::PowerSet::Great => PowerSet::Great,
            ast::PowerSet::All => PowerSet::All,
            ast::PowerSet::MembersOf(commitment) => PowerSet::MembersOf(CommitmentId(self.names.resolve(
                commitment,
                Kind::Commitment,
                &mut self.diagnostics,
            )?)),
        };
        let name = aggregate_name(function);
        let attribute = match (function, attribute) {
            (ast::Aggregate::Count, None) => None,
            (ast::Aggregate::Count, Some(attribute)) => {
                self.report(Diagnostic::new(
                    Code::AggregateForm,
                    "`count` counts powers and takes no attribute".to_string(),
                    attribute.span,
                    "not used by `count`",
                    "write `count(great)` or `count(members of X)`",
                ));
                return None;
            }
            (_, None) => {
                self.report(Diagnostic::new(
                    Code::AggregateForm,
                    format!("`{name}` needs an attribute to add up"),
                    span,
                    "which attribute?",
                    format!("name one, such as `{name}(capability of great)`"),
                ));
                return None;
            }
            (_, Some(attribute)) => Some(match attribute.text.as_str() {
                "capability" => PowerAttribute::Capability,
                "stance" => PowerAttribute::Stance,
                "constraint" => PowerAttribute::Constraint,
                _ => {
                    self.unknown_attribute(attribute, "an aggregate over powers", AGGREGATE_ATTRIBUTES);
                    return None;
                }
            }),
        };
        Some(ExprKind::Aggregate { function, attribute, set })
    }
}

fn is_literal_zero(expr: &ast::Expr) -> bool {
    match &expr.kind {
        ast::ExprKind::Number(n) => n.value == 0.0,
        ast::ExprKind::Paren(inner) => is_literal_zero(inner),
        ast::ExprKind::Unary { op: UnaryOp::Negate, operand } => is_literal_zero(operand),
        _ => false,
    }
}

fn aggregate_name(function: ast::Aggregate) -> &'static str {
    match function {
        ast::Aggregate::Sum => "sum",
        ast::Aggregate::Count => "count",
        ast::Aggregate::Max => "max",
        ast::Aggregate::Min => "min",
        ast::Aggregate::Mean => "mean",
    }
}

fn first_attribute(kind: Kind) -> &'static str {
    match kind {
        Kind::Power => POWER_ATTRIBUTES[0],
        Kind::Norm => NORM_ATTRIBUTES[0],
        Kind::Commitment => COMMITMENT_ATTRIBUTES[0],
        Kind::Shock => SHOCK_ATTRIBUTES[0],
    }
}

/// A path as written, up to its first `fields` fields: `Britain`, `Britain.capability`.
pub(super) fn written(path: &ast::Path, fields: usize) -> String {
    let root = match &path.root {
        ast::PathRoot::Model(_) => "model",
        ast::PathRoot::Name(name) => name.text.as_str(),
    };
    path.fields.iter().take(fields).fold(root.to_string(), |text, field| format!("{text}.{}", field.text))
}

fn target_text(target: &ast::Target) -> String {
    match target {
        ast::Target::Path(path) => written(path, path.fields.len()),
        ast::Target::Trust { first, second, .. } => format!("trust({}, {})", first.text, second.text),
    }
}

pub(super) fn op_symbol(op: AssignOp) -> &'static str {
    match op {
        AssignOp::Set => "=",
        AssignOp::Add => "+=",
        AssignOp::Subtract => "-=",
    }
}

/// `a`, `a` or `b`, `a`, `b` or `c`.
pub(super) fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
