//! Parse + check of a generated case of about 5,000 lines (the front end's cost per file), and the worst cases of a large file: every pair of powers related, and 20,000 warnings rendered.
//!
//! Run with `cargo bench --bench parse_check`. The target is 20 ms or less
//! for the whole case on a two-core machine.

use std::fmt::Write;
use std::path::Path;

use covenant::check;
use covenant::load::{self, LoadOptions};
use covenant::report::diagnostics::{graphical, json};

fn main() {
    divan::main();
}

/// The number of powers in the generated case; everything else scales with it.
const POWERS: usize = 300;

/// A case with `POWERS` powers, one relation and one alliance per
/// neighbouring pair, norms, shocks of every timing, rules and expectations.
fn generated_case() -> String {
    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "scenario \"Generated\" {{\n  period 1800..1900\n  seed 7\n  source gen \"Generated\"\n}}\n").unwrap();
    for i in 0..POWERS {
        writeln!(
            w,
            "power P{i} {{\n  capability {:.4}\n  stance {:.2}\n  regime {}\n  constraint 0.{}\n  interest Region{} 0.7\n  interest Region{} 0.3\n{}  cite gen \"p. {i}\"\n}}\n",
            0.9 / POWERS as f64,
            (i % 10) as f64 / 10.0,
            if i % 2 == 0 { "liberal" } else { "absolutist" },
            i % 10,
            i % 20,
            (i + 1) % 20,
            if i % 25 == 0 { "  great\n" } else { "" },
        )
        .unwrap();
        writeln!(w, "relation P{i} P{} {{ trust 0.5 }}", (i + 1) % POWERS).unwrap();
    }
    for i in 0..POWERS / 5 {
        writeln!(w, "norm n{i} {{\n  \"Norm {i}.\"\n  strength 0.5\n  forbids conquest\n}}\n").unwrap();
        writeln!(
            w,
            "commitment C{i} {{\n  members P{}, P{}, P{}\n  mode {}\n  covers aggression, revolution\n  upholds n{i}\n}}\n",
            5 * i,
            5 * i + 1,
            5 * i + 2,
            if i % 2 == 0 { "concert" } else { "automatic" },
        )
        .unwrap();
        writeln!(
            w,
            "shock s{i} at {} {{\n  aggression P{} -> P{} over Region{} stakes 0.1\n  \"Shock {i}.\"\n}}\n",
            1800 + i % 100,
            5 * i + 3,
            5 * i,
            i % 20
        )
        .unwrap();
        writeln!(
            w,
            "shock r{i} chance 0.05 each year during 1810..1890 {{\n  revolution in one_of(P{}, P{})\n}}\n",
            5 * i + 1,
            5 * i + 4
        )
        .unwrap();
        writeln!(
            w,
            "rule \"Rule {i}\" {{\n  when year > 1850 and (P{}.capability + P{}.capability) * 2 > sum(capability of members of C{i}) or not C{i}.alive\n  then C{i}.cohesion -= 0.01\n       trust(P{}, P{}) += 0.01\n}}\n",
            5 * i,
            5 * i + 1,
            5 * i,
            5 * i + 1
        )
        .unwrap();
        writeln!(
            w,
            "expect \"Expectation {i}\" {{ no war between P{} and P{} during 1800..1850 }}\n",
            5 * i,
            5 * i + 1
        )
        .unwrap();
    }
    writeln!(w, "variant v \"What if?\" {{\n  C0.mode = automatic\n  model.transparency = 0.9\n  remove shock s0\n}}")
        .unwrap();
    out
}

#[divan::bench]
fn parse_and_check_5000_lines(bencher: divan::Bencher) {
    let text = generated_case();
    let lines = text.lines().count();
    assert!(lines >= 5_000, "the generated case has {lines} lines");
    let first =
        check::check(&load::load_bytes(Path::new("generated.cov"), text.clone().into_bytes(), LoadOptions::default()));
    assert!(first.scenario.is_some(), "the generated case checks clean: {:?}", first.diagnostics);
    bencher.bench(|| {
        let loaded = load::load_bytes(
            Path::new("generated.cov"),
            divan::black_box(text.clone().into_bytes()),
            LoadOptions::default(),
        );
        check::check(&loaded)
    });
}

/// The worst case a scenario of many powers can be for the checker: every
/// pair of 300 powers related (44,850 relations, about 1.3 MB). Each check
/// of a relation against the earlier ones must not scan them.
fn every_pair_related() -> String {
    const N: usize = 300;
    let mut out = String::from("scenario \"Every pair\" { period 1900..1901 }\nallow isolated-power\n");
    for i in 0..N {
        writeln!(out, "power P{i} {{ capability 0.001 }}").unwrap();
    }
    for i in 0..N {
        for j in i + 1..N {
            writeln!(out, "relation P{i} P{j} {{ trust 0.5 }}").unwrap();
        }
    }
    out
}

#[divan::bench]
fn check_every_pair_of_300_powers_related(bencher: divan::Bencher) {
    let text = every_pair_related();
    let first =
        check::check(&load::load_bytes(Path::new("pairs.cov"), text.clone().into_bytes(), LoadOptions::default()));
    assert!(first.scenario.is_some(), "the case checks clean: {:?}", first.diagnostics);
    bencher.bench(|| {
        let loaded = load::load_bytes(
            Path::new("pairs.cov"),
            divan::black_box(text.clone().into_bytes()),
            LoadOptions::default(),
        );
        check::check(&loaded)
    });
}

/// Many diagnostics in one large file: 20,000 powers in nothing, each a
/// `W002` warning, rendered as `check` renders them (graphical and JSON).
/// Rendering one must cost the lines it quotes, not the whole file.
fn isolated_powers() -> String {
    let mut out = String::from("scenario \"Isolated\" { period 1900..1901 }\n");
    for i in 0..20_000 {
        writeln!(out, "power P{i} {{ capability 0.00001 }}").unwrap();
    }
    out
}

#[divan::bench(sample_count = 10)]
fn check_and_render_20000_warnings(bencher: divan::Bencher) {
    let text = isolated_powers();
    bencher.bench(|| {
        let loaded = load::load_bytes(
            Path::new("isolated.cov"),
            divan::black_box(text.clone().into_bytes()),
            LoadOptions::default(),
        );
        let checked = check::check(&loaded);
        assert_eq!(checked.diagnostics.iter().count(), 20_000);
        let mut bytes = 0;
        for diagnostic in checked.diagnostics.iter() {
            bytes += graphical(diagnostic, &loaded.sources, false).len();
            bytes += json(diagnostic, &loaded.sources).len();
        }
        bytes
    });
}
