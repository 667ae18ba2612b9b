//! The checked scenario: every name resolved, every number in range — the engine's input.
//!
//! Each value that came from the source keeps its span so that a run's
//! traces can point at the line that set it; a value the case left to its
//! default has no span, and the log says "default" instead.

use crate::source::Span;
pub use crate::syntax::ast::{Act, Aggregate, AssignOp, BinaryOp, CrisisKind, Mode, Response, ShockOutcome};

/// A value together with the place that set it, if the source did.
#[derive(Debug, Clone, PartialEq)]
pub struct Valued<T> {
    pub value: T,
    /// `None` when the value is a default.
    pub span: Option<Span>,
}

impl<T> Valued<T> {
    /// A value written in the source at `span`.
    pub fn written(value: T, span: Span) -> Valued<T> {
        Valued { value, span: Some(span) }
    }

    /// A value the case left to its default.
    pub fn default(value: T) -> Valued<T> {
        Valued { value, span: None }
    }
}

/// The index of a power in [`Scenario::powers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct PowerId(pub usize);

/// The index of a norm in [`Scenario::norms`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct NormId(pub usize);

/// The index of a commitment in [`Scenario::commitments`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct CommitmentId(pub usize);

/// The index of a shock in [`Scenario::shocks`]; a variant's added shocks
/// come after the base case's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct ShockId(pub usize);

/// The index of a region or issue in [`Scenario::regions`]: what an
/// `interest`, a commitment's `over` and a crisis's `over` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct RegionId(pub usize);

/// The index of a regime in [`Scenario::regimes`]: a name such as
/// `liberal` that a power's `regime`, a shock, a rule or a variant gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct RegimeId(pub usize);

/// A whole case, ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub title: Valued<String>,
    pub period: Period,
    pub seed: Valued<u64>,
    pub sources: Vec<Source>,
    pub powers: Vec<Power>,
    pub relations: Vec<Relation>,
    pub norms: Vec<Norm>,
    pub commitments: Vec<Commitment>,
    pub shocks: Vec<Shock>,
    pub rules: Vec<Rule>,
    pub variants: Vec<Variant>,
    pub expectations: Vec<Expectation>,
    /// Model parameters the case's `model { … }` blocks set.
    pub parameters: Vec<ParameterSetting>,
    /// Every region the case names, in the order it first names them.
    pub regions: Vec<String>,
    /// Every name the case's regimes are given or compared with, in the
    /// order it first writes them.
    pub regimes: Vec<String>,
}

impl Scenario {
    /// A region's name.
    pub fn region(&self, region: RegionId) -> &str {
        &self.regions[region.0]
    }

    /// A regime's name; "unnamed" for a power the case gives none.
    pub fn regime(&self, regime: Option<RegimeId>) -> &str {
        regime.map_or("unnamed", |r| &self.regimes[r.0])
    }
}

/// The years a case runs, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: i32,
    pub end: i32,
    pub span: Span,
}

impl Period {
    /// Whether `year` lies in the period.
    pub fn contains(&self, year: i32) -> bool {
        (self.start..=self.end).contains(&year)
    }

    /// The number of years the case runs.
    pub fn years(&self) -> usize {
        (self.end - self.start + 1) as usize
    }
}

/// A work the case cites for its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub key: String,
    pub reference: String,
    pub span: Span,
}

/// Where one declaration's numbers come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub source: String,
    pub locator: Option<String>,
    pub span: Span,
}

/// A state in the system.
#[derive(Debug, Clone, PartialEq)]
pub struct Power {
    pub name: String,
    /// The span of the name in its declaration.
    pub span: Span,
    /// Share of the system's capability, 0..1, at the start of the period.
    pub capability: Valued<f64>,
    /// The recorded capability in each year of the period, when it comes
    /// from a dataset: the run moves the power's capability as the record does.
    pub capability_series: Option<Vec<f64>>,
    /// Revisionism, 0 (status quo) ..1 (revisionist).
    pub stance: Valued<f64>,
    /// Domestic constraint on using force abroad, 0..1.
    pub constraint: Valued<f64>,
    /// What a war with it destroys of its enemies beyond the ordinary cost of
    /// war, 0..1: 0 for conventional arms, near 1 for an assured second strike.
    pub destructive: Valued<f64>,
    /// What its forces are worth in the field per unit of capability, 1 by
    /// default: the case's measure of fighting power beside the material one.
    pub effectiveness: Valued<f64>,
    /// A free name such as `liberal`; `None` when the case gives none.
    pub regime: Option<Valued<RegimeId>>,
    pub interests: Vec<Interest>,
    pub great: Option<Span>,
    pub cites: Vec<Citation>,
}

/// How much a power cares about a region or issue.
#[derive(Debug, Clone, PartialEq)]
pub struct Interest {
    pub region: RegionId,
    pub salience: f64,
    pub span: Span,
}

impl Power {
    /// The salience of `region` to this power, 0 when it has no interest there.
    pub fn interest_in(&self, region: RegionId) -> f64 {
        self.interests.iter().find(|i| i.region == region).map_or(0.0, |i| i.salience)
    }
}

/// Trust between two powers, declared once for the pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub first: PowerId,
    pub second: PowerId,
    /// `None` leaves it to `model.trust_start`.
    pub trust: Option<Valued<f64>>,
    pub span: Span,
}

/// A shared rule of conduct and how strongly it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Norm {
    pub name: String,
    pub span: Span,
    pub text: Option<String>,
    pub strength: Valued<f64>,
    pub forbids: Vec<Act>,
    pub cites: Vec<Citation>,
}

/// How a concert decides; automatic commitments do not decide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DecisionRule {
    /// Nobody opposes.
    Consensus,
    /// Everybody supports.
    Unanimity,
    /// More support than oppose, abstentions aside.
    Majority,
    /// The supporters' share of the members' capability reaches the threshold.
    Weighted(f64),
}

/// An alliance, league or concert among powers.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub name: String,
    pub span: Span,
    pub members: Vec<PowerId>,
    pub members_span: Span,
    pub mode: Valued<Mode>,
    /// How the members who act answer an aggression; `force` unless written.
    pub response: Valued<Response>,
    pub decide: Valued<DecisionRule>,
    pub covers: Vec<CrisisKind>,
    pub upholds: Vec<NormId>,
    pub protects: Vec<PowerId>,
    /// The powers it guarantees: when there are any, it answers for them (and
    /// the powers it `protects`) and not for its own members, who are its
    /// guarantors.
    pub guarantees: Vec<PowerId>,
    /// The regions it answers crises over (its treaty area); every region when empty.
    pub regions: Vec<RegionId>,
    /// The powers whose aggressions it answers (the casus foederis); empty
    /// when it answers every aggressor's.
    pub against: Vec<PowerId>,
    /// The first `against` line, when there is one.
    pub against_span: Option<Span>,
    /// `None` leaves it to `model.cohesion_start`.
    pub cohesion: Option<Valued<f64>>,
    /// `None` leaves it to `model.credibility_start`.
    pub credibility: Option<Valued<f64>>,
    /// The year it comes into being, when later than the period's start.
    pub formed: Option<Valued<i32>>,
    pub cites: Vec<Citation>,
}

impl Commitment {
    /// Whether the commitment responds to crises of `kind`.
    pub fn covers(&self, kind: CrisisKind) -> bool {
        self.covers.contains(&kind)
    }

    /// Whether it answers a crisis over `region`: its treaty area, when it
    /// has one, names the region. A crisis over no region (a revolution
    /// without one) lies in no treaty area.
    pub fn covers_region(&self, region: Option<RegionId>) -> bool {
        self.regions.is_empty() || region.is_some_and(|r| self.regions.contains(&r))
    }

    /// Whether it answers an aggression by `aggressor`: it covers aggression
    /// and, when it is `against` some powers, the aggressor is one of them.
    pub fn answers(&self, aggressor: PowerId) -> bool {
        self.covers(CrisisKind::Aggression) && (self.against.is_empty() || self.against.contains(&aggressor))
    }
}

/// When a shock happens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Timing {
    /// In one year.
    At(i32),
    /// In every year of a range.
    During { start: i32, end: i32 },
    /// With a probability each year of a range.
    Chance { probability: f64, start: i32, end: i32 },
    /// Only when a rule triggers it.
    Triggered,
}

/// Something that happens to the system from outside the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Shock {
    pub name: String,
    pub span: Span,
    pub timing: Timing,
    pub timing_span: Option<Span>,
    pub effects: Vec<Valued<Effect>>,
    pub description: Option<String>,
    pub cites: Vec<Citation>,
}

/// A power named by a shock: fixed, or drawn each time the shock happens.
#[derive(Debug, Clone, PartialEq)]
pub enum Actor {
    Named(PowerId),
    OneOf(Vec<PowerId>),
}

/// What a shock does.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Aggression {
        aggressor: Actor,
        target: Actor,
        region: RegionId,
        stakes: f64,
        /// Powers that stand behind the aggressor without fighting.
        backers: Vec<PowerId>,
        /// Co-belligerents: powers that fight beside the aggressor.
        allies: Vec<PowerId>,
        /// A demand, bargained over: it may end in a settlement short of war.
        demand: bool,
    },
    /// A revolution in `state`; `region`, when given, is where the powers'
    /// interests decide who cares to intervene.
    Revolution {
        state: Actor,
        region: Option<RegionId>,
        /// The revolution's chance against its own government: the
        /// government puts it down alone with chance `1 − strength`. Without
        /// a declared strength (1) it cannot, and only other powers may.
        strength: f64,
        /// Powers that stand behind the revolution.
        backers: Vec<PowerId>,
    },
    Join {
        power: Actor,
        commitment: CommitmentId,
    },
    Leave {
        power: Actor,
        commitment: CommitmentId,
    },
    Capability {
        power: Actor,
        op: AssignOp,
        amount: f64,
    },
    Regime {
        power: Actor,
        regime: RegimeId,
    },
    /// An assignment as a rule writes it, run when the shock fires, so that
    /// it comes before the shocks after it in the same year; the effect's
    /// span is the assignment's.
    Assign {
        target: Quantity,
        op: AssignOp,
        value: Expr,
    },
}

/// The most a power's `effectiveness` may multiply its capability by.
pub const EFFECTIVENESS_MAX: f64 = 10.0;

/// A quantity of the running model that rules read and write.
#[derive(Debug, Clone, PartialEq)]
pub enum Quantity {
    Capability(PowerId),
    Stance(PowerId),
    Constraint(PowerId),
    Destructive(PowerId),
    Effectiveness(PowerId),
    Interest(PowerId, RegionId),
    Regime(PowerId),
    Great(PowerId),
    AtWar(PowerId),
    Strength(NormId),
    Cohesion(CommitmentId),
    Credibility(CommitmentId),
    Alive(CommitmentId),
    Happened(ShockId),
    Trust(PowerId, PowerId),
    /// A model parameter, by its index in [`crate::model::PARAMETERS`].
    Parameter(usize),
}

/// The type of an expression's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Number,
    Bool,
    /// A free name such as a regime.
    Symbol,
}

impl Scenario {
    /// The powers that are great at some time: marked `great`, or made great
    /// by a shock's or a rule's assignment (`Italy.great = true`).
    pub fn ever_great(&self) -> Vec<PowerId> {
        let made_great = |target: &Quantity, value: &Expr| match (target, &value.kind) {
            (Quantity::Great(_), ExprKind::Bool(false)) => None,
            (Quantity::Great(p), _) => Some(*p),
            _ => None,
        };
        let by_shocks = self.shocks.iter().flat_map(|s| &s.effects).filter_map(|e| match &e.value {
            Effect::Assign { target, value, .. } => made_great(target, value),
            _ => None,
        });
        let by_rules = self.rules.iter().flat_map(|r| &r.statements).filter_map(|s| match &s.value {
            Statement::Assign { target, value, .. } => made_great(target, value),
            _ => None,
        });
        let mut powers: Vec<PowerId> =
            (0..self.powers.len()).map(PowerId).filter(|p| self.powers[p.0].great.is_some()).collect();
        for p in by_shocks.chain(by_rules) {
            if !powers.contains(&p) {
                powers.push(p);
            }
        }
        powers
    }
}

impl Quantity {
    /// The type of the quantity's value.
    pub fn ty(&self) -> Type {
        match self {
            Quantity::Regime(_) => Type::Symbol,
            Quantity::Great(_) | Quantity::AtWar(_) | Quantity::Alive(_) | Quantity::Happened(_) => Type::Bool,
            _ => Type::Number,
        }
    }

    /// Whether a rule or a shock may change it.
    pub fn is_writable(&self) -> bool {
        !matches!(self, Quantity::AtWar(_) | Quantity::Alive(_) | Quantity::Happened(_))
    }

    /// Whether a variant may override it: a writable quantity, but not a
    /// power's standing as great, which a case declares and its shocks and
    /// rules change in the record's years.
    pub fn is_overridable(&self) -> bool {
        self.is_writable() && !matches!(self, Quantity::Great(_))
    }
}

/// A set of powers an aggregate ranges over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PowerSet {
    Great,
    All,
    MembersOf(CommitmentId),
}

/// A numeric attribute of a power that aggregates can range over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PowerAttribute {
    Capability,
    Stance,
    Constraint,
}

/// A checked expression of the rule language.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
}

/// The forms a checked expression takes; parentheses are gone.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Number(f64),
    Bool(bool),
    /// A name, which only a regime is compared with.
    Symbol(RegimeId),
    Year,
    Read(Quantity),
    Aggregate {
        function: Aggregate,
        attribute: Option<PowerAttribute>,
        set: PowerSet,
    },
    Not(Box<Expr>),
    Negate(Box<Expr>),
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
}

/// A rule the interpreter evaluates every year, after the crises.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub title: String,
    pub span: Span,
    pub once: bool,
    pub condition: Expr,
    /// The only years its condition can hold in, read off the comparisons
    /// of `year` with a number that it joins with `and` (all years when
    /// there are none): the engine skips the rule in every other year.
    pub years: std::ops::RangeInclusive<i32>,
    pub statements: Vec<Valued<Statement>>,
    pub cites: Vec<Citation>,
}

impl Expr {
    /// The years this condition can be true in, as far as its `and` of
    /// comparisons between `year` and a number says; every year when it
    /// says nothing.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        match &self.kind {
            ExprKind::Binary { op: BinaryOp::And, lhs, rhs } => {
                let (l, r) = (lhs.years(), rhs.years());
                *l.start().max(r.start())..=*l.end().min(r.end())
            }
            ExprKind::Binary { op, lhs, rhs } => match (&lhs.kind, &rhs.kind) {
                (ExprKind::Year, ExprKind::Number(n)) => year_compared(*op, *n),
                (ExprKind::Number(n), ExprKind::Year) => year_compared(op.flipped(), *n),
                _ => i32::MIN..=i32::MAX,
            },
            _ => i32::MIN..=i32::MAX,
        }
    }
}

/// The whole years `y` for which `y op n` holds (float casts saturate).
fn year_compared(op: BinaryOp, n: f64) -> std::ops::RangeInclusive<i32> {
    // An empty range: no year is in it.
    #[allow(clippy::reversed_empty_ranges)]
    const NEVER: std::ops::RangeInclusive<i32> = 1..=0;
    match op {
        BinaryOp::Equal if n.fract() == 0.0 && (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&n) => {
            n as i32..=n as i32
        }
        BinaryOp::Equal => NEVER,
        BinaryOp::Less => i32::MIN..=(n.ceil() - 1.0) as i32,
        BinaryOp::LessEqual => i32::MIN..=n.floor() as i32,
        BinaryOp::Greater => (n.floor() + 1.0) as i32..=i32::MAX,
        BinaryOp::GreaterEqual => n.ceil() as i32..=i32::MAX,
        _ => i32::MIN..=i32::MAX,
    }
}

/// One effect of a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    Emit(String),
    Trigger(ShockId),
    Dissolve(CommitmentId),
    Assign { target: Quantity, op: AssignOp, value: Expr },
}

/// The same case with some settings changed, to compare against the base.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub name: String,
    pub question: Option<String>,
    pub span: Span,
    pub overrides: Vec<Override>,
    pub removed: Vec<Valued<ShockId>>,
    /// Commitments that do not exist in this variant (`remove commitment`).
    pub removed_commitments: Vec<Valued<CommitmentId>>,
    /// Shocks the variant adds; their ids index [`Scenario::shocks`] past the
    /// base case's own shocks, and only this variant's runs include them.
    pub added: Vec<ShockId>,
}

/// One setting a variant changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub setting: Setting,
    pub op: AssignOp,
    pub value: SettingValue,
    pub span: Span,
}

/// Something a variant can override.
#[derive(Debug, Clone, PartialEq)]
pub enum Setting {
    Quantity(Quantity),
    Mode(CommitmentId),
    Response(CommitmentId),
    Decide(CommitmentId),
}

/// The new value of an overridden setting.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingValue {
    Number(f64),
    Symbol(RegimeId),
    Mode(Mode),
    Response(Response),
    Decide(DecisionRule),
}

/// The years an expectation looks at, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: i32,
    pub end: i32,
    /// Written `by YEAR`: for a threshold, reached in some year up to the
    /// end rather than held in every year of the window.
    pub by: bool,
    pub span: Span,
}

/// A group of powers an expectation is about.
#[derive(Debug, Clone, PartialEq)]
pub enum PowerGroup {
    Great,
    All,
    MembersOf(CommitmentId),
    Named(Vec<PowerId>),
}

/// What the historical record says, for `covenant test`.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    pub title: String,
    pub span: Span,
    pub claim: Claim,
    /// The share of seeds in which the claim must hold; `None` means all.
    pub rate: Option<f64>,
    pub cites: Vec<Citation>,
}

/// The claim an expectation makes about a run.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    WarBetween {
        negated: bool,
        first: PowerId,
        second: PowerId,
        window: Window,
    },
    WarAmong {
        negated: bool,
        group: PowerGroup,
        window: Window,
    },
    /// `power` fights anyone within the window.
    WarInvolving {
        negated: bool,
        power: PowerId,
        window: Window,
    },
    /// One war within the window in which at least `great_powers` great powers fight.
    GeneralWar {
        negated: bool,
        great_powers: usize,
        window: Window,
    },
    Intervention {
        negated: bool,
        by: PowerId,
        state: PowerId,
        window: Window,
    },
    Dissolution {
        negated: bool,
        commitment: CommitmentId,
        window: Window,
    },
    Outcome {
        shock: ShockId,
        outcome: ShockOutcome,
        window: Option<Window>,
    },
    Threshold {
        quantity: Quantity,
        comparison: BinaryOp,
        value: f64,
        window: Window,
    },
}

/// A model parameter a case sets.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterSetting {
    /// The index in [`crate::model::PARAMETERS`].
    pub parameter: usize,
    pub value: f64,
    pub span: Span,
}
