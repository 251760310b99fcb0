//! `kpi completions` and `kpi man` with the real clients: bash loads the completion script and
//! completes `kpi ch` to `check` and `kpi check --format ` to the formats; `man -l` renders the
//! man page with every subcommand. Without bash or man the test is skipped with a message,
//! unless `CI=true`, where it fails (.ci/run installs man-db).

use std::process::Command;

fn kpi(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(args)
        .output()
        .expect("kpi runs");
    assert!(out.status.success(), "kpi {args:?} failed");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn skip(client: &str, install: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but `{client}` is not installed ({install})");
    }
    eprintln!("skipped: `{client}` is not installed ({install})");
}

/// What bash's programmable completion offers for `words` (the cursor at the end of the last),
/// with the script `kpi completions bash` printed loaded.
fn complete(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let words_list = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let line = words.join(" ");
    let program = format!(
        r#"source '{script}'
complete -p kpi >/dev/null || exit 3
COMP_WORDS=({words_list})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE='{line}'
COMP_POINT=${{#COMP_LINE}}
func=$(complete -p kpi | sed -E 's/.*-F ([^ ]+).*/\1/')
"$func" kpi "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        script = script.display()
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "bash: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn bash_completes_subcommands_and_formats() {
    if !have("bash") {
        return skip("bash", "apt-get install bash");
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("kpi.bash");
    std::fs::write(&script, kpi(&["completions", "bash"])).unwrap();

    assert_eq!(complete(&script, &["kpi", "ch"]), ["check"]);
    let subcommands = complete(&script, &["kpi", ""]);
    for sub in ["check", "build", "fmt", "completions", "man"] {
        assert!(subcommands.iter().any(|s| s == sub), "{subcommands:?}");
    }
    let formats = complete(&script, &["kpi", "check", "--format", ""]);
    for format in ["human", "sarif", "gitlab"] {
        assert!(formats.iter().any(|s| s == format), "{formats:?}");
    }
}

#[test]
fn other_shells_get_a_script() {
    assert!(kpi(&["completions", "zsh"]).starts_with("#compdef kpi"));
    assert!(kpi(&["completions", "fish"]).contains("complete -c kpi"));
    assert!(kpi(&["completions", "powershell"]).contains("Register-ArgumentCompleter"));
}

#[test]
fn man_page_renders_with_every_subcommand() {
    let page = kpi(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH kpi 1"),
        "{page}"
    );
    if !have("man") {
        return skip("man", "apt-get install man-db");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kpi.1");
    std::fs::write(&file, &page).unwrap();
    let out = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "100")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("man runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // man renders headings and options as plain text: no roff left over.
    assert!(text.contains("NAME"), "{text}");
    assert!(!text.contains(".SH"), "{text}");
    for heading in [
        "KPI CHECK",
        "KPI BUILD",
        "KPI FMT",
        "KPI COMPLETIONS",
        "KPI MAN",
    ] {
        assert!(text.contains(heading), "no {heading} in:\n{text}");
    }
    assert!(text.contains("--format"), "{text}");
    assert!(text.contains("gitlab"), "{text}");
}
