//! Issue 12, the reviewer's way in: `kpi check` on workbooks as they arrive (findings at
//! `book!sheet!cell` in every report format), hand-typed workbooks (blank category cells under
//! filled ones) imported row for row, rows kpi cannot place reported at their cells, and
//! `kpi import --keywords zh` on a folder.

use std::path::{Path, PathBuf};
use std::process::Command;

fn kpi() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kpi"));
    c.env("KPI_LANG", "en")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    c
}

/// A project form typed by hand: no merged cells, 一级指标 and 二级指标 written once and left
/// blank below, the way clerks type; row 15 has a category kpi does not know (其它).
fn hand_typed() -> Vec<u8> {
    let rows: &[&[&str]] = &[
        &["2023年度项目支出绩效目标申报表"],
        &["项目名称", "科技特派员培训"],
        &["实施单位", "拉萨市科学技术局"],
        &["年度资金总额", "50"],
        &[
            "年度总体目标",
            "完成科技特派员培训任务，提升农牧区科技服务能力",
        ],
        &["一级指标", "二级指标", "三级指标", "指标值"],
        &["产出指标", "数量指标", "培训人次", "≥200人次"],
        &["", "", "培训场次", "≥4场"],
        &["", "质量指标", "培训合格率", "≥90%"],
        &["", "", "学员考核通过率", "≥85%"],
        &["", "时效指标", "完成时间", "≤2023-12-31"],
        &["效益指标", "社会效益指标", "农牧区科技服务能力", "有所提升"],
        &["", "", "受益农牧民人数", "≥500人"],
        &["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"],
        &["其它", "", "宣传报道", "2篇"],
    ];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("科技专项").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                ws.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn write_book(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_hand_typed_workbook_imports_every_row() {
    let imported =
        kpi::import::import(&hand_typed(), "手填.xlsx", &kpi::fmt::Options::default()).unwrap();
    let text = &imported.text;
    for (level, name) in [
        ("output quantity", "培训人次"),
        ("output quantity", "培训场次"),
        ("output quality", "培训合格率"),
        ("output quality", "学员考核通过率"),
        ("output timeliness", "完成时间"),
        ("effect social", "农牧区科技服务能力"),
        ("effect social", "受益农牧民人数"),
        ("satisfaction service", "学员满意度"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(&format!("{level} \"{name}\""))),
            "{name} not imported as {level}:\n{text}"
        );
    }
    // The row with an unknown category is an error at its cell, not only a comment.
    assert_eq!(imported.problems.len(), 1, "{:?}", imported.problems);
    let p = &imported.problems[0];
    assert_eq!(p.code, "K1202");
    assert_eq!(
        p.location().describe(&Default::default()),
        "手填.xlsx!科技专项!A15"
    );
    assert!(text.contains("// row 15"), "{text}");
}

#[test]
fn check_reports_workbook_findings_at_their_cells_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path(), "手填.xlsx", &hand_typed());
    let run = |format: &str| {
        let out = kpi()
            .current_dir(dir.path())
            .args(["check", "手填.xlsx", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    for d in diags {
        let loc = &d["location"];
        assert_eq!(loc["file"], "手填.xlsx", "{d}");
        assert_eq!(loc["sheet"], "科技专项", "{d}");
        assert!(loc.get("line").is_none(), "{d}");
    }
    let unplaced = diags.iter().find(|d| d["code"] == "K1202").unwrap();
    assert_eq!(unplaced["location"]["cell"], "A15");
    assert!(run("short").contains("手填.xlsx!科技专项!A15: error[K1202]"));
    let human = run("human");
    assert!(human.contains("at: 手填.xlsx!科技专项!A15"), "{human}");
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(
        |r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
            == "手填.xlsx!科技专项!A15"
    ));
    assert!(run("markdown").contains("手填.xlsx!科技专项!A15"));
}

/// A finding about an imported value points at the value's cell and shows its text.
#[test]
fn a_finding_on_a_value_points_at_the_value_cell() {
    // The Lhasa filing written to workbooks by kpi, checked as workbooks: every finding the
    // .kpi check makes on an indicator value is found on the workbook at a cell of the value
    // column, with the cell's text in the help.
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = kpi()
        .args(["build", "--to", "xlsx", "-o"])
        .arg(dir.path())
        .arg(root.join("examples/lhasa-kjj-2023"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let out = kpi()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert!(diags.len() > 10, "{json}");
    let with_cell = diags
        .iter()
        .filter(|d| {
            d["location"]["cell"]
                .as_str()
                .is_some_and(|c| !c.is_empty())
        })
        .count();
    // Most findings are on text taken from a cell; the rest are on the sheet.
    assert!(
        with_cell * 10 >= diags.len() * 8,
        "{with_cell} of {}",
        diags.len()
    );
    for d in diags {
        assert!(
            d["location"]["sheet"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{d}"
        );
    }
    let value_finding = diags
        .iter()
        .find(|d| {
            d["help"]["en"]
                .as_str()
                .is_some_and(|h| h.contains(" (cell "))
        })
        .expect("a finding showing its cell's text");
    let cell = value_finding["location"]["cell"].as_str().unwrap();
    assert!(
        value_finding["help"]["en"]
            .as_str()
            .unwrap()
            .contains(&format!("cell {cell} reads: ")),
        "{value_finding}"
    );
}

#[test]
fn a_layout_kpi_cannot_read_is_one_diagnostic_naming_what_it_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("资金").unwrap();
    ws.write_string(0, 0, "合计").unwrap();
    write_book(dir.path(), "资金表.xlsx", &wb.save_to_buffer().unwrap());
    let out = kpi()
        .current_dir(dir.path())
        .args(["check", "资金表.xlsx", "--format", "short"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("资金表.xlsx: error[K1201]"), "{text}");
    assert!(text.contains("项目名称"), "{text}");
}

#[test]
fn a_folder_mixing_workbooks_and_kpi_files_is_one_filing() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path(), "b.xlsx", &hand_typed());
    std::fs::write(
        dir.path().join("a.kpi"),
        "project \"x\" {\n  output quantity \"n\" ≥1家;\n}\n",
    )
    .unwrap();
    // Excel's lock file is not a workbook.
    std::fs::write(dir.path().join("~$b.xlsx"), b"lock").unwrap();
    let out = kpi()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].ends_with("a.kpi") && files[1].ends_with("b.xlsx"));
}

#[test]
fn import_takes_keywords_and_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path(), "手填.xlsx", &hand_typed());
    write_book(dir.path(), "第二.xlsx", &hand_typed());
    let out_dir = dir.path().join("kpi");
    let out = kpi()
        .args(["import", "--keywords", "zh", "-o"])
        .arg(&out_dir)
        .arg(dir.path())
        .output()
        .unwrap();
    // The unplaced row of each workbook is reported, so the exit code is 1; both are written.
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("K1202").count(), 2, "{stderr}");
    let text = std::fs::read_to_string(out_dir.join("手填.kpi")).unwrap();
    assert!(text.contains("项目 \"科技特派员培训\""), "{text}");
    assert!(text.contains("产出 数量 \"培训场次\""), "{text}");
    assert!(out_dir.join("第二.kpi").exists());
    // What was written reads back with the same forms.
    let check = kpi()
        .args(["check", "--format", "short"])
        .arg(out_dir.join("手填.kpi"))
        .output()
        .unwrap();
    assert_ne!(check.status.code(), Some(2), "{check:?}");
}
