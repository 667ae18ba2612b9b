//! Counting run outcomes: integer tallies and histograms that merge exactly, in any order.
//!
//! Floating-point sums depend on the order of their terms, and the order in
//! which threads finish is not fixed. So nothing here adds floats: counts
//! are integers, years are counted per year, and norm strengths are counted
//! in thousandths and summed in integer fixed point. Two aggregates merge
//! by adding integers, which is associative and commutative, so an
//! ensemble's result does not depend on how its runs were split.

use crate::scenario::Scenario;

use super::measure::COUNT;
use super::RunOutcome;

/// How finely norm strengths are counted: in steps of 1/1000 over 0..1.
pub const STRENGTH_STEPS: usize = 1000;

/// The fixed-point scale of summed norm strengths: 2⁻⁴⁰, far finer than
/// any strength the model computes matters, and a million runs of
/// strengths up to 1 stay far below `u128`'s range.
const FIXED_POINT: f64 = (1u64 << 40) as f64;

/// Counts of a per-run number: its total, its sum of squares (for the
/// spread of the mean) and the runs in which it was not zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub total: u64,
    pub squares: u128,
    pub runs_with_any: u64,
}

impl Tally {
    fn add(&mut self, count: u32) {
        self.total += u64::from(count);
        self.squares += u128::from(count) * u128::from(count);
        self.runs_with_any += u64::from(count > 0);
    }

    fn merge(self, other: Tally) -> Tally {
        Tally {
            total: self.total + other.total,
            squares: self.squares + other.squares,
            runs_with_any: self.runs_with_any + other.runs_with_any,
        }
    }
}

/// How many runs something happened in, year by year over the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearHistogram {
    pub first_year: i32,
    /// Runs per year, from `first_year`.
    pub counts: Vec<u64>,
}

impl YearHistogram {
    /// An empty histogram of the years `first..=last`.
    pub fn new(first: i32, last: i32) -> YearHistogram {
        let years = (i64::from(last) - i64::from(first) + 1).max(0) as usize;
        YearHistogram { first_year: first, counts: vec![0; years] }
    }

    fn add(&mut self, year: i32) {
        // A year outside the period cannot come from a run of it; it is
        // counted at the nearer end rather than lost, so totals stay right.
        let index = (i64::from(year) - i64::from(self.first_year)).clamp(0, self.counts.len() as i64 - 1);
        self.counts[index as usize] += 1;
    }

    fn merge(mut self, other: &YearHistogram) -> YearHistogram {
        debug_assert_eq!((self.first_year, self.counts.len()), (other.first_year, other.counts.len()));
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self
    }

    /// How many runs were counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The year at rank ⌈q·n⌉ among the `n` counted (nearest rank, `q =
    /// numerator / denominator`), or `None` if nothing was counted.
    pub fn quantile(&self, numerator: u64, denominator: u64) -> Option<i32> {
        rank(&self.counts, numerator, denominator).map(|i| self.first_year + i as i32)
    }
}

/// Norm strengths at the end of runs: counted in thousandths, and summed exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrengthHistogram {
    /// Runs per strength rounded to the nearest 1/[`STRENGTH_STEPS`], from 0 to 1.
    pub counts: Vec<u64>,
    /// The sum of the strengths in units of 2⁻⁴⁰.
    pub fixed_sum: u128,
}

impl StrengthHistogram {
    fn new() -> StrengthHistogram {
        StrengthHistogram { counts: vec![0; STRENGTH_STEPS + 1], fixed_sum: 0 }
    }

    fn add(&mut self, strength: f64) {
        let strength = if strength.is_nan() { 0.0 } else { strength.clamp(0.0, 1.0) };
        self.counts[(strength * STRENGTH_STEPS as f64).round() as usize] += 1;
        self.fixed_sum += (strength * FIXED_POINT).round() as u128;
    }

    fn merge(mut self, other: &StrengthHistogram) -> StrengthHistogram {
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self.fixed_sum += other.fixed_sum;
        self
    }

    /// The mean strength over `runs` runs.
    pub fn mean(&self, runs: u64) -> Option<f64> {
        (runs > 0).then(|| self.fixed_sum as f64 / FIXED_POINT / runs as f64)
    }

    /// The strength at rank ⌈q·n⌉ (nearest rank), to the nearest thousandth.
    pub fn quantile(&self, numerator: u64, denominator: u64) -> Option<f64> {
        rank(&self.counts, numerator, denominator).map(|i| i as f64 / STRENGTH_STEPS as f64)
    }
}

/// The bin holding the element of rank ⌈q·n⌉ (from 1) among the `n` counted.
fn rank(counts: &[u64], numerator: u64, denominator: u64) -> Option<usize> {
    let n: u64 = counts.iter().sum();
    if n == 0 {
        return None;
    }
    let wanted = (u128::from(numerator) * u128::from(n)).div_ceil(u128::from(denominator)).max(1);
    let mut seen = 0u128;
    counts.iter().position(|count| {
        seen += u128::from(*count);
        seen >= wanted
    })
}

/// What an ensemble's runs came to, counted: add runs one by one, merge
/// partial aggregates in any order, then read a [`super::Summary`] off it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aggregate {
    pub runs: u64,
    /// The year of the first war among great powers, in the runs that had one.
    pub first_great_war: YearHistogram,
    /// Each measure's tally, in [`super::MEASURES`] order.
    pub counts: [Tally; COUNT],
    /// Per commitment: the year it dissolved, in the runs where it did.
    pub dissolutions: Vec<YearHistogram>,
    /// Per norm: its strength at the end.
    pub norm_strengths: Vec<StrengthHistogram>,
}

impl Aggregate {
    /// An empty aggregate for runs of the years `first..=last` with this many norms and commitments.
    pub fn new(first: i32, last: i32, norms: usize, commitments: usize) -> Aggregate {
        Aggregate {
            runs: 0,
            first_great_war: YearHistogram::new(first, last),
            counts: [Tally::default(); COUNT],
            dissolutions: vec![YearHistogram::new(first, last); commitments],
            norm_strengths: vec![StrengthHistogram::new(); norms],
        }
    }

    /// An empty aggregate shaped for runs of `scenario`.
    pub fn for_scenario(scenario: &Scenario) -> Aggregate {
        Aggregate::new(scenario.period.start, scenario.period.end, scenario.norms.len(), scenario.commitments.len())
    }

    /// Counts one run.
    pub fn add(&mut self, outcome: &RunOutcome) {
        debug_assert_eq!(outcome.dissolved.len(), self.dissolutions.len(), "a run of another case");
        debug_assert_eq!(outcome.norm_strengths.len(), self.norm_strengths.len(), "a run of another case");
        self.runs += 1;
        if let Some(year) = outcome.first_great_war {
            self.first_great_war.add(year);
        }
        for (tally, count) in self.counts.iter_mut().zip(outcome.counts) {
            tally.add(count);
        }
        for (histogram, year) in self.dissolutions.iter_mut().zip(&outcome.dissolved) {
            if let Some(year) = year {
                histogram.add(*year);
            }
        }
        for (histogram, strength) in self.norm_strengths.iter_mut().zip(&outcome.norm_strengths) {
            histogram.add(*strength);
        }
    }

    /// Both aggregates' runs counted together; the same whichever comes first.
    pub fn merge(self, other: Aggregate) -> Aggregate {
        debug_assert_eq!(self.dissolutions.len(), other.dissolutions.len(), "aggregates of different cases");
        debug_assert_eq!(self.norm_strengths.len(), other.norm_strengths.len(), "aggregates of different cases");
        Aggregate {
            runs: self.runs + other.runs,
            first_great_war: self.first_great_war.merge(&other.first_great_war),
            counts: std::array::from_fn(|i| self.counts[i].merge(other.counts[i])),
            dissolutions: self.dissolutions.into_iter().zip(&other.dissolutions).map(|(a, b)| a.merge(b)).collect(),
            norm_strengths: self
                .norm_strengths
                .into_iter()
                .zip(&other.norm_strengths)
                .map(|(a, b)| a.merge(b))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(seed: u32) -> RunOutcome {
        // Varied but deterministic outcomes, strengths not on the thousandths grid.
        let odd = seed % 2 == 1;
        RunOutcome {
            first_great_war: (!seed.is_multiple_of(3)).then_some(1815 + (seed * 7 % 42) as i32),
            counts: [
                seed % 4,
                seed % 3 + 1,
                seed % 5 / 3,
                seed % 5 / 3 + seed % 2,
                seed % 7 / 4,
                seed % 3,
                seed % 4 / 3,
                seed % 6,
                seed % 6 / 2,
            ],
            dissolved: vec![odd.then_some(1840 + (seed % 10) as i32), None],
            norm_strengths: vec![(f64::from(seed) * 0.618_033_988_7).fract(), 0.1 + 0.2 * f64::from(seed % 3)],
        }
    }

    fn empty() -> Aggregate {
        Aggregate::new(1815, 1856, 2, 2)
    }

    fn fold(seeds: impl Iterator<Item = u32>) -> Aggregate {
        seeds.fold(empty(), |mut a, s| {
            a.add(&outcome(s));
            a
        })
    }

    #[test]
    fn merging_in_any_order_or_split_gives_the_same_aggregate() {
        let whole = fold(0..200);
        let reversed = fold((0..200).rev());
        assert_eq!(whole, reversed);
        for split in [1, 7, 100, 199] {
            let (left, right) = (fold(0..split), fold(split..200));
            assert_eq!(left.clone().merge(right.clone()), whole, "split at {split}");
            assert_eq!(right.merge(left), whole, "split at {split}, merged the other way");
        }
        // Interleaved thirds, merged in two different trees.
        let parts: Vec<Aggregate> = (0..3).map(|k| fold((0..200).filter(move |s| s % 3 == k))).collect();
        let one = parts[0].clone().merge(parts[1].clone()).merge(parts[2].clone());
        let two = parts[2].clone().merge(parts[0].clone().merge(parts[1].clone()));
        assert_eq!(one, whole);
        assert_eq!(two, whole);
        assert_eq!(whole.clone().merge(empty()), whole, "an empty aggregate changes nothing");
    }

    #[test]
    fn quantiles_take_the_nearest_rank() {
        let mut years = YearHistogram::new(1815, 1820);
        assert_eq!(years.quantile(1, 2), None);
        for year in [1816, 1816, 1818, 1820] {
            years.add(year);
        }
        assert_eq!(years.quantile(1, 4), Some(1816));
        assert_eq!(years.quantile(1, 2), Some(1816), "the lower middle of an even count");
        assert_eq!(years.quantile(3, 4), Some(1818));
        assert_eq!(years.quantile(1, 1), Some(1820));
        assert_eq!(years.total(), 4);
    }

    #[test]
    fn strengths_count_to_the_nearest_thousandth_and_average_exactly() {
        let mut strengths = StrengthHistogram::new();
        for s in [0.7, 0.7004, 1.0, 0.0, 1.5, f64::NAN] {
            strengths.add(s);
        }
        assert_eq!(strengths.counts[700], 2);
        assert_eq!(strengths.counts[1000], 2, "above 1 counts as 1");
        assert_eq!(strengths.counts[0], 2, "NaN counts as 0");
        assert_eq!(strengths.quantile(1, 2), Some(0.7));
        let mean = strengths.mean(6).unwrap();
        assert!((mean - (0.7 + 0.7004 + 1.0 + 1.0) / 6.0).abs() < 1e-12, "{mean}");
    }
}
