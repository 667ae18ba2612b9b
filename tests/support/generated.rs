//! A valid case of about N lines, for measuring how `check` grows with a file.
//!
//! The case repeats one block of declarations with fresh names: powers with
//! interests, regimes and cites, relations, norms, commitments of each mode,
//! shocks of every timing (at, during, chance, triggered), rules, a variant
//! and expectations of each form, much as the bundled examples mix them. It
//! checks with no error and no warning.

use std::fmt::Write;

/// The lines one block writes (counted by a test).
pub const BLOCK_LINES: usize = 153;

/// A case of about `lines` lines (at least one block), the header's 11 lines included.
pub fn case(lines: usize) -> String {
    let blocks = lines.div_ceil(BLOCK_LINES).max(1);
    let mut out = String::with_capacity(lines * 40);
    header(&mut out);
    for b in 0..blocks {
        block(&mut out, b, blocks);
    }
    out
}

fn header(w: &mut String) {
    w.push_str(
        "scenario \"Generated\" {\n  period 1800..1900\n  seed 7\n  source gen \"A generated source, for measurement only\"\n  source atlas \"A second source\"\n}\n\nmodel {\n  war_memory 0.9  cite gen \"p. 1\"\n}\n\n",
    );
}

/// Block `b` of `blocks`: `BLOCK_LINES` lines.
fn block(w: &mut String, b: usize, blocks: usize) {
    // Five powers a block, each with a share small enough that the whole
    // system stays under 1 at any size.
    let share = 0.9 / (blocks * 5) as f64;
    let p = |i: usize| format!("P{b}_{i}");
    for i in 0..5 {
        let regime = ["liberal", "absolutist", "republican"][(b + i) % 3];
        let stance = ["status_quo", "revisionist", "0.3"][(b + i) % 3];
        writeln!(
            w,
            "power {} {{\n  capability {share:.9}  cite gen \"p. {b}\"\n  stance {stance}\n  regime {regime}\n  constraint 0.{}\n  interest R{b}_a 0.{}  cite atlas \"map {i}\"\n  interest R{b}_b 0.5\n{}}}\n",
            p(i),
            i + 1,
            i + 2,
            match i {
                0 => "  great\n  destructive 0.1\n",
                2 => "  effectiveness 1.5\n",
                3 => "  great\n",
                _ => "",
            },
        )
        .unwrap();
    }
    for i in 0..4 {
        writeln!(w, "relation {} {} {{ trust 0.{}  cite gen \"letters\" }}", p(i), p(i + 1), i + 3).unwrap();
    }
    writeln!(
        w,
        "\nnorm settlement{b} {{\n  \"No power changes the settlement without the others' consent.\"\n  strength 0.6\n  forbids conquest\n  cite gen \"p. 60\"\n}}\n\nnorm restraint{b} {{\n  \"Powers consult before they act.\"\n  strength 0.4\n}}\n"
    )
    .unwrap();
    writeln!(
        w,
        "commitment Concert{b} {{\n  members {}, {}, {}\n  mode concert\n  decide majority\n  covers aggression, revolution\n  upholds settlement{b}, restraint{b}\n  protects {}\n  cohesion 0.8\n  cite gen \"treaty {b}\"\n}}\n",
        p(0),
        p(1),
        p(2),
        p(4)
    )
    .unwrap();
    writeln!(
        w,
        "commitment League{b} {{\n  members {}, {}\n  mode automatic\n  response sanctions\n  covers aggression\n  over R{b}_a, R{b}_b\n  formed 1820\n}}\n",
        p(3),
        p(4)
    )
    .unwrap();
    writeln!(
        w,
        "commitment Guarantee{b} {{\n  members {}, {}\n  mode automatic\n  guarantees {}\n  against {}\n  covers aggression, offense\n  credibility 0.7\n}}\n",
        p(0),
        p(2),
        p(4),
        p(3)
    )
    .unwrap();
    let year = 1801 + b % 98;
    writeln!(
        w,
        "shock crisis{b} at {year} {{\n  aggression {} -> {} over R{b}_a stakes 0.2 backed by {}\n  \"A crisis over the region.\"\n  cite gen \"crisis {b}\"\n}}\n",
        p(3),
        p(1),
        p(4)
    )
    .unwrap();
    writeln!(
        w,
        "shock rising{b} chance 0.05 each year during 1810..1890 {{\n  revolution in one_of({}, {}) over R{b}_b strength 0.4\n}}\n",
        p(1),
        p(2)
    )
    .unwrap();
    writeln!(
        w,
        "shock realignment{b} during 1830..1840 {{\n  leave {} from League{b}\n  capability {} += 0.0001\n}}\n\nshock return{b} at 1845 {{\n  join {} to League{b}\n  join {} to Concert{b}\n  demand {} -> {} over R{b}_b stakes 0.1 with {}\n}}\n",
        p(3),
        p(2),
        p(3),
        p(3),
        p(2),
        p(4),
        p(1)
    )
    .unwrap();
    writeln!(w, "shock reform{b} {{\n  regime {} = liberal\n  {}.constraint = 0.5\n}}\n", p(1), p(1)).unwrap();
    writeln!(
        w,
        "rule \"Concert {b} wears\" {{\n  when year > 1850 and ({}.capability + {}.capability) * 2 > sum(capability of members of Concert{b}) or not Concert{b}.alive\n  then Concert{b}.cohesion -= 0.01\n       trust({}, {}) += 0.01\n  cite gen \"p. 61\"\n}}\n",
        p(0),
        p(1),
        p(0),
        p(1)
    )
    .unwrap();
    writeln!(
        w,
        "rule \"Reform {b}\" {{\n  once\n  when {}.regime == absolutist and crisis{b}.happened\n  then trigger reform{b}\n       emit \"The crisis brings reform.\"\n}}\n",
        p(1)
    )
    .unwrap();
    writeln!(
        w,
        "variant loose{b} \"What if Concert {b} were automatic?\" {{\n  Concert{b}.mode = automatic\n  {}.stance = 0.8\n  remove shock rising{b}\n  remove commitment League{b}\n  shock extra{b} at 1860 {{\n    aggression {} -> {} over R{b}_a stakes 0.3\n  }}\n}}\n",
        p(3),
        p(1),
        p(4)
    )
    .unwrap();
    writeln!(
        w,
        "expect \"No war between {0} and {1}\" {{ no war between {0} and {1} during 1800..1850  at least 0.6  cite gen \"p. 62\" }}\nexpect \"Crisis {b} is deterred\" {{ shock crisis{b} deterred }}\nexpect \"Concert {b} lasts\" {{ no dissolution of Concert{b} by 1900 }}\nexpect \"Cohesion {b}\" {{ Concert{b}.cohesion >= 0.1 at 1850 }}\nexpect \"No general war {b}\" {{ no general war of 2 by 1900 }}\nexpect \"Peace among the great {b}\" {{ no war among great during 1800..1820 }}\nexpect \"Intervention {b}\" {{ intervention by {0} in {1} during 1810..1890  at least 0.1 }}\n",
        p(0),
        p(2)
    )
    .unwrap();
}
