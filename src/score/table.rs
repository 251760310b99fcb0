//! 自评得分表 — the score table a department submits, as `kpi score` prints it: one row for the
//! budget execution, one per indicator, and the total, each with the score the rules give
//! beside the score the form claims. A Markdown table: readable in a terminal, pasteable
//! into a reply, stable for snapshot tests.

use rust_decimal::Decimal;

use super::{percent, shown, value_text, Attainment, Scorecard, ScoringProfile};
use crate::diag::Lang;
use crate::model::Project;

/// The table of one self-evaluation form.
pub fn render(p: &Project, card: &Scorecard, profile: &ScoringProfile, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let t = |en: &'static str, cn: &'static str| if zh { cn } else { en };
    let mut out = String::new();
    out.push_str(&format!("## {}\n\n", p.name));
    out.push_str(&format!(
        "{}: {} — {}\n\n",
        t("Scoring profile", "评分规则"),
        profile.name,
        profile.title
    ));
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---:|---:|---:|\n",
        t("indicator", "指标"),
        t("target", "年度指标值"),
        t("actual", "实际完成值"),
        t("attainment", "完成情况"),
        t("weight", "分值"),
        t("computed", "计算得分"),
        t("claimed", "自评得分"),
    ));
    let e = &card.execution;
    let executed = p
        .execution
        .executed
        .as_ref()
        .map(|b| b.total.written())
        .unwrap_or_default();
    let base = p
        .execution
        .adjusted
        .as_ref()
        .or(p.budget.as_ref())
        .map(|b| b.total.written())
        .unwrap_or_default();
    out.push_str(&row(
        t("budget execution rate", "预算执行率"),
        &base,
        &executed,
        &e.rate.map(percent).unwrap_or_default(),
        Some(e.weight),
        e.computed,
        e.claimed,
        profile,
    ));
    for (ind, s) in p.indicators.iter().zip(&card.indicators) {
        let level = match (zh, ind.level2) {
            (true, Some(l2)) => {
                format!("{} {}", ind.level1.chinese(), l2.chinese_under(ind.level1))
            }
            (true, None) => ind.level1.chinese().to_string(),
            (false, Some(l2)) => format!("{} {}", ind.level1.keyword(), l2.keyword()),
            (false, None) => ind.level1.keyword().to_string(),
        };
        let how = match &s.attainment {
            Attainment::NotStated => t("not stated", "未填").to_string(),
            Attainment::Met { .. } => t("met", "已完成").to_string(),
            Attainment::Missed { ratio: Some(r) } => {
                format!("{} {}", t("missed", "未完成"), percent(*r))
            }
            Attainment::Missed { ratio: None } => t("missed", "未完成").to_string(),
            Attainment::UnitsDiffer { .. } => t("units differ", "单位不同").to_string(),
            Attainment::Judged => match super::stated_or_implied_grade(ind.assessment()) {
                Some(g) if zh => g.chinese().to_string(),
                Some(g) => g.keyword().to_string(),
                None => t("judged", "定性评价").to_string(),
            },
            Attainment::NotApplicable => t("not applicable", "不适用").to_string(),
        };
        out.push_str(&row(
            &format!("{level} “{}”", ind.name),
            &ind.value.as_ref().map(value_text).unwrap_or_default(),
            &ind.assessment()
                .actual
                .as_ref()
                .map(|a| value_text(&a.value))
                .unwrap_or_default(),
            &match s.range {
                Some((lo, hi)) => format!("{how} ({}–{})", lo.normalize(), hi.normalize()),
                None => how,
            },
            s.weight,
            s.computed,
            s.claimed,
            profile,
        ));
    }
    let weights: Option<Decimal> = card
        .indicators
        .iter()
        .filter(|s| s.attainment != Attainment::NotApplicable)
        .try_fold(e.weight, |a, s| a.checked_add(s.weight?));
    out.push_str(&format!(
        "| **{}** | | | {} | {} | **{}** | **{}** |\n",
        t("total", "总分"),
        if card.judged > 0 {
            if zh {
                format!("{} 项无计算得分，按自评得分计", card.judged)
            } else {
                format!(
                    "{} indicator(s) without a computed score, at their claimed score",
                    card.judged
                )
            }
        } else {
            String::new()
        },
        weights
            .map(|w| w.normalize().to_string())
            .unwrap_or_default(),
        card.total
            .map(|x| shown(x, profile))
            .unwrap_or_else(|| "—".into()),
        card.claimed_total
            .map(|x| x.normalize().to_string())
            .unwrap_or_else(|| "—".into()),
    ));
    if let Some(scaled) = card.scaled_total {
        out.push_str(&format!(
            "\n{}: {}\n",
            t(
                "Scaled to 100 (indicators that do not apply are left out)",
                "按百分制折算（不适用指标不计）"
            ),
            shown(scaled, profile)
        ));
    }
    out
}

/// One row: the scores shown to the profile's decimals, a claimed score as written.
#[allow(clippy::too_many_arguments)]
fn row(
    name: &str,
    target: &str,
    actual: &str,
    how: &str,
    weight: Option<Decimal>,
    computed: Option<Decimal>,
    claimed: Option<Decimal>,
    profile: &ScoringProfile,
) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    format!(
        "| {} | {} | {} | {} | {} | {} | {} |\n",
        cell(name),
        cell(target),
        cell(actual),
        cell(how),
        weight
            .map(|w| w.normalize().to_string())
            .unwrap_or_default(),
        computed
            .map(|c| shown(c, profile))
            .unwrap_or_else(|| "—".into()),
        claimed
            .map(|c| c.normalize().to_string())
            .unwrap_or_else(|| "—".into()),
    )
}
