//! Trust between powers: one starting level for every pair, and a record of only the pairs declared or changed since.
//!
//! A case of n powers has n(n−1)/2 pairs, but declares trust for a few and
//! changes it for the few that fight, consult or defect. Storing every pair
//! made a run of 10,000 powers hold 100 million of them; this keeps memory
//! linear in the powers and the pairs that differ from the start.

use crate::scenario::PowerId;

/// Trust between every pair of powers, symmetric.
#[derive(Debug, Clone)]
pub struct Trust {
    /// The trust of a pair nothing declared or changed (`trust_start`).
    start: f64,
    /// The pairs declared or changed, sorted by pair, each once.
    pairs: Vec<Pair>,
}

/// One pair's trust, and the last event that changed it.
#[derive(Debug, Clone, Copy)]
struct Pair {
    key: (PowerId, PowerId),
    value: f64,
    changed: Option<usize>,
}

/// A pair in the order it is stored: the lower power first.
fn key(a: PowerId, b: PowerId) -> (PowerId, PowerId) {
    if a.0 <= b.0 {
        (a, b)
    } else {
        (b, a)
    }
}

impl Trust {
    /// Every pair at `start`, but those `declared` with their own value.
    pub fn new(start: f64, declared: impl IntoIterator<Item = (PowerId, PowerId, f64)>) -> Trust {
        let mut trust = Trust { start, pairs: Vec::new() };
        for (a, b, value) in declared {
            trust.entry(a, b).value = value;
        }
        trust
    }

    fn find(&self, a: PowerId, b: PowerId) -> Result<usize, usize> {
        let key = key(a, b);
        self.pairs.binary_search_by(|pair| (pair.key.0 .0, pair.key.1 .0).cmp(&(key.0 .0, key.1 .0)))
    }

    /// The pair's record, made at the starting level if there was none.
    fn entry(&mut self, a: PowerId, b: PowerId) -> &mut Pair {
        let index = match self.find(a, b) {
            Ok(index) => index,
            Err(index) => {
                self.pairs.insert(index, Pair { key: key(a, b), value: self.start, changed: None });
                index
            }
        };
        &mut self.pairs[index]
    }

    /// Trust between two powers.
    pub fn get(&self, a: PowerId, b: PowerId) -> f64 {
        self.find(a, b).map_or(self.start, |index| self.pairs[index].value)
    }

    /// The last event that changed trust between two powers.
    pub fn changed(&self, a: PowerId, b: PowerId) -> Option<usize> {
        self.find(a, b).ok().and_then(|index| self.pairs[index].changed)
    }

    /// Sets trust between two powers, kept in 0..1.
    pub fn set(&mut self, a: PowerId, b: PowerId, value: f64) {
        self.entry(a, b).value = value.clamp(0.0, 1.0);
    }

    /// Records the event that changed trust between two powers.
    pub fn mark(&mut self, a: PowerId, b: PowerId, seq: usize) {
        self.entry(a, b).changed = Some(seq);
    }

    /// Each of `n` powers' mean trust with the others (0 for a power alone),
    /// in one pass over the recorded pairs rather than over all n² of them.
    pub fn means(&self, n: usize) -> Vec<f64> {
        if n < 2 {
            return vec![0.0; n];
        }
        let mut sums = vec![self.start * (n - 1) as f64; n];
        for pair in self.pairs.iter().filter(|p| p.key.0 != p.key.1) {
            let difference = pair.value - self.start;
            sums[pair.key.0 .0] += difference;
            sums[pair.key.1 .0] += difference;
        }
        sums.into_iter().map(|sum| sum / (n - 1) as f64).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_symmetric_and_start_at_the_start() {
        let mut trust = Trust::new(0.5, [(PowerId(2), PowerId(0), 0.8)]);
        assert_eq!(trust.get(PowerId(0), PowerId(2)), 0.8);
        assert_eq!(trust.get(PowerId(2), PowerId(0)), 0.8);
        assert_eq!(trust.get(PowerId(1), PowerId(2)), 0.5);
        trust.set(PowerId(1), PowerId(2), 1.7);
        trust.mark(PowerId(2), PowerId(1), 9);
        assert_eq!(trust.get(PowerId(2), PowerId(1)), 1.0);
        assert_eq!(trust.changed(PowerId(1), PowerId(2)), Some(9));
        assert_eq!(trust.changed(PowerId(0), PowerId(2)), None);
        assert_eq!(trust.pairs.len(), 2);
    }

    #[test]
    fn means_count_every_other_power() {
        let mut trust = Trust::new(0.5, [(PowerId(0), PowerId(1), 0.8)]);
        trust.set(PowerId(2), PowerId(2), 0.0);
        let means = trust.means(3);
        let expect = [(0.8 + 0.5) / 2.0, (0.8 + 0.5) / 2.0, 0.5];
        for (mean, expect) in means.iter().zip(expect) {
            assert!((mean - expect).abs() < 1e-12, "{means:?}");
        }
        assert_eq!(Trust::new(0.5, []).means(1), vec![0.0]);
    }

    #[test]
    fn memory_grows_with_the_pairs_changed_not_the_powers() {
        let mut trust = Trust::new(0.5, []);
        for i in 0..1_000 {
            trust.set(PowerId(i), PowerId(i + 1), 0.1);
        }
        assert_eq!(trust.pairs.len(), 1_000);
        assert_eq!(trust.means(10_000).len(), 10_000);
    }
}
