//! K13 — self-evaluation and monitoring (绩效自评与运行监控): claimed scores against the scores
//! the scoring profile gives, totals, deviations without reasons, completion claimed for a
//! missed target, actuals in another unit, forecasts that contradict the likelihood, and a
//! self-evaluation whose targets differ from the filed target form.
//!
//! The scores come from [`crate::score`]; this module only compares and words the findings.
//! Every rule here is linear in the number of indicators (the target-form comparison looks
//! forms up by name in a map).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{wan, Ctx, Doc, Rule};
use crate::diag::{Diagnostic, Finding, Severity, Text};
use crate::model::{Grade, Indicator, Likelihood, Project};
use crate::score::{self, Attainment, Scorecard, ScoringProfile};
use crate::source::FileId;

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let profile = &cx.config.scoring;
    for p in &cx.filing.projects {
        if let Some(card) = score::score(p, profile) {
            execution(p, &card, profile, out);
            for (ind, s) in p.indicators.iter().zip(&card.indicators) {
                indicator(p, ind, s, profile, out);
            }
            total(p, &card, profile, out);
        }
        for ind in &p.indicators {
            forecast(p, ind, out);
        }
    }
    against_target_forms(cx, out);
}

/// 预算执行率: the claimed score, a score above the weight, a low rate without a reason, more
/// spent than budgeted.
fn execution(p: &Project, card: &Scorecard, profile: &ScoringProfile, out: &mut Vec<Diagnostic>) {
    let file = p.origin.file_id;
    let e = &card.execution;
    let rate = e.rate.map(score::percent).unwrap_or_default();
    if let (Some(claim), Some(span)) = (e.claimed, p.execution.score.as_ref().map(|s| s.span)) {
        if claim > e.weight {
            let finding = AboveWeight {
                what: ("the budget execution", "预算执行率"),
                claim,
                weight: e.weight,
            };
            out.push(finding.at(file, span));
        } else if let Some(computed) = e.computed.filter(|c| !score::matches(claim, *c, profile)) {
            let shown = score::shown(computed, profile);
            let finding = ScoreDiffers::Execution {
                claim,
                weight: e.weight,
                rate: rate.clone(),
                shown,
                profile: &profile.name,
            };
            out.push(finding.at(file, span));
        }
    }
    let Some(r) = e.rate else { return };
    let executed = p.execution.executed.as_ref();
    if r < profile.reason_below && p.execution.reason.is_none() {
        if let Some(b) = executed {
            let below = score::percent(profile.reason_below);
            let finding = NoDeviationReason::Execution {
                rate: rate.clone(),
                below,
            };
            out.push(finding.at(file, b.span));
        }
    }
    if r > Decimal::ONE {
        if let Some(b) = executed {
            let base = p.execution.adjusted.as_ref().or(p.budget.as_ref());
            let base_amount = base
                .and_then(|b| b.total.yuan())
                .map(wan)
                .unwrap_or_default();
            let spent = b.total.yuan().map(wan).unwrap_or_default();
            let finding = ExecutedExceedsBudget {
                spent,
                budget: base_amount,
                rate,
            };
            out.push(finding.at(file, b.span));
        }
    }
}

/// One indicator: its claimed score, its unit, a missed target without a reason, completion
/// claimed for a missed target, a target exceeded by far.
fn indicator(
    p: &Project,
    ind: &Indicator,
    s: &score::IndicatorScore,
    profile: &ScoringProfile,
    out: &mut Vec<Diagnostic>,
) {
    let file = p.origin.file_id;
    let a = ind.assessment();
    let actual_span = a.actual.as_ref().map_or(ind.name_span, |v| v.span);
    if let Attainment::UnitsDiffer { target, actual } = &s.attainment {
        let finding = ActualUnitDiffers {
            indicator: &ind.name,
            actual,
            target,
        };
        out.push(finding.at(file, actual_span));
    }
    if let (Some(claim), Some(score_span)) = (s.claimed, a.score.as_ref().map(|s| s.span)) {
        claimed(file, ind, s, claim, score_span, profile, out);
    }
    if s.attainment.missed() {
        if a.reason.is_none() {
            let finding = NoDeviationReason::Indicator {
                indicator: &ind.name,
                target: target_text(ind),
            };
            out.push(finding.at(file, actual_span));
        }
        let grade_says = a.grade.as_ref().filter(|g| g.value == Grade::Achieved);
        let reason_says = a.reason.as_ref().filter(|r| claims_completion(&r.value));
        if let Some(span) = grade_says.map(|g| g.span).or(reason_says.map(|r| r.span)) {
            let finding = CompletionClaimed {
                indicator: &ind.name,
                target: target_text(ind),
            };
            out.push(finding.at(file, span));
        }
    }
    if let Attainment::Met { ratio: Some(r) } = &s.attainment {
        let limit = Decimal::ONE + profile.overshoot;
        if *r > limit {
            let finding = TargetSetTooLow {
                indicator: &ind.name,
                reached: *r,
                target: target_text(ind),
                overshoot: profile.overshoot,
            };
            out.push(finding.at(file, actual_span));
        }
    }
}

/// A claimed score: above the weight, outside its grade, or not the score the rules give.
#[allow(clippy::too_many_arguments)]
fn claimed(
    file: FileId,
    ind: &Indicator,
    s: &score::IndicatorScore,
    claim: Decimal,
    span: crate::source::Span,
    profile: &ScoringProfile,
    out: &mut Vec<Diagnostic>,
) {
    let Some(weight) = s.weight else { return };
    if claim > weight {
        let what = format!("“{}”", ind.name);
        let finding = AboveWeight {
            what: (&what, &what),
            claim,
            weight,
        };
        out.push(finding.at(file, span));
        return;
    }
    if s.attainment == Attainment::NotStated && !claim.is_zero() {
        let finding = ScoreDiffers::NoActual {
            indicator: &ind.name,
            claim,
            weight,
        };
        out.push(finding.at(file, span));
        return;
    }
    if let Some(computed) = s.computed.filter(|c| !score::matches(claim, *c, profile)) {
        let shown = score::shown(computed, profile);
        let why = match &s.attainment {
            Attainment::Met { .. } => (
                "the target is met, which scores the full weight".to_string(),
                "已完成指标值，应得满分".to_string(),
            ),
            _ => (
                format!("the actual reaches {} of the target", s.attainment_share()),
                format!("实际完成值为指标值的{}", s.attainment_share()),
            ),
        };
        let finding = ScoreDiffers::Computed {
            indicator: &ind.name,
            claim,
            weight,
            why,
            shown,
            profile: &profile.name,
        };
        out.push(finding.at(file, span));
        return;
    }
    let grade = score::stated_or_implied_grade(ind.assessment());
    if let (Some((lo, hi)), Some(g)) = (s.range, grade) {
        if claim < lo || claim > hi {
            let finding = ScoreDiffers::Grade {
                indicator: &ind.name,
                claim,
                weight,
                grade: g,
                range: (lo, hi),
            };
            out.push(finding.at(file, span));
        }
    }
}

impl score::IndicatorScore {
    /// The share of the target reached, for messages.
    fn attainment_share(&self) -> String {
        match &self.attainment {
            Attainment::Missed { ratio: Some(r) } | Attainment::Met { ratio: Some(r) } => {
                score::percent(*r)
            }
            _ => "—".to_string(),
        }
    }
}

/// 总分: the claimed total against the claimed parts and the computed total.
fn total(p: &Project, card: &Scorecard, profile: &ScoringProfile, out: &mut Vec<Diagnostic>) {
    let file = p.origin.file_id;
    weights(p, card, profile, out);
    let Some(stated) = p.execution.total_score.as_ref() else {
        return;
    };
    if stated.value > profile.total {
        let finding = AboveWeight {
            what: ("the total", "总分"),
            claim: stated.value,
            weight: profile.total,
        };
        out.push(finding.at(file, stated.span));
        return;
    }
    if let Some(sum) = card.claimed_sum.filter(|s| *s != stated.value) {
        let finding = TotalDoesNotAddUp::Scores {
            stated: stated.value,
            sum,
        };
        out.push(finding.at(file, stated.span));
    }
}

/// The weights of a self-evaluation: execution plus every applicable indicator must make the
/// profile's total (K0901 judges target forms; a self-evaluation's execution weight comes
/// from the scoring profile).
fn weights(p: &Project, card: &Scorecard, profile: &ScoringProfile, out: &mut Vec<Diagnostic>) {
    let applicable = card
        .indicators
        .iter()
        .filter(|s| s.attainment != Attainment::NotApplicable);
    let mut sum = Some(card.execution.weight);
    for s in applicable {
        let Some(w) = s.weight else { return };
        sum = sum.and_then(|t| t.checked_add(w));
    }
    let Some(sum) = sum.filter(|s| *s != profile.total) else {
        return;
    };
    if card.scaled_total.is_some() {
        return;
    }
    let finding = TotalDoesNotAddUp::Weights {
        sum,
        execution: card.execution.weight,
        total: profile.total,
        profile: &profile.name,
    };
    out.push(finding.at(p.origin.file_id, p.origin.name_span));
}

/// Monitoring: a forecast that misses the target while the likelihood says 确定能.
fn forecast(p: &Project, ind: &Indicator, out: &mut Vec<Diagnostic>) {
    let a = ind.assessment();
    let (Some(target), Some(forecast), Some(likely)) = (&ind.value, &a.forecast, &a.likelihood)
    else {
        return;
    };
    if likely.value != Likelihood::Certain {
        return;
    }
    if score::attain(target, &forecast.value, score::direction(ind)).missed() {
        let finding = CertainButShort {
            indicator: &ind.name,
            target: target_text(ind),
        };
        out.push(finding.at(p.origin.file_id, likely.span));
    }
}

/// A self-evaluation's indicators against the target form of the same project in the filing:
/// each target must be the one filed.
fn against_target_forms(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let targets: HashMap<String, &Project> = cx
        .filing
        .projects
        .iter()
        .filter(|p| !score::is_assessed(p))
        .map(|p| (crate::resolve::name_key(&p.name), p))
        .collect();
    for p in cx.filing.projects.iter().filter(|p| score::is_assessed(p)) {
        let Some(filed) = targets.get(&crate::resolve::name_key(&p.name)) else {
            continue;
        };
        let filed_by_name: HashMap<String, &Indicator> = filed
            .indicators
            .iter()
            .map(|i| (crate::resolve::name_key(&i.name), i))
            .collect();
        for ind in &p.indicators {
            let was = filed_by_name.get(&crate::resolve::name_key(&ind.name));
            let finding = match was {
                None => DiffersFromFiled::NotFiled {
                    indicator: &ind.name,
                    form: &filed.name,
                    file: &filed.origin.file,
                },
                Some(w) if w.value != ind.value => DiffersFromFiled::Target {
                    indicator: &ind.name,
                    target: target_text(ind),
                    file: &filed.origin.file,
                    filed: target_text(w),
                },
                Some(_) => continue,
            };
            let span = ind.value.as_ref().map_or(ind.name_span, |_| ind.value_span);
            out.push(finding.at(p.origin.file_id, span));
        }
    }
}

/// An indicator's target as written, for messages.
fn target_text(ind: &Indicator) -> String {
    ind.value
        .as_ref()
        .map_or_else(|| "—".to_string(), score::value_text)
}

/// Words that say the target was reached, without a negation in front.
fn claims_completion(text: &str) -> bool {
    const SAYS: &[&str] = &[
        "已完成",
        "全部完成",
        "圆满完成",
        "已达成",
        "已实现",
        "完成目标",
        "达到目标",
    ];
    const DENIES: &[&str] = &[
        "未完成",
        "未达成",
        "未实现",
        "没有完成",
        "尚未",
        "未能",
        "未达到",
    ];
    SAYS.iter().any(|w| text.contains(w)) && !DENIES.iter().any(|w| text.contains(w))
}

pub const SCORE_DIFFERS: Rule = Rule {
    code: "K1301",
    name: "score-differs-from-computed",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "The claimed score is not the score the rules give", zh: "自评得分与按规则计算的得分不符" },
    what: Doc {
        en: "On a self-evaluation, computes each score by the scoring profile (kpi.toml `scoring`, default national-2020): the execution rate times its weight; a met quantitative target scores its weight, a missed one weight × actual/target (reverse: target/actual); a qualitative grade allows a range of the weight. Flags a claimed 得分 that is not the computed score rounded half up to the decimals it is written with, or that falls outside its grade's range, or that stands on no stated actual.",
        zh: "对自评表按评分规则（kpi.toml 的 `scoring`，默认 national-2020）计算每项得分：预算执行率 × 分值；定量指标完成指标值得满分，未完成按 完成值/指标值（反向指标为 指标值/完成值）× 分值；定性指标的达成度对应分值区间。自评得分不等于计算得分（按其书写的小数位四舍五入），或超出达成度区间，或没有所依据的实际完成值时报告。",
    },
    why: Doc {
        en: "Scores are computed by hand today; published self-evaluations routinely give full marks to a missed target or mis-multiply. The score is what the finance bureau reads first.",
        zh: "自评得分目前靠手算，公开的自评表常见未完成目标却给满分、乘错比例。得分是财政部门首先看的内容。",
    },
    example: "project \"科技专项\" {\n  budget 10万元;\n  executed 10万元;\n  output quantity \"培训\" >= 10次 { weight 20; actual 8次; score 20; }\n}",
    fix: Doc {
        en: "Write the computed score the message gives, or correct the actual; if your province scores differently, name its scoring profile in kpi.toml.",
        zh: "按提示改为计算得分，或更正实际完成值；如本省评分办法不同，在 kpi.toml 中指定其评分规则。",
    },
};

/// K1301's findings: a claimed score that is not the one the scoring profile gives. Scores are
/// points; `weight` is the indicator's (or the execution rate's) weight.
enum ScoreDiffers<'a> {
    /// The budget execution's score; `rate` and `shown` are written for the message.
    Execution {
        claim: Decimal,
        weight: Decimal,
        rate: String,
        shown: String,
        profile: &'a str,
    },
    /// A score claimed with no actual to score.
    NoActual {
        indicator: &'a str,
        claim: Decimal,
        weight: Decimal,
    },
    /// Not the computed score; `why` says how far the actual reaches, in English and Chinese.
    Computed {
        indicator: &'a str,
        claim: Decimal,
        weight: Decimal,
        why: (String, String),
        shown: String,
        profile: &'a str,
    },
    /// Outside the range its grade scores.
    Grade {
        indicator: &'a str,
        claim: Decimal,
        weight: Decimal,
        grade: Grade,
        range: (Decimal, Decimal),
    },
}

impl Finding for ScoreDiffers<'_> {
    const RULE: &'static Rule = &SCORE_DIFFERS;

    fn message(&self) -> Text {
        match self {
            ScoreDiffers::Execution {
                claim,
                weight,
                rate,
                shown,
                ..
            } => {
                let (claim, weight) = (claim.normalize(), weight.normalize());
                Text::new(
                    format!("the execution score claimed is {claim}, but an execution rate of {rate} scores {shown} of {weight}"),
                    format!("预算执行率得分填为{claim}，但执行率{rate}应得{shown}分（分值{weight}）"),
                )
            }
            ScoreDiffers::NoActual {
                indicator,
                claim,
                weight,
            } => {
                let (claim, weight) = (claim.normalize(), weight.normalize());
                Text::new(
                    format!("“{indicator}” claims {claim} of {weight}, but states no actual to score"),
                    format!("“{indicator}”得分填为{claim}（分值{weight}），但未填实际完成值，得分无从核对"),
                )
            }
            ScoreDiffers::Computed {
                indicator,
                claim,
                weight,
                why,
                shown,
                ..
            } => {
                let (claim, weight) = (claim.normalize(), weight.normalize());
                Text::new(
                    format!(
                        "“{indicator}” claims {claim} of {weight}, but {}: {shown}",
                        why.0
                    ),
                    format!(
                        "“{indicator}”得分填为{claim}（分值{weight}），但{}：{shown}分",
                        why.1
                    ),
                )
            }
            ScoreDiffers::Grade {
                indicator,
                claim,
                weight,
                grade,
                range: (lo, hi),
            } => {
                let (claim, weight) = (claim.normalize(), weight.normalize());
                let (lo, hi) = (lo.normalize(), hi.normalize());
                Text::new(
                    format!(
                        "“{indicator}” is graded {} ({}), which scores {lo}–{hi} of {weight}, but claims {claim}",
                        grade.keyword(),
                        grade.chinese()
                    ),
                    format!(
                        "“{indicator}”达成度为{}，应得{lo}–{hi}分（分值{weight}），但得分填为{claim}",
                        grade.chinese()
                    ),
                )
            }
        }
    }

    fn help(&self) -> Text {
        match self {
            ScoreDiffers::Execution { shown, profile, .. } => Text::new(
                format!("write {shown}, or correct the executed or budgeted amount (scoring profile {profile})"),
                format!("改为{shown}，或更正执行数、预算数（评分规则 {profile}）"),
            ),
            ScoreDiffers::NoActual { .. } => Text::new(
                "write the actual (`actual …;`) the score stands on",
                "填写得分所依据的实际完成值（`实际完成值 ……;`）",
            ),
            ScoreDiffers::Computed { shown, profile, .. } => Text::new(
                format!("write {shown}, or correct the actual (scoring profile {profile})"),
                format!("改为{shown}，或更正实际完成值（评分规则 {profile}）"),
            ),
            ScoreDiffers::Grade {
                range: (lo, hi), ..
            } => {
                let (lo, hi) = (lo.normalize(), hi.normalize());
                Text::new(
                    format!("score it within {lo}–{hi}, or change the grade"),
                    format!("在{lo}–{hi}分之间评分，或更正达成度"),
                )
            }
        }
    }
}

pub const SCORE_ABOVE_WEIGHT: Rule = Rule {
    code: "K1302",
    name: "score-above-weight",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "A score is above its weight", zh: "得分超过分值" },
    what: Doc {
        en: "Flags an indicator's 得分 above its 分值, an execution score above the profile's execution weight, and a 总分 above the profile's total.",
        zh: "指标得分高于其分值、预算执行率得分高于评分规则的执行率分值、总分高于满分时报告。",
    },
    why: Doc {
        en: "A score cannot exceed its weight; one that does inflates the total and is the first thing a reviewer rejects.",
        zh: "得分不可能超过分值；超过会虚增总分，审核时必被退回。",
    },
    example: "project \"科技专项\" {\n  output quantity \"培训\" >= 10次 { weight 20; actual 10次; score 25; }\n}",
    fix: Doc {
        en: "Score at most the weight.",
        zh: "得分不超过分值。",
    },
};

/// K1302's finding: a score above its weight, in points.
struct AboveWeight<'a> {
    /// What is scored, in English and Chinese: `("the total", "总分")`.
    what: (&'a str, &'a str),
    claim: Decimal,
    weight: Decimal,
}

impl Finding for AboveWeight<'_> {
    const RULE: &'static Rule = &SCORE_ABOVE_WEIGHT;

    fn message(&self) -> Text {
        let ((what_en, what_zh), claim) = (self.what, self.claim.normalize());
        let weight = self.weight.normalize();
        Text::new(
            format!("{what_en} scores {claim}, more than its weight {weight}"),
            format!("{what_zh}得分{claim}超过分值{weight}"),
        )
    }

    fn help(&self) -> Text {
        let weight = self.weight.normalize();
        Text::new(
            format!("a score is at most its weight ({weight})"),
            format!("得分不能超过分值（{weight}）"),
        )
    }
}

pub const TOTAL_DOES_NOT_ADD_UP: Rule = Rule {
    code: "K1303",
    name: "total-score-does-not-add-up",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "The total score is not the sum of the scores", zh: "总分不等于各项得分之和" },
    what: Doc {
        en: "Adds the claimed execution score and every claimed indicator score, exactly, and compares the sum with the stated 总分 (`total-score`); and checks that the weights (the profile's execution weight plus every applicable indicator's) make the profile's total (100).",
        zh: "将预算执行率得分与各指标得分精确相加，与填写的总分（`总分`）比较；并检查分值（评分规则的执行率分值加各适用指标分值）合计等于满分（100）。",
    },
    why: Doc {
        en: "The total decides the grade (优 ≥ 90, 良 80–90 …); a total that is not the sum is an arithmetic error in the filing.",
        zh: "总分决定评价等级（优≥90、良80–90……）；总分不等于各项之和是填报中的计算错误。",
    },
    example: "project \"科技专项\" {\n  execution-score 10;\n  total-score 95;\n  output quantity \"培训\" >= 10次 { weight 90; actual 10次; score 90; }\n}",
    fix: Doc {
        en: "Write the sum as the total, or correct the score that is wrong.",
        zh: "总分改为各项之和，或更正有误的得分。",
    },
};

/// K1303's findings: a total that is not the sum of its parts, in points.
enum TotalDoesNotAddUp<'a> {
    /// The claimed total against the claimed scores' sum.
    Scores { stated: Decimal, sum: Decimal },
    /// The weights (execution's and the indicators') against the profile's total.
    Weights {
        sum: Decimal,
        /// The execution rate's weight.
        execution: Decimal,
        total: Decimal,
        profile: &'a str,
    },
}

impl Finding for TotalDoesNotAddUp<'_> {
    const RULE: &'static Rule = &TOTAL_DOES_NOT_ADD_UP;

    fn message(&self) -> Text {
        match self {
            TotalDoesNotAddUp::Scores { stated, sum } => {
                let (stated, sum) = (stated.normalize(), sum.normalize());
                Text::new(
                    format!(
                        "the total claimed is {stated}, but the scores claimed add up to {sum}"
                    ),
                    format!("总分填为{stated}，但各项得分合计为{sum}"),
                )
            }
            TotalDoesNotAddUp::Weights {
                sum,
                execution,
                total,
                ..
            } => {
                let (e, t) = (execution.normalize(), total.normalize());
                let indicators = (*sum - *execution).normalize();
                let sum = sum.normalize();
                Text::new(
                    format!("the weights add up to {sum}: the execution rate's {e} and the indicators' {indicators}, not {t}"),
                    format!("分值合计为{sum}（预算执行率{e}分、指标{indicators}分），不等于{t}"),
                )
            }
        }
    }

    fn help(&self) -> Text {
        match self {
            TotalDoesNotAddUp::Scores { sum, .. } => {
                let sum = sum.normalize();
                Text::new(
                    format!("write {sum} as the total, or correct the score that is wrong"),
                    format!("总分改为{sum}，或更正有误的得分"),
                )
            }
            TotalDoesNotAddUp::Weights {
                execution,
                total,
                profile,
                ..
            } => {
                let indicators = (*total - *execution).normalize();
                Text::new(
                    format!(
                        "make the indicators weigh {indicators} in all (scoring profile {profile})"
                    ),
                    format!("调整指标分值，使合计为{indicators}（评分规则 {profile}）"),
                )
            }
        }
    }
}

pub const NO_DEVIATION_REASON: Rule = Rule {
    code: "K1304",
    name: "deviation-without-reason",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A missed target or a low execution rate has no deviation reason", zh: "未完成目标或执行率偏低但未说明偏差原因" },
    what: Doc {
        en: "Flags an indicator whose actual misses its target without a `reason` (偏差原因分析及改进措施), and a budget execution rate under the profile's `reason_below` (90% nationally) without a form-level `reason`.",
        zh: "实际完成值未达到指标值但未填写 `偏差原因`（偏差原因分析及改进措施），或预算执行率低于评分规则的 `reason_below`（全国为 90%）但未填写表级 `偏差原因` 时报告。",
    },
    why: Doc {
        en: "The self-evaluation rules require every deviation to be explained with measures; an unexplained miss is sent back.",
        zh: "自评要求对每项偏差说明原因并提出改进措施；未说明的会被退回。",
    },
    example: "project \"科技专项\" {\n  output quantity \"培训\" >= 10次 { weight 20; actual 8次; score 16; }\n}",
    fix: Doc {
        en: "Add `reason \"…\";` saying why the target was missed and what will change.",
        zh: "添加 `偏差原因 \"……\";`，说明未完成的原因及改进措施。",
    },
};

/// K1304's findings: a deviation without a reason.
enum NoDeviationReason<'a> {
    /// A low execution rate; `rate` and `below` (the profile's threshold) as percentages.
    Execution { rate: String, below: String },
    /// A missed target, as written.
    Indicator { indicator: &'a str, target: String },
}

impl Finding for NoDeviationReason<'_> {
    const RULE: &'static Rule = &NO_DEVIATION_REASON;

    fn message(&self) -> Text {
        match self {
            NoDeviationReason::Execution { rate, below } => Text::new(
                format!(
                    "the execution rate is {rate}, under {below}, and no deviation reason is given"
                ),
                format!("预算执行率为{rate}，低于{below}，但未说明偏差原因"),
            ),
            NoDeviationReason::Indicator { indicator, target } => Text::new(
                format!(
                    "“{indicator}” missed its target ({target}), and no deviation reason is given"
                ),
                format!("“{indicator}”未完成指标值（{target}），但未说明偏差原因"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            NoDeviationReason::Execution { .. } => Text::new(
                "state why the money was not spent and what will change: `reason \"…\";`",
                "说明资金未执行的原因及改进措施：`偏差原因 \"……\";`",
            ),
            NoDeviationReason::Indicator { .. } => Text::new(
                "state why the target was missed and what will change: `{ reason \"…\"; }`",
                "说明未完成的原因及改进措施：`{ 偏差原因 \"……\"; }`",
            ),
        }
    }
}

pub const COMPLETION_CLAIMED_FOR_MISSED_TARGET: Rule = Rule {
    code: "K1305",
    name: "completion-claimed-for-missed-target",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "Achievement is claimed for a target the actual misses", zh: "实际未达标却称已完成" },
    what: Doc {
        en: "Flags an indicator whose actual misses its target while its grade is `achieved` (达成) or its reason says it was completed (已完成, 已实现, 完成目标 … without 未/尚未).",
        zh: "实际完成值未达到指标值，而达成度为“达成”或偏差原因称已完成（已完成、已实现、完成目标……且无“未”“尚未”）时报告。",
    },
    why: Doc {
        en: "“100% 完成” next to an actual that missed the target is the commonest contradiction in published self-evaluations.",
        zh: "实际未达标旁写着“100%完成”，是公开自评表中最常见的自相矛盾。",
    },
    example: "project \"科技专项\" {\n  output quantity \"培训\" >= 10次 { weight 20; actual 8次; reason \"已完成全年任务\"; }\n}",
    fix: Doc {
        en: "Grade it partly achieved or missed and explain the deviation, or correct the actual.",
        zh: "将达成度改为部分达成或未达成并说明偏差，或更正实际完成值。",
    },
};

/// K1305's finding: completion claimed for a missed target (as written).
struct CompletionClaimed<'a> {
    indicator: &'a str,
    target: String,
}

impl Finding for CompletionClaimed<'_> {
    const RULE: &'static Rule = &COMPLETION_CLAIMED_FOR_MISSED_TARGET;

    fn message(&self) -> Text {
        let (indicator, target) = (self.indicator, &self.target);
        Text::new(
            format!(
                "“{indicator}” is said to be achieved, but its actual misses the target ({target})"
            ),
            format!("“{indicator}”称已完成（达成），但实际完成值未达到指标值（{target}）"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "grade it as partly achieved or missed and explain the deviation, or correct the actual",
            "将达成度改为部分达成或未达成并说明偏差，或更正实际完成值",
        )
    }
}

pub const ACTUAL_UNIT_DIFFERS: Rule = Rule {
    code: "K1306",
    name: "actual-unit-differs",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "The actual is in another unit than the target", zh: "实际完成值与指标值单位不同" },
    what: Doc {
        en: "Compares the unit of each actual (and forecast) with its target's, after normalising money to 元 and declared units to their base: 人 against %, 天 against 月. A number written without a unit is read in the other's unit.",
        zh: "比较实际完成值（及预计完成值）与指标值的单位（金额折算为元，自定义单位折算为基准单位）：如人与%、天与月。未写单位的数字按另一方的单位理解。",
    },
    why: Doc {
        en: "An actual in another unit cannot be scored against its target; the score claimed for it cannot be checked.",
        zh: "单位不同无法与指标值比较，所填得分也无从核对。",
    },
    example: "project \"科技专项\" {\n  output quantity \"受益人口\" >= 9200人 { weight 20; actual 95%; }\n}",
    fix: Doc {
        en: "Write the actual in the target's unit.",
        zh: "用指标值的单位填写实际完成值。",
    },
};

/// K1306's finding: an actual in another unit than its target (both as written).
struct ActualUnitDiffers<'a> {
    indicator: &'a str,
    actual: &'a str,
    target: &'a str,
}

impl Finding for ActualUnitDiffers<'_> {
    const RULE: &'static Rule = &ACTUAL_UNIT_DIFFERS;

    fn message(&self) -> Text {
        let (indicator, actual, target) = (self.indicator, self.actual, self.target);
        Text::new(
            format!(
                "the actual of “{indicator}” is {actual}, in another unit than its target {target}"
            ),
            format!("“{indicator}”的实际完成值{actual}与指标值{target}单位不同"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "write the actual in the target's unit, so that the two can be compared",
            "请用与指标值相同的单位填写实际完成值，以便比较",
        )
    }
}

pub const CERTAIN_BUT_SHORT: Rule = Rule {
    code: "K1307",
    name: "certain-but-forecast-short",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "The forecast misses the target, yet the likelihood is “certain”", zh: "预计未达标却填“确定能”完成" },
    what: Doc {
        en: "On a monitoring form, flags an indicator whose full-year forecast (`forecast`, 全年预计完成情况) misses its target while `likelihood` is `certain` (确定能).",
        zh: "在运行监控表中，指标的全年预计完成情况未达到指标值，而完成目标可能性为“确定能”时报告。",
    },
    why: Doc {
        en: "Monitoring exists to catch deviations in July; a form that forecasts a miss and promises completion hides the deviation it should report.",
        zh: "运行监控旨在年中发现偏差；预计未达标却称确定能完成，掩盖了应报告的偏差。",
    },
    example: "project \"科技专项\" {\n  output quantity \"培训\" >= 10次 { midyear 4次; forecast 8次; likelihood certain; }\n}",
    fix: Doc {
        en: "Say `possible` or `impossible` and give the deviation cause, or correct the forecast.",
        zh: "改为“有可能”或“完全不可能”并说明偏差原因，或更正预计完成情况。",
    },
};

/// K1307's finding: a forecast short of the target (as written) said to be certain.
struct CertainButShort<'a> {
    indicator: &'a str,
    target: String,
}

impl Finding for CertainButShort<'_> {
    const RULE: &'static Rule = &CERTAIN_BUT_SHORT;

    fn message(&self) -> Text {
        let (indicator, target) = (self.indicator, &self.target);
        Text::new(
            format!("“{indicator}” is forecast to miss its target ({target}), yet the likelihood is “certain”"),
            format!("“{indicator}”全年预计完成情况未达到指标值（{target}），完成目标可能性却填“确定能”"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "say “possible” or “impossible” and give the deviation cause, or correct the forecast",
            "将完成目标可能性改为“有可能”或“完全不可能”并说明偏差原因，或更正预计完成情况",
        )
    }
}

pub const TARGET_DIFFERS_FROM_FILED: Rule = Rule {
    code: "K1308",
    name: "target-differs-from-filed",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "The self-evaluation's target differs from the filed target form", zh: "自评表的指标值与已报绩效目标表不一致" },
    what: Doc {
        en: "When a filing holds both a project's target form and its self-evaluation or monitoring form (the same project name; the one with actuals is the evaluation), flags each evaluated indicator whose target differs from the filed one or that the target form does not have. Forms are looked up by normalised name in a map: linear.",
        zh: "当同一申报中既有项目的绩效目标表，又有其自评表或监控表（项目名称相同，含实际完成值的为评价表）时，报告指标值与已报不一致或目标表中没有的指标。按规范化名称查表：线性复杂度。",
    },
    why: Doc {
        en: "A self-evaluation is scored against the approved targets; lowering a target after the fact turns a miss into a pass.",
        zh: "自评应以批复的绩效目标为准；事后降低指标值会把未完成变成完成。",
    },
    example: "project \"科技专项\" { output quantity \"培训\" >= 10次; }\nproject \"科技专项\" { output quantity \"培训\" >= 8次 { actual 8次; score 20; weight 20; } }",
    fix: Doc {
        en: "Evaluate against the targets as filed; attach the approved adjustment when a target was changed during the year.",
        zh: "按已批复的目标自评；年中调整的目标须附批准的调整文件。",
    },
};

/// K1308's findings: a self-evaluation's indicator against the filed target form (`file` is
/// that form's file).
enum DiffersFromFiled<'a> {
    /// The filed form has no indicator of that name.
    NotFiled {
        indicator: &'a str,
        form: &'a str,
        file: &'a str,
    },
    /// Its target (as written) is not the filed one.
    Target {
        indicator: &'a str,
        target: String,
        file: &'a str,
        filed: String,
    },
}

impl Finding for DiffersFromFiled<'_> {
    const RULE: &'static Rule = &TARGET_DIFFERS_FROM_FILED;

    fn message(&self) -> Text {
        match self {
            DiffersFromFiled::NotFiled {
                indicator,
                form,
                file,
            } => Text::new(
                format!("“{indicator}” is not an indicator of the filed target form “{form}” ({file})"),
                format!("“{indicator}”不是已报绩效目标表“{form}”（{file}）中的指标"),
            ),
            DiffersFromFiled::Target {
                indicator,
                target,
                file,
                filed,
            } => Text::new(
                format!("the target of “{indicator}” is {target}, but the filed target form ({file}) says {filed}"),
                format!("“{indicator}”的指标值为{target}，但已报绩效目标表（{file}）为{filed}"),
            ),
        }
    }

    fn help(&self) -> Text {
        Text::new(
            "evaluate against the targets as filed; a target changed during the year needs the approved adjustment",
            "按已批复的绩效目标自评；年中调整的目标须有批准的调整文件",
        )
    }
}

pub const EXECUTED_EXCEEDS_BUDGET: Rule = Rule {
    code: "K1309",
    name: "executed-exceeds-budget",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "More was executed than budgeted", zh: "全年执行数超过全年预算数" },
    what: Doc {
        en: "Flags a 全年执行数 (`executed`) above the 全年预算数 (`adjusted`, else the budget): an execution rate above 100%.",
        zh: "全年执行数（`全年执行数`）高于全年预算数（`全年预算数`，未填时取年初预算）即执行率超过 100% 时报告。",
    },
    why: Doc {
        en: "Spending beyond the budget needs an approved adjustment; more often the adjusted budget was left out or a figure was mistyped.",
        zh: "超预算支出须有批准的预算调整；更常见的是漏填调整后预算或数字录错。",
    },
    example: "project \"科技专项\" {\n  budget 10万元;\n  executed 12万元;\n}",
    fix: Doc {
        en: "Correct the executed amount, or state the adjusted budget.",
        zh: "更正全年执行数，或填写调整后的全年预算数。",
    },
};

/// K1309's finding: more executed than budgeted; amounts in 万元 and the rate, as written.
struct ExecutedExceedsBudget {
    spent: String,
    budget: String,
    rate: String,
}

impl Finding for ExecutedExceedsBudget {
    const RULE: &'static Rule = &EXECUTED_EXCEEDS_BUDGET;

    fn message(&self) -> Text {
        let (spent, budget, rate) = (&self.spent, &self.budget, &self.rate);
        Text::new(
            format!(
                "{spent} was executed against a budget of {budget} (an execution rate of {rate})"
            ),
            format!("全年执行数{spent}超过全年预算数{budget}（执行率{rate}）"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "correct the executed amount, or state the adjusted budget (`adjusted …;`) it was spent against",
            "更正全年执行数，或填写调整后的全年预算数（`全年预算数 ……;`）",
        )
    }
}

pub const TARGET_SET_TOO_LOW: Rule = Rule {
    code: "K1310",
    name: "target-set-too-low",
    severity: Severity::Advice,
    loses_data: false,
    title: Doc { en: "The actual far exceeds the target: was it set too low?", zh: "实际完成值远超指标值：指标值是否设定偏低" },
    what: Doc {
        en: "Flags a positive quantitative indicator whose actual exceeds its target by more than the profile's `overshoot` (20% in the built-in profiles).",
        zh: "正向定量指标的实际完成值超出指标值的比例大于评分规则的 `overshoot`（内置规则为 20%）时提示。",
    },
    why: Doc {
        en: "The national rules say a target exceeded by far because it was set too low loses points in proportion; reviewers ask for the reason.",
        zh: "全国办法规定：因年初指标值设定明显偏低而大幅超额完成的，应按偏离度适度调减分值；审核时会要求说明原因。",
    },
    example: "project \"科技专项\" {\n  output quantity \"培训\" >= 10次 { weight 20; actual 30次; score 20; }\n}",
    fix: Doc {
        en: "Explain the overshoot in `reason`, lower the score if the target was set too low, and raise next year's target.",
        zh: "在偏差原因中说明超额原因；如指标值设定偏低，适度调减得分，并提高下年度指标值。",
    },
};

/// K1310's finding: a target exceeded by more than the profile's overshoot.
struct TargetSetTooLow<'a> {
    indicator: &'a str,
    /// The share of the target reached (1 = 100%).
    reached: Decimal,
    /// The target as written.
    target: String,
    /// The profile's overshoot (0.2 = 20%).
    overshoot: Decimal,
}

impl Finding for TargetSetTooLow<'_> {
    const RULE: &'static Rule = &TARGET_SET_TOO_LOW;

    fn message(&self) -> Text {
        let (indicator, target) = (self.indicator, &self.target);
        let (reached, overshoot) = (score::percent(self.reached), score::percent(self.overshoot));
        Text::new(
            format!("“{indicator}” reached {reached} of its target ({target}): a target exceeded by more than {overshoot} suggests it was set too low"),
            format!("“{indicator}”完成指标值的{reached}（{target}）：超出{overshoot}以上，说明年初指标值可能设定偏低"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "explain the overshoot; the rules lower the score in proportion to it when the target was set too low, and next year's target should be raised",
            "说明超出原因；如属年初指标值设定偏低，应按偏离度适度调减分值，并提高下年度指标值",
        )
    }
}

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[
    &SCORE_DIFFERS,
    &SCORE_ABOVE_WEIGHT,
    &TOTAL_DOES_NOT_ADD_UP,
    &NO_DEVIATION_REASON,
    &COMPLETION_CLAIMED_FOR_MISSED_TARGET,
    &ACTUAL_UNIT_DIFFERS,
    &CERTAIN_BUT_SHORT,
    &TARGET_DIFFERS_FROM_FILED,
    &EXECUTED_EXCEEDS_BUDGET,
    &TARGET_SET_TOO_LOW,
];
