//! The pre-commit hooks (`.pre-commit-hooks.yaml`) with the real pre-commit framework: a
//! temporary git repository uses this checkout's committed HEAD as its hook repository; a
//! defective form is rejected, an unformatted one is rewritten (and rejected), a clean one
//! passes.
//!
//! pre-commit builds kpi with `cargo install` (release) at HEAD. To keep that to one build per
//! commit, `PRE_COMMIT_HOME` and `CARGO_TARGET_DIR` live under `target/`, so later runs reuse
//! the hook environment and the compiled dependencies.
//!
//! The `-system` variants (`language: system`) run the kpi found on PATH instead: the test puts
//! this build's kpi first on PATH, as an installed wheel or .deb would be, and checks that
//! they work and that they fail clearly where no kpi is installed.
//!
//! Without `pre-commit` on PATH the test is skipped with a message, unless `CI=true`, where it
//! fails (CI installs pre-commit in `.ci/run`).

use crate::common;

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
    common::output_text(out)
}

fn pre_commit(repo: &Path) -> Output {
    pre_commit_with_path(repo, None)
}

/// `pre-commit run --all-files`; `path`, when given, is the PATH the hooks see.
fn pre_commit_with_path(repo: &Path, path: Option<&std::ffi::OsStr>) -> Output {
    let target = common::root().join("target");
    let mut cmd = Command::new("pre-commit");
    if let Some(path) = path {
        cmd.env("PATH", path);
    }
    run(cmd
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

fn skip_without_pre_commit() -> bool {
    if !have_pre_commit() {
        common::skip_without_client(
            "pre_commit",
            "`pre-commit` is not installed (pip install pre-commit)",
        );
        return true;
    }
    false
}

/// A temporary git repository whose `.pre-commit-config.yaml` uses this checkout's HEAD with
/// the hooks `ids`.
fn repo_with_hooks(ids: &[&str]) -> tempfile::TempDir {
    let root = common::root();
    let head = String::from_utf8(git(&root, &["rev-parse", "HEAD"]).stdout).unwrap();
    let head = head.trim();
    // pre-commit clones HEAD: the hooks must be committed there.
    let hooks = git(&root, &["show", &format!("{head}:.pre-commit-hooks.yaml")]);
    for id in ids {
        assert!(
            text(&hooks).contains(&format!("id: {id}\n")),
            "{id} not at HEAD"
        );
    }

    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    git(repo, &["config", "user.email", "test@example.com"]);
    git(repo, &["config", "user.name", "test"]);
    let hooks: String = ids.iter().map(|id| format!("      - id: {id}\n")).collect();
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n{hooks}",
        root.display()
    );
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    tmp
}

#[test]
fn hooks_reject_defective_and_unformatted_forms_and_accept_clean_ones() {
    if skip_without_pre_commit() {
        return;
    }
    let tmp = repo_with_hooks(&["kpi-check", "kpi-fmt"]);
    let repo = tmp.path();

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

/// PATH with the directory of this build's kpi first: kpi as a wheel or .deb installs it.
fn path_with_kpi() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_kpi"))
        .parent()
        .unwrap()
        .to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&rest))).unwrap()
}

#[test]
fn system_hooks_use_the_installed_kpi() {
    if skip_without_pre_commit() {
        return;
    }
    let tmp = repo_with_hooks(&["kpi-check-system", "kpi-fmt-system"]);
    let repo = tmp.path();
    let path = path_with_kpi();

    // docs/editors.md: `rev:` is filled in by `pre-commit autoupdate --bleeding-edge`, which
    // writes the newest commit of the hook repository (here this checkout's HEAD).
    let config_file = repo.join(".pre-commit-config.yaml");
    let config = std::fs::read_to_string(&config_file).unwrap();
    let head = config
        .lines()
        .find_map(|l| l.trim().strip_prefix("rev: "))
        .unwrap()
        .to_string();
    std::fs::write(&config_file, config.replace(&head, "\"\"")).unwrap();
    let out = run(Command::new("pre-commit")
        .args(["autoupdate", "--bleeding-edge", "--color", "never"])
        .current_dir(repo)
        .env(
            "PRE_COMMIT_HOME",
            common::root().join("target/pre-commit-home"),
        )
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE"));
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        std::fs::read_to_string(&config_file)
            .unwrap()
            .contains(&format!("rev: \"{head}\"")),
        "autoupdate did not write HEAD:\n{}",
        text(&out)
    );

    std::fs::write(repo.join("clean.kpi"), CLEAN).unwrap();
    git(repo, &["add", "."]);
    let out = pre_commit_with_path(repo, Some(&path));
    assert!(out.status.success(), "clean form rejected:\n{}", text(&out));
    assert!(text(&out).contains("kpi check"), "{}", text(&out));

    std::fs::write(repo.join("ugly.kpi"), UNFORMATTED).unwrap();
    git(repo, &["add", "."]);
    let out = pre_commit_with_path(repo, Some(&path));
    assert!(
        !out.status.success(),
        "unformatted form accepted:\n{}",
        text(&out)
    );
    assert_eq!(
        std::fs::read_to_string(repo.join("ugly.kpi")).unwrap(),
        UNFORMATTED_FIXED
    );
    git(repo, &["add", "."]);

    std::fs::write(repo.join("defective.kpi"), DEFECTIVE).unwrap();
    git(repo, &["add", "."]);
    let out = pre_commit_with_path(repo, Some(&path));
    assert!(
        !out.status.success(),
        "defective form accepted:\n{}",
        text(&out)
    );
    assert!(text(&out).contains("K01"), "{}", text(&out));

    // Without kpi on PATH the hook says so, rather than building it. (Not while the .deb
    // test has kpi in /usr/bin.)
    let _no_system_kpi = common::system_kpi();
    let bare: Vec<std::path::PathBuf> =
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .filter(|dir| !dir.join("kpi").exists())
            .collect();
    let bare = std::env::join_paths(bare).unwrap();
    let out = pre_commit_with_path(repo, Some(&bare));
    assert!(!out.status.success());
    assert!(
        text(&out).contains("Executable `kpi` not found"),
        "{}",
        text(&out)
    );
}
