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

use crate::diag::{Diagnostic, Text};
use crate::emit::xlsx::{guarded, open_checked, xlsx_diag, Limits};
pub use sheet::Grid;

/// Reads a workbook and writes its forms as .kpi text. `name` is shown in the header comment.
pub fn xlsx_to_kpi(bytes: &[u8], name: &str) -> Result<String, Vec<Diagnostic>> {
    let limits = Limits::for_import(bytes.len());
    open_checked(bytes, &limits)?;
    let grids = guarded(|| read_grids(bytes, &limits))
        .unwrap_or_else(|| Err(unreadable("the reader failed".into())))?;
    let mut out = String::new();
    let _ = writeln!(out, "// Imported from {name} by kpi import.");
    let mut forms = 0;
    let mut skipped = Vec::new();
    for grid in &grids {
        match sheet::form_of(grid) {
            Some(text) => {
                out.push('\n');
                out.push_str(&text);
                forms += 1;
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
        return Err(vec![xlsx_diag(
            &rules::NO_FORM_FOUND,
            Text::new(
                format!("no form found in the workbook (sheets: {names}): no sheet has a 项目名称 label (project form) or a 部门（单位）名称 / 部门名称 label (department form)"),
                format!("工作簿中没有找到绩效目标表（工作表：{names}）：没有工作表含“项目名称”（项目表）或“部门（单位）名称”/“部门名称”（部门表）标签"),
            ),
            Text::new(
                "kpi import reads the layouts kpi writes and official layouts whose fields and columns are labelled (项目名称, 一级指标, 二级指标, 三级指标, 指标值 …)",
                "kpi import 可读取 kpi 生成的版式，以及字段和列都有标签（项目名称、一级指标、二级指标、三级指标、指标值……）的官方版式",
            ),
        )]);
    }
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "\n// Skipped sheets with no form labels: {}",
            skipped.join(", ")
        );
    }
    // In kpi fmt's canonical layout (the formatter keeps the text as is if it cannot).
    Ok(crate::fmt::format_text(&out, &crate::fmt::Options::default()).unwrap_or(out))
}

fn unreadable(e: String) -> Vec<Diagnostic> {
    vec![xlsx_diag(
        &crate::emit::xlsx::rules::NOT_A_WORKBOOK,
        Text::new(
            format!("the workbook could not be read: {e}"),
            format!("无法读取该工作簿：{e}"),
        ),
        Text::new(
            "give an .xlsx workbook saved by Excel, WPS or LibreOffice",
            "请提供由 Excel、WPS 或 LibreOffice 保存的 .xlsx 工作簿",
        ),
    )]
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
    vec![xlsx_diag(
        &crate::emit::xlsx::rules::WORKBOOK_TOO_BIG,
        Text::new(
            format!("sheet {name} is too big to be a form ({what})"),
            format!("工作表 {name} 过大，不像绩效目标表（{what}）"),
        ),
        Text::new(
            format!("a form sheet may have at most {MAX_CELLS} cells, {MAX_ROW} rows, {MAX_COL} columns and {MAX_MERGES} merged regions"),
            format!("表格工作表上限：{MAX_CELLS} 个单元格、{MAX_ROW} 行、{MAX_COL} 列、{MAX_MERGES} 个合并区域"),
        ),
    )]
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
                let text = cell_text(&Data::from(cell.get_value().clone()))
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
