//! Completion (自动补全): what may be written at the cursor.
//!
//! - after `->`: the project forms of the filing, quoted;
//! - after a level-1 category (`产出`, `output`): the level-2 categories valid under it;
//! - right after a number: the units that fit the statement (money in budgets and funds
//!   lines and cost rows, % for satisfaction and quality, times for timeliness, counts …);
//! - elsewhere: the keywords that may start a statement in the block the cursor is in (form,
//!   funds table, split, indicator attributes), in the file's keyword language.
//!
//! The context is read from the text before the cursor, not from the syntax tree: a document
//! being typed rarely parses, and the blocks around the cursor are still clear from its braces.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    TextEdit,
};

use super::server::{json, Answer, Server};
use super::workspace::Analysis;
use crate::config::KeywordStyle;
use crate::model::vocab::{Meaning, Word, WORDS};
use crate::model::{units_of_dimension, Dimension, Level1, Level2};
use crate::source::{FileId, Span};

pub(super) fn completion(server: &mut Server, p: CompletionParams) -> Answer {
    let pos = p.text_document_position;
    let Some((a, file, offset)) = super::locate(server, &pos.text_document.uri, pos.position)
    else {
        return json(Option::<CompletionResponse>::None);
    };
    let items = items_at(&a, file, offset, server.enc);
    json(Some(CompletionResponse::Array(items)))
}

/// The language keywords are offered in: `[fmt] keywords` of kpi.toml when it sets one, else
/// the language most of the file's keywords are written in, else the language of any Chinese
/// text in it.
pub fn keyword_language(a: &Analysis, file: FileId) -> KeywordStyle {
    match a.config.keywords {
        KeywordStyle::Keep => {}
        fixed => return fixed,
    }
    let (mut zh, mut en) = (0usize, 0usize);
    if let Some(tree) = a.loaded.tree(file) {
        for e in tree.root().descendants_with_tokens() {
            let is_kw = e
                .kind()
                .rule()
                .is_some_and(|r| crate::syntax::keyword(r).is_some());
            if !is_kw {
                continue;
            }
            let text = match &e {
                rowan::NodeOrToken::Node(n) => n.text().to_string(),
                rowan::NodeOrToken::Token(t) => t.text().to_string(),
            };
            if text.is_ascii() {
                en += 1;
            } else {
                zh += 1;
            }
        }
    }
    if zh > en || (zh == en && !a.text(file).is_ascii()) {
        KeywordStyle::Zh
    } else {
        KeywordStyle::En
    }
}

fn spelling(w: &Word, style: KeywordStyle) -> &'static str {
    match style {
        KeywordStyle::Zh => w.zh,
        _ => w.en,
    }
}

/// The completions at an offset of a file.
pub fn items_at(
    a: &Analysis,
    file: FileId,
    offset: usize,
    enc: super::position::Encoding,
) -> Vec<CompletionItem> {
    let text = a.text(file);
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let style = keyword_language(a, file);
    let edit = |start: usize, new_text: String| {
        Some(CompletionTextEdit::Edit(TextEdit {
            range: a.range(file, Span::new(start, offset), enc),
            new_text,
        }))
    };

    // After `->`: the project forms.
    if let Some((at, rest)) = after_arrow(prefix) {
        let start = line_start + at;
        let typed_open = rest.starts_with('"') || rest.starts_with('“');
        if !rest.contains(['"', '”'].as_ref())
            || (typed_open && !rest[1..].contains(['"', '”'].as_ref()))
        {
            return a
                .loaded
                .filing
                .projects
                .iter()
                .map(|p| {
                    let quoted =
                        format!("\"{}\"", p.name.replace('\\', "\\\\").replace('"', "\\\""));
                    CompletionItem {
                        label: p.name.clone(),
                        kind: Some(CompletionItemKind::REFERENCE),
                        detail: p.budget.as_ref().map(|b| b.total.written()),
                        filter_text: Some(quoted.clone()),
                        text_edit: edit(start, quoted),
                        ..Default::default()
                    }
                })
                .collect();
        }
    }

    let words: Vec<&str> = prefix.split_whitespace().collect();
    let partial = if prefix.ends_with(char::is_whitespace) {
        ""
    } else {
        words.last().copied().unwrap_or("")
    };
    let before: &[&str] = if partial.is_empty() {
        &words
    } else {
        &words[..words.len() - 1]
    };

    // Right after a number: units.
    if let Some(number_len) = number_prefix(partial) {
        let dims = unit_dimensions(before);
        let start = offset - partial.len() + number_len;
        let number = &partial[..number_len];
        return dims
            .into_iter()
            .flat_map(units_of_dimension)
            .enumerate()
            .map(|(i, u)| CompletionItem {
                label: u.to_string(),
                kind: Some(CompletionItemKind::UNIT),
                sort_text: Some(format!("{i:04}")),
                filter_text: Some(format!("{number}{u}")),
                text_edit: edit(start, u.to_string()),
                ..Default::default()
            })
            .chain(a.config.units.keys().map(|u| CompletionItem {
                label: u.clone(),
                kind: Some(CompletionItemKind::UNIT),
                detail: Some("kpi.toml".to_string()),
                sort_text: Some("9999".to_string()),
                filter_text: Some(format!("{number}{u}")),
                text_edit: edit(start, u.clone()),
                ..Default::default()
            }))
            .collect();
    }

    // After a level-1 category: its level-2 categories.
    if let Some(l1) = before.last().and_then(|w| level1_of(w)) {
        if before.len() == 1 {
            return l1
                .children()
                .iter()
                .enumerate()
                .map(|(i, l2)| level2_item(*l2, l1, style, i))
                .collect();
        }
    }

    // At the start of a statement: the keywords of the enclosing block.
    if !before.is_empty() {
        return Vec::new();
    }
    let block = enclosing_block(&text[..offset]);
    let allowed: Vec<&'static Word> = WORDS.iter().filter(|w| fits_block(w, block)).collect();
    allowed
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let label = spelling(w, style);
            let other = if label == w.en { w.zh } else { w.en };
            CompletionItem {
                label: label.to_string(),
                kind: Some(CompletionItemKind::KEYWORD),
                detail: Some(format!("{other} · {}", w.form)),
                sort_text: Some(format!("{i:04}")),
                ..Default::default()
            }
        })
        .collect()
}

fn level2_item(l2: Level2, l1: Level1, style: KeywordStyle, i: usize) -> CompletionItem {
    let w = crate::model::vocab::word_of(Meaning::Level2(l2));
    let label = match (style, w.under_cost) {
        (KeywordStyle::Zh, Some(u)) if l1 == Level1::Cost => u.zh,
        (KeywordStyle::Zh, _) => w.zh,
        _ => w.en,
    };
    CompletionItem {
        label: label.to_string(),
        kind: Some(CompletionItemKind::ENUM_MEMBER),
        detail: Some(l2.chinese_under(l1).to_string()),
        sort_text: Some(format!("{i:04}")),
        ..Default::default()
    }
}

/// The byte position just after the last `->` (or `→`) of a line's prefix, and what follows.
fn after_arrow(prefix: &str) -> Option<(usize, &str)> {
    let (i, len) = match (prefix.rfind("->"), prefix.rfind('→')) {
        (Some(a), Some(b)) if b > a => (b, '→'.len_utf8()),
        (Some(a), _) => (a, 2),
        (None, Some(b)) => (b, '→'.len_utf8()),
        (None, None) => return None,
    };
    let rest = &prefix[i + len..];
    let trimmed = rest.trim_start();
    Some((i + len + rest.len() - trimmed.len(), trimmed))
}

/// The length of a number (with a comparator before it) that starts the word, when the rest
/// of the word could still become a unit: `>=95`, `1238.68`, `23个`.
fn number_prefix(word: &str) -> Option<usize> {
    let body = word.trim_start_matches(['>', '<', '=', '≥', '≤', '＞', '＜', '＝']);
    let skipped = word.len() - body.len();
    let digits: usize = body
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .map(char::len_utf8)
        .sum();
    if digits == 0 || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = &body[digits..];
    // A date (`2023-`, `2023年11月`) is no number awaiting a unit.
    if rest.starts_with(['-', '/']) {
        return None;
    }
    Some(skipped + digits)
}

/// The dimensions that fit a statement, from its first words.
fn unit_dimensions(words: &[&str]) -> Vec<Dimension> {
    let meanings: Vec<Meaning> = words.iter().filter_map(|w| meaning_of(w)).collect();
    let l1 = meanings.iter().find_map(|m| match m {
        Meaning::Level1(l) => Some(*l),
        _ => None,
    });
    let l2 = meanings.iter().find_map(|m| match m {
        Meaning::Level2(l) => Some(*l),
        _ => None,
    });
    let money_statement = meanings.iter().any(|m| {
        matches!(m, Meaning::Line(_) | Meaning::Source(_))
            || words.first().is_some_and(|w| {
                matches!(*w, "budget" | "年度资金总额" | "预算" | "total" | "合计")
            })
    });
    match (l1, l2) {
        (Some(Level1::Cost), _) | (_, Some(Level2::Cost)) => vec![Dimension::Money],
        (Some(Level1::Satisfaction), _) => vec![Dimension::Percent],
        (_, Some(Level2::Timeliness)) => vec![Dimension::Time, Dimension::Percent],
        (_, Some(Level2::Quality)) => vec![Dimension::Percent, Dimension::Count],
        (Some(_), _) => vec![
            Dimension::Count,
            Dimension::Percent,
            Dimension::Area,
            Dimension::Length,
            Dimension::Mass,
            Dimension::Volume,
            Dimension::Money,
        ],
        (None, _) if money_statement => vec![Dimension::Money],
        (None, _) => vec![Dimension::Money, Dimension::Time],
    }
}

fn meaning_of(word: &str) -> Option<Meaning> {
    WORDS
        .iter()
        .find(|w| w.spellings.contains(&word))
        .map(|w| w.meaning)
}

fn level1_of(word: &str) -> Option<Level1> {
    WORDS.iter().find_map(|w| match w.meaning {
        Meaning::Level1(l) if w.spellings.contains(&word) => Some(l),
        _ => None,
    })
}

/// The kind of block the cursor is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    TopLevel,
    Project,
    Department,
    Funds,
    Split,
    Attributes,
}

/// The block around the end of `text`, from its braces: each `{` is opened by the statement
/// whose first word comes before it. Texts and comments are skipped.
fn enclosing_block(text: &str) -> Block {
    let mut stack: Vec<Block> = Vec::new();
    let mut statement_start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' | '“' => {
                let close = if c == '"' { '"' } else { '”' };
                while let Some((_, d)) = chars.next() {
                    if d == '\\' && close == '"' {
                        chars.next();
                    } else if d == close {
                        break;
                    }
                }
            }
            // A comment is no part of the statement after it.
            '/' if chars.peek().is_some_and(|(_, d)| *d == '/') => {
                statement_start = text.len();
                for (j, d) in chars.by_ref() {
                    if d == '\n' {
                        statement_start = j + 1;
                        break;
                    }
                }
            }
            '/' if chars.peek().is_some_and(|(_, d)| *d == '*') => {
                chars.next();
                statement_start = text.len();
                let mut star = false;
                for (j, d) in chars.by_ref() {
                    if star && d == '/' {
                        statement_start = j + 1;
                        break;
                    }
                    star = d == '*';
                }
            }
            '{' | '｛' => {
                let head = &text[statement_start..i];
                let first = head.split_whitespace().next().unwrap_or("");
                let block = match meaning_of(first) {
                    _ if matches!(first, "project" | "项目") && stack.is_empty() => {
                        Block::Project
                    }
                    _ if matches!(first, "department" | "部门") && stack.is_empty() => {
                        Block::Department
                    }
                    _ if matches!(first, "funds" | "资金表") => Block::Funds,
                    Some(Meaning::Level1(_)) => Block::Attributes,
                    _ => Block::Split,
                };
                stack.push(block);
                statement_start = i + c.len_utf8();
            }
            '}' | '｝' => {
                stack.pop();
                statement_start = i + c.len_utf8();
            }
            ';' | '；' => statement_start = i + c.len_utf8(),
            _ => {}
        }
    }
    stack.last().copied().unwrap_or(Block::TopLevel)
}

fn fits_block(w: &Word, block: Block) -> bool {
    let rule = w.rule;
    match block {
        Block::TopLevel => matches!(rule, "kw_project" | "kw_department"),
        Block::Project => {
            matches!(
                rule,
                "kw_supervisor"
                    | "kw_code"
                    | "kw_unit"
                    | "kw_kind"
                    | "kw_period"
                    | "kw_budget"
                    | "kw_filed"
                    | "kw_year"
                    | "kw_goal"
                    // monitoring and self-evaluation forms
                    | "kw_adjusted"
                    | "kw_executed"
                    | "kw_midyear"
                    | "kw_forecast"
                    | "kw_execution_score"
                    | "kw_total_score"
                    | "kw_outcome"
                    | "kw_reason"
            ) || matches!(w.meaning, Meaning::Level1(_))
        }
        Block::Department => {
            matches!(
                rule,
                "kw_code" | "kw_unit" | "kw_filed" | "kw_year" | "kw_goal" | "kw_funds"
            ) || matches!(w.meaning, Meaning::Level1(_))
        }
        Block::Funds => matches!(rule, "kw_basic" | "kw_project_line" | "kw_total"),
        Block::Split => matches!(w.meaning, Meaning::Source(_)),
        Block::Attributes => w.meaning == Meaning::Attribute,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_read_from_braces() {
        assert_eq!(enclosing_block(""), Block::TopLevel);
        assert_eq!(enclosing_block("项目 \"科技{\" {\n  "), Block::Project);
        assert_eq!(
            enclosing_block("department \"局\" {\n funds {\n  basic \"a\" 1万元 {"),
            Block::Split
        );
        assert_eq!(
            enclosing_block("部门 \"局\" { 资金表 { 基本支出 \"a\" 1万元 { 财政拨款 1万元; }\n"),
            Block::Funds
        );
        assert_eq!(
            enclosing_block("project \"p\" { output quantity \"x\" 1个 { "),
            Block::Attributes
        );
        assert_eq!(enclosing_block("project \"p\" { } "), Block::TopLevel);
        // A comment before a block is not its statement.
        assert_eq!(
            enclosing_block("department \"d\" {\n  // 资金表: 任务\n  funds {\n"),
            Block::Funds
        );
        assert_eq!(
            enclosing_block("department \"d\" {\n  /* x */ funds {\n"),
            Block::Funds
        );
    }

    #[test]
    fn numbers_await_units() {
        assert_eq!(number_prefix(">=95"), Some(4));
        assert_eq!(number_prefix("≥95"), Some("≥".len() + 2));
        assert_eq!(number_prefix("1238.68万"), Some(7));
        assert_eq!(number_prefix("2023-"), None);
        assert_eq!(number_prefix("\"x"), None);
    }

    #[test]
    fn categories_choose_units() {
        assert_eq!(
            unit_dimensions(&["成本", "经济成本", "\"x\""]),
            vec![Dimension::Money]
        );
        assert_eq!(
            unit_dimensions(&["satisfaction", "service", "\"x\""]),
            vec![Dimension::Percent]
        );
        assert_eq!(
            unit_dimensions(&["output", "timeliness", "\"x\""]),
            vec![Dimension::Time, Dimension::Percent]
        );
        assert_eq!(unit_dimensions(&["budget"]), vec![Dimension::Money]);
    }
}
