//! The table of diagnostic codes: each has a stable id, a kebab-case name and a severity.
//!
//! Codes never change meaning once released; `docs/language.md` documents
//! each one with a snippet that triggers it, and a UI test covers each.

use std::fmt;

/// Whether a diagnostic stops the case from running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $name:literal; )*) => {
        /// A stable diagnostic code (`C0xx` errors, `W0xx` warnings, `R0xx`
        /// errors of a run, `U0xx` errors of the command line).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in order of id.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable id, such as `C010`.
            pub fn id(self) -> &'static str {
                match self { $( Code::$variant => $id, )* }
            }

            /// The kebab-case name, such as `unknown-name`; a warning's name
            /// is what `allow` takes.
            pub fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }
        }
    };
}

codes! {
    /// The text does not follow the grammar.
    Syntax = "C001", "syntax";
    /// A string opened with `"` is never closed.
    UnterminatedString = "C002", "unterminated-string";
    /// A backslash escape other than `\"`, `\\`, `\n` or `\t`.
    InvalidEscape = "C003", "invalid-escape";
    /// A number too large to represent, such as `1e400` or a 30-digit year.
    NumberTooLarge = "C004", "number-too-large";
    /// Parentheses or operators nested beyond what a rule may hold.
    NestingTooDeep = "C005", "nesting-too-deep";
    /// The file is not UTF-8 text.
    InvalidUtf8 = "C006", "invalid-utf8";
    /// The file is larger than a case file may be.
    FileTooLarge = "C007", "file-too-large";
    /// The root case file has no `scenario` header.
    MissingScenario = "C008", "missing-scenario";
    /// More than one `scenario` header in a case.
    DuplicateScenario = "C009", "duplicate-scenario";
    /// A name that no declaration defines.
    UnknownName = "C010", "unknown-name";
    /// Two declarations with the same name: powers, norms, commitments and
    /// shocks share one namespace; sources, variants and relations have their own.
    DuplicateName = "C011", "duplicate-name";
    /// A name of the wrong kind, such as a norm where a power is expected.
    WrongKind = "C012", "wrong-kind";
    /// The same attribute given twice in one declaration.
    DuplicateAttribute = "C013", "duplicate-attribute";
    /// A required attribute is missing.
    MissingAttribute = "C014", "missing-attribute";
    /// A declared name that holds an invisible character (a zero-width joiner, a soft hyphen…).
    InvisibleCharacter = "C015", "invisible-character";
    /// A share, probability or strength outside 0..1.
    OutOfRange = "C020", "out-of-range";
    /// A period whose end comes before its start.
    ReversedPeriod = "C021", "reversed-period";
    /// Negative stakes in an aggression.
    NegativeStakes = "C022", "negative-stakes";
    /// A `chance` that is not a probability.
    InvalidChance = "C023", "invalid-chance";
    /// A range of years whose end comes before its start.
    ReversedRange = "C024", "reversed-range";
    /// A period longer than a run may be.
    PeriodTooLong = "C025", "period-too-long";
    /// A commitment with fewer than two members.
    TooFewMembers = "C030", "too-few-members";
    /// A power listed twice among a commitment's members.
    DuplicateMember = "C031", "duplicate-member";
    /// A `one_of` that names the same power twice or only one.
    InvalidChoice = "C032", "invalid-choice";
    /// A relation between a power and itself.
    SelfRelation = "C033", "self-relation";
    /// An aggression whose aggressor is its target.
    SelfAggression = "C040", "self-aggression";
    /// A shock with no effect.
    EmptyShock = "C041", "empty-shock";
    /// A `backed by` power that is also the aggressor, the target or the state in revolution.
    BackerIsParty = "C042", "backer-is-party";
    /// A power named twice in one `backed by` list.
    DuplicateBacker = "C043", "duplicate-backer";
    /// A power named twice in one `with` list.
    DuplicateCobelligerent = "C044", "duplicate-cobelligerent";
    /// A `with` power that is also the aggressor, the target or a backer.
    CobelligerentIsParty = "C045", "cobelligerent-is-party";
    /// An expression that mixes types, such as a number added to a boolean.
    TypeMismatch = "C050", "type-mismatch";
    /// Division by a literal zero.
    DivisionByZero = "C051", "division-by-zero";
    /// An attribute that the named declaration does not have.
    UnknownAttribute = "C052", "unknown-attribute";
    /// An assignment to something a rule may only read.
    ReadOnly = "C053", "read-only";
    /// A rule condition that is not true or false.
    ConditionNotBoolean = "C054", "condition-not-boolean";
    /// A model parameter that does not exist.
    UnknownParameter = "C055", "unknown-parameter";
    /// An aggregate with or without an attribute where the other is needed.
    AggregateForm = "C056", "aggregate-form";
    /// A variant override of something that does not exist.
    UnknownOverride = "C060", "unknown-override";
    /// A variant override whose value does not fit what it overrides.
    InvalidOverride = "C061", "invalid-override";
    /// The same thing overridden twice in one variant.
    DuplicateOverride = "C062", "duplicate-override";
    /// An expectation that can never be evaluated: it names no power, the
    /// same power twice, or an outcome the shock cannot have.
    UnevaluableExpectation = "C070", "unevaluable-expectation";
    /// An expectation about years outside the case's period.
    WindowOutsidePeriod = "C071", "window-outside-period";
    /// An included file that does not exist.
    IncludeNotFound = "C080", "include-not-found";
    /// Files that include each other in a cycle.
    IncludeCycle = "C081", "include-cycle";
    /// An include that reaches outside the root case's directory.
    IncludeOutsideRoot = "C082", "include-outside-root";
    /// An included path that exists but cannot be read as a file.
    IncludeUnreadable = "C083", "include-unreadable";
    /// A dataset file that cannot be read, or is not in the dataset's format.
    DataUnreadable = "C084", "data-unreadable";
    /// A state code that the dataset does not have.
    UnknownStateCode = "C085", "unknown-state-code";
    /// A dataset kind Covenant cannot read.
    UnknownDataset = "C086", "unknown-dataset";
    /// A dataset path the case names outside the root case's directory.
    DataOutsideRoot = "C087", "data-outside-root";
    /// A chain of includes deeper than the loader follows.
    IncludeTooDeep = "C088", "include-too-deep";
    /// An `allow` naming a warning that does not exist.
    UnknownLint = "C090", "unknown-lint";
    /// A norm that no commitment upholds and no rule reads.
    UnusedNorm = "W001", "unused-norm";
    /// A power in no commitment and no relation.
    IsolatedPower = "W002", "isolated-power";
    /// A shock that can never happen because its years lie outside the period.
    ShockOutsidePeriod = "W003", "shock-outside-period";
    /// Capability shares that add up to more than the whole system.
    CapabilityOverflow = "W004", "capability-overflow";
    /// A decision rule on an automatic commitment, where nobody decides.
    DecideIgnored = "W005", "decide-ignored";
    /// A `source` that nothing cites.
    UnusedSource = "W006", "unused-source";
    /// A commitment that covers no kind of crisis, and so never acts.
    InertCommitment = "W007", "inert-commitment";
    /// A `join` of a power that is already a member from the start, and that no shock makes leave.
    AlreadyMember = "W008", "already-member";
    /// Years of the period for which a dataset has no figure, filled from the nearest year.
    DataGap = "W009", "data-gap";
    /// A `response` on a commitment that does not cover aggression, where nobody answers one.
    ResponseIgnored = "W010", "response-ignored";
    /// An `against` on a commitment that does not cover aggression: only an aggression has an aggressor.
    AgainstIgnored = "W011", "against-ignored";
    /// A declared name that mixes scripts, or that looks like another declared name.
    ConfusableName = "W012", "confusable-name";
    /// A dataset given on the command line (`--data`) that no power of the case draws on.
    UnusedDataset = "W013", "unused-dataset";
    /// A rule or a shock divided by an expression that was zero in a run; the run stops.
    DivisionByZeroInRun = "R001", "division-by-zero-in-run";
    /// An output (`--out`, `--plot`) that names a file the command reads.
    OutputOverInput = "U001", "output-over-input";
    /// Two outputs of one command that name the same file.
    OutputsCollide = "U002", "outputs-collide";
    /// An output that cannot be written where it is named: a directory, or a folder that does not exist.
    OutputUnwritable = "U003", "output-unwritable";
}

impl Code {
    /// Whether the code is an error or a warning.
    pub fn severity(self) -> Severity {
        if self.id().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The warning with this name or id, for `allow`.
    pub fn lint(name: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .filter(|c| c.severity() == Severity::Warning)
            .find(|c| c.name() == name || c.id() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
