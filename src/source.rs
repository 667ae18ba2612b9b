//! The case files a check reads, and positions in them.

use std::fmt;
use std::path::{Path, PathBuf};

/// Which loaded file a span points into.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct FileId(pub u32);

/// A byte range in one loaded file.
///
/// Spans are small and `Copy` so every node of the syntax tree, and every
/// cause in a trace, can carry one.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span from byte `start` to byte `end` of `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start: start as u32, end: end as u32 }
    }

    /// The smallest span covering both `self` and `other` (same file).
    pub fn to(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// The byte range, for slicing the file's text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The number of bytes covered.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no byte (a point, such as the end of a file).
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

// Spans print compactly so that tests can erase them from debug dumps with
// one pattern (`@F:S..E`) and compare trees without positions.
impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}:{}..{}", self.file.0, self.start, self.end)
    }
}

impl fmt::Debug for FileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "file{}", self.0)
    }
}

/// One loaded case file: where it came from and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user or the including file named it.
    pub path: PathBuf,
    /// The text, without a leading byte-order mark.
    pub text: String,
    /// Where each line begins, the first at 0: a place's line is a search,
    /// not a count of every line before it, so that reporting thousands of
    /// diagnostics in a large file is not quadratic.
    line_starts: Vec<u32>,
}

impl SourceFile {
    fn new(path: PathBuf, text: String) -> SourceFile {
        let breaks = text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i as u32 + 1);
        let line_starts = std::iter::once(0).chain(breaks).collect();
        SourceFile { path, text, line_starts }
    }

    /// The line (from 0) the byte `offset` is on.
    pub fn line_of(&self, offset: u32) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// How many lines the text has (a final line break begins an empty last one).
    pub fn lines(&self) -> usize {
        self.line_starts.len()
    }

    /// The bytes of lines `first..=last` (from 0), line breaks included.
    pub fn line_range(&self, first: usize, last: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[first] as usize;
        let end = self.line_starts.get(last + 1).map_or(self.text.len(), |&s| s as usize);
        start..end
    }
}

/// Every file a case was read from, the root first.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty set of sources.
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds a file and returns its id. A leading byte-order mark is dropped,
    /// so spans index the text that diagnostics show.
    pub fn add(&mut self, path: impl Into<PathBuf>, text: impl Into<String>) -> FileId {
        let mut text = text.into();
        if text.starts_with('\u{FEFF}') {
            text.drain(..'\u{FEFF}'.len_utf8());
        }
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile::new(path.into(), text));
        id
    }

    /// The file behind an id.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.file(span.file).text.get(span.range()).unwrap_or("")
    }

    /// Every file with its id, the root first.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    /// The id of a file already loaded from `path`, if any.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path).map(|i| FileId(i as u32))
    }

    /// The 1-based line and column (in characters) where a byte offset falls.
    pub fn line_column(&self, file: FileId, offset: u32) -> (usize, usize) {
        let file = self.file(file);
        let text = &file.text;
        let offset = floor_char_boundary(text, (offset as usize).min(text.len()));
        let line = file.line_of(offset as u32);
        let line_start = file.line_starts[line] as usize;
        let column = text[line_start..offset].chars().count() + 1;
        (line + 1, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line and column as a count from the start of the text would give them.
    fn counted(text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
    }

    #[test]
    fn every_offset_has_the_line_and_column_a_count_from_the_start_gives() {
        let text = "scenario \"Ö\" {\r\n  period 1815..1854\n\n}\npower Österreich { capability 0.3 }\n\u{1F600}x";
        let mut sources = Sources::new();
        let id = sources.add("case.cov", text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(sources.line_column(id, offset as u32), counted(text, offset), "offset {offset}");
        }
        let file = sources.file(id);
        assert_eq!(file.lines(), 6);
        assert_eq!(&text[file.line_range(1, 2)], "  period 1815..1854\n\n");
        assert_eq!(&text[file.line_range(5, 5)], "\u{1F600}x");
    }
}
