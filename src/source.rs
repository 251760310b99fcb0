//! Source files and spans: the one place where byte offsets become lines and columns.
//!
//! miette spans are bytes, pest's `line_col` counts chars, editors (LSP) count UTF-16 code
//! units. Every Chinese character makes the three differ (3 bytes, 1 char, 1 code unit), so all
//! conversions live here and are tested here.

use serde::Serialize;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span shifted right by `offset` bytes (for text re-parsed from a slice).
    pub fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// The miette form of the span.
    pub fn to_miette(self) -> miette::SourceSpan {
        (self.start, self.end.saturating_sub(self.start)).into()
    }
}

impl From<pest::Span<'_>> for Span {
    fn from(s: pest::Span<'_>) -> Span {
        Span::new(s.start(), s.end())
    }
}

/// A file of a run: its index in the run's [`crate::diag::Sources`]. A type of its own so that
/// a file can never be passed where a byte offset or a count is meant (the checker's
/// signatures carry both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(transparent)]
pub struct FileId(pub usize);

impl FileId {
    /// The index into the run's sources.
    pub fn index(self) -> usize {
        self.0
    }

    /// The same file once `by` files are put before it (another filing's, in one report).
    pub fn after(self, by: usize) -> FileId {
        FileId(self.0 + by)
    }
}

/// How a file's bytes were encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a byte-order mark): what kpi writes.
    Utf8,
    /// GB18030 (a superset of GBK and GB2312): what Notepad and WPS save on Chinese Windows.
    Gb18030,
}

/// Why a file's bytes are not text kpi can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// A zip archive: an xlsx (or docx) workbook, which `kpi import` reads.
    Workbook,
    /// Neither UTF-8 nor GB18030.
    Unknown,
}

/// The text of a file: UTF-8 when it is UTF-8, else GB18030 when it decodes as such without a
/// single invalid sequence. A zip archive (an `.xlsx`) is recognised so that the user can be
/// sent to `kpi import`.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), NotText> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(NotText::Workbook);
    }
    // simdutf8 validates with vector instructions: a sixth of the instructions of the
    // standard library's check on Chinese text (issue 14); same answer.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), Encoding::Utf8)),
        Err(_) if bytes.contains(&0) => Err(NotText::Unknown),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| (text.into_owned(), Encoding::Gb18030))
            .ok_or(NotText::Unknown),
    }
}

/// One `.kpi` file: its display name and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given on the command line (or a name such as `<stdin>`).
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// A source file from a name and its text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and 1-based column counted in characters, for a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = self.clamp(byte);
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let col = self.text[self.line_starts[line]..byte].chars().count() + 1;
        (line + 1, col)
    }

    /// 0-based line and 0-based column in UTF-16 code units (LSP positions).
    pub fn line_utf16(&self, byte: usize) -> (usize, usize) {
        let byte = self.clamp(byte);
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let col = self.text[self.line_starts[line]..byte]
            .chars()
            .map(char::len_utf16)
            .sum();
        (line, col)
    }

    /// The offset moved back onto a char boundary and into the text.
    fn clamp(&self, byte: usize) -> usize {
        let mut b = byte.min(self.text.len());
        while !self.text.is_char_boundary(b) {
            b -= 1;
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_chars_not_bytes() {
        let f = SourceFile::new("t.kpi", "项目 \"科技\" {\n  预算 5万元;\n}");
        // `预` starts line 2 after two spaces.
        let byte = f.text.find('预').unwrap();
        assert_eq!(f.line_col(byte), (2, 3));
        let byte = f.text.find('{').unwrap();
        assert_eq!(byte, 16);
        assert_eq!(f.line_col(byte), (1, 9));
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let f = SourceFile::new("t.kpi", "𠀀项");
        let byte = f.text.find('项').unwrap();
        assert_eq!(f.line_utf16(byte), (0, 2));
        assert_eq!(f.line_col(byte), (1, 2));
    }

    #[test]
    fn offsets_inside_a_char_are_clamped() {
        let f = SourceFile::new("t.kpi", "项目");
        assert_eq!(f.line_col(1), (1, 1));
        assert_eq!(f.line_col(99), (1, 3));
    }
}
