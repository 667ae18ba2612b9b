//! Parser tests: trees compared with spans erased, operator precedence, and spans on their own.

use super::ast::{
    AssignOp, CommitmentItem, Effect, Expr, ExprKind, File, Item, PowerItem, Response, ShockItem, Statement, Target,
};
use super::parse;
use crate::source::FileId;

fn tree(text: &str) -> File {
    let parsed = parse(FileId(0), text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    parsed.tree.expect("a tree")
}

/// The tree's debug dump with every span (`@F:S..E`) erased.
fn shape(file: &File) -> String {
    shape_of(file)
}

/// An expression as a fully parenthesised string, to read precedence off.
fn sexpr(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Number(n) => n.raw.clone(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Year => "year".into(),
        ExprKind::Symbol(s) => s.text.clone(),
        ExprKind::Path(p) => {
            let fields: Vec<&str> = p.fields.iter().map(|f| f.text.as_str()).collect();
            let root = match &p.root {
                super::ast::PathRoot::Model(_) => "model".to_string(),
                super::ast::PathRoot::Name(n) => n.text.clone(),
            };
            format!("{root}.{}", fields.join("."))
        }
        ExprKind::Trust { first, second } => format!("trust({}, {})", first.text, second.text),
        ExprKind::Aggregate { function, attribute, .. } => {
            format!("{function:?}({})", attribute.as_ref().map_or("", |a| a.text.as_str()))
        }
        ExprKind::Unary { op, operand } => format!("({op:?} {})", sexpr(operand)),
        ExprKind::Binary { op, lhs, rhs } => format!("({} {} {})", sexpr(lhs), op.symbol(), sexpr(rhs)),
        ExprKind::Paren(inner) => format!("[{}]", sexpr(inner)),
        ExprKind::Invalid => "invalid".into(),
    }
}

fn condition(expr: &str) -> String {
    let file = tree(&format!("rule \"r\" {{ when {expr} then emit \"x\" }}"));
    match &file.items[0] {
        Item::Rule(rule) => sexpr(&rule.condition),
        other => panic!("expected a rule, got {other:?}"),
    }
}

#[test]
fn layout_and_comments_do_not_change_the_tree() {
    let tight = "power Britain{capability 0.21 stance status_quo great interest Low_Countries 0.9}";
    let loose = "# a comment\r\npower   Britain {\r\n  capability 0.21   # share\r\n  stance status_quo\r\n\r\n  great\r\n  interest Low_Countries 0.9\r\n}\r\n";
    assert_eq!(shape(&tree(tight)), shape(&tree(loose)));
}

#[test]
fn power_tree() {
    let file = tree("power Österreich { capability 0.14 stance 0.4 regime absolutist great }");
    let Item::Power(power) = &file.items[0] else { panic!("a power") };
    assert_eq!(power.name.text, "Österreich");
    let items: Vec<&PowerItem> = power.items.iter().map(|i| &i.node).collect();
    assert!(matches!(items[0], PowerItem::Capability(n) if n.value == 0.14 && n.raw == "0.14"));
    assert!(matches!(items[1], PowerItem::Stance(super::ast::Stance::Level(n)) if n.value == 0.4));
    assert!(matches!(items[2], PowerItem::Regime(r) if r.text == "absolutist"));
    assert!(matches!(items[3], PowerItem::Great));
}

#[test]
fn commitment_response_tree() {
    let text = "commitment League { members A, B  mode automatic  response sanctions  covers aggression }";
    let file = tree(text);
    let Item::Commitment(commitment) = &file.items[0] else { panic!("a commitment") };
    let response = &commitment.items[2];
    assert_eq!(response.node, CommitmentItem::Response(Response::Sanctions));
    assert_eq!(&text[response.span.range()], "response sanctions");
    let file = tree("commitment C { response force }");
    let Item::Commitment(commitment) = &file.items[0] else { panic!("a commitment") };
    assert_eq!(commitment.items[0].node, CommitmentItem::Response(Response::Force));
}

#[test]
fn response_and_its_values_are_not_reserved() {
    let file = tree("power response { capability 0.1 interest sanctions 0.5 } power force { regime sanctions }");
    let names: Vec<&str> = file
        .items
        .iter()
        .map(|item| match item {
            Item::Power(power) => power.name.text.as_str(),
            other => panic!("a power, not {other:?}"),
        })
        .collect();
    assert_eq!(names, ["response", "force"]);
    assert!(parse(FileId(0), "commitment C { response war }").tree.is_none());
}

#[test]
fn precedence_from_loosest_to_tightest() {
    assert_eq!(condition("a or b and c"), "(a or (b and c))");
    assert_eq!(condition("not a and b"), "((Not a) and b)");
    assert_eq!(condition("1 + 2 * 3 > 4 - 5 / 6"), "((1 + (2 * 3)) > (4 - (5 / 6)))");
    assert_eq!(condition("1 - 2 - 3 == 0"), "(((1 - 2) - 3) == 0)");
    assert_eq!(condition("-X.capability < 0"), "((Negate X.capability) < 0)");
    assert_eq!(condition("(a or b) and c"), "([(a or b)] and c)");
    assert_eq!(
        condition("sum(capability of great) >= trust(A, B) * count(members of C)"),
        "(Sum(capability) >= (trust(A, B) * Count()))"
    );
    assert_eq!(condition("year > 1830 and model.war_memory < 0.3"), "((year > 1830) and (model.war_memory < 0.3))");
}

#[test]
fn comparisons_do_not_chain() {
    let parsed = parse(FileId(0), "rule \"r\" { when 1 < 2 < 3 then emit \"x\" }");
    assert!(parsed.tree.is_none());
    assert_eq!(parsed.diagnostics.len(), 1);
}

#[test]
fn strings_resolve_escapes_and_keep_newlines() {
    let file = tree("norm n {\n  \"a \\\"quoted\\\" line\nand a second \\\\ one\"\n  strength 0.5\n}");
    let Item::Norm(norm) = &file.items[0] else { panic!("a norm") };
    let super::ast::NormItem::Text(text) = &norm.items[0].node else { panic!("a text") };
    assert_eq!(text.value, "a \"quoted\" line\nand a second \\ one");
}

#[test]
fn spans_cover_exactly_their_text() {
    let text = "scenario \"S\" { period 1815..1854 }\n\npower Britain {\n  capability 0.21\n}\n\nrule \"r\" {\n  when Britain.capability > 0.3\n  then Britain.constraint -= 0.1\n}\n";
    let file = tree(text);
    let slice = |span: crate::source::Span| &text[span.range()];
    let Item::Scenario(scenario) = &file.items[0] else { panic!("a scenario") };
    assert_eq!(slice(scenario.title.span), "\"S\"");
    assert_eq!(slice(scenario.span), "scenario \"S\" { period 1815..1854 }");
    let Item::Power(power) = &file.items[1] else { panic!("a power") };
    assert_eq!(slice(power.name.span), "Britain");
    assert_eq!(slice(power.items[0].span), "capability 0.21");
    let PowerItem::Capability(number) = &power.items[0].node else { panic!("a capability") };
    assert_eq!(slice(number.span), "0.21");
    let Item::Rule(rule) = &file.items[2] else { panic!("a rule") };
    assert_eq!(slice(rule.condition.span), "Britain.capability > 0.3");
    let ExprKind::Binary { lhs, rhs, .. } = &rule.condition.kind else { panic!("a comparison") };
    assert_eq!(slice(lhs.span), "Britain.capability");
    assert_eq!(slice(rhs.span), "0.3");
    assert_eq!(slice(rule.statements[0].span), "Britain.constraint -= 0.1");
    assert_eq!(
        slice(file.items[2].span()),
        "rule \"r\" {\n  when Britain.capability > 0.3\n  then Britain.constraint -= 0.1\n}"
    );
}

#[test]
fn a_shock_assigns_as_a_rule_does() {
    let text = "shock guarantee at 1939 {\n  Britain.constraint = 0.2\n  trust(Britain, Poland) += 0.1 * model.transparency\n  capability Britain -= 0.01\n  \"After Prague.\"\n}";
    let file = tree(text);
    let Item::Shock(shock) = &file.items[0] else { panic!("a shock") };
    let slice = |span: crate::source::Span| &text[span.range()];
    let spans: Vec<&str> = shock.items.iter().map(|i| slice(i.span)).collect();
    assert_eq!(
        spans,
        [
            "Britain.constraint = 0.2",
            "trust(Britain, Poland) += 0.1 * model.transparency",
            "capability Britain -= 0.01",
            "\"After Prague.\""
        ]
    );
    let ShockItem::Effect(Effect::Assign { target: Target::Path(path), op: AssignOp::Set, value }) =
        &shock.items[0].node
    else {
        panic!("an assignment: {:?}", shock.items[0].node)
    };
    assert_eq!((slice(path.span), slice(value.span)), ("Britain.constraint", "0.2"));
    let ShockItem::Effect(Effect::Assign { target: Target::Trust { .. }, op: AssignOp::Add, value }) =
        &shock.items[1].node
    else {
        panic!("an assignment to trust: {:?}", shock.items[1].node)
    };
    assert_eq!(sexpr(value), "(0.1 * model.transparency)");
    assert!(matches!(&shock.items[2].node, ShockItem::Effect(Effect::Capability { .. })), "still a capability change");
    // The same statement in a rule builds the same tree.
    let rule = tree("rule \"r\" { when true then Britain.constraint = 0.2 }");
    let Item::Rule(rule) = &rule.items[0] else { panic!("a rule") };
    let Statement::Assign { target, op, value: in_rule } = &rule.statements[0].node else { panic!("an assignment") };
    let ShockItem::Effect(Effect::Assign { target: in_shock, value: shock_value, .. }) = &shock.items[0].node else {
        unreachable!()
    };
    assert_eq!(*op, AssignOp::Set);
    assert_eq!(shape_of(target), shape_of(in_shock));
    assert_eq!(sexpr(in_rule), sexpr(shock_value));
}

/// A node's debug dump with its spans erased.
fn shape_of(node: &impl std::fmt::Debug) -> String {
    let dump = format!("{node:#?}");
    let mut out = String::with_capacity(dump.len());
    let mut rest = dump.as_str();
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(after.len());
        out.push_str("@_");
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_shipped_case_parses() {
    for dir in ["tests/ui/pass", "examples"] {
        for entry in std::fs::read_dir(dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "cov") {
                let text = std::fs::read_to_string(&path).expect("UTF-8");
                let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                let parsed = parse(FileId(0), text);
                assert!(parsed.tree.is_some(), "{}: {:?}", path.display(), parsed.diagnostics);
            }
        }
    }
}

/// Every `.cov` file under `dir`, recursively.
fn cases(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            cases(&path, found);
        } else if path.extension().is_some_and(|e| e == "cov") {
            found.push(path);
        }
    }
}

#[test]
fn item_by_item_reads_every_case_as_one_parse_of_the_whole_file_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["examples", "tests", "docs"] {
        cases(&root.join(dir), &mut files);
    }
    assert!(files.len() > 100, "found only {} cases", files.len());
    let mut texts: Vec<String> = files.iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect();
    texts.extend(
        [
            "",
            "# only a comment",
            "power A { capability 0.1 } # no line break at the end",
            "\n\n  power A { capability 1e999 }\n\n",
        ]
        .map(str::to_string),
    );
    for text in &texts {
        let scan = super::lexical::scan(FileId(0), text);
        if !scan.diagnostics.is_empty() {
            continue;
        }
        let by_items = super::parser::parse_file(FileId(0), text, &scan.comments);
        let whole = super::parser::parse_whole(FileId(0), text, &scan.comments);
        assert_eq!(format!("{by_items:?}"), format!("{whole:?}"), "{text}");
    }
}
