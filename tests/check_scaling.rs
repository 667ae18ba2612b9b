//! `check` of a generated case costs the same per line at 2,000 lines and at 20,000, counted in allocations and heap bytes (not timed).
//!
//! A counting allocator sees every allocation of this test binary, so the
//! figures are exact and repeat on any machine. Work that grows faster than
//! the file — a scan over earlier declarations, a list rebuilt for each
//! item — shows as more allocations per line in the larger case, and a
//! structure held for the whole file that needs only a part of it (pest's
//! tokens for the whole text) as a higher peak per byte. `cargo bench
//! --bench check_scaling` gives the instructions and resident memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use covenant::check;
use covenant::load::{self, LoadOptions};

#[path = "support/generated.rs"]
mod generated;

/// Counts the allocations made and the bytes live, and keeps the peak.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What loading and checking one case cost.
struct Cost {
    lines: usize,
    bytes: usize,
    allocations: usize,
    /// The most heap live at once above what was live before, in bytes.
    peak: usize,
}

fn check_generated(lines: usize) -> Cost {
    let text = generated::case(lines);
    let (lines, bytes) = (text.lines().count(), text.len());
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let allocations = ALLOCATIONS.load(Ordering::Relaxed);
    let loaded = load::load_bytes(Path::new("generated.cov"), text.into_bytes(), LoadOptions::default());
    let checked = check::check(&loaded);
    let cost = Cost {
        lines,
        bytes,
        allocations: ALLOCATIONS.load(Ordering::Relaxed) - allocations,
        peak: PEAK.load(Ordering::Relaxed) - before,
    };
    assert!(checked.diagnostics.is_empty(), "the generated case checks clean: {:?}", checked.diagnostics);
    cost
}

// One test, so that no other test's allocations are counted with it.
#[test]
fn check_costs_the_same_per_line_at_two_thousand_lines_and_at_twenty_thousand() {
    let small = check_generated(2_000);
    let large = check_generated(20_000);
    assert!((20_000..20_000 + generated::BLOCK_LINES + 11).contains(&large.lines), "{} lines", large.lines);
    let per_line = |cost: &Cost| cost.allocations as f64 / cost.lines as f64;
    assert!(
        per_line(&large) < per_line(&small) * 1.02,
        "allocations per line: {:.2} at {} lines, {:.2} at {}",
        per_line(&small),
        small.lines,
        per_line(&large),
        large.lines
    );
    // Text, syntax tree and scenario come to some 16 times the file; pest's
    // tokens, when they were kept for the whole file, added 18 more.
    let per_byte = large.peak as f64 / large.bytes as f64;
    assert!(per_byte < 20.0, "peak heap of {per_byte:.1} bytes per byte of the file");
}
