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
