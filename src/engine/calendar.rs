//! The shocks in play by year: those scheduled and those that may come by chance, sorted once per run rather than looked for every year.

use crate::scenario::{Period, Scenario, ShockId, Timing};

/// For each year of the period, the shocks in play that fall due in it
/// (`at` the year, or `during` a range that holds it) and those that may
/// come by chance, each in source order.
#[derive(Debug, Default)]
pub(crate) struct Calendar {
    start: i32,
    scheduled: Years,
    chances: Years,
}

/// Shocks by year: year `i` of the period holds `shocks[at[i]..at[i + 1]]`.
#[derive(Debug, Default)]
struct Years {
    shocks: Vec<ShockId>,
    at: Vec<usize>,
}

// A copy keeps the room of the lists it is copied into (`State::reset_to`).
impl Clone for Calendar {
    fn clone(&self) -> Calendar {
        Calendar { start: self.start, scheduled: self.scheduled.clone(), chances: self.chances.clone() }
    }

    fn clone_from(&mut self, source: &Calendar) {
        self.start = source.start;
        self.scheduled.clone_from(&source.scheduled);
        self.chances.clone_from(&source.chances);
    }
}

impl Clone for Years {
    fn clone(&self) -> Years {
        Years { shocks: self.shocks.clone(), at: self.at.clone() }
    }

    fn clone_from(&mut self, source: &Years) {
        self.shocks.clone_from(&source.shocks);
        self.at.clone_from(&source.at);
    }
}

impl Calendar {
    /// The calendar of `shocks`, the shocks in play, in source order.
    pub fn new(scenario: &Scenario, shocks: &[ShockId]) -> Calendar {
        let period = &scenario.period;
        let timing = |id: &ShockId| scenario.shocks[id.0].timing;
        let scheduled = Years::sort(
            period,
            shocks.iter().filter_map(|id| match timing(id) {
                Timing::At(at) => Some((*id, at, at)),
                Timing::During { start, end } => Some((*id, start, end)),
                Timing::Chance { .. } | Timing::Triggered => None,
            }),
        );
        let chances = Years::sort(
            period,
            shocks.iter().filter_map(|id| match timing(id) {
                Timing::Chance { start, end, .. } => Some((*id, start, end)),
                _ => None,
            }),
        );
        Calendar { start: period.start, scheduled, chances }
    }

    /// The shocks scheduled for `year`, in source order.
    pub fn scheduled(&self, year: i32) -> &[ShockId] {
        self.scheduled.of(year - self.start)
    }

    /// The shocks that may come by chance in `year`, in source order.
    pub fn chances(&self, year: i32) -> &[ShockId] {
        self.chances.of(year - self.start)
    }
}

impl Years {
    /// Sorts shocks, each with the first and last year it falls in, into
    /// the years of `period` (a counting sort, so each year keeps them in
    /// the order given); years outside the period are left out.
    fn sort(period: &Period, shocks: impl Iterator<Item = (ShockId, i32, i32)> + Clone) -> Years {
        let years = period.years();
        let within = |start: i32, end: i32| {
            let (first, last) = (start.max(period.start), end.min(period.end));
            (first <= last).then(|| ((first - period.start) as usize, (last - period.start) as usize))
        };
        let mut at = vec![0; years + 1];
        for (_, start, end) in shocks.clone() {
            if let Some((first, last)) = within(start, end) {
                at[first..=last].iter_mut().for_each(|count| *count += 1);
            }
        }
        // Counts to offsets: year i's shocks begin where year i − 1's end.
        let mut total = 0;
        for slot in &mut at {
            let count = *slot;
            *slot = total;
            total += count;
        }
        let mut filled = at.clone();
        let mut sorted = vec![ShockId(0); total];
        for (id, start, end) in shocks {
            if let Some((first, last)) = within(start, end) {
                for year in first..=last {
                    sorted[filled[year]] = id;
                    filled[year] += 1;
                }
            }
        }
        Years { shocks: sorted, at }
    }

    fn of(&self, index: i32) -> &[ShockId] {
        match usize::try_from(index) {
            Ok(i) if i + 1 < self.at.len() => &self.shocks[self.at[i]..self.at[i + 1]],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::load::{load_bytes, LoadOptions};

    const CASE: &str = r#"
scenario "S" { period 1830..1835 }
power France { capability 0.5 }
shock rises during 1828..1831 { capability France += 0.01 }
shock unrest chance 0.1 each year during 1834..1840 { capability France -= 0.01 }
shock july at 1830 { capability France += 0.02 }
shock early at 1700 { capability France += 0.02 }
shock later chance 0.2 each year during 1830..1831 { capability France -= 0.02 }
shock triggered { capability France += 0.03 }
"#;

    /// Each year's shocks, scheduled and by chance, by name.
    fn names(scenario: &Scenario, calendar: &Calendar, year: i32) -> (Vec<String>, Vec<String>) {
        let named = |ids: &[ShockId]| ids.iter().map(|id| scenario.shocks[id.0].name.clone()).collect();
        (named(calendar.scheduled(year)), named(calendar.chances(year)))
    }

    #[test]
    fn each_year_holds_the_shocks_that_fall_in_it_in_source_order() {
        let loaded = load_bytes(std::path::Path::new("case.cov"), CASE.as_bytes().to_vec(), LoadOptions::default());
        let scenario = check(&loaded).scenario.expect("the case checks");
        let every: Vec<ShockId> = (0..scenario.shocks.len()).map(ShockId).collect();
        let calendar = Calendar::new(&scenario, &every);
        let both = |s: &[&str], c: &[&str]| {
            (s.iter().map(|n| n.to_string()).collect(), c.iter().map(|n| n.to_string()).collect())
        };
        assert_eq!(names(&scenario, &calendar, 1830), both(&["rises", "july"], &["later"]));
        assert_eq!(names(&scenario, &calendar, 1831), both(&["rises"], &["later"]));
        assert_eq!(names(&scenario, &calendar, 1832), both(&[], &[]));
        // A range that runs past the period is cut at its end.
        assert_eq!(names(&scenario, &calendar, 1835), both(&[], &["unrest"]));
        // Outside the period nothing falls due, not even `early` at 1700.
        assert_eq!(names(&scenario, &calendar, 1700), both(&[], &[]));
        assert_eq!(names(&scenario, &calendar, 1836), both(&[], &[]));
        // Only the shocks in play are on it: a variant's removal leaves `july` out.
        let without_july: Vec<ShockId> = every.iter().copied().filter(|id| id.0 != 2).collect();
        let calendar = Calendar::new(&scenario, &without_july);
        assert_eq!(names(&scenario, &calendar, 1830), both(&["rises"], &["later"]));
    }
}
