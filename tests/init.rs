//! `kpi init`: the scaffold checks with no errors and only a few "fill this in" notes (the
//! `XX` placeholders, K0601), in both languages and under every built-in profile; it never
//! writes over existing files.

use crate::common;
use std::path::Path;

/// Runs kpi in `dir` with an English locale and no KPI_LANG: (exit code, stdout, stderr).
fn kpi(dir: &Path, args: &[&str]) -> (i32, String, String) {
    common::kpi_in(Some(dir), args, &[])
}

/// How many `XX` the scaffold's checks report: the project's implementing unit, each form's
/// goal and one effect indicator in each form (kpi does not judge a department's name for
/// placeholders; the message after `kpi init` asks for every `XX`).
const NOTES: usize = 5;

#[test]
fn the_scaffold_checks_with_only_fill_in_notes_in_both_languages_and_every_profile() {
    for lang in ["zh", "en"] {
        for profile in ["generic", "lhasa-2023", "central-2021"] {
            let tmp = tempfile::tempdir().unwrap();
            let (code, out, err) = kpi(
                tmp.path(),
                &[
                    "init",
                    "filing",
                    "--lang",
                    lang,
                    "--profile",
                    profile,
                    "--year",
                    "2027",
                ],
            );
            assert_eq!(code, 0, "{lang} {profile}: {err}");
            let dir = tmp.path().join("filing");
            for f in ["kpi.toml", "00-department.kpi", "01-project.kpi"] {
                assert!(dir.join(f).is_file(), "{f} missing");
            }
            let toml = std::fs::read_to_string(dir.join("kpi.toml")).unwrap();
            assert!(toml.contains(&format!("profile = \"{profile}\"")), "{toml}");
            let said_next = match lang {
                "zh" => "下一步",
                _ => "Next:",
            };
            assert!(out.contains(said_next), "{out}");

            // No --lang: the language comes from the kpi.toml that init wrote.
            let (code, report, err) = kpi(tmp.path(), &["check", "filing", "--format", "short"]);
            assert_eq!(code, 0, "{lang} {profile}: exit {code}\n{report}{err}");
            let findings: Vec<&str> = report.lines().filter(|l| l.contains("[K")).collect();
            assert_eq!(
                findings.len(),
                NOTES,
                "{lang} {profile}: expected {NOTES} fill-in notes:\n{report}"
            );
            for f in &findings {
                assert!(f.contains("[K0601]"), "not a placeholder note: {f}");
                assert!(f.contains("XX"), "{f}");
                assert!(f.contains("warning[K0601]"), "{f}");
                let said = match lang {
                    "zh" => "占位符",
                    _ => "placeholder",
                };
                assert!(f.contains(said), "{lang}: {f}");
            }
        }
    }
}

#[test]
fn init_refuses_to_write_over_existing_files() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("01-project.kpi"), "// mine\n").unwrap();
    let (code, _, err) = kpi(tmp.path(), &["init"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: ") && err.contains("01-project.kpi already exists"),
        "{err}"
    );
    // Nothing written, the user's file untouched, no temp file left.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["01-project.kpi"]);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("01-project.kpi")).unwrap(),
        "// mine\n"
    );
    // In Chinese too.
    let (code, _, err) = kpi(tmp.path(), &["init", "--lang", "zh"]);
    assert_eq!(code, 2);
    assert!(err.contains("已存在") && err.contains("不会覆盖"), "{err}");
}

#[test]
fn init_in_the_current_folder_then_again_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = kpi(tmp.path(), &["init", "--lang", "zh"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = kpi(tmp.path(), &["init"]);
    assert_eq!(code, 2);
    // The kpi.toml just written says `lang = "zh"`: the refusal is in Chinese.
    assert!(
        err.starts_with("错误：") && err.contains("kpi.toml"),
        "{err}"
    );
}

#[test]
fn an_unknown_profile_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = kpi(tmp.path(), &["init", "--profile", "beijing"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown profile `beijing`"), "{err}");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}
