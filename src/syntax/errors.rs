//! Syntax errors in words a user knows: pest's "expected rule X" becomes "expected `;`" or
//! "missing `;` after this statement", with a fix in the help, in Chinese and English.

use pest::error::{Error, ErrorVariant, InputLocation};

use std::sync::LazyLock;

use super::rules::{
    InvalidNumber, MisplacedCharacter, MissingSemicolon, StrayClose, UnclosedBlock,
    UnclosedComment, UnclosedText, UnexpectedToken, UnknownKeyword,
};
use super::Rule;
use crate::diag::{Diagnostic, Finding, Text};
use crate::model::vocab::{words_where, Meaning, Word, WORDS};
use crate::source::{FileId, Span};

/// Statement keywords, for "did you mean" on an unknown word: (English, Chinese), from the
/// vocabulary, in its order (the earlier wins a tie).
fn statement_keywords() -> impl Iterator<Item = (&'static str, &'static str)> {
    WORDS.iter().filter_map(|w| w.suggest.map(|zh| (w.en, zh)))
}

/// A group of keywords as a message lists them, in both languages: `fiscal, transfer, other`
/// and `财政拨款、转移性资金、其他资金`, or joined by "or" (`positive or negative`).
fn listed<'w>(words: impl Iterator<Item = &'w Word>, or: bool) -> (String, String) {
    let words: Vec<&Word> = words.collect();
    let (sep_en, sep_zh) = if or { (" or ", "或") } else { (", ", "、") };
    let en: Vec<&str> = words.iter().map(|w| w.en).collect();
    let zh: Vec<&str> = words.iter().map(|w| w.zh).collect();
    (en.join(sep_en), zh.join(sep_zh))
}

/// The keyword groups named in "expected …", listed from the vocabulary so that a new word
/// shows up in them.
struct Groups {
    kinds: (String, String),
    sources: (String, String),
    level1: (String, String),
    lines: (String, String),
    attributes: (String, String),
    directions: (String, String),
    grades: (String, String),
    causes: (String, String),
    likelihoods: (String, String),
}

static GROUPS: LazyLock<Groups> = LazyLock::new(|| {
    let of = |f: fn(Meaning) -> bool| words_where(f);
    let with = |(en, zh): (String, String), en_head: &str, zh_head: &str| {
        (format!("{en_head} ({en})"), format!("{zh_head}（{zh}）"))
    };
    Groups {
        kinds: with(
            listed(of(|m| matches!(m, Meaning::ProjectKind(_))), false),
            "a project attribute",
            "项目属性",
        ),
        sources: with(
            listed(of(|m| matches!(m, Meaning::Source(_))), false),
            "a funding source",
            "资金来源",
        ),
        level1: with(
            listed(of(|m| matches!(m, Meaning::Level1(_))), false),
            "an indicator",
            "指标",
        ),
        // 基本支出, 项目支出 and 合计 (a subtotal).
        lines: with(
            listed(
                of(|m| matches!(m, Meaning::Line(_))).chain(super::keyword(Rule::kw_total)),
                false,
            ),
            "a funds line",
            "资金行",
        ),
        attributes: with(
            listed(of(|m| m == Meaning::Attribute), false),
            "an attribute",
            "指标属性",
        ),
        directions: listed(of(|m| matches!(m, Meaning::Direction(_))), true),
        grades: listed(of(|m| matches!(m, Meaning::Grade(_))), true),
        causes: listed(of(|m| matches!(m, Meaning::Cause(_))), true),
        likelihoods: listed(of(|m| matches!(m, Meaning::Likelihood(_))), true),
    }
});

/// What a grammar rule is called in a message: (English, Chinese). `None` for rules that only
/// add noise to "expected …" lists.
fn describe(rule: Rule) -> Option<(&'static str, &'static str)> {
    use Rule::*;
    Some(match rule {
        semi => ("`;`", "`;`"),
        block_open | lbrace => ("`{`", "`{`"),
        block_close | rbrace => ("`}`", "`}`"),
        string | ascii_string | cjk_string => ("a quoted text \"…\"", "带引号的文字 \"…\""),
        number | quantity => ("a number", "数字"),
        unit => ("a unit", "单位"),
        comparator => ("a comparison (>= <= =)", "比较符号（>= <= =）"),
        value => ("a value", "指标值"),
        date | date_iso | date_dot | date_zh | range_end | month | date_range => ("a date", "日期"),
        year_value => ("a year such as 2023", "年份（如 2023）"),
        period_value => (
            "a period (2023, 365天, 2023-01..2023-12)",
            "项目期（2023、365天、2023-01..2023-12）",
        ),
        link => ("`->`", "`->`"),
        item | item_only | project_item | department_item | kw_project | kw_department => (
            "a form (`project \"…\" { … }` or `department \"…\" { … }`)",
            "表单（`项目 \"…\" { … }` 或 `部门 \"…\" { … }`）",
        ),
        kind_value => pair(&GROUPS.kinds),
        source => pair(&GROUPS.sources),
        level1 => pair(&GROUPS.level1),
        level2 => ("a level-2 category", "二级指标"),
        project_stmt | department_stmt | project_stmt_only | department_stmt_only
        | supervisor_stmt | code_stmt | unit_stmt | kind_stmt | period_stmt | budget_stmt
        | filed_stmt | year_stmt | goal_stmt | funds_stmt | indicator_stmt | execution_stmt
        | execution_kind | score_stmt | outcome_stmt | reason_stmt => STATEMENT,
        funds_entry | funds_line | stated_total | line_category | kw_total => pair(&GROUPS.lines),
        attributes | attribute => pair(&GROUPS.attributes),
        direction => pair(&GROUPS.directions),
        grade => pair(&GROUPS.grades),
        cause => pair(&GROUPS.causes),
        likelihood => pair(&GROUPS.likelihoods),
        EOI => ("the end of the file", "文件结尾"),
        // A keyword is named by its group.
        _ => match super::meaning(rule)? {
            Meaning::ProjectKind(_) => pair(&GROUPS.kinds),
            Meaning::Source(_) => pair(&GROUPS.sources),
            Meaning::Level1(_) => pair(&GROUPS.level1),
            Meaning::Level2(_) => ("a level-2 category", "二级指标"),
            Meaning::Statement => STATEMENT,
            Meaning::Line(_) => pair(&GROUPS.lines),
            Meaning::Attribute => pair(&GROUPS.attributes),
            Meaning::Direction(_) => pair(&GROUPS.directions),
            Meaning::Grade(_) => pair(&GROUPS.grades),
            Meaning::Cause(_) => pair(&GROUPS.causes),
            Meaning::Likelihood(_) => pair(&GROUPS.likelihoods),
        },
    })
}

const STATEMENT: (&str, &str) = (
    "a statement (budget, goal, output, …)",
    "语句（预算、目标、产出……）",
);

fn pair(p: &'static (String, String)) -> (&'static str, &'static str) {
    (&p.0, &p.1)
}

/// Full-width (IME) punctuation that is not part of the language, with what to write instead.
fn full_width(c: char) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match c {
        '：' => (
            ":",
            "remove the `：`: a keyword and its value are separated by a space",
            "删去“：”：关键字和值之间用空格分隔",
        ),
        ':' => (
            ":",
            "remove the `:`: a keyword and its value are separated by a space",
            "删去“:”：关键字和值之间用空格分隔",
        ),
        '，' => (
            ",",
            "end a statement with `;` (not `，`)",
            "语句以英文分号 `;` 结尾，不用“，”",
        ),
        '。' => (
            ".",
            "end a statement with `;` (not `。`)",
            "语句以英文分号 `;` 结尾，不用“。”",
        ),
        '、' => (
            ",",
            "end a statement with `;` (not `、`)",
            "语句以英文分号 `;` 结尾，不用“、”",
        ),
        '（' | '）' => (
            "()",
            "brackets belong inside quoted names; blocks use `{ }`",
            "括号只能写在引号内的名称里；块用 `{ }`",
        ),
        '【' | '】' | '［' | '］' | '[' | ']' => ("{}", "blocks use `{ }`", "块用 `{ }`"),
        '‘' | '’' | '\'' => ("\"", "quote texts with `\"…\"`", "文字用 `\"…\"` 括起来"),
        '＝' | '≥' | '≤' => ("=", "", ""),
        _ => return None,
    })
}

/// Where a parse failed: the file, the byte where the offending token starts (after the
/// spaces pest reports some failures before), that token, and what the grammar expected there.
struct Failure<'t> {
    text: &'t str,
    file: FileId,
    pos: usize,
    /// The text from `pos` on.
    rest: &'t str,
    token: String,
    token_span: Span,
    positives: Vec<Rule>,
}

/// Turns a pest error on `text[offset..]` into a diagnostic on the whole file's offsets: the
/// first of the specific explanations below that fits, else "expected …, found …".
pub fn syntax_error(text: &str, err: &Error<Rule>, slice: Span, file: FileId) -> Diagnostic {
    let offset = slice.start;
    let pos = offset
        + match err.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
    let pos = pos.min(text.len());
    let positives: Vec<Rule> = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };

    if let Some(d) = unterminated(&text[..slice.end], offset, pos, file) {
        return d;
    }
    // pest reports some failures before the spaces that precede the offending token.
    let pos = pos + (text[pos..].len() - text[pos..].trim_start().len());
    let rest = &text[pos..];
    let token = next_token(rest);
    let token_span = Span::new(
        pos,
        pos + token
            .len()
            .max(rest.chars().next().map_or(0, char::len_utf8)),
    );
    let at = Failure {
        text,
        file,
        pos,
        rest,
        token,
        token_span,
        positives,
    };
    malformed_number(text, pos, file)
        .or_else(|| full_width_here(&at))
        .or_else(|| missing_semicolon(&at))
        .or_else(|| unbalanced_brace(&at))
        .or_else(|| unknown_word(&at))
        .or_else(|| misspelt_level2(&at))
        .unwrap_or_else(|| unexpected(&at))
}

/// K0109: a full-width or look-alike character where its ASCII twin belongs (`；` for `;`).
fn full_width_here(at: &Failure<'_>) -> Option<Diagnostic> {
    let c = at.rest.chars().next()?;
    let (ascii, en, zh) = full_width(c)?;
    if en.is_empty() {
        return None;
    }
    let span = Span::new(at.pos, at.pos + c.len_utf8());
    let d = MisplacedCharacter {
        found: c,
        ascii,
        why: (en, zh),
    }
    .at(at.file, span);
    // `：` has no one ASCII replacement (its help explains instead); `【】` and the
    // like become a pair, which is no one-character edit either.
    if matches!(c, '：' | ':') || ascii.chars().count() != 1 {
        return Some(d);
    }
    Some(d.with_fix(crate::diag::Fix {
        title: Text::new(
            format!("Replace `{c}` with `{ascii}`"),
            format!("将“{c}”改为 `{ascii}`"),
        ),
        span,
        replacement: ascii.to_string(),
        safe: true,
    }))
}

/// K0108: a `;` missing at the end of a line. Points just after the statement, not at the
/// next line's first word.
fn missing_semicolon(at: &Failure<'_>) -> Option<Diagnostic> {
    if !at.positives.contains(&Rule::semi) {
        return None;
    }
    let before = &at.text[..at.pos];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() || !before[trimmed.len()..].contains('\n') {
        return None;
    }
    Some(MissingSemicolon.at(at.file, Span::new(trimmed.len(), trimmed.len())))
}

/// K0107, a `}` that closes nothing, or K0110, the end of the file inside a block.
fn unbalanced_brace(at: &Failure<'_>) -> Option<Diagnostic> {
    let wants_close =
        at.positives.contains(&Rule::block_close) || at.positives.contains(&Rule::rbrace);
    let closes_nothing = at.positives.iter().any(|r| {
        matches!(
            r,
            Rule::item
                | Rule::item_only
                | Rule::project_item
                | Rule::department_item
                | Rule::kw_project
                | Rule::kw_department
        )
    }) || !wants_close;
    if (at.rest.starts_with('}') || at.rest.starts_with('｝')) && closes_nothing {
        return Some(StrayClose.at(at.file, at.token_span));
    }
    if at.rest.is_empty() && wants_close {
        return Some(UnclosedBlock.at(at.file, Span::new(at.pos, at.pos)));
    }
    None
}

/// A word where a statement should start: a keyword out of place (out_of_place), or no keyword at all
/// (K0106, with the nearest keyword as a suggestion).
fn unknown_word(at: &Failure<'_>) -> Option<Diagnostic> {
    let token = at.token.as_str();
    let is_word = token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_');
    let wants_statement = at.positives.iter().any(|r| {
        matches!(
            r,
            Rule::kw_goal
                | Rule::kw_budget
                | Rule::kw_output
                | Rule::kw_code
                | Rule::kw_basic
                | Rule::kw_weight
                | Rule::project_stmt
                | Rule::department_stmt
                | Rule::project_stmt_only
                | Rule::department_stmt_only
        )
    });
    if !(is_word && wants_statement) {
        return None;
    }
    if statement_keywords().any(|(en, zh)| en == token || zh == token) {
        return Some(out_of_place(at.text, at.token_span, at.file));
    }
    let suggestion = suggest(token);
    let d = UnknownKeyword::Statement {
        token,
        expected: expected_words(&at.positives),
        nearest: suggestion,
    }
    .at(at.file, at.token_span);
    Some(match suggestion {
        Some((en, zh)) => d.with_fix(keyword_fix(token, at.token_span, en, zh)),
        None => d,
    })
}

/// K0106 for `产出 质理 "…"`: a misspelt level-2 category, not a name to quote.
fn misspelt_level2(at: &Failure<'_>) -> Option<Diagnostic> {
    if !at.positives.contains(&Rule::level2) {
        return None;
    }
    let token = at.token.as_str();
    let (en, zh) = suggest_level2(token)?;
    Some(
        UnknownKeyword::Category {
            token,
            nearest: (en, zh),
        }
        .at(at.file, at.token_span)
        .with_fix(keyword_fix(token, at.token_span, en, zh)),
    )
}

/// K0101, when nothing more specific fits: "expected …, found …".
fn unexpected(at: &Failure<'_>) -> Diagnostic {
    let (token, positives) = (at.token.as_str(), &at.positives);
    UnexpectedToken {
        expected: expected_words(positives),
        found: (
            found(at.rest, token, Lang2::En),
            found(at.rest, token, Lang2::Zh),
        ),
        unquoted: (positives.contains(&Rule::string) && token.chars().any(is_han))
            .then(|| token.to_string()),
    }
    .at(at.file, at.token_span)
}

#[derive(Clone, Copy)]
enum Lang2 {
    En,
    Zh,
}

fn found(rest: &str, token: &str, lang: Lang2) -> String {
    match (rest.is_empty(), lang) {
        (true, Lang2::En) => "the end of the file".into(),
        (true, Lang2::Zh) => "文件结尾".into(),
        (false, Lang2::En) => format!("`{token}`"),
        (false, Lang2::Zh) => format!("“{token}”"),
    }
}

/// "`;` or `{`" from a list of rules, deduplicated, in both languages.
fn expected_words(positives: &[Rule]) -> (String, String) {
    let mut words: Vec<(&str, &str)> = Vec::new();
    for rule in positives {
        if let Some(w) = describe(*rule) {
            if !words.contains(&w) {
                words.push(w);
            }
        }
    }
    if words.is_empty() {
        return ("something else".into(), "其他内容".into());
    }
    let join = |zh: bool, or: &str, sep: &str| {
        let parts: Vec<&str> = words.iter().map(|w| if zh { w.1 } else { w.0 }).collect();
        match parts.len() {
            1 => parts[0].to_string(),
            n => format!("{}{or}{}", parts[..n - 1].join(sep), parts[n - 1]),
        }
    };
    (join(false, " or ", ", "), join(true, "或", "、"))
}

/// The token that starts `rest`: a word, a number, or one character.
fn next_token(rest: &str) -> String {
    let mut chars = rest.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    if first == '"' {
        let end = rest[1..].find('"').map_or(rest.len(), |i| i + 2);
        return rest[..end].chars().take(20).collect();
    }
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-' || c == '.';
    if word(first) {
        rest.chars().take_while(|c| word(*c)).take(20).collect()
    } else {
        first.to_string()
    }
}

pub(super) fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The keyword closest to a misspelt word (edit distance ≤ 2), if any.
/// The edit for a misspelt keyword: the suggestion in the language the word was written in
/// (Chinese for a word with Chinese characters). A guess, so never applied without asking.
fn keyword_fix(token: &str, span: Span, en: &str, zh: &str) -> crate::diag::Fix {
    let word = if token.chars().any(is_han) { zh } else { en };
    crate::diag::Fix {
        title: Text::new(
            format!("Replace `{token}` with `{word}`"),
            format!("将“{token}”改为 `{word}`"),
        ),
        span,
        replacement: word.to_string(),
        safe: false,
    }
}

fn suggest(word: &str) -> Option<(&'static str, &'static str)> {
    let lower = word.to_lowercase();
    let mut best: Option<(usize, (&str, &str))> = None;
    for (en, zh) in statement_keywords() {
        let d = edit_distance(&lower, en).min(edit_distance(word, zh));
        let limit = if word.chars().any(is_han) || word.len() <= 4 {
            1
        } else {
            2
        };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, (en, zh)));
        }
    }
    best.map(|(_, k)| k)
}

/// The level-2 category closest to a misspelt word (one character off), if any. The
/// spellings come from the model, so they follow the vocabulary.
fn suggest_level2(word: &str) -> Option<(&'static str, &'static str)> {
    use crate::model::Level1;
    let bare = word.strip_suffix("指标").unwrap_or(word);
    let mut best: Option<(usize, (&str, &str))> = None;
    for l1 in [
        Level1::Output,
        Level1::Cost,
        Level1::Effect,
        Level1::Satisfaction,
    ] {
        for &l2 in l1.children() {
            let zh = l2.chinese_under(l1);
            let short = zh.strip_suffix("指标").unwrap_or(zh);
            let d =
                edit_distance(bare, short).min(edit_distance(&word.to_lowercase(), l2.keyword()));
            if d == 0 {
                // A real keyword: the error is elsewhere.
                return None;
            }
            let limit = if bare.chars().count() <= 2 || !word.chars().any(is_han) {
                1
            } else {
                2
            };
            if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, (l2.keyword(), short)));
            }
        }
    }
    best.map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// An unterminated string or block comment before `pos` (in the text being parsed, which
/// starts at `offset`): the real cause of an error at its end.
fn unterminated(text: &str, offset: usize, pos: usize, file: FileId) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let mut i = offset;
    // A closed string that swallowed a `;` and a line break most likely lost its closing quote
    // there: `goal "abc;` ⏎ `budget …` ⏎ `goal "x";`.
    let mut suspect: Option<usize> = None;
    while i < text.len() && i <= pos {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            match rest.find("*/") {
                Some(e) => i += e + 2,
                None => return Some(UnclosedComment.at(file, Span::new(i, i + 2))),
            }
        } else if bytes[i] == b'"' || rest.starts_with('“') {
            let (close, open_len) = if bytes[i] == b'"' {
                ('"', 1)
            } else {
                ('”', '“'.len_utf8())
            };
            let mut j = i + open_len;
            let mut closed = false;
            while j < text.len() {
                let c = text[j..].chars().next().unwrap_or(close);
                if c == '\\' && close == '"' {
                    j += 1 + text[j + 1..].chars().next().map_or(0, char::len_utf8);
                    continue;
                }
                j += c.len_utf8();
                if c == close {
                    closed = true;
                    break;
                }
            }
            if !closed {
                return Some(
                    UnclosedText::NeverClosed { close }.at(file, Span::new(i, i + open_len)),
                );
            }
            let body = &text[i..j];
            if body.contains(";\n") || body.contains("；\n") || body.contains(";\r\n") {
                suspect = Some(i);
            }
            i = j;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    suspect.map(|start| UnclosedText::RunsOver.at(file, Span::new(start, start + 1)))
}

/// A number such as `12.3.4` or `12.`: the error is in the number, not after it.
fn malformed_number(text: &str, pos: usize, file: FileId) -> Option<Diagnostic> {
    let start = text[..pos]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map_or(pos, |(i, _)| i);
    let end = pos
        + text[pos..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .map(char::len_utf8)
            .sum::<usize>();
    let literal = &text[start..end];
    let starts_with_digit = literal.starts_with(|c: char| c.is_ascii_digit());
    let bad = literal.matches('.').count() > 1
        || literal.ends_with('.')
        || literal.contains(',')
        || literal.contains("..");
    if !starts_with_digit || !bad || literal.len() < 2 {
        return None;
    }
    // A period range such as `2023.07-2024.01` is not a number, and `2023-01..2023-12` is
    // handled by the date grammar.
    if literal.contains("..") && text[end..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(InvalidNumber::Malformed { literal }.at(file, Span::new(start, end)))
}

/// A piece that parses on its own but not where it stands (e.g. `funds` in a project form).
pub fn out_of_place(text: &str, span: Span, file: FileId) -> Diagnostic {
    let token = next_token(&text[span.start..]);
    UnknownKeyword::OutOfPlace { token: &token }
        .at(file, Span::new(span.start, span.start + token.len()))
}
