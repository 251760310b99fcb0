//! Diagnostics (诊断信息): what kpi tells the user, in Chinese and English, rendered in one place.
//!
//! A diagnostic is data — code, severity, file, span, message, help, extra labels — and
//! rendering (miette) happens only at the edge, so that every stage can be tested on data and
//! every rendering can be snapshot-tested.

mod finding;
mod rule;

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::source::{FileId, SourceFile, Span};

pub use finding::Finding;
pub use rule::{family_of, Doc, Family, Rule, FAMILIES};

/// The language diagnostics are written in (`--lang zh|en`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English
    En,
    /// 中文
    Zh,
}

impl Lang {
    /// The language from the environment, for what has no `--lang` and no kpi.toml `lang`
    /// to go by: `KPI_LANG`, else the locale ([`Lang::from_locale`]).
    pub fn from_env() -> Lang {
        Lang::from_kpi_lang().unwrap_or_else(Lang::from_locale)
    }

    /// `KPI_LANG` (kpi's own setting, `zh` or `en`), when set and not empty.
    pub fn from_kpi_lang() -> Option<Lang> {
        std::env::var("KPI_LANG")
            .ok()
            .filter(|v| !v.is_empty())
            .map(|v| Lang::from_locale_name(&v))
    }

    /// The user's locale (区域设置): `LC_ALL`, then `LC_MESSAGES`, then `LANG`; where none is
    /// set, on Windows the user's display language (`GetUserDefaultUILanguage`: a Chinese
    /// Windows sets no LANG); English otherwise.
    pub fn from_locale() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return Lang::from_locale_name(&v);
                }
            }
        }
        windows_ui_language().unwrap_or(Lang::En)
    }

    /// The language of a locale name: Chinese for `zh`, `zh_CN.UTF-8`, `zh-Hans`, `zh_TW`
    /// …, English for anything else (`C`, `POSIX`, `en_US.UTF-8`, `de_DE`).
    pub fn from_locale_name(name: &str) -> Lang {
        let name = name.trim().to_ascii_lowercase();
        if name == "zh"
            || name.starts_with("zh_")
            || name.starts_with("zh-")
            || name.starts_with("zh.")
            || name.starts_with("chinese")
        {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language of a Windows language identifier (LANGID): Chinese when its primary
    /// language (the low 10 bits) is `LANG_CHINESE` (0x04: 0x0804 zh-CN, 0x0404 zh-TW,
    /// 0x0C04 zh-HK …), English otherwise.
    pub fn from_langid(langid: u16) -> Lang {
        const LANG_CHINESE: u16 = 0x04;
        if langid & 0x3ff == LANG_CHINESE {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// The Windows user's display language. One kernel32 call, declared here rather than through
/// a bindings crate: it is the only Windows API kpi uses.
#[cfg(windows)]
fn windows_ui_language() -> Option<Lang> {
    #[link(name = "kernel32")]
    extern "system" {
        fn GetUserDefaultUILanguage() -> u16;
    }
    // SAFETY: no arguments, no state; documented to always succeed.
    let id = unsafe { GetUserDefaultUILanguage() };
    Some(Lang::from_langid(id))
}

#[cfg(not(windows))]
fn windows_ui_language() -> Option<Lang> {
    None
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    /// A text from its English and Chinese versions.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// How bad a finding is (严重程度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// 提示 — worth knowing, never fails a run.
    Advice,
    /// 警告 — suspicious or incomplete; fails only with `--deny warnings`.
    Warning,
    /// 错误 — a definite defect; `kpi check` exits 1.
    Error,
}

impl Severity {
    /// The word for the severity in one language.
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Advice, Lang::En) => "advice",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::En) => "error",
            (Severity::Advice, Lang::Zh) => "提示",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Error, Lang::Zh) => "错误",
        }
    }
}

/// A secondary place a diagnostic points at, with its own short label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub text: Text,
}

/// Where a finding is (位置): a span of a `.kpi` file, a cell of a workbook, or nowhere in
/// particular (a workbook that cannot be opened).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Location {
    /// A span in a file of the run's [`Sources`].
    Text { file: FileId, span: Span },
    /// A cell of a workbook sheet: `拉萨市科学技术局.xlsx!科技专项!D12`.
    Cell {
        workbook: String,
        sheet: String,
        cell: String,
    },
    /// The whole input, or no place in it.
    Nowhere,
}

impl Location {
    /// How a reader finds it: `path:line:col`, `workbook!sheet!cell`, or empty.
    pub fn describe(&self, sources: &Sources) -> String {
        match self {
            Location::Text { file, span } => match sources.try_get(*file) {
                Some(f) => {
                    let (line, col) = f.line_col(span.start);
                    format!("{}:{line}:{col}", f.name)
                }
                None => String::new(),
            },
            Location::Cell {
                workbook,
                sheet,
                cell,
            } => [workbook.as_str(), sheet.as_str(), cell.as_str()]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("!"),
            Location::Nowhere => String::new(),
        }
    }
}

/// 自动修复 — an exact edit that does what a diagnostic's help says: replace `span` of the
/// diagnostic's file with `replacement` (an insertion when the span is empty). The language
/// server offers it as a code action; `kpi check --fix` applies it when it is `safe`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the edit does, as a code action's title: "Replace `；` with `;`".
    pub title: Text,
    /// The bytes replaced, in the diagnostic's file.
    pub span: Span,
    pub replacement: String,
    /// True when the edit certainly says what the writer meant (a full-width `；` is a `;`);
    /// false for a guess (the nearest keyword to a misspelt one), offered but never applied
    /// without asking.
    pub safe: bool,
}

/// One finding: a code, a severity, where it is, what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code such as `K0101` (see `docs/rules.md`).
    pub code: &'static str,
    /// The rule the finding is of.
    #[serde(skip)]
    pub rule: &'static Rule,
    pub severity: Severity,
    /// Index of the file in the [`Sources`] the diagnostic was made against.
    pub file: FileId,
    /// The exact byte span the finding is about.
    pub span: Span,
    /// One line saying what is wrong.
    pub message: Text,
    /// How to fix it.
    pub help: Text,
    /// Other places involved (e.g. the other document of a cross-document finding).
    pub labels: Vec<Label>,
    /// Where the finding is when it is not in `.kpi` text (a workbook's cell, or nowhere):
    /// `None` for the findings about text, which `file` and `span` place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elsewhere: Option<Location>,
    /// The exact edit the help proposes, when it proposes one (not part of the reports: the
    /// help says it in words).
    #[serde(skip)]
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding of a rule, with the rule's default severity (`kpi.toml` may change it later).
    /// The crate's own rules report through their finding types ([`Finding::at`]), which call
    /// this; `tests/architecture.rs` holds the rest of the crate to that.
    pub fn new(rule: &'static Rule, file: FileId, span: Span, message: Text, help: Text) -> Self {
        Diagnostic {
            code: rule.code,
            rule,
            severity: rule.severity,
            file,
            span,
            message,
            help,
            labels: Vec::new(),
            elsewhere: None,
            fix: None,
        }
    }

    /// Adds the exact edit the help proposes.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// A finding about a workbook or about no particular place of the input.
    pub fn at(rule: &'static Rule, location: Location, message: Text, help: Text) -> Self {
        let (file, span) = match &location {
            Location::Text { file, span } => (*file, *span),
            _ => (FileId::default(), Span::default()),
        };
        Diagnostic {
            elsewhere: match location {
                Location::Text { .. } => None,
                other => Some(other),
            },
            ..Diagnostic::new(rule, file, span, message, help)
        }
    }

    /// Where the finding is.
    pub fn location(&self) -> Location {
        match &self.elsewhere {
            Some(l) => l.clone(),
            None => Location::Text {
                file: self.file,
                span: self.span,
            },
        }
    }

    /// True for errors after which the model no longer says what the file says (a statement
    /// that did not parse, an impossible date, an amount that is no money): such errors stop
    /// `kpi build`. Each rule says whether it does ([`Rule::loses_data`]).
    pub fn loses_data(&self) -> bool {
        self.severity == Severity::Error && self.rule.loses_data
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, file: FileId, span: Span, text: Text) -> Self {
        self.labels.push(Label { file, span, text });
        self
    }
}

/// The files of one run, indexed by `Diagnostic::file`.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    pub files: Vec<Arc<SourceFile>>,
}

impl Sources {
    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(Arc::new(file));
        FileId(self.files.len() - 1)
    }

    /// The file with this id.
    pub fn get(&self, file: FileId) -> &SourceFile {
        &self.files[file.0]
    }

    /// The file with this id, if the run has it.
    pub fn try_get(&self, file: FileId) -> Option<&SourceFile> {
        self.files.get(file.0).map(|f| &**f)
    }
}

/// The safe fixes among `fixes` ([`Fix::safe`]), in text order, without two that touch the same
/// bytes (the first is kept; the other is found again by the next check).
pub fn safe_fixes<'a>(fixes: impl IntoIterator<Item = &'a Fix>) -> Vec<&'a Fix> {
    let mut safe: Vec<&Fix> = fixes.into_iter().filter(|f| f.safe).collect();
    safe.sort_by_key(|f| (f.span.start, f.span.end));
    safe.dedup_by(|b, a| b.span == a.span && b.replacement == a.replacement);
    let mut out: Vec<&Fix> = Vec::new();
    for f in safe {
        if out.last().is_none_or(|l| l.span.end <= f.span.start) {
            out.push(f);
        }
    }
    out
}

/// A text with fixes applied: `fixes` in text order, none overlapping (as [`safe_fixes`] gives
/// them). A fix whose span is not on character boundaries of `text` is skipped.
pub fn apply_fixes(text: &str, fixes: &[&Fix]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in fixes {
        let ok = at <= f.span.start
            && f.span.start <= f.span.end
            && text.is_char_boundary(f.span.start)
            && text.is_char_boundary(f.span.end);
        if !ok {
            continue;
        }
        out.push_str(&text[at..f.span.start]);
        out.push_str(&f.replacement);
        at = f.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Sorts diagnostics into a stable order: by file, position, then code.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.file, a.span.start, a.span.end, a.code).cmp(&(b.file, b.span.start, b.span.end, b.code))
    });
}

/// A source for miette whose columns count characters, as every other report format and
/// editor does: miette counts bytes, so a line with Chinese text before the finding would
/// show a column three times too far (`2:45` for `2:27`).
///
/// It hands miette only the lines around a span (issue 14): miette finds lines by scanning its
/// source from the start, so giving it the whole file made rendering quadratic in the number
/// of findings, and a very wide line (a minified file) was drawn whole under every finding.
struct CharColumns {
    file: Arc<SourceFile>,
    /// Where miette's lines start (after `\n`, `\r\n` or a lone `\r`, as miette counts them).
    lines: Arc<Vec<usize>>,
}

/// A window wider than this is cut around the span, so that a very wide line is not drawn
/// whole (bytes).
const WIDE_WINDOW: usize = 4096;
/// How much of a cut line is kept on each side of the span (bytes, then moved onto a char).
const WIDE_MARGIN: usize = 160;

/// Line starts as miette counts lines, so that line numbers stay the ones it would print.
fn miette_line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 1;
                starts.push(i + 1);
            }
            b'\r' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl miette::SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.file.text.as_str();
        let line_of = |b: usize| self.lines.partition_point(|&s| s <= b) - 1;
        // A span is moved onto char boundaries: a span that split a character panicked here.
        let start = floor_char(text, span.offset());
        let end = ceil_char(text, (span.offset() + span.len()).max(start));
        let first = line_of(start).saturating_sub(before);
        let last = (line_of(end.saturating_sub(1).max(start)) + after).min(self.lines.len() - 1);
        let mut win_start = self.lines[first];
        let mut win_end = self.lines.get(last + 1).copied().unwrap_or(text.len());
        if win_end - win_start > WIDE_WINDOW {
            win_start = win_start.max(floor_char(text, start.saturating_sub(WIDE_MARGIN)));
            win_end = win_end.min(ceil_char(text, end.saturating_add(WIDE_MARGIN)).max(start));
            win_end = win_end.min(ceil_char(text, start + WIDE_WINDOW));
        }
        let window = &text[win_start..win_end];
        let local_end = end.min(win_end);
        let local: miette::SourceSpan = (start - win_start, local_end - start).into();
        let inner = window.read_span(&local, before, after)?;
        let base = line_of(win_start);
        let column = if before != 0 {
            // Context starts at a line start: column 0 either way.
            inner.column()
        } else {
            self.file.line_col(start).1 - 1
        };
        let shifted: miette::SourceSpan =
            (inner.span().offset() + win_start, inner.span().len()).into();
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.file.name.clone(),
            inner.data(),
            shifted,
            inner.line() + base,
            column,
            inner.line_count() + base,
        )))
    }
}

/// A diagnostic bound to its source and language, ready for miette's renderer.
struct Rendered<'a> {
    diag: &'a Diagnostic,
    lang: Lang,
    source: CharColumns,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.diag.message.get(self.lang))
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.diag.message.get(self.lang))
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diag.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.diag.help.get(self.lang);
        (!help.is_empty()).then(|| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let primary = miette::LabeledSpan::new_primary_with_span(
            Some(self.diag.message.get(self.lang).to_string()),
            self.diag.span.to_miette(),
        );
        // Labels in other files cannot be drawn in this snippet; they are listed in the help.
        let others = self
            .diag
            .labels
            .iter()
            .filter(|l| l.file == self.diag.file)
            .map(|l| {
                miette::LabeledSpan::new_with_span(
                    Some(l.text.get(self.lang).to_string()),
                    l.span.to_miette(),
                )
            });
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}

/// A finding with no text to show: `error[K1107]: message`, where it is, and the help.
fn render_plain(d: &Diagnostic, place: &str, lang: Lang) -> String {
    let mut out = format!(
        "{}[{}]: {}\n",
        d.severity.word(lang),
        d.code,
        d.message.get(lang)
    );
    if !place.is_empty() {
        let word = match lang {
            Lang::En => "at",
            Lang::Zh => "位置",
        };
        out.push_str(&format!("  {word}: {place}\n"));
    }
    let help = d.help.get(lang);
    if !help.is_empty() {
        let word = match lang {
            Lang::En => "help",
            Lang::Zh => "帮助",
        };
        out.push_str(&format!("  {word}: {help}\n"));
    }
    out
}

/// Renders diagnostics as miette's graphical report: no colour, fixed width, so the bytes are
/// the same on every machine (the snapshot tests depend on it).
pub fn render(diags: &[Diagnostic], sources: &Sources, lang: Lang) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100)
            .with_links(false);
    let mut out = String::new();
    // Per file, computed once: miette's line starts.
    let mut line_index: std::collections::HashMap<FileId, Arc<Vec<usize>>> =
        std::collections::HashMap::new();
    for diag in diags {
        if let Some(place) = &diag.elsewhere {
            out.push_str(&render_plain(diag, &place.describe(sources), lang));
            continue;
        }
        let file = sources.get(diag.file);
        let mut diag = diag.clone();
        // Labels in other files: mention them in the help so nothing is lost.
        for label in diag.labels.iter().filter(|l| l.file != diag.file) {
            let other = sources.get(label.file);
            let (line, col) = other.line_col(label.span.start);
            let where_ = format!("{}:{}:{}", other.name, line, col);
            diag.help
                .en
                .push_str(&format!("\n{}: {}", where_, label.text.en));
            diag.help
                .zh
                .push_str(&format!("\n{}：{}", where_, label.text.zh));
        }
        let rendered = Rendered {
            diag: &diag,
            lang,
            source: CharColumns {
                file: Arc::clone(&sources.files[diag.file.index()]),
                lines: Arc::clone(
                    line_index
                        .entry(diag.file)
                        .or_insert_with(|| Arc::new(miette_line_starts(&file.text))),
                ),
            },
        };
        if handler.render_report(&mut out, &rendered).is_err() {
            out.push_str(diag.message.get(lang));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_fixes_apply_in_order_without_overlaps() {
        let fix = |start, end, r: &str, safe| Fix {
            title: Text::new("", ""),
            span: Span::new(start, end),
            replacement: r.to_string(),
            safe,
        };
        let text = "年度 2023；\n目标 \"x\"；";
        let a = text.find('；').unwrap();
        let b = text.rfind('；').unwrap();
        let fixes = [
            fix(b, b + 3, ";", true),
            fix(a, a + 3, ";", true),
            fix(a, a + 3, ",", true), // overlaps the first at `a`: dropped
            fix(0, 6, "year", false), // not safe
        ];
        let safe = safe_fixes(&fixes);
        assert_eq!(safe.len(), 2);
        assert_eq!(apply_fixes(text, &safe), "年度 2023;\n目标 \"x\";");
        // A span inside a character is skipped, never a panic.
        assert_eq!(apply_fixes("项", &[&fix(1, 2, "x", true)]), "项");
    }

    #[test]
    fn every_location_renders_in_the_one_renderer() {
        const RULE: Rule = Rule {
            code: "K1101",
            name: "unknown-placeholder",
            severity: Severity::Error,
            loses_data: false,
            title: Doc { en: "t", zh: "t" },
            what: Doc { en: "w", zh: "w" },
            why: Doc { en: "y", zh: "y" },
            example: "",
            fix: Doc { en: "f", zh: "f" },
        };
        let rule = &RULE;
        let cell = Diagnostic::at(
            rule,
            Location::Cell {
                workbook: "拉萨市科学技术局.xlsx".into(),
                sheet: "科技专项".into(),
                cell: "D12".into(),
            },
            Text::new("unknown placeholder", "未知占位符"),
            Text::new("fix it", "请修改"),
        );
        let out = render(std::slice::from_ref(&cell), &Sources::default(), Lang::Zh);
        assert!(
            out.contains("位置: 拉萨市科学技术局.xlsx!科技专项!D12"),
            "{out}"
        );
        assert!(out.starts_with("错误[K1101]: 未知占位符"), "{out}");
        assert_eq!(
            cell.location().describe(&Sources::default()),
            "拉萨市科学技术局.xlsx!科技专项!D12"
        );
        // Text findings are placed by file and span, in characters.
        let mut sources = Sources::default();
        let f = sources.add(SourceFile::new("a.kpi", "项目 \"科技\" {\n  x;\n}\n"));
        let text = Diagnostic::new(
            rule,
            f,
            Span::new(20, 21),
            Text::new("m", "m"),
            Text::new("", ""),
        );
        assert_eq!(text.location().describe(&sources), "a.kpi:2:3");
    }

    /// The mapping from a locale name to a language. (The Windows call itself cannot run
    /// here; its LANGID mapping is tested below.)
    #[test]
    fn locale_names_map_to_languages() {
        for zh in [
            "zh",
            "zh_CN.UTF-8",
            "zh_CN",
            "zh-Hans",
            "zh_TW.Big5",
            "ZH_cn.utf8",
            "Chinese (Simplified)_China.936",
        ] {
            assert_eq!(Lang::from_locale_name(zh), Lang::Zh, "{zh}");
        }
        for en in [
            "en",
            "en_US.UTF-8",
            "C",
            "POSIX",
            "C.UTF-8",
            "de_DE",
            "zhx",
            "",
        ] {
            assert_eq!(Lang::from_locale_name(en), Lang::En, "{en}");
        }
    }

    /// Windows LANGIDs: every Chinese sublanguage is Chinese, the rest English.
    #[test]
    fn windows_language_ids_map_to_languages() {
        for zh in [0x0804u16, 0x0404, 0x0C04, 0x1004, 0x1404, 0x0004, 0x7C04] {
            assert_eq!(Lang::from_langid(zh), Lang::Zh, "{zh:#06x}");
        }
        for en in [0x0409u16, 0x0809, 0x0411, 0x0412, 0x0000, 0x0407] {
            assert_eq!(Lang::from_langid(en), Lang::En, "{en:#06x}");
        }
    }
}
