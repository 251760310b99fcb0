//! docs/language.md documents every keyword spelling the grammar accepts.

mod common;

#[test]
fn every_keyword_spelling_is_documented() {
    let grammar = std::fs::read_to_string(common::root().join("grammar/kpi.pest")).unwrap();
    let docs = std::fs::read_to_string(common::root().join("docs/language.md")).unwrap();
    let mut missing = Vec::new();
    for line in grammar
        .lines()
        .filter(|l| l.trim_start().starts_with("kw_"))
    {
        if line.trim_start().starts_with("kw_end") {
            continue;
        }
        // The quoted spellings on the line: `kw_x = @{ ("x" | "甲") ~ kw_end }`.
        for spelling in line.split('"').skip(1).step_by(2) {
            if !docs.contains(&format!("`{spelling}`")) && !docs.contains(&format!("`{spelling} "))
            {
                missing.push(spelling.to_string());
            }
        }
    }
    assert!(missing.is_empty(), "not in docs/language.md: {missing:?}");
}
