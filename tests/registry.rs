//! The rule registry is complete and documented: every code the source emits is registered,
//! every rule has its four-part doc in both languages and its fixtures, and the committed
//! `docs/rules.md` is exactly what `kpi explain --all --markdown` generates.

use std::collections::BTreeSet;
use std::path::Path;

use kpi::diag::Lang;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// True for the codes of a family about xlsx workbooks (K11, K12), whose examples are not
/// `.kpi` text.
fn is_workbook(code: &str) -> bool {
    kpi::check::family_of(code).is_some_and(|f| f.workbook)
}

/// Every `"K` + four digits + `"` literal in src/.
fn emitted_codes() -> BTreeSet<String> {
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    let mut codes = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let b = text.as_bytes();
        for i in 0..b.len().saturating_sub(6) {
            if b[i] == b'"'
                && b[i + 1] == b'K'
                && b[i + 2..i + 6].iter().all(u8::is_ascii_digit)
                && b[i + 6] == b'"'
            {
                codes.insert(text[i + 1..i + 6].to_string());
            }
        }
    }
    codes
}

#[test]
fn every_code_in_the_source_is_registered() {
    let codes = emitted_codes();
    assert!(
        codes.contains("K0301") && codes.contains("K0101"),
        "the scan finds codes: {codes:?}"
    );
    // Every code, the workbook ones (K11 xlsx templates and output, K12 import) included.
    assert!(
        codes.contains("K1101") && codes.contains("K1201"),
        "the scan finds the workbook codes: {codes:?}"
    );
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| kpi::check::rule(c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "codes used in src/ but missing from the registry: {missing:?}"
    );
}

#[test]
fn every_rule_is_documented_in_both_languages() {
    let rules = kpi::check::rules();
    let mut seen = BTreeSet::new();
    for r in &rules {
        assert!(seen.insert(r.code), "duplicate code {}", r.code);
        assert!(
            kpi::check::family_of(r.code).is_some(),
            "{} has no family",
            r.code
        );
        for (part, doc) in [
            ("title", r.title),
            ("what", r.what),
            ("why", r.why),
            ("fix", r.fix),
        ] {
            assert!(!doc.en.trim().is_empty(), "{} {part} (en) is empty", r.code);
            assert!(!doc.zh.trim().is_empty(), "{} {part} (zh) is empty", r.code);
            assert!(
                doc.zh
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{} {part} (zh) is not Chinese",
                r.code
            );
        }
        assert!(!r.example.trim().is_empty(), "{} has no example", r.code);
        let text = kpi::check::explain(r, Lang::Zh);
        for heading in ["检查内容", "为什么重要", "示例", "如何修改"] {
            assert!(text.contains(heading), "{} explain lacks {heading}", r.code);
        }
    }
    // Every family has rules.
    for fam in kpi::check::FAMILIES {
        assert!(
            rules.iter().any(|r| r.code.starts_with(fam.prefix)),
            "family {} is empty",
            fam.prefix
        );
    }
}

#[test]
fn every_rule_has_a_triggering_fixture_and_a_near_miss() {
    let names: Vec<String> = std::fs::read_dir("tests/fixtures/rules")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    // Fixtures are `.kpi` files: the workbook families (K11, K12) have none; their codes are
    // triggered by the workbooks of tests/xlsx.rs.
    for r in kpi::check::rules()
        .into_iter()
        .filter(|r| !is_workbook(r.code))
    {
        let trigger = names
            .iter()
            .any(|n| n.starts_with(r.code) && !n[5..].starts_with("-ok"));
        let near = names
            .iter()
            .any(|n| n.starts_with(&format!("{}-ok", r.code)));
        assert!(trigger, "{} has no fixture that triggers it", r.code);
        assert!(near, "{} has no near-miss fixture ({}-ok…)", r.code, r.code);
    }
}

#[test]
fn docs_rules_md_is_generated_and_current() {
    let committed = std::fs::read_to_string("docs/rules.md").expect("docs/rules.md exists");
    let generated = kpi::check::rules_markdown();
    assert!(
        committed == generated,
        "docs/rules.md is out of date: run `cargo run -q -- explain --all --markdown > docs/rules.md`"
    );
    for r in kpi::check::rules() {
        assert!(
            committed.contains(&format!("### {}", r.code)),
            "{} missing from docs/rules.md",
            r.code
        );
    }
}

#[test]
fn every_rule_example_triggers_its_rule() {
    // The examples of the workbook families (K11, K12) describe a template cell or a
    // workbook, not `.kpi` text, so they cannot be checked: tests/xlsx.rs triggers those codes.
    // K0112 is about a file's encoding: its fixture (tests/fixtures/rules/K0112.kpi) is a
    // GB18030 file, which a `&str` example cannot be. K0707 needs a filing of a thousand
    // goals; its example shows the beginning of one, and its fixture
    // (tests/fixtures/rules/K0707.kpi) is the whole.
    for r in kpi::check::rules()
        .into_iter()
        .filter(|r| !is_workbook(r.code) && r.code != "K0112" && r.code != "K0707")
    {
        // A rule across filings: each block of its example (blank-line separated, headed by
        // its folder in a comment) is a filing of its own, joined as `kpi check a/ b/` does.
        if r.code == "K0408" {
            let checked = r
                .example
                .split("\n\n")
                .map(|block| {
                    let sources = vec![kpi::source::SourceFile::new("example.kpi", block)];
                    let mut loaded = kpi::filing::load_sources(sources);
                    let (config, diags) = kpi::check::run(&mut loaded, None);
                    kpi::check::Checked {
                        loaded,
                        config,
                        diags,
                    }
                })
                .collect();
            let (_, diags) = kpi::check::join(checked);
            assert!(diags.iter().any(|d| d.code == r.code), "{}", r.example);
            continue;
        }
        // Rules that depend on the template are shown under the profile that has them.
        let (kpi_text, toml) = match r.code {
            "K1003" => ("project \"x\" { year 2023; }\n", Some(r.example)),
            "K0501" | "K0505" => (r.example, Some("profile = \"lhasa-2023\"")),
            "K1004" => (r.example, Some("profile = \"central-2021\"")),
            _ => (r.example, None),
        };
        let sources = vec![kpi::source::SourceFile::new("example.kpi", kpi_text)];
        let mut loaded = kpi::filing::load_sources(sources);
        let config = toml.map(|t| kpi::source::SourceFile::new("kpi.toml", t));
        let (_, diags) = kpi::check::run(&mut loaded, config);
        assert!(
            diags.iter().any(|d| d.code == r.code),
            "the example of {} does not trigger it:\n{}\nfound: {:?}",
            r.code,
            r.example,
            diags.iter().map(|d| d.code).collect::<Vec<_>>()
        );
    }
}
