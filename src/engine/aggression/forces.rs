//! A power's forces in the field: its capability at the worth its effectiveness gives it, divided among the wars it fights.

use crate::engine::record::Draft;
use crate::engine::World;
use crate::log::Seq;
use crate::scenario::{PowerId, Quantity, Scenario};
use crate::source::Span;

use super::war::War;

/// What a power brings to one war, fought or weighed: its capability, at
/// the worth its `effectiveness` gives it in the field (Biddle 2004,
/// *Military Power*: how forces are employed, not only how large they are,
/// decides battles), divided equally among the wars it fights — this one and every other
/// under way — for its effort is one, divided among its fronts, as its
/// yearly cost of war is (`pay_the_year`). A power fighting on two fronts
/// meets each enemy with half its strength: the overstretch of empires
/// (Kennedy 1987), the two-front war the Schlieffen plan was drawn to
/// escape (Ritter 1958), and the window a rival's distant war opens to
/// whoever moves against it (Van Evera 1999, ch. 4). The war being fought
/// or weighed is never among those under way: a war is taken out of them
/// for its year, and a crisis that would join one is its campaign.
#[inline]
pub(crate) fn forces(world: &World, power: PowerId) -> f64 {
    let state = &world.state.powers[power.0];
    let fielded = state.capability * state.effectiveness;
    if world.state.wars.is_empty() {
        return fielded;
    }
    divided(world, power, fielded)
}

/// Forces `fielded` shared among the wars `power` fights: apart from
/// [`forces`], so that its world-at-peace case is inlined where it is asked.
#[inline(never)]
fn divided(world: &World, power: PowerId, fielded: f64) -> f64 {
    fielded / (1 + fronts_elsewhere(world, power).count()) as f64
}

/// The wars under way that `power` fights in, which claim their part of its forces.
fn fronts_elsewhere<'w>(world: &'w World, power: PowerId) -> impl Iterator<Item = &'w War> + 'w {
    world.state.wars.iter().filter(move |war| war.belligerents().any(|p| p == power))
}

/// Names, in an event that weighed a side's forces, what their other wars
/// held of them (`figure`), each such war's line and its last event.
pub(crate) fn name_fronts<'a>(
    mut draft: Draft<'a>,
    scenario: &Scenario,
    figure: &'static str,
    held: f64,
    fronts: &[Front],
) -> Draft<'a> {
    if fronts.is_empty() {
        return draft;
    }
    draft = draft.figure(figure, held);
    for front in fronts {
        let name = &scenario.powers[front.power.0].name;
        let wars = front.wars;
        draft = draft.after(front.event).cause_with(front.span, || {
            format!("{name} fights in this war as well: it divides its forces among {wars} wars")
        });
    }
    draft
}

/// A power whose forces are worth other than its capability in the field,
/// and where that was set: what an event that weighed its forces names.
pub(crate) struct Fielded {
    power: PowerId,
    effectiveness: f64,
    span: Option<Span>,
    set_by: Option<Seq>,
}

/// The powers of `sides` whose effectiveness is not 1.
pub(crate) fn fielded(world: &World, sides: impl IntoIterator<Item = PowerId>) -> Vec<Fielded> {
    sides
        .into_iter()
        .filter(|p| world.state.powers[p.0].effectiveness != 1.0)
        .map(|power| {
            let declared = world.scenario.powers[power.0].effectiveness.span;
            let (span, set_by) = world.provenance(|| Quantity::Effectiveness(power), declared);
            Fielded { power, effectiveness: world.state.powers[power.0].effectiveness, span, set_by }
        })
        .collect()
}

/// Names each such power's effectiveness among an event's causes.
pub(crate) fn name_fielded<'a>(mut draft: Draft<'a>, scenario: &Scenario, fielded: &[Fielded]) -> Draft<'a> {
    for f in fielded {
        let name = &scenario.powers[f.power.0].name;
        let value = f.effectiveness;
        draft = draft
            .after_opt(f.set_by)
            .cause_opt(f.span, || format!("effectiveness {value}: what {name}'s forces are worth in the field"));
    }
    draft
}

/// Another war under way that holds part of a power's forces.
pub(crate) struct Front {
    power: PowerId,
    /// The war's last event, and the line that declared it.
    event: Seq,
    span: Span,
    /// How many wars the power divides its forces among, counting the one weighed.
    wars: usize,
}

/// The fielded capability of the powers in `side` that their other wars hold
/// elsewhere, and the events and lines of those wars: what an event that
/// weighs `side`'s forces names among its causes.
pub(crate) fn held_elsewhere(world: &World, side: &[PowerId]) -> (f64, Vec<Front>) {
    let mut held = 0.0;
    let mut wars = Vec::new();
    for &p in side {
        let fronts: Vec<&War> = fronts_elsewhere(world, p).collect();
        if fronts.is_empty() {
            continue;
        }
        let power = &world.state.powers[p.0];
        held += power.capability * power.effectiveness - forces(world, p);
        for war in &fronts {
            wars.push(Front { power: p, event: war.last_event(), span: war.span(), wars: fronts.len() + 1 });
        }
    }
    (held, wars)
}
