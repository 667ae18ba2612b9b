//! What a run starts from, setting by setting, and where two sides' settings differ.
//!
//! A side's settings are read from the engine's own starting state
//! ([`State::new`]), so a variant's overrides count exactly as the run
//! applies them; each setting keeps the span that set it on that side (the
//! variant's override, else the declaration, else none for a default).
//! Settings are keyed by a path as a case writes it (`Britain.constraint`,
//! `model.transparency`, `Quadruple_Alliance.mode`), so two files compare
//! declaration by declaration, by name.

use indexmap::IndexMap;

use crate::engine::State;
use crate::model::PARAMETERS;
use crate::scenario::{
    Act, Actor, AssignOp, CrisisKind, DecisionRule, Effect, Mode, Override, PowerId, Quantity, Response, Scenario,
    Setting, Shock, Timing, Variant,
};
use crate::source::{Sources, Span};

use super::Sides;

/// The value of one setting on one side.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    /// A name, a list of names, or a description such as a shock's timing and effects.
    Word(String),
    /// A capability that follows a dataset's record year by year.
    Record(Vec<f64>),
    /// The side has no such declaration (or its variant removes it).
    Absent,
}

impl Value {
    /// The value as the diff prints it.
    pub fn text(&self) -> String {
        match self {
            Value::Number(n) => format!("{n}"),
            Value::Word(word) => word.clone(),
            Value::Record(series) => match (series.first(), series.last()) {
                (Some(first), Some(last)) => {
                    format!("the record, {} years from {first} to {last}", series.len())
                }
                _ => "the record".to_string(),
            },
            Value::Absent => "absent".to_string(),
        }
    }
}

/// What a setting belongs to: how an event that read it can be recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// The case as a whole: its period or its seed.
    Case,
    /// A model parameter; events that read it record a figure of the same name.
    Parameter(String),
    /// An attribute of a power; events that read it for that power record
    /// it under `figure`, when the engine records it at all.
    Power {
        name: String,
        figure: Option<&'static str>,
    },
    /// Trust between two powers.
    Pair(String, String),
    Norm(String),
    Commitment(String),
    Shock(String),
    Rule(String),
}

/// One setting on one side.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub value: Value,
    /// Where this side set it; `None` for a default.
    pub span: Option<Span>,
    pub subject: Subject,
}

/// A setting whose value differs between the two sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The setting as a case writes it, such as `Britain.constraint`.
    pub path: String,
    pub subject: Subject,
    pub values: Sides<Value>,
    /// Where each side set it: a variant's override, the declaration, or none for a default.
    pub spans: Sides<Option<Span>>,
}

/// Every setting a side starts its run from, by path, in the case's order:
/// the period and seed, the model parameters, powers, trust between each
/// pair, norms, commitments, shocks in play and rules.
pub fn settings(scenario: &Scenario, variant: Option<&Variant>, sources: &Sources) -> IndexMap<String, Entry> {
    let state = State::new(scenario, variant);
    let overridden: Vec<(String, Span)> =
        variant.map(|v| v.overrides.iter().map(|o| (override_path(o, scenario), o.span)).collect()).unwrap_or_default();
    // A variant's override is where the value it changes was set.
    let set_at = |path: &str, declared: Option<Span>| {
        overridden.iter().find(|(p, _)| p == path).map(|(_, span)| *span).or(declared)
    };
    let mut out = Settings::default();
    let declared = || Value::Word("declared".to_string());
    let case = || Subject::Case;
    out.add(
        "period",
        Value::Word(format!("{}..{}", scenario.period.start, scenario.period.end)),
        Some(scenario.period.span),
        case(),
    );
    out.add("seed", Value::Number(scenario.seed.value as f64), scenario.seed.span, case());
    for (i, spec) in PARAMETERS.iter().enumerate() {
        let value = state.parameters.get(i).copied().map_or(Value::Absent, Value::Number);
        let span = state.parameter_spans.get(i).copied().flatten();
        out.add(&format!("model.{}", spec.name), value, span, Subject::Parameter(spec.name.to_string()));
    }
    for (i, power) in scenario.powers.iter().enumerate() {
        let now = &state.powers[i];
        let name = &power.name;
        let subject = |figure| Subject::Power { name: name.clone(), figure };
        out.add(&format!("power {name}"), declared(), Some(power.span), subject(None));
        let mut attribute = |field: &str, value: Value, declared: Option<Span>, figure: Option<&'static str>| {
            let path = format!("{name}.{field}");
            let span = set_at(&path, declared);
            out.add(&path, value, span, subject(figure));
        };
        attribute("capability", Value::Number(now.capability), power.capability.span, Some("capability"));
        if let Some(series) = &power.capability_series {
            attribute("capability.record", Value::Record(series.clone()), power.capability.span, None);
        }
        attribute("stance", Value::Number(now.stance), power.stance.span, Some("stance"));
        attribute("constraint", Value::Number(now.constraint), power.constraint.span, Some("constraint"));
        attribute("destructive", Value::Number(now.destructive), power.destructive.span, Some("destructive"));
        attribute("effectiveness", Value::Number(now.effectiveness), power.effectiveness.span, Some("effectiveness"));
        let regime = Value::Word(now.regime.map_or("none", |r| scenario.regimes[r.0].as_str()).to_string());
        attribute("regime", regime, power.regime.as_ref().and_then(|r| r.span), None);
        let great = Value::Word(if power.great.is_some() { "yes" } else { "no" }.to_string());
        attribute("great", great, power.great, None);
        for interest in &power.interests {
            let salience = state.interest(PowerId(i), interest.region);
            let region = scenario.region(interest.region);
            attribute(&format!("interest.{region}"), Value::Number(salience), Some(interest.span), Some("interest"));
        }
    }
    for a in 0..scenario.powers.len() {
        for b in a + 1..scenario.powers.len() {
            let (first, second) = pair(&scenario.powers[a].name, &scenario.powers[b].name);
            let declared = scenario
                .relations
                .iter()
                .find(|r| (r.first.0, r.second.0) == (a, b) || (r.first.0, r.second.0) == (b, a))
                .map(|r| r.trust.as_ref().and_then(|t| t.span).unwrap_or(r.span));
            let path = format!("trust({first}, {second})");
            let span = set_at(&path, declared);
            let value = Value::Number(state.trust(PowerId(a), PowerId(b)));
            out.add(&path, value, span, Subject::Pair(first.to_string(), second.to_string()));
        }
    }
    for (i, norm) in scenario.norms.iter().enumerate() {
        let subject = || Subject::Norm(norm.name.clone());
        out.add(&format!("norm {}", norm.name), declared(), Some(norm.span), subject());
        let path = format!("{}.strength", norm.name);
        let span = set_at(&path, norm.strength.span);
        out.add(&path, Value::Number(state.norms[i]), span, subject());
        let forbids: Vec<&str> = norm.forbids.iter().map(|act| act_word(*act)).collect();
        out.add(&format!("{}.forbids", norm.name), list(forbids), Some(norm.span), subject());
    }
    for (i, commitment) in scenario.commitments.iter().enumerate() {
        let now = &state.commitments[i];
        let name = &commitment.name;
        let subject = || Subject::Commitment(name.clone());
        if now.removed {
            // Absent on this side, set so by the `remove commitment` line;
            // its attributes go with it.
            let removed = variant.and_then(|v| v.removed_commitments.iter().find(|r| r.value.0 == i));
            out.add(&format!("commitment {name}"), Value::Absent, removed.and_then(|r| r.span), subject());
            continue;
        }
        out.add(&format!("commitment {name}"), declared(), Some(commitment.span), subject());
        let names = |powers: &[PowerId]| list(powers.iter().map(|p| scenario.powers[p.0].name.as_str()).collect());
        out.add(&format!("{name}.members"), names(&now.members), Some(commitment.members_span), subject());
        out.add(&format!("{name}.mode"), Value::Word(mode_word(now.mode).to_string()), now.mode_span, subject());
        let response = Value::Word(Response::word(now.response).to_string());
        out.add(&format!("{name}.response"), response, now.response_span, subject());
        out.add(&format!("{name}.decide"), Value::Word(decide_word(now.decide)), now.decide_span, subject());
        let covers: Vec<&str> = commitment.covers.iter().map(|k| crisis_word(*k)).collect();
        out.add(&format!("{name}.covers"), list(covers), Some(commitment.span), subject());
        let upholds: Vec<&str> = commitment.upholds.iter().map(|n| scenario.norms[n.0].name.as_str()).collect();
        out.add(&format!("{name}.upholds"), list(upholds), Some(commitment.span), subject());
        out.add(&format!("{name}.protects"), names(&commitment.protects), Some(commitment.span), subject());
        out.add(&format!("{name}.guarantees"), names(&commitment.guarantees), Some(commitment.span), subject());
        out.add(
            &format!("{name}.over"),
            Value::Word(commitment.regions.iter().map(|r| scenario.region(*r)).collect::<Vec<_>>().join(", ")),
            Some(commitment.span),
            subject(),
        );
        let against = commitment.against_span.unwrap_or(commitment.span);
        out.add(&format!("{name}.against"), names(&commitment.against), Some(against), subject());
        let path = format!("{name}.cohesion");
        let span = set_at(&path, commitment.cohesion.as_ref().and_then(|c| c.span));
        out.add(&path, Value::Number(now.cohesion), span, subject());
        let path = format!("{name}.credibility");
        let span = set_at(&path, commitment.credibility.as_ref().and_then(|c| c.span));
        out.add(&path, Value::Number(now.credibility), span, subject());
    }
    for &id in &state.shocks {
        let shock = &scenario.shocks[id.0];
        let value = Value::Word(shock_text(shock, scenario, sources));
        out.add(&format!("shock {}", shock.name), value, Some(shock.span), Subject::Shock(shock.name.clone()));
    }
    // A removed shock is absent on this side, set so by the `remove` line.
    for removed in variant.map(|v| v.removed.as_slice()).unwrap_or_default() {
        let name = &scenario.shocks[removed.value.0].name;
        out.add(&format!("shock {name}"), Value::Absent, removed.span, Subject::Shock(name.clone()));
    }
    for rule in &scenario.rules {
        let mut parts = Vec::new();
        if rule.once {
            parts.push("once".to_string());
        }
        parts.push(format!("when {}", words(sources.slice(rule.condition.span))));
        let then: Vec<String> =
            rule.statements.iter().filter_map(|s| s.span).map(|s| words(sources.slice(s))).collect();
        parts.push(format!("then {}", then.join("; ")));
        let path = format!("rule \"{}\"", rule.title);
        out.add(&path, Value::Word(parts.join(" ")), Some(rule.span), Subject::Rule(rule.title.clone()));
    }
    out.0
}

/// The settings whose values differ: the left side's paths in order, then
/// those only the right side has. A path one side lacks is [`Value::Absent`]
/// there; a power, norm or commitment one side does not declare at all is one
/// difference (`power Britain`), not one for each of its attributes.
pub fn differences(left: &IndexMap<String, Entry>, right: &IndexMap<String, Entry>) -> Vec<Difference> {
    let mut out = Vec::new();
    let paths = left.keys().chain(right.keys().filter(|path| !left.contains_key(*path)));
    for path in paths {
        let (l, r) = (left.get(path), right.get(path));
        let value = |entry: Option<&Entry>| entry.map_or(Value::Absent, |e| e.value.clone());
        let values = Sides { left: value(l), right: value(r) };
        if values.left == values.right {
            continue;
        }
        let subject = l.or(r).map(|e| e.subject.clone()).expect("a path comes from one side at least");
        // A declaration a side lacks, or that its variant removes.
        let missing = |entries: &IndexMap<String, Entry>| {
            declarations(&subject)
                .iter()
                .any(|d| *d != *path && entries.get(d).is_none_or(|e| e.value == Value::Absent))
        };
        if (l.is_none() && missing(left)) || (r.is_none() && missing(right)) {
            continue;
        }
        out.push(Difference {
            path: path.clone(),
            subject,
            values,
            spans: Sides { left: l.and_then(|e| e.span), right: r.and_then(|e| e.span) },
        });
    }
    out
}

/// The paths of the declarations a subject's settings belong to.
fn declarations(subject: &Subject) -> Vec<String> {
    match subject {
        Subject::Power { name, .. } => vec![format!("power {name}")],
        Subject::Pair(a, b) => vec![format!("power {a}"), format!("power {b}")],
        Subject::Norm(name) => vec![format!("norm {name}")],
        Subject::Commitment(name) => vec![format!("commitment {name}")],
        Subject::Case | Subject::Parameter(_) | Subject::Shock(_) | Subject::Rule(_) => Vec::new(),
    }
}

/// Settings in the order they are added; a later entry for the same path
/// replaces the earlier one in place.
#[derive(Default)]
struct Settings(IndexMap<String, Entry>);

impl Settings {
    fn add(&mut self, path: &str, value: Value, span: Option<Span>, subject: Subject) {
        self.0.insert(path.to_string(), Entry { value, span, subject });
    }
}

/// The path a variant's override names, as the settings spell it.
fn override_path(o: &Override, scenario: &Scenario) -> String {
    let commitment = |c: &crate::scenario::CommitmentId| scenario.commitments[c.0].name.as_str();
    match &o.setting {
        Setting::Mode(c) => format!("{}.mode", commitment(c)),
        Setting::Response(c) => format!("{}.response", commitment(c)),
        Setting::Decide(c) => format!("{}.decide", commitment(c)),
        Setting::Quantity(quantity) => quantity_path(quantity, scenario),
    }
}

/// A quantity as a case writes it: `Britain.constraint`, `trust(Austria, Russia)`, `model.transparency`.
fn quantity_path(quantity: &Quantity, scenario: &Scenario) -> String {
    let power = |p: &PowerId| scenario.powers[p.0].name.as_str();
    let commitment = |c: &crate::scenario::CommitmentId| scenario.commitments[c.0].name.as_str();
    match quantity {
        Quantity::Capability(p) => format!("{}.capability", power(p)),
        Quantity::Stance(p) => format!("{}.stance", power(p)),
        Quantity::Constraint(p) => format!("{}.constraint", power(p)),
        Quantity::Destructive(p) => format!("{}.destructive", power(p)),
        Quantity::Effectiveness(p) => format!("{}.effectiveness", power(p)),
        Quantity::Interest(p, region) => format!("{}.interest.{}", power(p), scenario.region(*region)),
        Quantity::Regime(p) => format!("{}.regime", power(p)),
        Quantity::Great(p) => format!("{}.great", power(p)),
        Quantity::AtWar(p) => format!("{}.at_war", power(p)),
        Quantity::Strength(n) => format!("{}.strength", scenario.norms[n.0].name),
        Quantity::Cohesion(c) => format!("{}.cohesion", commitment(c)),
        Quantity::Credibility(c) => format!("{}.credibility", commitment(c)),
        Quantity::Alive(c) => format!("{}.alive", commitment(c)),
        Quantity::Happened(s) => format!("{}.happened", scenario.shocks[s.0].name),
        Quantity::Trust(a, b) => {
            let (first, second) = pair(power(a), power(b));
            format!("trust({first}, {second})")
        }
        Quantity::Parameter(i) => format!("model.{}", PARAMETERS[*i].name),
    }
}

/// Two powers' names in a fixed order, so a pair is one path whichever
/// way round a case declares it.
fn pair<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

fn list(items: Vec<&str>) -> Value {
    Value::Word(if items.is_empty() { "none".to_string() } else { items.join(", ") })
}

/// Source text on one line, its runs of white space made single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn act_word(act: Act) -> &'static str {
    match act {
        Act::Conquest => "conquest",
        Act::Intervention => "intervention",
    }
}

fn crisis_word(kind: CrisisKind) -> &'static str {
    match kind {
        CrisisKind::Aggression => "aggression",
        CrisisKind::Revolution => "revolution",
        CrisisKind::Offense => "offense",
    }
}

fn mode_word(mode: Mode) -> &'static str {
    match mode {
        Mode::Automatic => "automatic",
        Mode::Concert => "concert",
    }
}

fn decide_word(rule: DecisionRule) -> String {
    match rule {
        DecisionRule::Consensus => "consensus".to_string(),
        DecisionRule::Unanimity => "unanimity".to_string(),
        DecisionRule::Majority => "majority".to_string(),
        DecisionRule::Weighted(t) => format!("weighted {t}"),
    }
}

/// A shock's timing and effects as a case writes them, on one line.
fn shock_text(shock: &Shock, scenario: &Scenario, sources: &Sources) -> String {
    let power = |p: &PowerId| scenario.powers[p.0].name.clone();
    let actor = |a: &Actor| match a {
        Actor::Named(p) => power(p),
        Actor::OneOf(choices) => format!("one_of({})", choices.iter().map(power).collect::<Vec<_>>().join(", ")),
    };
    let commitment = |c: &crate::scenario::CommitmentId| scenario.commitments[c.0].name.clone();
    let backed = |backers: &[PowerId]| {
        if backers.is_empty() {
            String::new()
        } else {
            format!(" backed by {}", backers.iter().map(power).collect::<Vec<_>>().join(", "))
        }
    };
    let op = |op: &AssignOp| match op {
        AssignOp::Set => "=",
        AssignOp::Add => "+=",
        AssignOp::Subtract => "-=",
    };
    let timing = match shock.timing {
        Timing::At(year) => format!("at {year}"),
        Timing::During { start, end } => format!("during {start}..{end}"),
        Timing::Chance { probability, start, end } => format!("chance {probability} each year during {start}..{end}"),
        Timing::Triggered => "when triggered".to_string(),
    };
    let effects: Vec<String> = shock
        .effects
        .iter()
        .map(|effect| match &effect.value {
            Effect::Aggression { aggressor, target, region, stakes, backers, allies, demand } => {
                let with = if allies.is_empty() {
                    String::new()
                } else {
                    format!(" with {}", allies.iter().map(power).collect::<Vec<_>>().join(", "))
                };
                format!(
                    "{} {} -> {} over {} stakes {stakes}{with}{}",
                    if *demand { "demand" } else { "aggression" },
                    actor(aggressor),
                    actor(target),
                    scenario.region(*region),
                    backed(backers)
                )
            }
            Effect::Revolution { state, region, strength, backers } => {
                let over = region.map(|r| format!(" over {}", scenario.region(r))).unwrap_or_default();
                // The default, 1, is written as no strength at all.
                let strength = if *strength < 1.0 { format!(" strength {strength}") } else { String::new() };
                format!("revolution in {}{over}{strength}{}", actor(state), backed(backers))
            }
            Effect::Join { power, commitment: c } => format!("join {} to {}", actor(power), commitment(c)),
            Effect::Leave { power, commitment: c } => format!("leave {} from {}", actor(power), commitment(c)),
            Effect::Capability { power, op: o, amount } => format!("capability {} {} {amount}", actor(power), op(o)),
            Effect::Regime { power, regime } => format!("regime {} = {}", actor(power), scenario.regime(Some(*regime))),
            // The value as written: an expression reads the run, and two
            // cases that write the same words mean the same.
            Effect::Assign { target, op: o, value } => {
                format!("{} {} {}", quantity_path(target, scenario), op(o), words(sources.slice(value.span)))
            }
        })
        .collect();
    format!("{timing}: {}", effects.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::load::{load_bytes, LoadOptions};

    fn case(text: &str) -> (Scenario, Sources) {
        let loaded = load_bytes(std::path::Path::new("case.cov"), text.as_bytes().to_vec(), LoadOptions::default());
        let checked = check(&loaded);
        (checked.scenario.expect("the case checks"), loaded.sources)
    }

    const CASE: &str = r#"
scenario "S" { period 1815..1820 seed 7 }
power Britain { capability 0.5 constraint 0.6 great }
power Russia { capability 0.5 great }
commitment Pact { members Britain, Russia mode concert decide consensus covers aggression }
shock war at 1816 { aggression Russia -> Britain over Iberia stakes 0.2 }
variant opaque { model.transparency = 0.1 }
variant bound { Pact.mode = automatic  Britain.constraint -= 0.2  remove shock war }
"#;

    #[test]
    fn a_variant_differs_in_what_it_overrides_and_points_at_its_lines() {
        let (scenario, sources) = case(CASE);
        let base = settings(&scenario, None, &sources);
        let opaque = settings(&scenario, Some(&scenario.variants[0]), &sources);
        let found = differences(&base, &opaque);
        assert_eq!(found.len(), 1, "{found:#?}");
        let difference = &found[0];
        assert_eq!(difference.path, "model.transparency");
        assert_eq!(difference.values, Sides { left: Value::Number(0.5), right: Value::Number(0.1) });
        assert_eq!(difference.spans.left, None, "the base leaves it to its default");
        let set = difference.spans.right.expect("the override's line");
        assert_eq!(sources.slice(set), "model.transparency = 0.1");
        assert_eq!(difference.subject, Subject::Parameter("transparency".to_string()));
    }

    #[test]
    fn shifts_and_removals_are_read_as_the_run_applies_them() {
        let (scenario, sources) = case(CASE);
        let base = settings(&scenario, None, &sources);
        let bound = settings(&scenario, Some(&scenario.variants[1]), &sources);
        let found = differences(&base, &bound);
        let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["Britain.constraint", "Pact.mode", "shock war"]);
        let constraint = &found[0];
        assert_eq!(constraint.values.right, Value::Number(0.6 - 0.2));
        assert_eq!(sources.slice(constraint.spans.left.unwrap()), "0.6");
        assert_eq!(sources.slice(constraint.spans.right.unwrap()), "Britain.constraint -= 0.2");
        assert_eq!(found[1].values.left, Value::Word("concert".to_string()));
        assert_eq!(found[2].values.right, Value::Absent);
        assert_eq!(sources.slice(found[2].spans.right.unwrap()), "remove shock war");
    }

    #[test]
    fn a_shock_assignment_reads_as_written_with_its_target_by_name() {
        let guarantee = "shock guarantee at 1817 { Britain.constraint =  0.2 * model.transparency\n trust(Russia, Britain) -= 0.1 }\n";
        let (scenario, sources) = case(&format!("{CASE}{guarantee}"));
        let base = settings(&scenario, None, &sources);
        assert_eq!(
            base["shock guarantee"].value,
            Value::Word(
                "at 1817: Britain.constraint = 0.2 * model.transparency; trust(Britain, Russia) -= 0.1".to_string()
            )
        );
    }

    #[test]
    fn a_response_differs_as_a_mode_does() {
        let sanctions = CASE.replace("covers aggression }", "response sanctions  covers aggression }")
            + "variant fight { Pact.response = force }\n";
        let (scenario, sources) = case(&sanctions);
        let base = settings(&scenario, None, &sources);
        let fight = settings(&scenario, scenario.variants.iter().find(|v| v.name == "fight"), &sources);
        let found = differences(&base, &fight);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].path, "Pact.response");
        assert_eq!(found[0].subject, Subject::Commitment("Pact".to_string()));
        let words = found[0].values.map(|_, v| v.text());
        assert_eq!(words, Sides { left: "sanctions".to_string(), right: "force".to_string() });
        assert_eq!(sources.slice(found[0].spans.left.unwrap()), "response sanctions");
        assert_eq!(sources.slice(found[0].spans.right.unwrap()), "Pact.response = force");
        // Against a case that leaves it to its default, `force`, which no line sets.
        let (plain, plain_sources) = case(CASE);
        let found = differences(&settings(&plain, None, &plain_sources), &base);
        let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["Pact.response"]);
        assert_eq!(found[0].spans.left, None);
    }

    #[test]
    fn two_cases_compare_declaration_by_declaration() {
        let (left, left_sources) = case(CASE);
        let changed = CASE.replace("constraint 0.6", "constraint 0.3").replace(
            "power Russia { capability 0.5 great }",
            "power Russia { capability 0.5 great }\nrelation Russia Britain { trust 0.9 }",
        );
        let (right, right_sources) = case(&changed);
        let found = differences(&settings(&left, None, &left_sources), &settings(&right, None, &right_sources));
        let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["Britain.constraint", "trust(Britain, Russia)"]);
        assert_eq!(found[1].values, Sides { left: Value::Number(0.5), right: Value::Number(0.9) });
        assert!(found[1].spans.left.is_none() && found[1].spans.right.is_some());
    }
}
