//! Every rule's fixtures (`tests/fixtures/rules/<CODE>*.kpi`, or a folder for a whole filing):
//! a fixture named `<CODE>…` must trigger the rule, and its findings of that code are
//! snapshot-tested (rendered in English, one line each in Chinese); a fixture named
//! `<CODE>-ok…` is a near miss and must not trigger it.

use crate::checking;

use std::path::Path;

use kpi::diag::{self, Lang};

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new("tests/fixtures/rules");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "kpi"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            (stem, p.display().to_string())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_fixture_triggers_its_rule_or_is_a_near_miss() {
    let all = fixtures();
    assert!(
        all.len() >= 100,
        "expected fixtures for every rule, found {}",
        all.len()
    );
    for (stem, path) in all {
        let code = &stem[..5];
        let (loaded, diags) = checking::check(&[&path]);
        let of_code: Vec<_> = diags.iter().filter(|d| d.code == code).cloned().collect();
        if stem[5..].starts_with("-ok") {
            assert!(
                of_code.is_empty(),
                "near miss {path} must not trigger {code}:\n{}",
                checking::short(&loaded, &of_code, Lang::En)
            );
            continue;
        }
        assert!(
            !of_code.is_empty(),
            "{path} must trigger {code}; it reported:\n{}",
            checking::short(&loaded, &diags, Lang::En)
        );
        let mut text = diag::render(&of_code, &loaded.sources, Lang::En);
        text.push_str("---\n");
        text.push_str(&checking::short(&loaded, &of_code, Lang::Zh));
        insta::assert_snapshot!(format!("rule_{stem}"), text);
    }
}
