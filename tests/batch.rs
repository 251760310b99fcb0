//! Batches run on all cores (issue 14): `--jobs 1` and `--jobs 2` print the same bytes, for
//! `kpi check` over many filings and for `kpi build`.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Six filings: the Lhasa filing renamed per folder, one of them with a defect of its own,
/// and the rule fixtures that are whole filings.
fn filings(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for k in 0..4 {
        let d = dir.join(format!("dept{k}"));
        std::fs::create_dir_all(&d).unwrap();
        for f in common::kpi_files("examples/lhasa-kjj-2023") {
            let text = std::fs::read_to_string(&f).unwrap();
            let mut text = text.replace("project \"", &format!("project \"{k}-"));
            if k == 2 {
                text = text.replace("1238.68万元", "1238.69万元");
            }
            std::fs::write(d.join(f.file_name().unwrap()), text).unwrap();
        }
        std::fs::copy(
            common::root().join("examples/lhasa-kjj-2023/kpi.toml"),
            d.join("kpi.toml"),
        )
        .unwrap();
        out.push(d);
    }
    for entry in std::fs::read_dir(common::root().join("tests/fixtures/rules")).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn kpi(jobs: &str, args: &[&str], paths: &[PathBuf]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(["--jobs", jobs, "--lang", "en"])
        .args(args)
        .args(paths)
        .output()
        .unwrap()
}

#[test]
fn one_thread_and_two_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let paths = filings(dir.path());
    assert!(paths.len() >= 5);
    for args in [
        &["check", "--format", "short"][..],
        &["check"][..],
        &["check", "--format", "json"][..],
        &["build", "--to", "json"][..],
    ] {
        let one = kpi("1", args, &paths);
        let two = kpi("2", args, &paths);
        assert!(!one.stdout.is_empty(), "{args:?}: {one:?}");
        assert_eq!(one.status.code(), two.status.code(), "{args:?}");
        assert!(one.stdout == two.stdout, "{args:?}: stdout differs");
        assert!(one.stderr == two.stderr, "{args:?}: stderr differs");
    }
    // The defect of one folder is reported once, in that folder's place in the report.
    let out = String::from_utf8(kpi("2", &["check", "--format", "short"], &paths).stdout).unwrap();
    assert!(out.contains("dept2"), "{out}");
    // No progress bar when stderr is not a terminal.
    let check = kpi("2", &["check", "--format", "short"], &paths);
    assert!(!String::from_utf8_lossy(&check.stderr).contains("filings"));
}

/// The check across filings (K0408): the same project of two departments of one city is
/// reported at each later filing, in command-line order, whatever the number of threads.
#[test]
fn the_same_project_of_two_departments_is_reported_in_order_with_any_jobs() {
    let dir = common::root().join("tests/fixtures/rules/K0408");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let args = &["check", "--format", "short"][..];
    let one = kpi("1", args, &paths);
    let two = kpi("2", args, &paths);
    assert!(one.stdout == two.stdout, "stdout differs");
    let out = String::from_utf8(one.stdout).unwrap();
    let found: Vec<&str> = out.lines().filter(|l| l.contains("[K0408]")).collect();
    assert_eq!(found.len(), 2, "{out}");
    assert!(found[0].contains("2-chengguan"), "{out}");
    assert!(found[1].contains("3-kejiju"), "{out}");
    // Reversed on the command line, the first filing of the name is another one.
    paths.reverse();
    let out = String::from_utf8(kpi("2", args, &paths).stdout).unwrap();
    let found: Vec<&str> = out.lines().filter(|l| l.contains("[K0408]")).collect();
    assert_eq!(found.len(), 2, "{out}");
    assert!(found[0].contains("2-chengguan"), "{out}");
    assert!(found[1].contains("1-jiaoyu"), "{out}");
}
