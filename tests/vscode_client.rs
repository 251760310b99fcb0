//! The VS Code client (`editors/vscode`): an extension that starts `kpi lsp` with
//! vscode-languageclient. Without the VS Code binary, this runs, from the extension's own
//! `node_modules` (no network):
//!
//! - `tsc --noEmit`: the extension type-checks against the VS Code API of its `engines`;
//! - `npm run build`: esbuild bundles it into `dist/extension.js`;
//! - `node --test test/extension.test.js`: activation against stand-ins for `vscode` and
//!   `vscode-languageclient` (the server command and `--lang` from the settings, restart,
//!   the output channel, a server that fails to start), and package.json's activation
//!   events, commands and settings against the code;
//! - `vsce package`: the `.vsix` holds the bundle, grammar, snippets and manifest, and
//!   nothing of `src/`, `test/` or `node_modules/`.
//!
//! Needs `node` and `npm install` in `editors/vscode`; skipped with a message without them,
//! except when `CI=true`, where it fails.

use crate::common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn dir() -> PathBuf {
    common::root().join("editors/vscode")
}

fn available() -> bool {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let bin = dir().join("node_modules/.bin");
    let modules = ["tsc", "esbuild", "vsce"]
        .iter()
        .all(|b| bin.join(b).exists())
        && dir().join("node_modules/vscode-languageclient").is_dir();
    if node && modules {
        return true;
    }
    let why = if node {
        "run `npm install` in editors/vscode"
    } else {
        "`node` is not installed"
    };
    common::skip_without_client("vscode_client (the VS Code client)", why);
    false
}

/// Runs a program of `node_modules/.bin` (or node itself) in `editors/vscode`; panics with
/// its output when it fails.
fn run(program: &str, args: &[&str]) -> String {
    let bin = dir().join("node_modules/.bin").join(program);
    let mut cmd = if bin.exists() {
        Command::new(bin)
    } else {
        Command::new(program)
    };
    let out = cmd
        .args(args)
        .current_dir(dir())
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{program} {args:?} failed:\n{text}");
    text
}

/// The test steps depend on each other (the bundle is what is packaged), so they run in one
/// test, in order.
#[test]
fn the_extension_type_checks_builds_passes_its_tests_and_packages() {
    if !available() {
        return;
    }
    run("tsc", &["--noEmit", "-p", "."]);
    run("npm", &["run", "--silent", "build"]);
    let tests = run("node", &["--test", "test/extension.test.js"]);
    assert!(tests.contains("# fail 0"), "{tests}");
    let passed = tests
        .lines()
        .find_map(|l| l.strip_prefix("# pass "))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0);
    assert!(
        passed >= 7,
        "expected the extension's 7 tests to pass:\n{tests}"
    );

    let out = tempfile::tempdir().unwrap();
    let vsix = out.path().join("kpi.vsix");
    run(
        "vsce",
        &[
            "package",
            "--allow-missing-repository",
            "--skip-license",
            "--out",
            vsix.to_str().unwrap(),
        ],
    );
    let names = vsix_entries(&vsix);
    for wanted in [
        "extension/package.json",
        "extension/dist/extension.js",
        "extension/syntaxes/kpi.tmLanguage.json",
        "extension/snippets/kpi.json",
        "extension/language-configuration.json",
    ] {
        assert!(
            names.iter().any(|n| n == wanted),
            "{wanted} not in {names:?}"
        );
    }
    for unwanted in [
        "extension/src/",
        "extension/test/",
        "extension/node_modules/",
    ] {
        assert!(
            !names.iter().any(|n| n.starts_with(unwanted)),
            "{unwanted} should not be packaged: {names:?}"
        );
    }
    // The packaged manifest is the extension's, with the language client as its entry point.
    let manifest: serde_json::Value =
        serde_json::from_str(&vsix_file(&vsix, "extension/package.json")).unwrap();
    assert_eq!(manifest["main"], "./dist/extension.js");
    assert!(manifest["activationEvents"]
        .as_array()
        .unwrap()
        .contains(&"onLanguage:kpi".into()));
}

fn vsix_entries(vsix: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(vsix).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_string())
        .collect()
}

fn vsix_file(vsix: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(vsix).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}
