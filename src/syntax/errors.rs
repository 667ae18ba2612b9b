//! Rewriting pest's syntax errors in plain words, without rule names.

use pest::error::{ErrorVariant, InputLocation};

use super::parser::Rule;
use crate::diagnostic::{did_you_mean, Code, Diagnostic};
use crate::source::{FileId, Span};

/// Turns a pest error into a `C001` diagnostic that says, in the user's
/// terms, what was expected and what was found.
///
/// When the error carries pest's detailed attempts (the parser asks for
/// them on a second pass), the position is the furthest the parse reached
/// and the expectation lists the literal tokens that would have continued
/// it — `{`, `capability`, `..` — which rule names alone cannot say.
pub(super) fn rewrite(file: FileId, text: &str, error: pest::error::Error<Rule>) -> Diagnostic {
    let mut at = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    };
    let mut positives = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let mut tokens: Vec<String> = Vec::new();
    if let Some(attempts) = error.parse_attempts() {
        let leaves: Vec<Rule> = attempts
            .call_stacks()
            .iter()
            .filter_map(|stack| stack.deepest.get_rule().copied())
            .filter(|rule| is_value(*rule))
            .collect();
        let literal: Vec<String> = attempts
            .expected_tokens()
            .into_iter()
            // pest does not export its token type; only literal strings
            // (`Sensitive`) name something a user can type.
            .filter(|token| format!("{token:?}").starts_with("Sensitive"))
            .map(|token| token.to_string())
            .filter(|token| !token.trim().is_empty() && token != "#")
            .collect();
        if attempts.max_position >= at && (!leaves.is_empty() || !literal.is_empty()) {
            at = attempts.max_position;
            positives = leaves;
            tokens = literal;
        }
    }
    let mut expected: Vec<String> = Vec::new();
    for phrase in positives.iter().map(|r| describe(*r).to_string()).chain(tokens.iter().map(|t| format!("`{t}`"))) {
        if !expected.contains(&phrase) {
            expected.push(phrase);
        }
    }
    // A long list of declarations reads better as one phrase.
    let declarations = expected.iter().filter(|e| DECLARATIONS.contains(&e.as_str())).count();
    if declarations > 3 {
        expected.retain(|e| !DECLARATIONS.contains(&e.as_str()));
        expected.insert(0, "a declaration (`power`, `norm`, `commitment`, `shock`, `rule`, …)".to_string());
    }
    // A reserved word where a name belongs fails only after pest has
    // looked past it; point at the word, which is what needs changing.
    if positives.contains(&Rule::name) {
        let before = &text[..at];
        let word_start = before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_').len();
        if RESERVED.contains(&&before[word_start..]) {
            at = word_start;
        }
    }
    let (found, found_span) = found_at(text, at);
    let span = Span::new(file, found_span.0, found_span.1);
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {}, found {found}", join_or(&expected))
    };
    let word = text.get(found_span.0..found_span.1).unwrap_or("");
    let help = match did_you_mean(word, tokens.iter().map(String::as_str).filter(|t| t.len() > 2)) {
        Some(close) if word.chars().all(|c| c.is_alphanumeric() || c == '_') => format!("did you mean `{close}`?"),
        _ => help_for(&positives, &tokens, text, at),
    };
    Diagnostic::new(Code::Syntax, message, span, format!("found {found}"), help)
}

/// Rules that stand for a value the user types, whose description says
/// more than the characters pest tried.
fn is_value(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::name
            | Rule::field
            | Rule::number
            | Rule::numeral
            | Rule::year
            | Rule::year_range
            | Rule::integer
            | Rule::string
            | Rule::lint_name
    )
}

/// The grammar's reserved words (`reserved` in `grammar/covenant.pest`).
const RESERVED: &[&str] = &[
    "and", "or", "not", "true", "false", "year", "model", "great", "powers", "members", "of", "sum", "count", "max",
    "min", "mean", "trust", "one_of", "when", "then", "emit", "trigger", "dissolve", "cite",
];

const DECLARATIONS: &[&str] = &[
    "`scenario`", "`include`", "`allow`", "`power`", "`relation`", "`norm`", "`commitment`", "`shock`",
    "`rule`", "`variant`", "`expect`", "`model`",
];

fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// What sits at `at`: a word, one character, or the end of the file.
fn found_at(text: &str, at: usize) -> (String, (usize, usize)) {
    let rest = &text[at.min(text.len())..];
    let Some(first) = rest.chars().next() else {
        return ("the end of the file".to_string(), (at, at));
    };
    if first == '\0' {
        return ("a NUL byte".to_string(), (at, at + 1));
    }
    if first.is_alphanumeric() || first == '_' {
        let len: usize = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '.'))
            .map_or(rest.len(), |(i, _)| i);
        // Long words are cut at 40 characters, on a character boundary.
        let cut = rest[..len].char_indices().nth(40).map_or(len, |(i, _)| i);
        let word = &rest[..cut];
        return (format!("`{word}`"), (at, at + len));
    }
    if first.is_control() {
        return (format!("the control character U+{:04X}", first as u32), (at, at + first.len_utf8()));
    }
    (format!("`{first}`"), (at, at + first.len_utf8()))
}

fn help_for(positives: &[Rule], tokens: &[String], text: &str, at: usize) -> String {
    let rest = text.get(at..).unwrap_or("");
    if tokens.iter().any(|t| t == "}") && rest.is_empty() {
        return "a block opened with `{` is never closed; add the missing `}`".to_string();
    }
    if positives.contains(&Rule::year) || positives.contains(&Rule::year_range) {
        return "years are whole numbers such as `1815`, and a range is written `1815..1854`".to_string();
    }
    if positives.contains(&Rule::number) || positives.contains(&Rule::numeral) {
        return "numbers are written like `0.25` or `3`; shares and probabilities lie between 0 and 1".to_string();
    }
    if positives.contains(&Rule::name) && rest.starts_with(|c: char| c.is_alphabetic()) {
        return "this word is reserved by the rule language; choose another name".to_string();
    }
    if positives.contains(&Rule::string) {
        return "text goes between double quotes, such as `\"Congress of Vienna\"`".to_string();
    }
    if positives.iter().any(|r| matches!(r, Rule::scenario | Rule::power | Rule::EOI))
        || tokens.iter().any(|t| t == "power")
    {
        return "a case file is a list of declarations, each starting with a keyword such as `power` or `norm`; see docs/language.md".to_string();
    }
    "see docs/language.md for the form of each declaration".to_string()
}

/// A rule in the user's words; no rule name ever reaches the user.
fn describe(kind: Rule) -> &'static str {
    match kind {
        Rule::EOI => "the end of the file",
        Rule::name | Rule::symbol | Rule::path_root => "a name",
        Rule::field => "an attribute name",
        Rule::number | Rule::numeral => "a number such as `0.5`",
        Rule::year | Rule::year_range => "a year such as `1815`",
        Rule::integer => "a whole number",
        Rule::string | Rule::string_inner => "a quoted string",
        Rule::lint_name => "a warning name such as `unused-norm`",
        Rule::scenario | Rule::kw_scenario => "`scenario`",
        Rule::include | Rule::kw_include => "`include`",
        Rule::allow | Rule::kw_allow => "`allow`",
        Rule::power | Rule::kw_power => "`power`",
        Rule::relation | Rule::kw_relation => "`relation`",
        Rule::norm | Rule::kw_norm => "`norm`",
        Rule::commitment | Rule::kw_commitment => "`commitment`",
        Rule::shock | Rule::kw_shock => "`shock`",
        Rule::rule_declaration | Rule::kw_rule => "`rule`",
        Rule::variant | Rule::kw_variant => "`variant`",
        Rule::expect | Rule::kw_expect => "`expect`",
        Rule::model_block | Rule::kw_model | Rule::model_root => "`model`",
        Rule::period | Rule::kw_period => "`period`",
        Rule::seed | Rule::kw_seed => "`seed`",
        Rule::source | Rule::kw_source => "`source`",
        Rule::cite | Rule::kw_cite => "`cite`",
        Rule::capability | Rule::kw_capability | Rule::capability_change => "`capability`",
        Rule::stance | Rule::kw_stance => "`stance`",
        Rule::status_quo => "`status_quo`",
        Rule::revisionist => "`revisionist`",
        Rule::regime | Rule::kw_regime | Rule::regime_change => "`regime`",
        Rule::constraint | Rule::kw_constraint => "`constraint`",
        Rule::interest | Rule::kw_interest => "`interest`",
        Rule::great | Rule::kw_great | Rule::all_great => "`great`",
        Rule::trust | Rule::kw_trust | Rule::trust_of => "`trust`",
        Rule::strength | Rule::kw_strength => "`strength`",
        Rule::forbids | Rule::kw_forbids => "`forbids`",
        Rule::act => "an act (`conquest` or `intervention`)",
        Rule::conquest => "`conquest`",
        Rule::intervention => "`intervention`",
        Rule::members | Rule::kw_members | Rule::members_of => "`members`",
        Rule::mode | Rule::kw_mode => "`mode`",
        Rule::automatic => "`automatic`",
        Rule::concert => "`concert`",
        Rule::decide | Rule::kw_decide => "`decide`",
        Rule::consensus => "`consensus`",
        Rule::unanimity => "`unanimity`",
        Rule::majority => "`majority`",
        Rule::weighted | Rule::kw_weighted => "`weighted`",
        Rule::covers | Rule::kw_covers => "`covers`",
        Rule::crisis_kind => "a kind of crisis (`aggression` or `revolution`)",
        Rule::aggression_kind | Rule::aggression => "`aggression`",
        Rule::revolution_kind | Rule::revolution => "`revolution`",
        Rule::upholds | Rule::kw_upholds => "`upholds`",
        Rule::protects | Rule::kw_protects => "`protects`",
        Rule::cohesion | Rule::kw_cohesion => "`cohesion`",
        Rule::credibility | Rule::kw_credibility => "`credibility`",
        Rule::timing => "a timing (`at`, `during` or `chance`)",
        Rule::at | Rule::kw_at => "`at`",
        Rule::during | Rule::kw_during => "`during`",
        Rule::by | Rule::kw_by => "`by`",
        Rule::chance | Rule::kw_chance => "`chance`",
        Rule::kw_each => "`each`",
        Rule::kw_year | Rule::year_now => "`year`",
        Rule::kw_over => "`over`",
        Rule::kw_stakes => "`stakes`",
        Rule::kw_in => "`in`",
        Rule::kw_to => "`to`",
        Rule::kw_from => "`from`",
        Rule::kw_one_of | Rule::one_of => "`one_of(…)`",
        Rule::actor => "a power or `one_of(…)`",
        Rule::join | Rule::kw_join => "`join`",
        Rule::leave | Rule::kw_leave => "`leave`",
        Rule::assign_op => "`=`, `+=` or `-=`",
        Rule::once => "`once`",
        Rule::kw_when => "`when`",
        Rule::kw_then => "`then`",
        Rule::emit | Rule::kw_emit => "`emit`",
        Rule::trigger | Rule::kw_trigger => "`trigger`",
        Rule::dissolve | Rule::kw_dissolve => "`dissolve`",
        Rule::assignment | Rule::target | Rule::path => "a path such as `Britain.capability`",
        Rule::expr
        | Rule::conjunction
        | Rule::negation
        | Rule::comparison
        | Rule::sum
        | Rule::product
        | Rule::unary
        | Rule::atom => "an expression",
        Rule::or_op => "`or`",
        Rule::and_op | Rule::kw_and => "`and`",
        Rule::not_op => "`not`",
        Rule::cmp_op => "a comparison (`<`, `<=`, `>`, `>=`, `==`, `!=`)",
        Rule::add_op => "`+` or `-`",
        Rule::mul_op => "`*` or `/`",
        Rule::neg_op => "`-`",
        Rule::boolean => "`true` or `false`",
        Rule::aggregate | Rule::aggregate_fn => "an aggregate (`sum`, `count`, `max`, `min`, `mean`)",
        Rule::power_set | Rule::power_group | Rule::all_powers => "a set of powers (`great`, `powers` or `members of X`)",
        Rule::kw_of => "`of`",
        Rule::override_ | Rule::override_value => "an override such as `Britain.constraint = 0.2`",
        Rule::removal | Rule::kw_remove => "`remove`",
        Rule::expectation
        | Rule::war_expectation
        | Rule::intervention_expectation
        | Rule::dissolution_expectation
        | Rule::outcome_expectation
        | Rule::threshold_expectation => "an expectation such as `no war among great during 1815..1852`",
        Rule::negated => "`no`",
        Rule::kw_war => "`war`",
        Rule::between | Rule::kw_between => "`between`",
        Rule::among | Rule::kw_among => "`among`",
        Rule::kw_dissolution => "`dissolution`",
        Rule::shock_outcome | Rule::succeeds | Rule::fails | Rule::deterred => {
            "an outcome (`succeeds`, `fails` or `deterred`)"
        }
        Rule::window => "a time (`at 1821`, `during 1815..1852` or `by 1848`)",
        Rule::rate | Rule::kw_least => "`at least`",
        Rule::parameter => "a model parameter such as `transparency 0.5`",
        Rule::file => "a case file",
        // Silent rules never reach an error; listed so that a new rule forces a decision.
        Rule::WHITESPACE | Rule::COMMENT => "whitespace",
        Rule::ident_char | Rule::reserved => "a name",
        Rule::numeral_body => "a number such as `0.5`",
        Rule::item => "a declaration (`power`, `norm`, `commitment`, `shock`, `rule`, …)",
        Rule::scenario_item => "`period`, `seed` or `source`",
        Rule::power_item => "a power attribute (`capability`, `stance`, `constraint`, …)",
        Rule::relation_item => "`trust` or `cite`",
        Rule::norm_item => "a norm attribute (`strength`, `forbids`, …)",
        Rule::commitment_item => "a commitment attribute (`members`, `mode`, `decide`, …)",
        Rule::shock_item => "an effect (`aggression`, `revolution`, `join`, …)",
        Rule::statement => "a statement (`emit`, `trigger`, `dissolve` or an assignment)",
        Rule::variant_item => "an override, `remove shock` or a `shock`",
    }
}
