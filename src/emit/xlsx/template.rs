//! The template language: placeholders in cells, repeating rows, vertical merges.
//!
//! A template sheet is read once into a [`SheetPlan`] (its placeholders parsed and checked
//! against the names its kind of form offers); filling renders the sheet row by row into a
//! copy of itself, so that repeated rows get the template row's style, height and in-row
//! merges, and everything below moves down — cells, merges, row heights and print areas.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rust_decimal::Decimal;
use umya_spreadsheet::{Cell, Worksheet};

use super::context::{self, money_cell, Context, FormKind, Item, MoneyCell, Val};
use super::rules::{
    at_cell, BadFilter, BadRepeatRow, FormKindUnclear, ItemOutsideRepeat, MalformedPlaceholder,
    UnknownList, UnknownPlaceholder, WorkbookTooBig,
};
use super::Limits;
use crate::diag::{Diagnostic, Finding, Location};

/// A piece of a cell's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Literal(String),
    Placeholder { name: String, merge: bool },
}

/// A cell's text, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellTemplate {
    /// `{{#each LIST}}` found in the cell.
    pub each: Option<String>,
    pub tokens: Vec<Token>,
}

impl CellTemplate {
    fn has_placeholders(&self) -> bool {
        self.tokens
            .iter()
            .any(|t| matches!(t, Token::Placeholder { .. }))
    }

    fn merge(&self) -> bool {
        self.tokens
            .iter()
            .any(|t| matches!(t, Token::Placeholder { merge: true, .. }))
    }

    fn sole(&self) -> Option<&str> {
        let mut found = None;
        for t in &self.tokens {
            match t {
                Token::Placeholder { name, .. } if found.is_none() => found = Some(name.as_str()),
                Token::Literal(s) if s.trim().is_empty() => {}
                _ => return None,
            }
        }
        found
    }
}

/// Why a cell's text is not a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Unclosed,
    UnknownFilter(String),
    ClosingEach,
    Empty,
}

/// Parses a cell's text: literals, `{{name}}`, `{{name|merge}}` and `{{#each list}}`.
pub fn parse_cell(text: &str) -> Result<CellTemplate, ParseError> {
    let mut tokens = Vec::new();
    let mut each = None;
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        if open > 0 {
            tokens.push(Token::Literal(rest[..open].to_string()));
        }
        let after = &rest[open + 2..];
        let close = after.find("}}").ok_or(ParseError::Unclosed)?;
        let inner = after[..close].trim();
        rest = &after[close + 2..];
        if let Some(list) = inner.strip_prefix("#each") {
            let list = list.trim();
            if list.is_empty() {
                return Err(ParseError::Empty);
            }
            each = Some(list.to_string());
            continue;
        }
        if inner.starts_with('/') {
            return Err(ParseError::ClosingEach);
        }
        let (name, filter) = match inner.split_once('|') {
            Some((n, f)) => (n.trim(), Some(f.trim())),
            None => (inner, None),
        };
        if name.is_empty() {
            return Err(ParseError::Empty);
        }
        let merge = match filter {
            None => false,
            Some("merge") => true,
            Some(other) => return Err(ParseError::UnknownFilter(other.to_string())),
        };
        tokens.push(Token::Placeholder {
            name: name.to_string(),
            merge,
        });
    }
    if !rest.is_empty() {
        tokens.push(Token::Literal(rest.to_string()));
    }
    Ok(CellTemplate { each, tokens })
}

/// A cell reference such as `B12`.
pub fn cell_ref(col: u32, row: u32) -> String {
    format!("{}{}", column_letters(col), row)
}

/// Column letters for a 1-based column index.
pub fn column_letters(mut col: u32) -> String {
    let mut s = Vec::new();
    while col > 0 {
        let rem = ((col - 1) % 26) as u8;
        s.push(b'A' + rem);
        col = (col - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A rectangle of cells, 1-based and inclusive: (first column, first row, last column, last row).
pub type Rect = (u32, u32, u32, u32);

/// Parses `A1` into (column, row).
pub fn parse_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let mut col = 0u32;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    let row: u32 = digits.parse().ok()?;
    (row > 0).then_some((col, row))
}

/// Parses `A1:B2` (or `A1`) into a rectangle.
pub fn parse_rect(s: &str) -> Option<Rect> {
    let (a, b) = s.split_once(':').unwrap_or((s, s));
    let (c1, r1) = parse_ref(a)?;
    let (c2, r2) = parse_ref(b)?;
    Some((c1.min(c2), r1.min(r2), c1.max(c2), r1.max(r2)))
}

fn rect_ref(r: Rect) -> String {
    format!("{}:{}", cell_ref(r.0, r.1), cell_ref(r.2, r.3))
}

/// The cells of a template sheet that hold placeholders, parsed, by (row, column).
pub type Cells = BTreeMap<(u32, u32), CellTemplate>;

/// A template sheet, read and checked.
#[derive(Debug, Clone)]
pub struct SheetPlan {
    /// Index of the sheet in its template workbook.
    pub index: usize,
    pub title: String,
    pub kind: FormKind,
    /// Repeat rows: row → list name.
    pub repeats: BTreeMap<u32, &'static str>,
    /// Parsed cells that hold placeholders or sit in repeat rows.
    pub cells: Cells,
    pub last_row: u32,
}

/// Reads a template sheet. `Ok(None)` for a sheet with no placeholders (not a form sheet).
pub fn plan_sheet(
    index: usize,
    ws: &Worksheet,
    limits: &Limits,
) -> Result<Option<SheetPlan>, Vec<Diagnostic>> {
    let title = ws.name().to_string();
    let mut diags = Vec::new();
    let (parsed, last_row) = read_cells(ws, &title, limits, &mut diags)?;
    let Some(kind) = form_kind(&title, &parsed, &mut diags)? else {
        return Ok(None);
    };
    let repeats = repeat_rows(&title, kind, &parsed, limits, &mut diags);
    check_names(&title, kind, &parsed, &repeats, &mut diags);
    if diags.is_empty() {
        Ok(Some(SheetPlan {
            index,
            title,
            kind,
            repeats,
            cells: parsed,
            last_row,
        }))
    } else {
        Err(diags)
    }
}

/// The cells of a template sheet that hold placeholders, parsed, and the last row the sheet
/// uses (cells, row formats, merges). Placeholders that do not parse are added to `diags`; a
/// sheet past the limits is an error on its own.
fn read_cells(
    ws: &Worksheet,
    title: &str,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Cells, u32), Vec<Diagnostic>> {
    let cells = ws.cells();
    if cells.len() > limits.max_template_cells {
        let finding = WorkbookTooBig::Cells {
            sheet: title,
            cells: cells.len(),
            max: limits.max_template_cells,
        };
        return Err(vec![finding.at_location(Location::Nowhere)]);
    }
    let mut parsed = BTreeMap::new();
    let mut last_row = 0;
    for cell in cells {
        let col = cell.coordinate().col_num();
        let row = cell.coordinate().row_num();
        if row > limits.max_template_rows || col > 16_384 {
            let finding = WorkbookTooBig::Row {
                sheet: title,
                row,
                max: limits.max_template_rows,
            };
            diags.push(finding.at_location(Location::Nowhere));
            return Err(std::mem::take(diags));
        }
        last_row = last_row.max(row);
        let text = cell.value();
        if !text.contains("{{") {
            continue;
        }
        let at = cell_ref(col, row);
        match parse_cell(&text) {
            Ok(t) => {
                parsed.insert((row, col), t);
            }
            Err(e) => diags.push(parse_error_diag(title, &at, &text, e)),
        }
    }
    for r in ws.row_dimensions() {
        if r.row_num() <= limits.max_template_rows {
            last_row = last_row.max(r.row_num());
        }
    }
    for m in ws.merge_cells() {
        if let Some(rect) = parse_rect(&m.range()) {
            if rect.3 <= limits.max_template_rows {
                last_row = last_row.max(rect.3);
            }
        }
    }

    Ok((parsed, last_row))
}

/// The kind of form a sheet is for, from names that belong to one family only
/// (docs/templates.md, "Which sheet is which form"): department names make a department sheet;
/// self-evaluation names (`{{indicator.actual}}`, `{{total_score}}` …) a self-evaluation sheet;
/// monitoring names (`{{indicator.midyear}}`, `{{execution.forecast}}` …) a monitoring sheet;
/// names both of these share (`{{execution.adjusted}}`, `{{indicator.reason}}`) a
/// self-evaluation sheet; project names alone a project target sheet. `Ok(None)` for a sheet
/// with no placeholders at all; an error when the names mix kinds or name none.
fn form_kind(
    title: &str,
    parsed: &Cells,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<FormKind>, Vec<Diagnostic>> {
    use context::NameFamily;
    let mut families = BTreeSet::new();
    for t in parsed.values() {
        if let Some(list) = &t.each {
            if let Some(f) = context::family_of_name(list) {
                families.insert(f);
            }
        }
        for tok in &t.tokens {
            if let Token::Placeholder { name, .. } = tok {
                if let Some(f) = context::family_of_name(name) {
                    families.insert(f);
                }
            }
        }
    }
    if families.contains(&NameFamily::SelfEvaluation) && families.contains(&NameFamily::Monitoring)
    {
        let finding = FormKindUnclear::AssessedAndMonitoring { sheet: title };
        diags.push(finding.at_location(Location::Nowhere));
        return Err(std::mem::take(diags));
    }
    let mut kinds = BTreeSet::new();
    for f in &families {
        kinds.insert(match f {
            NameFamily::Department => FormKind::Department,
            _ => FormKind::Project,
        });
    }
    if kinds.len() > 1 {
        let finding = FormKindUnclear::ProjectAndDepartment { sheet: title };
        diags.push(finding.at_location(Location::Nowhere));
        return Err(std::mem::take(diags));
    }
    let Some(mut kind) = kinds.into_iter().next() else {
        if !diags.is_empty() {
            return Err(std::mem::take(diags));
        }
        // Only common names (or none): a form sheet only when it has placeholders at all.
        return if parsed.is_empty() {
            Ok(None)
        } else {
            let finding = FormKindUnclear::NoKind { sheet: title };
            Err(vec![finding.at_location(Location::Nowhere)])
        };
    };

    if kind == FormKind::Project {
        if families.contains(&NameFamily::Monitoring) {
            kind = FormKind::Monitoring;
        } else if families.contains(&NameFamily::SelfEvaluation)
            || families.contains(&NameFamily::Assessed)
        {
            kind = FormKind::SelfEvaluation;
        }
    }
    Ok(Some(kind))
}

/// The repeat rows of a sheet (`{{#each list}}` in a row's first cell): row → list. Unknown
/// lists, rows that repeat two lists and too many repeat rows are added to `diags`.
fn repeat_rows(
    title: &str,
    kind: FormKind,
    parsed: &Cells,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<u32, &'static str> {
    let mut repeats: BTreeMap<u32, &'static str> = BTreeMap::new();
    for (&(row, col), t) in parsed {
        let Some(list) = &t.each else { continue };
        let at = cell_ref(col, row);
        let Some(spec) = context::lists(kind).find(|l| l.name == list) else {
            let known: Vec<&str> = context::lists(kind).map(|l| l.name).collect();
            let finding = UnknownList { list, known };
            diags.push(at_cell(&finding, title, &at));
            continue;
        };
        if let Some(other) = repeats.get(&row) {
            if *other != spec.name {
                let finding = BadRepeatRow::TwoLists {
                    row,
                    first: other,
                    second: spec.name,
                };
                diags.push(at_cell(&finding, title, &at));
            }
            continue;
        }
        repeats.insert(row, spec.name);
    }
    if repeats.len() > limits.max_repeat_rows {
        let finding = WorkbookTooBig::RepeatRows {
            sheet: title,
            max: limits.max_repeat_rows,
        };
        diags.push(finding.at_location(Location::Nowhere));
    }
    repeats
}

/// Every placeholder of a sheet names something its form has, and list items stand in their
/// list's repeat row; what does not is added to `diags`.
fn check_names(
    title: &str,
    kind: FormKind,
    parsed: &Cells,
    repeats: &BTreeMap<u32, &'static str>,
    diags: &mut Vec<Diagnostic>,
) {
    for (&(row, col), t) in parsed {
        let at = cell_ref(col, row);
        let repeat = repeats
            .get(&row)
            .and_then(|name| context::lists(kind).find(|l| l.name == *name));
        for tok in &t.tokens {
            let Token::Placeholder { name, merge } = tok else {
                continue;
            };
            if context::scalar_names(kind).any(|n| n == name) {
                if *merge && repeat.is_none() {
                    diags.push(merge_outside(title, &at, name));
                }
                continue;
            }
            if let Some((var, field)) = name.split_once('.') {
                if let Some(spec) =
                    context::lists(kind).find(|l| l.var == var && l.fields.contains(&field))
                {
                    if repeat.is_some_and(|r| r.name == spec.name) {
                        continue;
                    }
                    let finding = ItemOutsideRepeat {
                        name,
                        list: spec.name,
                    };
                    diags.push(at_cell(&finding, title, &at));
                    continue;
                }
            }
            let finding = UnknownPlaceholder {
                name,
                known: known_names(kind),
            };
            diags.push(at_cell(&finding, title, &at));
        }
    }
}

fn merge_outside(title: &str, at: &str, name: &str) -> Diagnostic {
    at_cell(&BadFilter::MergeOutsideRepeat { name }, title, at)
}

fn known_names(kind: FormKind) -> String {
    let mut names: Vec<String> = context::scalar_names(kind).map(str::to_string).collect();
    for l in context::lists(kind) {
        names.push(format!(
            "#each {} ({}.{})",
            l.name,
            l.var,
            l.fields.join("|")
        ));
    }
    names.join(", ")
}

fn parse_error_diag(title: &str, at: &str, text: &str, e: ParseError) -> Diagnostic {
    match e {
        ParseError::Unclosed => at_cell(&MalformedPlaceholder::Unclosed { text }, title, at),
        ParseError::Empty => at_cell(&MalformedPlaceholder::Empty { text }, title, at),
        ParseError::ClosingEach => at_cell(&BadRepeatRow::ClosingEach { text }, title, at),
        ParseError::UnknownFilter(f) => {
            at_cell(&BadFilter::Unknown { filter: &f, text }, title, at)
        }
    }
}

/// Where a template row goes in the output: its first output row and how many rows.
struct RowMap {
    starts: BTreeMap<u32, (u32, u32)>,
    last_template_row: u32,
    extra: u32,
}

impl RowMap {
    /// The output rows of a plan's template rows: a repeat row once per item of its list (at
    /// least once, blank, so the table keeps its shape), any other row once.
    fn new(plan: &SheetPlan, ctx: &Context) -> RowMap {
        let mut starts = BTreeMap::new();
        let mut extra = 0u32;
        for row in 1..=plan.last_row {
            let n = match plan.repeats.get(&row) {
                Some(list) => ctx.lists.get(list).map_or(0, Vec::len).max(1) as u32,
                None => 1,
            };
            starts.insert(row, (row + extra, n));
            extra += n - 1;
        }
        RowMap {
            starts,
            last_template_row: plan.last_row,
            extra,
        }
    }

    /// How many output rows a template row becomes.
    fn count(&self, row: u32) -> u32 {
        self.starts.get(&row).map_or(1, |&(_, n)| n)
    }

    fn start(&self, row: u32) -> u32 {
        match self.starts.get(&row) {
            Some(&(s, _)) => s,
            None if row > self.last_template_row => row + self.extra,
            None => row,
        }
    }

    fn end(&self, row: u32) -> u32 {
        match self.starts.get(&row) {
            Some(&(s, n)) => s + n - 1,
            None => self.start(row),
        }
    }
}

fn decimal_number(d: Decimal) -> Option<f64> {
    // Stored only when the cell's number reads back as exactly this decimal.
    let text = d.to_string();
    let f: f64 = text.parse().ok()?;
    (f.is_finite() && f.to_string() == text).then_some(f)
}

fn money_format(d: Decimal) -> String {
    let places = d.scale().max(2) as usize;
    format!("0.{}", "0".repeat(places))
}

/// Writes a filled value into a cell.
fn write_cell(cell: &mut Cell, t: &CellTemplate, lookup: &dyn Fn(&str) -> Val) {
    if let Some(name) = t.sole() {
        match lookup(name) {
            Val::Money(q) => match money_cell(&q) {
                MoneyCell::Number(d) => {
                    if let Some(f) = decimal_number(d) {
                        cell.set_value_number(f);
                        let general = cell.style().number_format().is_none_or(|f| {
                            f.number_format_id() == 0 && f.format_code() == "General"
                        });
                        if general {
                            cell.style_mut()
                                .number_format_mut()
                                .set_format_code(money_format(d));
                        }
                    } else {
                        cell.set_value_string(d.to_string());
                    }
                    return;
                }
                MoneyCell::Text(s) => {
                    cell.set_value_string(s);
                    return;
                }
            },
            Val::Number(d) => {
                match decimal_number(d) {
                    Some(f) => cell.set_value_number(f),
                    None => cell.set_value_string(d.to_string()),
                };
                return;
            }
            Val::Blank => {
                cell.set_blank();
                return;
            }
            Val::Text(_) => {}
        }
    }
    let mut out = String::new();
    for tok in &t.tokens {
        match tok {
            Token::Literal(s) => out.push_str(s),
            Token::Placeholder { name, .. } => out.push_str(&lookup(name).text()),
        }
    }
    if out.is_empty() {
        cell.set_blank();
    } else {
        cell.set_value_string(out);
    }
}

fn item_lookup<'a>(
    ctx: &'a Context,
    var: &'a str,
    item: Option<&'a Item>,
) -> impl Fn(&str) -> Val + 'a {
    move |name: &str| {
        if let Some(v) = ctx.scalars.get(name) {
            return v.clone();
        }
        if let (Some((v, field)), Some(item)) = (name.split_once('.'), item) {
            if v == var {
                return item.get(field).cloned().unwrap_or(Val::Blank);
            }
        }
        Val::Blank
    }
}

/// Fills a copy of a template sheet with one form. `ws` is the copy: its cells, merges and
/// row heights are replaced by the rendered ones; page setup, columns and views stay.
pub fn fill(ws: &mut Worksheet, plan: &SheetPlan, ctx: &Context, new_title: &str) {
    let template = TemplateSheet::take(ws);
    let map = RowMap::new(plan, ctx);
    ws.set_name(new_title);
    copy_row_heights(ws, &template, &map);
    // In-row merges of repeat rows, by their first cell.
    let in_row: BTreeMap<(u32, u32), Rect> = template
        .merges
        .iter()
        .filter(|m| m.1 == m.3 && plan.repeats.contains_key(&m.1))
        .map(|m| ((m.1, m.0), *m))
        .collect();
    let filled = fill_cells(ws, &template, &in_row, plan, ctx, &map);
    let mut merges = filled.merges;
    carry_merges(&template.merges, plan, &map, &filled.spanning, &mut merges);
    merge_equal_cells(ws, plan, &map, &in_row, &filled.values, &mut merges);
    merges.sort_unstable();
    merges.dedup();
    merges.retain(|m| m.0 != m.2 || m.1 != m.3);
    for m in &merges {
        ws.add_merge_cells(rect_ref(*m));
    }

    // Rows without a height of their own grow to show their wrapped text.
    // (A height equal to the sheet's default row height is not a choice of its own.)
    let default_height = ws.sheet_format_properties().default_row_height();
    let fixed: BTreeSet<u32> = template
        .rows
        .iter()
        .filter(|(_, &(height, custom, _))| custom && height != default_height)
        .flat_map(|(&row, _)| (0..map.count(row)).map(move |k| (row, k)))
        .map(|(row, k)| map.start(row) + k)
        .collect();
    fit_row_heights(ws, &merges, &fixed);
    move_defined_names(ws, &template.title, new_title, &map);
}

/// What a template sheet held before it is filled: its cells, merges, row formats (height,
/// custom height, hidden) and title.
struct TemplateSheet {
    cells: Vec<Cell>,
    merges: Vec<Rect>,
    rows: BTreeMap<u32, (f64, bool, bool)>,
    title: String,
}

impl TemplateSheet {
    /// Takes the template's contents out of the sheet (a copy of the template), leaving it
    /// empty to be filled.
    fn take(ws: &mut Worksheet) -> TemplateSheet {
        let template = TemplateSheet {
            cells: ws.cells().into_iter().cloned().collect(),
            merges: ws
                .merge_cells()
                .iter()
                .filter_map(|m| parse_rect(&m.range()))
                .collect(),
            rows: ws
                .row_dimensions()
                .iter()
                .map(|r| (r.row_num(), (r.height(), r.custom_height(), r.hidden())))
                .collect(),
            title: ws.name().to_string(),
        };
        for c in &template.cells {
            ws.remove_cell((c.coordinate().col_num(), c.coordinate().row_num()));
        }
        ws.merge_cells_mut().clear();
        ws.row_dimensions_to_hashmap_mut().clear();
        template
    }
}

/// Each template row's format on every output row it becomes.
fn copy_row_heights(ws: &mut Worksheet, template: &TemplateSheet, map: &RowMap) {
    for (&row, &(height, custom, hidden)) in &template.rows {
        for k in 0..map.count(row) {
            let r = ws.row_dimension_mut(map.start(row) + k);
            if height > 0.0 {
                r.set_height(height);
            }
            r.set_custom_height(custom);
            r.set_hidden(hidden);
        }
    }
}

/// The cells written by [`fill_cells`]: the merges that labels of repeat rows need, those
/// labels' template cells (row, column), and the filled text of each repeated cell by output
/// (row, column).
struct FilledCells {
    merges: Vec<Rect>,
    spanning: BTreeSet<(u32, u32)>,
    values: BTreeMap<(u32, u32), String>,
}

/// Writes every template cell to its output rows: placeholders filled, a repeat row once per
/// item of its list.
fn fill_cells(
    ws: &mut Worksheet,
    template: &TemplateSheet,
    in_row: &BTreeMap<(u32, u32), Rect>,
    plan: &SheetPlan,
    ctx: &Context,
    map: &RowMap,
) -> FilledCells {
    let mut merges: Vec<Rect> = Vec::new();
    let mut spanning: BTreeSet<(u32, u32)> = BTreeSet::new();
    let mut filled: BTreeMap<(u32, u32), String> = BTreeMap::new();
    for cell in &template.cells {
        let col = cell.coordinate().col_num();
        let row = cell.coordinate().row_num();
        let t = plan.cells.get(&(row, col));
        match plan.repeats.get(&row) {
            None => {
                let mut c = cell.clone();
                let out_row = map.start(row);
                c.set_coordinate((col, out_row));
                if let Some(t) = t {
                    write_cell(&mut c, t, &item_lookup(ctx, "", None));
                }
                ws.set_cell(c);
            }
            Some(list) => {
                let n = map.count(row);
                let start = map.start(row);
                let spec = context::lists(ctx.kind).find(|l| l.name == *list);
                let var = spec.map_or("", |s| s.var);
                let items = ctx.lists.get(list);
                let constant = t.is_none_or(|t| !t.has_placeholders()) && !cell.value().is_empty();
                if constant {
                    // A label in a repeat row spans the repeated rows.
                    let width = in_row.get(&(row, col)).map_or(col, |m| m.2);
                    if n > 1 || width > col {
                        merges.push((col, start, width, start + n - 1));
                    }
                    spanning.insert((row, col));
                }
                for k in 0..n {
                    let mut c = cell.clone();
                    c.set_coordinate((col, start + k));
                    if constant {
                        if k > 0 {
                            c.set_blank();
                        }
                    } else if let Some(t) = t {
                        let item = items.and_then(|v| v.get(k as usize));
                        write_cell(&mut c, t, &item_lookup(ctx, var, item));
                        filled.insert((start + k, col), c.value().to_string());
                    }
                    ws.set_cell(c);
                }
            }
        }
    }
    FilledCells {
        merges,
        spanning,
        values: filled,
    }
}

/// The template's merges on the output rows: an in-row merge of a repeat row once per item
/// (but for labels, which span the rows already), any other stretched over the rows it covers.
fn carry_merges(
    template: &[Rect],
    plan: &SheetPlan,
    map: &RowMap,
    spanning: &BTreeSet<(u32, u32)>,
    merges: &mut Vec<Rect>,
) {
    for m in template {
        if m.1 == m.3 && plan.repeats.contains_key(&m.1) {
            if spanning.contains(&(m.1, m.0)) {
                continue;
            }
            let n = map.count(m.1);
            let start = map.start(m.1);
            for k in 0..n {
                merges.push((m.0, start + k, m.2, start + k));
            }
        } else {
            merges.push((m.0, map.start(m.1), m.2, map.end(m.3)));
        }
    }
}

/// Vertical merges of equal `|merge` cells in repeat rows, nested left to right: a column
/// merges the rows where it and every `|merge` column left of it are equal.
fn merge_equal_cells(
    ws: &mut Worksheet,
    plan: &SheetPlan,
    map: &RowMap,
    in_row: &BTreeMap<(u32, u32), Rect>,
    filled: &BTreeMap<(u32, u32), String>,
    merges: &mut Vec<Rect>,
) {
    // The cells whose single-row merges a vertical merge replaces, removed in one pass at the
    // end (a pass per run was runs × merges: quadratic in a long table).
    let mut replaced: std::collections::HashSet<(u32, u32)> = Default::default();
    for &row in plan.repeats.keys() {
        let n = map.count(row);
        let start = map.start(row);
        let mut merge_cols: Vec<u32> = plan
            .cells
            .iter()
            .filter(|(&(r, _), t)| r == row && t.merge())
            .map(|(&(_, c), _)| c)
            .collect();
        merge_cols.sort_unstable();
        let mut keys: Vec<Vec<String>> = vec![Vec::new(); n as usize];
        for col in merge_cols {
            let width = in_row.get(&(row, col)).map_or(col, |m| m.2);
            for (k, key) in keys.iter_mut().enumerate() {
                key.push(
                    filled
                        .get(&(start + k as u32, col))
                        .cloned()
                        .unwrap_or_default(),
                );
            }
            let mut k0 = 0usize;
            while k0 < n as usize {
                let mut k1 = k0;
                while k1 + 1 < n as usize && keys[k1 + 1] == keys[k0] {
                    k1 += 1;
                }
                let value_present = keys[k0].last().is_some_and(|v| !v.is_empty());
                if k1 > k0 && value_present {
                    let (r0, r1) = (start + k0 as u32, start + k1 as u32);
                    replaced.extend((r0..=r1).map(|r| (col, r)));
                    merges.push((col, r0, width, r1));
                    for r in r0 + 1..=r1 {
                        ws.cell_mut((col, r)).set_blank();
                    }
                }
                k0 = k1 + 1;
            }
        }
    }
    // The merges pushed above span rows, so none of them is removed.
    if !replaced.is_empty() {
        merges.retain(|m| !(m.1 == m.3 && replaced.contains(&(m.0, m.1))));
    }
}

/// The sheet's defined names (print titles, print area) under its new title, with the rows
/// they name moved where the rows went.
fn move_defined_names(ws: &mut Worksheet, old_title: &str, new_title: &str, map: &RowMap) {
    let quoted = format!("'{new_title}'");
    let names: Vec<umya_spreadsheet::DefinedName> = ws
        .defined_names()
        .iter()
        .map(|dn| {
            let moved = dn
                .address()
                .split(',')
                .map(|part| move_address(part, old_title, &quoted, map))
                .collect::<Vec<_>>()
                .join(",");
            // set_address appends, so the moved name is built anew.
            let mut new = umya_spreadsheet::DefinedName::default();
            new.set_name(dn.name());
            new.set_address(moved);
            new.set_hidden(dn.hidden());
            new
        })
        .collect();
    ws.set_defined_names(names);
}

/// Display width of text in column units at 11 pt: a wide (CJK) character counts 2.
pub fn display_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1.0 } else { 2.0 })
        .sum()
}

/// Sets the height of rows whose wrapped text needs more than one line, estimated from the
/// column widths (merged cells: the merge's width) and the font size. Excel and LibreOffice
/// do not grow rows for merged cells themselves.
fn fit_row_heights(ws: &mut Worksheet, merges: &[Rect], fixed: &BTreeSet<u32>) {
    let default_height = {
        let h = ws.sheet_format_properties().default_row_height();
        if h > 0.0 {
            h
        } else {
            15.0
        }
    };
    let col_width = |ws: &Worksheet, col: u32| -> f64 {
        ws.column_dimension_by_number(col)
            .map_or(8.43, |c| c.width())
            .max(1.0)
    };
    // The merges by their first cell (the first merge listed, when two share one): a lookup
    // per wrapped cell, not a scan of every merge (cells × merges was half of a 50 000-line
    // workbook's time).
    let mut merge_at: HashMap<(u32, u32), Rect> = HashMap::with_capacity(merges.len());
    for m in merges {
        merge_at.entry((m.0, m.1)).or_insert(*m);
    }
    let mut needed: BTreeMap<u32, f64> = BTreeMap::new();
    for cell in ws.cells() {
        let wrap = cell.style().alignment().is_some_and(|a| a.wrap_text());
        let text = cell.value();
        if !wrap || text.is_empty() {
            continue;
        }
        let (col, row) = (cell.coordinate().col_num(), cell.coordinate().row_num());
        if fixed.contains(&row) {
            continue;
        }
        let merge = merge_at.get(&(col, row));
        if merge.is_some_and(|m| m.3 > m.1) {
            continue; // spans rows: its height is theirs together
        }
        let last_col = merge.map_or(col, |m| m.2);
        let width: f64 = (col..=last_col).map(|c| col_width(ws, c)).sum::<f64>() - 1.0;
        let size = cell.style().font().map_or(11.0, |f| f.size()).max(1.0);
        let lines: f64 = text
            .split('\n')
            .map(|para| {
                (display_width(para) * size / 11.0 / width.max(1.0))
                    .ceil()
                    .max(1.0)
            })
            .sum();
        // 409 pt is the tallest row Excel allows.
        let height = (lines * size * 1.4 + 3.0).min(409.0);
        let e = needed.entry(row).or_insert(0.0);
        *e = e.max(height);
    }
    for (row, height) in needed {
        let current = ws.row_dimension(row).map_or(0.0, |r| r.height());
        let base = if current > 0.0 {
            current
        } else {
            default_height
        };
        if height > base {
            let r = ws.row_dimension_mut(row);
            r.set_height((height * 4.0).round() / 4.0);
            r.set_custom_height(true);
        }
    }
}

/// Rewrites one `Sheet!$A$1:$E$20` or `Sheet!$1:$3` reference for the filled sheet.
fn move_address(part: &str, old_title: &str, quoted: &str, map: &RowMap) -> String {
    let (_, range) = match part.rsplit_once('!') {
        Some((s, r)) => (s, r),
        None => (old_title, part),
    };
    let moved = range
        .split(':')
        .enumerate()
        .map(|(i, end)| {
            let digits_at = end
                .rfind(|c: char| !c.is_ascii_digit())
                .map_or(0, |p| p + 1);
            let (head, digits) = end.split_at(digits_at);
            match digits.parse::<u32>() {
                Ok(row) => {
                    let new = if i == 0 { map.start(row) } else { map.end(row) };
                    format!("{head}{new}")
                }
                Err(_) => end.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(":");
    format!("{quoted}!{moved}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_parse() {
        let t = parse_cell("{{#each indicators}}{{indicator.level1|merge}}").unwrap();
        assert_eq!(t.each.as_deref(), Some("indicators"));
        assert!(t.merge());
        assert_eq!(t.sole(), Some("indicator.level1"));
        let t = parse_cell("（{{year}}年度）").unwrap();
        assert_eq!(t.sole(), None);
        assert_eq!(parse_cell("{{year"), Err(ParseError::Unclosed));
        assert_eq!(parse_cell("{{/each}}"), Err(ParseError::ClosingEach));
        assert_eq!(
            parse_cell("{{a|upper}}"),
            Err(ParseError::UnknownFilter("upper".into()))
        );
        assert_eq!(parse_cell("{{ }}"), Err(ParseError::Empty));
    }

    #[test]
    fn references() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(28), "AB");
        assert_eq!(parse_ref("$AB$12"), Some((28, 12)));
        assert_eq!(parse_rect("B3:A1"), Some((1, 1, 2, 3)));
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(parse_ref("ABCD1"), None);
    }

    #[test]
    fn numbers_are_written_only_when_exact() {
        assert_eq!(decimal_number("1238.68".parse().unwrap()), Some(1238.68));
        assert_eq!(decimal_number("0.1".parse().unwrap()), Some(0.1));
        assert_eq!(decimal_number("12345678901234567.1".parse().unwrap()), None);
        assert_eq!(money_format("0.4".parse().unwrap()), "0.00");
        assert_eq!(money_format("0.125".parse().unwrap()), "0.000");
    }
}
