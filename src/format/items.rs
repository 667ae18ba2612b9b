//! Printing declarations: one line per item, blocks for everything with braces.

use crate::syntax::ast::{
    Act, Commitment, CommitmentItem, CrisisKind, DecisionRule, Effect, Expect, Expectation, File, Ident, Item, Mode,
    ModelBlock, Norm, NormItem, OverrideValue, Power, PowerGroup, PowerItem, Relation, RelationItem, Rule, Scenario,
    ScenarioItem, Shock, ShockItem, ShockOutcome, Sides, Spanned, Stance, Statement, Timing, Variant, VariantItem,
    Window,
};

use super::expr::{actor, assign_op, names, path_text};
use super::Printer;
use crate::source::Span;

/// Prints every declaration of a file, in source order.
pub(super) fn file(p: &mut Printer, tree: &File) {
    let mut previous: Option<&Item> = None;
    for item in &tree.items {
        if let Some(previous) = previous {
            // Declarations keep the author's grouping: a blank line the
            // author left between two stays (several become one), and none
            // is added, so `fmt` moves no line of a case.
            if same_run(previous, item) {
                p.join_next = true;
            }
        }
        declaration(p, item);
        previous = Some(item);
    }
}

fn same_run(previous: &Item, item: &Item) -> bool {
    matches!((previous, item), (Item::Include(_), Item::Include(_)) | (Item::Allow(_), Item::Allow(_)))
}

fn declaration(p: &mut Printer, item: &Item) {
    match item {
        Item::Scenario(scenario) => self::scenario(p, scenario),
        Item::Include(include) => {
            let content = format!("include {}", p.string(&include.path));
            p.line(&content, include.span);
        }
        Item::Allow(allow) => p.line(&format!("allow {}", names(&allow.lints)), allow.span),
        Item::Power(power) => self::power(p, power),
        Item::Relation(relation) => self::relation(p, relation),
        Item::Norm(norm) => self::norm(p, norm),
        Item::Commitment(commitment) => self::commitment(p, commitment),
        Item::Shock(shock) => self::shock(p, shock),
        Item::Rule(rule) => self::rule(p, rule),
        Item::Variant(variant) => self::variant(p, variant),
        Item::Expect(expect) => self::expect(p, expect),
        Item::Model(model) => self::model(p, model),
    }
}

/// Prints a block's items, one line each.
fn lines<T>(p: &mut Printer, items: &[Spanned<T>], render: impl Fn(&Printer, &T) -> String) {
    for item in items {
        let content = render(p, &item.node);
        p.item(&content, item.span);
    }
}

fn scenario(p: &mut Printer, scenario: &Scenario) {
    let header = format!("scenario {}", p.string(&scenario.title));
    let empty = scenario.items.is_empty();
    p.block(&header, scenario.title.span.end, scenario.span, empty, |p| {
        lines(p, &scenario.items, |p, item| match item {
            ScenarioItem::Period(range) => format!("period {}", p.years(range)),
            ScenarioItem::Seed(seed) => format!("seed {}", seed.raw),
            ScenarioItem::Source { key, reference } => {
                format!("source {} {}", key.text, p.string(reference))
            }
            ScenarioItem::Data { dataset, path } => format!("data {} {}", dataset.text, p.string(path)),
        });
    });
}

fn power(p: &mut Printer, power: &Power) {
    let header = format!("power {}", power.name.text);
    let empty = power.items.is_empty();
    p.block(&header, power.name.span.end, power.span, empty, |p| {
        lines(p, &power.items, |p, item| match item {
            PowerItem::Capability(n) => format!("capability {}", n.raw),
            PowerItem::CapabilityFrom { dataset, code } => {
                format!("capability from {} {}", dataset.text, p.string(code))
            }
            PowerItem::Stance(Stance::StatusQuo) => "stance status_quo".to_string(),
            PowerItem::Stance(Stance::Revisionist) => "stance revisionist".to_string(),
            PowerItem::Stance(Stance::Level(n)) => format!("stance {}", n.raw),
            PowerItem::Regime(regime) => format!("regime {}", regime.text),
            PowerItem::Constraint(n) => format!("constraint {}", n.raw),
            PowerItem::Destructive(n) => format!("destructive {}", n.raw),
            PowerItem::Effectiveness(n) => format!("effectiveness {}", n.raw),
            PowerItem::Interest { region, salience } => {
                format!("interest {} {}", region.text, salience.raw)
            }
            PowerItem::Great => "great".to_string(),
            PowerItem::Cite(cite) => p.cite(cite),
        });
    });
}

fn relation(p: &mut Printer, relation: &Relation) {
    let header = format!("relation {} {}", relation.first.text, relation.second.text);
    let empty = relation.items.is_empty();
    p.block(&header, relation.second.span.end, relation.span, empty, |p| {
        lines(p, &relation.items, |p, item| match item {
            RelationItem::Trust(n) => format!("trust {}", n.raw),
            RelationItem::Cite(cite) => p.cite(cite),
        });
    });
}

fn norm(p: &mut Printer, norm: &Norm) {
    let header = format!("norm {}", norm.name.text);
    let empty = norm.items.is_empty();
    p.block(&header, norm.name.span.end, norm.span, empty, |p| {
        lines(p, &norm.items, |p, item| match item {
            NormItem::Text(text) => p.string(text),
            NormItem::Strength(n) => format!("strength {}", n.raw),
            NormItem::Forbids(acts) => {
                let acts: Vec<&str> = acts.iter().map(|act| act_name(act.node)).collect();
                format!("forbids {}", acts.join(", "))
            }
            NormItem::Cite(cite) => p.cite(cite),
        });
    });
}

fn act_name(act: Act) -> &'static str {
    match act {
        Act::Conquest => "conquest",
        Act::Intervention => "intervention",
    }
}

fn commitment(p: &mut Printer, commitment: &Commitment) {
    let header = format!("commitment {}", commitment.name.text);
    let empty = commitment.items.is_empty();
    p.block(&header, commitment.name.span.end, commitment.span, empty, |p| {
        lines(p, &commitment.items, |p, item| match item {
            CommitmentItem::Members(members) => format!("members {}", names(members)),
            CommitmentItem::Mode(Mode::Automatic) => "mode automatic".to_string(),
            CommitmentItem::Mode(Mode::Concert) => "mode concert".to_string(),
            CommitmentItem::Response(response) => format!("response {}", response.word()),
            CommitmentItem::Decide(DecisionRule::Consensus) => "decide consensus".to_string(),
            CommitmentItem::Decide(DecisionRule::Unanimity) => "decide unanimity".to_string(),
            CommitmentItem::Decide(DecisionRule::Majority) => "decide majority".to_string(),
            CommitmentItem::Decide(DecisionRule::Weighted(n)) => {
                format!("decide weighted {}", n.raw)
            }
            CommitmentItem::Covers(kinds) => {
                let kinds: Vec<&str> = kinds.iter().map(|kind| crisis_name(kind.node)).collect();
                format!("covers {}", kinds.join(", "))
            }
            CommitmentItem::Upholds(norms) => format!("upholds {}", names(norms)),
            CommitmentItem::Protects(states) => format!("protects {}", names(states)),
            CommitmentItem::Guarantees(states) => format!("guarantees {}", names(states)),
            CommitmentItem::Over(regions) => format!("over {}", names(regions)),
            CommitmentItem::Against(states) => format!("against {}", names(states)),
            CommitmentItem::Cohesion(n) => format!("cohesion {}", n.raw),
            CommitmentItem::Credibility(n) => format!("credibility {}", n.raw),
            CommitmentItem::Formed(year) => format!("formed {}", p.year(year)),
            CommitmentItem::Cite(cite) => p.cite(cite),
        });
    });
}

fn crisis_name(kind: CrisisKind) -> &'static str {
    match kind {
        CrisisKind::Aggression => "aggression",
        CrisisKind::Revolution => "revolution",
        CrisisKind::Offense => "offense",
    }
}

fn shock(p: &mut Printer, shock: &Shock) {
    let mut header = format!("shock {}", shock.name.text);
    let mut header_end = shock.name.span.end;
    if let Some(timing) = &shock.timing {
        let timing_text = match &timing.node {
            Timing::At(year) => format!("at {}", p.year(year)),
            Timing::During(range) => format!("during {}", p.years(range)),
            Timing::Chance { probability, years } => {
                format!("chance {} each year during {}", probability.raw, p.years(years))
            }
        };
        header = format!("{header} {timing_text}");
        header_end = timing.span.end;
    }
    p.block(&header, header_end, shock.span, shock.items.is_empty(), |p| {
        for item in &shock.items {
            let content = match &item.node {
                ShockItem::Effect(effect) => self::effect(p, effect),
                ShockItem::Text(text) => p.string(text),
                ShockItem::Cite(cite) => p.cite(cite),
            };
            p.item(&content, item.span);
        }
    });
}

/// ` backed by A, B`, or nothing.
fn backed(backers: &[Ident]) -> String {
    if backers.is_empty() {
        String::new()
    } else {
        format!(" backed by {}", backers.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(", "))
    }
}

fn effect(p: &mut Printer, effect: &Effect) -> String {
    match effect {
        Effect::Aggression { aggressor, target, region, stakes, backers, allies, demand } => {
            let (aggressor, target) = (actor(aggressor), actor(target));
            let word = if *demand { "demand" } else { "aggression" };
            let with = if allies.is_empty() {
                String::new()
            } else {
                format!(" with {}", allies.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(", "))
            };
            format!(
                "{word} {aggressor} -> {target} over {} stakes {}{with}{}",
                region.text,
                stakes.raw,
                backed(backers)
            )
        }
        Effect::Revolution { state, region, strength, backers } => {
            let over = region.as_ref().map(|r| format!(" over {}", r.text)).unwrap_or_default();
            let strength = strength.as_ref().map(|s| format!(" strength {}", s.raw)).unwrap_or_default();
            format!("revolution in {}{over}{strength}{}", actor(state), backed(backers))
        }
        Effect::Join { power, commitment } => {
            format!("join {} to {}", actor(power), commitment.text)
        }
        Effect::Leave { power, commitment } => {
            format!("leave {} from {}", actor(power), commitment.text)
        }
        Effect::Capability { power, op, amount } => {
            format!("capability {} {} {}", actor(power), assign_op(*op), amount.raw)
        }
        Effect::Regime { power, regime } => format!("regime {} = {}", actor(power), regime.text),
        Effect::Assign { target, op, value } => {
            format!("{} {} {}", p.target(target), assign_op(*op), p.expr(value))
        }
    }
}

fn rule(p: &mut Printer, rule: &Rule) {
    let header = format!("rule {}", p.string(&rule.title));
    p.block(&header, rule.title.span.end, rule.span, false, |p| {
        if let Some(once) = rule.once {
            p.line("once", once);
        }
        let condition = &rule.condition;
        let content = format!("when {}", p.expr(condition));
        p.line(&content, condition.span);
        if let [statement] = rule.statements.as_slice() {
            let content = format!("then {}", self::statement(p, &statement.node));
            p.line(&content, statement.span);
        } else {
            let after = condition.span.end as usize;
            let then = p.keyword(after, "then").unwrap_or(after..after);
            let then_span = Span { start: then.start as u32, end: then.end as u32, ..condition.span };
            let first = &rule.statements[0];
            if p.on_one_source_line(then.end, first.span.start as usize) {
                // `then S1` with the others under S1, as the author lined them up.
                let content = format!("then {}", self::statement(p, &first.node));
                p.line(&content, Span { end: first.span.end, ..then_span });
                for statement in &rule.statements[1..] {
                    let content = format!("     {}", self::statement(p, &statement.node));
                    p.line(&content, statement.span);
                }
            } else {
                // `then` alone: each statement on its own line, one level
                // deeper, so that none reads as a separate clause.
                p.line("then", then_span);
                p.nested(|p| {
                    for statement in &rule.statements {
                        let content = self::statement(p, &statement.node);
                        p.line(&content, statement.span);
                    }
                });
            }
        }
        lines(p, &rule.cites, |p, cite| p.cite(cite));
    });
}

fn statement(p: &mut Printer, statement: &Statement) -> String {
    match statement {
        Statement::Emit(text) => format!("emit {}", p.string(text)),
        Statement::Trigger(shock) => format!("trigger {}", shock.text),
        Statement::Dissolve(commitment) => format!("dissolve {}", commitment.text),
        Statement::Assign { target, op, value } => {
            format!("{} {} {}", p.target(target), assign_op(*op), p.expr(value))
        }
    }
}

fn variant(p: &mut Printer, variant: &Variant) {
    let mut header = format!("variant {}", variant.name.text);
    let mut header_end = variant.name.span.end;
    if let Some(question) = &variant.question {
        header = format!("{header} {}", p.string(question));
        header_end = question.span.end;
    }
    p.block(&header, header_end, variant.span, variant.items.is_empty(), |p| {
        for item in &variant.items {
            let content = match &item.node {
                VariantItem::Override { path, op, value } => {
                    let value = match value {
                        OverrideValue::Number(n) => n.raw.clone(),
                        OverrideValue::Name(name) => name.text.clone(),
                        OverrideValue::Weighted(n) => format!("weighted {}", n.raw),
                    };
                    format!("{} {} {}", path_text(path), assign_op(*op), value)
                }
                VariantItem::Remove(shock) => format!("remove shock {}", shock.text),
                VariantItem::RemoveCommitment(commitment) => format!("remove commitment {}", commitment.text),
                VariantItem::Shock(shock) => {
                    self::shock(p, shock);
                    continue;
                }
            };
            p.item(&content, item.span);
        }
    });
}

fn expect(p: &mut Printer, expect: &Expect) {
    let header = format!("expect {}", p.string(&expect.title));
    p.block(&header, expect.title.span.end, expect.span, false, |p| {
        let content = self::expectation(p, &expect.expectation.node);
        p.item(&content, expect.expectation.span);
        if let Some(rate) = &expect.rate {
            p.item(&format!("at least {}", rate.raw), rate.span);
        }
        lines(p, &expect.cites, |p, cite| p.cite(cite));
    });
}

fn expectation(p: &Printer, expectation: &Expectation) -> String {
    let no = |negated: bool| if negated { "no " } else { "" };
    match expectation {
        Expectation::War { negated, sides, window } => {
            let sides = match sides {
                Sides::Between(first, second) => {
                    format!("between {} and {}", first.text, second.text)
                }
                Sides::Among(group) => format!("among {}", power_group(group)),
                Sides::Involving(power) => format!("involving {}", power.text),
            };
            format!("{}war {} {}", no(*negated), sides, self::window(p, &window.node))
        }
        Expectation::GeneralWar { negated, great_powers, window } => {
            format!("{}general war of {} {}", no(*negated), great_powers.node, self::window(p, &window.node))
        }
        Expectation::Intervention { negated, by, state, window } => {
            format!("{}intervention by {} in {} {}", no(*negated), by.text, state.text, self::window(p, &window.node))
        }
        Expectation::Dissolution { negated, commitment, window } => {
            format!("{}dissolution of {} {}", no(*negated), commitment.text, self::window(p, &window.node))
        }
        Expectation::Outcome { shock, outcome, window } => {
            let outcome = match outcome {
                ShockOutcome::Succeeds => "succeeds",
                ShockOutcome::Fails => "fails",
                ShockOutcome::Deterred => "deterred",
                ShockOutcome::Settled => "settled",
                ShockOutcome::Compromise => "ends in compromise",
            };
            match window {
                Some(window) => {
                    format!("shock {} {} {}", shock.text, outcome, self::window(p, &window.node))
                }
                None => format!("shock {} {}", shock.text, outcome),
            }
        }
        Expectation::Threshold { path, comparison, value, window } => {
            format!("{} {} {} {}", path_text(path), comparison.symbol(), value.raw, self::window(p, &window.node))
        }
    }
}

fn power_group(group: &PowerGroup) -> String {
    match group {
        PowerGroup::Great(_) => "great".to_string(),
        PowerGroup::All(_) => "powers".to_string(),
        PowerGroup::MembersOf(commitment) => format!("members of {}", commitment.text),
        PowerGroup::Named(powers) => names(powers),
    }
}

fn window(p: &Printer, window: &Window) -> String {
    match window {
        Window::At(year) => format!("at {}", p.year(year)),
        Window::During(range) => format!("during {}", p.years(range)),
        Window::By(year) => format!("by {}", p.year(year)),
    }
}

fn model(p: &mut Printer, model: &ModelBlock) {
    let start = model.span.start as usize;
    let header_end = p.keyword(start, "model").map_or(start, |keyword| keyword.end);
    let empty = model.parameters.is_empty();
    p.block("model", header_end as u32, model.span, empty, |p| {
        for parameter in &model.parameters {
            let content = format!("{} {}", parameter.name.text, parameter.value.raw);
            match &parameter.cite {
                Some(cite) => {
                    let value_end = parameter.value.span.end as usize;
                    p.line(&content, Span { end: value_end as u32, ..parameter.span });
                    let start = p.keyword(value_end, "cite").map_or(value_end, |keyword| keyword.start);
                    let cite = p.cite(cite);
                    p.item(&cite, Span { start: start as u32, ..parameter.span });
                }
                None => p.line(&content, parameter.span),
            }
        }
    });
}
