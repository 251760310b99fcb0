//! Positions (位置换算): byte offsets of the core ↔ LSP line/column positions.
//!
//! The core counts bytes; LSP counts lines and, within a line, code units of the encoding the
//! client and server agreed on: UTF-16 unless the client offers UTF-8 (`positionEncoding`,
//! LSP 3.17). A Chinese character is 3 bytes, 1 UTF-16 unit; `𠀀` (outside the BMP) is 4 bytes,
//! 2 UTF-16 units — the three counts differ on every line with Chinese text, so every
//! conversion lives here and is tested here.
//!
//! Positions from the client are clamped, never trusted: a column past the end of its line is
//! the line's end, a line past the end is the end of the text, a column inside a surrogate
//! pair (or a UTF-8 sequence) is the start of its character. A half-typed document and a
//! client with a stale view of it get an answer, not a panic.

use lsp_types::{Position, Range};

use crate::source::Span;

/// The unit columns are counted in (位置编码).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 code units (bytes): what the client may offer, and the cheapest.
    Utf8,
    /// UTF-16 code units: the LSP default.
    #[default]
    Utf16,
    /// Unicode scalar values (characters).
    Utf32,
}

impl Encoding {
    /// The encoding to use given the client's offer (`general.positionEncodings`, in its order
    /// of preference): UTF-8 when offered (no conversion on ASCII, exact on CJK), else UTF-16,
    /// which every client must support.
    pub fn negotiate(offered: &[lsp_types::PositionEncodingKind]) -> Encoding {
        if offered.contains(&lsp_types::PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The LSP name of the encoding.
    pub fn kind(self) -> lsp_types::PositionEncodingKind {
        match self {
            Encoding::Utf8 => lsp_types::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp_types::PositionEncodingKind::UTF16,
            Encoding::Utf32 => lsp_types::PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where the lines of a text start: built once per text, so that each conversion only scans
/// its own line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// The index of a text. Lines end at `\n` (a `\r` before it belongs to no column).
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// The LSP position of a byte offset (clamped into the text, moved back onto a character
    /// boundary).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col: usize = text[start..offset].chars().map(|c| enc.width(c)).sum();
        Position::new(to_u32(line), to_u32(col))
    }

    /// The LSP range of a byte span.
    pub fn range(&self, text: &str, span: Span, enc: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, enc),
            self.position(text, span.end.max(span.start), enc),
        )
    }

    /// The byte offset of an LSP position, clamped as the module says.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let text_len = self.len.min(text.len());
        let Some(&start) = self.line_starts.get(pos.line as usize) else {
            return text_len;
        };
        let start = start.min(text_len);
        let end = self
            .line_starts
            .get(pos.line as usize + 1)
            .map_or(text_len, |&next| next - 1)
            .min(text_len);
        let line = text.get(start..end).unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            let w = enc.width(c);
            if units + w > want {
                // Inside the character (half a surrogate pair): its start.
                return start + i;
            }
            units += w;
        }
        start + line.len()
    }

    /// The byte span of an LSP range.
    pub fn span(&self, text: &str, range: Range, enc: Encoding) -> Span {
        let a = self.offset(text, range.start, enc);
        let b = self.offset(text, range.end, enc);
        Span::new(a.min(b), a.max(b))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn cjk_columns_differ_by_encoding() {
        let text = "项目 \"科技\" {\n  预算 5万元;\n}\n";
        let idx = LineIndex::new(text);
        let at = text.find("5万元").unwrap();
        // Line 1: two spaces, 预算 (2 chars, 6 bytes), a space.
        assert_eq!(idx.position(text, at, Encoding::Utf16), pos(1, 5));
        assert_eq!(idx.position(text, at, Encoding::Utf8), pos(1, 9));
        assert_eq!(idx.position(text, at, Encoding::Utf32), pos(1, 5));
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let p = idx.position(text, at, enc);
            assert_eq!(idx.offset(text, p, enc), at, "{enc:?}");
        }
    }

    #[test]
    fn characters_outside_the_bmp_are_two_utf16_units() {
        let text = "goal \"𠀀项\";";
        let idx = LineIndex::new(text);
        let at = text.find('项').unwrap();
        assert_eq!(idx.position(text, at, Encoding::Utf16), pos(0, 8));
        assert_eq!(idx.position(text, at, Encoding::Utf8), pos(0, 10));
        assert_eq!(idx.position(text, at, Encoding::Utf32), pos(0, 7));
        assert_eq!(idx.offset(text, pos(0, 8), Encoding::Utf16), at);
        // Column 7 is the middle of the surrogate pair of 𠀀: its start.
        assert_eq!(
            idx.offset(text, pos(0, 7), Encoding::Utf16),
            text.find('𠀀').unwrap()
        );
        // Byte 8 is inside 𠀀's four bytes: moved back onto its start.
        assert_eq!(idx.position(text, at - 1, Encoding::Utf16), pos(0, 6));
    }

    #[test]
    fn positions_out_of_range_are_clamped() {
        let text = "年度 2023;\r\n项目期 x;";
        let idx = LineIndex::new(text);
        // Past the end of line 0: the line's end, before `\r`.
        assert_eq!(
            idx.offset(text, pos(0, 99), Encoding::Utf16),
            text.find('\r').unwrap()
        );
        // Past the last line: the end of the text.
        assert_eq!(idx.offset(text, pos(9, 0), Encoding::Utf16), text.len());
        assert_eq!(idx.position(text, 10_000, Encoding::Utf16), pos(1, 6));
        // A text shorter than the index (never built so, but never trusted either).
        assert_eq!(idx.offset("", pos(1, 3), Encoding::Utf16), 0);
    }

    #[test]
    fn negotiation_prefers_utf8_when_offered() {
        use lsp_types::PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(&[K::UTF16, K::UTF8]), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(&[K::UTF32]), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(&[]), Encoding::Utf16);
    }
}
