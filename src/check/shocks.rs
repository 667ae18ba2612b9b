//! Checking shocks: their timing against the period and the powers their effects name.

use crate::diagnostic::{Code, Diagnostic};
use crate::scenario::{Actor, CommitmentId, Effect, PowerId, Scenario, Shock, Timing, Valued};
use crate::source::Span;
use crate::syntax::ast::{self, AssignOp, YearRange};

use super::declarations::{as_percentage, Seen};
use super::expr::Writer;
use super::names::Kind;
use super::Checker;

impl Checker {
    pub(super) fn shock(&mut self, shock: &ast::Shock, scenario: &Scenario) -> Shock {
        let (timing, timing_span) = match &shock.timing {
            Some(timing) => (self.timing(&shock.name, timing), Some(timing.span)),
            None => (Timing::Triggered, None),
        };
        let mut seen = Seen::default();
        let mut checked = Shock {
            name: shock.name.text.clone(),
            span: shock.name.span,
            timing,
            timing_span,
            effects: Vec::new(),
            description: None,
            cites: Vec::new(),
        };
        let mut written_effects = 0;
        for item in &shock.items {
            match &item.node {
                ast::ShockItem::Effect(effect) => {
                    written_effects += 1;
                    if let Some(effect) = self.effect(effect, scenario) {
                        checked.effects.push(Valued::written(effect, item.span));
                    }
                }
                ast::ShockItem::Text(text) => {
                    if self.first(&mut seen, "description", item.span) {
                        checked.description = Some(text.value.clone());
                    }
                }
                ast::ShockItem::Cite(cite) => checked.cites.push(self.cite(cite, item.span)),
            }
        }
        if written_effects == 0 {
            self.report(Diagnostic::new(
                Code::EmptyShock,
                format!("shock `{}` has no effect", shock.name.text),
                shock.name.span,
                "nothing happens when this shock fires",
                "add what it does, such as `aggression Russia -> Ottoman over Danube stakes 0.3` or `revolution in Naples`",
            ));
        }
        checked
    }

    fn timing(&mut self, name: &ast::Ident, timing: &ast::Spanned<ast::Timing>) -> Timing {
        match &timing.node {
            ast::Timing::At(year) => {
                if let Some(period) = self.period {
                    if !period.contains(year.value) {
                        self.outside_period(name, year.span, &format!("{} is outside the period", year.value));
                    }
                }
                Timing::At(year.value)
            }
            ast::Timing::During(range) => {
                let (start, end) = self.shock_years(name, range);
                Timing::During { start, end }
            }
            ast::Timing::Chance { probability, years } => {
                let p = if (0.0..=1.0).contains(&probability.value) {
                    probability.value
                } else {
                    self.report(Diagnostic::new(
                        Code::InvalidChance,
                        format!("chance `{}` is not a probability", probability.raw),
                        probability.span,
                        "must be between 0 and 1",
                        match as_percentage(probability) {
                            Some(share) => format!("a chance is a probability from 0 to 1; for {} per cent a year, write `chance {share}`", probability.raw),
                            None => "a chance is the probability the shock happens in each year of the range, such as `chance 0.08`".to_string(),
                        },
                    ));
                    probability.value.clamp(0.0, 1.0)
                };
                let (start, end) = self.shock_years(name, years);
                Timing::Chance { probability: p, start, end }
            }
        }
    }

    fn shock_years(&mut self, name: &ast::Ident, range: &YearRange) -> (i32, i32) {
        let (start, end) = self.year_range(range);
        if let Some(period) = self.period {
            if end < period.start || start > period.end {
                self.outside_period(name, range.span, "no year of this range is in the period");
            }
        }
        (start, end)
    }

    /// Checks that a range runs forwards; a reversed one is reported and
    /// read the right way round so later checks still have years.
    pub(super) fn year_range(&mut self, range: &YearRange) -> (i32, i32) {
        let (start, end) = (range.start.value, range.end.value);
        if end < start {
            self.report(Diagnostic::new(
                Code::ReversedRange,
                format!("range {start}..{end} ends before it starts"),
                range.span,
                "the later year comes first",
                format!("write the earlier year first: `{end}..{start}`"),
            ));
            return (end, start);
        }
        (start, end)
    }

    fn outside_period(&mut self, name: &ast::Ident, span: Span, label: &str) {
        let period = self.period.expect("called with a period");
        self.report(
            Diagnostic::new(
                Code::ShockOutsidePeriod,
                format!(
                    "shock `{}` can never happen: its years lie outside {}..{}",
                    name.text, period.start, period.end
                ),
                span,
                label.to_string(),
                "move the shock into the period, or widen the period in the scenario header",
            )
            .with_label(period.span, "the case's period"),
        );
    }

    fn effect(&mut self, effect: &ast::Effect, scenario: &Scenario) -> Option<Effect> {
        Some(match effect {
            ast::Effect::Aggression { aggressor, target, region, stakes, backers, allies, demand } => {
                let backers = self.backers(backers, &[(aggressor, "the aggressor"), (target, "the target")]);
                let allies =
                    self.cobelligerents(allies, &[(aggressor, "the aggressor"), (target, "the target")], &backers);
                let a = self.actor(aggressor);
                let t = self.actor(target);
                let stakes = if stakes.value < 0.0 {
                    self.report(Diagnostic::new(
                        Code::NegativeStakes,
                        format!("stakes `{}` are negative", stakes.raw),
                        stakes.span,
                        "stakes cannot be below 0",
                        "stakes are the share of capability the victor takes, from 0 to 1",
                    ));
                    0.0
                } else {
                    self.share(stakes, "stakes")
                };
                let (a, t) = (a?, t?);
                self.self_aggression(aggressor, target, &a, &t)?;
                Effect::Aggression {
                    aggressor: a,
                    target: t,
                    region: self.region(&region.text),
                    stakes,
                    backers,
                    allies,
                    demand: *demand,
                }
            }
            ast::Effect::Revolution { state, region, strength, backers } => {
                let backers = self.backers(backers, &[(state, "the state in revolution")]);
                let strength = strength.as_ref().map_or(1.0, |s| self.share(s, "strength"));
                Effect::Revolution {
                    state: self.actor(state)?,
                    region: region.as_ref().map(|r| self.region(&r.text)),
                    strength,
                    backers,
                }
            }
            ast::Effect::Join { power, commitment } => {
                let p = self.actor(power);
                let c = self.names.resolve(commitment, Kind::Commitment, &mut self.diagnostics).map(CommitmentId);
                let (p, c) = (p?, c?);
                if let (Actor::Named(id), ast::Actor::Named(name), Some(declared)) =
                    (&p, power, scenario.commitments.get(c.0))
                {
                    let pair = (name.text.as_str(), commitment.text.as_str());
                    let returns = self.leaves.binary_search_by(|(p, c)| (p.as_str(), c.as_str()).cmp(&pair)).is_ok();
                    if declared.members.contains(id) && !returns {
                        self.report(
                            Diagnostic::new(
                                Code::AlreadyMember,
                                format!("`{}` is already a member of `{}`", name.text, commitment.text),
                                name.span,
                                "joins a commitment it belongs to from the start",
                                "remove the `join`, or take the power out of the members list",
                            )
                            .with_label(declared.members_span, "members from the start"),
                        );
                    }
                }
                Effect::Join { power: p, commitment: c }
            }
            ast::Effect::Leave { power, commitment } => {
                let p = self.actor(power);
                let c = self.names.resolve(commitment, Kind::Commitment, &mut self.diagnostics).map(CommitmentId);
                Effect::Leave { power: p?, commitment: c? }
            }
            ast::Effect::Capability { power, op, amount } => {
                let what = match op {
                    AssignOp::Set => "capability",
                    AssignOp::Add | AssignOp::Subtract => "capability change",
                };
                let amount = self.share(amount, what);
                Effect::Capability { power: self.actor(power)?, op: *op, amount }
            }
            ast::Effect::Regime { power, regime } => {
                Effect::Regime { power: self.actor(power)?, regime: self.regime(&regime.text) }
            }
            ast::Effect::Assign { target, op, value } => {
                let (target, value) = self.assignment(target, *op, value, scenario, Writer::Shock)?;
                Effect::Assign { target, op: *op, value }
            }
        })
    }

    /// The powers of a `backed by` list. A backer stands behind a party to
    /// the crisis, so it cannot be one (`C042`), and it is named once
    /// (`C043`): a backer named twice would weigh twice.
    fn backers(&mut self, names: &[ast::Ident], parties: &[(&ast::Actor, &str)]) -> Vec<PowerId> {
        let role = SideRole {
            duplicate: Code::DuplicateBacker,
            party: Code::BackerIsParty,
            twice: "among the backers",
            verb: "backs",
            help_twice: "name each backer once; a backer's capability counts once",
            help_party:
                "a backer stands behind the aggressor or the revolution without fighting; remove it from `backed by`",
        };
        self.side_list(names, parties, &role)
    }

    /// The powers of a `with` list: each once (`C044`), none of them a party
    /// to the crisis, and none a backer, which stands behind the aggressor
    /// without fighting (`C045`).
    fn cobelligerents(
        &mut self,
        names: &[ast::Ident],
        parties: &[(&ast::Actor, &str)],
        backers: &[PowerId],
    ) -> Vec<PowerId> {
        let role = SideRole {
            duplicate: Code::DuplicateCobelligerent,
            party: Code::CobelligerentIsParty,
            twice: "among the powers fighting with the aggressor",
            verb: "fights beside",
            help_twice: "name each co-belligerent once; its capability counts once",
            help_party: "a co-belligerent fights beside the aggressor; remove it from `with`",
        };
        let mut allies = self.side_list(names, parties, &role);
        for name in names {
            let Some(backer) = self
                .names
                .get(&name.text)
                .filter(|d| d.kind == Kind::Power)
                .map(|d| PowerId(d.index))
                .filter(|p| backers.contains(p))
            else {
                continue;
            };
            if allies.contains(&backer) {
                allies.retain(|a| *a != backer);
                self.report(Diagnostic::new(
                    Code::CobelligerentIsParty,
                    format!("`{}` both fights beside the aggressor and backs it", name.text),
                    name.span,
                    "also in `backed by`",
                    "a backer stands behind the aggressor without fighting, a co-belligerent fights beside it; keep one",
                ));
            }
        }
        allies
    }

    /// The powers of a list of those who take one side of a crisis without
    /// being its party: each named once, none of them a party.
    fn side_list(&mut self, names: &[ast::Ident], parties: &[(&ast::Actor, &str)], role: &SideRole) -> Vec<PowerId> {
        let mut powers = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            if let Some(first) = names[..i].iter().find(|n| n.text == name.text) {
                self.report(
                    Diagnostic::new(
                        role.duplicate,
                        format!("`{}` is named twice {}", name.text, role.twice),
                        name.span,
                        "named again",
                        role.help_twice,
                    )
                    .with_label(first.span, "first named here"),
                );
                continue;
            }
            if let Some((actor, party)) = parties.iter().find(|(a, _)| a.names().iter().any(|n| n.text == name.text)) {
                self.report(
                    Diagnostic::new(
                        role.party,
                        format!("`{}` {} a crisis it is a party to", name.text, role.verb),
                        name.span,
                        format!("also {party}"),
                        role.help_party,
                    )
                    .with_label(actor.span(), *party),
                );
                continue;
            }
            powers.extend(self.power_ref(name));
        }
        powers
    }

    fn self_aggression(&mut self, aggressor: &ast::Actor, target: &ast::Actor, a: &Actor, t: &Actor) -> Option<()> {
        if matches!((a, t), (Actor::OneOf(_), Actor::OneOf(_))) {
            return Some(());
        }
        // Names resolve to one power each, so the same name is the same power.
        let Some(twice) = target.names().iter().find(|t| aggressor.names().iter().any(|a| a.text == t.text)) else {
            return Some(());
        };
        let diagnostic = match (aggressor, target) {
            (ast::Actor::Named(_), ast::Actor::Named(_)) => Diagnostic::new(
                Code::SelfAggression,
                format!("`{}` is both the aggressor and the target", twice.text),
                target.span(),
                "the aggressor again",
                "name a target other than the aggressor; an aggression is between two powers",
            ),
            _ => Diagnostic::new(
                Code::SelfAggression,
                format!("`{}` may be drawn as both the aggressor and the target", twice.text),
                twice.span,
                "may be drawn to attack itself",
                format!("remove `{}` from the `one_of`; an aggression is between two powers", twice.text),
            ),
        };
        self.report(diagnostic.with_label(aggressor.span(), "aggressor"));
        None
    }

    /// Resolves the power or powers a shock names.
    fn actor(&mut self, actor: &ast::Actor) -> Option<Actor> {
        match actor {
            ast::Actor::Named(name) => self.power_ref(name).map(Actor::Named),
            ast::Actor::OneOf { choices, span } => {
                let mut ids = Vec::new();
                let mut all_known = true;
                for (i, choice) in choices.iter().enumerate() {
                    let Some(id) = self.power_ref(choice) else {
                        all_known = false;
                        continue;
                    };
                    if let Some(first) = choices[..i].iter().find(|c| c.text == choice.text) {
                        self.report(
                            Diagnostic::new(
                                Code::InvalidChoice,
                                format!("`{}` is listed twice in `one_of`", choice.text),
                                choice.span,
                                "listed again here",
                                "list each power once; to make one likelier, use two shocks with different chances",
                            )
                            .with_label(first.span, "first listed here"),
                        );
                        all_known = false;
                        continue;
                    }
                    ids.push(id);
                }
                if choices.len() < 2 {
                    self.report(Diagnostic::new(
                        Code::InvalidChoice,
                        "`one_of` offers only one power".to_string(),
                        *span,
                        "nothing to choose from",
                        "name the power directly, or list two or more to draw from",
                    ));
                    return None;
                }
                all_known.then_some(Actor::OneOf(ids))
            }
        }
    }
}

/// How a list of powers taking one side of a crisis is checked and worded.
struct SideRole {
    duplicate: Code,
    party: Code,
    /// "among the backers".
    twice: &'static str,
    /// "backs": what a listed power does to the crisis.
    verb: &'static str,
    help_twice: &'static str,
    help_party: &'static str,
}
