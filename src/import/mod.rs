//! xlsx → .kpi (`kpi import`): reads the built-in layouts and official layouts that label their
//! fields (项目名称, 实施单位, 年度资金总额 …) and columns (一级指标 / 二级指标 / 三级指标 /
//! 指标值), and writes .kpi text.
//!
//! Cells are read as text (calamine); numbers are turned into decimals through their shortest
//! text, never through arithmetic. Values are written back in the .kpi syntax only when the
//! real parser reads them as the same kind of value; anything else becomes a string, so
//! nothing a cell says is lost.

pub mod rules;
mod sheet;

use std::fmt::Write as _;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use std::cmp::Reverse;

use crate::diag::{Diagnostic, Finding, Location, Text};
use crate::emit::xlsx::rules::{NotAWorkbook, WorkbookTooBig};
use crate::emit::xlsx::{guarded, open_checked, Limits};
pub use sheet::Grid;

/// Reads a workbook and writes its forms as .kpi text. `name` is shown in the header comment.
/// Rows the reader could not place are comments in the text; [`import`] also reports them.
pub fn xlsx_to_kpi(bytes: &[u8], name: &str) -> Result<String, Vec<Diagnostic>> {
    import(bytes, name, &crate::fmt::Options::default()).map(|i| i.text)
}

/// A workbook imported: its .kpi text and the errors about rows it could not place (K1202,
/// at their cells).
pub struct Imported {
    pub text: String,
    pub problems: Vec<Diagnostic>,
}

/// Reads a workbook and writes its forms as .kpi text in the layout `options` give (`kpi
/// import --keywords zh` writes Chinese keywords), with the rows it could not place.
pub fn import(
    bytes: &[u8],
    name: &str,
    options: &crate::fmt::Options,
) -> Result<Imported, Vec<Diagnostic>> {
    let read = read_workbook(bytes, name)?;
    // In kpi fmt's layout (the formatter keeps the text as is if it cannot).
    let text = crate::fmt::format_text(&read.text, options).unwrap_or(read.text);
    Ok(Imported {
        text,
        problems: read.problems,
    })
}

/// A workbook read into .kpi text in memory, for `kpi check`: the text as the readers wrote it
/// (not formatted, so that its spans are those of [`CellMap`]), where each span came from,
/// and the rows that could not be placed.
pub struct InMemory {
    pub text: String,
    pub cells: CellMap,
    pub problems: Vec<Diagnostic>,
}

/// Reads a workbook's forms into .kpi text, recording the cell each piece of text came from.
pub fn read_workbook(bytes: &[u8], name: &str) -> Result<InMemory, Vec<Diagnostic>> {
    let limits = Limits::for_import(bytes.len());
    open_checked(bytes, &limits)?;
    let grids = guarded(|| read_grids(bytes, &limits))
        .unwrap_or_else(|| Err(unreadable("the reader failed".into())))?;
    let mut out = String::new();
    let _ = writeln!(out, "// Imported from {name} by kpi import.");
    let mut forms = 0;
    let mut skipped = Vec::new();
    let mut cells = CellMap {
        workbook: name.to_string(),
        origins: Vec::new(),
        sheets: Vec::new(),
    };
    let mut problems = Vec::new();
    for grid in &grids {
        match sheet::form_of(grid) {
            Some(marked) => {
                out.push('\n');
                let start = out.len();
                unmark(&marked, grid, &mut out, &mut cells.origins);
                cells.sheets.push((start..out.len(), grid.name.clone()));
                forms += 1;
                for (r, c, text) in grid.unplaced.borrow().iter() {
                    problems.push(unplaced_row(name, &grid.name, *r, *c, text));
                }
            }
            None => skipped.push(grid.name.clone()),
        }
    }
    if forms == 0 {
        let names = grids
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let finding = rules::NoFormFound { sheets: names };
        return Err(vec![finding.at_location(Location::Nowhere)]);
    }
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "\n// Skipped sheets with no form labels: {}",
            skipped.join(", ")
        );
    }
    cells
        .origins
        .sort_by_key(|o| (o.span.start, Reverse(o.span.end)));
    Ok(InMemory {
        text: out,
        cells,
        problems,
    })
}

/// A workbook read for `kpi check` ([`crate::filing::WorkbookReader`]): its text and cells,
/// or, for a layout kpi cannot read, no text and the problem placed at the workbook.
pub fn workbook_text(bytes: &[u8], name: &str) -> crate::filing::WorkbookText {
    match read_workbook(bytes, name) {
        Ok(read) => crate::filing::WorkbookText {
            text: read.text,
            problems: read.problems,
            cells: std::sync::Arc::new(read.cells),
        },
        Err(diags) => crate::filing::WorkbookText {
            text: String::new(),
            problems: diags
                .into_iter()
                .map(|mut d| {
                    if matches!(d.elsewhere, Some(Location::Nowhere) | None) {
                        d.elsewhere = Some(Location::Cell {
                            workbook: name.to_string(),
                            sheet: String::new(),
                            cell: String::new(),
                        });
                    }
                    d
                })
                .collect(),
            // Nothing was read: whatever is found in the empty text is the workbook's.
            cells: std::sync::Arc::new(CellMap {
                workbook: name.to_string(),
                origins: Vec::new(),
                sheets: Vec::new(),
            }),
        },
    }
}

impl crate::filing::Relocate for CellMap {
    fn relocate(&self, d: &mut Diagnostic) {
        CellMap::relocate(self, d);
    }
}

/// Where a span of imported text came from: a cell of a sheet.
#[derive(Debug, Clone)]
pub struct Origin {
    pub span: std::ops::Range<usize>,
    pub sheet: String,
    /// 0-based row and column.
    pub row: u32,
    pub col: u32,
    /// The cell's text as the workbook shows it.
    pub text: String,
}

/// The map from the spans of a workbook's imported text back to its cells (单元格定位).
#[derive(Debug, Clone)]
pub struct CellMap {
    pub workbook: String,
    /// Marked spans, by start (outer spans before the spans inside them).
    pub origins: Vec<Origin>,
    /// The span of each sheet's form in the text.
    pub sheets: Vec<(std::ops::Range<usize>, String)>,
}

impl CellMap {
    /// The innermost marked span holding byte `at` (an empty span at a mark's end counts).
    pub fn origin(&self, at: usize) -> Option<&Origin> {
        self.origins
            .iter()
            .filter(|o| o.span.start <= at && (at < o.span.end || o.span.is_empty()))
            .min_by_key(|o| o.span.len())
            .or_else(|| {
                // Just past a mark (a missing `;` after a value): the mark that ends there.
                self.origins
                    .iter()
                    .filter(|o| o.span.end == at)
                    .min_by_key(|o| o.span.len())
            })
    }

    /// Where a finding at byte `at` of the text is in the workbook: the cell its text came
    /// from; text the importer wrote itself (a keyword, a form's closing brace) is placed at
    /// its sheet (no cell), and text outside every form at the workbook.
    pub fn place(&self, at: usize) -> (Location, Option<&Origin>) {
        if let Some(o) = self.origin(at) {
            return (
                Location::Cell {
                    workbook: self.workbook.clone(),
                    sheet: o.sheet.clone(),
                    cell: cell_name(o.row, o.col),
                },
                Some(o),
            );
        }
        let sheet = self
            .sheets
            .iter()
            .find(|(span, _)| span.start <= at && at <= span.end)
            .map(|(_, name)| name.clone())
            .unwrap_or_default();
        (
            Location::Cell {
                workbook: self.workbook.clone(),
                sheet,
                cell: String::new(),
            },
            None,
        )
    }

    /// Moves each finding about this workbook's text to the cell it came from, and shows the
    /// cell's text in its help (the reader never saw the imported `.kpi` text).
    pub fn relocate(&self, d: &mut Diagnostic) {
        let (location, origin) = self.place(d.span.start);
        if let Some(o) = origin {
            // On the help's line: every format shows it, and the human one keeps its layout.
            let cell = cell_name(o.row, o.col);
            d.help
                .en
                .push_str(&format!(" (cell {cell} reads: {})", o.text));
            d.help
                .zh
                .push_str(&format!("（单元格 {cell} 的内容：{}）", o.text));
        }
        d.elsewhere = Some(location);
        d.labels.clear();
    }
}

/// `D12` for 0-based row 11, column 3.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// Appends `marked` to `out` without its marks, recording each mark's span and cell.
fn unmark(marked: &str, grid: &Grid, out: &mut String, origins: &mut Vec<Origin>) {
    let mut open: Vec<(usize, u32, u32)> = Vec::new();
    let mut rest = marked;
    while let Some(i) = rest.find([sheet::MARK_OPEN, sheet::MARK_CLOSE]) {
        out.push_str(&rest[..i]);
        let ch = rest[i..].chars().next().unwrap_or(sheet::MARK_CLOSE);
        rest = &rest[i + ch.len_utf8()..];
        if ch == sheet::MARK_OPEN {
            let (addr, after) = rest.split_once(sheet::MARK_MID).unwrap_or(("", rest));
            let (r, c) = addr.split_once(',').unwrap_or(("0", "0"));
            open.push((out.len(), r.parse().unwrap_or(0), c.parse().unwrap_or(0)));
            rest = after;
        } else if let Some((start, row, col)) = open.pop() {
            origins.push(Origin {
                span: start..out.len(),
                sheet: grid.name.clone(),
                row,
                col,
                text: grid.get(row, col).to_string(),
            });
        }
    }
    out.push_str(rest);
}

/// K1202 at the category cell of a row the reader could not place.
fn unplaced_row(workbook: &str, sheet: &str, row: u32, col: u32, text: &str) -> Diagnostic {
    let finding = rules::UnplacedRow {
        row: row + 1,
        category: text,
    };
    finding.at_location(Location::Cell {
        workbook: workbook.to_string(),
        sheet: sheet.to_string(),
        cell: cell_name(row, col),
    })
}

fn unreadable(e: String) -> Vec<Diagnostic> {
    let why = Text::new(
        format!("the workbook could not be read: {e}"),
        format!("无法读取该工作簿：{e}"),
    );
    vec![NotAWorkbook(why).at_location(Location::Nowhere)]
}

/// A cell's text: numbers through their shortest decimal text.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.is_finite() {
                f.to_string()
            } else {
                String::new()
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

/// Most cells, rows, columns and merged regions a sheet may have to be read as a form. Sized
/// for what kpi writes (issue 14): a department form with 50 000 funds lines has about
/// 400 000 cells and 100 000 merged regions on one sheet; rows stop at Excel's own limit.
/// Memory stays bounded by the unzipped size the workbook limits allow.
const MAX_CELLS: usize = 2_000_000;
const MAX_ROW: u32 = 1_048_576;
const MAX_COL: u32 = 1_000;
const MAX_MERGES: usize = 500_000;
/// Rows covered by merged regions, summed over the regions (within the sheet's rows).
const MAX_MERGE_ROWS: u64 = 10_000_000;

fn too_big(name: &str, what: String) -> Vec<Diagnostic> {
    let finding = WorkbookTooBig::Sheet {
        sheet: name,
        what: &what,
        limits: (MAX_CELLS, MAX_ROW, MAX_COL, MAX_MERGES),
    };
    vec![finding.at_location(Location::Nowhere)]
}

/// Reads every sheet cell by cell (never as a dense range: a hostile sheet with one cell at
/// XFD1048576 would need billions), within the limits above.
fn read_grids(bytes: &[u8], _limits: &Limits) -> Result<Vec<Grid>, Vec<Diagnostic>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let mut cells = std::collections::BTreeMap::new();
        {
            let mut reader = book
                .worksheet_cells_reader(&name)
                .map_err(|e| unreadable(e.to_string()))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(e.to_string()))? {
                let (r, c) = cell.get_position();
                // Without the private-use characters the readers mark their text with.
                let text = cell_text(&Data::from(cell.get_value().clone()))
                    .replace([sheet::MARK_OPEN, sheet::MARK_MID, sheet::MARK_CLOSE], "")
                    .trim()
                    .to_string();
                if text.is_empty() {
                    continue;
                }
                if r >= MAX_ROW || c >= MAX_COL {
                    return Err(too_big(
                        &name,
                        format!("a cell at row {}, column {}", r + 1, c + 1),
                    ));
                }
                cells.insert((r, c), text);
                if cells.len() > MAX_CELLS {
                    return Err(too_big(&name, format!("more than {MAX_CELLS} cells")));
                }
            }
        }
        let merges: Vec<sheet::Region> = book
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| unreadable(e.to_string()))?
            .into_iter()
            .map(|dim| (dim.start, dim.end))
            .collect();
        if merges.len() > MAX_MERGES || sheet::merge_index_size(&cells, &merges) > MAX_MERGE_ROWS {
            return Err(too_big(&name, format!("{} merged regions", merges.len())));
        }
        grids.push(Grid::new(name, cells, merges));
    }
    Ok(grids)
}
