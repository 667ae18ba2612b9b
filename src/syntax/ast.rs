//! The typed syntax tree of a case file, with a span on every node.
//!
//! The tree mirrors what was written, in source order, so that `fmt` can
//! print it back; meaning (resolved names, defaults, ranges) is the
//! checker's business.

use crate::source::Span;

/// A node with the span of the text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

/// A name as written: a power, norm, commitment, region, regime, source, …
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub text: String,
    pub span: Span,
}

/// A number as written; `raw` keeps the user's spelling for `fmt`.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub value: f64,
    pub raw: String,
    pub span: Span,
}

/// A calendar year.
#[derive(Debug, Clone, PartialEq)]
pub struct Year {
    pub value: i32,
    pub span: Span,
}

/// An inclusive range of years, `1815..1854`.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRange {
    pub start: Year,
    pub end: Year,
    pub span: Span,
}

/// A string literal, with escapes resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// A whole file: its declarations in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub items: Vec<Item>,
    pub span: Span,
}

/// One top-level declaration.
///
/// Each is boxed, so that an item of a file's list takes one pointer rather
/// than the room of the largest declaration (an `expect`, 336 bytes): a
/// large case holds tens of thousands of items.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Scenario(Box<Scenario>),
    Include(Box<Include>),
    Allow(Box<Allow>),
    Power(Box<Power>),
    Relation(Box<Relation>),
    Norm(Box<Norm>),
    Commitment(Box<Commitment>),
    Shock(Box<Shock>),
    Rule(Box<Rule>),
    Variant(Box<Variant>),
    Expect(Box<Expect>),
    Model(Box<ModelBlock>),
}

impl Item {
    /// The span of the whole declaration.
    pub fn span(&self) -> Span {
        match self {
            Item::Scenario(x) => x.span,
            Item::Include(x) => x.span,
            Item::Allow(x) => x.span,
            Item::Power(x) => x.span,
            Item::Relation(x) => x.span,
            Item::Norm(x) => x.span,
            Item::Commitment(x) => x.span,
            Item::Shock(x) => x.span,
            Item::Rule(x) => x.span,
            Item::Variant(x) => x.span,
            Item::Expect(x) => x.span,
            Item::Model(x) => x.span,
        }
    }
}

/// The `scenario "…" { … }` header.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub title: Text,
    pub items: Vec<Spanned<ScenarioItem>>,
    pub span: Span,
}

/// One line of the scenario header.
#[derive(Debug, Clone, PartialEq)]
pub enum ScenarioItem {
    Period(YearRange),
    Seed(Number),
    Source {
        key: Ident,
        reference: Text,
    },
    /// `data nmc "path.csv"`: a dataset the case reads capabilities from.
    Data {
        dataset: Ident,
        path: Text,
    },
}

/// `include "path.cov"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Include {
    pub path: Text,
    pub span: Span,
}

/// `allow unused-norm, isolated-power`: warnings this case silences.
#[derive(Debug, Clone, PartialEq)]
pub struct Allow {
    pub lints: Vec<Ident>,
    pub span: Span,
}

/// `cite key "locator"`: where a declaration's numbers come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Cite {
    pub source: Ident,
    pub locator: Option<Text>,
}

/// `power Name { … }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Power {
    pub name: Ident,
    pub items: Vec<Spanned<PowerItem>>,
    pub span: Span,
}

/// One attribute of a power.
#[derive(Debug, Clone, PartialEq)]
pub enum PowerItem {
    Capability(Number),
    /// `capability from nmc "UKG"`: the state's series in a dataset.
    CapabilityFrom {
        dataset: Ident,
        code: Text,
    },
    Stance(Stance),
    Regime(Ident),
    Constraint(Number),
    /// `destructive N`: what a war with it destroys of its enemies beyond the ordinary cost.
    Destructive(Number),
    /// `effectiveness N`: what its forces are worth in the field, per unit of capability.
    Effectiveness(Number),
    Interest {
        region: Ident,
        salience: Number,
    },
    Great,
    Cite(Cite),
}

/// How far a power wants to change the order.
#[derive(Debug, Clone, PartialEq)]
pub enum Stance {
    StatusQuo,
    Revisionist,
    Level(Number),
}

/// `relation A B { trust … }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub first: Ident,
    pub second: Ident,
    pub items: Vec<Spanned<RelationItem>>,
    pub span: Span,
}

/// One attribute of a relation.
#[derive(Debug, Clone, PartialEq)]
pub enum RelationItem {
    Trust(Number),
    Cite(Cite),
}

/// `norm name { "text" strength … forbids … }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Norm {
    pub name: Ident,
    pub items: Vec<Spanned<NormItem>>,
    pub span: Span,
}

/// One attribute of a norm.
#[derive(Debug, Clone, PartialEq)]
pub enum NormItem {
    Text(Text),
    Strength(Number),
    Forbids(Vec<Spanned<Act>>),
    Cite(Cite),
}

/// An act a norm can forbid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Conquest,
    Intervention,
}

/// `commitment Name { … }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub name: Ident,
    pub items: Vec<Spanned<CommitmentItem>>,
    pub span: Span,
}

/// One attribute of a commitment.
#[derive(Debug, Clone, PartialEq)]
pub enum CommitmentItem {
    Members(Vec<Ident>),
    Mode(Mode),
    Response(Response),
    Decide(DecisionRule),
    Covers(Vec<Spanned<CrisisKind>>),
    Upholds(Vec<Ident>),
    Protects(Vec<Ident>),
    /// `guarantees P, …`: the powers it answers for, its members being guarantors only.
    Guarantees(Vec<Ident>),
    /// `over R, …`: the regions it answers crises over; every region when absent.
    Over(Vec<Ident>),
    /// The powers whose aggressions it answers; every power's when absent.
    Against(Vec<Ident>),
    Cohesion(Number),
    Credibility(Number),
    /// The year the commitment comes into being.
    Formed(Year),
    Cite(Cite),
}

/// Automatic collective security, or concert-style consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Automatic,
    Concert,
}

/// How the members who act answer an aggression: by fighting, by
/// sanctions, or by aid to the target's war without fighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    Force,
    Sanctions,
    Aid,
}

impl Response {
    /// The response as a case writes it.
    pub fn word(self) -> &'static str {
        match self {
            Response::Force => "force",
            Response::Sanctions => "sanctions",
            Response::Aid => "aid",
        }
    }
}

/// How a concert reaches a decision.
#[derive(Debug, Clone, PartialEq)]
pub enum DecisionRule {
    Consensus,
    Unanimity,
    Majority,
    Weighted(Number),
}

/// The kinds of crisis a commitment can cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrisisKind {
    Aggression,
    Revolution,
    /// A war a member wages as aggressor: an offensive commitment's members
    /// fight beside it against whoever comes into that war.
    Offense,
}

/// `shock name TIMING { effects }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Shock {
    pub name: Ident,
    pub timing: Option<Spanned<Timing>>,
    pub items: Vec<Spanned<ShockItem>>,
    pub span: Span,
}

/// When a shock happens; a shock without timing happens only when a rule
/// triggers it.
#[derive(Debug, Clone, PartialEq)]
pub enum Timing {
    At(Year),
    During(YearRange),
    Chance { probability: Number, years: YearRange },
}

/// One line of a shock.
#[derive(Debug, Clone, PartialEq)]
pub enum ShockItem {
    Effect(Effect),
    Text(Text),
    Cite(Cite),
}

/// What a shock does.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// An aggression, or with `demand` a demand: one bargained over, which
    /// may end in a settlement short of war.
    Aggression {
        aggressor: Actor,
        target: Actor,
        region: Ident,
        stakes: Number,
        backers: Vec<Ident>,
        /// Co-belligerents: powers that fight beside the aggressor (`with P, …`).
        allies: Vec<Ident>,
        demand: bool,
    },
    Revolution {
        state: Actor,
        region: Option<Ident>,
        /// The revolution's chance against its own government (`strength S`).
        strength: Option<Number>,
        backers: Vec<Ident>,
    },
    Join {
        power: Actor,
        commitment: Ident,
    },
    Leave {
        power: Actor,
        commitment: Ident,
    },
    Capability {
        power: Actor,
        op: AssignOp,
        amount: Number,
    },
    Regime {
        power: Actor,
        regime: Ident,
    },
    /// An assignment as a rule's `then` writes it, run when the shock fires.
    Assign {
        target: Target,
        op: AssignOp,
        value: Expr,
    },
}

/// A power named in a shock: one name, or one drawn from a list each time.
#[derive(Debug, Clone, PartialEq)]
pub enum Actor {
    Named(Ident),
    OneOf { choices: Vec<Ident>, span: Span },
}

impl Actor {
    /// The span of the actor as written.
    pub fn span(&self) -> Span {
        match self {
            Actor::Named(name) => name.span,
            Actor::OneOf { span, .. } => *span,
        }
    }

    /// Every name the actor may stand for.
    pub fn names(&self) -> &[Ident] {
        match self {
            Actor::Named(name) => std::slice::from_ref(name),
            Actor::OneOf { choices, .. } => choices,
        }
    }
}

/// `=`, `+=` or `-=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignOp {
    Set,
    Add,
    Subtract,
}

/// `rule "title" { once when … then … }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub title: Text,
    pub once: Option<Span>,
    pub condition: Expr,
    pub statements: Vec<Spanned<Statement>>,
    pub cites: Vec<Spanned<Cite>>,
    pub span: Span,
}

/// One effect of a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    Emit(Text),
    Trigger(Ident),
    Dissolve(Ident),
    Assign { target: Target, op: AssignOp, value: Expr },
}

/// What an assignment changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Path(Path),
    Trust { first: Ident, second: Ident, span: Span },
}

impl Target {
    /// The span of the target as written.
    pub fn span(&self) -> Span {
        match self {
            Target::Path(path) => path.span,
            Target::Trust { span, .. } => *span,
        }
    }
}

/// `Britain.capability`, `model.war_memory`.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub root: PathRoot,
    pub fields: Vec<Ident>,
    pub span: Span,
}

/// What a path starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum PathRoot {
    Model(Span),
    Name(Ident),
}

impl PathRoot {
    /// The span of the root as written.
    pub fn span(&self) -> Span {
        match self {
            PathRoot::Model(span) => *span,
            PathRoot::Name(name) => name.span,
        }
    }
}

/// An expression of the rule language.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// The forms an expression takes.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Number(Number),
    Bool(bool),
    Year,
    Symbol(Ident),
    Path(Path),
    Trust {
        first: Ident,
        second: Ident,
    },
    Aggregate {
        function: Aggregate,
        attribute: Option<Ident>,
        set: PowerSet,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Paren(Box<Expr>),
    /// Stands in for an expression too deep to build; a diagnostic says so.
    Invalid,
}

/// `sum`, `count`, `max`, `min`, `mean`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    Sum,
    Count,
    Max,
    Min,
    Mean,
}

/// A set of powers an aggregate ranges over.
#[derive(Debug, Clone, PartialEq)]
pub enum PowerSet {
    Great,
    All,
    MembersOf(Ident),
}

/// `not` and unary minus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Negate,
}

/// Binary operators, loosest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    And,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    NotEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
}

impl BinaryOp {
    /// How tightly the operator binds; higher binds tighter.
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::And => 2,
            BinaryOp::Less
            | BinaryOp::LessEqual
            | BinaryOp::Greater
            | BinaryOp::GreaterEqual
            | BinaryOp::Equal
            | BinaryOp::NotEqual => 4,
            BinaryOp::Add | BinaryOp::Subtract => 5,
            BinaryOp::Multiply | BinaryOp::Divide => 6,
        }
    }

    /// The operator that says the same with its operands swapped
    /// (`a < b` is `b > a`); the symmetric and the arithmetic ones are their own.
    pub fn flipped(self) -> BinaryOp {
        match self {
            BinaryOp::Less => BinaryOp::Greater,
            BinaryOp::LessEqual => BinaryOp::GreaterEqual,
            BinaryOp::Greater => BinaryOp::Less,
            BinaryOp::GreaterEqual => BinaryOp::LessEqual,
            other => other,
        }
    }

    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Less => "<",
            BinaryOp::LessEqual => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEqual => ">=",
            BinaryOp::Equal => "==",
            BinaryOp::NotEqual => "!=",
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
        }
    }
}

/// `variant name "question" { overrides }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub name: Ident,
    pub question: Option<Text>,
    pub items: Vec<Spanned<VariantItem>>,
    pub span: Span,
}

/// One change a variant makes to the base case.
#[derive(Debug, Clone, PartialEq)]
pub enum VariantItem {
    Override {
        path: Path,
        op: AssignOp,
        value: OverrideValue,
    },
    /// `remove shock NAME`.
    Remove(Ident),
    /// `remove commitment NAME`.
    RemoveCommitment(Ident),
    Shock(Shock),
}

/// The new value of an override.
#[derive(Debug, Clone, PartialEq)]
pub enum OverrideValue {
    Number(Number),
    Name(Ident),
    Weighted(Number),
}

impl OverrideValue {
    /// The span of the value as written.
    pub fn span(&self) -> Span {
        match self {
            OverrideValue::Number(n) | OverrideValue::Weighted(n) => n.span,
            OverrideValue::Name(name) => name.span,
        }
    }
}

/// `expect "title" { … at least 0.8 }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Expect {
    pub title: Text,
    pub expectation: Spanned<Expectation>,
    pub rate: Option<Number>,
    pub cites: Vec<Spanned<Cite>>,
    pub span: Span,
}

/// What the record says happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    War {
        negated: bool,
        sides: Sides,
        window: Spanned<Window>,
    },
    /// `general war of N`: one war in which at least `great_powers` great powers fight.
    GeneralWar {
        negated: bool,
        great_powers: Spanned<u64>,
        window: Spanned<Window>,
    },
    Intervention {
        negated: bool,
        by: Ident,
        state: Ident,
        window: Spanned<Window>,
    },
    Dissolution {
        negated: bool,
        commitment: Ident,
        window: Spanned<Window>,
    },
    Outcome {
        shock: Ident,
        outcome: ShockOutcome,
        window: Option<Spanned<Window>>,
    },
    Threshold {
        path: Path,
        comparison: BinaryOp,
        value: Number,
        window: Spanned<Window>,
    },
}

/// Who an expectation about war is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Sides {
    Between(Ident, Ident),
    Among(PowerGroup),
    /// `involving A`: `A` fights anyone.
    Involving(Ident),
}

/// A group of powers named by an expectation.
#[derive(Debug, Clone, PartialEq)]
pub enum PowerGroup {
    Great(Span),
    All(Span),
    MembersOf(Ident),
    Named(Vec<Ident>),
}

/// How an aggression ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShockOutcome {
    Succeeds,
    Fails,
    Deterred,
    /// Short of war: the aggressor backed down, the target conceded or gave way.
    Settled,
    /// In a war that ended in a compromise peace.
    Compromise,
}

/// The years an expectation looks at.
#[derive(Debug, Clone, PartialEq)]
pub enum Window {
    At(Year),
    During(YearRange),
    By(Year),
}

/// `model { parameter value … }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelBlock {
    pub parameters: Vec<Parameter>,
    pub span: Span,
}

/// One model parameter set by a case.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: Ident,
    pub value: Number,
    pub cite: Option<Cite>,
    pub span: Span,
}
