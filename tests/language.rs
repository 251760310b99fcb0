//! The language features of docs/language.md, each shown on the model it lowers to.

use kpi::filing::load_sources;
use kpi::model::*;
use kpi::source::SourceFile;

fn lower(src: &str) -> Filing {
    let loaded = load_sources(vec![SourceFile::new("t.kpi", src)]);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        kpi::diag::render(&loaded.diagnostics, &loaded.sources, kpi::diag::Lang::En)
    );
    loaded.filing
}

fn json_without_origin(f: &Filing) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(&kpi::emit::json::to_json(f)).unwrap();
    for kind in ["projects", "departments"] {
        for form in v[kind].as_array_mut().unwrap() {
            form.as_object_mut().unwrap().remove("origin");
        }
    }
    v
}

const ENGLISH: &str = r#"
project "科技专项" {
  department "拉萨市科技局" code "009909878";
  unit "高新技术与成果转化科";
  kind subsidy new;
  period 2023-01..2023-12;
  budget 1238.68万元 { fiscal 1000万元; transfer 200万元; other 38.68万元; }
  filed 2023-01-28 by "谭丽华" phone "0891-6320663";
  year 2023;
  goal "目标";
  output quantity "科技项目实施" >= 23 个 { weight 10; explanation "解释"; scoring "评分"; direction positive; }
  output quality "验收" >= 95%;
  output timeliness "完成时间" <= 2023-12-31;
  output cost "控制数" <= 1238.68万元;
  cost economic "经济成本" 5万;
  effect social "社会效益" "有所增强";
  effect sustainable "可持续" "有所推动";
  satisfaction service "满意度" >= 98%;
}
department "拉萨市科学技术局" {
  code "009909878";
  year 2023;
  funds {
    basic "公用经费" 72.68万元 fiscal;
    project "科技专项" 1238.68万元 { fiscal 1000万元; transfer 238.68万元; } -> "科技专项";
    total basic 72.68万元 fiscal;
    total 1311.36万元 { fiscal 1072.68万元; transfer 238.68万元; }
  }
  goal "部门目标";
  satisfaction "科技企业满意度" >= 90%;
}
"#;

const CHINESE: &str = r#"
项目 "科技专项" {
  主管部门 "拉萨市科技局" 代码 "009909878";
  实施单位 "高新技术与成果转化科";
  项目属性 补助资金 新增;
  项目期 2023-01..2023-12;
  年度资金总额 1238.68万元 { 财政拨款 1000万元; 转移性资金 200万元; 其他资金 38.68万元; }
  填报日期 2023年1月28日 填报人 “谭丽华” 联系电话 "0891-6320663";
  年度 2023;
  目标 "目标";
  产出 数量 "科技项目实施" ≥ 23个 { 分值 10; 指标解释 "解释"; 评分标准 "评分"; 指标方向 正向; }
  产出指标 质量指标 "验收" ≥95％;
  产出 时效 "完成时间" ≤2023-12-31;
  产出 成本 "控制数" ≤ 1238.68万元;
  成本指标 经济成本 "经济成本" 5万;
  效益 社会效益 "社会效益" "有所增强";
  效益指标 可持续影响指标 "可持续" "有所推动";
  满意度 服务对象满意度 "满意度" ＞＝98%;
}
部门 "拉萨市科学技术局" {
  代码 "009909878";
  年度 2023;
  资金表 {
    基本支出 "公用经费" 72.68万元 财政拨款;
    项目支出 "科技专项" 1238.68万元 { 财政拨款 1000万元; 转移性资金 238.68万元; } → "科技专项";
    合计 基本支出 72.68万元 财政拨款;
    合计 1311.36万元 { 财政拨款 1072.68万元; 转移性资金 238.68万元; }
  }
  目标 "部门目标";
  满意度 "科技企业满意度" ≥90%;
}
"#;

#[test]
fn chinese_and_english_keywords_mean_the_same() {
    let en = lower(ENGLISH);
    let zh = lower(CHINESE);
    assert_eq!(json_without_origin(&en), json_without_origin(&zh));
    assert_eq!(en.projects.len(), 1);
    assert_eq!(en.departments.len(), 1);
    assert_eq!(en.projects[0].indicators.len(), 8);
}

/// Any Unicode white space separates words as a space does: the no-break space, the en and em
/// spaces and the thin spaces a paste from Word brings, the line separator, the byte-order
/// mark (docs/language.md, "spacing").
#[test]
fn unicode_white_space_is_white_space() {
    let odd = ENGLISH
        .replace("\n  ", "\n\u{2003}\u{a0}")
        .replace("output ", "output\u{2002}\u{feff}")
        .replace(" {", "\u{205f}{")
        .replace(";\n", ";\u{200a}\u{2028}\u{3000}\u{85}\n");
    assert_ne!(odd, ENGLISH);
    assert!(!odd.contains("\n  "));
    assert_eq!(
        json_without_origin(&lower(&odd)),
        json_without_origin(&lower(ENGLISH))
    );
}

/// Recovery after a broken form finds the next form however it is spaced: the recovery rules
/// know the same white space as the rest of the grammar (here before the next form's `{`).
#[test]
fn recovery_finds_the_next_form_after_any_white_space() {
    for space in [" ", "\u{a0}", "\u{feff}", "\u{2003}", "\u{3000}"] {
        let text = format!(
            "project \"a\" {{\n  budget 1万元\nproject \"b\"{space}{{\n  budget 2万元;\n}}\n"
        );
        let loaded = load_sources(vec![SourceFile::new("t.kpi", text.as_str())]);
        assert!(!loaded.diagnostics.is_empty(), "form a is broken");
        assert!(
            loaded.filing.projects.iter().any(|p| p.name == "b"),
            "{space:?}: form b was swallowed by the recovery of form a"
        );
    }
}

#[test]
fn the_design_brief_line_compiles_as_written() {
    let f = lower(
        r#"project "科技专项" < budget 1238.68万元; output quantity "科技项目实施" <= 23 个; >"#,
    );
    let p = &f.projects[0];
    assert_eq!(
        p.budget.as_ref().unwrap().total.yuan().unwrap().to_string(),
        "12386800.00"
    );
    let ind = &p.indicators[0];
    assert_eq!(
        (ind.level1, ind.level2),
        (Level1::Output, Some(Level2::Quantity))
    );
    match &ind.value {
        Some(Value::Quantitative {
            comparator,
            explicit,
            quantity,
        }) => {
            assert_eq!(*comparator, Comparator::AtMost);
            assert!(explicit);
            assert_eq!(quantity.written(), "23个");
        }
        other => panic!("{other:?}"),
    }
}

fn value_of(indicator: &str) -> Value {
    let f = lower(&format!("project \"p\" {{ {indicator} }}"));
    f.projects[0].indicators[0].value.clone().unwrap()
}

#[test]
fn comparators_in_every_spelling() {
    for (written, expected) in [
        (">=", Comparator::AtLeast),
        ("≥", Comparator::AtLeast),
        ("＞＝", Comparator::AtLeast),
        ("<=", Comparator::AtMost),
        ("≤", Comparator::AtMost),
        (">", Comparator::Above),
        ("＞", Comparator::Above),
        ("<", Comparator::Below),
        ("＜", Comparator::Below),
        ("=", Comparator::Equal),
        ("＝", Comparator::Equal),
    ] {
        match value_of(&format!("output quantity \"n\" {written} 3个;")) {
            Value::Quantitative {
                comparator,
                explicit,
                ..
            } => {
                assert_eq!(comparator, expected, "{written}");
                assert!(explicit);
            }
            other => panic!("{other:?}"),
        }
    }
    match value_of("output quantity \"n\" 7家;") {
        Value::Quantitative {
            comparator,
            explicit,
            ..
        } => {
            assert_eq!(comparator, Comparator::Equal);
            assert!(
                !explicit,
                "a bare quantity means = and says it was not written"
            );
        }
        other => panic!("{other:?}"),
    }
}

fn quantity_of(indicator: &str) -> Quantity {
    match value_of(indicator) {
        Value::Quantitative { quantity, .. } => quantity,
        other => panic!("{other:?}"),
    }
}

#[test]
fn quantities_units_and_multipliers() {
    let wan = quantity_of("output cost \"c\" 5万;");
    assert_eq!(
        wan.unit.as_ref().unwrap().symbol,
        "万元",
        "万 alone in a cost means 万元"
    );
    assert_eq!(wan.yuan().unwrap().to_string(), "50000.00");

    let books = quantity_of("output quantity \"b\" ≥2万件(册);");
    assert_eq!(books.multiplier, Some(Multiplier::TenThousand));
    assert_eq!(books.normalized().unwrap().0.to_string(), "20000");

    let yi = quantity_of("output cost \"c\" 1.5亿元;");
    assert_eq!(yi.yuan().unwrap().to_string(), "150000000.00");

    let per_day = quantity_of("output cost \"c\" 200元/天;");
    assert_eq!(per_day.dimension(), Some(Dimension::Compound));

    let bare = quantity_of("output quantity \"n\" 35;");
    assert_eq!(
        (bare.unit.clone(), bare.value.to_string()),
        (None, "35".to_string())
    );

    for (unit, dim) in [
        ("%", Dimension::Percent),
        ("％", Dimension::Percent),
        ("天", Dimension::Time),
        ("小时", Dimension::Time),
        ("人次", Dimension::Count),
        ("台套", Dimension::Count),
        ("亩", Dimension::Area),
        ("平方米", Dimension::Area),
        ("人/天", Dimension::Compound),
        ("次/月", Dimension::Compound),
    ] {
        let q = quantity_of(&format!("output quantity \"n\" 3{unit};"));
        assert_eq!(q.dimension(), Some(dim), "{unit}");
    }
}

#[test]
fn dates_and_periods_as_values() {
    match value_of("output timeliness \"t\" 2023.07-2024.01;") {
        Value::Period { from, to, .. } => {
            assert_eq!(
                (from.to_string(), to.to_string()),
                ("2023-07".into(), "2024-01".into())
            )
        }
        other => panic!("{other:?}"),
    }
    match value_of("output timeliness \"t\" ≤2023-12-31;") {
        Value::Date {
            comparator, date, ..
        } => {
            assert_eq!(comparator, Comparator::AtMost);
            assert_eq!(date.to_string(), "2023-12-31");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn project_periods() {
    let period = |p: &str| {
        lower(&format!("project \"p\" {{ period {p}; }}")).projects[0]
            .period
            .clone()
            .unwrap()
            .value
    };
    assert_eq!(period("2023"), Period::Year { year: 2023 });
    assert_eq!(period("2023年"), Period::Year { year: 2023 });
    assert!(matches!(period("365天"), Period::Duration { .. }));
    assert!(matches!(period("1年"), Period::Duration { .. }));
    match period("2021年1月-2021年12月") {
        Period::Range { from, to } => {
            assert_eq!(
                (from.to_string(), to.to_string()),
                ("2021-01".into(), "2021-12".into())
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn blanks_and_odd_values_are_recorded_as_written() {
    let f = lower(
        r#"project "p" {
  kind "一次性新";
  budget 30万元 { fiscal 30万元; other; }
  effect economic "指标1:";
  effect social "" "有所帮助";
  output cost "控制数" ≤1000;
}"#,
    );
    let p = &f.projects[0];
    let kind = p.kind.as_ref().unwrap();
    assert_eq!(kind.kinds, vec![ProjectKind::OneOff, ProjectKind::New]);
    assert_eq!(kind.text.as_deref(), Some("一次性新"));
    let split = &p.budget.as_ref().unwrap().split;
    assert!(
        split.other.as_ref().unwrap().amount.is_none(),
        "a blank cell"
    );
    assert!(split.transfer.is_none(), "not written");
    assert!(p.indicators[0].value.is_none());
    assert_eq!(p.indicators[1].name, "");
    let cost = quantity_of("output cost \"控制数\" ≤1000;");
    assert!(
        cost.unit.is_none(),
        "the checker, not the language, flags a cost without unit"
    );
}

#[test]
fn comments_are_ignored_everywhere() {
    let f = lower(
        "// a form\nproject /* name */ \"p\" { // header\n  budget 5万元; /* money */\n  goal \"g\"; // goal\n}\n",
    );
    assert_eq!(f.projects[0].goals.len(), 1);
}
