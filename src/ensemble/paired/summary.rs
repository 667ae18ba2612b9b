//! A paired ensemble's findings: each side's value, and the difference (right minus left) with its 95% interval.

use crate::diff::{Side, Sides};
use crate::ensemble::measure::COUNT;
use crate::scenario::NormId;

use super::super::summary::{Frequency, Quartiles, Summary};
use super::{Matched, PairedAggregate, PairedCounts, PairedSums, STRENGTH_SCALE};

/// A difference, right minus left, with its 95% interval (none where too few pairs allow one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Difference {
    pub value: f64,
    pub interval: Option<(f64, f64)>,
}

/// A share on each side and its paired difference; a side that lacks the
/// thing counted (a commitment only the other declares) has none.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedShare {
    pub sides: Sides<Option<Frequency>>,
    /// The four paired counts, when both sides have it.
    pub pairs: Option<PairedCounts>,
    /// The right share minus the left, with Newcombe's interval, when both sides have it.
    pub difference: Option<Difference>,
}

impl PairedShare {
    fn of(counts: &PairedCounts) -> PairedShare {
        let of = counts.pairs();
        PairedShare {
            sides: Sides {
                left: Some(Frequency::new(counts.on(Side::Left), of)),
                right: Some(Frequency::new(counts.on(Side::Right), of)),
            },
            pairs: Some(*counts),
            difference: Some(Difference { value: counts.difference(), interval: Some(counts.interval()) }),
        }
    }
}

/// A mean on each side over the same pairs, and the mean of the paired differences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedMean {
    pub sides: Sides<Option<f64>>,
    /// The pairs the means are taken over.
    pub pairs: u64,
    /// `None` when there are no pairs, or a side lacks the thing measured.
    pub difference: Option<Difference>,
}

impl PairedMean {
    fn of(sums: &PairedSums, scale: f64) -> PairedMean {
        let difference = sums.difference(scale).map(|value| Difference {
            value,
            interval: sums.half_width(scale).map(|half| (value - half, value + half)),
        });
        PairedMean {
            sides: Sides { left: sums.mean(Side::Left, scale), right: sums.mean(Side::Right, scale) },
            pairs: sums.pairs,
            difference,
        }
    }
}

/// What became of one commitment on each side.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedCommitment {
    pub name: String,
    /// The runs it was alive at the end of.
    pub survived: PairedShare,
    /// The quartiles of the year it dissolved on each side, over the runs where it did.
    pub dissolution: Sides<Option<Quartiles<i32>>>,
}

/// One norm's strength at the end on each side.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedNorm {
    pub name: String,
    pub strength: PairedMean,
    /// Each side's quartiles, to the nearest thousandth.
    pub quartiles: Sides<Option<Quartiles<f64>>>,
}

/// What a paired ensemble found: every outcome of `covenant run --runs`
/// on both sides, with the paired difference and its 95% interval.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedSummary {
    pub runs: u64,
    /// The pairs whose logs differ anywhere.
    pub histories_differ: u64,
    /// Each side's own findings, as `covenant run --runs` reports them.
    pub sides: Sides<Summary>,
    pub great_power_war: PairedShare,
    /// The year of the first war among the great powers, over the pairs with one on both sides.
    pub first_great_power_war: PairedMean,
    pub runs_with_defection: PairedShare,
    /// Each measure's paired mean per run, in [`MEASURES`](crate::ensemble::MEASURES) order.
    pub means: [PairedMean; COUNT],
    pub commitments: Vec<PairedCommitment>,
    pub norms: Vec<PairedNorm>,
    /// The first runs (by index, from 0) in which only one side had a war
    /// among the great powers, with that side.
    pub war_on_one_side: Vec<(u64, Side)>,
}

impl PairedAggregate {
    /// The findings of the pairs counted so far.
    pub fn summary(&self) -> PairedSummary {
        let sides = Sides { left: self.sides.left.summary(), right: self.sides.right.summary() };
        let commitments = self
            .commitments
            .iter()
            .zip(&self.survived)
            .map(|(matched, counts)| {
                let alone = |side: Side| {
                    let index = (*matched.index.get(side))?;
                    Some(sides.get(side).commitments[index].clone())
                };
                let each = Sides { left: alone(Side::Left), right: alone(Side::Right) };
                let survived = match counts {
                    Some(counts) => PairedShare::of(counts),
                    None => PairedShare {
                        sides: each.map(|_, c| c.as_ref().map(|c| c.survived)),
                        pairs: None,
                        difference: None,
                    },
                };
                PairedCommitment {
                    name: matched.name.clone(),
                    survived,
                    dissolution: each.map(|_, c| c.as_ref().and_then(|c| c.dissolution)),
                }
            })
            .collect();
        let norms = self.norms.iter().zip(&self.strengths).map(|(m, sums)| norm(m, sums.as_ref(), &sides)).collect();
        PairedSummary {
            runs: self.runs,
            histories_differ: self.histories_differ,
            great_power_war: PairedShare::of(&self.great_power_war),
            first_great_power_war: PairedMean::of(&self.first_great_power_war, 1.0),
            runs_with_defection: PairedShare::of(&self.runs_with_defection),
            means: self.counts.map(|sums| PairedMean::of(&sums, 1.0)),
            commitments,
            norms,
            war_on_one_side: self.war_on_one_side.clone(),
            sides,
        }
    }
}

/// A norm's means are each side's own (summed exactly as `run --runs`
/// sums them); the interval comes from the paired differences.
fn norm(matched: &Matched, sums: Option<&PairedSums>, sides: &Sides<Summary>) -> PairedNorm {
    let found = sides.map(|side, summary| {
        let index = (*matched.index.get(side))?;
        summary.norms.iter().find(|n| n.norm == NormId(index))
    });
    let means = found.map(|_, n| n.map(|n| n.mean));
    let difference = match (sums, means.left, means.right) {
        (Some(sums), Some(left), Some(right)) => {
            let value = right - left;
            Some(Difference {
                value,
                interval: sums.half_width(STRENGTH_SCALE).map(|half| (value - half, value + half)),
            })
        }
        _ => None,
    };
    PairedNorm {
        name: matched.name.clone(),
        strength: PairedMean { sides: means, pairs: sums.map_or(0, |s| s.pairs), difference },
        quartiles: found.map(|_, n| n.map(|n| n.quartiles)),
    }
}
