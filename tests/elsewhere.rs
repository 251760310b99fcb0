//! The corpus of real forms from other provinces (`examples/elsewhere/<place>-<year>-<name>/`),
//! each transcribed with its defects and reviewed by hand in its `REVIEW.md`.
//!
//! Two tests: every folder's `kpi check` report is snapshot-tested, and the report is scored
//! against the review's table of expected findings: found (the same file, line and code),
//! missed (an expected row kpi does not report, or a row with no code `-`), and false alarms
//! (an error or warning the review does not expect). Advice (K0610) is counted apart: a
//! reviewer may take it or leave it. The figures are printed with
//! `cargo test --test it elsewhere:: -- --nocapture`.

use crate::checking;

use std::path::{Path, PathBuf};

use kpi::diag::{Lang, Severity};

fn folders() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir("examples/elsewhere")
        .expect("examples/elsewhere exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// One row of a review's "Expected findings" table.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    file: String,
    line: usize,
    code: String,
    what: String,
}

fn expected(dir: &Path) -> Vec<Expected> {
    let review = std::fs::read_to_string(dir.join("REVIEW.md"))
        .unwrap_or_else(|_| panic!("{} has a REVIEW.md", dir.display()));
    let section = review
        .split("## Expected findings")
        .nth(1)
        .unwrap_or_else(|| panic!("{}: REVIEW.md has no expected findings", dir.display()));
    let section = section.split("\n## ").next().unwrap_or("");
    section
        .lines()
        .filter(|l| l.starts_with('|'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            let line = cells.get(1)?.parse().ok()?;
            Some(Expected {
                file: cells.first()?.to_string(),
                line,
                code: cells.get(2)?.to_string(),
                what: cells.get(3..).map(|c| c.join("|")).unwrap_or_default(),
            })
        })
        .collect()
}

#[test]
fn corpus_reports() {
    let dirs = folders();
    assert!(dirs.len() >= 12, "only {} forms in the corpus", dirs.len());
    for dir in dirs {
        let path = dir.display().to_string();
        let (loaded, diags) = checking::check(&[&path]);
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(
            format!("elsewhere_{name}"),
            checking::short(&loaded, &diags, Lang::En)
        );
    }
}

#[test]
fn corpus_findings_match_the_reviews() {
    let mut totals = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut lines = vec![format!(
        "{:<58} {:>8} {:>5} {:>6} {:>11} {:>6}",
        "form", "expected", "found", "missed", "false alarm", "advice"
    )];
    let mut false_alarms = Vec::new();
    let mut misses = Vec::new();
    for dir in folders() {
        let path = dir.display().to_string();
        let (loaded, diags) = checking::check(&[&path]);
        let mut reported: Vec<(String, usize, String, String)> = diags
            .iter()
            .filter(|d| d.severity != Severity::Advice)
            .map(|d| {
                let source = loaded.sources.get(d.file);
                let file = Path::new(&source.name)
                    .strip_prefix(&dir)
                    .map(|p| p.to_string_lossy().to_string())
                    .unwrap_or_else(|_| source.name.clone());
                let line = source.line_col(d.span.start).0;
                (file, line, d.code.to_string(), d.message.en.clone())
            })
            .collect();
        let advice = diags
            .iter()
            .filter(|d| d.severity == Severity::Advice)
            .count();
        let rows = expected(&dir);
        let mut found = 0;
        for row in &rows {
            let hit = reported
                .iter()
                .position(|(f, l, c, _)| *f == row.file && *l == row.line && *c == row.code);
            match hit {
                Some(i) => {
                    reported.remove(i);
                    found += 1;
                }
                None => misses.push(format!(
                    "{path}/{}:{} {} {}",
                    row.file, row.line, row.code, row.what
                )),
            }
        }
        for (f, l, c, m) in &reported {
            false_alarms.push(format!("{path}/{f}:{l} {c} {m}"));
        }
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        lines.push(format!(
            "{:<58} {:>8} {:>5} {:>6} {:>11} {:>6}",
            name,
            rows.len(),
            found,
            rows.len() - found,
            reported.len(),
            advice
        ));
        totals.0 += rows.len();
        totals.1 += found;
        totals.2 += rows.len() - found;
        totals.3 += reported.len();
        totals.4 += advice;
    }
    lines.push(format!(
        "{:<58} {:>8} {:>5} {:>6} {:>11} {:>6}",
        "total", totals.0, totals.1, totals.2, totals.3, totals.4
    ));
    eprintln!("{}", lines.join("\n"));
    eprintln!("missed:\n  {}", misses.join("\n  "));
    eprintln!("false alarms:\n  {}", false_alarms.join("\n  "));
    assert!(
        false_alarms.is_empty(),
        "false alarms on the corpus:\n{}",
        false_alarms.join("\n")
    );
    assert!(
        totals.1 * 10 >= totals.0 * 9,
        "found {} of {} expected findings (target 90%); missed:\n{}",
        totals.1,
        totals.0,
        misses.join("\n")
    );
}
