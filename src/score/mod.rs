//! 绩效自评评分 — scoring a self-evaluation form exactly, by a scoring profile.
//!
//! A project form becomes a self-evaluation when it states actuals or scores (see
//! [`crate::model::Assessment`] and [`crate::model::Execution`]). [`score`] computes, for the
//! budget execution and every indicator, the score the profile's rules give, beside the score
//! the form claims. The checker's K13 rules compare the two; `kpi score` prints the table and
//! the JSON output carries both.
//!
//! All arithmetic is `rust_decimal` and checked: an amount too large to divide gives no score
//! rather than a wrong one.

pub mod profile;
pub mod table;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{
    fold_unit_text, Comparator, Direction, Grade, Indicator, Project, Quantity, Value,
};
pub use profile::{ExecutionRule, ScoringProfile};

/// Whether a form is a self-evaluation or monitoring form: it states any execution figure,
/// actual or score.
pub fn is_assessed(p: &Project) -> bool {
    !p.execution.is_empty() || p.indicators.iter().any(|i| !i.assessment().is_empty())
}

/// Whether a form is a self-evaluation (it states an actual, a score or the executed amount),
/// as opposed to a monitoring form (1-7月 figures and forecasts only).
pub fn is_self_evaluation(p: &Project) -> bool {
    let e = &p.execution;
    e.executed.is_some()
        || e.score.is_some()
        || e.total_score.is_some()
        || p.indicators
            .iter()
            .any(|i| i.assessment().actual.is_some() || i.assessment().score.is_some())
}

/// How an indicator's actual compares with its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attainment {
    /// No actual is stated.
    NotStated,
    /// The target is met (`ratio` is actual/target for a positive indicator, when both are
    /// numbers; above 1 when the target was exceeded).
    Met { ratio: Option<Decimal> },
    /// The target is missed; `ratio` is the share of the target reached (positive:
    /// actual/target; reverse: target/actual), when both are numbers.
    Missed { ratio: Option<Decimal> },
    /// Target and actual are in units that cannot be compared (人 against %).
    UnitsDiffer { target: String, actual: String },
    /// A qualitative target, or an actual in words: the grade (or a reviewer) decides.
    Judged,
    /// The actual says the indicator does not apply (不适用, 不涉及): it is left out and the
    /// total is scaled back to 100 (按百分制折算).
    NotApplicable,
}

impl Attainment {
    /// True when the target is missed.
    pub fn missed(&self) -> bool {
        matches!(self, Attainment::Missed { .. })
    }
}

/// The score of one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorScore {
    /// 分值
    pub weight: Option<Decimal>,
    pub attainment: Attainment,
    /// The exact score the rules give; `None` when they leave it to judgment (a qualitative
    /// indicator, a missed date) or nothing is stated.
    pub computed: Option<Decimal>,
    /// The range a qualitative grade allows (达成: 80–100% of the weight …).
    pub range: Option<(Decimal, Decimal)>,
    /// 得分 as claimed.
    pub claimed: Option<Decimal>,
}

/// The score of the budget execution (预算执行率).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutionScore {
    /// 全年执行数 / 全年预算数 (or 年初预算数 when no adjusted budget is stated), exact.
    pub rate: Option<Decimal>,
    /// 分值, from the profile.
    pub weight: Decimal,
    pub computed: Option<Decimal>,
    pub claimed: Option<Decimal>,
}

/// A self-evaluation's scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    pub execution: ExecutionScore,
    /// One per indicator of the form, in order.
    pub indicators: Vec<IndicatorScore>,
    /// Execution plus every indicator's computed score, or its claimed score where the rules
    /// leave it to judgment; `None` when an indicator has neither.
    pub total: Option<Decimal>,
    /// How many indicators entered the total with their claimed score.
    pub judged: usize,
    /// The total scaled to the profile's total when indicators do not apply (用适用指标得分
    /// 汇总后按百分制折算): `total × 100 / applicable weights`. `None` when all apply.
    pub scaled_total: Option<Decimal>,
    /// 总分 as claimed.
    pub claimed_total: Option<Decimal>,
    /// What the claimed scores add up to (execution and indicators), when any is claimed.
    pub claimed_sum: Option<Decimal>,
}

/// Scores a project form, or `None` when it is not a self-evaluation.
pub fn score(p: &Project, profile: &ScoringProfile) -> Option<Scorecard> {
    if !is_self_evaluation(p) {
        return None;
    }
    let execution = execution(p, profile);
    let indicators: Vec<IndicatorScore> =
        p.indicators.iter().map(|i| indicator(i, profile)).collect();
    let mut total = execution.computed.or(execution.claimed);
    let mut judged = 0;
    let mut applicable = Some(execution.weight);
    let mut any_not_applicable = false;
    for s in &indicators {
        if s.attainment == Attainment::NotApplicable {
            any_not_applicable = true;
            continue;
        }
        applicable = match (applicable, s.weight) {
            (Some(a), Some(w)) => a.checked_add(w),
            (a, None) => a,
            _ => None,
        };
        let part = match (s.computed, s.claimed) {
            (Some(c), _) => Some(c),
            (None, Some(c)) => {
                judged += 1;
                Some(c)
            }
            (None, None) if s.weight.is_none() => Some(Decimal::ZERO),
            (None, None) => None,
        };
        total = match (total, part) {
            (Some(t), Some(x)) => t.checked_add(x),
            _ => None,
        };
    }
    let claims: Vec<Decimal> = std::iter::once(execution.claimed)
        .chain(indicators.iter().map(|s| s.claimed))
        .flatten()
        .collect();
    let claimed_sum = if claims.is_empty() {
        None
    } else {
        claims
            .iter()
            .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
    };
    let scaled_total = match (any_not_applicable, total, applicable) {
        (true, Some(t), Some(a)) if !a.is_zero() => {
            t.checked_mul(profile.total).and_then(|x| x.checked_div(a))
        }
        _ => None,
    };
    Some(Scorecard {
        execution,
        indicators,
        total,
        judged,
        scaled_total,
        claimed_total: p.execution.total_score.as_ref().map(|s| s.value),
        claimed_sum,
    })
}

/// 预算执行率 and its score.
fn execution(p: &Project, profile: &ScoringProfile) -> ExecutionScore {
    let e = &p.execution;
    let base = e
        .adjusted
        .as_ref()
        .or(p.budget.as_ref())
        .and_then(|b| b.total.yuan());
    let executed = e.executed.as_ref().and_then(|b| b.total.yuan());
    let rate = match (executed, base) {
        (Some(x), Some(b)) if !b.is_zero() => x.checked_div(b),
        _ => None,
    };
    let weight = profile.execution_weight;
    let computed = rate.and_then(|r| {
        let share = match &profile.execution_rule {
            ExecutionRule::Proportional => r.min(Decimal::ONE).max(Decimal::ZERO),
            ExecutionRule::Tiers(steps) => steps
                .iter()
                .find(|(at_least, _)| r >= *at_least)
                .map_or(Decimal::ZERO, |(_, share)| *share),
        };
        weight.checked_mul(share)
    });
    ExecutionScore {
        rate,
        weight,
        computed,
        claimed: e.score.as_ref().map(|s| s.value),
    }
}

/// One indicator's attainment and score.
fn indicator(ind: &Indicator, profile: &ScoringProfile) -> IndicatorScore {
    let a = ind.assessment();
    let attainment = match (&ind.value, &a.actual) {
        (_, None) => Attainment::NotStated,
        (_, Some(actual)) if not_applicable(&actual.value) => Attainment::NotApplicable,
        (Some(target), Some(actual)) => attain(target, &actual.value, direction(ind)),
        (None, Some(_)) => Attainment::Judged,
    };
    let weight = ind.weight;
    let claimed = a.score.as_ref().map(|s| s.value);
    let grade = a
        .grade
        .as_ref()
        .map(|g| g.value)
        .or_else(|| match &a.actual {
            Some(actual) if attainment == Attainment::Judged => implied_grade(&actual.value),
            _ => None,
        });
    let range = grade.and_then(|g| {
        let (lo, hi) = profile.grade_range(g);
        Some((weight?.checked_mul(lo)?, weight?.checked_mul(hi)?))
    });
    let computed = weight.and_then(|w| match &attainment {
        Attainment::Met { .. } => Some(w),
        Attainment::Missed { ratio: Some(r) } => {
            let r = if profile.cap {
                (*r).min(Decimal::ONE)
            } else {
                *r
            };
            w.checked_mul(r.max(Decimal::ZERO))
        }
        _ => None,
    });
    IndicatorScore {
        weight,
        attainment,
        computed,
        range,
        claimed,
    }
}

/// An indicator's direction: as written, else reverse for a cost (成本指标: spending less
/// than the target meets it, whatever the comparator), else as its comparator says.
pub fn direction(ind: &Indicator) -> Option<Direction> {
    use crate::model::{Level1, Level2};
    let cost = ind.level1 == Level1::Cost || ind.level2 == Some(Level2::Cost);
    ind.direction.or(cost.then_some(Direction::Negative))
}

/// The 达成度 of a qualitative indicator: the grade the form gives, or else the one its
/// actual implies ([`implied_grade`]).
pub fn stated_or_implied_grade(a: &crate::model::Assessment) -> Option<Grade> {
    a.grade
        .as_ref()
        .map(|g| g.value)
        .or_else(|| a.actual.as_ref().and_then(|v| implied_grade(&v.value)))
}

/// The grade an actual written in the table's own grade words states: 达成预期指标 (达成年度
/// 指标), 部分达成…, 未达成… — as published tables write the 实际完成值 of a qualitative row.
pub fn implied_grade(actual: &Value) -> Option<Grade> {
    let Value::Qualitative { text } = actual else {
        return None;
    };
    let t = text.trim();
    if t.starts_with("未达成") {
        Some(Grade::Missed)
    } else if t.starts_with("部分达成") {
        Some(Grade::Partial)
    } else if t.starts_with("达成") {
        Some(Grade::Achieved)
    } else {
        None
    }
}

/// An actual that says the indicator does not apply.
fn not_applicable(actual: &Value) -> bool {
    matches!(actual, Value::Qualitative { text } if ["不适用", "不涉及"].contains(&text.trim()))
}

/// Whether an actual meets its target. A reverse indicator (`≤`, `<`, or `direction
/// negative`) scores target/actual when missed; a positive one actual/target.
pub fn attain(target: &Value, actual: &Value, direction: Option<Direction>) -> Attainment {
    match (target, actual) {
        (
            Value::Quantitative {
                comparator,
                quantity: t,
                ..
            },
            Value::Quantitative { quantity: a, .. },
        ) => {
            let Some((tv, av)) = comparable(t, a) else {
                return Attainment::UnitsDiffer {
                    target: t.written(),
                    actual: a.written(),
                };
            };
            let reverse = direction == Some(Direction::Negative)
                || matches!(comparator, Comparator::AtMost | Comparator::Below);
            let met = match comparator {
                Comparator::AtLeast => av >= tv,
                Comparator::Above => av > tv,
                Comparator::AtMost => av <= tv,
                Comparator::Below => av < tv,
                Comparator::Equal if reverse => av <= tv,
                Comparator::Equal => av >= tv,
            };
            let ratio = if reverse {
                if av.is_zero() {
                    Some(Decimal::ONE)
                } else {
                    tv.checked_div(av)
                }
            } else if tv.is_zero() {
                Some(Decimal::ONE)
            } else {
                av.checked_div(tv)
            };
            if met {
                Attainment::Met {
                    ratio: if reverse { None } else { ratio },
                }
            } else {
                Attainment::Missed { ratio }
            }
        }
        (
            Value::Date {
                comparator,
                date: t,
                ..
            },
            Value::Date { date: a, .. },
        ) => {
            // A month stands for its whole month: a deadline of 2022年12月 is its last day,
            // an actual of 2022年12月 its first (the form says no more).
            let (t_end, a_start) = (day_key(t, 31), day_key(a, 1));
            let met = match comparator {
                Comparator::AtLeast => day_key(a, 31) >= day_key(t, 1),
                Comparator::Above => day_key(a, 31) > day_key(t, 31),
                Comparator::Below => a_start < day_key(t, 1),
                // A deadline: on or before it.
                Comparator::AtMost | Comparator::Equal => a_start <= t_end,
            };
            if met {
                Attainment::Met { ratio: None }
            } else {
                Attainment::Missed { ratio: None }
            }
        }
        (
            Value::Period { to: t, .. },
            Value::Date { date: a, .. } | Value::Period { to: a, .. },
        ) => {
            if day_key(a, 1) <= day_key(t, 31) {
                Attainment::Met { ratio: None }
            } else {
                Attainment::Missed { ratio: None }
            }
        }
        _ => Attainment::Judged,
    }
}

/// A date as (year, month, day), a month taking `day` for its day.
fn day_key(d: &crate::model::Date, day: u32) -> (i32, u32, u32) {
    (d.year, d.month, d.day.unwrap_or(day))
}

/// The numbers of a target and an actual in one unit: money in 元, a declared unit in its
/// base, others as written (`%` and `％` alike). A side written without a unit is read in the
/// other's unit (a clerk's `98` under a `≥95%` target). `None` when the units differ.
pub fn comparable(target: &Quantity, actual: &Quantity) -> Option<(Decimal, Decimal)> {
    fn in_base(q: &Quantity) -> Option<(Decimal, Option<String>)> {
        if let Some((v, base)) = q.normalized() {
            let base = (!base.is_empty()).then_some(base);
            return Some((v, base));
        }
        Some((q.value, q.unit.as_ref().map(|u| fold_unit_text(&u.symbol))))
    }
    let (tv, tu) = in_base(target)?;
    let (av, au) = in_base(actual)?;
    match (tu, au) {
        (Some(t), Some(a)) if t != a => None,
        _ => Some((tv, av)),
    }
}

/// A target or an actual as the form writes it: `≥9200人`, `≤2022-12`, `有效提升`.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Quantitative {
            comparator,
            explicit,
            quantity,
        } => {
            let sign = if *explicit { comparator.symbol() } else { "" };
            format!("{sign}{}", quantity.written())
        }
        Value::Date {
            comparator,
            explicit,
            date,
        } => {
            let sign = if *explicit { comparator.symbol() } else { "" };
            format!("{sign}{date}")
        }
        Value::Period { from, to, .. } => format!("{from}..{to}"),
        Value::Qualitative { text } => text.clone(),
    }
}

/// A score rounded half up (四舍五入) to `decimals`.
pub fn round(score: Decimal, decimals: u32) -> Decimal {
    score.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// Whether a claimed score is the exact one as the form would write it: rounded half up to
/// the decimals the claim is written with (at most the profile's). A whole number claims
/// exactness: `20` does not stand for 19.57, but `19.6` does.
pub fn matches(claimed: Decimal, exact: Decimal, profile: &ScoringProfile) -> bool {
    let decimals = claimed.normalize().scale().min(profile.decimals);
    if decimals == 0 {
        return round(exact, profile.decimals) == round(claimed, profile.decimals);
    }
    round(exact, decimals) == round(claimed, decimals)
}

/// A rate as a percentage for messages: `0.95` → `95%`, `0.9512` → `95.12%`.
pub fn percent(rate: Decimal) -> String {
    let p = rate
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|p| round(p, 2).normalize());
    match p {
        Some(p) => format!("{p}%"),
        None => "—".to_string(),
    }
}

/// A score for messages: `19.5652…` → `19.57`.
pub fn shown(score: Decimal, profile: &ScoringProfile) -> String {
    round(score, profile.decimals).normalize().to_string()
}

/// The grade a score's share of the weight falls in, for messages.
pub fn grade_of(score: Decimal, weight: Decimal, profile: &ScoringProfile) -> Option<Grade> {
    let share = score.checked_div(weight)?;
    [Grade::Achieved, Grade::Partial, Grade::Missed]
        .into_iter()
        .find(|g| {
            let (lo, hi) = profile.grade_range(*g);
            share >= lo && share <= hi
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::lowers;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn card(body: &str) -> Scorecard {
        let p = lowers(&format!("budget 100万元; {body}")).expect("the test form lowers");
        score(&p, &ScoringProfile::default_profile()).expect("a self-evaluation")
    }

    #[test]
    fn a_missed_positive_target_scores_in_proportion() {
        let c =
            card("output quantity \"人口\" >= 9200人 { weight 20; actual 9000人; score 19.57; }");
        let s = &c.indicators[0];
        assert!(s.attainment.missed());
        // 20 × 9000 / 9200 = 19.565217…, exact until rounded.
        assert_eq!(round(s.computed.unwrap(), 4), d("19.5652"));
        assert!(matches(
            d("19.57"),
            s.computed.unwrap(),
            &ScoringProfile::default()
        ));
        assert!(matches(
            d("19.6"),
            s.computed.unwrap(),
            &ScoringProfile::default()
        ));
        assert!(!matches(
            d("20"),
            s.computed.unwrap(),
            &ScoringProfile::default()
        ));
        assert!(!matches(
            d("19.5"),
            s.computed.unwrap(),
            &ScoringProfile::default()
        ));
        assert!(matches(d("20.00"), d("20"), &ScoringProfile::default()));
    }

    #[test]
    fn a_missed_reverse_target_scores_target_over_actual() {
        let c = card("cost \"成本\" <= 80万元 { weight 10; actual 100万元; }");
        assert_eq!(c.indicators[0].computed, Some(d("8.0")));
        let c = card("output quality \"投诉\" 5件 { weight 10; direction negative; actual 4件; }");
        assert_eq!(c.indicators[0].computed, Some(d("10")));
    }

    #[test]
    fn a_met_target_scores_the_weight_and_overshoot_is_kept() {
        let c = card("output quantity \"培训\" >= 10次 { weight 10; actual 15次; }");
        assert_eq!(c.indicators[0].computed, Some(d("10")));
        assert_eq!(
            c.indicators[0].attainment,
            Attainment::Met {
                ratio: Some(d("1.5"))
            }
        );
    }

    #[test]
    fn units_that_differ_are_not_compared() {
        let c = card("output quantity \"人口\" >= 9200人 { weight 20; actual 95%; }");
        assert!(matches!(
            c.indicators[0].attainment,
            Attainment::UnitsDiffer { .. }
        ));
        assert_eq!(c.indicators[0].computed, None);
        // 万元 and 元 are one unit; a bare number takes the target's.
        let c = card("cost \"成本\" <= 1万元 { weight 10; actual 9000元; }");
        assert_eq!(c.indicators[0].computed, Some(d("10")));
        let c = card("satisfaction service \"满意度\" >= 90% { weight 10; actual 80; }");
        assert!(c.indicators[0].attainment.missed());
    }

    #[test]
    fn execution_rate_is_exact_and_capped() {
        let c = card("adjusted 80万元; executed 76万元; execution-score 9.5;");
        assert_eq!(c.execution.rate, Some(d("0.95")));
        assert_eq!(c.execution.computed.map(|s| s.normalize()), Some(d("9.5")));
        let c = card("executed 120万元;");
        assert_eq!(c.execution.computed, Some(d("10")));
    }

    #[test]
    fn qualitative_grades_give_ranges() {
        let c = card("effect social \"水平\" \"有效提升\" { weight 30; actual \"部分提升\"; grade partial; score 27; }");
        assert_eq!(
            c.indicators[0]
                .range
                .map(|(a, b)| (a.normalize(), b.normalize())),
            Some((d("18"), d("24")))
        );
        assert_eq!(c.indicators[0].computed, None);
        // The judged indicator enters the total with its claimed score.
        assert_eq!(c.judged, 1);
    }

    #[test]
    fn indicators_that_do_not_apply_scale_the_total_to_100() {
        let c = card(
            "adjusted 100万元; executed 100万元;
             output quantity \"a\" >= 10个 { weight 45; actual 10个; score 45; }
             output quantity \"b\" >= 10个 { weight 45; actual \"不适用\"; }",
        );
        assert_eq!(c.indicators[1].attainment, Attainment::NotApplicable);
        // (10 + 45) × 100 / (10 + 45) = 100.
        assert_eq!(c.scaled_total.map(|t| t.normalize()), Some(d("100")));
    }

    #[test]
    fn tiered_execution_scores_by_step() {
        let text = profile::BUILT_IN[0].1.replace(
            "rule = \"proportional\"",
            "rule = \"tiers\"\ntiers = [[\"1\", \"1\"], [\"0.9\", \"0.8\"], [\"0.8\", \"0.5\"]]",
        );
        let tiered = profile::parse(&text).unwrap();
        let p = lowers("budget 100万元; executed 85万元;").unwrap();
        let c = score(&p, &tiered).unwrap();
        assert_eq!(c.execution.computed.map(|s| s.normalize()), Some(d("5")));
        let p = lowers("budget 100万元; executed 79万元;").unwrap();
        assert_eq!(
            score(&p, &tiered).unwrap().execution.computed,
            Some(Decimal::ZERO)
        );
    }

    #[test]
    fn grade_words_written_as_the_actual_give_the_range() {
        let c = card("effect social \"效果\" \"效果明显\" { weight 10; actual \"部分达成预期指标\"; score 9; }");
        assert_eq!(
            c.indicators[0]
                .range
                .map(|(a, b)| (a.normalize(), b.normalize())),
            Some((d("6"), d("8")))
        );
        let c = card(
            "effect social \"效果\" \"效果明显\" { weight 10; actual \"达成预期指标\"; score 9; }",
        );
        assert_eq!(
            c.indicators[0]
                .range
                .map(|(a, b)| (a.normalize(), b.normalize())),
            Some((d("8"), d("10")))
        );
        let c = card(
            "effect social \"效果\" \"效果明显\" { weight 10; actual \"效果明显\"; score 9; }",
        );
        assert_eq!(c.indicators[0].range, None);
    }

    #[test]
    fn dates_meet_deadlines() {
        let c = card("output timeliness \"完工\" <= 2022年12月 { weight 10; actual 2023年1月; }");
        assert!(c.indicators[0].attainment.missed());
        assert_eq!(c.indicators[0].computed, None);
    }

    #[test]
    fn totals_add_exactly() {
        let c = card(
            "adjusted 100万元; executed 100万元; execution-score 10; total-score 40;
             output quantity \"a\" >= 10个 { weight 20; actual 10个; score 20; }
             output quantity \"b\" >= 10个 { weight 10; actual 5个; score 5; }",
        );
        assert_eq!(c.total.map(|t| t.normalize()), Some(d("35")));
        assert_eq!(c.claimed_sum, Some(d("35")));
        assert_eq!(c.claimed_total, Some(d("40")));
    }
}
