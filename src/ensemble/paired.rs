//! Paired ensembles: two sides run on the same seeds and counted pair by pair, in integer sums that merge exactly.
//!
//! Run `i` of both sides uses the seed [`super::seed_of_run`]`(S, i)`, so the
//! two runs of a pair share every draw until their histories part. Read pair
//! by pair, the variation the seeds bring to both sides alike cancels out: a
//! difference of shares is read off the four paired counts (on both sides,
//! on the left only, on the right only, on neither), a difference of means
//! off the per-pair differences. As in [`Aggregate`], everything counted is
//! an integer, so partial aggregates merge in any order to the same bits and
//! a paired ensemble is the same whatever the number of threads that ran it.

use crate::diff::{Side, Sides};
use crate::expectation::wilson;

use super::measure::{COUNT, DEFECTIONS};
use super::{Aggregate, RunOutcome};

mod summary;

pub use summary::{Difference, PairedCommitment, PairedMean, PairedNorm, PairedShare, PairedSummary};

/// How many runs a paired aggregate keeps, in run order, among those in
/// which only one side had a war among the great powers: enough to replay.
pub const SEEDS_KEPT: usize = 5;

/// The fixed-point scale of differences of norm strengths: 2⁻²⁴, far
/// finer than the thousandths reported, and coarse enough that the sums
/// of squares of a trillion runs stay within `u128`.
pub const STRENGTH_SCALE: f64 = (1u64 << 24) as f64;

/// Whether something happened on each side of the pairs: the four counts
/// of a paired 2×2 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PairedCounts {
    pub both: u64,
    pub only_left: u64,
    pub only_right: u64,
    pub neither: u64,
}

impl PairedCounts {
    /// Counts one pair.
    pub fn add(&mut self, left: bool, right: bool) {
        match (left, right) {
            (true, true) => self.both += 1,
            (true, false) => self.only_left += 1,
            (false, true) => self.only_right += 1,
            (false, false) => self.neither += 1,
        }
    }

    fn merge(self, other: PairedCounts) -> PairedCounts {
        PairedCounts {
            both: self.both + other.both,
            only_left: self.only_left + other.only_left,
            only_right: self.only_right + other.only_right,
            neither: self.neither + other.neither,
        }
    }

    /// The pairs counted.
    pub fn pairs(&self) -> u64 {
        self.both + self.only_left + self.only_right + self.neither
    }

    /// The pairs in which it happened on one side.
    pub fn on(&self, side: Side) -> u64 {
        match side {
            Side::Left => self.both + self.only_left,
            Side::Right => self.both + self.only_right,
        }
    }

    /// The share on the right minus the share on the left; 0 for no pairs.
    pub fn difference(&self) -> f64 {
        let pairs = self.pairs();
        if pairs == 0 {
            return 0.0;
        }
        (self.only_right as f64 - self.only_left as f64) / pairs as f64
    }

    /// The 95% interval of the right share minus the left, by Newcombe's method 10.
    pub fn interval(&self) -> (f64, f64) {
        newcombe(self.both, self.only_right, self.only_left, self.neither)
    }
}

/// Newcombe's method 10: the 95% interval of the difference `(b − c) / n`
/// of two proportions measured on the same `n` pairs, from the paired
/// counts `a` (yes on both), `b` (yes on the first only), `c` (yes on the
/// second only) and `d` (yes on neither).
///
/// Each side's share gets its Wilson score interval; the two are combined
/// by "square and add", corrected for the correlation φ between the sides
/// (Newcombe, R. G. 1998, "Improved confidence intervals for the difference
/// between binomial proportions based on paired data", *Statistics in
/// Medicine* 17:2635–2650). φ is estimated with Newcombe's correction:
/// `AD − BC` loses `n/2` when it exceeds it and counts as 0 between 0 and
/// `n/2`; φ is 0 when a margin is empty. The interval is kept in −1..1;
/// with no pairs it is the whole range.
pub fn newcombe(a: u64, b: u64, c: u64, d: u64) -> (f64, f64) {
    let n = a + b + c + d;
    if n == 0 {
        return (-1.0, 1.0);
    }
    let (first, second) = (a + b, a + c);
    let size = n as f64;
    let (p1, p2) = (first as f64 / size, second as f64 / size);
    let ((l1, u1), (l2, u2)) = (wilson(first as usize, n as usize), wilson(second as usize, n as usize));
    let margins = [a + b, c + d, a + c, b + d];
    let phi = if margins.contains(&0) {
        0.0
    } else {
        // a·d − b·c, exactly: products of two counts fit in i128.
        let cross = i128::from(a) * i128::from(d) - i128::from(b) * i128::from(c);
        let half = i128::from(n);
        // Compared as 2·cross against n, so that an odd n needs no fraction.
        let corrected = if 2 * cross > half {
            cross as f64 - size / 2.0
        } else if cross >= 0 {
            0.0
        } else {
            cross as f64
        };
        corrected / margins.iter().map(|&m| m as f64).product::<f64>().sqrt()
    };
    let theta = (b as f64 - c as f64) / size;
    let spread = |x: f64, y: f64| (x * x - 2.0 * phi * x * y + y * y).max(0.0).sqrt();
    let low = theta - spread(p1 - l1, u2 - p2);
    let high = theta + spread(u1 - p1, p2 - l2);
    (low.max(-1.0), high.min(1.0))
}

/// Sums of the per-pair differences (right minus left) of a number, for
/// the mean difference and its spread. The numbers are integers, or fixed
/// point at a scale the reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PairedSums {
    /// The pairs counted.
    pub pairs: u64,
    /// The sum of the left side's values.
    pub left: i128,
    /// The sum of the right side's values.
    pub right: i128,
    /// The sum of the squared differences.
    pub squares: u128,
}

impl PairedSums {
    /// Counts one pair's values.
    pub fn add(&mut self, left: i64, right: i64) {
        let difference = i128::from(right) - i128::from(left);
        self.pairs += 1;
        self.left += i128::from(left);
        self.right += i128::from(right);
        self.squares += difference.unsigned_abs() * difference.unsigned_abs();
    }

    fn merge(self, other: PairedSums) -> PairedSums {
        PairedSums {
            pairs: self.pairs + other.pairs,
            left: self.left + other.left,
            right: self.right + other.right,
            squares: self.squares + other.squares,
        }
    }

    /// One side's mean over the pairs, in units of `1 / scale`; `None` for no pairs.
    pub fn mean(&self, side: Side, scale: f64) -> Option<f64> {
        let sum = match side {
            Side::Left => self.left,
            Side::Right => self.right,
        };
        (self.pairs > 0).then(|| sum as f64 / scale / self.pairs as f64)
    }

    /// The mean difference, right minus left; `None` for no pairs.
    pub fn difference(&self, scale: f64) -> Option<f64> {
        (self.pairs > 0).then(|| (self.right - self.left) as f64 / scale / self.pairs as f64)
    }

    /// Half the width of the 95% interval of the mean difference (normal
    /// approximation, from the sample variance of the differences);
    /// `None` for fewer than two pairs.
    pub fn half_width(&self, scale: f64) -> Option<f64> {
        if self.pairs < 2 {
            return None;
        }
        let n = u128::from(self.pairs);
        let sum = (self.right - self.left).unsigned_abs();
        // n·Σd² − (Σd)² is exact in integers and never negative; past the
        // range of u128 (far beyond any ensemble run) floats take over.
        let spread = match n.checked_mul(self.squares).zip(sum.checked_mul(sum)) {
            Some((a, b)) => a.saturating_sub(b) as f64,
            None => (self.squares as f64 - (sum as f64) * (sum as f64) / n as f64).max(0.0) * n as f64,
        };
        let variance = spread / (n as f64 * (n - 1) as f64) / (scale * scale);
        Some(crate::expectation::Z * (variance / n as f64).sqrt())
    }
}

/// A declaration of one side matched by name with the other's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    pub name: String,
    /// Its index among the declarations of its kind on each side, `None` where that side has none of the name.
    pub index: Sides<Option<usize>>,
}

impl Matched {
    /// The left side's declarations in order, then the right side's others,
    /// each given as its index and name.
    pub fn by_name(declared: Sides<Vec<(usize, &str)>>) -> Vec<Matched> {
        let find = |side: &[(usize, &str)], name: &str| side.iter().find(|(_, n)| *n == name).map(|(i, _)| *i);
        let mut matched: Vec<Matched> = declared
            .left
            .iter()
            .map(|&(i, name)| Matched {
                name: name.to_string(),
                index: Sides { left: Some(i), right: find(&declared.right, name) },
            })
            .collect();
        for &(i, name) in &declared.right {
            if find(&declared.left, name).is_none() {
                matched.push(Matched { name: name.to_string(), index: Sides { left: None, right: Some(i) } });
            }
        }
        matched
    }

    /// Both indices, when both sides declare the name.
    fn both(&self) -> Option<(usize, usize)> {
        Some((self.index.left?, self.index.right?))
    }
}

/// What one pair of runs came to: each side's outcome, and whether their logs differ.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedOutcome {
    pub outcomes: Sides<RunOutcome>,
    /// Whether the two logs differ anywhere, event for event.
    pub histories_differ: bool,
}

/// What the pairs of a paired ensemble came to, counted: each side's own
/// aggregate, and the counts and sums read pair by pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairedAggregate {
    pub runs: u64,
    /// Each side counted on its own, as `covenant run --runs` counts it.
    pub sides: Sides<Aggregate>,
    /// The pairs whose logs differ.
    pub histories_differ: u64,
    /// A war with great powers on opposite sides.
    pub great_power_war: PairedCounts,
    /// The year of the first such war, over the pairs with one on both sides.
    pub first_great_power_war: PairedSums,
    /// At least one defection.
    pub runs_with_defection: PairedCounts,
    /// Each measure's sums, in [`MEASURES`](super::MEASURES) order.
    pub counts: [PairedSums; COUNT],
    /// The commitments of both sides, matched by name.
    pub commitments: Vec<Matched>,
    /// Per matched commitment: alive at the end; `None` where one side lacks it.
    pub survived: Vec<Option<PairedCounts>>,
    /// The norms of both sides, matched by name.
    pub norms: Vec<Matched>,
    /// Per matched norm: its strength at the end, in units of 1/[`STRENGTH_SCALE`]; `None` where one side lacks it.
    pub strengths: Vec<Option<PairedSums>>,
    /// The first runs (by index, from 0) in which only one side had a war
    /// among the great powers, with that side; at most [`SEEDS_KEPT`].
    pub war_on_one_side: Vec<(u64, Side)>,
}

impl PairedAggregate {
    /// An empty aggregate: each side's empty aggregate, and its commitments and norms matched by name.
    pub fn new(sides: Sides<Aggregate>, commitments: Vec<Matched>, norms: Vec<Matched>) -> PairedAggregate {
        let survived = commitments.iter().map(|m| m.both().map(|_| PairedCounts::default())).collect();
        let strengths = norms.iter().map(|m| m.both().map(|_| PairedSums::default())).collect();
        PairedAggregate {
            runs: 0,
            sides,
            histories_differ: 0,
            great_power_war: PairedCounts::default(),
            first_great_power_war: PairedSums::default(),
            runs_with_defection: PairedCounts::default(),
            counts: [PairedSums::default(); COUNT],
            commitments,
            survived,
            norms,
            strengths,
            war_on_one_side: Vec::new(),
        }
    }

    /// Counts run `index` (from 0) of both sides.
    pub fn add(&mut self, index: u64, pair: &PairedOutcome) {
        let (left, right) = (&pair.outcomes.left, &pair.outcomes.right);
        self.runs += 1;
        self.sides.left.add(left);
        self.sides.right.add(right);
        self.histories_differ += u64::from(pair.histories_differ);
        let at_war = Sides { left: left.first_great_war, right: right.first_great_war };
        self.great_power_war.add(at_war.left.is_some(), at_war.right.is_some());
        if let (Some(l), Some(r)) = (at_war.left, at_war.right) {
            self.first_great_power_war.add(i64::from(l), i64::from(r));
        }
        match (at_war.left.is_some(), at_war.right.is_some()) {
            (true, false) => self.keep(index, Side::Left),
            (false, true) => self.keep(index, Side::Right),
            _ => {}
        }
        self.runs_with_defection.add(left.counts[DEFECTIONS] > 0, right.counts[DEFECTIONS] > 0);
        for (sums, (l, r)) in self.counts.iter_mut().zip(left.counts.iter().zip(&right.counts)) {
            sums.add(i64::from(*l), i64::from(*r));
        }
        for (matched, counts) in self.commitments.iter().zip(&mut self.survived) {
            if let (Some((l, r)), Some(counts)) = (matched.both(), counts) {
                counts.add(left.dissolved[l].is_none(), right.dissolved[r].is_none());
            }
        }
        for (matched, sums) in self.norms.iter().zip(&mut self.strengths) {
            if let (Some((l, r)), Some(sums)) = (matched.both(), sums) {
                sums.add(fixed(left.norm_strengths[l]), fixed(right.norm_strengths[r]));
            }
        }
    }

    fn keep(&mut self, index: u64, side: Side) {
        // Runs arrive in order within a thread's share; keeping the
        // smallest indices makes the list the same however they were split.
        if self.war_on_one_side.len() < SEEDS_KEPT || self.war_on_one_side.last().is_some_and(|(i, _)| index < *i) {
            self.war_on_one_side.push((index, side));
            self.war_on_one_side.sort_by_key(|(i, _)| *i);
            self.war_on_one_side.truncate(SEEDS_KEPT);
        }
    }

    /// Both aggregates' pairs counted together; the same whichever comes first.
    pub fn merge(self, other: PairedAggregate) -> PairedAggregate {
        debug_assert_eq!(self.commitments, other.commitments, "aggregates of different comparisons");
        debug_assert_eq!(self.norms, other.norms, "aggregates of different comparisons");
        let mut war_on_one_side = self.war_on_one_side;
        war_on_one_side.extend(other.war_on_one_side);
        war_on_one_side.sort_by_key(|(i, _)| *i);
        war_on_one_side.truncate(SEEDS_KEPT);
        let zip_counts = |a: Vec<Option<PairedCounts>>, b: Vec<Option<PairedCounts>>| {
            a.into_iter().zip(b).map(|(a, b)| a.zip(b).map(|(a, b)| a.merge(b))).collect()
        };
        let zip_sums = |a: Vec<Option<PairedSums>>, b: Vec<Option<PairedSums>>| {
            a.into_iter().zip(b).map(|(a, b)| a.zip(b).map(|(a, b)| a.merge(b))).collect()
        };
        PairedAggregate {
            runs: self.runs + other.runs,
            sides: Sides {
                left: self.sides.left.merge(other.sides.left),
                right: self.sides.right.merge(other.sides.right),
            },
            histories_differ: self.histories_differ + other.histories_differ,
            great_power_war: self.great_power_war.merge(other.great_power_war),
            first_great_power_war: self.first_great_power_war.merge(other.first_great_power_war),
            runs_with_defection: self.runs_with_defection.merge(other.runs_with_defection),
            counts: std::array::from_fn(|i| self.counts[i].merge(other.counts[i])),
            commitments: self.commitments,
            survived: zip_counts(self.survived, other.survived),
            norms: self.norms,
            strengths: zip_sums(self.strengths, other.strengths),
            war_on_one_side,
        }
    }
}

/// A norm strength in units of 1/[`STRENGTH_SCALE`], kept in 0..1 as the ensemble's own histogram keeps it.
fn fixed(strength: f64) -> i64 {
    let strength = if strength.is_nan() { 0.0 } else { strength.clamp(0.0, 1.0) };
    (strength * STRENGTH_SCALE).round() as i64
}

#[cfg(test)]
mod tests;
