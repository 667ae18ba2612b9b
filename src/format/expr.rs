//! Printing expressions, and the names, numbers and strings that declarations share with them.

use crate::syntax::ast::{
    Actor, Aggregate, AssignOp, Cite, Expr, ExprKind, Ident, Path, PathRoot, PowerSet, Target, Text, UnaryOp, Year,
    YearRange,
};

use super::Printer;

impl Printer<'_> {
    /// A string literal as the user spelled it, so that escapes stay as written.
    pub(super) fn string(&self, text: &Text) -> String {
        match self.text.get(text.span.range()) {
            Some(raw) if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') => line_feeds_only(raw),
            _ => quote(&text.value),
        }
    }

    /// A year as the user spelled it: a year too large to read is kept, not zeroed.
    pub(super) fn year(&self, year: &Year) -> String {
        match self.text.get(year.span.range()) {
            Some(raw) if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) => raw.to_string(),
            _ => year.value.to_string(),
        }
    }

    pub(super) fn years(&self, range: &YearRange) -> String {
        format!("{}..{}", self.year(&range.start), self.year(&range.end))
    }

    pub(super) fn cite(&self, cite: &Cite) -> String {
        match &cite.locator {
            Some(locator) => format!("cite {} {}", cite.source.text, self.string(locator)),
            None => format!("cite {}", cite.source.text),
        }
    }

    pub(super) fn target(&self, target: &Target) -> String {
        match target {
            Target::Path(path) => path_text(path),
            Target::Trust { first, second, .. } => {
                format!("trust({}, {})", first.text, second.text)
            }
        }
    }

    /// An expression on one line, with the parentheses the user wrote and no others.
    pub(super) fn expr(&mut self, expr: &Expr) -> String {
        let mut out = String::new();
        self.write_expr(expr, &mut out);
        out
    }

    fn write_expr(&mut self, expr: &Expr, out: &mut String) {
        match &expr.kind {
            ExprKind::Number(number) => out.push_str(&number.raw),
            ExprKind::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            ExprKind::Year => out.push_str("year"),
            ExprKind::Symbol(name) => out.push_str(&name.text),
            ExprKind::Path(path) => out.push_str(&path_text(path)),
            ExprKind::Trust { first, second } => {
                out.push_str(&format!("trust({}, {})", first.text, second.text));
            }
            ExprKind::Aggregate { function, attribute, set } => {
                out.push_str(aggregate_name(*function));
                out.push('(');
                if let Some(attribute) = attribute {
                    out.push_str(&attribute.text);
                    out.push_str(" of ");
                }
                match set {
                    PowerSet::Great => out.push_str("great"),
                    PowerSet::All => out.push_str("powers"),
                    PowerSet::MembersOf(commitment) => {
                        out.push_str("members of ");
                        out.push_str(&commitment.text);
                    }
                }
                out.push(')');
            }
            ExprKind::Unary { op, operand } => {
                out.push_str(match op {
                    UnaryOp::Not => "not ",
                    UnaryOp::Negate => "-",
                });
                self.write_expr(operand, out);
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.write_expr(lhs, out);
                out.push(' ');
                out.push_str(op.symbol());
                out.push(' ');
                self.write_expr(rhs, out);
            }
            ExprKind::Paren(inner) => {
                out.push('(');
                self.write_expr(inner, out);
                out.push(')');
            }
            // The parser gave up on building this expression, so the source is
            // the only faithful record of it: copy it, comments included.
            ExprKind::Invalid => {
                let range = expr.span.start as usize..self.content_end(expr.span.end as usize);
                if let Some(source) = self.text.get(range.clone()) {
                    self.verbatim.push(range);
                    let lines: Vec<&str> = source.lines().map(str::trim_end).collect();
                    out.push_str(&lines.join("\n"));
                }
            }
        }
    }
}

/// `Britain.capability`, `model.war_memory`.
pub(super) fn path_text(path: &Path) -> String {
    let mut out = match &path.root {
        PathRoot::Model(_) => "model".to_string(),
        PathRoot::Name(name) => name.text.clone(),
    };
    for field in &path.fields {
        out.push('.');
        out.push_str(&field.text);
    }
    out
}

/// Names separated by `, `.
pub(super) fn names(names: &[Ident]) -> String {
    let texts: Vec<&str> = names.iter().map(|name| name.text.as_str()).collect();
    texts.join(", ")
}

pub(super) fn actor(actor: &Actor) -> String {
    match actor {
        Actor::Named(name) => name.text.clone(),
        Actor::OneOf { choices, .. } => format!("one_of({})", names(choices)),
    }
}

pub(super) fn assign_op(op: AssignOp) -> &'static str {
    match op {
        AssignOp::Set => "=",
        AssignOp::Add => "+=",
        AssignOp::Subtract => "-=",
    }
}

fn aggregate_name(function: Aggregate) -> &'static str {
    match function {
        Aggregate::Sum => "sum",
        Aggregate::Count => "count",
        Aggregate::Max => "max",
        Aggregate::Min => "min",
        Aggregate::Mean => "mean",
    }
}

/// A string literal for `value`, for a tree whose text is not at hand: only
/// `"` and `\` need escaping, and a tab is made visible.
fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A string's line breaks as line feeds alone. Every carriage return just
/// before a line feed goes, not one per line feed, so that formatting twice
/// gives what formatting once gave (`"a\r\r\nb"` is `"a\nb"` at once).
fn line_feeds_only(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for piece in raw.split_inclusive('\n') {
        match piece.strip_suffix('\n') {
            Some(line) => {
                out.push_str(line.trim_end_matches('\r'));
                out.push('\n');
            }
            None => out.push_str(piece),
        }
    }
    out
}
