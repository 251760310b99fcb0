//! Any bytes as an xlsx workbook for `kpi import`: diagnostics, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = kpi::import::xlsx_to_kpi(data, "fuzz.xlsx") {
        // What import writes is .kpi text kpi reads without losing anything it wrote.
        let loaded = kpi::filing::load_sources(vec![kpi::source::SourceFile::new(
            "imported.kpi",
            text.as_str(),
        )]);
        let _ = kpi::emit::json::to_json(&loaded.filing);
    }
});
