//! Report formats and the command line: SARIF valid against the official schema, the JSON
//! shape, columns in characters, exit codes, `--deny warnings`, `kpi explain`, kpi.toml and
//! inline suppressions.

use crate::checking;

use std::process::Command;

use kpi::check::report::{self, Format};
use kpi::diag::{Lang, Severity};

const FILING: &str = "examples/lhasa-kjj-2023";

fn kpi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .expect("kpi runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/data/sarif-schema-2.1.0.json").unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let (loaded, diags) = checking::check(&[FILING, "tests/fixtures/rules/K0302.kpi"]);
    for lang in [Lang::En, Lang::Zh] {
        let text = report::render(Format::Sarif, &diags, &loaded.sources, &loaded.filing, lang);
        let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "SARIF invalid: {errors:#?}");
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), diags.len());
        assert!(results
            .iter()
            .any(|r| r["ruleId"] == "K0801" && r["level"] == "error"));
    }
    // A document the schema must reject, so the validation above can fail.
    let bad = serde_json::json!({ "version": "2.1.0", "runs": [{ "results": [] }] });
    assert!(!validator.is_valid(&bad));
}

#[test]
fn json_report_shape() {
    let (code, out, _) = kpi(&["check", FILING, "--format", "json"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["kpi_check_version"], 1);
    // 18 forms and the filing's kpi.toml.
    assert_eq!(doc["files"].as_array().unwrap().len(), 19);
    let diags = doc["diagnostics"].as_array().unwrap();
    let period = diags
        .iter()
        .find(|d| d["code"] == "K0801")
        .expect("K0801 reported");
    assert_eq!(period["severity"], "error");
    assert_eq!(period["rule"], "period-outside-budget-year");
    assert_eq!(
        period["location"]["file"],
        "examples/lhasa-kjj-2023/04-innovation-vouchers.kpi"
    );
    assert_eq!(period["location"]["line"], 8);
    assert_eq!(period["location"]["column"], 10);
    assert!(period["message"]["zh"]
        .as_str()
        .unwrap()
        .contains("预算年度"));
    assert!(period["help"]["en"].as_str().unwrap().contains("period"));
    let summary = &doc["summary"];
    assert_eq!(summary["errors"], 2);
    let total: u64 = summary["families"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["errors"].as_u64().unwrap() + f["warnings"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, diags.len());
    let cross = diags
        .iter()
        .find(|d| d["code"] == "K0401" && !d["labels"].as_array().unwrap().is_empty())
        .unwrap();
    assert!(cross["labels"][0]["location"]["file"]
        .as_str()
        .unwrap()
        .ends_with(".kpi"));
}

#[test]
fn short_format_counts_columns_in_characters() {
    let (loaded, diags) = checking::check_text(
        &[(
            "t.kpi",
            "project \"科技专项\" {\n  year 2023;\n  产出 数量 \"科技项目实施\" <= 23个;\n}\n",
        )],
        None,
    );
    let short = checking::short(&loaded, &diags, Lang::En);
    // `<=` is the 18th character of line 3 (bytes would say 38).
    assert!(short.contains("t.kpi:3:18: warning[K0605] "), "{short}");
}

#[test]
fn exit_codes_and_deny_warnings() {
    // Errors: exit 1.
    let (code, out, _) = kpi(&["check", FILING, "--format", "short"]);
    assert_eq!(code, 1);
    assert!(out.contains("error[K0801]"));
    // Warnings only: exit 0, or 1 with --deny warnings.
    let warn_only = "tests/fixtures/rules/K0605.kpi";
    let (code, _, _) = kpi(&["check", warn_only]);
    assert_eq!(code, 0);
    let (code, _, _) = kpi(&["check", warn_only, "--deny", "warnings"]);
    assert_eq!(code, 1);
    // A clean file passes even with --deny warnings.
    let (code, out, _) = kpi(&[
        "check",
        "tests/fixtures/rules/K0605-ok.kpi",
        "--deny",
        "warnings",
    ]);
    assert_eq!(code, 0, "{out}");
    // I/O and usage problems: exit 2.
    let (code, _, err) = kpi(&["check", "no/such/dir.kpi"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"));
    let (code, _, _) = kpi(&["check", FILING, "--format", "xml"]);
    assert_eq!(code, 2);
}

#[test]
fn human_report_groups_by_file_and_sums_up_by_family() {
    let (_, out, _) = kpi(&["check", FILING]);
    assert!(
        out.contains(
            "── examples/lhasa-kjj-2023/04-innovation-vouchers.kpi ── 1 error(s), 1 warning(s)"
        ),
        "{out}"
    );
    assert!(
        out.contains("2 error(s), 81 warning(s) in 18 file(s)"),
        "{out}"
    );
    assert!(
        out.contains("K08xx dates            1 error(s), 3 warning(s)"),
        "{out}"
    );
}

#[test]
fn markdown_memo_lists_findings_per_form() {
    let (_, out, _) = kpi(&["check", FILING, "--format", "markdown", "--lang", "zh"]);
    assert!(out.starts_with("# 绩效目标审核意见"));
    let vouchers = out
        .find("## 项目“拉萨市级科技创业创新券兑现资金”")
        .expect("a section per project");
    let next = out[vouchers + 3..]
        .find("\n## ")
        .map(|i| i + vouchers + 3)
        .unwrap();
    assert!(
        out[vouchers..next].contains("K0801"),
        "the period finding sits under its project"
    );
    assert!(out.contains("## 合计"));
}

#[test]
fn explain_prints_the_four_parts() {
    let (code, out, _) = kpi(&["explain", "K0301"]);
    assert_eq!(code, 0);
    for part in [
        "What it checks",
        "Why it matters",
        "Example",
        "How to fix",
        "K0301 split-does-not-add-up",
    ] {
        assert!(out.contains(part), "{part} missing:\n{out}");
    }
    let (_, zh, _) = kpi(&["explain", "k0301", "--lang", "zh"]);
    assert!(zh.contains("检查内容") && zh.contains("如何修改"));
    let (code, _, err) = kpi(&["explain", "K9999"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule code"));
    let (_, all, _) = kpi(&["explain", "--all"]);
    assert_eq!(
        all.matches("What it checks").count(),
        kpi::check::rules().len()
    );
    let (_, md, _) = kpi(&["explain", "--all", "--markdown"]);
    assert_eq!(md, kpi::check::rules_markdown());
}

const FORM: &str = "project \"培训计划\" {
  year 2023;
  output quality \"培训人员合格率\" >= 50%;
  output quantity \"培训次数\" <= 3次;
}
";

#[test]
fn config_sets_levels_thresholds_and_profile() {
    let (_, default) = checking::check_text(&[("a.kpi", FORM)], None);
    let codes = checking::codes(&default);
    assert!(codes.contains(&"K0603") && codes.contains(&"K0605"));
    let k0501 = default.iter().filter(|d| d.code == "K0501").count();
    let toml = "profile = \"central-2021\"\n[thresholds]\nrate_min = 40\n[rules]\nK0605 = \"allow\"\nK0505 = \"error\"\n";
    let (_, configured) = checking::check_text(&[("a.kpi", FORM)], Some(toml));
    let codes = checking::codes(&configured);
    assert!(!codes.contains(&"K0603"), "rate_min 40 makes 50% plausible");
    assert!(!codes.contains(&"K0605"), "allowed");
    assert!(configured
        .iter()
        .filter(|d| d.code == "K0505")
        .all(|d| d.severity == Severity::Error));
    assert!(configured.iter().any(|d| d.code == "K0505"));
    let central = configured.iter().filter(|d| d.code == "K0501").count();
    assert_ne!(
        k0501, central,
        "the profile changes the required categories"
    );
    // The year in kpi.toml overrides the form's.
    let (_, y) = checking::check_text(
        &[("a.kpi", "project \"x\" { year 2023; period 2024; }")],
        Some("year = 2024\n"),
    );
    assert!(!checking::codes(&y).contains(&"K0801"));
    let (_, y) = checking::check_text(
        &[("a.kpi", "project \"x\" { year 2023; period 2024; }")],
        None,
    );
    assert!(checking::codes(&y).contains(&"K0801"));
}

#[test]
fn config_problems_are_reported() {
    let (loaded, diags) = checking::check_text(
        &[("a.kpi", FORM)],
        Some("year = \"soon\"\n[rules]\nK0999 = \"allow\"\nK0605 = \"never\"\n[thresholds]\nrate_min = [1]\n"),
    );
    let short = checking::short(&loaded, &diags, Lang::En);
    assert!(short.contains("kpi.toml:1:1: error[K1003]"), "{short}");
    assert!(
        short.contains("kpi.toml:3:1: error[K1001] unknown rule code `K0999`"),
        "{short}"
    );
    assert!(short.contains("kpi.toml:4:1: error[K1003]"), "{short}");
    assert!(
        short.contains("error[K1003] `thresholds.rate_min`"),
        "{short}"
    );
    let (_, broken) = checking::check_text(&[("a.kpi", FORM)], Some("[rules\n"));
    assert!(checking::codes(&broken).contains(&"K1003"));
    // Workbook codes (K11/K12) are not reported by `kpi check`: naming them would do nothing.
    let (loaded, workbook) =
        checking::check_text(&[("a.kpi", FORM)], Some("[rules]\nK1101 = \"allow\"\n"));
    let short = checking::short(&loaded, &workbook, Lang::En);
    assert!(
        short.contains("kpi.toml:2:1: error[K1001] unknown rule code `K1101`"),
        "{short}"
    );
}

#[test]
fn inline_suppressions() {
    let text = "project \"培训计划\" {
  year 2023;
  // kpi: allow K0603 -- 试点项目，合格率按上级文件
  output quality \"培训人员合格率\" >= 50%;
  output quantity \"培训次数\" <= 3次; // kpi: allow K0605, K0999
  output quantity \"会议次数\" <= 2次;
}
";
    let (loaded, diags) = checking::check_text(&[("a.kpi", text)], None);
    let short = checking::short(&loaded, &diags, Lang::En);
    assert!(
        !short.contains("K0603"),
        "suppressed on the next line:\n{short}"
    );
    assert!(
        !short.contains("“培训次数”"),
        "suppressed on its own line:\n{short}"
    );
    assert_eq!(
        diags.iter().filter(|d| d.code == "K0605").count(),
        1,
        "only line 6 is reported:\n{short}"
    );
    assert!(short.contains("a.kpi:6:"), "{short}");
    assert!(
        short.contains("a.kpi:5:33: error[K1001] unknown rule code `K0999`"),
        "{short}"
    );
    assert!(short.contains("a.kpi:5:33: warning[K1002]"), "{short}");
}

#[test]
fn build_ignores_checker_findings() {
    let (code, out, _) = kpi(&["build", FILING, "--to", "json"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"kpi_json_version\""));
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "project",
        "project \"\" {}",
        "department \"\" { funds { total 0; } }",
        "project \"x\" { budget 0万元 { fiscal; }; output cost \"\" <= 0; goal \"XX\"; }",
        "项目 \"一\" { 年度 99999; 产出 数量 \"指标1：\" ≥ 0; }",
    ] {
        let (loaded, diags) = checking::check_text(&[("odd.kpi", text)], Some(""));
        let _ = report::render(
            Format::Markdown,
            &diags,
            &loaded.sources,
            &loaded.filing,
            Lang::Zh,
        );
        let _ = report::render(
            Format::Sarif,
            &diags,
            &loaded.sources,
            &loaded.filing,
            Lang::En,
        );
        let _ = report::render(
            Format::Human,
            &diags,
            &loaded.sources,
            &loaded.filing,
            Lang::En,
        );
    }
}

#[test]
fn no_panic_on_truncated_filings() {
    // Every example file cut at many places, checked together with the others: the checker
    // must not panic on half-written forms.
    let files: Vec<(String, String)> = std::fs::read_dir(FILING)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    for (name, text) in &files {
        let mut cut = 0;
        while cut < text.len() {
            while !text.is_char_boundary(cut) {
                cut += 1;
            }
            let mut set: Vec<(&str, &str)> = files
                .iter()
                .filter(|(n, _)| n != name)
                .map(|(n, t)| (n.as_str(), t.as_str()))
                .collect();
            set.push((name.as_str(), &text[..cut]));
            let (loaded, diags) = checking::check_text(&set, None);
            let _ = report::render(
                Format::Markdown,
                &diags,
                &loaded.sources,
                &loaded.filing,
                Lang::En,
            );
            cut += 211;
        }
    }
}

#[test]
fn forms_that_lost_data_are_not_called_incomplete() {
    // The budget is there but not money (K0204): the form must not also be told that it has
    // no budget, nor be called short of the categories its profile requires; what it really
    // lacks (a goal) is still reported: one bad value, one finding, and the other checks run.
    let lhasa = Some("profile = \"lhasa-2023\"");
    let text = "project \"x\" {\n  year 2023;\n  budget 1238.68;\n  goal \"完成。\";\n  output quantity \"n\" ≥1个;\n}\n";
    let (_, diags) = checking::check_text(&[("a.kpi", text)], lhasa);
    assert!(codes_contain(&diags, "K0204"), "{diags:?}");
    assert!(
        !diags
            .iter()
            .any(|d| d.code == "K0505" && d.message.en.contains("budget")),
        "{diags:?}"
    );
    // A statement that does not parse hides only what it could have been: here an
    // indicator row of 产出/质量, so 质量 is not called missing, while 时效 still is.
    let text = "project \"x\" {\n  year 2023;\n  budget 10万元;\n  goal \"完成。\";\n  output quality \"n\" >= ;\n}\n";
    let (_, diags) = checking::check_text(&[("a.kpi", text)], lhasa);
    let missing: Vec<String> = diags
        .iter()
        .filter(|d| d.code == "K0501")
        .map(|d| d.message.en.clone())
        .collect();
    assert!(codes_contain(&diags, "K0101"), "{diags:?}");
    assert!(
        !missing.iter().any(|m| m.contains("quality")),
        "{missing:?}"
    );
    assert!(
        missing.iter().any(|m| m.contains("timeliness")),
        "{missing:?}"
    );
    // A statement whose first word is no keyword could have been anything: no K0501/K0505.
    let text = "project \"x\" {\n  year 2023;\n  预算资金 10万元;\n}\n";
    let (_, diags) = checking::check_text(&[("a.kpi", text)], lhasa);
    assert!(
        !codes_contain(&diags, "K0501") && !codes_contain(&diags, "K0505"),
        "{diags:?}"
    );
    // The same form without the error is judged complete or not.
    let text = "project \"x\" {\n  year 2023;\n  budget 1238.68万元;\n}\n";
    let (_, diags) = checking::check_text(&[("a.kpi", text)], lhasa);
    assert!(checking::codes(&diags).contains(&"K0501"));
    assert!(checking::codes(&diags).contains(&"K0506"));
}

fn codes_contain(diags: &[kpi::diag::Diagnostic], code: &str) -> bool {
    diags.iter().any(|d| d.code == code)
}

#[test]
fn human_and_short_reports_agree_on_columns() {
    // The cost sits after 9 Chinese characters: its column counts characters in every
    // format (miette alone would count bytes: 2:45).
    let text = "project \"科技专项\" {\n  output cost \"人均培训成本控制率\" ≥10%;\n}\n";
    let (loaded, diags) = checking::check_text(&[("a.kpi", text)], None);
    let k0202: Vec<_> = diags
        .iter()
        .filter(|d| d.code == "K0202")
        .cloned()
        .collect();
    let short = checking::short(&loaded, &k0202, Lang::En);
    assert!(short.starts_with("a.kpi:2:27:"), "{short}");
    let human = kpi::diag::render(&k0202, &loaded.sources, Lang::En);
    assert!(human.contains("[a.kpi:2:27]"), "{human}");
}

#[test]
fn each_folder_is_a_filing_of_its_own() {
    // a/ has the funds table, b/ the project form of the same name: checked together they
    // must not be matched with each other (each folder is one department's filing).
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(
        a.join("dept.kpi"),
        "department \"甲局\" {\n  year 2023;\n  funds {\n    project \"科技专项\" 10万元 fiscal;\n  }\n}\n",
    )
    .unwrap();
    std::fs::write(
        b.join("proj.kpi"),
        "project \"科技专项\" {\n  year 2023;\n  budget 10万元 { fiscal 10万元; }\n}\n",
    )
    .unwrap();
    std::fs::write(
        b.join("dept.kpi"),
        "department \"乙局\" {\n  year 2023;\n  funds {\n  }\n}\n",
    )
    .unwrap();
    let (_, out, _) = kpi(&[
        "check",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "short",
    ]);
    assert!(out.contains("[K0401]"), "a's line has no form in a: {out}");
    assert!(
        out.contains("[K0402]"),
        "b's form is not in b's table: {out}"
    );
    // Each folder alone gives the same findings as together.
    let (_, alone_a, _) = kpi(&["check", a.to_str().unwrap(), "--format", "short"]);
    let (_, alone_b, _) = kpi(&["check", b.to_str().unwrap(), "--format", "short"]);
    assert_eq!(out, format!("{alone_a}{alone_b}"));
}
