//! The pre-commit hooks (`.pre-commit-hooks.yaml`) with the real pre-commit framework: a
//! temporary git repository uses this checkout's committed HEAD as its hook repository; a
//! defective form is rejected, an unformatted one is rewritten (and rejected), a clean one
//! passes.
//!
//! pre-commit builds kpi with `cargo install` (release) at HEAD. To keep that to one build per
//! commit, `PRE_COMMIT_HOME` and `CARGO_TARGET_DIR` live under `target/`, so later runs reuse
//! the hook environment and the compiled dependencies.
//!
//! Without `pre-commit` on PATH the test is skipped with a message, unless `CI=true`, where it
//! fails (CI installs pre-commit in `.ci/run`).

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn have_pre_commit() -> bool {
    Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("command runs")
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = run(Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE"));
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
    out
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn pre_commit(repo: &Path) -> Output {
    let target = common::root().join("target");
    run(Command::new("pre-commit")
        .args(["run", "--all-files", "--color", "never"])
        .current_dir(repo)
        .env("PRE_COMMIT_HOME", target.join("pre-commit-home"))
        .env("CARGO_TARGET_DIR", target.join("pre-commit-cargo"))
        .env("LANG", "C")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE"))
}

const CLEAN: &str = "project \"科技专项\" {\n  budget 1238.68万元;\n  output quantity \"科技项目实施\" <= 23个;\n}\n";
const UNFORMATTED: &str =
    "project \"百家科技\" < budget 1100万元; output quantity \"认定企业\" <= 23 个; >\n";
const UNFORMATTED_FIXED: &str =
    "project \"百家科技\" {\n  budget 1100万元;\n  output quantity \"认定企业\" <= 23个;\n}\n";
const DEFECTIVE: &str = "project \"拉萨科技\" {\n  budget 1238.68万元\n  output quantity \"科技项目实施\" <= 23个;\n}\n";

#[test]
fn hooks_reject_defective_and_unformatted_forms_and_accept_clean_ones() {
    if !have_pre_commit() {
        common::skip_without_client(
            "pre_commit",
            "`pre-commit` is not installed (pip install pre-commit)",
        );
        return;
    }
    let root = common::root();
    let head = String::from_utf8(git(&root, &["rev-parse", "HEAD"]).stdout).unwrap();
    let head = head.trim();
    // pre-commit clones HEAD: the hooks must be committed there.
    let hooks = git(&root, &["show", &format!("{head}:.pre-commit-hooks.yaml")]);
    assert!(text(&hooks).contains("kpi-fmt"));

    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    git(repo, &["config", "user.email", "test@example.com"]);
    git(repo, &["config", "user.name", "test"]);
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: kpi-check\n      - id: kpi-fmt\n",
        root.display()
    );
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();

    // A clean form passes both hooks.
    std::fs::write(repo.join("clean.kpi"), CLEAN).unwrap();
    git(repo, &["add", "."]);
    let out = pre_commit(repo);
    assert!(out.status.success(), "clean form rejected:\n{}", text(&out));
    assert!(text(&out).contains("kpi check"), "{}", text(&out));

    // An unformatted form: kpi-fmt rewrites it and fails the run.
    std::fs::write(repo.join("ugly.kpi"), UNFORMATTED).unwrap();
    git(repo, &["add", "."]);
    let out = pre_commit(repo);
    assert!(
        !out.status.success(),
        "unformatted form accepted:\n{}",
        text(&out)
    );
    assert!(
        text(&out).contains("files were modified by this hook"),
        "{}",
        text(&out)
    );
    assert_eq!(
        std::fs::read_to_string(repo.join("ugly.kpi")).unwrap(),
        UNFORMATTED_FIXED
    );
    git(repo, &["add", "."]);
    let out = pre_commit(repo);
    assert!(
        out.status.success(),
        "formatted form rejected:\n{}",
        text(&out)
    );

    // A form with a syntax error: kpi-check fails and shows the error.
    std::fs::write(repo.join("defective.kpi"), DEFECTIVE).unwrap();
    git(repo, &["add", "."]);
    let out = pre_commit(repo);
    assert!(
        !out.status.success(),
        "defective form accepted:\n{}",
        text(&out)
    );
    let report = text(&out);
    assert!(report.contains("K01"), "{report}");
    assert!(report.contains("defective.kpi"), "{report}");
    // kpi-fmt leaves the defective file as it was.
    assert_eq!(
        std::fs::read_to_string(repo.join("defective.kpi")).unwrap(),
        DEFECTIVE
    );
}
