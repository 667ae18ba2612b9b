//! Unit tests of the comparison: divergence, ties and the aftermath.
