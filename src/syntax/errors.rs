//! Rewriting pest's syntax errors in plain words, without rule names.

use pest::error::{ErrorVariant, InputLocation};

use super::lexical::Comment;
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
pub(super) fn rewrite(file: FileId, text: &str, comments: &[Comment], error: pest::error::Error<Rule>) -> Diagnostic {
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
        let literal = literal_tokens(&error);
        if attempts.max_position >= at && (!leaves.is_empty() || !literal.is_empty()) {
            at = attempts.max_position;
            positives = leaves;
            tokens = literal;
        }
    }
    // `_` only starts a name, and `-` a number when one is expected; listed
    // on their own they read as if the character alone would do.
    let number = positives.iter().any(|r| matches!(r, Rule::number | Rule::numeral));
    tokens.retain(|t| t != "_" && !(number && t == "-"));
    let mut expected: Vec<String> = Vec::new();
    // A lone `"` is the start of a string.
    let token = |t: &String| if t == "\"" { describe(Rule::string).to_string() } else { format!("`{t}`") };
    for phrase in positives.iter().map(|r| describe(*r).to_string()).chain(tokens.iter().map(token)) {
        if !expected.contains(&phrase) {
            expected.push(phrase);
        }
    }
    // Where a statement or a shock's effect may stand, an assignment may
    // begin with a name, `model` or `trust`; an expression, which may begin
    // with those too, could also open with `(`.
    let target = ["`model`", "`trust`"];
    if target.iter().all(|t| expected.iter().any(|e| e == t)) && !expected.iter().any(|e| e == "`(`") {
        expected.retain(|e| !target.contains(&e.as_str()));
        expected.push("an assignment such as `Britain.constraint = 0.2`".to_string());
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
    // A year such as `18a5` fails after its digits; the whole word is wrong.
    if positives.iter().any(|r| matches!(r, Rule::year | Rule::integer)) && text[at..].starts_with(char::is_alphabetic)
    {
        at = text[..at].trim_end_matches(|c: char| c.is_ascii_digit()).len();
    }
    let (found, mut found_span) = found_at(text, at);
    let at_end = found_span.0 == text.len();
    if at_end {
        // The end of the file shows best right after the last code in it.
        let end = code_end(text, at, comments);
        found_span = (end, end);
    }
    let span = Span::new(file, found_span.0, found_span.1);
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    // After an operator, what is missing is its operand, whatever pest
    // could have taken there.
    let operator = operator_before(text, at, comments);
    let message = match operator {
        Some(op) => format!("expected a value after `{op}`, found {found}"),
        None if expected.is_empty() => format!("unexpected {found}"),
        None => format!("expected {}, found {found}", join_or(&expected)),
    };
    let word = text.get(found_span.0..found_span.1).unwrap_or("");
    let help = match (did_you_mean(word, tokens.iter().map(String::as_str).filter(|t| t.len() > 2)), operator) {
        (Some(close), _) if word.chars().all(|c| c.is_alphanumeric() || c == '_') => format!("did you mean `{close}`?"),
        (_, Some(op)) if op.ends_with('=') && !matches!(op, "==" | "<=" | ">=") => {
            format!("`{op}` needs a value on its right")
        }
        (_, Some(op)) => format!("`{op}` needs a value on its right, such as `0.3`, `Russia.capability` or `(…)`"),
        _ => help_for(&positives, &tokens, text, at),
    };
    let diagnostic = Diagnostic::new(Code::Syntax, message, span, format!("found {found}"), help);
    let block_cut_short = tokens.iter().any(|t| t == "}") && (at_end || DECLARATIONS.contains(&found.as_str()));
    match unclosed_brace(text, at, comments) {
        Some(open) if block_cut_short => {
            diagnostic.with_label(Span::new(file, open, open + 1), "this `{` is never closed")
        }
        _ => diagnostic,
    }
}

/// The error to report instead of `error` when it only follows a misspelt
/// keyword: a shock's effect or a rule's statement may be an assignment, so
/// `revolutoin in Naples` reads as the start of a path such as
/// `Britain.constraint`, and the parse fails after the word, wanting a `.`.
/// Parsed again (by `reparse`) with the word blanked out, the text fails at
/// the word, listing what could stand there; that error is kept when the
/// word is close to one of those keywords, so the user hears "did you mean
/// `revolution`?" rather than "expected `.`".
pub(super) fn misspelt_keyword(
    text: &str,
    error: &pest::error::Error<Rule>,
    reparse: impl FnOnce(&str) -> Option<pest::error::Error<Rule>>,
) -> Option<pest::error::Error<Rule>> {
    let at = error.parse_attempts()?.max_position;
    if literal_tokens(error) != ["."] {
        return None;
    }
    let before = text.get(..at)?.trim_end();
    let start = before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_').len();
    let word = &before[start..];
    if word.is_empty() || before[..start].trim_end().ends_with('.') {
        return None;
    }
    // NUL bytes keep every offset and start nothing the grammar accepts.
    let mut blanked = text.to_string();
    blanked.replace_range(start..before.len(), &"\0".repeat(word.len()));
    let second = reparse(&blanked)?;
    if second.parse_attempts()?.max_position != start {
        return None;
    }
    let keywords = literal_tokens(&second);
    did_you_mean(word, keywords.iter().map(String::as_str).filter(|t| t.len() > 2))?;
    Some(second)
}

/// The literal tokens pest tried at its furthest position, when the error
/// carries its attempts: what a user can type there.
fn literal_tokens(error: &pest::error::Error<Rule>) -> Vec<String> {
    let Some(attempts) = error.parse_attempts() else { return Vec::new() };
    attempts
        .expected_tokens()
        .into_iter()
        // pest does not export its token type; only literal strings
        // (`Sensitive`) name something a user can type.
        .filter(|token| format!("{token:?}").starts_with("Sensitive"))
        .map(|token| token.to_string())
        .filter(|token| !token.trim().is_empty() && token != "#")
        .collect()
}

/// The operator of the rule language that ends the code before `at`, if
/// any: `>` in `when Russia.capability > then`.
fn operator_before<'t>(text: &'t str, at: usize, comments: &[Comment]) -> Option<&'t str> {
    let end = code_end(text, at, comments);
    let before = &text[..end];
    if before.ends_with("->") || before.ends_with("..") {
        return None;
    }
    const SYMBOLS: &[&str] = &["<=", ">=", "==", "!=", "+=", "-=", "<", ">", "+", "-", "*", "/", "="];
    const WORDS: &[&str] = &["and", "or", "not"];
    if let Some(symbol) = SYMBOLS.iter().find(|s| before.ends_with(**s)) {
        return Some(&before[end - symbol.len()..]);
    }
    let word_start = before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_').len();
    let word = &before[word_start..];
    // Outside rules, `and` only joins the two sides of `war between A and B`.
    let between = before[..word_start].split_whitespace().rev().nth(1) == Some("between");
    (WORDS.contains(&word) && !(word == "and" && between)).then_some(word)
}

/// Where the code before `at` ends, skipping whitespace and comments.
fn code_end(text: &str, at: usize, comments: &[Comment]) -> usize {
    let mut end = at;
    loop {
        end = text[..end].trim_end().len();
        let next = comments.partition_point(|c| (c.span.end as usize) < end);
        match comments.get(next) {
            Some(comment) if (comment.span.start as usize) < end => end = comment.span.start as usize,
            _ => return end,
        }
    }
}

/// The last `{` before `at` that no `}` closes, outside strings and comments.
fn unclosed_brace(text: &str, at: usize, comments: &[Comment]) -> Option<usize> {
    let mut open = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut comments = comments.iter().map(|c| c.span.range()).peekable();
    let mut i = 0;
    while i < at {
        // The first pass found the comments; none starts inside a string.
        while comments.next_if(|c| c.end <= i).is_some() {}
        if let Some(comment) = comments.next_if(|c| c.start == i) {
            i = comment.end;
            continue;
        }
        match text.as_bytes()[i] {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'{' if !in_string => open.push(i),
            b'}' if !in_string => {
                open.pop();
            }
            _ => {}
        }
        i += 1;
    }
    open.pop()
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
    "`scenario`",
    "`include`",
    "`allow`",
    "`power`",
    "`relation`",
    "`norm`",
    "`commitment`",
    "`shock`",
    "`rule`",
    "`variant`",
    "`expect`",
    "`model`",
];

/// Whether `word` is one of the grammar's keywords (its `kw_*` rules).
fn is_keyword(word: &str) -> bool {
    Rule::all_rules().iter().any(|r| format!("{r:?}").strip_prefix("kw_") == Some(word))
}

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
    // Whitespace is invisible between backticks; name it instead.
    let len = first.len_utf8();
    match first {
        ' ' => return ("a space".to_string(), (at, at + len)),
        '\t' => return ("a tab".to_string(), (at, at + len)),
        '\n' | '\r' => return ("the end of the line".to_string(), (at, at + len)),
        '\u{a0}' => return ("a no-break space (U+00A0)".to_string(), (at, at + len)),
        c if c.is_whitespace() => return (format!("the space character U+{:04X}", c as u32), (at, at + len)),
        _ => {}
    }
    if first.is_alphanumeric() || first == '_' {
        // A `.` belongs to the word inside a path such as `Russia.capability`,
        // not before the `..` of a range.
        let continues = |i: usize, c: char| {
            c.is_alphanumeric()
                || c == '_'
                || (c == '.' && rest[i + 1..].starts_with(|n: char| n.is_alphanumeric() || n == '_'))
        };
        let len: usize = rest.char_indices().find(|(i, c)| !continues(*i, *c)).map_or(rest.len(), |(i, _)| i);
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
    let before = text.get(..at).unwrap_or("");
    if before.ends_with('.') && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit()) {
        return "a number cannot end in `.`: write `5` or `5.0`".to_string();
    }
    if rest.starts_with('\u{a0}') {
        return "replace the no-break space with an ordinary space".to_string();
    }
    if tokens.iter().any(|t| t == "}") && rest.is_empty() {
        return "a block opened with `{` is never closed; add the missing `}`".to_string();
    }
    let word_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    let word = &rest[..word_len];
    if tokens.iter().any(|t| t == "}") && DECLARATIONS.contains(&format!("`{word}`").as_str()) {
        return format!("the block before is never closed; add the missing `}}` before this `{word}`");
    }
    if rest.starts_with(|c: char| c.is_control()) {
        return "delete this character; a case file is plain text, not a binary or word-processor file".to_string();
    }
    if ["<", ">", "==", "!="].iter().any(|op| rest.starts_with(op)) && tokens.iter().any(|t| t == "and") {
        return "comparisons do not chain; join two with `and`, such as `0.2 < Russia.capability and Russia.capability < 0.3`".to_string();
    }
    if tokens.iter().any(|t| t == "status_quo") {
        return "a stance is `status_quo`, `revisionist` or a number from 0 to 1".to_string();
    }
    if tokens.iter().any(|t| t == ",") && !word.is_empty() && !is_keyword(word) {
        return format!("if `{word}` continues the list, put a `,` before it");
    }
    if positives.contains(&Rule::year) || positives.contains(&Rule::year_range) {
        return "years are whole numbers such as `1815`, and a range is written `1815..1854`".to_string();
    }
    if positives.contains(&Rule::number) || positives.contains(&Rule::numeral) {
        return "numbers are written like `0.25` or `3`; shares and probabilities lie between 0 and 1".to_string();
    }
    if positives.contains(&Rule::name) && rest.starts_with(|c: char| c.is_alphabetic()) {
        // Not every reserved word where a name belongs was meant as a name.
        if text[..at].split_whitespace().next_back() == Some("when") {
            return "a rule needs a condition after `when`, such as `year > 1830`".to_string();
        }
        if ["trust", "sum", "count", "max", "min", "mean"].contains(&word)
            && rest[word_len..].trim_start().starts_with('(')
        {
            return format!("`{word}(…)` belongs in a rule's condition or statements, not here");
        }
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
        Rule::data | Rule::kw_data => "`data`",
        Rule::capability_from => "`from`",
        Rule::cite | Rule::kw_cite => "`cite`",
        Rule::capability | Rule::kw_capability | Rule::capability_change => "`capability`",
        Rule::stance | Rule::kw_stance => "`stance`",
        Rule::status_quo => "`status_quo`",
        Rule::revisionist => "`revisionist`",
        Rule::regime | Rule::kw_regime | Rule::regime_change => "`regime`",
        Rule::constraint | Rule::kw_constraint => "`constraint`",
        Rule::destructive | Rule::kw_destructive => "`destructive`",
        Rule::effectiveness | Rule::kw_effectiveness => "`effectiveness`",
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
        Rule::response | Rule::kw_response => "`response`",
        Rule::force => "`force`",
        Rule::sanctions => "`sanctions`",
        Rule::aid => "`aid`",
        Rule::decide | Rule::kw_decide => "`decide`",
        Rule::consensus => "`consensus`",
        Rule::unanimity => "`unanimity`",
        Rule::majority => "`majority`",
        Rule::weighted | Rule::kw_weighted => "`weighted`",
        Rule::covers | Rule::kw_covers => "`covers`",
        Rule::crisis_kind => "a kind of crisis (`aggression`, `revolution` or `offense`)",
        Rule::aggression_kind | Rule::aggression => "`aggression`",
        Rule::demand_kind => "`demand`",
        Rule::offense_kind => "`offense`",
        Rule::involving | Rule::kw_involving => "`involving`",
        Rule::general_war_expectation | Rule::kw_general => "`general war of N`",
        Rule::allies | Rule::kw_with => "`with`",
        Rule::revolution_kind | Rule::revolution => "`revolution`",
        Rule::upholds | Rule::kw_upholds => "`upholds`",
        Rule::protects | Rule::kw_protects => "`protects`",
        Rule::guarantees | Rule::kw_guarantees => "`guarantees`",
        Rule::treaty_area => "`over`",
        Rule::against | Rule::kw_against => "`against`",
        Rule::cohesion | Rule::kw_cohesion => "`cohesion`",
        Rule::credibility | Rule::kw_credibility => "`credibility`",
        Rule::formed | Rule::kw_formed => "`formed`",
        Rule::timing => "a timing (`at`, `during` or `chance`)",
        Rule::at | Rule::kw_at => "`at`",
        Rule::during | Rule::kw_during => "`during`",
        Rule::by | Rule::kw_by => "`by`",
        Rule::chance | Rule::kw_chance => "`chance`",
        Rule::kw_each => "`each`",
        Rule::kw_year | Rule::year_now => "`year`",
        Rule::kw_over => "`over`",
        Rule::kw_stakes => "`stakes`",
        Rule::kw_backed | Rule::backers => "`backed by`",
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
        Rule::power_set | Rule::power_group | Rule::all_powers => {
            "a set of powers (`great`, `powers` or `members of X`)"
        }
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
        Rule::shock_outcome
        | Rule::succeeds
        | Rule::fails
        | Rule::deterred
        | Rule::settled
        | Rule::ends_in_compromise
        | Rule::ends
        | Rule::compromise => "an outcome (`succeeds`, `fails`, `deterred`, `settled` or `ends in compromise`)",
        Rule::window => "a time (`at 1821`, `during 1815..1852` or `by 1848`)",
        Rule::rate | Rule::kw_least => "`at least`",
        Rule::parameter => "a model parameter such as `transparency 0.5`",
        Rule::file | Rule::next_items | Rule::file_end => "a case file",
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
        Rule::shock_item => "an effect (`aggression`, `demand`, `revolution`, `join`, …)",
        Rule::statement => "a statement (`emit`, `trigger`, `dissolve` or an assignment)",
        Rule::variant_item => "an override, `remove shock` or a `shock`",
    }
}
