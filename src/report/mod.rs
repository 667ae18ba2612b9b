//! Turning results into what people and programs read: diagnostics, a run's log as text, JSON, CSV or an explanation, an ensemble's findings, a diff of two runs, and a sweep's table and plot.

pub mod csv;
pub mod diagnostics;
pub mod diff;
pub mod ensemble;
pub mod explain;
pub mod json;
pub mod log;
pub mod plot;
pub mod sweep;
pub mod text;
pub mod trial;

use std::borrow::Cow;

/// Whether a character would act on a terminal, or hide or reorder text,
/// instead of showing: control characters other than line breaks and tabs
/// (C0, DEL, C1: colours, cursor moves, a bell), and the invisible and
/// bidirectional formatting characters a string can carry (zero-width
/// spaces and joiners, the embeddings, overrides and isolates that reverse
/// what follows them).
pub(crate) fn acts_unseen(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Text for a person to read on a terminal: every character that would act
/// unseen (`acts_unseen`) written out as its escape, `\u{1b}`, so that a
/// case's strings — a shock's description, an expectation's name, a title —
/// can neither drive the terminal nor disguise what they say. Every
/// human-facing rendering of a case's text goes through it; JSON escapes
/// them itself, and `fmt` keeps the file as written.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_unseen) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_unseen(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
