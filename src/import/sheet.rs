//! One sheet read as a grid of texts with its merged regions, and the forms found in it.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::vocab::{self, words_where, Meaning, Word, KIND_SEPARATOR};
use crate::model::{Level1, ProjectKind};

/// Opens a mark around text taken from a cell: `\u{E000}row,col\u{E001}text\u{E002}`. The
/// readers mark what they write so that `kpi check` can tell, for each span of the imported
/// text, the cell it came from (see [`super::CellMap`]); [`super::unmark`] removes the marks
/// and records their spans. Private-use characters, removed from cell texts when read, so a
/// cell cannot forge one.
pub const MARK_OPEN: char = '\u{E000}';
/// Ends a mark's cell address.
pub const MARK_MID: char = '\u{E001}';
/// Closes a mark.
pub const MARK_CLOSE: char = '\u{E002}';

/// `text` marked as coming from cell (`r`, `c`).
pub fn mark(r: u32, c: u32, text: &str) -> String {
    format!("{MARK_OPEN}{r},{c}{MARK_MID}{text}{MARK_CLOSE}")
}

/// A merged region: its first and last (row, column), 0-based.
pub type Region = ((u32, u32), (u32, u32));

/// A sheet's cells as text (0-based rows and columns) with its merged regions.
pub struct Grid {
    pub name: String,
    /// Indicator rows the reader could not place (no 一级指标 recognised, none above to carry
    /// down): (row, column of the category cell, the category's text). Reported as errors at
    /// their cells (K1202), never only as a comment.
    pub unplaced: std::cell::RefCell<Vec<(u32, u32, String)>>,
    cells: BTreeMap<(u32, u32), String>,
    merges: Vec<Region>,
    /// For each row, the merged regions that cover it (so a lookup is not a scan).
    row_merges: std::collections::HashMap<u32, Vec<usize>>,
    rows: u32,
    cols: u32,
}

/// How many (row, merge) pairs a sheet's merges make within its rows: the size of the index
/// [`Grid::new`] builds (the import refuses sheets where it is too big).
pub fn merge_index_size(cells: &BTreeMap<(u32, u32), String>, merges: &[Region]) -> u64 {
    let rows = cells.keys().map(|k| k.0 + 1).max().unwrap_or(0);
    merges
        .iter()
        .filter(|(s, _)| s.0 < rows)
        .map(|(s, e)| u64::from(e.0.min(rows - 1).saturating_sub(s.0)) + 1)
        .sum()
}

/// A label's text for comparison: no spaces, ASCII brackets and colons, no trailing colon,
/// no (必填)/(选填) marks.
pub fn norm(s: &str) -> String {
    let mut t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            c => c,
        })
        .collect();
    for mark in ["(必填)", "(选填)", "*"] {
        t = t.replace(mark, "");
    }
    t.trim_end_matches(':').to_string()
}

impl Grid {
    /// A grid from the non-empty cells of a sheet and its merged regions.
    pub fn new(name: String, cells: BTreeMap<(u32, u32), String>, merges: Vec<Region>) -> Grid {
        let rows = cells.keys().map(|k| k.0 + 1).max().unwrap_or(0);
        let cols = cells.keys().map(|k| k.1 + 1).max().unwrap_or(0);
        let mut row_merges: std::collections::HashMap<u32, Vec<usize>> = Default::default();
        for (i, (s, e)) in merges.iter().enumerate() {
            if s.0 < rows {
                for r in s.0..=e.0.min(rows - 1) {
                    row_merges.entry(r).or_default().push(i);
                }
            }
        }
        Grid {
            name,
            unplaced: Default::default(),
            cells,
            merges,
            row_merges,
            rows,
            cols,
        }
    }

    fn rows(&self) -> u32 {
        self.rows
    }

    fn cols(&self) -> u32 {
        self.cols
    }

    /// The text a cell holds (empty when it is blank or covered by a merge).
    pub fn raw(&self, r: u32, c: u32) -> &str {
        self.cells.get(&(r, c)).map_or("", String::as_str)
    }

    /// The region a cell belongs to: its merge, or the cell itself.
    fn region(&self, r: u32, c: u32) -> Region {
        self.row_merges
            .get(&r)
            .into_iter()
            .flatten()
            .map(|&i| self.merges[i])
            .find(|(s, e)| s.0 <= r && r <= e.0 && s.1 <= c && c <= e.1)
            .unwrap_or(((r, c), (r, c)))
    }

    /// The text shown at a cell (a merged region's text everywhere in it).
    pub fn get(&self, r: u32, c: u32) -> &str {
        let (s, _) = self.region(r, c);
        self.raw(s.0, s.1)
    }

    /// The first cell (row by row) whose normalized text satisfies `pred`, at a region's start.
    fn find(&self, pred: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
        self.cells
            .iter()
            .find(|(&(r, c), text)| self.region(r, c).0 == (r, c) && pred(&norm(text)))
            .map(|(&k, _)| k)
    }

    /// The value right of a label: the first non-empty region after the label's region in
    /// its row, unless that is another label (the field is blank then).
    fn right_of(&self, r: u32, c: u32) -> (String, u32) {
        let (_, end) = self.region(r, c);
        self.value_from(r, end.1 + 1)
    }

    /// The first non-empty text in row `r` from column `col` on, unless it is a label.
    fn value_from(&self, r: u32, col: u32) -> (String, u32) {
        let mut c = col;
        while c < self.cols() {
            let text = self.get(r, c);
            if !text.is_empty() {
                if is_label(&norm(text)) {
                    break;
                }
                return (text.to_string(), c);
            }
            c = self.region(r, c).1 .1 + 1;
        }
        (String::new(), col)
    }

    /// The value of a labelled field: right of the label, or after the colon in the label
    /// cell itself (`填报日期：2023年1月28日`).
    fn field(&self, labels: &[&str]) -> Option<String> {
        self.field_at(labels).map(|(v, _)| v)
    }

    /// [`Grid::field`] with the cell the value is in.
    fn field_at(&self, labels: &[&str]) -> Option<(String, (u32, u32))> {
        let (r, c) = self.find(|t| {
            labels
                .iter()
                .any(|l| t == *l || t.starts_with(&format!("{l}:")))
        })?;
        let own = norm(self.raw(r, c));
        if let Some((_, rest)) = own.split_once(':') {
            if !rest.is_empty() {
                return Some((after_colon(self.raw(r, c)), (r, c)));
            }
        }
        let (v, col) = self.right_of(r, c);
        (!v.is_empty()).then_some((v, (r, col)))
    }

    /// A field's value as .kpi (through `kpi`), marked with its cell.
    fn field_kpi(&self, labels: &[&str], kpi: impl Fn(&str) -> String) -> Option<String> {
        self.field_at(labels)
            .map(|(v, (r, c))| mark(r, c, &kpi(&v)))
    }
}

/// The labels of the fields kpi reads: a value is never one of these.
const LABELS: &[&str] = &[
    "项目名称",
    "主管部门及代码",
    "主管部门",
    "实施单位",
    "项目属性",
    "项目期",
    "项目资金",
    "项目资金(万元)",
    "年度资金总额",
    "财政拨款",
    "其中:财政拨款",
    "转移性资金",
    "其他资金",
    "年度总体目标",
    "绩效指标",
    "年度绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "填报人",
    "联系电话",
    "填报日期",
    "填报人及联系电话",
    "部门代码",
    "部门(单位)名称",
    "部门名称",
    "任务名称",
    "主要内容",
    "总额",
    // 项目支出绩效自评表
    "预期目标",
    "实际完成情况",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "执行偏差原因及改进措施",
    "总分",
    // 绩效运行监控表
    "年度目标",
    "1-7月执行情况",
    "1-7月执行数",
    "1-7月执行率",
    "全年预计执行数",
    "偏差原因分析",
];

fn is_label(t: &str) -> bool {
    LABELS.contains(&t)
}

fn after_colon(s: &str) -> String {
    let i = s
        .find([':', '：'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    s[i..].trim().to_string()
}

/// A .kpi string literal.
pub fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The keyword of a level-1 category written on a form: the one whose word the cell starts
/// with (产出…, 满意…).
fn level1_kw(text: &str) -> Option<&'static str> {
    let t = norm(text);
    words_where(|m| matches!(m, Meaning::Level1(_)))
        .find(|w| w.stems().iter().any(|s| t.starts_with(s)))
        .map(|w| w.en)
}

/// The keyword of a level-2 category written on a form: the one whose word the cell contains.
/// Longer words first (服务对象 before 社会); at equal length the words of 产出指标's
/// categories (数量, 成本 …) come last, being the generic ones (经济成本 is 经济); then the
/// vocabulary's order (服务对象 before 社会公众).
fn level2_kw(text: &str) -> Option<&'static str> {
    let t = norm(text);
    let generic = |w: &Word| match w.meaning {
        Meaning::Level2(l) => Level1::Output.children().contains(&l),
        _ => false,
    };
    words_where(|m| matches!(m, Meaning::Level2(_)))
        .enumerate()
        .flat_map(|(i, w)| {
            let t = &t;
            w.stems()
                .iter()
                .filter(move |s| t.contains(*s))
                .map(move |s| ((Reverse(s.chars().count()), generic(w), i), w))
        })
        .min_by_key(|(key, _)| *key)
        .map(|(_, w)| w.en)
}

/// An indicator value as .kpi: bare when the parser reads it as a quantity, date or period
/// under this category, a string otherwise. A text in “…” is a qualitative value that
/// would otherwise read as a number (see `emit::xlsx::context::value_text`).
fn value_kpi(text: &str, level: &str) -> String {
    if let Some(inner) = text.strip_prefix('“').and_then(|t| t.strip_suffix('”')) {
        return quote(inner);
    }
    if crate::lower::reads_as_value(text, level) {
        return text.to_string();
    }
    quote(text)
}

/// Money in a cell: a bare number means 万元 (the form's unit); text with a unit stays.
fn money_kpi(text: &str) -> Option<String> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    if t.is_empty() {
        return None;
    }
    let candidate = if t.parse::<rust_decimal::Decimal>().is_ok() {
        format!("{t}万元")
    } else {
        t
    };
    crate::lower::lowers(&format!("budget {candidate};"))
        .and_then(|p| p.budget)
        .map(|_| candidate)
}

fn period_kpi(text: &str) -> String {
    if let Some(p) = crate::lower::lowers(&format!("period {text};")) {
        if matches!(p.period.as_ref().map(|s| &s.value), Some(v) if !matches!(v, crate::model::Period::Text { .. }))
        {
            return text.to_string();
        }
    }
    quote(text)
}

/// 项目属性 as .kpi: keywords when the cell is the canonical words joined by `、` (as kpi
/// writes it), the text as written otherwise.
fn kind_kpi(text: &str) -> String {
    let kind_named = |word: &str| {
        words_where(|m| matches!(m, Meaning::ProjectKind(_))).find_map(|w| match w.meaning {
            Meaning::ProjectKind(k) if w.form == word => Some(k),
            _ => None,
        })
    };
    let kinds: Option<Vec<ProjectKind>> = text.split(KIND_SEPARATOR).map(kind_named).collect();
    match kinds {
        // Only the canonical spelling reads back as keywords; anything else is kept as written.
        Some(kinds) if vocab::kinds_text(&kinds) == text => kinds
            .iter()
            .map(|k| k.keyword())
            .collect::<Vec<_>>()
            .join(" "),
        _ => quote(text),
    }
}

fn year_of(grid: &Grid) -> Option<String> {
    let (r, c) =
        grid.find(|t| t.contains("年度") && t.chars().filter(char::is_ascii_digit).count() == 4)?;
    let digits: String = grid
        .raw(r, c)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    Some(mark(r, c, &digits))
}

fn filed_kpi(grid: &Grid, out: &mut String) {
    let date = grid
        .field(&["填报日期"])
        .filter(|d| crate::lower::lowers(&format!("filed {d};")).is_some());
    let mut filer = grid.field(&["填报人"]);
    let mut phone = grid.field(&["联系电话"]);
    if filer.is_none() && phone.is_none() {
        // Official layout: 填报人及联系电话：谭丽华 0891-6320663
        if let Some(both) = grid.field(&["填报人及联系电话"]) {
            match both.rsplit_once(char::is_whitespace) {
                Some((name, tel)) if tel.chars().any(|c| c.is_ascii_digit()) => {
                    filer = Some(name.trim().to_string());
                    phone = Some(tel.to_string());
                }
                _ if both.chars().any(|c| c.is_ascii_digit()) => phone = Some(both),
                _ => filer = Some(both),
            }
        }
    }
    if date.is_none() && filer.is_none() && phone.is_none() {
        return;
    }
    out.push_str("  filed");
    if let Some(d) = date {
        let _ = write!(out, " {d}");
    }
    if let Some(f) = filer {
        let _ = write!(out, " by {}", quote(&f));
    }
    if let Some(p) = phone {
        let _ = write!(out, " phone {}", quote(&p));
    }
    out.push_str(";\n");
}

/// Goals: the values right of the 年度总体目标 label, over the rows its region spans.
fn goals_kpi(grid: &Grid, out: &mut String) {
    let Some((r, c)) = grid.find(|t| t == "年度总体目标" || t == "年度目标" || t == "总体目标")
    else {
        return;
    };
    let (start, end) = grid.region(r, c);
    let mut last_region = None;
    for row in start.0..=end.0.min(grid.rows()) {
        let (text, col) = grid.value_from(row, end.1 + 1);
        let region = grid.region(row, col);
        if text.is_empty() || last_region == Some(region) {
            continue;
        }
        last_region = Some(region);
        let _ = writeln!(out, "  goal {};", mark(row, col, &quote(&text)));
    }
}

/// The indicator table: the header row with 一级指标 … 指标值, then its rows.
fn indicators_kpi(grid: &Grid, out: &mut String) -> bool {
    let Some((hr, _)) = grid.find(|t| t == "一级指标") else {
        return false;
    };
    let col_of = |names: &[&str]| -> Option<u32> {
        (0..grid.cols()).find(|&c| {
            grid.region(hr, c).0 == (hr, c) && names.contains(&norm(grid.raw(hr, c)).as_str())
        })
    };
    let (Some(c1), Some(c3), Some(cv)) = (
        col_of(&["一级指标"]),
        col_of(&["三级指标"]),
        col_of(&["指标值", "指标值(目标值)", "目标值", "年度指标值"]),
    ) else {
        return false;
    };
    // Self-evaluation columns (项目支出绩效自评表).
    let c_actual = col_of(&["实际完成值", "实际值", "完成值"]);
    let c_score = col_of(&["得分"]);
    let c_grade = col_of(&["达成度"]);
    // The first of these headings the table has (on the monitoring form 偏差原因 heads the
    // tick columns, and the reason is 原因说明及改进措施).
    let c_reason = [
        "偏差原因分析及改进措施",
        "原因说明及改进措施",
        "偏差原因分析",
        "偏差原因",
    ]
    .iter()
    .find_map(|n| col_of(&[n]))
    .filter(|c| !cause_cols_heading(grid, hr, *c));
    // Monitoring columns (绩效运行监控表): the year so far, the estimate, and a ✓ under the
    // kind of cause and the likelihood, whose headings sit in the header's second row.
    let c_midyear = col_of(&["1-7月执行情况"]);
    let c_forecast = col_of(&["全年预计完成情况"]);
    let header_rows = hr..=grid.region(hr, c1).1 .0;
    let ticks = |kind: fn(Meaning) -> bool| -> Vec<(u32, &'static str)> {
        words_where(kind)
            .filter_map(|w| {
                let col = (0..grid.cols()).find(|&c| {
                    header_rows
                        .clone()
                        .any(|r| grid.region(r, c).0 == (r, c) && norm(grid.raw(r, c)) == w.form)
                })?;
                Some((col, w.en))
            })
            .collect()
    };
    let cause_cols = ticks(|m| matches!(m, Meaning::Cause(_)));
    let likely_cols = ticks(|m| matches!(m, Meaning::Likelihood(_)));
    let c2 = col_of(&["二级指标"]);
    let cw = col_of(&["分值", "权重"]);
    let ce = col_of(&["指标解释"]);
    let cs = col_of(&["评分标准", "评(扣)分标准", "评扣分标准"]);
    let cd = col_of(&["指标方向"]);
    let (_, header_end) = grid.region(hr, c1);
    // A form typed by hand leaves the category cells blank under a filled one instead of
    // merging them (the way clerks type): a blank 一级指标 / 二级指标 carries the one above
    // down. A filled 一级指标 starts afresh (its 二级指标 is not carried from another category).
    let mut above1: Option<String> = None;
    let mut above2: Option<String> = None;
    for r in header_end.0 + 1..grid.rows() {
        let l1 = grid.get(r, c1);
        let name = grid.get(r, c3);
        let value = grid.get(r, cv);
        if ["填报人", "填报日期", "联系电话", "总分"]
            .iter()
            .any(|l| norm(grid.get(r, 0)).starts_with(l))
            || norm(l1) == "总分"
        {
            break;
        }
        if name.is_empty() && value.is_empty() && l1.is_empty() {
            continue; // a blank row (a list with no items keeps one)
        }
        let l1 = if l1.is_empty() {
            above1.clone().unwrap_or_default()
        } else {
            above2 = None;
            l1.to_string()
        };
        let Some(kw1) = level1_kw(&l1) else {
            // Kept in the output as a comment for the reader of the .kpi text, and reported
            // as an error at the category's cell (K1202) so the row is never lost silently.
            let _ = writeln!(
                out,
                "  // row {}: no 一级指标 recognised in {:?}: {} {}",
                r + 1,
                l1,
                quote(name),
                quote(value)
            );
            grid.unplaced.borrow_mut().push((r, c1, l1.clone()));
            continue;
        };
        above1 = Some(l1.clone());
        let l2 = match c2.map(|c| grid.get(r, c)).unwrap_or("") {
            "" => above2.clone().unwrap_or_default(),
            l2 => {
                above2 = Some(l2.to_string());
                l2.to_string()
            }
        };
        let level = match level2_kw(&l2) {
            // 成本指标 as level 2 under 产出 is `cost`; as level 1 it has no level-2 of that name.
            Some("cost") if kw1 == "cost" => kw1.to_string(),
            Some(kw2) => format!("{kw1} {kw2}"),
            None => kw1.to_string(),
        };
        // The line is the row, at the indicator's name; the value and weight at their cells.
        let mut line = format!("{level} {}", mark(r, c3, &quote(name)));
        if !value.is_empty() {
            let _ = write!(line, " {}", mark(r, cv, &value_kpi(value, &level)));
        }
        let mut attrs = String::new();
        if let Some((w, c)) = cw
            .map(|c| (grid.get(r, c), c))
            .filter(|(w, _)| !w.is_empty())
        {
            if w.parse::<rust_decimal::Decimal>().is_ok() {
                let _ = write!(attrs, " weight {};", mark(r, c, w));
            }
        }
        if let Some(e) = ce.map(|c| grid.get(r, c)).filter(|e| !e.is_empty()) {
            let _ = write!(attrs, " explanation {};", quote(e));
        }
        if let Some(s) = cs.map(|c| grid.get(r, c)).filter(|s| !s.is_empty()) {
            let _ = write!(attrs, " scoring {};", quote(s));
        }
        if let Some(cell) = cd.map(|c| norm(grid.get(r, c))) {
            let direction =
                words_where(|m| matches!(m, Meaning::Direction(_))).find(|w| w.form == cell);
            if let Some(d) = direction {
                let _ = write!(attrs, " direction {};", d.en);
            }
        }
        if let Some(a) = c_actual.map(|c| grid.get(r, c)).filter(|a| !a.is_empty()) {
            let _ = write!(attrs, " actual {};", value_kpi(a, &level));
        }
        if let Some(s) = c_score.map(|c| grid.get(r, c)).filter(|s| !s.is_empty()) {
            if s.parse::<rust_decimal::Decimal>().is_ok() {
                let _ = write!(attrs, " score {s};");
            }
        }
        if let Some(cell) = c_grade.map(|c| norm(grid.get(r, c))) {
            let grade = words_where(|m| matches!(m, Meaning::Grade(_))).find(|w| w.form == cell);
            if let Some(g) = grade {
                let _ = write!(attrs, " grade {};", g.en);
            }
        }
        if let Some(why) = c_reason.map(|c| grid.get(r, c)).filter(|w| !w.is_empty()) {
            let _ = write!(attrs, " reason {};", quote(why));
        }
        for (kw, col) in [("midyear", c_midyear), ("forecast", c_forecast)] {
            if let Some(v) = col.map(|c| grid.get(r, c)).filter(|v| !v.is_empty()) {
                let _ = write!(attrs, " {kw} {};", value_kpi(v, &level));
            }
        }
        for (kw, cols) in [("cause", &cause_cols), ("likelihood", &likely_cols)] {
            if let Some((_, word)) = cols.iter().find(|(c, _)| !grid.get(r, *c).is_empty()) {
                let _ = write!(attrs, " {kw} {word};");
            }
        }
        if !attrs.is_empty() {
            let _ = write!(line, " {{{attrs} }}");
        }
        line.push(';');
        let _ = writeln!(out, "  {}", mark(r, c3, &line));
    }
    true
}

/// (name on the form, keyword) of each funding source, in the form's column order.
fn sources() -> impl Iterator<Item = (&'static str, &'static str)> {
    vocab::sources().map(|s| (s.chinese(), s.keyword()))
}

fn project_kpi(grid: &Grid, (name, (nr, nc)): (String, (u32, u32))) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "// sheet {}", grid.name);
    let _ = writeln!(out, "project {} {{", mark(nr, nc, &quote(&name)));
    if let Some(y) = year_of(grid) {
        let _ = writeln!(out, "  year {y};");
    }
    filed_kpi(grid, &mut out);
    if let Some((dc, (r, c))) = grid.field_at(&["主管部门及代码", "主管部门"]) {
        let (dept, code) = split_code(&dc);
        let line = match (dept, code) {
            (Some(d), Some(c)) => format!("department {} code {};", quote(&d), quote(&c)),
            (Some(d), None) => format!("department {};", quote(&d)),
            (None, Some(c)) => format!("code {};", quote(&c)),
            (None, None) => String::new(),
        };
        if !line.is_empty() {
            let _ = writeln!(out, "  {}", mark(r, c, &line));
        }
    }
    if let Some(u) = grid.field_kpi(&["实施单位"], quote) {
        let _ = writeln!(out, "  unit {u};");
    }
    if let Some(k) = grid.field_kpi(&["项目属性"], kind_kpi) {
        let _ = writeln!(out, "  kind {k};");
    }
    if let Some(p) = grid.field_kpi(&["项目期"], period_kpi) {
        let _ = writeln!(out, "  period {p};");
    }
    let assessed = execution_kpi(grid, &mut out);
    if assessed {
        // 项目资金 was read as the self-evaluation's or monitoring form's funds table.
    } else if let Some((r, c)) =
        grid.find(|t| t == "年度资金总额" || t.starts_with("年度资金总额:"))
    {
        let own = after_colon(grid.raw(r, c));
        let (total, total_at) =
            if own.is_empty() || !norm(grid.raw(r, c)).contains(':') || own == grid.raw(r, c) {
                let (v, col) = grid.right_of(r, c);
                (v, (r, col))
            } else {
                (own, (r, c))
            };
        if let Some(total) = money_kpi(&total).map(|t| mark(total_at.0, total_at.1, &t)) {
            let mut split = String::new();
            let mut row = grid.region(r, c).1 .0 + 1;
            while row < grid.rows() {
                let label = norm(grid.get(row, c));
                let label = label.trim_start_matches("其中").trim_start_matches(':');
                let Some((_, kw)) = sources().find(|(zh, _)| label == *zh) else {
                    break;
                };
                let (amount, col) = grid.right_of(row, c);
                match money_kpi(&amount) {
                    Some(a) => {
                        let _ = write!(split, " {kw} {};", mark(row, col, &a));
                    }
                    None => {
                        let _ = write!(split, " {kw};");
                    }
                }
                row = grid.region(row, c).1 .0 + 1;
            }
            if split.is_empty() {
                let _ = writeln!(out, "  budget {total};");
            } else {
                let _ = writeln!(out, "  budget {total} {{{split} }};");
            }
        }
    }
    goals_kpi(grid, &mut out);
    if assessed {
        outcome_kpi(grid, &mut out);
    }
    indicators_kpi(grid, &mut out);
    out.push_str("}\n");
    out
}

/// True when the heading at (`hr`, `c`) spans the monitoring form's tick columns (偏差原因 over
/// 经费保障 … 其他): not a column of reasons.
fn cause_cols_heading(grid: &Grid, hr: u32, c: u32) -> bool {
    let (start, end) = grid.region(hr, c);
    end.1 > start.1
        && (start.1..=end.1).any(|col| {
            words_where(|m| matches!(m, Meaning::Cause(_)))
                .any(|w| norm(grid.get(hr + 1, col)) == w.form)
        })
}

/// A number cell as a .kpi score, when it is one.
fn score_kpi(text: &str) -> Option<&str> {
    let t = text.trim();
    t.parse::<rust_decimal::Decimal>().is_ok().then_some(t)
}

/// The funds table of a self-evaluation (项目支出绩效自评表) or monitoring form (绩效运行监控表):
/// the header row with 年初预算数 and 全年执行数 or 1-7月执行数 (and 全年预算数, 全年预计执行数,
/// 得分), the 年度资金总额 row, a row per funding source (`其中：当年财政拨款`, `上年结转资金` …),
/// then the execution's deviation reason and, further down, 总分. A blank cell is a source
/// that budget does not state; a source row blank in every column is one the 年初预算数 states
/// with no amount (`other;`). False when the sheet has no such table.
fn execution_kpi(grid: &Grid, out: &mut String) -> bool {
    let Some((hr, _)) = grid.find(|t| t == "年初预算数") else {
        return false;
    };
    let col_of = |names: &[&str]| -> Option<u32> {
        (0..grid.cols()).find(|&c| {
            grid.region(hr, c).0 == (hr, c) && names.contains(&norm(grid.raw(hr, c)).as_str())
        })
    };
    let Some(cb) = col_of(&["年初预算数"]) else {
        return false;
    };
    let cx = col_of(&["全年执行数", "预算执行数"]);
    let cm = col_of(&["1-7月执行数"]);
    let cf = col_of(&["全年预计执行数"]);
    if cx.is_none() && cm.is_none() {
        return false;
    }
    let ca = col_of(&["全年预算数", "调整后预算数"]);
    let cs = col_of(&["得分"]);
    let Some((tr, tc)) = grid.find(|t| t == "年度资金总额" || t == "总额") else {
        return false;
    };
    if tr <= hr {
        return false;
    }
    // The source rows under the total, by their labels.
    let mut rows: Vec<(&str, u32)> = Vec::new();
    let mut row = grid.region(tr, tc).1 .0 + 1;
    while row < grid.rows() {
        let label = norm(grid.get(row, tc));
        let label = label.trim_start_matches("其中").trim_start_matches(':');
        let label = if label == "当年财政拨款" {
            "财政拨款"
        } else {
            label
        };
        let Some((_, kw)) = sources().find(|(zh, _)| label == *zh) else {
            break;
        };
        rows.push((kw, row));
        row = grid.region(row, tc).1 .0 + 1;
    }
    let columns = [
        ("budget", Some(cb)),
        ("adjusted", ca),
        ("executed", cx),
        ("midyear", cm),
        ("forecast", cf),
    ];
    for (i, (kw, col)) in columns.iter().enumerate() {
        let Some(col) = *col else { continue };
        let Some(total) = money_kpi(grid.get(tr, col)) else {
            continue;
        };
        let mut split = String::new();
        for (src, r) in &rows {
            match money_kpi(grid.get(*r, col)) {
                Some(a) => {
                    let _ = write!(split, " {src} {a};");
                }
                None if i == 0
                    && columns
                        .iter()
                        .all(|(_, c)| c.is_none_or(|c| grid.get(*r, c).is_empty())) =>
                {
                    let _ = write!(split, " {src};");
                }
                None => {}
            }
        }
        if split.is_empty() {
            let _ = writeln!(out, "  {kw} {total};");
        } else {
            let _ = writeln!(out, "  {kw} {total} {{{split} }};");
        }
    }
    // The deviation reason: a labelled row (self-evaluation), or the cell under the 偏差原因分析
    // heading of the funds table (monitoring).
    let reason = grid.field(&["执行偏差原因及改进措施"]).or_else(|| {
        let c = col_of(&["偏差原因分析"])?;
        let text = grid.get(grid.region(hr, c).1 .0 + 1, c);
        (!text.is_empty()).then(|| text.to_string())
    });
    if let Some(reason) = reason {
        let _ = writeln!(out, "  reason {};", quote(&reason));
    }
    if let Some(s) = cs.and_then(|c| score_kpi(grid.get(tr, c))) {
        let _ = writeln!(out, "  execution-score {s};");
    }
    // 总分: the score under the indicator table's 得分 column.
    if let (Some((r, _)), Some((ihr, _))) =
        (grid.find(|t| t == "总分"), grid.find(|t| t == "一级指标"))
    {
        let c_score = (0..grid.cols())
            .find(|&c| grid.region(ihr, c).0 == (ihr, c) && norm(grid.raw(ihr, c)) == "得分");
        if let Some(s) = c_score.and_then(|c| score_kpi(grid.get(r, c))) {
            let _ = writeln!(out, "  total-score {s};");
        }
    }
    true
}

/// 实际完成情况 (self-evaluation) or 1-7月执行情况 (monitoring) of 年度总体目标: the cell under
/// its heading, in the row that heads the goals (预期目标 / 年度目标).
fn outcome_kpi(grid: &Grid, out: &mut String) {
    let goals_head = |r: u32| {
        (0..grid.cols()).any(|c| matches!(norm(grid.get(r, c)).as_str(), "预期目标" | "年度目标"))
    };
    let Some((r, c)) = grid
        .find(|t| t == "实际完成情况")
        .or_else(|| grid.find(|t| t == "1-7月执行情况"))
        .filter(|&(r, _)| goals_head(r))
    else {
        return;
    };
    let below = grid.region(r, c).1 .0 + 1;
    let text = grid.get(below, c);
    if !text.is_empty() {
        let _ = writeln!(out, "  outcome {};", quote(text));
    }
}

/// `拉萨市科技局（009909878）` → the department and the code (a bracketed suffix with no
/// Chinese characters).
fn split_code(text: &str) -> (Option<String>, Option<String>) {
    let t = text.trim();
    if let Some(stripped) = t.strip_suffix('）').or_else(|| t.strip_suffix(')')) {
        if let Some(open) = stripped.rfind(['（', '(']) {
            let code = stripped[open..].trim_start_matches(['（', '(']).trim();
            if !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                let dept = stripped[..open].trim();
                return (
                    (!dept.is_empty()).then(|| dept.to_string()),
                    Some(code.to_string()),
                );
            }
        }
    }
    ((!t.is_empty()).then(|| t.to_string()), None)
}

fn department_kpi(grid: &Grid, (name, (nr, nc)): (String, (u32, u32))) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "// sheet {}", grid.name);
    let _ = writeln!(out, "department {} {{", mark(nr, nc, &quote(&name)));
    if let Some(y) = year_of(grid) {
        let _ = writeln!(out, "  year {y};");
    }
    filed_kpi(grid, &mut out);
    if let Some(c) = grid.field_kpi(&["部门代码"], quote) {
        let _ = writeln!(out, "  code {c};");
    }
    if let Some(u) = grid.field_kpi(&["实施单位"], quote) {
        let _ = writeln!(out, "  unit {u};");
    }
    funds_kpi(grid, &mut out);
    goals_kpi(grid, &mut out);
    indicators_kpi(grid, &mut out);
    out.push_str("}\n");
    out
}

/// The funds table: the header row with 总额 (and 财政拨款 …), lines 基本支出/项目支出,
/// totals (…合计).
fn funds_kpi(grid: &Grid, out: &mut String) {
    let Some((hr, c_total)) = grid.find(|t| t == "总额") else {
        return;
    };
    let col_of = |name: &str| {
        (0..grid.cols()).find(|&c| norm(grid.get(hr, c)) == name && grid.region(hr, c).0 .1 == c)
    };
    let c_cat = grid.find(|t| t == "任务名称").map_or(0, |p| p.1);
    let c_name = grid.find(|t| t == "主要内容").map(|p| p.1);
    let sources: Vec<(&str, u32)> = sources()
        .filter_map(|(zh, kw)| col_of(zh).map(|c| (kw, c)))
        .collect();
    let mut body = String::new();
    // The keyword of a line category (基本支出, 项目支出) a label is, or starts with.
    let line_kw = |t: &str, exact: bool| {
        words_where(|m| matches!(m, Meaning::Line(_)))
            .find(|w| {
                if exact {
                    t == w.zh
                } else {
                    t.starts_with(w.zh)
                }
            })
            .map(|w| w.en)
    };
    let total = |label: &str| {
        let category = line_kw(label, false).map_or(String::new(), |kw| format!(" {kw}"));
        (format!("total{category}"), None)
    };
    for r in hr + 1..grid.rows() {
        let cat = norm(grid.get(r, c_cat));
        let name = c_name.map_or(String::new(), |c| grid.get(r, c).to_string());
        // The table ends where the goals or the indicators begin.
        if [cat.as_str(), norm(&name).as_str()]
            .iter()
            .any(|t| ["年度总体目标", "年度绩效指标", "绩效指标", "一级指标"].contains(t))
        {
            break;
        }
        // Official layouts state subtotals as 基本支出 / 项目支出合计 / 金额合计 in either the
        // category or the content column, with the other one blank.
        let label = if cat.is_empty() {
            norm(&name)
        } else {
            cat.clone()
        };
        let is_category = |t: &str| line_kw(t, true).is_some();
        let (head, name) = if label.contains("合计")
            || (cat.is_empty() && is_category(&label))
            || (is_category(&cat) && name.is_empty())
        {
            total(&label)
        } else if let Some(kw) = line_kw(&cat, true) {
            (kw.to_string(), Some(name))
        } else {
            continue; // a stray row (a page-break label, a blank row)
        };
        let Some(amount) = money_kpi(grid.get(r, c_total)) else {
            continue;
        };
        let mut split = String::new();
        for (kw, c) in &sources {
            if let Some(a) = money_kpi(grid.get(r, *c)) {
                let _ = write!(split, " {kw} {};", mark(r, *c, &a));
            }
        }
        // The line is the row (at its name's cell, or the category's); the amounts their cells.
        let mut line = head;
        if let Some(n) = name {
            let at = c_name.unwrap_or(c_cat);
            let _ = write!(line, " {}", mark(r, at, &quote(&n)));
        }
        let _ = write!(line, " {}", mark(r, c_total, &amount));
        if !split.is_empty() {
            let _ = write!(line, " {{{split} }}");
        }
        line.push(';');
        let _ = writeln!(body, "    {}", mark(r, c_name.unwrap_or(c_cat), &line));
    }
    if !body.is_empty() {
        let _ = writeln!(out, "  funds {{\n{body}  }}");
    }
}

/// The .kpi text of the form on a sheet, when the sheet holds one.
pub fn form_of(grid: &Grid) -> Option<String> {
    if let Some(name) = grid.field_at(&["部门(单位)名称", "部门(单位名称)", "部门名称", "单位名称"])
    {
        return Some(department_kpi(grid, name));
    }
    grid.field_at(&["项目名称"])
        .map(|name| project_kpi(grid, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_normalise() {
        assert_eq!(norm("数量指标 (必填)"), "数量指标");
        assert_eq!(norm("年度资金总额："), "年度资金总额");
        assert_eq!(norm("部门（单位）名称"), "部门(单位)名称");
    }

    #[test]
    fn codes_split_off() {
        assert_eq!(
            split_code("拉萨市科技局（009909878）"),
            (Some("拉萨市科技局".into()), Some("009909878".into()))
        );
        assert_eq!(
            split_code("科技局(本级)"),
            (Some("科技局(本级)".into()), None)
        );
        assert_eq!(split_code("（12）"), (None, Some("12".into())));
    }

    #[test]
    fn values_stay_what_they_were() {
        assert_eq!(value_kpi("≥90%", "satisfaction service"), "≥90%");
        assert_eq!(value_kpi("有所提升", "effect social"), "\"有所提升\"");
        assert_eq!(value_kpi("7家", "output quantity"), "7家");
        assert_eq!(value_kpi("≥10%", "output cost"), "≥10%");
        assert_eq!(kind_kpi("一次性、新增"), "one-off new");
        assert_eq!(kind_kpi("一次性新"), "\"一次性新\"");
        assert_eq!(money_kpi("1238.68").as_deref(), Some("1238.68万元"));
        assert_eq!(money_kpi("12386800元").as_deref(), Some("12386800元"));
        assert_eq!(money_kpi(""), None);
    }
}
