//! Expressions: paths, operator precedence chains, atoms and the depth limit.

use pest::iterators::Pair;

use super::{Builder, Children, Rule, MAX_EXPRESSION_DEPTH};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::*;

impl Builder<'_> {
    pub(super) fn path(&self, pair: Pair<'_, Rule>) -> Path {
        assert_eq!(pair.as_rule(), Rule::path);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let root_pair = Children::of(c.expect(Rule::path_root)).next().expect("a path root");
        let root = match root_pair.as_rule() {
            Rule::model_root => PathRoot::Model(self.span(&root_pair)),
            Rule::name => PathRoot::Name(self.ident(root_pair)),
            other => unreachable!("not a path root: {other:?}"),
        };
        let fields = self.names(c);
        Path { root, fields, span }
    }

    /// Builds an expression and returns it with its depth, refusing trees
    /// deeper than [`MAX_EXPRESSION_DEPTH`] so that nothing downstream
    /// (checking, printing, dropping) can exhaust the stack.
    pub(super) fn expr(&mut self, pair: Pair<'_, Rule>) -> (Expr, u32) {
        let span = self.span(&pair);
        let built = match pair.as_rule() {
            Rule::expr | Rule::conjunction | Rule::sum | Rule::product | Rule::comparison => self.chain(pair),
            Rule::negation | Rule::unary => self.prefixed(pair),
            Rule::atom => self.atom(pair),
            other => unreachable!("not an expression: {other:?}"),
        };
        match built {
            Some((expr, depth)) if depth <= MAX_EXPRESSION_DEPTH => (expr, depth),
            Some(_) => {
                self.diagnostics.push(Diagnostic::new(
                    Code::NestingTooDeep,
                    format!("expression nested more than {MAX_EXPRESSION_DEPTH} deep"),
                    Span { end: span.start.saturating_add(1).min(span.end), ..span },
                    "this expression is too deep",
                    "split the condition into several rules, or use an aggregate such as `sum(capability of great)`",
                ));
                (Expr { kind: ExprKind::Invalid, span }, 1)
            }
            None => (Expr { kind: ExprKind::Invalid, span }, 1),
        }
    }

    /// A left-associative chain `a op b op c`.
    fn chain(&mut self, pair: Pair<'_, Rule>) -> Option<(Expr, u32)> {
        let mut c = Children::of(pair).pairs;
        let (mut lhs, mut depth) = self.expr(c.next().expect("an operand"));
        while let Some(op_pair) = c.next() {
            let op = binary_op(&op_pair);
            let (rhs, rhs_depth) = self.expr(c.next().expect("an operand after an operator"));
            depth = depth.max(rhs_depth) + 1;
            if depth > MAX_EXPRESSION_DEPTH {
                return Some((lhs, depth));
            }
            let span = lhs.span.to(rhs.span);
            lhs = Expr { kind: ExprKind::Binary { op, lhs: Box::new(lhs), rhs: Box::new(rhs) }, span };
        }
        Some((lhs, depth))
    }

    /// Prefix operators (`not`, unary `-`) before an operand.
    fn prefixed(&mut self, pair: Pair<'_, Rule>) -> Option<(Expr, u32)> {
        let ops: Vec<Pair<'_, Rule>> = Children::of(pair).pairs.collect();
        let (operand_pair, ops) = ops.split_last().expect("an operand");
        if ops.len() as u32 > MAX_EXPRESSION_DEPTH {
            return Some((Expr { kind: ExprKind::Invalid, span: self.span(operand_pair) }, u32::MAX));
        }
        let (mut expr, mut depth) = self.expr(operand_pair.clone());
        for op_pair in ops.iter().rev() {
            let op = match op_pair.as_rule() {
                Rule::not_op => UnaryOp::Not,
                Rule::neg_op => UnaryOp::Negate,
                other => unreachable!("not a prefix operator: {other:?}"),
            };
            depth += 1;
            let span = self.span(op_pair).to(expr.span);
            expr = Expr { kind: ExprKind::Unary { op, operand: Box::new(expr) }, span };
        }
        Some((expr, depth))
    }

    fn atom(&mut self, pair: Pair<'_, Rule>) -> Option<(Expr, u32)> {
        assert_eq!(pair.as_rule(), Rule::atom);
        let span = self.span(&pair);
        let inner = Children::of(pair).next().expect("an atom");
        let kind = match inner.as_rule() {
            Rule::numeral => ExprKind::Number(self.number(inner)),
            Rule::boolean => ExprKind::Bool(inner.as_str() == "true"),
            Rule::year_now => ExprKind::Year,
            Rule::symbol => ExprKind::Symbol(self.ident(Children::of(inner).expect(Rule::name))),
            Rule::path => ExprKind::Path(self.path(inner)),
            Rule::trust_of => {
                let mut a = Children::of(inner);
                let first = self.ident(a.expect(Rule::name));
                let second = self.ident(a.expect(Rule::name));
                ExprKind::Trust { first, second }
            }
            Rule::aggregate => {
                let mut a = Children::of(inner);
                let function = match a.expect(Rule::aggregate_fn).as_str().trim() {
                    "sum" => Aggregate::Sum,
                    "count" => Aggregate::Count,
                    "max" => Aggregate::Max,
                    "min" => Aggregate::Min,
                    _ => Aggregate::Mean,
                };
                let attribute = a.optional(Rule::field).map(|f| self.ident(f));
                let set = self.power_set(a.expect(Rule::power_set));
                ExprKind::Aggregate { function, attribute, set }
            }
            Rule::expr => {
                let (inner, depth) = self.expr(inner);
                return Some((Expr { kind: ExprKind::Paren(Box::new(inner)), span }, depth + 1));
            }
            other => unreachable!("not an atom: {other:?}"),
        };
        // A leaf is no nesting: the depth counts the operators and the
        // parentheses above it, so "at most 200 deep" admits 200 of them.
        Some((Expr { kind, span }, 0))
    }

    fn power_set(&self, pair: Pair<'_, Rule>) -> PowerSet {
        assert_eq!(pair.as_rule(), Rule::power_set);
        let inner = Children::of(pair).next().expect("a set of powers");
        match inner.as_rule() {
            Rule::all_great => PowerSet::Great,
            Rule::all_powers => PowerSet::All,
            Rule::members_of => PowerSet::MembersOf(self.ident(Children::of(inner).expect(Rule::name))),
            other => unreachable!("not a set of powers: {other:?}"),
        }
    }
}

pub(super) fn binary_op(pair: &Pair<'_, Rule>) -> BinaryOp {
    match (pair.as_rule(), pair.as_str()) {
        (Rule::or_op, _) => BinaryOp::Or,
        (Rule::and_op, _) => BinaryOp::And,
        (Rule::cmp_op, "<") => BinaryOp::Less,
        (Rule::cmp_op, "<=") => BinaryOp::LessEqual,
        (Rule::cmp_op, ">") => BinaryOp::Greater,
        (Rule::cmp_op, ">=") => BinaryOp::GreaterEqual,
        (Rule::cmp_op, "==") => BinaryOp::Equal,
        (Rule::cmp_op, _) => BinaryOp::NotEqual,
        (Rule::add_op, "+") => BinaryOp::Add,
        (Rule::add_op, _) => BinaryOp::Subtract,
        (Rule::mul_op, "*") => BinaryOp::Multiply,
        (Rule::mul_op, _) => BinaryOp::Divide,
        (other, text) => unreachable!("not a binary operator: {other:?} `{text}`"),
    }
}
