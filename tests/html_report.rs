//! `kpi check --format html`: the reviewer's report of the Lhasa filing — the same bytes every
//! run (a snapshot), valid HTML (HTML Tidy), every finding of the JSON report present once and
//! pinned to its form, and, in a real browser (headless Chromium), screenshots, a PDF print
//! and working filters.
//!
//! HTML Tidy and Chromium are real clients: without them the tests that need them say SKIPPED,
//! except under `CI=true`, where they fail (`.ci/run` installs both).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn kpi() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kpi"));
    c.current_dir(root())
        .env_remove("KPI_LANG")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    c
}

const LHASA: &str = "examples/lhasa-kjj-2023";

fn report(lang: &str) -> String {
    let out = kpi()
        .args(["--lang", lang, "check", LHASA, "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// True when the client is there; otherwise fails under CI=true, or says it skipped.
fn available(test: &str, program: &str, install: &str) -> bool {
    if Command::new(program).arg("--version").output().is_ok() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but {program} is missing ({install})");
    }
    let line = format!("test html_report::{test} ... SKIPPED: {program} is missing ({install})\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
    false
}

#[test]
fn the_report_is_the_same_bytes_every_run() {
    let zh = report("zh");
    assert_eq!(zh, report("zh"));
    insta::assert_snapshot!("lhasa_report_zh", zh);
    let en = report("en");
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(en.contains("<h2 id=\"h-summary\">Summary</h2>"));
}

#[test]
fn the_report_is_self_contained() {
    let html = report("zh");
    // No resource from elsewhere: no external script, style sheet, font or image.
    for bad in ["http://", "https://", "<link", "src=", "@import", "url("] {
        let allowed = "http://www.w3.org/2000/svg";
        let count = html.matches(bad).count()
            - html.matches(allowed).count() * usize::from(bad == "http://");
        assert_eq!(count, 0, "{bad} in the report");
    }
    assert!(html.contains("<svg"));
    assert!(html.contains("@page{size:A4"));
}

/// (code, place) of every finding of `kpi check --format json`, as the report writes them.
fn json_findings() -> Vec<(String, String, String, usize)> {
    let out = kpi()
        .args(["--lang", "zh", "check", LHASA, "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let l = &d["location"];
            let file = l["file"].as_str().unwrap().to_string();
            let line = l["line"].as_u64().unwrap() as usize;
            (
                d["code"].as_str().unwrap().to_string(),
                format!("{file}:{line}:{}", l["column"]),
                file,
                line,
            )
        })
        .collect()
}

/// A form of the report: its file, first and last line, and its findings' (code, place).
type Article = (String, usize, usize, Vec<(String, String)>);

/// Each `<article class="form">` of the report.
fn articles(html: &str) -> Vec<Article> {
    let attr = |s: &str, name: &str| -> String {
        let key = format!("{name}=\"");
        let i = s.find(&key).unwrap() + key.len();
        s[i..i + s[i..].find('"').unwrap()].to_string()
    };
    html.split("<article class=\"form\"")
        .skip(1)
        .map(|a| {
            let a = &a[..a.find("</article>").unwrap()];
            let (from, to) = attr(a, "data-lines")
                .split_once('-')
                .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
                .unwrap();
            let findings = a
                .split("<li class=\"finding")
                .skip(1)
                .map(|li| (attr(li, "data-code"), attr(li, "data-loc")))
                .collect();
            (attr(a, "data-file"), from, to, findings)
        })
        .collect()
}

#[test]
fn every_finding_is_in_the_report_once_and_pinned_to_its_form() {
    let html = report("zh");
    let json = json_findings();
    assert!(json.len() > 20, "{}", json.len());
    let forms = articles(&html);
    assert!(forms.len() >= 10, "{}", forms.len());
    for (code, place, file, line) in &json {
        let holders: Vec<_> = forms
            .iter()
            .filter(|f| f.3.iter().any(|(c, p)| c == code && p == place))
            .collect();
        let elsewhere = html
            .matches(&format!("data-code=\"{code}\" data-loc=\"{place}\""))
            .count();
        assert!(elsewhere >= 1, "{code} at {place} missing from the report");
        if let Some(form) = holders.first() {
            assert_eq!(holders.len(), 1, "{code} at {place} in two forms");
            assert_eq!(
                &form.0, file,
                "{code} at {place} pinned to a form of another file"
            );
            assert!(
                form.1 <= *line && *line <= form.2,
                "{code} at {place} outside its form"
            );
        }
    }
    // As many findings in the report as in the JSON (none dropped, none doubled).
    assert_eq!(html.matches("<li class=\"finding").count(), json.len());
    // Findings on indicator values (K06xx) sit in their indicator's row of the table.
    let mut in_rows = 0;
    for row in html.split("<tr id=\"form-").skip(1) {
        let row = &row[..row.find("</tr>").unwrap()];
        in_rows += row.matches("data-family=\"K06\"").count();
    }
    // (A K06 finding on a goal's text, `goal "… 0个 …"`, has no row: it is under the fields.)
    let on_goal = |file: &str, line: usize| {
        std::fs::read_to_string(root().join(file))
            .unwrap()
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.trim_start().starts_with("goal"))
    };
    let k06 = json
        .iter()
        .filter(|(c, _, file, line)| c.starts_with("K06") && !on_goal(file, *line))
        .count();
    assert!(k06 > 5, "{k06}");
    assert_eq!(in_rows, k06, "K06 findings not pinned to their rows");
}

#[test]
fn tidy_finds_the_report_valid() {
    if !available(
        "tidy_finds_the_report_valid",
        "tidy",
        "apt-get install tidy",
    ) {
        return;
    }
    for lang in ["zh", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        std::fs::write(&path, report(lang)).unwrap();
        let out = Command::new("tidy")
            .args(["-q", "-e", "-utf8", "--drop-empty-elements", "no"])
            .arg(&path)
            .output()
            .unwrap();
        // 0: no warnings or errors; 1: warnings; 2: errors.
        assert_eq!(
            out.status.code(),
            Some(0),
            "tidy ({lang}): {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The report of a workbook (its findings link to the workbook, a Chinese file name).
    let dir = tempfile::tempdir().unwrap();
    let out = kpi()
        .args(["build", "--to", "xlsx", "-o"])
        .arg(dir.path())
        .arg(LHASA)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let html = dir.path().join("wb.html");
    let out = kpi()
        .current_dir(dir.path())
        .args([
            "check",
            "拉萨市科学技术局.xlsx",
            "--format",
            "html",
            "-o",
            "wb.html",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        text.contains("data-loc=\"拉萨市科学技术局.xlsx!"),
        "no cell in the report"
    );
    let out = Command::new("tidy")
        .args(["-q", "-e", "-utf8"])
        .arg(&html)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "tidy (workbook): {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Headless Chromium with the flags this machine's closed network needs.
fn chromium(profile: &Path) -> Command {
    let mut c = Command::new("chromium");
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

fn dump_dom(html: &Path, fragment: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = chromium(profile.path())
        .arg("--dump-dom")
        .arg(format!("file://{}{fragment}", html.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn chromium_shows_prints_and_filters_the_report() {
    if !available(
        "chromium_shows_prints_and_filters_the_report",
        "chromium",
        "apt-get install chromium",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let out = kpi()
        .args(["--lang", "zh", "check", LHASA, "--format", "html", "-o"])
        .arg(&html)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // Screenshots: the summary, one form (by its anchor), and the print to PDF. Kept under
    // target/ for a person to look at.
    let shots = root().join("target/html-report");
    std::fs::create_dir_all(&shots).unwrap();
    for (name, fragment, size) in [
        ("summary.png", "", "1200,1800"),
        ("form.png", "#filter:form=8", "1200,1400"),
    ] {
        let profile = tempfile::tempdir().unwrap();
        let png = shots.join(name);
        let _ = std::fs::remove_file(&png);
        let out = chromium(profile.path())
            .arg(format!("--window-size={size}"))
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("file://{}{fragment}", html.display()))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let bytes = std::fs::read(&png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000,
            "{name}"
        );
    }
    let profile = tempfile::tempdir().unwrap();
    let pdf = shots.join("report.pdf");
    let _ = std::fs::remove_file(&pdf);
    let out = chromium(profile.path())
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    // A4 pages: 595 × 842 points.
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/MediaBox [0 0 595") || text.contains("/MediaBox [0 0 594"),
        "not A4"
    );

    // The DOM after the page's script ran: every finding of the JSON report, pinned to its form.
    let dom = dump_dom(&html, "");
    let forms = articles(&dom);
    let json = json_findings();
    assert_eq!(dom.matches("<li class=\"finding").count(), json.len());
    for (code, place, file, line) in &json {
        let holder = forms
            .iter()
            .find(|f| f.3.iter().any(|(c, p)| c == code && p == place));
        if let Some(form) = holder {
            assert_eq!(&form.0, file);
            assert!(form.1 <= *line && *line <= form.2, "{code} at {place}");
        }
    }
    // The filters: a link with #filter:sev=error hides every finding that is not an error, and
    // #filter:form=2 every form but the third.
    let filtered = dump_dom(&html, "#filter:sev=error");
    let items: Vec<&str> = filtered.split("<li class=\"finding").skip(1).collect();
    assert!(!items.is_empty());
    let mut shown = 0;
    for li in &items {
        let head = &li[..li.find('>').unwrap()];
        let error = head.contains("data-sev=\"error\"");
        assert_eq!(head.contains(" hidden"), !error, "{head}");
        shown += usize::from(error);
    }
    assert!(shown > 0 && shown < items.len());
    let one_form = dump_dom(&html, "#filter:form=2");
    for a in one_form.split("<article class=\"form\"").skip(1) {
        let head = &a[..a.find('>').unwrap()];
        assert_eq!(
            head.contains(" hidden"),
            !head.contains("data-form=\"2\""),
            "{head}"
        );
    }
}
