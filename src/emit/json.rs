//! JSON output (`kpi build --to json`): the versioned shape documented in `docs/json.md`, with
//! its JSON Schema generated from the same Rust types (`docs/kpi.schema.json`).
//!
//! Decimals are strings, never floats; keys come in declaration order; the bytes are the same
//! for the same input.

use crate::model::{Filing, FilingJson, JSON_VERSION};

/// The filing as pretty-printed JSON, ending with a newline.
pub fn to_json(filing: &Filing) -> String {
    let doc = FilingJson {
        kpi_json_version: JSON_VERSION,
        filing,
    };
    // Serialising plain data structs with string keys cannot fail.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// The JSON Schema of `kpi build --to json`, generated from the model's types.
pub fn schema() -> String {
    let schema = schemars::schema_for!(FilingJson<'static>);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}
