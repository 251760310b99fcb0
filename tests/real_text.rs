//! Real text as filers paste it from Excel, Word and PDF (issue 8 §2): every spelling below is
//! read to its exact value, gets at most a warning, and `kpi fmt` rewrites it to the canonical
//! spelling with the same meaning.

use crate::checking;

use kpi::diag::Lang;
use kpi::filing::load_sources;
use kpi::fmt::{format_text, Options};
use kpi::model::*;
use kpi::source::SourceFile;

/// The project of a one-form text and the codes of its lowering diagnostics.
fn project(body: &str) -> (Project, Vec<&'static str>) {
    let text = format!("project \"p\" {{\n{body}\n}}\n");
    let loaded = load_sources(vec![SourceFile::new("t.kpi", text.as_str())]);
    let codes = loaded.diagnostics.iter().map(|d| d.code).collect();
    (loaded.filing.projects[0].clone(), codes)
}

fn value(body: &str) -> (Value, Vec<&'static str>) {
    let (p, codes) = project(body);
    (p.indicators[0].value.clone().expect("a value"), codes)
}

fn quantity(v: &Value) -> &Quantity {
    match v {
        Value::Quantitative { quantity, .. } => quantity,
        other => panic!("not a quantity: {other:?}"),
    }
}

fn formatted(body: &str) -> String {
    let text = format!("project \"p\" {{\n  {body}\n}}\n");
    let out = format_text(&text, &Options::default()).expect("formats");
    out.lines().nth(1).unwrap().trim().to_string()
}

#[test]
fn numbers_as_filers_type_them() {
    for (written, exact, canonical) in [
        ("1,238.68万元", "1238.68", "1238.68万元"),
        ("12,500元", "12500", "12500元"),
        ("１２３８.６８万元", "1238.68", "1238.68万元"),
        ("1238.万元", "1238", "1238万元"),
        ("3,309,840.00元", "3309840.00", "3309840.00元"),
    ] {
        let (p, codes) = project(&format!("  budget {written};"));
        assert!(codes.is_empty(), "{written}: {codes:?}");
        let total = &p.budget.unwrap().total;
        assert_eq!(total.value.to_string(), exact, "{written}");
        assert_eq!(
            formatted(&format!("budget {written};")),
            format!("budget {canonical};")
        );
    }
    // Money stays exact to the cent through the separators.
    let (p, _) = project("  budget 1,238.68万元;");
    assert_eq!(
        p.budget.unwrap().total.yuan().unwrap().to_string(),
        "12386800.00"
    );
    // A comma that is no thousands separator is still an error.
    let (_, codes) = project("  budget 1,23万元;");
    assert!(codes.iter().any(|c| c.starts_with("K01")), "{codes:?}");
}

#[test]
fn dates_as_filers_write_them() {
    for (written, canonical) in [
        ("2023年1月28日", "2023年1月28日"),
        ("2023年1月28", "2023年1月28日"),
        ("2023 年 1 月 28 日", "2023年1月28日"),
        ("2023/01/28", "2023-01-28"),
        ("2023-1-28", "2023-1-28"),
        ("2023.1.28", "2023.1.28"),
        ("20230128", "2023-01-28"),
    ] {
        let (p, codes) = project(&format!("  filed {written};"));
        assert!(codes.is_empty(), "{written}: {codes:?}");
        let date = p.header.filed.unwrap().date.unwrap().value;
        assert_eq!(date.to_string(), "2023-01-28", "{written}");
        assert_eq!(
            formatted(&format!("filed {written};")),
            format!("filed {canonical};")
        );
    }
    for (written, from, to) in [
        ("2023.07-2024.01", "2023-07", "2024-01"),
        ("2023年1-12月", "2023-01", "2023-12"),
        ("2023年1月-12月", "2023-01", "2023-12"),
        ("202001-202012", "2020-01", "2020-12"),
        ("20230101-20231231", "2023-01-01", "2023-12-31"),
    ] {
        let (p, codes) = project(&format!("  period {written};"));
        assert!(codes.is_empty(), "{written}: {codes:?}");
        match p.period.unwrap().value {
            Period::Range { from: f, to: t } => {
                assert_eq!(
                    (f.to_string(), t.to_string()),
                    (from.into(), to.into()),
                    "{written}"
                )
            }
            other => panic!("{written}: {other:?}"),
        }
    }
    // A month as a timeliness target.
    let (v, codes) = value("  output timeliness \"完成时限\" 2025年12月;");
    assert!(codes.is_empty(), "{codes:?}");
    assert!(matches!(v, Value::Date { date, .. } if date.to_string() == "2025-12"));
    // A count of eight digits is no date.
    let (v, _) = value("  output quantity \"受益人次\" ≥12345678人次;");
    assert_eq!(quantity(&v).value.to_string(), "12345678");
}

#[test]
fn excel_date_serials_are_recognised() {
    let (p, codes) = project("  filed 45291;\n  output timeliness \"完成时间\" ≤45291;");
    assert_eq!(codes, vec!["K0207", "K0207"]);
    assert_eq!(
        p.header
            .filed
            .clone()
            .unwrap()
            .date
            .unwrap()
            .value
            .to_string(),
        "2023-12-31"
    );
    assert!(
        matches!(&p.indicators[0].value, Some(Value::Date { date, .. }) if date.to_string() == "2023-12-31")
    );
    assert_eq!(formatted("filed 45291;"), "filed 2023-12-31;");
    assert_eq!(
        formatted("output timeliness \"完成时间\" ≤45291;"),
        "output timeliness \"完成时间\" ≤2023-12-31;"
    );
    // The 1900 leap-year bug of Excel is honoured: serial 36526 is 2000-01-01.
    assert_eq!(
        Date::from_excel_serial(36526).unwrap().to_string(),
        "2000-01-01"
    );
    assert_eq!(
        Date::from_excel_serial(44927).unwrap().to_string(),
        "2023-01-01"
    );
    // Five digits that are no plausible serial, or that count something, stay numbers.
    let (v, codes) = value("  output quantity \"受益人数\" ≥45291人;");
    assert!(codes.is_empty());
    assert_eq!(quantity(&v).value.to_string(), "45291");
    assert!(Date::from_excel_serial(12345).is_none());
}

#[test]
fn units_in_common_spellings_have_real_dimensions() {
    for (written, dim) in [
        ("3.5KM", Dimension::Length),
        ("3.5km", Dimension::Length),
        ("80M", Dimension::Length),
        ("12吨", Dimension::Mass),
        ("2万吨", Dimension::Mass),
        ("500kg", Dimension::Mass),
        ("300公斤", Dimension::Mass),
        ("30斤", Dimension::Mass),
        ("4.5立方米", Dimension::Volume),
        ("20升", Dimension::Volume),
        ("100千瓦", Dimension::Energy),
        ("5000度", Dimension::Energy),
        ("2倍", Dimension::Ratio),
        ("3个百分点", Dimension::Percent),
        ("60亩", Dimension::Area),
        ("420平方米", Dimension::Area),
        ("3万人次", Dimension::Count),
    ] {
        let (v, codes) = value(&format!("  output quantity \"x\" ≥{written};"));
        assert!(codes.is_empty(), "{written}: {codes:?}");
        assert_eq!(quantity(&v).dimension(), Some(dim), "{written}");
    }
    // A mass is not a count: the goal's 12吨 is not compared with an indicator's 12人.
    assert_ne!(Dimension::Mass, Dimension::Count);
}

#[test]
fn an_unknown_unit_is_one_warning_and_nothing_is_lost() {
    let text = "project \"p\" {\n  year 2023;\n  budget 10万元 { fiscal 10万元; }\n  goal \"目标\";\n  output quantity \"标准箱\" ≥100标准箱;\n  output quality \"合格率\" ≥95%;\n}\n";
    let (loaded, diags) = checking::check_text(&[("a.kpi", text)], None);
    let codes = checking::codes(&diags);
    assert_eq!(
        codes,
        vec!["K0201"],
        "{}",
        checking::short(&loaded, &diags, Lang::En)
    );
    let q = quantity(
        loaded.filing.projects[0].indicators[0]
            .value
            .as_ref()
            .unwrap(),
    )
    .clone();
    assert_eq!(q.written(), "100标准箱");
    assert_eq!(q.dimension(), Some(Dimension::Other));
    // The statement after it was read.
    assert_eq!(loaded.filing.projects[0].indicators.len(), 2);
    // K0201 is a warning: kpi build still writes the JSON.
    assert!(diags.iter().all(|d| !d.loses_data()));
    // Declared in kpi.toml, the unit has a dimension and a conversion, and no warning.
    let config = "[units]\n\"标准箱\" = \"count\"\n\"万亩\" = { dimension = \"area\", base = \"亩\", factor = 10000 }\n";
    let units = kpi::config::units_of(&SourceFile::new("kpi.toml", config));
    let loaded = kpi::filing::load_sources_with(vec![SourceFile::new("a.kpi", text)], &units);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let text = "project \"p\" { output quantity \"改造面积\" ≥2.5万亩; }";
    let loaded = kpi::filing::load_sources_with(vec![SourceFile::new("a.kpi", text)], &units);
    let q = quantity(
        loaded.filing.projects[0].indicators[0]
            .value
            .as_ref()
            .unwrap(),
    )
    .clone();
    assert_eq!(q.normalized().unwrap().0.to_string(), "25000");
    assert_eq!(q.normalized().unwrap().1, "亩");
}

#[test]
fn gb18030_files_are_read_and_resaved_as_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.kpi");
    let text =
        "project \"科技专项\" {\n  year 2023;\n  output quantity \"科技项目实施\" ≥23个;\n}\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    std::fs::write(&path, &bytes).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err());
    let loaded = kpi::filing::load(std::slice::from_ref(&path)).unwrap();
    assert_eq!(loaded.filing.projects[0].name, "科技专项");
    assert_eq!(
        loaded
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>(),
        vec!["K0112"]
    );
    // `kpi fmt` rewrites it as UTF-8; `--check` reports it first.
    let kpi = env!("CARGO_BIN_EXE_kpi");
    let check = std::process::Command::new(kpi)
        .args(["fmt", "--check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let fmt = std::process::Command::new(kpi)
        .arg("fmt")
        .arg(&path)
        .output()
        .unwrap();
    assert!(fmt.status.success(), "{fmt:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // An xlsx given to `kpi check` is read as a workbook (issue 12): one that is not a
    // workbook at all is a finding at the file (K1107), not a load error.
    let xlsx = dir.path().join("forms.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04 not really a workbook").unwrap();
    let out = std::process::Command::new(kpi)
        .args(["check", "--format", "short"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("forms.xlsx: error[K1107]"),
        "{out:?}"
    );
}

#[test]
fn combined_categories_and_standards_are_read() {
    let (p, codes) = project(
        "  满意度 社会公众或服务对象满意度指标 \"群众满意度\" ≥90% { 绩效标准 \"计划标准\"; };",
    );
    assert!(codes.is_empty(), "{codes:?}");
    let ind = &p.indicators[0];
    assert_eq!(
        (ind.level1, ind.level2),
        (Level1::Satisfaction, Some(Level2::Service))
    );
    assert_eq!(ind.standard.as_deref(), Some("计划标准"));
}
