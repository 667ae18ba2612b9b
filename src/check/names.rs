//! The case's one namespace of declared names, and resolving references to it.
//!
//! Powers, norms, commitments and shocks share one namespace, so a name
//! always means one thing and a norm written where a power belongs is
//! reported as the wrong kind rather than as unknown.

use std::fmt;

use indexmap::IndexMap;

use crate::diagnostic::{did_you_mean, Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::{Ident, Item};

/// What a declared name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Power,
    Norm,
    Commitment,
    Shock,
}

impl Kind {
    fn keyword(self) -> &'static str {
        match self {
            Kind::Power => "power",
            Kind::Norm => "norm",
            Kind::Commitment => "commitment",
            Kind::Shock => "shock",
        }
    }

    /// How to declare one, for help lines.
    fn example(self, name: &str) -> String {
        match self {
            Kind::Power => format!("power {name} {{ capability 0.1 }}"),
            Kind::Norm => format!("norm {name} {{ strength 0.5 }}"),
            Kind::Commitment => format!("commitment {name} {{ members A, B  mode concert }}"),
            Kind::Shock => format!("shock {name} at YEAR {{ … }}"),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

/// A name's declaration: its kind, its place among declarations of that
/// kind, and where it is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Declared {
    pub kind: Kind,
    pub index: usize,
    pub span: Span,
}

/// Every declared name of the case.
#[derive(Debug, Default)]
pub(crate) struct Names {
    table: IndexMap<String, Declared>,
    /// Each declared name by its confusable skeleton (UTS 39): two names
    /// with one skeleton look alike.
    skeletons: IndexMap<String, String>,
}

impl Names {
    /// Collects the names of every declaration, reporting duplicates; the
    /// first declaration of a name wins.
    pub fn collect(items: &[&Item], diagnostics: &mut Vec<Diagnostic>) -> Names {
        let mut names = Names::default();
        let mut counts = [0usize; 4];
        for item in items {
            let (kind, name) = match item {
                Item::Power(power) => (Kind::Power, &power.name),
                Item::Norm(norm) => (Kind::Norm, &norm.name),
                Item::Commitment(commitment) => (Kind::Commitment, &commitment.name),
                Item::Shock(shock) => (Kind::Shock, &shock.name),
                _ => continue,
            };
            if names.declare(name, kind, counts[kind as usize], diagnostics) {
                counts[kind as usize] += 1;
            }
        }
        names
    }

    /// Declares one more name (a variant's shock, say); `false` when the
    /// name is taken, which is reported.
    pub fn declare(&mut self, name: &Ident, kind: Kind, index: usize, diagnostics: &mut Vec<Diagnostic>) -> bool {
        if let Some(first) = self.table.get(&name.text) {
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateName,
                    format!("`{}` is declared twice", name.text),
                    name.span,
                    format!("second declaration, as a {kind}"),
                    "give each power, norm, commitment and shock its own name",
                )
                .with_label(first.span, format!("first declared here, as a {}", first.kind)),
            );
            return false;
        }
        self.look_alikes(name, diagnostics);
        self.table.insert(name.text.clone(), Declared { kind, index, span: name.span });
        true
    }

    /// Reports a name a reader could not tell from what it seems: one with
    /// an invisible character in it (an error: `Brit‍ain` with a zero-width
    /// joiner would be a power apart from `Britain`), one that mixes
    /// scripts (`Вritain` with a Cyrillic В), or one that looks like a name
    /// declared before it.
    fn look_alikes(&mut self, name: &Ident, diagnostics: &mut Vec<Diagnostic>) {
        if let Some(hidden) = name.text.chars().find(|c| invisible(*c)) {
            diagnostics.push(Diagnostic::new(
                Code::InvisibleCharacter,
                format!("`{}` holds an invisible character, U+{:04X}", name.text.replace(hidden, ""), u32::from(hidden)),
                name.span,
                "an invisible character in this name",
                "retype the name without it: a reader cannot see it, and it makes this name another than the one it looks like",
            ));
            return;
        }
        if !unicode_security::MixedScript::is_single_script(name.text.as_str()) {
            diagnostics.push(Diagnostic::new(
                Code::ConfusableName,
                format!("`{}` mixes scripts", name.text),
                name.span,
                "letters of more than one script",
                "retype the name in one script (a Cyrillic `В` is not a Latin `B`); silence with `allow confusable-name` if it is meant",
            ));
        }
        let skeleton: String = unicode_security::skeleton(&name.text).collect();
        if let Some(other) = self.skeletons.get(&skeleton) {
            let first = self.table[other].span;
            diagnostics.push(
                Diagnostic::new(
                    Code::ConfusableName,
                    format!("`{}` looks like `{other}`", name.text),
                    name.span,
                    "this name",
                    "rename one so that the two look different, or use one name if one thing is meant; silence with `allow confusable-name`",
                )
                .with_label(first, "the name it looks like"),
            );
        } else {
            self.skeletons.insert(skeleton, name.text.clone());
        }
    }

    /// Whether `name` is the declaration that owns its name (not a duplicate).
    pub fn owns(&self, name: &Ident) -> bool {
        self.table.get(&name.text).is_some_and(|d| d.span == name.span)
    }

    /// The declaration of a name, if any.
    pub fn get(&self, name: &str) -> Option<Declared> {
        self.table.get(name).copied()
    }

    /// The names declared with `kind`, in order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.table.iter().filter(move |(_, d)| d.kind == kind).map(|(name, _)| name.as_str())
    }

    /// Resolves a reference that must name a declaration of `kind`, reporting
    /// an unknown name or one of another kind.
    pub fn resolve(&self, name: &Ident, kind: Kind, diagnostics: &mut Vec<Diagnostic>) -> Option<usize> {
        match self.table.get(&name.text) {
            Some(declared) if declared.kind == kind => Some(declared.index),
            Some(declared) => {
                let help = match did_you_mean(&name.text, self.of_kind(kind)) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("name a {kind} here; `{}` is a {}", name.text, declared.kind),
                };
                diagnostics.push(
                    Diagnostic::new(
                        Code::WrongKind,
                        format!("`{}` is a {}, not a {kind}", name.text, declared.kind),
                        name.span,
                        format!("expected a {kind}"),
                        help,
                    )
                    .with_label(declared.span, format!("declared as a {} here", declared.kind)),
                );
                None
            }
            None => {
                diagnostics.push(self.unknown(name, kind));
                None
            }
        }
    }

    /// The diagnostic for a name no declaration defines.
    pub fn unknown(&self, name: &Ident, kind: Kind) -> Diagnostic {
        let help = match did_you_mean(&name.text, self.of_kind(kind)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("declare it, for example `{}`", kind.example(&name.text)),
        };
        Diagnostic::new(
            Code::UnknownName,
            format!("unknown {kind} `{}`", name.text),
            name.span,
            format!("no {kind} is declared with this name"),
            help,
        )
    }

    /// The diagnostic for a name that should be some declaration, any kind.
    pub fn unknown_any(&self, name: &Ident) -> Diagnostic {
        let help = match did_you_mean(&name.text, self.table.keys().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "declare a power, norm, commitment or shock with this name".to_string(),
        };
        Diagnostic::new(
            Code::UnknownName,
            format!("unknown name `{}`", name.text),
            name.span,
            "nothing is declared with this name",
            help,
        )
    }
}

/// Characters that show nothing: zero-width spaces and joiners, the word
/// joiner and invisible operators, the soft hyphen, the combining grapheme
/// joiner, variation selectors and the byte-order mark.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}
