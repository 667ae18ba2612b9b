use super::*;
use crate::expectation::Z;

/// Newcombe's interval computed another way: each Wilson bound found by
/// bisection on the score equation |p̂ − p| = z·√(p(1 − p)/n), and φ
/// with its correction written out as the paper states it.
fn by_bisection(a: u64, b: u64, c: u64, d: u64) -> (f64, f64) {
    let n = (a + b + c + d) as f64;
    let score_bound = |x: u64, upper: bool| {
        let p = x as f64 / n;
        let outside = |q: f64| (p - q).abs() > Z * (q * (1.0 - q) / n).sqrt();
        let (mut inside, mut out) = if upper { (p, 1.0) } else { (p, 0.0) };
        if !outside(out) {
            return out;
        }
        for _ in 0..200 {
            let middle = (inside + out) / 2.0;
            if outside(middle) {
                out = middle;
            } else {
                inside = middle;
            }
        }
        inside
    };
    let (p1, p2) = ((a + b) as f64 / n, (a + c) as f64 / n);
    let (l1, u1) = (score_bound(a + b, false), score_bound(a + b, true));
    let (l2, u2) = (score_bound(a + c, false), score_bound(a + c, true));
    let (a_, b_, c_, d_) = (a as f64, b as f64, c as f64, d as f64);
    let product = (a_ + b_) * (c_ + d_) * (a_ + c_) * (b_ + d_);
    let cross = a_ * d_ - b_ * c_;
    let phi = if product == 0.0 {
        0.0
    } else if cross > n / 2.0 {
        (cross - n / 2.0) / product.sqrt()
    } else if cross >= 0.0 {
        0.0
    } else {
        cross / product.sqrt()
    };
    let theta = (b_ - c_) / n;
    let delta = ((p1 - l1).powi(2) - 2.0 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2).powi(2)).sqrt();
    let epsilon = ((u1 - p1).powi(2) - 2.0 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2).powi(2)).sqrt();
    ((theta - delta).max(-1.0), (theta + epsilon).min(1.0))
}

fn close(found: (f64, f64), expected: (f64, f64), tolerance: f64) -> bool {
    (found.0 - expected.0).abs() <= tolerance && (found.1 - expected.1).abs() <= tolerance
}

#[test]
fn newcombe_gives_the_published_intervals() {
    // Newcombe (1998), Statistics in Medicine 17:2635–2650, Table II,
    // method 10, as the paper prints them (four decimals).
    let published = [
        ((36, 12, 2, 0), (0.0569, 0.3404)),
        ((18, 12, 2, 18), (0.0562, 0.3290)),
        ((53, 0, 0, 1), (-0.0729, 0.0729)),
        ((0, 30, 0, 0), (0.8395, 1.0)),
        // Fagerland, Lydersen & Laake (2017), Statistical Analysis of
        // Contingency Tables, ch. 8: complete response before and after
        // consolidation therapy (Cavo et al. 2012), estimate −0.0621.
        ((59, 6, 16, 80), (-0.1186, -0.0046)),
    ];
    for ((a, b, c, d), expected) in published {
        let found = newcombe(a, b, c, d);
        assert!(close(found, expected, 0.5e-4 + 1e-9), "{a} {b} {c} {d}: {found:?}, published {expected:?}");
    }
}

#[test]
fn newcombe_agrees_with_an_independent_computation() {
    for (a, b, c, d) in [(36, 12, 2, 0), (1, 1, 7, 12), (0, 0, 0, 5), (5, 0, 0, 0), (400, 3, 17, 1580), (7, 9, 0, 2)] {
        let (found, other) = (newcombe(a, b, c, d), by_bisection(a, b, c, d));
        assert!(close(found, other, 1e-9), "{a} {b} {c} {d}: {found:?} against {other:?}");
    }
}

#[test]
fn newcombe_is_symmetric_and_sane_at_the_edges() {
    // Swapping the sides mirrors the interval.
    for (a, b, c, d) in [(36, 12, 2, 0), (3, 0, 9, 1), (10, 10, 10, 10)] {
        let (low, high) = newcombe(a, b, c, d);
        let (mirror_low, mirror_high) = newcombe(a, c, b, d);
        assert!((low + mirror_high).abs() < 1e-12 && (high + mirror_low).abs() < 1e-12, "{a} {b} {c} {d}");
    }
    // Identical sides: the difference is 0, and 0 lies strictly inside.
    for (a, d) in [(40, 60), (0, 100), (100, 0), (1, 1)] {
        let (low, high) = newcombe(a, 0, 0, d);
        assert!(low < 0.0 && 0.0 < high && (low + high).abs() < 1e-12, "{a} {d}: {low} {high}");
    }
    // Every pair differs the same way: the interval reaches the bound.
    assert_eq!(newcombe(0, 0, 20, 0).0, -1.0);
    assert_eq!(newcombe(0, 20, 0, 0).1, 1.0);
    // More pairs, a narrower interval around the same difference.
    let (small, large) = (newcombe(10, 8, 2, 20), newcombe(100, 80, 20, 200));
    assert!(large.1 - large.0 < small.1 - small.0);
    assert_eq!(newcombe(0, 0, 0, 0), (-1.0, 1.0));
}

#[test]
fn paired_sums_give_the_mean_difference_and_its_normal_interval() {
    let mut sums = PairedSums::default();
    for (left, right) in [(1, 3), (2, 2), (0, 3), (4, 5)] {
        sums.add(left, right);
    }
    // Differences 2, 0, 3, 1: mean 1.5, sample variance 5/3.
    assert_eq!(sums.difference(1.0), Some(1.5));
    assert_eq!(sums.mean(Side::Left, 1.0), Some(1.75));
    assert_eq!(sums.mean(Side::Right, 1.0), Some(3.25));
    let half = sums.half_width(1.0).expect("four pairs");
    assert!((half - Z * (5.0f64 / 3.0 / 4.0).sqrt()).abs() < 1e-12, "{half}");
    let mut same = PairedSums::default();
    for x in [0, 5, 9] {
        same.add(x, x);
    }
    assert_eq!((same.difference(1.0), same.half_width(1.0)), (Some(0.0), Some(0.0)));
    let mut one = PairedSums::default();
    one.add(1, 2);
    assert_eq!(one.half_width(1.0), None);
    assert_eq!(PairedSums::default().difference(1.0), None);
}

fn outcome(seed: u64, shift: u64) -> RunOutcome {
    let s = seed + shift;
    RunOutcome {
        first_great_war: s.is_multiple_of(3).then_some(1815 + (s * 7 % 40) as i32),
        counts: [s % 4, s % 3 + 1, s % 5 / 3, s % 5 / 3 + s % 2, s % 7 / 4, s % 3, s % 4 / 3, s % 6, s % 6 / 2]
            .map(|c| c as u32),
        dissolved: vec![(s % 2 == 1).then_some(1840 + (s % 10) as i32)],
        norm_strengths: vec![(s as f64 * 0.618_033_988_7).fract()],
    }
}

fn empty() -> PairedAggregate {
    let one = |name: &str| vec![Matched { name: name.to_string(), index: Sides { left: Some(0), right: Some(0) } }];
    let side = Aggregate::new(1815, 1856, 1, 1);
    PairedAggregate::new(Sides { left: side.clone(), right: side }, one("Alliance"), one("status_quo"))
}

fn fold(indices: impl Iterator<Item = u64>) -> PairedAggregate {
    indices.fold(empty(), |mut aggregate, i| {
        let pair = PairedOutcome {
            outcomes: Sides { left: outcome(i, 0), right: outcome(i, i % 5) },
            histories_differ: i % 5 != 0,
        };
        aggregate.add(i, &pair);
        aggregate
    })
}

#[test]
fn paired_aggregates_merge_in_any_order_to_the_same_counts() {
    let whole = fold(0..300);
    assert_eq!(whole, fold((0..300).rev()), "runs in reverse order");
    for split in [1, 13, 150, 299] {
        let (first, second) = (fold(0..split), fold(split..300));
        assert_eq!(first.clone().merge(second.clone()), whole, "split at {split}");
        assert_eq!(second.merge(first), whole, "split at {split}, merged the other way");
    }
    let parts: Vec<PairedAggregate> = (0..3).map(|k| fold((0..300).filter(move |i| i % 3 == k))).collect();
    assert_eq!(parts[2].clone().merge(parts[0].clone()).merge(parts[1].clone()), whole);
    assert_eq!(whole.clone().merge(empty()), whole);
    assert_eq!(whole.histories_differ, 240);
    assert_eq!(whole.runs, 300);
}

#[test]
fn the_seeds_kept_are_the_first_where_only_one_side_was_at_war() {
    let whole = fold(0..300);
    let expected: Vec<(u64, Side)> = (0..300)
        .filter_map(|i| {
            let (l, r) = (outcome(i, 0).first_great_war.is_some(), outcome(i, i % 5).first_great_war.is_some());
            match (l, r) {
                (true, false) => Some((i, Side::Left)),
                (false, true) => Some((i, Side::Right)),
                _ => None,
            }
        })
        .take(SEEDS_KEPT)
        .collect();
    assert_eq!(expected.len(), SEEDS_KEPT);
    assert_eq!(whole.war_on_one_side, expected);
    let counts = whole.great_power_war;
    assert!(counts.only_left + counts.only_right > SEEDS_KEPT as u64);
}

#[test]
fn identical_sides_differ_by_nothing() {
    let mut aggregate = empty();
    for i in 0..50 {
        let pair =
            PairedOutcome { outcomes: Sides { left: outcome(i, 0), right: outcome(i, 0) }, histories_differ: false };
        aggregate.add(i, &pair);
    }
    let summary = aggregate.summary();
    assert_eq!(summary.histories_differ, 0);
    assert!(summary.war_on_one_side.is_empty());
    let shares = [&summary.great_power_war, &summary.runs_with_defection, &summary.commitments[0].survived];
    for share in shares {
        let difference = share.difference.expect("both sides");
        let (low, high) = difference.interval.expect("an interval");
        assert_eq!(difference.value, 0.0);
        assert!(low <= 0.0 && 0.0 <= high);
        assert_eq!(share.sides.left, share.sides.right);
    }
    for mean in summary.means.iter().chain([&summary.first_great_power_war, &summary.norms[0].strength]) {
        let difference = mean.difference.expect("both sides");
        assert_eq!((difference.value, difference.interval), (0.0, Some((0.0, 0.0))));
    }
    assert_eq!(summary.sides.left, summary.sides.right);
}

#[test]
fn a_name_on_one_side_only_has_no_difference() {
    let commitments = Matched::by_name(Sides {
        left: vec![(0, "Holy"), (1, "Quadruple"), (2, "Removed")],
        right: vec![(0, "Quadruple"), (1, "League")],
    });
    let indices: Vec<(&str, Option<usize>, Option<usize>)> =
        commitments.iter().map(|m| (m.name.as_str(), m.index.left, m.index.right)).collect();
    assert_eq!(
        indices,
        [
            ("Holy", Some(0), None),
            ("Quadruple", Some(1), Some(0)),
            ("Removed", Some(2), None),
            ("League", None, Some(1))
        ]
    );
    let sides = Sides { left: Aggregate::new(1815, 1820, 0, 3), right: Aggregate::new(1815, 1820, 0, 2) };
    let mut aggregate = PairedAggregate::new(sides, commitments, Vec::new());
    let run = |dissolved: Vec<Option<i32>>| RunOutcome { dissolved, ..RunOutcome::default() };
    for _ in 0..4 {
        let pair = PairedOutcome {
            outcomes: Sides { left: run(vec![Some(1816), None, None]), right: run(vec![Some(1817), None]) },
            histories_differ: true,
        };
        aggregate.add(0, &pair);
    }
    let summary = aggregate.summary();
    let holy = &summary.commitments[0].survived;
    assert_eq!(holy.sides.left.map(|f| f.count), Some(0));
    assert_eq!(holy.sides.right, None);
    assert_eq!((holy.pairs, holy.difference), (None, None));
    assert_eq!(summary.commitments[0].dissolution.left, Some([1816, 1816, 1816]));
    // The right side's first commitment is Quadruple: it dissolved there in 1817.
    let quadruple = &summary.commitments[1];
    assert_eq!(quadruple.survived.pairs.map(|p| p.only_left), Some(4));
    assert_eq!(quadruple.survived.sides.left.map(|f| f.count), Some(4));
    assert_eq!(quadruple.survived.sides.right.map(|f| f.count), Some(0));
    assert_eq!(quadruple.survived.difference.map(|d| d.value), Some(-1.0));
    assert_eq!(summary.commitments[3].survived.sides.left, None);
    assert_eq!(summary.commitments[3].survived.sides.right.map(|f| f.count), Some(4));
}
