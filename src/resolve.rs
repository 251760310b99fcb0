//! The resolver (引用解析): what the names of a filing refer to, answered once for the
//! checker, the xlsx writer, import and the coming language server.
//!
//! - A 项目支出 line of a funds table (年度主要任务) names its project form by its `->` link or,
//!   without one, by its own name; names match when they are equal after [`name_key`] (spaces,
//!   quotes and full-width punctuation do not count). Each line knows the span of its link
//!   (for go-to-definition) and each form the lines that name it (for find-references).
//! - The budget year (预算年度) of a form: `kpi.toml`'s `year`, else the form's own, else the
//!   first department form's that gives one ([`budget_year`]).
//!
//! Matching is by hash map: linear in the number of lines and forms.

use std::collections::HashMap;

use crate::model::{Filing, FundsLine, LineCategory};
use crate::source::Span;

/// A name reduced for matching: no spaces, no quotes of any kind, full-width brackets and
/// punctuation folded to ASCII, ASCII lower-cased. `“59.3.28”离退休干部慰问金` and
/// `"59.3.28" 离退休干部慰问金` are the same name.
pub fn name_key(name: &str) -> String {
    // The rules key every name and goal (issue 14): runs of characters kept as they are
    // (Chinese text, most of it) are copied whole; only a character that may be dropped or
    // folded is looked at on its own. Every such character is ASCII or begins with one of the
    // lead bytes below, so a character beginning with any other byte is kept as it is.
    let b = name.as_bytes();
    let mut key = String::with_capacity(name.len());
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        let lead = b[i];
        let kept = match lead {
            b'A'..=b'Z' | b'"' | b'\'' | b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => false,
            0x00..=0x7F => true,
            // U+0085 U+00A0; U+1680; U+2000–U+205F (spaces, “”‘’); U+3000–U+3001, 「」『』;
            // （），：；
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => false,
            _ => true,
        };
        let len = match lead {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        if !kept {
            key.push_str(&name[run..i]);
            if let Some(c) = name[i..].chars().next() {
                if let Some(folded) = fold_name_char(c) {
                    key.push(folded);
                }
            }
            run = i + len;
        }
        i += len;
    }
    key.push_str(&name[run..]);
    key
}

/// What [`name_key`] makes of one character: `None` to drop it (white space, quotes).
fn fold_name_char(c: char) -> Option<char> {
    if c.is_whitespace()
        || matches!(
            c,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』'
        )
    {
        return None;
    }
    Some(match c {
        '（' => '(',
        '）' => ')',
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '、' => ',',
        c => c.to_ascii_lowercase(),
    })
}

/// One 项目支出 line of a department's funds table and the project form it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FundsLink {
    /// The department form (index into `Filing::departments`).
    pub department: usize,
    /// The line (index into that department's `funds.lines`).
    pub line: usize,
    /// The project form it names (index into `Filing::projects`), if one has that name.
    pub project: Option<usize>,
    /// The span of the `-> "form"` link, when the line has one.
    pub link_span: Option<Span>,
}

/// What the names of one filing refer to.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Every 项目支出 line, in table order (departments in file order).
    pub links: Vec<FundsLink>,
}

impl Resolution {
    /// Resolves a filing's funds-line links. A form named by several lines is the target of
    /// each (the checker reports the duplicate names).
    pub fn of(filing: &Filing) -> Resolution {
        let mut by_name: HashMap<String, usize> = HashMap::with_capacity(filing.projects.len());
        for (i, p) in filing.projects.iter().enumerate() {
            by_name.entry(name_key(&p.name)).or_insert(i);
        }
        let mut links = Vec::new();
        for (di, d) in filing.departments.iter().enumerate() {
            let lines = d.funds.iter().flat_map(|f| f.lines.iter().enumerate());
            for (li, line) in lines.filter(|(_, l)| l.category == LineCategory::Project) {
                links.push(FundsLink {
                    department: di,
                    line: li,
                    project: by_name.get(&name_key(target_name(line))).copied(),
                    link_span: line.link_span,
                });
            }
        }
        Resolution { links }
    }

    /// The lines that name a project form (find-references).
    pub fn lines_naming(&self, project: usize) -> impl Iterator<Item = &FundsLink> {
        self.links
            .iter()
            .filter(move |l| l.project == Some(project))
    }
}

/// The name a funds line gives its project form: its `->` link, else its own name.
pub fn target_name(line: &FundsLine) -> &str {
    line.link.as_deref().unwrap_or(&line.name)
}

/// The budget year of a form: `kpi.toml`'s `year`, else the form's own `year`, else the first
/// department form's that gives one.
pub fn budget_year(
    config_year: Option<i32>,
    form_year: Option<i32>,
    filing: &Filing,
) -> Option<i32> {
    config_year
        .or(form_year)
        .or_else(|| filing.departments.iter().find_map(|d| d.year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filing::load_sources;
    use crate::source::SourceFile;

    /// `name_key` copies runs of bytes; it must equal the character-by-character definition
    /// on any text, here texts drawn from every character it drops or folds, their neighbours
    /// (same lead bytes), Chinese, ASCII and four-byte characters.
    #[test]
    fn name_key_is_its_character_by_character_definition() {
        let pool = " \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{a9}\u{1680}\u{1681}\u{2000}\u{200a}\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}\u{3001}\u{3002}\"'“”‘’「」『』【（），：；、，．＂aZz09-_.科技局专项\u{ff41}\u{20000}é";
        let reference =
            |name: &str| -> String { name.chars().filter_map(fold_name_char).collect() };
        for text in crate::testing::random_texts(pool, 21, 20_000, 31) {
            assert_eq!(name_key(&text), reference(&text), "{text:?}");
        }
        assert_eq!(
            name_key("“59.3.28”离退休干部 慰问金（ABC）"),
            "59.3.28离退休干部慰问金(abc)"
        );
    }

    #[test]
    fn lines_name_their_forms_by_link_or_by_name() {
        let text = "department \"局\" {\n  year 2023;\n  funds {\n    basic \"公用经费\" 1万元 fiscal;\n    project \"“科技” 专项\" 1万元 fiscal;\n    project \"机动经费\" 1万元 fiscal -> \"2023年机动经费\";\n    project \"无表\" 1万元 fiscal;\n  }\n}\nproject \"\\\"科技\\\"专项\" { year 2023; }\nproject \"2023年机动经费\" { }\n";
        let loaded = load_sources(vec![SourceFile::new("a.kpi", text)]);
        let r = Resolution::of(&loaded.filing);
        // Only 项目支出 lines; quotes and spaces do not count; the link is followed.
        let targets: Vec<Option<usize>> = r.links.iter().map(|l| l.project).collect();
        assert_eq!(targets, vec![Some(0), Some(1), None]);
        let span = r.links[1].link_span.expect("the link's span");
        assert_eq!(&text[span.start..span.end], "\"2023年机动经费\"");
        assert_eq!(
            r.lines_naming(1).map(|l| l.line).collect::<Vec<_>>(),
            vec![2]
        );
        // The budget year: kpi.toml, else the form's, else the department's.
        assert_eq!(
            budget_year(Some(2024), Some(2023), &loaded.filing),
            Some(2024)
        );
        assert_eq!(budget_year(None, None, &loaded.filing), Some(2023));
    }
}
