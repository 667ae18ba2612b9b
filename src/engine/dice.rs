//! The run's one source of randomness: a seeded ChaCha stream, portable across machines.

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Uniform draws for a run. The same seed gives the same draws on every
/// platform and release, because the stream is ChaCha8 and the conversion
/// to a number is done here, not by a sampling library that may change.
#[derive(Debug, Clone)]
pub struct Dice {
    rng: ChaCha8Rng,
}

impl Dice {
    /// The stream for a seed.
    pub fn new(seed: u64) -> Dice {
        Dice { rng: ChaCha8Rng::seed_from_u64(seed) }
    }

    /// A uniform number in `0..1`, from the top 53 bits of one output.
    pub fn draw(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform index below `n` (which must be positive).
    pub fn index(&mut self, n: usize) -> usize {
        ((self.draw() * n as f64) as usize).min(n - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_fixed_by_the_seed() {
        let first: Vec<f64> = (0..4)
            .map({
                let mut dice = Dice::new(1815);
                move |_| dice.draw()
            })
            .collect();
        let again: Vec<f64> = (0..4)
            .map({
                let mut dice = Dice::new(1815);
                move |_| dice.draw()
            })
            .collect();
        assert_eq!(first, again);
        assert!(first.iter().all(|d| (0.0..1.0).contains(d)));
        let other = Dice::new(1816).draw();
        assert_ne!(first[0], other);
    }
}
