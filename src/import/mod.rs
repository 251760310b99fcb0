//! xlsx → .kpi (`kpi import`).

use crate::diag::Diagnostic;

/// Reads a workbook and writes its forms as .kpi text.
pub fn xlsx_to_kpi(_bytes: &[u8], _name: &str) -> Result<String, Vec<Diagnostic>> {
    Ok(String::new())
}
