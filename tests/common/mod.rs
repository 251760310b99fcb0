//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Says that a test skips because a real client (LibreOffice, Vim, pre-commit, Node …) is not
/// installed — or fails it when `CI=true`, where `.ci/run` installs every client. The line goes
/// straight to the process's stderr: the test harness captures `eprintln!` and shows it only
/// for failing tests, and a skip that nobody sees reads as a pass.
#[track_caller]
pub fn skip_without_client(test: &str, why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but {test} cannot run: {why}");
    }
    let line = format!("SKIPPED {test}: {why}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Held by a test while kpi is installed system-wide (`packaging`: `dpkg -i` puts
/// `/usr/bin/kpi` there for a moment) and by a test that needs a PATH where no kpi is found
/// (`pre_commit`). The two once ran at the same moment: the PATH without kpi still found the
/// package's `/usr/bin/kpi`, and the hook ran instead of saying kpi was missing.
pub fn system_kpi() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `.kpi` files under a directory of the repository, sorted.
pub fn kpi_files(dir: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    walk(&root().join(dir), &mut files);
    files.sort();
    files
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "kpi") {
            out.push(p);
        }
    }
}

/// A path relative to the repository root, with `/` separators (stable in snapshots).
pub fn rel(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Every spelling in the `kw_*` rules of the grammar: `kw_x = @{ ("a" | "b") ~ kw_end }`,
/// possibly over several lines.
pub fn grammar_keywords() -> Vec<String> {
    let mut words: Vec<String> = grammar_keyword_rules()
        .into_iter()
        .flat_map(|(_, spellings)| spellings)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The `kw_*` rules of the grammar, each with its spellings in the grammar's order:
/// `("kw_x", ["a", "b"])` for `kw_x = @{ ("a" | "b") ~ kw_end }`.
pub fn grammar_keyword_rules() -> Vec<(String, Vec<String>)> {
    let pest = std::fs::read_to_string(root().join("grammar/kpi.pest")).unwrap();
    let mut rules = Vec::new();
    let mut rest = pest.as_str();
    while let Some(i) = rest.find("\nkw_") {
        rest = &rest[i + 1..];
        let rule_end = rest.find('}').unwrap();
        let rule = &rest[..rule_end];
        let name = rule.split_whitespace().next().unwrap_or("").to_string();
        if let Some(body) = rule.split_once("@{").map(|(_, b)| b) {
            if let Some(alternatives) = body.split("~ kw_end").next() {
                let spellings = alternatives
                    .split('"')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_string)
                    .collect();
                rules.push((name, spellings));
            }
        }
        rest = &rest[rule_end..];
    }
    rules
}

/// Runs the kpi binary in `dir` (the current folder when `None`) with an English locale
/// (LANG=en_US.UTF-8; LC_ALL, LC_MESSAGES and KPI_LANG removed), then the `env` given on top:
/// (exit code, stdout, stderr). One language and one environment whatever the machine's.
pub fn kpi_in(dir: Option<&Path>, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kpi"));
    cmd.args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("KPI_LANG");
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("kpi runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// A finished command's stdout then stderr, for a failure message.
pub fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
