//! Shards: slice I of N of a grid, dealt round-robin so that every slice gets a share of each region of the grid.

use std::fmt;
use std::str::FromStr;

use super::grid::MAX_POINTS;

/// Slice `index` (from 1) of `count`: the grid points `p` with `p mod count = index − 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// The whole grid: shard 1 of 1.
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// Whether point `point` belongs to this shard.
    pub fn holds(self, point: usize) -> bool {
        point % self.count == self.index - 1
    }

    /// This shard's points of a grid of `points`, in increasing order.
    pub fn points(self, points: usize) -> Vec<usize> {
        (self.index - 1..points).step_by(self.count).collect()
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Reads `I/N`, such as `3/10`: `N` from 1 to [`MAX_POINTS`], `I` from 1 to `N`.
impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let malformed = || format!("expected I/N, such as `3/10` for the third of ten shards, not `{text}`");
        let (index, count) = text.split_once('/').ok_or_else(malformed)?;
        let number = |s: &str| if s.bytes().all(|b| b.is_ascii_digit()) { s.parse::<usize>().ok() } else { None };
        let (Some(index), Some(count)) = (number(index), number(count)) else { return Err(malformed()) };
        if count == 0 || count > MAX_POINTS {
            return Err(format!("`{text}` splits the grid into {count} shards; N must be from 1 to {MAX_POINTS}"));
        }
        if index == 0 || index > count {
            return Err(format!(
                "shard `{text}` is outside 1..{count}; shards count from 1, so I runs from 1 to {count}"
            ));
        }
        Ok(Shard { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_deal_the_points_round_robin_and_cover_them_once() {
        let shards: Vec<Shard> = (1..=3).map(|i| Shard { index: i, count: 3 }).collect();
        assert_eq!(shards[0].points(8), [0, 3, 6]);
        assert_eq!(shards[1].points(8), [1, 4, 7]);
        assert_eq!(shards[2].points(8), [2, 5]);
        for point in 0..8 {
            assert_eq!(shards.iter().filter(|s| s.holds(point)).count(), 1, "point {point}");
        }
        assert_eq!(Shard { index: 5, count: 5 }.points(3), Vec::<usize>::new(), "more shards than points");
        assert_eq!(Shard::WHOLE.points(3), [0, 1, 2]);
    }

    #[test]
    fn a_shard_reads_i_of_n_and_refuses_the_rest() {
        assert_eq!("3/10".parse::<Shard>(), Ok(Shard { index: 3, count: 10 }));
        assert_eq!(Shard { index: 3, count: 10 }.to_string(), "3/10");
        for bad in ["0/4", "5/4"] {
            assert!(bad.parse::<Shard>().unwrap_err().contains("is outside 1..4"), "{bad}");
        }
        for bad in ["3", "a/4", "1/b", "-1/4", "1/4/2", "", "+1/4"] {
            assert!(bad.parse::<Shard>().unwrap_err().starts_with("expected I/N"), "{bad}");
        }
        assert!("1/0".parse::<Shard>().unwrap_err().contains("N must be from 1 to 10000"));
        assert!("1/99999999999999999999999".parse::<Shard>().unwrap_err().starts_with("expected I/N"));
    }
}
