//! The real filing: the report on `examples/lhasa-kjj-2023` (the Lhasa Science and
//! Technology Bureau's 2023 forms, transcribed with their defects). Reviewed finding by
//! finding against the seed text; see the snapshots. The counts per rule are asserted too, so
//! a rule that stops finding a real defect (or starts finding false ones) fails here.

use crate::checking;

use std::collections::BTreeMap;

use kpi::check::report::{self, Format};
use kpi::diag::Lang;

const FILING: &str = "examples/lhasa-kjj-2023";

#[test]
fn lhasa_short_report() {
    let (loaded, diags) = checking::check(&[FILING]);
    insta::assert_snapshot!("lhasa_short_en", checking::short(&loaded, &diags, Lang::En));
    insta::assert_snapshot!("lhasa_short_zh", checking::short(&loaded, &diags, Lang::Zh));
}

#[test]
fn lhasa_review_memo() {
    let (loaded, diags) = checking::check(&[FILING]);
    let memo = report::render(
        Format::Markdown,
        &diags,
        &loaded.sources,
        &loaded.filing,
        Lang::Zh,
    );
    insta::assert_snapshot!("lhasa_memo_zh", memo);
}

#[test]
fn lhasa_findings_by_rule() {
    let (_, diags) = checking::check(&[FILING]);
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &diags {
        *by_code.entry(d.code).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> = [
        ("K0202", 1),  // 13: 人均培训成本控制率 ≥10% — a cost in %
        ("K0306", 1),  // 02: 项目预期控制数控制 ≤1000 — no money unit
        ("K0401", 18), // 8 funds lines with no form, 10 named differently from their forms
        ("K0404", 8),  // transfer funds in the table, 财政拨款 on the form
        ("K0501", 7),  // 01 06 07 10 11 no 可持续影响; 08 17 no 质量
        ("K0502", 7),  // blank values (department 1, 02 ×5, 15 ×1)
        ("K0503", 1),  // 09: "有所帮助" with no indicator name
        ("K0504", 1),  // 16: 补助人员数量 35 — no unit
        ("K0505", 4),  // 09 12 no 项目期; 11 no 实施单位, no 项目期
        ("K0507", 1),  // 07: 科技专项's 其中 rows blank
        ("K0601", 12), // 高中低所 ×4, empty 指标N: rows ×8
        ("K0603", 1),  // 13: 培训人员合格率 ≥10%
        ("K0604", 1),  // 09: the goal\'s 建设农村科普示范基地0个
        ("K0606", 1),  // 02: satisfaction written as the phrase “…满意度≥95%”
        ("K0608", 1),  // 04: 申报兑现期 “以下发通知有效期为准” — no time at all
        ("K0605", 7),  // ≤ on output quantities (01, 06 ×3, 07, 10 ×2)
        ("K0701", 2),  // 02: goal 24家 vs 20家; 10: goal 21次 vs ≤21人
        ("K0702", 3),  // 12 13 14 copy 11's goal
        ("K0703", 1),  // 02: 被评价单位接受程度 twice
        ("K0704", 1),  // 10: the goal computes 147000元, the budget is 15万元
        ("K0801", 1),  // 04: period 2021 on a 2023 form
        ("K0802", 3),  // 05 07 filed 2023-11-28, 16 filed 2023-07-28
    ]
    .into_iter()
    .collect();
    assert_eq!(by_code, expected);
    // Money of the department table adds up: no K0302 (the stated totals are right).
    assert!(!diags.iter().any(|d| d.code == "K0302" || d.code == "K0406"));
}
