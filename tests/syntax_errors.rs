//! Every malformed input under tests/fixtures/syntax/ gets an insta snapshot of its rendered
//! diagnostics, in English and in Chinese.

use crate::common;

use kpi::diag::{self, Lang, Severity};
use kpi::filing::load_sources;
use kpi::source::SourceFile;

fn render(path: &std::path::Path, lang: Lang) -> (String, Vec<kpi::diag::Diagnostic>) {
    let text = std::fs::read_to_string(path).unwrap();
    let loaded = load_sources(vec![SourceFile::new(common::rel(path), text)]);
    (
        diag::render(&loaded.diagnostics, &loaded.sources, lang),
        loaded.diagnostics,
    )
}

#[test]
fn every_syntax_fixture_has_its_diagnostics_snapshot() {
    let files = common::kpi_files("tests/fixtures/syntax");
    assert!(files.len() >= 25, "at least 25 malformed inputs");
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let (en, diags) = render(&path, Lang::En);
        let (zh, _) = render(&path, Lang::Zh);
        // Every fixture is malformed: it must produce at least one diagnostic, each with a
        // code, a message and a help in both languages.
        assert!(!diags.is_empty(), "{name}: no diagnostic");
        for d in &diags {
            assert!(d.code.starts_with('K'), "{name}: {d:?}");
            for t in [&d.message, &d.help] {
                assert!(!t.en.is_empty() && !t.zh.is_empty(), "{name}: {d:?}");
            }
        }
        insta::assert_snapshot!(format!("{name}.en"), en);
        insta::assert_snapshot!(format!("{name}.zh"), zh);
    }
}

fn codes(src: &str) -> Vec<&'static str> {
    load_sources(vec![SourceFile::new("t.kpi", src)])
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn missing_semicolon_points_after_the_statement() {
    let src = "project \"p\" {\n  budget 10万元\n  goal \"x\";\n}\n";
    let loaded = load_sources(vec![SourceFile::new("t.kpi", src)]);
    let d = &loaded.diagnostics[0];
    assert_eq!(d.code, "K0108");
    // Just after `10万元` on line 2 (col in chars: 2 spaces + "budget " + "10万元" = 13 chars → col 14).
    assert_eq!(
        loaded
            .sources
            .get(kpi::source::FileId(0))
            .line_col(d.span.start),
        (2, 14)
    );
}

#[test]
fn errors_are_reported_in_every_item_and_statement() {
    let src = "project \"a\" {\n  budgte 1万元;\n  goal \"x\"\n  unit \"u\";\n}\nproject \"b\" { output quantity \"n\" 3 公斤元; }\ndepartment \"c\" { funds { basic \"x\" 1; } }\n";
    let found = codes(src);
    assert_eq!(found, vec!["K0106", "K0108", "K0201", "K0204"], "{found:?}");
}

#[test]
fn the_rest_of_a_form_is_still_read_after_an_error() {
    let src =
        "project \"a\" {\n  budgte 1万元;\n  goal \"x\";\n  output quantity \"n\" >= 3个;\n}\n";
    let loaded = load_sources(vec![SourceFile::new("t.kpi", src)]);
    let p = &loaded.filing.projects[0];
    assert_eq!(p.goals.len(), 1);
    assert_eq!(p.indicators.len(), 1);
}

#[test]
fn full_width_punctuation_is_accepted_with_a_warning() {
    let src = "项目 \"科技专项\" ｛ 年度资金总额 5万元； ｝";
    let loaded = load_sources(vec![SourceFile::new("t.kpi", src)]);
    assert_eq!(loaded.filing.projects.len(), 1);
    assert!(loaded
        .diagnostics
        .iter()
        .all(|d| d.code == "K0104" && d.severity == Severity::Warning));
    assert_eq!(loaded.diagnostics.len(), 3);
}
