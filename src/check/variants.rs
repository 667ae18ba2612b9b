//! Checking variants: what each override names, and whether its value fits.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::model;
use crate::scenario::{
    CommitmentId, DecisionRule, Override, Quantity, Scenario, Setting, SettingValue, ShockId, Valued, Variant,
};
use crate::source::Span;
use crate::syntax::ast::{self, AssignOp, Item, Mode, OverrideValue, Response};

use super::expr::{op_symbol, written};
use super::names::Kind;
use super::Checker;

impl Checker {
    pub(super) fn variants(&mut self, items: &[&Item], scenario: &mut Scenario) {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for item in items {
            let Item::Variant(variant) = item else { continue };
            if let Some(first) = seen.get(variant.name.text.as_str()) {
                self.report(
                    Diagnostic::new(
                        Code::DuplicateName,
                        format!("variant `{}` is declared twice", variant.name.text),
                        variant.name.span,
                        "second declaration",
                        "give each variant its own name; `--variant` picks one by name",
                    )
                    .with_label(*first, "first declared here"),
                );
                continue;
            }
            seen.insert(&variant.name.text, variant.name.span);
            let checked = self.variant(variant, scenario);
            scenario.variants.push(checked);
        }
    }

    fn variant(&mut self, variant: &ast::Variant, scenario: &mut Scenario) -> Variant {
        let mut checked = Variant {
            name: variant.name.text.clone(),
            question: variant.question.as_ref().map(|q| q.value.clone()),
            span: variant.name.span,
            overrides: Vec::new(),
            removed: Vec::new(),
            removed_commitments: Vec::new(),
            added: Vec::new(),
        };
        let mut added_names: Vec<(String, Span)> = Vec::new();
        for item in &variant.items {
            match &item.node {
                ast::VariantItem::Override { path, op, value } => {
                    let Some(checked_override) = self.override_(path, *op, value, item.span, scenario) else {
                        continue;
                    };
                    if let Some(first) = checked.overrides.iter().find(|o| o.setting == checked_override.setting) {
                        self.report(
                            Diagnostic::new(
                                Code::DuplicateOverride,
                                format!(
                                    "`{}` is overridden twice in variant `{}`",
                                    written(path, path.fields.len()),
                                    variant.name.text
                                ),
                                item.span,
                                "overridden again here",
                                "keep one override; to compare two values, write two variants",
                            )
                            .with_label(first.span, "first overridden here"),
                        );
                        continue;
                    }
                    checked.overrides.push(checked_override);
                }
                ast::VariantItem::Remove(shock) => {
                    if let Some(id) = self.names.resolve(shock, Kind::Shock, &mut self.diagnostics) {
                        self.removal("shock", shock, ShockId(id), item.span, &mut checked.removed);
                    }
                }
                ast::VariantItem::RemoveCommitment(commitment) => {
                    if let Some(id) = self.names.resolve(commitment, Kind::Commitment, &mut self.diagnostics) {
                        let removed = &mut checked.removed_commitments;
                        self.removal("commitment", commitment, CommitmentId(id), item.span, removed);
                    }
                }
                ast::VariantItem::Shock(shock) => {
                    if let Some(declared) = self.names.get(&shock.name.text) {
                        self.report(
                            Diagnostic::new(
                                Code::DuplicateName,
                                format!("`{}` is declared twice", shock.name.text),
                                shock.name.span,
                                "the variant's shock",
                                "a variant's shock needs a name of its own; to change a shock, `remove shock` it and add a new one",
                            )
                            .with_label(declared.span, format!("first declared here, as a {}", declared.kind)),
                        );
                        continue;
                    }
                    if let Some((_, first)) = added_names.iter().find(|(name, _)| *name == shock.name.text) {
                        self.report(
                            Diagnostic::new(
                                Code::DuplicateName,
                                format!("`{}` is declared twice", shock.name.text),
                                shock.name.span,
                                "second declaration",
                                "give each shock its own name",
                            )
                            .with_label(*first, "first declared here"),
                        );
                        continue;
                    }
                    added_names.push((shock.name.text.clone(), shock.name.span));
                    let added = self.shock(shock, scenario);
                    checked.added.push(ShockId(scenario.shocks.len()));
                    scenario.shocks.push(added);
                }
            }
        }
        checked
    }

    fn override_(
        &mut self,
        path: &ast::Path,
        op: AssignOp,
        value: &OverrideValue,
        span: Span,
        scenario: &Scenario,
    ) -> Option<Override> {
        let setting = self.setting(path, scenario)?;
        let invalid = |this: &mut Checker, message: String, help: &str| {
            this.report(Diagnostic::new(
                Code::InvalidOverride,
                message,
                value.span(),
                "does not fit",
                help.to_string(),
            ));
        };
        if op != AssignOp::Set
            && !matches!(setting, Setting::Quantity(ref q) if q.ty() == crate::scenario::Type::Number)
        {
            // The operator is what is wrong, not the value; point at what it cannot add to.
            let target = written(path, path.fields.len());
            self.report(Diagnostic::new(
                Code::InvalidOverride,
                format!("`{}` works on numbers only", op_symbol(op)),
                path.span,
                "not a number",
                format!("set it with `=`: `{target} = {}`", value_text(value)),
            ));
            return None;
        }
        let value = match (&setting, value) {
            (Setting::Mode(_), OverrideValue::Name(name)) => match name.text.as_str() {
                "automatic" => SettingValue::Mode(Mode::Automatic),
                "concert" => SettingValue::Mode(Mode::Concert),
                _ => {
                    invalid(self, format!("`{}` is not a mode", name.text), "a mode is `automatic` or `concert`");
                    return None;
                }
            },
            (Setting::Response(_), OverrideValue::Name(name)) => match name.text.as_str() {
                "force" => SettingValue::Response(Response::Force),
                "sanctions" => SettingValue::Response(Response::Sanctions),
                "aid" => SettingValue::Response(Response::Aid),
                _ => {
                    invalid(
                        self,
                        format!("`{}` is not a response", name.text),
                        "a response is `force`, `sanctions` or `aid`",
                    );
                    return None;
                }
            },
            (Setting::Decide(_), OverrideValue::Name(name)) => match name.text.as_str() {
                "consensus" => SettingValue::Decide(DecisionRule::Consensus),
                "unanimity" => SettingValue::Decide(DecisionRule::Unanimity),
                "majority" => SettingValue::Decide(DecisionRule::Majority),
                _ => {
                    invalid(
                        self,
                        format!("`{}` is not a decision rule", name.text),
                        "a decision rule is `consensus`, `unanimity`, `majority` or `weighted 0.6`",
                    );
                    return None;
                }
            },
            (Setting::Decide(_), OverrideValue::Weighted(n)) => {
                SettingValue::Decide(DecisionRule::Weighted(self.share(n, "weighted threshold")))
            }
            (Setting::Quantity(Quantity::Regime(_)), OverrideValue::Name(name)) => {
                SettingValue::Symbol(self.regime(&name.text))
            }
            (Setting::Quantity(Quantity::Stance(_)), OverrideValue::Name(name))
                if name.text == "status_quo" || name.text == "revisionist" =>
            {
                SettingValue::Number(if name.text == "revisionist" { 1.0 } else { 0.0 })
            }
            (Setting::Quantity(Quantity::Parameter(index)), OverrideValue::Number(n)) => {
                let spec = &model::PARAMETERS[*index];
                // A shift starts from the case's own setting, or the default.
                let base = scenario.parameters.iter().find(|p| p.parameter == *index).map_or(spec.default, |p| p.value);
                let result = match op {
                    AssignOp::Set => n.value,
                    AssignOp::Add => base + n.value,
                    AssignOp::Subtract => base - n.value,
                };
                if !(spec.min..=spec.max).contains(&result) {
                    let message = match op {
                        AssignOp::Set => {
                            format!("`{}` must lie in {}..{}, not {}", spec.name, spec.min, spec.max, n.raw)
                        }
                        _ => format!(
                            "this takes `{}` from {base} to {result}, outside {}..{}",
                            spec.name, spec.min, spec.max
                        ),
                    };
                    invalid(self, message, "choose a value inside the parameter's range; `docs/model.md` lists them");
                    return None;
                }
                SettingValue::Number(n.value)
            }
            (Setting::Quantity(Quantity::Effectiveness(_)), OverrideValue::Number(n)) => {
                if !(0.0..=crate::scenario::EFFECTIVENESS_MAX).contains(&n.value) {
                    let target = written(path, path.fields.len());
                    invalid(
                        self,
                        format!("`{target}` must lie in 0..{}, not {}", crate::scenario::EFFECTIVENESS_MAX, n.raw),
                        "effectiveness multiplies the power's capability in the field, from 0 to 10",
                    );
                    return None;
                }
                SettingValue::Number(n.value)
            }
            (Setting::Quantity(q), OverrideValue::Number(n)) if q.ty() == crate::scenario::Type::Number => {
                if !(0.0..=1.0).contains(&n.value) {
                    let target = written(path, path.fields.len());
                    invalid(
                        self,
                        format!("`{target}` must lie in 0..1, not {}", n.raw),
                        "this setting is a share from 0 to 1",
                    );
                    return None;
                }
                SettingValue::Number(n.value)
            }
            _ => {
                let target = written(path, path.fields.len());
                invalid(self, format!("`{}` does not fit `{target}`", value_text(value)), expected_value(&setting));
                return None;
            }
        };
        Some(Override { setting, op, value, span })
    }

    /// Resolves what an override names. A name or attribute that does not
    /// exist is reported as an unknown override, whatever the path's form.
    fn setting(&mut self, path: &ast::Path, scenario: &Scenario) -> Option<Setting> {
        if let (ast::PathRoot::Name(name), [field]) = (&path.root, path.fields.as_slice()) {
            if matches!(field.text.as_str(), "mode" | "response" | "decide") {
                if let Some(declared) = self.names.get(&name.text) {
                    if declared.kind == Kind::Commitment {
                        let id = CommitmentId(declared.index);
                        return Some(match field.text.as_str() {
                            "mode" => Setting::Mode(id),
                            "response" => Setting::Response(id),
                            _ => Setting::Decide(id),
                        });
                    }
                }
            }
        }
        let before = self.diagnostics.len();
        let quantity = self.quantity(path, scenario);
        for diagnostic in &mut self.diagnostics[before..] {
            diagnostic.code = Code::UnknownOverride;
        }
        let quantity = quantity?;
        if !quantity.is_overridable() {
            self.report(Diagnostic::new(
                Code::UnknownOverride,
                format!("`{}` cannot be overridden", written(path, path.fields.len())),
                path.span,
                "follows from the run",
                "`great`, `at_war`, `alive` and `happened` are not settings; override what causes them",
            ));
            return None;
        }
        Some(Setting::Quantity(quantity))
    }

    /// Records that a variant removes a declaration, once: a second removal is `C062`.
    fn removal<T: PartialEq + Copy>(
        &mut self,
        what: &str,
        name: &ast::Ident,
        id: T,
        span: Span,
        removed: &mut Vec<Valued<T>>,
    ) {
        if let Some(first) = removed.iter().find(|r| r.value == id) {
            self.report(
                Diagnostic::new(
                    Code::DuplicateOverride,
                    format!("{what} `{}` is removed twice", name.text),
                    span,
                    "removed again here",
                    format!("remove each {what} once"),
                )
                .with_label(first.span.unwrap_or(span), "first removed here"),
            );
            return;
        }
        removed.push(Valued::written(id, span));
    }
}

fn value_text(value: &OverrideValue) -> String {
    match value {
        OverrideValue::Number(n) => n.raw.clone(),
        OverrideValue::Name(name) => name.text.clone(),
        OverrideValue::Weighted(n) => format!("weighted {}", n.raw),
    }
}

fn expected_value(setting: &Setting) -> &'static str {
    match setting {
        Setting::Mode(_) => "a mode is `automatic` or `concert`",
        Setting::Response(_) => "a response is `force`, `sanctions` or `aid`",
        Setting::Decide(_) => "a decision rule is `consensus`, `unanimity`, `majority` or `weighted 0.6`",
        Setting::Quantity(Quantity::Regime(_)) => "a regime is a name, such as `liberal`",
        Setting::Quantity(Quantity::Stance(_)) => "a stance is `status_quo`, `revisionist` or a number from 0 to 1",
        Setting::Quantity(_) => "this setting is a number",
    }
}
