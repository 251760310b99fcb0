//! docs/language.md documents every keyword spelling the grammar accepts.

use crate::common;

#[test]
fn every_keyword_spelling_is_documented() {
    let docs = std::fs::read_to_string(common::root().join("docs/language.md")).unwrap();
    let missing: Vec<String> = common::grammar_keywords()
        .into_iter()
        .filter(|s| !docs.contains(&format!("`{s}`")) && !docs.contains(&format!("`{s} ")))
        .collect();
    assert!(missing.is_empty(), "not in docs/language.md: {missing:?}");
}
