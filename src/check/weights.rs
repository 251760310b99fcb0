//! K09 — weights (分值): indicator weights that do not add up to the configured total
//! (default 90: the remaining 10 points are the budget execution rate in the self-evaluation).
//! Only forms that give any weight are checked; self-evaluations are weighed by K1303.

use super::{Ctx, Doc, Rule};
use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Finding, Severity, Text};
use crate::model::Indicator;
use crate::source::{FileId, Span};

fn form(
    cx: &Ctx<'_>,
    file: FileId,
    name_span: Span,
    indicators: &[Indicator],
    out: &mut Vec<Diagnostic>,
) {
    let weighted: Vec<&Indicator> = indicators.iter().filter(|i| i.weight.is_some()).collect();
    if weighted.is_empty() {
        return;
    }
    let totals = cx.config.weight_totals();
    let Some(sum) = super::checked_sum(weighted.iter().filter_map(|i| i.weight)) else {
        out.push(
            crate::lower::rules::NumberTooLarge::Result {
                what: ("the weights", "各指标分值合计"),
            }
            .at(file, name_span),
        );
        return;
    };
    if !totals.contains(&sum) {
        let finding = WeightsDoNotAddUp {
            sum,
            totals: &totals,
        };
        out.push(finding.at(file, name_span));
    }
    for ind in indicators
        .iter()
        .filter(|i| i.weight.is_none() && !super::completeness::is_blank_row(i))
    {
        out.push(
            WeightMissing {
                indicator: &ind.name,
            }
            .at(file, ind.name_span),
        );
    }
}

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    // A self-evaluation's weights include the execution rate's, from the scoring profile:
    // K1303 judges them.
    let evaluated =
        |f: &crate::model::Form<'_>| f.project().is_some_and(crate::score::is_self_evaluation);
    for f in cx.filing.forms().filter(|f| !evaluated(f)) {
        form(cx, f.origin.file_id, f.origin.name_span, &f.indicators, out);
    }
}

pub const WEIGHTS_DO_NOT_ADD_UP: Rule = Rule {
    code: "K0901",
    name: "weights-do-not-add-up",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "Weights do not add up to the total", zh: "指标分值合计不等于总分" },
    what: Doc {
        en: "When any indicator of a form has a weight (分值), checks that the weights add up to `weight_total` (kpi.toml `[thresholds]`, else the profile's: 90 under lhasa-2023 and central-2021, 90 or 100 under generic).",
        zh: "表中任一指标设有分值时，检查分值合计等于 `weight_total`（kpi.toml 的 `[thresholds]`，否则取配置方案的值：lhasa-2023 与 central-2021 为 90，generic 为 90 或 100）。",
    },
    why: Doc {
        en: "The self-evaluation scores each indicator by its weight; weights that do not add up to the total distort every score (the other 10 points are budget execution).",
        zh: "自评按分值给每个指标打分；分值合计不对，所有得分都会失真（其余 10 分为预算执行率）。",
    },
    example: "project \"科技专项\" {\n  output quantity \"科技项目实施\" >= 23个 { weight 50; }\n  satisfaction service \"满意度\" >= 90% { weight 30; }\n}",
    fix: Doc {
        en: "Adjust the weights (commonly 产出 50, 效益 30, 满意度 10), or set `weight_total` if your province uses another total.",
        zh: "调整分值（常见为产出 50、效益 30、满意度 10），或在本省总分不同时设置 `weight_total`。",
    },
};

/// K0901's finding: a form's weights and the totals they may add up to.
struct WeightsDoNotAddUp<'a> {
    sum: Decimal,
    /// The configured totals (`weight_total`), any of which is right.
    totals: &'a [Decimal],
}

impl WeightsDoNotAddUp<'_> {
    /// The totals, `90 or 100` and `90或100`.
    fn totals(&self) -> (String, String) {
        let total = self
            .totals
            .iter()
            .map(|t| t.normalize().to_string())
            .collect::<Vec<_>>()
            .join(" or ");
        let total_zh = total.replace(" or ", "或");
        (total, total_zh)
    }
}

impl Finding for WeightsDoNotAddUp<'_> {
    const RULE: &'static Rule = &WEIGHTS_DO_NOT_ADD_UP;

    fn message(&self) -> Text {
        let ((total, total_zh), sum) = (self.totals(), self.sum.normalize());
        Text::new(
            format!("the indicator weights add up to {sum}, not {total}"),
            format!("指标分值合计为{sum}，应为{total_zh}"),
        )
    }

    fn help(&self) -> Text {
        let (total, total_zh) = self.totals();
        Text::new(
            format!("adjust the weights so they add up to {total} (set `weight_total` in kpi.toml if your province uses another total)"),
            format!("调整分值使合计为{total_zh}（如本省总分不同，在 kpi.toml 中设置 `weight_total`）"),
        )
    }
}

pub const WEIGHT_MISSING: Rule = Rule {
    code: "K0902",
    name: "weight-missing",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "Some indicators have weights, this one has none", zh: "部分指标有分值，此指标没有" },
    what: Doc {
        en: "When any indicator of a form has a weight, finds the indicators that have none.",
        zh: "表中任一指标设有分值时，查找没有分值的指标。",
    },
    why: Doc {
        en: "An indicator without a weight cannot be scored; the weights of the others then do not add up either.",
        zh: "没有分值的指标无法评分，其他指标的分值合计也因此对不上。",
    },
    example: "project \"科技专项\" {\n  output quantity \"科技项目实施\" >= 23个 { weight 50; }\n  output quality \"验收合格率\" >= 95%;\n}",
    fix: Doc {
        en: "Give every indicator a weight.",
        zh: "为每个指标设定分值。",
    },
};

/// K0902's finding: an indicator with no weight in a form whose others have one.
struct WeightMissing<'a> {
    indicator: &'a str,
}

impl Finding for WeightMissing<'_> {
    const RULE: &'static Rule = &WEIGHT_MISSING;

    fn message(&self) -> Text {
        let indicator = self.indicator;
        Text::new(
            format!("the indicator “{indicator}” has no weight, while others do"),
            format!("指标“{indicator}”没有分值，而其他指标有"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "give every indicator a weight (`{ weight 10; }`)",
            "为每个指标设定分值（`{ 分值 10; }`）",
        )
    }
}

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[&WEIGHTS_DO_NOT_ADD_UP, &WEIGHT_MISSING];
