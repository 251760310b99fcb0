//! `kpi lsp` driven by real clients over stdio:
//!
//! - **pytest-lsp** (PyPI): `tests/lsp/test_server.py` — every feature, UTF-16 columns on a
//!   CJK line with `𠀀`, UTF-8 when negotiated, and a project form's edit changing the
//!   department form's findings;
//! - **Neovim**'s built-in client, headless (`tests/lsp/nvim_client.lua`): opens a form of the
//!   Lhasa filing, waits for diagnostics, asks for a hover and a definition, formats, and the
//!   test checks what Neovim received.
//!
//! Each is skipped when its client is missing — a `SKIPPED` line that `cargo test` shows
//! without `--nocapture` (`common::skip_without_client`) — except under `CI=true`, where it
//! fails: `.ci/run` installs both.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn kpi() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kpi"))
}

/// True when the client is there; otherwise fails under CI=true, or says it skipped.
fn available(test: &str, ok: bool, install: &str) -> bool {
    if ok {
        return true;
    }
    common::skip_without_client(
        &format!("lsp_clients::{test}"),
        &format!("{install} is missing"),
    );
    false
}

#[test]
fn pytest_lsp_drives_kpi_lsp() {
    let has = Command::new("python3")
        .args(["-c", "import pytest_lsp"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available(
        "pytest_lsp_drives_kpi_lsp",
        has,
        "pytest-lsp (pip install pytest-lsp)",
    ) {
        return;
    }
    let root = common::root();
    let out = Command::new("python3")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(root.join("tests/lsp"))
        .env("KPI_BIN", kpi())
        .env("KPI_ROOT", &root)
        .current_dir(root.join("tests/lsp"))
        .output()
        .expect("pytest runs");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "pytest-lsp failed:\n{text}");
    // All the tests ran (none skipped or deselected quietly).
    assert!(text.contains("9 passed"), "{text}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

#[test]
fn neovim_receives_diagnostics_hover_definition_and_formatting() {
    let has = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available(
        "neovim_receives_diagnostics_hover_definition_and_formatting",
        has,
        "Neovim (apt-get install neovim)",
    ) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lhasa");
    copy_dir(&common::root().join("examples/lhasa-kjj-2023"), &dir);
    let department = dir.join("00-department.kpi");
    let original = std::fs::read_to_string(&department).unwrap();
    // A full-width `；`: a finding on a known line, and something for the formatter to do.
    let edited = original.replacen("  year 2023;", "  year 2023；", 1);
    assert_ne!(edited, original);
    std::fs::write(&department, &edited).unwrap();
    let out = tmp.path().join("out.txt");
    let script = common::root().join("tests/lsp/nvim_client.lua");
    let status = Command::new("nvim")
        .args(["--headless", "-n", "-i", "NONE", "-u", "NONE"])
        .arg("--cmd")
        .arg(format!("let g:kpi_out = '{}'", out.display()))
        .arg("--cmd")
        .arg(format!("let g:kpi_bin = '{}'", kpi().display()))
        .arg("--cmd")
        .arg("let g:kpi_hover = '1238.68万元'")
        .arg("--cmd")
        .arg("let g:kpi_definition = '\"百家科技\"'")
        .arg(&department)
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .stdin(std::process::Stdio::null())
        .status()
        .expect("nvim runs");
    assert!(status.success());
    let text = std::fs::read_to_string(&out).expect("the Lua script wrote its results");
    let get = |key: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix(&format!("{key}\t")))
            .map(|v| v.replace("\\n", "\n"))
            .collect()
    };
    assert!(get("error").is_empty(), "{text}");
    assert_eq!(get("diagnostics_arrived"), ["true"], "{text}");
    // The K0104 of `；` on line 4 (0-based 3), at byte column 11 as Neovim counts.
    assert!(
        get("diagnostic").contains(&"3:11:K0104".to_string()),
        "{text}"
    );
    // As many findings as kpi check gives for this file.
    let check = Command::new(kpi())
        .args(["check", "--format", "short"])
        .arg(&dir)
        .output()
        .unwrap();
    let short = String::from_utf8_lossy(&check.stdout);
    let in_department = short
        .lines()
        .filter(|l| l.contains("00-department.kpi:"))
        .count();
    assert_eq!(get("diagnostic").len(), in_department, "{text}\n{short}");
    let hover = get("hover").join("\n");
    assert!(hover.contains("12386800.00 元"), "{text}");
    let definition = get("definition");
    assert_eq!(definition.len(), 1, "{text}");
    assert!(definition[0].ends_with("02-baijia-keji.kpi:1"), "{text}");
    // Formatting restored the ASCII `;` (and changed nothing else).
    let formatted = get("formatted").join("\n");
    assert_eq!(formatted.trim_end(), original.trim_end(), "{text}");
}
