//! The formatter (格式化): `.kpi` text → the one canonical layout, meaning unchanged.
//!
//! The layout (docs/editors.md has it as a table):
//!
//! - 2-space indentation, one statement per line, every statement ending in `;` (added after
//!   an inline block, where it is optional); budget splits and indicator attributes on the
//!   statement's line; the funds table one entry per line, without a `;` after it;
//! - `{ }` for every block (`< >` and the full-width `｛｝＜＞` too), `;` for `；`;
//! - one space between words; a number and its unit together (`365 天` → `365天`); one space
//!   after an ASCII comparator and none after `≥` `≤`, as the printed forms write them
//!   (`>=95%` → `>= 95%`, `≥ 95%` → `≥95%`); full-width and look-alike comparators become
//!   the usual ones (`＞＝` → `>=`, `≧` → `≥`, `＝` and `==` → `=`);
//! - a blank line between items; blank lines between statements kept (at most one);
//! - numbers, units, dates and the text of strings exactly as written; `“…”` becomes `"…"`
//!   when the text has no `"` or `\`;
//! - keywords in the language they were written in, unless [`KeywordStyle`] says otherwise.
//!
//! Comments stay where they were: a comment at the end of a line stays at the end of that
//! line; a comment on its own line stays on its own line before what it preceded. A comment
//! inside a statement breaks the statement onto a continuation line (indented one more level).
//!
//! Line ends are `\n`, or `\r\n` when every line of the file ends so.
//!
//! A file with a syntax error (an error `K01xx`) is not formatted: [`format_text`] returns the
//! diagnostics instead.

use std::path::Path;

use pest::iterators::Pair;

use crate::diag::{Diagnostic, Severity};
use crate::lower::lower_parsed;
use crate::model::vocab::Meaning;
use crate::model::{canonical_number, date_parts, is_canonical_date, CustomUnits, Filing, Level1};
use crate::source::{FileId, SourceFile};
use crate::syntax::{self, children, Rule};

pub use crate::config::KeywordStyle;

/// Formatting options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub keywords: KeywordStyle,
}

/// A `kpi.toml` that cannot be read or understood.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

/// The options for files in `dir`: `[fmt]` of the `kpi.toml` that [`crate::config::find_for`]
/// finds (the same file `kpi check` reads), defaults without one.
pub fn options_for(dir: &Path) -> Result<Options, ConfigError> {
    let Some(path) = crate::config::find_for(dir) else {
        return Ok(Options::default());
    };
    let name = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
        path: name.clone(),
        source,
    })?;
    parse_config(&text).map_err(|message| ConfigError::Invalid {
        path: name,
        message,
    })
}

/// The formatter options in the text of a `kpi.toml`: an error when the file is not TOML or
/// its `[fmt]` section is wrong (other settings are `kpi check`'s to report).
pub fn parse_config(text: &str) -> Result<Options, String> {
    // Rule codes are `kpi check`'s to validate: every code passes here.
    let (config, problems) = crate::config::parse(
        &SourceFile::new("kpi.toml", text),
        FileId::default(),
        &|_| None,
    );
    let fmt_problem = problems
        .iter()
        .find(|d| d.message.en.contains("not valid TOML") || d.message.en.contains("`fmt."));
    match fmt_problem {
        Some(d) => Err(d.message.en.clone()),
        None => Ok(Options {
            keywords: config.keywords,
        }),
    }
}

/// True for the diagnostics that stop formatting: errors of the syntax rules (K01xx), the
/// file does not parse.
pub fn is_syntax_error(d: &Diagnostic) -> bool {
    d.severity == Severity::Error && crate::syntax::rules::RULES.contains(&d.rule)
}

/// Formats the text of one file. A file with syntax errors is not formatted: the errors are
/// returned instead (made against file index 0).
///
/// As a last line of defence the result is checked: if its model (positions aside: see
/// [`Filing::says_the_same_as`]) or its comments differ from the input's (a formatter bug),
/// the input is returned unchanged.
pub fn format_text(text: &str, options: &Options) -> Result<String, Vec<Diagnostic>> {
    let (out, before, comments_before) = format_and_model(text, options)?;
    if out == text {
        return Ok(out);
    }
    // The check reads the output once: its model and its comments from one parse.
    let parsed = syntax::parse_file_without_tree(&out, FileId(0));
    let source = SourceFile::new("<fmt>", out.as_str());
    let mut after = Filing::default();
    lower_parsed(&source, &parsed, FileId(0), &CustomUnits::new()).into_filing(&mut after);
    let same = before.says_the_same_as(&after) && comments_before == comment_texts(&parsed);
    Ok(if same { out } else { text.to_string() })
}

/// A file holding the line comment `// kpi fmt: off` is kept as written (still parsed, so its
/// syntax errors are reported): for files that show a layout on purpose, such as the product
/// brief's one-line form in `examples/quickstart.kpi`.
fn formatting_is_off(text: &str) -> bool {
    text.lines().any(|l| l.trim() == "// kpi fmt: off")
}

/// [`format_text`] without the final check (for tests that look for formatter bugs).
#[doc(hidden)]
pub fn format_unverified(text: &str, options: &Options) -> Result<String, Vec<Diagnostic>> {
    format_and_model(text, options).map(|(out, _, _)| out)
}

fn comment_texts(parsed: &syntax::ParsedFile<'_>) -> Vec<String> {
    parsed
        .comments
        .iter()
        .map(|c| c.as_str().trim_end().to_string())
        .collect()
}

/// Formats a text: one parse, from which the file is both lowered (its model, for the check)
/// and printed. Returns the output, the input's model and the input's comments.
fn format_and_model(
    text: &str,
    options: &Options,
) -> Result<(String, Filing, Vec<String>), Vec<Diagnostic>> {
    let source = SourceFile::new("<fmt>", text);
    let parsed = syntax::parse_file_without_tree(text, FileId(0));
    let mut filing = Filing::default();
    let (diagnostics, _) =
        lower_parsed(&source, &parsed, FileId(0), &CustomUnits::new()).into_filing(&mut filing);
    let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(is_syntax_error).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let comments = comment_texts(&parsed);
    if formatting_is_off(text) {
        return Ok((text.to_string(), filing, comments));
    }
    let mut p = Printer::new(text, *options, &parsed.comments);
    for item in &parsed.items {
        p.item(item);
    }
    p.flush_comments(usize::MAX);
    Ok((p.finish(), filing, comments))
}

/// A unified diff from `old` to `new` (empty when they are equal), headed with `path`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(path, &format!("{path} (formatted)"))
        .to_string()
}

/// A comment and where it stands in the source.
struct Comment {
    start: usize,
    end: usize,
    /// Code (or another comment) precedes it on its source line.
    trailing: bool,
    /// Nothing but spaces follows it on its source line (always true for `//` comments).
    ends_line: bool,
}

struct Printer<'a> {
    src: &'a str,
    options: Options,
    comments: Vec<Comment>,
    next_comment: usize,
    /// Finished output lines.
    lines: Vec<String>,
    /// The line being written, indentation included.
    cur: Option<String>,
    /// The current line holds more than indentation.
    cur_has_content: bool,
    /// The current line ends in a `//` comment: nothing more may go on it.
    cur_line_comment: bool,
    /// The next token starts a new line.
    need_break: bool,
    /// Block nesting depth.
    indent: usize,
    /// Inside a statement: new lines are continuation lines (one level deeper).
    in_stmt: bool,
    /// Nothing has been written since the last `{` (no blank line here; `{}` if it closes).
    block_empty: bool,
    /// An item was just closed: the next top-level line gets a blank line before it.
    after_item: bool,
    /// The last token written was `{` (so `}` follows without a space).
    last_open: bool,
    /// The last token written was `≥` or `≤`, which the value follows without a space.
    attach_next: bool,
    /// The last token written was `;`.
    last_semi: bool,
    /// Source offset where the last written token or comment ended.
    last_end: usize,
    /// The level 1 of the indicator being written (for Chinese level 2 spellings).
    level1: Option<Rule>,
    /// The level 2 of the indicator being written (a timeliness number may be a date serial).
    level2: Option<Rule>,
}

/// The grammar's white space (Unicode white space and the byte-order mark) but line breaks.
fn is_hspace(c: char) -> bool {
    (c.is_whitespace() || c == '\u{FEFF}') && !matches!(c, '\n' | '\r')
}

impl<'a> Printer<'a> {
    fn new(src: &'a str, options: Options, comment_pairs: &[Pair<'a, Rule>]) -> Self {
        let mut comments: Vec<Comment> = comment_pairs
            .iter()
            .map(|c| {
                let (start, end) = (c.as_span().start(), c.as_span().end());
                let before = src[..start].chars().rev().find(|&c| !is_hspace(c));
                let after = src[end..].chars().find(|&c| !is_hspace(c));
                Comment {
                    start,
                    end,
                    trailing: !matches!(before, None | Some('\n') | Some('\r')),
                    ends_line: c.as_str().starts_with("//")
                        || matches!(after, None | Some('\n') | Some('\r')),
                }
            })
            .collect();
        comments.sort_by_key(|c| c.start);
        comments.dedup_by_key(|c| c.start);
        Printer {
            src,
            options,
            comments,
            next_comment: 0,
            lines: Vec::new(),
            cur: None,
            cur_has_content: false,
            cur_line_comment: false,
            need_break: false,
            indent: 0,
            in_stmt: false,
            block_empty: false,
            after_item: false,
            last_open: false,
            attach_next: false,
            last_semi: false,
            last_end: 0,
            level1: None,
            level2: None,
        }
    }

    fn finish(mut self) -> String {
        self.close_line();
        while self.lines.last().is_some_and(|l| l.is_empty()) {
            self.lines.pop();
        }
        if self.lines.is_empty() {
            return String::new();
        }
        // A file written with Windows line ends only keeps them (strings keep theirs anyway).
        let newlines = self.src.matches('\n').count();
        let eol = if newlines > 0 && self.src.matches("\r\n").count() == newlines {
            "\r\n"
        } else {
            "\n"
        };
        let mut out = self.lines.join(eol);
        out.push_str(eol);
        out
    }

    fn close_line(&mut self) {
        if let Some(line) = self.cur.take() {
            let trimmed = line.trim_end();
            if !trimmed.is_empty() {
                self.lines.push(trimmed.to_string());
            }
        }
        self.cur_has_content = false;
        self.cur_line_comment = false;
    }

    /// True when the source has a blank line between the last thing written and `pos`.
    fn blank_before(&self, pos: usize) -> bool {
        let gap = &self.src[self.last_end.min(pos)..pos];
        gap.matches('\n').count() >= 2
    }

    /// Starts a new line at `indent`, with a blank line before it when `blank`.
    fn open_line(&mut self, indent: usize, blank: bool) {
        self.close_line();
        let top = indent == 0 && !self.in_stmt;
        let blank = (blank && !self.block_empty) || (top && self.after_item);
        if blank && self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
        if top {
            self.after_item = false;
        }
        self.block_empty = false;
        self.need_break = false;
        self.cur = Some("  ".repeat(indent));
    }

    fn push(&mut self, text: &str, space: bool) {
        if self.cur.is_none() {
            self.cur = Some("  ".repeat(self.indent));
        }
        let cur = self.cur.get_or_insert_with(String::new);
        if space && self.cur_has_content {
            cur.push(' ');
        }
        cur.push_str(text);
        self.cur_has_content = true;
    }

    /// Writes the comments that start before `pos`.
    fn flush_comments(&mut self, pos: usize) {
        while let Some(c) = self.comments.get(self.next_comment) {
            if c.start >= pos {
                break;
            }
            let (start, end, trailing, ends_line) = (c.start, c.end, c.trailing, c.ends_line);
            self.next_comment += 1;
            let text = &self.src[start..end];
            if trailing && self.cur_has_content && !self.cur_line_comment {
                self.push(text, true);
            } else {
                let blank = self.blank_before(start);
                let indent = self.indent + usize::from(self.in_stmt);
                self.open_line(indent, blank);
                self.push(text, false);
            }
            self.cur_line_comment = text.starts_with("//");
            self.last_open = false;
            self.attach_next = false;
            self.need_break = ends_line;
            self.last_end = end;
        }
    }

    /// Writes one token that stood at `start..end` in the source.
    fn token(&mut self, start: usize, end: usize, text: &str, space: bool) {
        self.flush_comments(start);
        if self.need_break || self.cur.is_none() {
            let indent = self.indent + usize::from(self.in_stmt);
            self.open_line(indent, false);
        }
        self.push(text, space && !self.attach_next);
        self.last_open = text == "{";
        self.last_semi = text == ";";
        self.attach_next = false;
        self.last_end = end;
    }

    fn pair_token(&mut self, pair: &Pair<'_, Rule>, text: &str, space: bool) {
        let span = pair.as_span();
        self.token(span.start(), span.end(), text, space);
    }

    /// Starts a statement (or an item) on its own line.
    fn begin_line(&mut self, pos: usize) {
        self.flush_comments(pos);
        let blank = self.blank_before(pos);
        self.in_stmt = false;
        self.open_line(self.indent, blank);
    }

    fn item(&mut self, item: &Pair<'_, Rule>) {
        self.begin_line(item.as_span().start());
        for c in children(item) {
            match c.as_rule() {
                Rule::block_open => self.open_block(&c),
                Rule::block_close => self.close_block(&c),
                Rule::project_stmt | Rule::department_stmt => {
                    if let Some(stmt) = children(&c).next() {
                        self.statement(&stmt);
                    }
                }
                _ => {
                    self.in_stmt = true;
                    self.node(&c);
                }
            }
        }
        self.after_item = true;
        self.need_break = true;
    }

    fn open_block(&mut self, pair: &Pair<'_, Rule>) {
        self.pair_token(pair, "{", true);
        self.in_stmt = false;
        self.indent += 1;
        self.block_empty = true;
        self.need_break = true;
    }

    fn close_block(&mut self, pair: &Pair<'_, Rule>) {
        self.flush_comments(pair.as_span().start());
        self.indent = self.indent.saturating_sub(1);
        self.in_stmt = false;
        // `{}` when nothing (not even a comment) stands inside.
        self.need_break = !(self.block_empty && self.last_open);
        self.block_empty = false;
        self.pair_token(pair, "}", false);
    }

    fn statement(&mut self, stmt: &Pair<'_, Rule>) {
        self.begin_line(stmt.as_span().start());
        self.in_stmt = true;
        self.level2 = None;
        if stmt.as_rule() == Rule::funds_stmt {
            for c in children(stmt) {
                match c.as_rule() {
                    Rule::lbrace => self.open_block(&c),
                    Rule::rbrace => self.close_block(&c),
                    Rule::funds_entry => {
                        if let Some(entry) = children(&c).next() {
                            self.statement(&entry);
                        }
                    }
                    // The `;` after a funds table means nothing: left out.
                    Rule::semi => {}
                    _ => self.node(&c),
                }
            }
        } else {
            self.node(stmt);
            // `;` is optional after a block (`budget 5万元 { fiscal 5万元; }`): always written.
            // No comment has been written since the last token, so it goes right after it.
            if !self.last_semi {
                self.push(";", false);
                self.last_semi = true;
            }
        }
        self.in_stmt = false;
        self.need_break = true;
    }

    /// Writes the tokens of a pair inside a statement.
    fn node(&mut self, pair: &Pair<'_, Rule>) {
        let rule = pair.as_rule();
        let text = pair.as_str();
        match rule {
            Rule::string => {
                let s = string_text(text);
                self.pair_token(pair, &s, true);
            }
            Rule::semi => self.pair_token(pair, ";", false),
            Rule::lbrace => self.pair_token(pair, "{", true),
            Rule::rbrace => {
                let space = !self.last_open;
                self.pair_token(pair, "}", space);
            }
            Rule::comparator => {
                let symbol = comparator_text(text);
                self.pair_token(pair, symbol, true);
                self.attach_next = matches!(symbol, "≥" | "≤");
            }
            Rule::quantity => {
                // A timeliness value that is an Excel date serial is written as its date (the
                // model already holds the date: see `lower.rs`).
                if self.level2 == Some(Rule::kw_timeliness) && text.trim().len() == 5 {
                    if let Some(d) = text
                        .trim()
                        .parse::<i64>()
                        .ok()
                        .and_then(crate::model::Date::from_excel_serial)
                    {
                        self.pair_token(pair, &d.to_string(), true);
                        return;
                    }
                }
                let mut first = true;
                for c in children(pair) {
                    let written = match c.as_rule() {
                        Rule::number => canonical_number(c.as_str()),
                        _ => c.as_str().to_string(),
                    };
                    self.pair_token(&c, &written, first);
                    first = false;
                }
            }
            Rule::date_range => {
                let mut first = true;
                for c in children(pair) {
                    let written = match children(&c).next() {
                        Some(d) if d.as_rule() == Rule::date => date_text(d.as_str()),
                        _ => c.as_str().trim().to_string(),
                    };
                    self.pair_token(&c, &written, first);
                    first = false;
                }
            }
            Rule::number => self.pair_token(pair, &canonical_number(text), true),
            Rule::date => self.pair_token(pair, &date_text(text), true),
            Rule::date_serial => {
                let written = text
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .and_then(crate::model::Date::from_excel_serial)
                    .map_or_else(|| text.to_string(), |d| d.to_string());
                self.pair_token(pair, &written, true)
            }
            Rule::unit | Rule::year_value | Rule::month_date => self.pair_token(pair, text, true),
            Rule::level2 => {
                self.level2 = children(pair).next().map(|c| c.as_rule());
                self.children_of(pair);
            }
            Rule::link => {
                let start = pair.as_span().start();
                let arrow = if text.starts_with('→') { "→" } else { "->" };
                self.token(start, start + arrow.len(), arrow, true);
                for c in children(pair) {
                    self.node(&c);
                }
            }
            Rule::level1 => {
                self.level1 = children(pair).next().map(|c| c.as_rule());
                self.children_of(pair);
            }
            r if is_keyword(r) => {
                let word = self.keyword(r, text);
                self.pair_token(pair, word, true);
            }
            _ => self.children_of(pair),
        }
    }

    fn children_of(&mut self, pair: &Pair<'_, Rule>) {
        for c in children(pair) {
            self.node(&c);
        }
    }

    /// The spelling of a keyword in the chosen language.
    fn keyword<'t>(&self, rule: Rule, written: &'t str) -> &'t str {
        let (en, zh) = match keyword_spellings(rule, self.level1) {
            Some(s) => s,
            None => return written,
        };
        match self.options.keywords {
            KeywordStyle::Keep => written,
            KeywordStyle::En => en,
            KeywordStyle::Zh => zh,
        }
    }
}

/// A string literal as printed: `“…”` becomes `"…"` when its text needs no escapes.
/// A date as `kpi fmt` writes it: kept when its spelling is one of the usual ones, otherwise
/// (`2023/01/28`, `20230128`, `2023 年 1 月 28`) rewritten to ISO or to `2023年1月28日`.
fn date_text(written: &str) -> String {
    let written = written.trim();
    if is_canonical_date(written) {
        return written.to_string();
    }
    date_parts(written)
        .and_then(|(y, m, d)| crate::model::Date::new(y, m, d))
        .map_or_else(
            || written.to_string(),
            |d| d.canonical(written.contains('年')),
        )
}

fn string_text(written: &str) -> String {
    if let Some(inner) = written.strip_prefix('“').and_then(|s| s.strip_suffix('”')) {
        if !inner.contains(['"', '\\']) {
            return format!("\"{inner}\"");
        }
    }
    written.to_string()
}

/// A comparator as printed: full-width and look-alike forms become the usual ones.
fn comparator_text(written: &str) -> &str {
    match written {
        "＞＝" => ">=",
        "＜＝" => "<=",
        "≧" | "⩾" => "≥",
        "≦" | "⩽" => "≤",
        "＝" | "==" => "=",
        "＞" => ">",
        "＜" => "<",
        other => other,
    }
}

fn is_keyword(rule: Rule) -> bool {
    keyword_spellings(rule, None).is_some()
}

/// The English and the canonical Chinese spelling of a keyword rule, from the vocabulary.
/// Level 2 spellings under `cost` say 成本 rather than 效益 (the model is the same either way).
fn keyword_spellings(rule: Rule, level1: Option<Rule>) -> Option<(&'static str, &'static str)> {
    let word = syntax::keyword(rule)?;
    let under_cost = level1.and_then(syntax::meaning) == Some(Meaning::Level1(Level1::Cost));
    let zh = match word.under_cost {
        Some(u) if under_cost => u.zh,
        _ => word.zh,
    };
    Some((word.en, zh))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        format_text(text, &Options::default()).unwrap()
    }

    #[test]
    fn quickstart_one_liner() {
        let out = fmt("project \"科技专项\" < budget 1238.68万元; output quantity \"科技项目实施\" <= 23 个; >\n");
        assert_eq!(
            out,
            "project \"科技专项\" {\n  budget 1238.68万元;\n  output quantity \"科技项目实施\" <= 23个;\n}\n"
        );
    }

    #[test]
    fn full_width_punctuation_becomes_ascii() {
        let out = fmt("项目 “甲” ＜ 产出 数量 “乙” ＞＝95%；预算 5万元｛财政拨款 5万元；｝； ＞");
        assert_eq!(
            out,
            "项目 \"甲\" {\n  产出 数量 \"乙\" >= 95%;\n  预算 5万元 { 财政拨款 5万元; };\n}\n"
        );
    }

    #[test]
    fn comments_stay_in_place() {
        let src = "// head\nproject \"a\" { // open\n  // before\n  year 2023; // after\n\n\n  /* block */\n  goal \"g\";\n}\n// tail\n";
        let out = fmt(src);
        assert_eq!(
            out,
            "// head\nproject \"a\" { // open\n  // before\n  year 2023; // after\n\n  /* block */\n  goal \"g\";\n}\n\n// tail\n"
        );
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn comment_inside_a_statement_makes_a_continuation_line() {
        let src = "project \"a\" { output quantity // why\n \"x\" 5个; }";
        let out = fmt(src);
        assert_eq!(
            out,
            "project \"a\" {\n  output quantity // why\n    \"x\" 5个;\n}\n"
        );
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn keywords_can_be_translated() {
        let zh = Options {
            keywords: KeywordStyle::Zh,
        };
        let en = Options {
            keywords: KeywordStyle::En,
        };
        let src = "project \"a\" { cost economic \"x\" <= 5万元; effect economic \"y\" \"z\"; }";
        let out = format_text(src, &zh).unwrap();
        assert_eq!(
            out,
            "项目 \"a\" {\n  成本 经济成本 \"x\" <= 5万元;\n  效益 经济效益 \"y\" \"z\";\n}\n"
        );
        assert_eq!(format_text(&out, &en).unwrap(), fmt(src));
    }

    #[test]
    fn syntax_errors_are_returned() {
        let errs = format_text("project \"a\" { output quantity; }", &Options::default());
        assert!(errs.is_err());
    }

    #[test]
    fn config_is_read() {
        assert_eq!(
            parse_config("[fmt]\nkeywords = \"zh\"\n").unwrap().keywords,
            KeywordStyle::Zh
        );
        assert!(parse_config("[fmt]\nkeywords = \"fr\"\n").is_err());
        assert_eq!(parse_config("").unwrap(), Options::default());
    }
}

#[cfg(test)]
mod fmt_off_tests {
    use super::*;

    #[test]
    fn fmt_off_keeps_the_file_as_written_but_still_reports_syntax_errors() {
        let brief = "// kpi fmt: off\nproject \"p\" < budget 5万元; >\n";
        assert_eq!(format_text(brief, &Options::default()).unwrap(), brief);
        let without = brief.replacen("// kpi fmt: off\n", "", 1);
        assert_ne!(format_text(&without, &Options::default()).unwrap(), without);
        let broken = "// kpi fmt: off\nproject \"p\" < budget 5万元 >\n";
        assert!(format_text(broken, &Options::default()).is_err());
    }
}
