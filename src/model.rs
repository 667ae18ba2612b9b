//! The model's named parameters: defaults, ranges and what each one means.
//!
//! Every constant of the model is listed here, so that a case's `model { … }`
//! block, a variant and the run header all speak of the same names.
//! `docs/model.md` explains the mechanics behind them.

/// One model parameter and its documented default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParameterSpec {
    /// The name used in `model { … }` and `model.NAME`.
    pub name: &'static str,
    /// The value when a case does not set it.
    pub default: f64,
    /// The lowest allowed value.
    pub min: f64,
    /// The highest allowed value.
    pub max: f64,
    /// What the parameter means, in one line.
    pub meaning: &'static str,
}

macro_rules! parameters {
    ($( $name:ident = $default:literal in $min:literal .. $max:literal : $meaning:literal; )*) => {
        /// Every model parameter, in the order the run header prints them.
        pub const PARAMETERS: &[ParameterSpec] = &[
            $( ParameterSpec { name: stringify!($name), default: $default, min: $min, max: $max, meaning: $meaning }, )*
        ];
    };
}

parameters! {
    war_memory = 0.5 in 0.0 .. 1.0:
        "the shadow of the last hegemonic war, raising the cost of the coalition breaking up (Jervis 1985)";
    war_memory_decay = 0.03 in 0.0 .. 1.0:
        "the share of the war memory that fades each year";
    transparency = 0.5 in 0.0 .. 1.0:
        "how well powers see each other's capabilities and intentions; 1 - transparency blurs every perceived figure";
    dissolve_below = 0.2 in 0.0 .. 1.0:
        "a commitment whose cohesion or credibility falls below this dissolves";
    cohesion_start = 0.8 in 0.0 .. 1.0:
        "a concert's cohesion when the case does not give one";
    credibility_start = 0.8 in 0.0 .. 1.0:
        "an automatic commitment's credibility when the case does not give one";
    trust_start = 0.5 in 0.0 .. 1.0:
        "trust between two powers that no relation describes";
    credibility_learning = 0.5 in 0.0 .. 1.0:
        "how far one crisis moves an automatic commitment's credibility toward the share of the obliged capability that honoured it";
    defection_trust_loss = 0.2 in 0.0 .. 1.0:
        "trust the other members lose in a defector";
    defection_norm_loss = 0.1 in 0.0 .. 1.0:
        "strength the upheld norm loses when a member defects";
    split_cohesion_loss = 0.15 in 0.0 .. 1.0:
        "cohesion a concert loses when consultation ends without a decision";
    success_cohesion_gain = 0.05 in 0.0 .. 1.0:
        "cohesion a concert gains when its decision to act keeps the peace: the aggressor deterred, or its demand settled at the concert's conference";
    consultation_trust_gain = 0.05 in 0.0 .. 1.0:
        "trust members gain in each other after a decision reached together";
    violation_norm_loss = 0.15 in 0.0 .. 1.0:
        "strength a norm loses each time an act it forbids happens";
    norm_recovery = 0.01 in 0.0 .. 1.0:
        "strength a norm regains in a year without violation";
    war_cost = 0.1 in 0.0 .. 1.0:
        "share of its capability a power loses in a year of war";
    war_decisiveness = 0.4 in 0.0 .. 1.0:
        "the chance that a year of war between evenly matched sides decides it; the more lopsided the war, the likelier a year decides it";
    war_trust_loss = 0.3 in 0.0 .. 1.0:
        "trust lost between powers on opposite sides of a war";
    buck_passing = 0.3 in 0.0 .. 1.0:
        "how far a power under self-help lowers its effort when others also balance";
    uncommitted_weight = 0.5 in 0.0 .. 1.0:
        "how far an aggressor counts on the opposition of powers that promised nothing";
    sanctions_weight = 0.25 in 0.0 .. 1.0:
        "how far an aggressor counts the capability of powers that answer it with sanctions, not force";
    aid_weight = 0.1 in 0.0 .. 1.0:
        "the share of its capability a power that answers with aid adds to the side it aids, in the aggressor's reckoning and in the war";
    threat_learning = 0.3 in 0.0 .. 1.0:
        "how far each conquest an aggressor completes moves its threat toward 1: what it reveals of its aims to the members of every commitment";
    resolve_base = 0.3 in 0.0 .. 1.0:
        "an aggressor's resolve before its stance adds to it";
    shared_regime_affinity = 0.8 in 0.0 .. 1.0:
        "how much a power wants to put down a revolution against a regime like its own";
    other_regime_affinity = 0.2 in 0.0 .. 1.0:
        "how much a power wants to put down a revolution against a regime unlike its own";
    intervention_norm_weight = 0.5 in 0.0 .. 1.0:
        "how far the norm against intervention holds back a power that would intervene";
    intervention_constraint_weight = 0.3 in 0.0 .. 1.0:
        "how far domestic constraint holds back a power that would intervene";
}

/// The parameter with this name.
pub fn parameter(name: &str) -> Option<&'static ParameterSpec> {
    PARAMETERS.iter().find(|p| p.name == name)
}

/// The index of the parameter with this name, in [`PARAMETERS`].
pub fn parameter_index(name: &str) -> Option<usize> {
    PARAMETERS.iter().position(|p| p.name == name)
}

/// The index of a parameter the engine reads, found at compile time when
/// called in a `const` block, so that the engine never searches by name
/// while it runs and a misspelt name fails the build.
pub const fn index(name: &str) -> usize {
    let mut i = 0;
    while i < PARAMETERS.len() {
        if same(PARAMETERS[i].name.as_bytes(), name.as_bytes()) {
            return i;
        }
        i += 1;
    }
    panic!("not a parameter of the model")
}

/// Whether two byte strings are equal, at compile time (the name lookups
/// of parameters and of the ensemble's measures).
pub(crate) const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
