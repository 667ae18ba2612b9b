//! Trust between powers: one starting level for every pair, and beyond a few dozen powers a record of only the pairs declared or changed.
//!
//! A case of n powers has n(n−1)/2 pairs, but declares trust for a few and
//! changes it for the few that fight, consult or defect. A table of every
//! pair made a run of 10,000 powers hold 100 million of them; above 64
//! powers only the pairs that differ from the start are kept, so memory is
//! linear in the powers and those pairs. Below, the table is small and is
//! read without a search, which an ensemble's runs feel.

use std::collections::BTreeMap;

use crate::scenario::PowerId;

/// Up to this many powers trust is a table of every pair, which is then
/// no larger than a list of the pairs changed and is read in one step, not
/// a search; above it, only the pairs declared or changed are kept.
const TABLE_UP_TO: usize = 64;

/// Trust between every pair of powers, symmetric.
#[derive(Debug, Clone)]
pub struct Trust {
    /// The trust of a pair nothing declared or changed (`trust_start`).
    start: f64,
    pairs: Pairs,
    /// Each power's mean trust as last worked out, and whether a pair has
    /// changed since: the panel asks every year, and most years change none.
    means: Vec<f64>,
    stale: bool,
}

#[derive(Debug, Clone)]
enum Pairs {
    /// Every pair, indexed `[a * n + b]`, both ways.
    Table { n: usize, values: Vec<f64>, changed: Vec<Option<usize>> },
    /// The pairs declared or changed, by pair (the lower power first), in
    /// order: a tree, so that adding one costs a search, not a shift of all
    /// those after it (a defection in a commitment of 1,000 members changes
    /// 999 pairs).
    List(BTreeMap<(usize, usize), Pair>),
}

/// One pair's trust, and the last event that changed it.
#[derive(Debug, Clone, Copy)]
struct Pair {
    value: f64,
    changed: Option<usize>,
}

/// A pair in the order a list stores it: the lower power first.
fn key(a: PowerId, b: PowerId) -> (usize, usize) {
    if a.0 <= b.0 {
        (a.0, b.0)
    } else {
        (b.0, a.0)
    }
}

impl Trust {
    /// Every pair of `n` powers at `start`, but those `declared` with their own value.
    pub fn new(n: usize, start: f64, declared: impl IntoIterator<Item = (PowerId, PowerId, f64)>) -> Trust {
        let pairs = if n <= TABLE_UP_TO {
            Pairs::Table { n, values: vec![start; n * n], changed: vec![None; n * n] }
        } else {
            Pairs::List(BTreeMap::new())
        };
        let mut trust = Trust { start, pairs, means: Vec::new(), stale: true };
        for (a, b, value) in declared {
            trust.set(a, b, value);
        }
        trust
    }

    /// Sets this trust back to `start`, keeping the room of its table.
    pub fn reset_to(&mut self, start: &Trust) {
        self.start = start.start;
        self.stale = true;
        match (&mut self.pairs, &start.pairs) {
            (Pairs::Table { n, values, changed }, Pairs::Table { n: m, values: v, changed: c }) => {
                *n = *m;
                values.clone_from(v);
                changed.clone_from(c);
            }
            (pairs, start) => pairs.clone_from(start),
        }
    }

    /// A listed pair's record, made at the starting level if there was none.
    fn entry(list: &mut BTreeMap<(usize, usize), Pair>, start: f64, a: PowerId, b: PowerId) -> &mut Pair {
        list.entry(key(a, b)).or_insert(Pair { value: start, changed: None })
    }

    /// Trust between two powers.
    pub fn get(&self, a: PowerId, b: PowerId) -> f64 {
        match &self.pairs {
            Pairs::Table { n, values, .. } => values[a.0 * n + b.0],
            Pairs::List(list) => list.get(&key(a, b)).map_or(self.start, |pair| pair.value),
        }
    }

    /// The last event that changed trust between two powers.
    pub fn changed(&self, a: PowerId, b: PowerId) -> Option<usize> {
        match &self.pairs {
            Pairs::Table { n, changed, .. } => changed[a.0 * n + b.0],
            Pairs::List(list) => list.get(&key(a, b)).and_then(|pair| pair.changed),
        }
    }

    /// Sets trust between two powers, kept in 0..1.
    pub fn set(&mut self, a: PowerId, b: PowerId, value: f64) {
        let value = value.clamp(0.0, 1.0);
        self.stale = true;
        match &mut self.pairs {
            Pairs::Table { n, values, .. } => {
                values[a.0 * *n + b.0] = value;
                values[b.0 * *n + a.0] = value;
            }
            Pairs::List(list) => Self::entry(list, self.start, a, b).value = value,
        }
    }

    /// Records the event that changed trust between two powers.
    pub fn mark(&mut self, a: PowerId, b: PowerId, seq: usize) {
        match &mut self.pairs {
            Pairs::Table { n, changed, .. } => {
                changed[a.0 * *n + b.0] = Some(seq);
                changed[b.0 * *n + a.0] = Some(seq);
            }
            Pairs::List(list) => Self::entry(list, self.start, a, b).changed = Some(seq),
        }
    }

    /// Each of `n` powers' mean trust with the others, as [`Trust::means`]
    /// gives it, worked out again only when a pair has changed since it last was.
    pub fn current_means(&mut self, n: usize) -> &[f64] {
        if self.stale || self.means.len() != n {
            self.means = self.means(n);
            self.stale = false;
        }
        &self.means
    }

    /// Each of `n` powers' mean trust with the others (0 for a power alone):
    /// the starting level, moved by each pair that differs from it, the pairs
    /// taken in the same order whichever way they are stored, so that a
    /// table and a list give the same figures to the last bit.
    pub fn means(&self, n: usize) -> Vec<f64> {
        if n < 2 {
            return vec![0.0; n];
        }
        let mut sums = vec![self.start * (n - 1) as f64; n];
        let mut add = |(a, b): (usize, usize), value: f64| {
            let difference = value - self.start;
            if a != b && difference != 0.0 {
                sums[a] += difference;
                sums[b] += difference;
            }
        };
        match &self.pairs {
            Pairs::Table { n, values, .. } => {
                for a in 0..*n {
                    for b in a + 1..*n {
                        add((a, b), values[a * n + b]);
                    }
                }
            }
            Pairs::List(list) => list.iter().for_each(|(key, pair)| add(*key, pair.value)),
        }
        sums.into_iter().map(|sum| sum / (n - 1) as f64).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table and a list of the same pairs, for powers 0 to `n` − 1.
    fn both(n: usize, declared: &[(PowerId, PowerId, f64)]) -> [Trust; 2] {
        let table = Trust::new(n, 0.5, declared.iter().copied());
        let list = Trust { pairs: Pairs::List(BTreeMap::new()), ..table.clone() };
        let mut list = list;
        for &(a, b, value) in declared {
            list.set(a, b, value);
        }
        [table, list]
    }

    #[test]
    fn pairs_are_symmetric_and_start_at_the_start() {
        for mut trust in both(3, &[(PowerId(2), PowerId(0), 0.8)]) {
            pairs_of(&mut trust);
        }
    }

    fn pairs_of(trust: &mut Trust) {
        assert_eq!(trust.get(PowerId(0), PowerId(2)), 0.8);
        assert_eq!(trust.get(PowerId(2), PowerId(0)), 0.8);
        assert_eq!(trust.get(PowerId(1), PowerId(2)), 0.5);
        trust.set(PowerId(1), PowerId(2), 1.7);
        trust.mark(PowerId(2), PowerId(1), 9);
        assert_eq!(trust.get(PowerId(2), PowerId(1)), 1.0);
        assert_eq!(trust.changed(PowerId(1), PowerId(2)), Some(9));
        assert_eq!(trust.changed(PowerId(0), PowerId(2)), None);
    }

    #[test]
    fn means_count_every_other_power() {
        for mut trust in both(3, &[(PowerId(0), PowerId(1), 0.8)]) {
            trust.set(PowerId(2), PowerId(2), 0.0);
            let means = trust.means(3);
            let expect = [(0.8 + 0.5) / 2.0, (0.8 + 0.5) / 2.0, 0.5];
            for (mean, expect) in means.iter().zip(expect) {
                assert!((mean - expect).abs() < 1e-12, "{means:?}");
            }
        }
        assert_eq!(Trust::new(1, 0.5, []).means(1), vec![0.0]);
    }

    #[test]
    fn a_table_and_a_list_give_the_same_means_to_the_last_bit() {
        let declared: Vec<(PowerId, PowerId, f64)> =
            (0..40).map(|i| (PowerId(i % 7), PowerId((i * 3 + 1) % 11), 0.1 + i as f64 * 0.0137)).collect();
        let [table, list] = both(11, &declared);
        assert_eq!(table.means(11), list.means(11));
    }

    #[test]
    fn memory_grows_with_the_pairs_changed_not_the_powers() {
        let mut trust = Trust::new(10_000, 0.5, []);
        for i in 0..1_000 {
            trust.set(PowerId(i), PowerId(i + 1), 0.1);
        }
        let Pairs::List(list) = &trust.pairs else { panic!("10,000 powers are listed, not tabled") };
        assert_eq!(list.len(), 1_000);
        assert_eq!(trust.means(10_000).len(), 10_000);
    }
}
