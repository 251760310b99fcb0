//! Installing kpi without Rust, as a user would (docs/install.md):
//! - the wheel: `maturin build --release`, a fresh venv, `pip install` the wheel, then the
//!   venv's `kpi --version` and `kpi check` on the examples;
//! - the .deb: `cargo deb --no-build` from the same release build, `dpkg -i`, then
//!   `/usr/bin/kpi`, its man page and bash completion, then `dpkg -r`.
//!
//! One release build serves both (maturin's `target/release/kpi` is what cargo-deb packs).
//! Without maturin, cargo-deb or dpkg, or not as root, a test is skipped with a message,
//! unless `CI=true`, where it fails (.ci/run installs maturin and cargo-deb; CI runs as root).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Skips (returns false) with a message, or fails under CI=true.
fn require(ok: bool, what: &str) -> bool {
    if !ok {
        if ci() {
            panic!("CI=true but {what}");
        }
        eprintln!("skipped: {what}");
    }
    ok
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("command runs");
    assert!(out.status.success(), "{cmd:?} failed:\n{}", text(&out));
    out
}

fn text(out: &Output) -> String {
    common::output_text(out)
}

/// The one release build, by maturin when it is here (which also makes the wheel), else by
/// cargo. Returns the wheel, if one was built. The tests wait for each other here.
fn release_build() -> Option<PathBuf> {
    static BUILD: OnceLock<Mutex<Option<Option<PathBuf>>>> = OnceLock::new();
    let lock = BUILD.get_or_init(|| Mutex::new(None));
    let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(wheel) = done.as_ref() {
        return wheel.clone();
    }
    let root = common::root();
    let wheel = if runs("maturin", "--version") {
        let out_dir = root.join("target/wheels-test");
        let _ = std::fs::remove_dir_all(&out_dir);
        run(Command::new("maturin")
            .args(["build", "--release", "--locked", "--out"])
            .arg(&out_dir)
            .current_dir(&root));
        let wheel = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "whl"))
            .expect("maturin wrote a wheel");
        Some(wheel)
    } else {
        run(Command::new(env!("CARGO"))
            .args(["build", "--release", "--locked", "--bin", "kpi"])
            .current_dir(&root));
        None
    };
    *done = Some(wheel.clone());
    wheel
}

fn version_line() -> String {
    format!("kpi {}", env!("CARGO_PKG_VERSION"))
}

/// `kpi check` from an installed binary: a clean form passes, the Lhasa filing has errors.
fn check_examples(kpi: &Path) {
    let root = common::root();
    let out = Command::new(kpi)
        .args(["check", "examples/quickstart.kpi", "--lang", "en"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = Command::new(kpi)
        .args(["check", "examples/lhasa-kjj-2023", "--format", "short"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("error[K"), "{}", text(&out));
}

#[test]
fn wheel_installs_kpi_into_a_fresh_venv() {
    if !require(
        runs("maturin", "--version"),
        "`maturin` is not installed (pip install maturin)",
    ) {
        return;
    }
    let wheel = release_build().expect("maturin built a wheel");
    let name = wheel.file_name().unwrap().to_string_lossy().to_string();
    // A binary wheel for this platform, named after pyproject.toml's project.
    assert!(name.starts_with("kpi_forms-"), "{name}");
    assert!(name.contains("py3-none-"), "{name}");

    let tmp = tempfile::tempdir().unwrap();
    let venv = tmp.path().join("venv");
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    // --no-index: the wheel needs nothing from PyPI.
    run(Command::new(bin.join("pip"))
        .args(["install", "--no-index", "--quiet"])
        .arg(&wheel));
    let kpi = bin.join("kpi");
    assert!(kpi.is_file(), "the wheel put no kpi in {}", bin.display());
    let out = run(Command::new(&kpi).arg("--version"));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), version_line());
    check_examples(&kpi);
    // pip can take it away again.
    run(Command::new(bin.join("pip")).args(["uninstall", "--yes", "--quiet", "kpi-forms"]));
    assert!(!kpi.exists());
}

#[test]
fn deb_installs_with_dpkg_and_runs() {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !require(
        runs("dpkg", "--version"),
        "`dpkg` is not here (not a Debian-family system)",
    ) || !require(is_root, "not root: `dpkg -i` needs root")
        || !require(
            Command::new(env!("CARGO"))
                .args(["deb", "--version"])
                .output()
                .is_ok_and(|o| o.status.success()),
            "`cargo-deb` is not installed (cargo install cargo-deb --locked)",
        )
    {
        return;
    }
    // Someone's own kpi package stays as it is.
    let installed = Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", "kpi"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("installed"));
    if !require(
        !installed,
        "a `kpi` package is installed already; not replacing it",
    ) {
        return;
    }

    release_build();
    let root = common::root();
    run(Command::new(root.join(".ci/package-assets")).arg(root.join("target/release/kpi")));
    let tmp = tempfile::tempdir().unwrap();
    let out = run(Command::new(env!("CARGO"))
        .args(["deb", "--no-build", "--output"])
        .arg(tmp.path())
        .current_dir(&root));
    let deb = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "deb"))
        .unwrap_or_else(|| panic!("cargo deb wrote no .deb:\n{}", text(&out)));

    // What the package holds, before installing it.
    let contents = text(&run(Command::new("dpkg-deb").arg("--contents").arg(&deb)));
    for path in [
        "./usr/bin/kpi",
        "./usr/share/man/man1/kpi.1.gz",
        "./usr/share/bash-completion/completions/kpi",
        "./usr/share/zsh/vendor-completions/_kpi",
        "./usr/share/fish/vendor_completions.d/kpi.fish",
    ] {
        assert!(contents.contains(path), "no {path} in:\n{contents}");
    }

    // /usr/bin/kpi exists from here to `dpkg -r`: tests that need a PATH without kpi wait.
    let system_kpi = common::system_kpi();
    run(Command::new("dpkg").arg("-i").arg(&deb));
    let result = std::panic::catch_unwind(|| {
        let out = run(Command::new("/usr/bin/kpi").arg("--version"));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), version_line());
        check_examples(Path::new("/usr/bin/kpi"));
        // `man kpi` finds the installed page.
        if runs("man", "--version") {
            let out = run(Command::new("man").args(["-w", "kpi"]));
            assert!(
                text(&out).contains("/usr/share/man/man1/kpi.1"),
                "{}",
                text(&out)
            );
        }
    });
    run(Command::new("dpkg").args(["-r", "kpi"]));
    assert!(
        !Path::new("/usr/bin/kpi").exists(),
        "dpkg -r left /usr/bin/kpi"
    );
    drop(system_kpi);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
