//! Building the typed syntax tree from pest's parse; the only module that sees `Pair<Rule>`.
//!
//! Each builder asserts the rule it is given and unpacks the children it
//! expects in order; keyword tokens (`kw_*`) carry no value and are skipped.

use pest::iterators::{Pair, Pairs};
use pest::Parser as _;
use std::sync::OnceLock;

use super::ast::{self, *};
use super::lexical::Comment;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/covenant.pest"]
pub(super) struct Grammar;

/// How deep an expression tree may grow once built; a long chain such as
/// `1 + 1 + … + 1` is as deep as it has terms.
pub const MAX_EXPRESSION_DEPTH: u32 = 200;

/// Parses a whole file into its syntax tree, or reports why it cannot.
pub(super) fn parse_file(
    file: FileId,
    text: &str,
    comments: &[Comment],
) -> Result<(File, Vec<Diagnostic>), Diagnostic> {
    let mut pairs = match Grammar::parse(Rule::file, text) {
        Ok(pairs) => pairs,
        Err(error) => return Err(super::errors::rewrite(file, text, comments, detailed(text).unwrap_or(error))),
    };
    let mut builder = Builder { file, text, comments, diagnostics: Vec::new() };
    let tree = builder.file(pairs.next().expect("the grammar yields one file"));
    Ok((tree, builder.diagnostics))
}

/// Parses a text known to be wrong again, this time with pest's detailed
/// attempts, which cost too much to collect on every parse. The setting is
/// process-wide; a parse on another thread at the same moment only runs
/// slower, and its own error, if any, is rewritten with less detail.
fn detailed(text: &str) -> Option<pest::error::Error<Rule>> {
    pest::set_error_detail(true);
    let result = Grammar::parse(Rule::file, text);
    pest::set_error_detail(false);
    result.err()
}

fn is_keyword(kind: Rule) -> bool {
    static KEYWORDS: OnceLock<Vec<bool>> = OnceLock::new();
    let table = KEYWORDS.get_or_init(|| {
        let mut table = vec![false; Rule::all_rules().len() + 1];
        for r in Rule::all_rules() {
            table[*r as usize] = format!("{r:?}").starts_with("kw_");
        }
        table
    });
    table[kind as usize]
}

/// The value-carrying children of a pair, keywords skipped.
struct Children<'i> {
    pairs: std::iter::Peekable<Pairs<'i, Rule>>,
}

impl<'i> Children<'i> {
    fn of(pair: Pair<'i, Rule>) -> Children<'i> {
        Children { pairs: pair.into_inner().peekable() }
    }

    fn skip_keywords(&mut self) {
        while self.pairs.peek().is_some_and(|p| is_keyword(p.as_rule())) {
            self.pairs.next();
        }
    }

    fn next(&mut self) -> Option<Pair<'i, Rule>> {
        self.skip_keywords();
        self.pairs.next()
    }

    fn peek(&mut self) -> Option<Rule> {
        self.skip_keywords();
        self.pairs.peek().map(|p| p.as_rule())
    }

    fn expect(&mut self, kind: Rule) -> Pair<'i, Rule> {
        let pair = self.next().unwrap_or_else(|| panic!("grammar guarantees a {kind:?}"));
        assert_eq!(pair.as_rule(), kind, "grammar guarantees a {kind:?}");
        pair
    }

    fn optional(&mut self, kind: Rule) -> Option<Pair<'i, Rule>> {
        if self.peek() == Some(kind) {
            self.next()
        } else {
            None
        }
    }

    fn rest(mut self) -> impl Iterator<Item = Pair<'i, Rule>> {
        std::iter::from_fn(move || self.next())
    }
}

struct Builder<'t> {
    file: FileId,
    text: &'t str,
    /// The file's comments in order, to trim them off the ends of spans.
    comments: &'t [Comment],
    diagnostics: Vec<Diagnostic>,
}

impl Builder<'_> {
    /// The span of a pair without the whitespace and comments pest skips
    /// after a rule's last token (`a ~ b*` consumes the space before a `b`
    /// that never comes), so spans end where the text does.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        let (start, mut end) = (s.start(), s.end());
        let bytes = self.text.as_bytes();
        loop {
            if end > start && bytes[end - 1].is_ascii_whitespace() {
                end -= 1;
                continue;
            }
            let comment = self.comments.partition_point(|c| (c.span.end as usize) < end);
            match self.comments.get(comment) {
                Some(c) if c.span.end as usize == end && c.span.start as usize >= start => end = c.span.start as usize,
                _ => break,
            }
        }
        Span::new(self.file, start, end)
    }

    fn spanned<T>(&self, pair: &Pair<'_, Rule>, node: T) -> Spanned<T> {
        Spanned { node, span: self.span(pair) }
    }

    fn file(&mut self, pair: Pair<'_, Rule>) -> File {
        assert_eq!(pair.as_rule(), Rule::file);
        let span = self.span(&pair);
        let mut items = Vec::new();
        for child in pair.into_inner() {
            let item = match child.as_rule() {
                Rule::scenario => Item::Scenario(self.scenario(child)),
                Rule::include => Item::Include(self.include(child)),
                Rule::allow => Item::Allow(self.allow(child)),
                Rule::power => Item::Power(self.power(child)),
                Rule::relation => Item::Relation(self.relation(child)),
                Rule::norm => Item::Norm(self.norm(child)),
                Rule::commitment => Item::Commitment(self.commitment(child)),
                Rule::shock => Item::Shock(self.shock(child)),
                Rule::rule_declaration => Item::Rule(self.rule(child)),
                Rule::variant => Item::Variant(self.variant(child)),
                Rule::expect => Item::Expect(self.expect(child)),
                Rule::model_block => Item::Model(self.model_block(child)),
                Rule::EOI => continue,
                other => unreachable!("not a top-level item: {other:?}"),
            };
            items.push(item);
        }
        File { items, span }
    }

    // ------------------------------------------------------------ leaves

    fn ident(&self, pair: Pair<'_, Rule>) -> Ident {
        assert!(matches!(pair.as_rule(), Rule::name | Rule::field | Rule::lint_name));
        Ident { text: pair.as_str().to_string(), span: self.span(&pair) }
    }

    fn number(&mut self, pair: Pair<'_, Rule>) -> Number {
        assert!(matches!(pair.as_rule(), Rule::number | Rule::numeral));
        let span = self.span(&pair);
        let raw = pair.as_str().to_string();
        let value = match raw.parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                self.diagnostics.push(Diagnostic::new(
                    Code::NumberTooLarge,
                    format!("number `{raw}` is too large"),
                    span,
                    "not a finite number",
                    "write a number such as `0.25`; shares, probabilities and strengths lie between 0 and 1",
                ));
                0.0
            }
        };
        Number { value, raw, span }
    }

    fn year(&mut self, pair: Pair<'_, Rule>) -> Year {
        assert_eq!(pair.as_rule(), Rule::year);
        let span = self.span(&pair);
        let value = match pair.as_str().parse::<i32>() {
            Ok(v) if v <= 100_000 => v,
            _ => {
                self.diagnostics.push(Diagnostic::new(
                    Code::NumberTooLarge,
                    format!("year `{}` is too large", pair.as_str()),
                    span,
                    "not a calendar year",
                    "write a year such as `1815`",
                ));
                0
            }
        };
        Year { value, span }
    }

    fn year_range(&mut self, pair: Pair<'_, Rule>) -> YearRange {
        assert_eq!(pair.as_rule(), Rule::year_range);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let start = self.year(c.expect(Rule::year));
        let end = self.year(c.expect(Rule::year));
        YearRange { start, end, span }
    }

    fn text(&mut self, pair: Pair<'_, Rule>) -> Text {
        assert_eq!(pair.as_rule(), Rule::string);
        let span = self.span(&pair);
        let inner = Children::of(pair).expect(Rule::string_inner);
        let body_start = inner.as_span().start();
        let raw = inner.as_str();
        let mut value = String::with_capacity(raw.len());
        let mut chars = raw.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                value.push(c);
                continue;
            }
            match chars.next() {
                Some((_, '"')) => value.push('"'),
                Some((_, '\\')) => value.push('\\'),
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((j, other)) => {
                    let at = body_start + i;
                    self.diagnostics.push(Diagnostic::new(
                        Code::InvalidEscape,
                        if other.is_whitespace() || other.is_control() {
                            "a backslash before a line break or space is not an escape".to_string()
                        } else {
                            format!("unknown escape `\\{other}` in a string")
                        },
                        Span::new(self.file, at, body_start + j + other.len_utf8()),
                        "not an escape Covenant knows",
                        "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a backslash, and type any other character, such as `–`, as it is",
                    ));
                    value.push(other);
                }
                None => value.push('\\'),
            }
        }
        Text { value, span }
    }

    fn cite(&mut self, pair: Pair<'_, Rule>) -> Cite {
        assert_eq!(pair.as_rule(), Rule::cite);
        let mut c = Children::of(pair);
        let source = self.ident(c.expect(Rule::name));
        let locator = c.optional(Rule::string).map(|p| self.text(p));
        Cite { source, locator }
    }

    fn names(&self, c: Children<'_>) -> Vec<Ident> {
        c.rest().map(|p| self.ident(p)).collect()
    }

    fn assign_op(&self, pair: Pair<'_, Rule>) -> AssignOp {
        assert_eq!(pair.as_rule(), Rule::assign_op);
        match pair.as_str() {
            "+=" => AssignOp::Add,
            "-=" => AssignOp::Subtract,
            _ => AssignOp::Set,
        }
    }

    // ------------------------------------------------------------ header

    fn scenario(&mut self, pair: Pair<'_, Rule>) -> Scenario {
        assert_eq!(pair.as_rule(), Rule::scenario);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let title = self.text(c.expect(Rule::string));
        let mut items = Vec::new();
        for item in c.rest() {
            let node = match item.as_rule() {
                Rule::period => {
                    let range = Children::of(item.clone()).expect(Rule::year_range);
                    ScenarioItem::Period(self.year_range(range))
                }
                Rule::seed => {
                    let digits = Children::of(item.clone()).expect(Rule::integer);
                    let span = self.span(&digits);
                    let raw = digits.as_str().to_string();
                    let value = match raw.parse::<u64>() {
                        Ok(v) => v as f64,
                        Err(_) => {
                            self.diagnostics.push(Diagnostic::new(
                                Code::NumberTooLarge,
                                format!("seed `{raw}` is too large"),
                                span,
                                "larger than a 64-bit seed",
                                "a seed is a whole number below 18446744073709551616",
                            ));
                            0.0
                        }
                    };
                    ScenarioItem::Seed(Number { value, raw, span })
                }
                Rule::source => {
                    let mut s = Children::of(item.clone());
                    let key = self.ident(s.expect(Rule::name));
                    let reference = self.text(s.expect(Rule::string));
                    ScenarioItem::Source { key, reference }
                }
                Rule::data => {
                    let mut s = Children::of(item.clone());
                    let dataset = self.ident(s.expect(Rule::name));
                    let path = self.text(s.expect(Rule::string));
                    ScenarioItem::Data { dataset, path }
                }
                other => unreachable!("not a scenario item: {other:?}"),
            };
            items.push(self.spanned(&item, node));
        }
        Scenario { title, items, span }
    }

    fn include(&mut self, pair: Pair<'_, Rule>) -> Include {
        assert_eq!(pair.as_rule(), Rule::include);
        let span = self.span(&pair);
        let path = self.text(Children::of(pair).expect(Rule::string));
        Include { path, span }
    }

    fn allow(&mut self, pair: Pair<'_, Rule>) -> Allow {
        assert_eq!(pair.as_rule(), Rule::allow);
        let span = self.span(&pair);
        Allow { lints: self.names(Children::of(pair)), span }
    }

    // ------------------------------------------------------------ powers

    fn power(&mut self, pair: Pair<'_, Rule>) -> Power {
        assert_eq!(pair.as_rule(), Rule::power);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let name = self.ident(c.expect(Rule::name));
        let mut items = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::capability => {
                    let value = Children::of(item).next().expect("a capability value");
                    match value.as_rule() {
                        Rule::capability_from => {
                            let mut c = Children::of(value);
                            let dataset = self.ident(c.expect(Rule::name));
                            let code = self.text(c.expect(Rule::string));
                            PowerItem::CapabilityFrom { dataset, code }
                        }
                        _ => PowerItem::Capability(self.number(value)),
                    }
                }
                Rule::stance => {
                    let value = Children::of(item).next().expect("a stance value");
                    PowerItem::Stance(match value.as_rule() {
                        Rule::status_quo => Stance::StatusQuo,
                        Rule::revisionist => Stance::Revisionist,
                        Rule::number => Stance::Level(self.number(value)),
                        other => unreachable!("not a stance: {other:?}"),
                    })
                }
                Rule::regime => PowerItem::Regime(self.ident(Children::of(item).expect(Rule::name))),
                Rule::constraint => PowerItem::Constraint(self.number(Children::of(item).expect(Rule::number))),
                Rule::interest => {
                    let mut a = Children::of(item);
                    let region = self.ident(a.expect(Rule::name));
                    let salience = self.number(a.expect(Rule::number));
                    PowerItem::Interest { region, salience }
                }
                Rule::great => PowerItem::Great,
                Rule::cite => PowerItem::Cite(self.cite(item)),
                other => unreachable!("not a power attribute: {other:?}"),
            };
            items.push(Spanned { node, span: item_span });
        }
        Power { name, items, span }
    }

    fn relation(&mut self, pair: Pair<'_, Rule>) -> Relation {
        assert_eq!(pair.as_rule(), Rule::relation);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let first = self.ident(c.expect(Rule::name));
        let second = self.ident(c.expect(Rule::name));
        let mut items = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::trust => RelationItem::Trust(self.number(Children::of(item).expect(Rule::number))),
                Rule::cite => RelationItem::Cite(self.cite(item)),
                other => unreachable!("not a relation attribute: {other:?}"),
            };
            items.push(Spanned { node, span: item_span });
        }
        Relation { first, second, items, span }
    }

    // ------------------------------------------------------------ norms

    fn norm(&mut self, pair: Pair<'_, Rule>) -> Norm {
        assert_eq!(pair.as_rule(), Rule::norm);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let name = self.ident(c.expect(Rule::name));
        let mut items = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::string => NormItem::Text(self.text(item)),
                Rule::strength => NormItem::Strength(self.number(Children::of(item).expect(Rule::number))),
                Rule::forbids => NormItem::Forbids(
                    Children::of(item)
                        .rest()
                        .map(|act| {
                            let value = Children::of(act.clone()).next().expect("an act");
                            let node = match value.as_rule() {
                                Rule::conquest => Act::Conquest,
                                Rule::intervention => Act::Intervention,
                                other => unreachable!("not an act: {other:?}"),
                            };
                            self.spanned(&act, node)
                        })
                        .collect(),
                ),
                Rule::cite => NormItem::Cite(self.cite(item)),
                other => unreachable!("not a norm attribute: {other:?}"),
            };
            items.push(Spanned { node, span: item_span });
        }
        Norm { name, items, span }
    }

    // ------------------------------------------------------------ commitments

    fn commitment(&mut self, pair: Pair<'_, Rule>) -> Commitment {
        assert_eq!(pair.as_rule(), Rule::commitment);
        let span = self.span(&pair);
        let mut c = Children::of(pair);
        let name = self.ident(c.expect(Rule::name));
        let mut items = Vec::new();
        for item in c.rest() {
            let item_span = self.span(&item);
            let node = match item.as_rule() {
                Rule::members => CommitmentItem::Members(self.names(Children::of(item))),
                Rule::mode => {
                    let value = Children::of(item).next().expect("a mode");
                    CommitmentItem::Mode(match value.as_rule() {
                        Rule::automatic => Mode::Automatic,
                        Rule::concert => Mode::Concert,
                        other => unreachable!("not a mode: {other:?}"),
                    })
                }
                Rule::decide => {
                    let value = Children::of(item).next().expect("a decision rule");
                    CommitmentItem::Decide(match value.as_rule() {
                        Rule::consensus => DecisionRule::Consensus,
                        Rule::unanimity => DecisionRule::Unanimity,
                        Rule::majority => DecisionRule::Majority,
                        Rule::weighted => DecisionRule::Weighted(self.number(Children::of(value).expect(Rule::number))),
                        other => unreachable!("not a decision rule: {other:?}"),
                    })
                }
                Rule::covers => CommitmentItem::Covers(
                    Children::of(item)
                        .rest()
                        .map(|kind| {
                            let node = self.crisis_kind(kind.clone());
                            self.spanned(&kind, node)
                        })
                        .collect(),
                ),
                Rule::upholds => CommitmentItem::Upholds(self.names(Children::of(item))),
                Rule::protects => CommitmentItem::Protects(self.names(Children::of(item))),
                Rule::cohesion => CommitmentItem::Cohesion(self.number(Children::of(item).expect(Rule::number))),
                Rule::credibility => CommitmentItem::Credibility(self.number(Children::of(item).expect(Rule::number))),
                Rule::formed => CommitmentItem::Formed(self.year(Children::of(item).expect(Rule::year))),
                Rule::cite => CommitmentItem::Cite(self.cite(item)),
                other => unreachable!("not a commitment attribute: {other:?}"),
            };
            items.push(Spanned { node, span: item_span });
        }
        Commitment { name, items, span }
    }

    fn crisis_kind(&self, pair: Pair<'_, Rule>) -> CrisisKind {
        assert_eq!(pair.as_rule(), Rule::crisis_kind);
        let value = Children::of(pair).next().expect("a crisis kind");
        match value.as_rule() {
            Rule::aggression_kind => CrisisKind::Aggression,
            Rule::revolution_kind => CrisisKind::Revolution,
            other => unreachable!("not a crisis kind: {other:?}"),
        }
    }

    // ------------------------------------------------------------ shocks

    fn shock(&mut self, pair: Pair<'_, Rule>) -> Shock {
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
                    a.expect(Rule::aggression_kind);
                    let aggressor = self.actor(a.expect(Rule::actor));
                    let target = self.actor(a.expect(Rule::actor));
                    let region = self.ident(a.expect(Rule::name));
                    let stakes = self.number(a.expect(Rule::number));
                    ShockItem::Effect(Effect::Aggression { aggressor, target, region, stakes })
                }
                Rule::revolution => {
                    let mut a = Children::of(item);
                    a.expect(Rule::revolution_kind);
                    let state = self.actor(a.expect(Rule::actor));
                    let region = a.next().map(|region| self.ident(region));
                    ShockItem::Effect(Effect::Revolution { state, region })
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

    // ------------------------------------------------------------ rules

    fn rule(&mut self, pair: Pair<'_, Rule>) -> ast::Rule {
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
                    let mut a = Children::of(item);
                    let target = self.target(a.expect(Rule::target));
                    let op = self.assign_op(a.expect(Rule::assign_op));
                    let value = self.expr(a.expect(Rule::expr)).0;
                    Statement::Assign { target, op, value }
                }
                other => unreachable!("not a statement: {other:?}"),
            };
            statements.push(Spanned { node, span: item_span });
        }
        ast::Rule { title, once, condition, statements, cites, span }
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

    fn path(&self, pair: Pair<'_, Rule>) -> Path {
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
    fn expr(&mut self, pair: Pair<'_, Rule>) -> (Expr, u32) {
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
        if ops.len() as u32 >= MAX_EXPRESSION_DEPTH {
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
        Some((Expr { kind, span }, 1))
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

    // ------------------------------------------------------------ variants

    fn variant(&mut self, pair: Pair<'_, Rule>) -> Variant {
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

    // ------------------------------------------------------------ expectations

    fn expect(&mut self, pair: Pair<'_, Rule>) -> Expect {
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
                    other => unreachable!("not sides of a war: {other:?}"),
                };
                let window = self.window(a.expect(Rule::window));
                Expectation::War { negated, sides, window }
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

    // ------------------------------------------------------------ model

    fn model_block(&mut self, pair: Pair<'_, Rule>) -> ModelBlock {
        assert_eq!(pair.as_rule(), Rule::model_block);
        let span = self.span(&pair);
        let parameters = Children::of(pair)
            .rest()
            .map(|p| {
                assert_eq!(p.as_rule(), Rule::parameter);
                let p_span = self.span(&p);
                let mut a = Children::of(p);
                let name = self.ident(a.expect(Rule::name));
                let value = self.number(a.expect(Rule::number));
                let cite = a.optional(Rule::cite).map(|c| self.cite(c));
                Parameter { name, value, cite, span: p_span }
            })
            .collect();
        ModelBlock { parameters, span }
    }
}

fn binary_op(pair: &Pair<'_, Rule>) -> BinaryOp {
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
