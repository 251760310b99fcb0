//! JSON output (`kpi build --to json`): the versioned shape documented in `docs/json.md`, with
//! its JSON Schema (`docs/kpi.schema.json`) generated from the same types.
//!
//! The JSON is defined by its own output types in [`types`], not by the model: the model is
//! converted into them (`convert.rs`), so the model can change (for the checker, the formatter,
//! an editor) without changing the published JSON. A change to the shape is a change to
//! [`types`]; it shows in `docs/kpi.schema.json` (a test compares it with the generated schema)
//! and in the examples' JSON snapshots, and an incompatible one bumps [`JSON_VERSION`].
//!
//! Decimals are strings, never floats; keys come in declaration order; the bytes are the same
//! for the same input.

mod convert;
pub mod types;

pub use types::{FilingJson, JSON_VERSION};

use crate::model::Filing;

/// The filing as pretty-printed JSON, ending with a newline; self-evaluations scored by the
/// national profile.
pub fn to_json(filing: &Filing) -> String {
    to_json_scored(filing, &crate::score::ScoringProfile::default_profile())
}

/// The filing as pretty-printed JSON, self-evaluations scored by `profile` (kpi.toml
/// `scoring`): each score computed beside the claimed one.
pub fn to_json_scored(filing: &Filing, profile: &crate::score::ScoringProfile) -> String {
    use rayon::prelude::*;
    let mut doc = FilingJson::from(filing);
    doc.projects
        .par_iter_mut()
        .zip(filing.projects.par_iter())
        .for_each(|(json, p)| convert::add_scores(json, p, profile));
    // Serialising plain data structs with string keys cannot fail.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// The JSON Schema of `kpi build --to json`: `docs/kpi.schema.json`, generated from the output
/// types by the unit test `committed_schema_is_the_generated_one`, which fails when the two
/// differ (and rewrites the file with `KPI_WRITE_SCHEMA=1`). Built in rather than generated at
/// run time, so that release builds do without schemars (issue 13).
pub fn schema() -> String {
    // With LF line ends whatever the checkout did to the file (a Windows build's git may
    // have written CRLF), as the generated schema has.
    include_str!("../../../docs/kpi.schema.json").replace("\r\n", "\n")
}

/// The schema as the output types define it.
#[cfg(test)]
fn generated_schema() -> String {
    let schema = schemars::schema_for!(FilingJson);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/kpi.schema.json (what `kpi build --to schema` prints) is the schema of the output
    /// types. After a deliberate change to them: `KPI_WRITE_SCHEMA=1 cargo test --lib schema`.
    #[test]
    fn committed_schema_is_the_generated_one() {
        let generated = generated_schema();
        if std::env::var_os("KPI_WRITE_SCHEMA").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/kpi.schema.json");
            std::fs::write(path, &generated).unwrap();
        }
        assert!(
            schema() == generated,
            "docs/kpi.schema.json is stale: run `KPI_WRITE_SCHEMA=1 cargo test --lib schema`"
        );
    }
    use crate::filing::load_sources;
    use crate::source::SourceFile;

    /// The version is 1. Changing it, or the JSON below, is changing the published format:
    /// see `docs/json.md` (and `docs/kpi.schema.json`, which a test in `tests/examples_json.rs`
    /// compares with the generated schema).
    #[test]
    fn version_1_shape_of_a_small_filing() {
        assert_eq!(JSON_VERSION, 1);
        let loaded = load_sources(vec![SourceFile::new(
            "t.kpi",
            "project \"P\" {\n  period 2023-01..2023-12;\n  budget 2万元 { fiscal 2万元; other; }\n  filed 2023-01-28 by \"A\";\n  output quantity \"n\" >= 2万件 { weight 10.0; }\n  effect social \"q\" \"有所提升\";\n}\n",
        )]);
        let expected = r#"{
  "kpi_json_version": 1,
  "departments": [],
  "projects": [
    {
      "name": "P",
      "origin": {
        "file": "t.kpi",
        "line": 1
      },
      "year": null,
      "department": null,
      "department_code": null,
      "implementing_unit": null,
      "kind": null,
      "period": {
        "type": "range",
        "from": "2023-01",
        "to": "2023-12"
      },
      "budget": {
        "total": {
          "value": "2",
          "unit": "万元",
          "dimension": "money",
          "normalized": {
            "value": "20000.00",
            "unit": "元"
          },
          "text": "2万元"
        },
        "split": {
          "fiscal": {
            "amount": {
              "value": "2",
              "unit": "万元",
              "dimension": "money",
              "normalized": {
                "value": "20000.00",
                "unit": "元"
              },
              "text": "2万元"
            }
          },
          "other": {
            "amount": null
          }
        }
      },
      "filed": {
        "date": "2023-01-28",
        "filer": "A",
        "phone": null
      },
      "goals": [],
      "indicators": [
        {
          "level1": "output",
          "level2": "quantity",
          "name": "n",
          "value": {
            "type": "quantitative",
            "comparator": ">=",
            "explicit": true,
            "quantity": {
              "value": "2",
              "multiplier": "万",
              "unit": "件",
              "dimension": "count",
              "normalized": {
                "value": "20000",
                "unit": "件"
              },
              "text": "2万件"
            }
          },
          "weight": "10.0",
          "line": 5
        },
        {
          "level1": "effect",
          "level2": "social",
          "name": "q",
          "value": {
            "type": "qualitative",
            "text": "有所提升"
          },
          "line": 6
        }
      ]
    }
  ]
}
"#;
        assert_eq!(to_json(&loaded.filing), expected);
    }
}
