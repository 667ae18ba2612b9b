//! An ensemble's findings: frequencies with 95% Wilson intervals, means, and quartiles, read off an aggregate.

use crate::expectation::{wilson, Z};
use crate::scenario::{CommitmentId, NormId};

use super::aggregate::{Aggregate, Tally, YearHistogram};
use super::measure::{CONSULTATIONS, COUNT, DECISIONS_TO_ACT, DEFECTIONS, OBLIGATIONS};

/// How often something happened: `count` of `of`, with the 95% Wilson interval of the share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frequency {
    pub count: u64,
    pub of: u64,
    pub share: f64,
    pub interval: (f64, f64),
}

impl Frequency {
    /// `count` of `of`; an empty ensemble has share 0 and the interval 0..1.
    pub fn new(count: u64, of: u64) -> Frequency {
        Frequency {
            count,
            of,
            share: if of == 0 { 0.0 } else { count as f64 / of as f64 },
            interval: wilson(count as usize, of as usize),
        }
    }
}

/// A per-run count's mean over the runs, with a 95% interval (normal
/// approximation; none for fewer than two runs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mean {
    pub total: u64,
    pub mean: f64,
    pub interval: Option<(f64, f64)>,
}

impl Mean {
    fn of(tally: &Tally, runs: u64) -> Mean {
        let mean = if runs == 0 { 0.0 } else { tally.total as f64 / runs as f64 };
        let interval = (runs >= 2).then(|| {
            // n·Σx² − (Σx)² is exact in integers and never negative.
            let n = u128::from(runs);
            let spread = n * tally.squares - u128::from(tally.total) * u128::from(tally.total);
            let variance = spread as f64 / (n * (n - 1)) as f64;
            let half = Z * (variance / runs as f64).sqrt();
            // Counts are never negative, nor is their mean.
            ((mean - half).max(0.0), mean + half)
        });
        Mean { total: tally.total, mean, interval }
    }
}

/// Three nearest-rank quartiles: the lower, the median, the upper.
pub type Quartiles<T> = [T; 3];

/// What became of one commitment over the ensemble.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentSummary {
    pub commitment: CommitmentId,
    /// The runs it was alive at the end of.
    pub survived: Frequency,
    /// The quartiles of the year it dissolved, over the runs where it did.
    pub dissolution: Option<Quartiles<i32>>,
}

/// One norm's strength at the end, over the ensemble.
#[derive(Debug, Clone, PartialEq)]
pub struct NormSummary {
    pub norm: NormId,
    pub mean: f64,
    /// To the nearest thousandth.
    pub quartiles: Quartiles<f64>,
}

/// What an ensemble found, every frequency with its 95% Wilson interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub runs: u64,
    /// The runs with a war among the great powers (great powers on opposite sides).
    pub great_power_war: Frequency,
    /// The quartiles of the year of the first such war, over the runs that had one.
    pub first_great_power_war: Option<Quartiles<i32>>,
    /// The runs without such a war.
    pub no_great_power_war: Frequency,
    /// Each measure's mean per run, in [`MEASURES`](super::MEASURES) order.
    pub means: [Mean; COUNT],
    /// The runs with at least one defection.
    pub runs_with_defection: Frequency,
    /// The share of all consultations that decided to act. Consultations
    /// within one run are not independent, so this interval is narrower
    /// than the truth when runs hold many consultations.
    pub consultations_acting: Frequency,
    /// The share of all obligations to act, in all runs, that were
    /// defected from: the measure of cooperation that does not grow with
    /// the number of crises a commitment lives to answer. Obligations within
    /// one run are not independent, so this interval is narrower than the
    /// truth when runs hold many.
    pub obligations_defected: Frequency,
    pub commitments: Vec<CommitmentSummary>,
    pub norms: Vec<NormSummary>,
}

fn quartiles<T>(quantile: impl Fn(u64, u64) -> Option<T>) -> Option<Quartiles<T>> {
    Some([quantile(1, 4)?, quantile(1, 2)?, quantile(3, 4)?])
}

fn year_quartiles(histogram: &YearHistogram) -> Option<Quartiles<i32>> {
    quartiles(|n, d| histogram.quantile(n, d))
}

impl Aggregate {
    /// The findings of the runs counted so far.
    pub fn summary(&self) -> Summary {
        let runs = self.runs;
        let at_war = self.first_great_war.total();
        Summary {
            runs,
            great_power_war: Frequency::new(at_war, runs),
            first_great_power_war: year_quartiles(&self.first_great_war),
            no_great_power_war: Frequency::new(runs - at_war, runs),
            means: self.counts.map(|tally| Mean::of(&tally, runs)),
            runs_with_defection: Frequency::new(self.counts[DEFECTIONS].runs_with_any, runs),
            consultations_acting: Frequency::new(self.counts[DECISIONS_TO_ACT].total, self.counts[CONSULTATIONS].total),
            obligations_defected: Frequency::new(self.counts[DEFECTIONS].total, self.counts[OBLIGATIONS].total),
            commitments: self
                .dissolutions
                .iter()
                .enumerate()
                .map(|(i, years)| CommitmentSummary {
                    commitment: CommitmentId(i),
                    survived: Frequency::new(runs - years.total(), runs),
                    dissolution: year_quartiles(years),
                })
                .collect(),
            norms: self
                .norm_strengths
                .iter()
                .enumerate()
                .filter_map(|(i, strengths)| {
                    Some(NormSummary {
                        norm: NormId(i),
                        mean: strengths.mean(runs)?,
                        quartiles: quartiles(|n, d| strengths.quantile(n, d))?,
                    })
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ensemble::measure::WARS;
    use crate::ensemble::RunOutcome;

    #[test]
    fn the_share_of_obligations_defected_is_taken_over_all_runs_obligations() {
        let mut aggregate = Aggregate::new(1815, 1820, 0, 0);
        // Two defections of three obligations, then none of five.
        for (defections, obligations) in [(2, 3), (0, 5)] {
            let mut counts = [0; COUNT];
            counts[DEFECTIONS] = defections;
            counts[OBLIGATIONS] = obligations;
            aggregate.add(&RunOutcome { first_great_war: None, counts, dissolved: vec![], norm_strengths: vec![] });
        }
        let summary = aggregate.summary();
        let defected = summary.obligations_defected;
        assert_eq!((defected.count, defected.of), (2, 8));
        assert_eq!(defected.share, 0.25);
        assert_eq!(defected.interval, wilson(2, 8));
        assert_eq!(summary.means[OBLIGATIONS].mean, 4.0);
    }

    #[test]
    fn a_summary_counts_shares_means_and_quartiles() {
        let mut aggregate = Aggregate::new(1815, 1820, 1, 1);
        let runs = [
            (Some(1816), 2, 0, 3, 1, Some(1818), 0.5),
            (None, 0, 1, 1, 1, None, 0.7),
            (Some(1819), 1, 0, 0, 0, None, 0.9),
            (Some(1816), 1, 2, 4, 2, Some(1820), 0.7),
        ];
        for (war, wars, defections, consultations, acted, dissolved, strength) in runs {
            let mut counts = [0; COUNT];
            counts[WARS] = wars;
            counts[DEFECTIONS] = defections;
            // Each run called on one member more than defected.
            counts[OBLIGATIONS] = defections + 1;
            counts[CONSULTATIONS] = consultations;
            counts[DECISIONS_TO_ACT] = acted;
            aggregate.add(&RunOutcome {
                first_great_war: war,
                counts,
                dissolved: vec![dissolved],
                norm_strengths: vec![strength],
            });
        }
        let summary = aggregate.summary();
        assert_eq!(summary.runs, 4);
        assert_eq!((summary.great_power_war.count, summary.great_power_war.of), (3, 4));
        assert_eq!(summary.great_power_war.interval, wilson(3, 4));
        assert_eq!(summary.no_great_power_war.count, 1);
        assert_eq!(summary.first_great_power_war, Some([1816, 1816, 1819]));
        assert_eq!(summary.means[WARS].mean, 1.0);
        let (low, high) = summary.means[WARS].interval.expect("four runs");
        // Sample standard deviation of 2, 0, 1, 1 is sqrt(2/3).
        let half = Z * (2.0f64 / 3.0 / 4.0).sqrt();
        assert!((low - (1.0 - half)).abs() < 1e-12 && (high - (1.0 + half)).abs() < 1e-12);
        assert_eq!(summary.runs_with_defection.count, 2);
        assert_eq!(summary.means[DEFECTIONS].mean, 0.75);
        assert_eq!((summary.consultations_acting.count, summary.consultations_acting.of), (4, 8));
        assert_eq!(summary.means[DECISIONS_TO_ACT].mean, 1.0);
        assert_eq!((summary.obligations_defected.count, summary.obligations_defected.of), (3, 7));
        assert_eq!(summary.commitments[0].survived.count, 2);
        assert_eq!(summary.commitments[0].dissolution, Some([1818, 1818, 1820]));
        assert_eq!(summary.norms[0].quartiles, [0.5, 0.7, 0.7]);
        assert!((summary.norms[0].mean - 0.7).abs() < 1e-12);
    }

    #[test]
    fn one_run_has_no_interval_for_a_mean() {
        let mut aggregate = Aggregate::new(1815, 1820, 0, 0);
        let mut counts = [0; COUNT];
        counts[WARS] = 3;
        aggregate.add(&RunOutcome { counts, ..RunOutcome::default() });
        let summary = aggregate.summary();
        assert_eq!(summary.means[WARS].mean, 3.0);
        assert_eq!(summary.means[WARS].interval, None);
        assert_eq!(summary.first_great_power_war, None);
        assert_eq!(summary.great_power_war.interval, (0.0, wilson(0, 1).1));
    }
}
