//! K08 — dates (日期): a project period outside the budget year, a filing date late in,
//! after, or long before the year the form plans for.
//!
//! The budget year is `year` in kpi.toml, else the form's own `year`, else the department's.

use super::{Ctx, Doc, Rule};
use crate::diag::{Diagnostic, Finding, Severity, Text};
use crate::model::{Date, Filed, Indicator, Level2, Period, Value};
use crate::source::{FileId, Span};

/// K0801 and K0805: the project period against the budget year.
fn period(file: FileId, year: i32, period: &Period, span: Span, out: &mut Vec<Diagnostic>) {
    let (from, to, written) = match period {
        Period::Year { year } => (*year, *year, format!("{year}")),
        Period::Range { from, to } => (from.year, to.year, format!("{from} – {to}")),
        Period::Date { date } => (date.year, date.year, date.to_string()),
        Period::Duration { .. } | Period::Text { .. } => return,
    };
    if from <= year && year < to {
        let finding = PastBudgetYear {
            what: ("project period", "项目期"),
            written: &written,
            year,
        };
        out.push(finding.at(file, span));
        return;
    }
    if from <= year && year <= to {
        return;
    }
    let finding = OutsideBudgetYear {
        written: &written,
        year,
    };
    out.push(finding.at(file, span));
}

/// The latest year written in a phrase as `2026年…` (a deadline in words), with the words from
/// the year to the end of that date (`2026年12月底`).
fn last_year_in(text: &str) -> Option<(i32, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut best: Option<(i32, String)> = None;
    for (i, &(start, c)) in chars.iter().enumerate() {
        let four: String = chars[i..].iter().take(4).map(|(_, c)| *c).collect();
        let before_digit = i > 0 && chars[i - 1].1.is_ascii_digit();
        if !c.is_ascii_digit()
            || before_digit
            || four.len() != 4
            || !four.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        if chars.get(i + 4).map(|x| x.1) != Some('年') {
            continue;
        }
        let Ok(y) = four.parse::<i32>() else { continue };
        // The date's words: up to a character that is no digit nor a date word.
        let end = chars[i + 5..]
            .iter()
            .find(|(_, c)| !(c.is_ascii_digit() || "月日号底末初前".contains(*c)))
            .map_or(text.len(), |(j, _)| *j);
        if best.as_ref().is_none_or(|(b, _)| y > *b) {
            best = Some((y, text[start..end].to_string()));
        }
    }
    best
}

/// What K0805 calls a timeliness indicator's value, in English and Chinese.
const TIMELINESS: (&str, &str) = ("timeliness target", "时效目标");

/// K0805 for timeliness (时效) values: a deadline or a period after the budget year.
fn timeliness(
    cx: &Ctx<'_>,
    file: FileId,
    year: i32,
    indicators: &[Indicator],
    out: &mut Vec<Diagnostic>,
) {
    for ind in indicators
        .iter()
        .filter(|i| i.level2 == Some(Level2::Timeliness))
    {
        let (last, written) = match &ind.value {
            Some(Value::Date {
                date, comparator, ..
            }) => (date.year, format!("{}{date}", comparator.symbol())),
            Some(Value::Period { from, to, .. }) => (to.year, format!("{from} – {to}")),
            // A deadline written in words, in the value or in the name: `截至2026年12月底`.
            Some(Value::Qualitative { text }) => match last_year_in(text) {
                Some((y, said)) => (y, said),
                None => continue,
            },
            _ => match last_year_in(&ind.name) {
                Some((y, said)) => {
                    if y > year {
                        let span = super::find_in(cx.source(file), ind.name_span, &said);
                        let finding = PastBudgetYear {
                            what: TIMELINESS,
                            written: &said,
                            year,
                        };
                        out.push(finding.at(file, span));
                    }
                    continue;
                }
                None => continue,
            },
        };
        if last > year {
            let finding = PastBudgetYear {
                what: TIMELINESS,
                written: &written,
                year,
            };
            out.push(finding.at(file, ind.value_span));
        }
    }
}

fn filed(cx: &Ctx<'_>, file: FileId, year: i32, filed: &Filed, out: &mut Vec<Diagnostic>) {
    let Some(date) = &filed.date else { return };
    let d: Date = date.value;
    let (late_m, late_d) = cx.config.late_filing_after();
    let day = d.day.unwrap_or(1);
    if d.year > year {
        out.push(FiledAfterYear { filed: d, year }.at(file, date.span));
    } else if d.year == year && (d.month, day) > (late_m, late_d) {
        let finding = FiledLate {
            filed: d,
            year,
            after: (late_m, late_d),
        };
        out.push(finding.at(file, date.span));
    } else if d.year < year - 1 {
        out.push(FiledLongBefore { filed: d, year }.at(file, date.span));
    }
}

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for form in cx.filing.forms() {
        let Some(year) = cx.budget_year(form.year) else {
            continue;
        };
        let file = form.origin.file_id;
        if let Some(per) = form.project().and_then(|p| p.period.as_ref()) {
            period(file, year, &per.value, per.span, out);
        }
        // A monitoring form is filed in the summer and a self-evaluation after the year: the
        // filing-date rules are about target forms.
        let assessed = form.project().is_some_and(crate::score::is_assessed);
        if let Some(f) = form.filed.as_ref().filter(|_| !assessed) {
            filed(cx, file, year, f, out);
        }
        timeliness(cx, file, year, &form.indicators, out);
    }
}

pub const PERIOD_OUTSIDE_BUDGET_YEAR: Rule = Rule {
    code: "K0801",
    name: "period-outside-budget-year",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "The project period lies outside the budget year", zh: "项目期不在预算年度内" },
    what: Doc {
        en: "Checks that a project period given as a year, a date or a range overlaps the budget year (kpi.toml `year`, else the form's `year`, else the department's). Durations (`365天`) are not checked.",
        zh: "检查以年份、日期或起止日期表示的项目期与预算年度（kpi.toml 的 `year`，否则为表单的年度，否则为部门表的年度）有交集。时长（如 `365天`）不检查。",
    },
    why: Doc {
        en: "A 2023 form whose period is 2021 plans nothing for 2023: it was copied from an old form and its targets are stale too.",
        zh: "2023 年的表项目期却是 2021 年，等于没有计划 2023 年的工作：表是从旧表抄来的，其目标也已过时。",
    },
    example: "project \"拉萨市级科技创业创新券兑现资金\" {\n  year 2023;\n  period 2021年1月-2021年12月;\n}",
    fix: Doc {
        en: "Correct the period to the budget year (`period 2023;`) and review the rest of the form for stale content.",
        zh: "把项目期改为预算年度（`项目期 2023;`），并检查表中其他过时内容。",
    },
};

/// K0801's finding: a project period that does not include the budget year.
struct OutsideBudgetYear<'a> {
    /// The period as written: `2021`, `2021-01 – 2021-12`.
    written: &'a str,
    year: i32,
}

impl Finding for OutsideBudgetYear<'_> {
    const RULE: &'static Rule = &PERIOD_OUTSIDE_BUDGET_YEAR;

    fn message(&self) -> Text {
        let (written, year) = (self.written, self.year);
        Text::new(
            format!("the project period {written} lies outside the budget year {year}"),
            format!("项目期 {written} 不在预算年度 {year} 年内"),
        )
    }

    fn help(&self) -> Text {
        let year = self.year;
        Text::new(
            format!("a form for {year} plans work in {year}: correct the period (e.g. `period {year};`), it was probably copied from an older form"),
            format!("{year} 年的表应计划 {year} 年的工作：请更正项目期（如 `项目期 {year};`），该值可能抄自往年的表"),
        )
    }
}

pub const FILED_LATE: Rule = Rule {
    code: "K0802",
    name: "filed-late",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "Filed late in the budget year", zh: "填报日期已在预算年度下半年" },
    what: Doc {
        en: "Finds forms filed in their budget year after `late_filing_after` (kpi.toml `[thresholds]`, default \"06-30\").",
        zh: "查找在预算年度内、晚于 `late_filing_after`（kpi.toml 的 `[thresholds]`，默认 \"06-30\"）填报的表。",
    },
    why: Doc {
        en: "Targets are set with the budget, before the money is spent; a form dated November of its own year was either filed after the fact or carries a typing error.",
        zh: "绩效目标随预算设定，应在资金使用前；表上日期是当年 11 月，要么是事后补填，要么日期录错。",
    },
    example: "project \"科技专项\" {\n  year 2023;\n  filed 2023年11月28日;\n}",
    fix: Doc {
        en: "Correct the date if it is a typing error; otherwise explain the late filing, and suppress with a reason.",
        zh: "若日期录错请更正；否则说明补报原因，并在抑制注释中写明理由。",
    },
};

/// K0802's finding: a filing date late in the budget year.
struct FiledLate {
    filed: Date,
    year: i32,
    /// The configured month and day after which a filing is late.
    after: (u32, u32),
}

impl Finding for FiledLate {
    const RULE: &'static Rule = &FILED_LATE;

    fn message(&self) -> Text {
        let (d, year, (late_m, late_d)) = (self.filed, self.year, self.after);
        Text::new(
            format!("filed on {d}, late in the budget year {year} (after {late_m:02}-{late_d:02})"),
            format!("填报日期 {d} 已晚于预算年度 {year} 年的{late_m}月{late_d}日"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "targets are filed with the budget, before or early in the year; check the date (a typing error for 1月?)",
            "绩效目标应随预算在年初或上一年申报；请核对日期（是否把 1 月误写）",
        )
    }
}

pub const FILED_AFTER_BUDGET_YEAR: Rule = Rule {
    code: "K0803",
    name: "filed-after-budget-year",
    severity: Severity::Error,
    loses_data: false,
    title: Doc {
        en: "Filed after the year it plans for",
        zh: "填报日期晚于所计划的年度",
    },
    what: Doc {
        en: "Finds forms whose filing date is after the end of their budget year.",
        zh: "查找填报日期晚于预算年度结束的表。",
    },
    why: Doc {
        en: "A target cannot be planned for a year that is over; the date or the year is wrong.",
        zh: "不可能为已经结束的年度设定目标：填报日期或年度有误。",
    },
    example: "project \"科技专项\" {\n  year 2023;\n  filed 2024-02-01;\n}",
    fix: Doc {
        en: "Correct the filing date or the form's year.",
        zh: "更正填报日期或表单年度。",
    },
};

/// K0803's finding: a filing date after the budget year.
struct FiledAfterYear {
    filed: Date,
    year: i32,
}

impl Finding for FiledAfterYear {
    const RULE: &'static Rule = &FILED_AFTER_BUDGET_YEAR;

    fn message(&self) -> Text {
        let (d, year) = (self.filed, self.year);
        Text::new(
            format!("filed on {d}, after the budget year {year} it plans for"),
            format!("填报日期 {d} 晚于其所计划的预算年度 {year} 年"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "a performance target is set before the money is spent: correct the date or the year",
            "绩效目标应在资金使用前设定：请更正填报日期或年度",
        )
    }
}

pub const FILED_LONG_BEFORE: Rule = Rule {
    code: "K0804",
    name: "filed-long-before",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "Filed more than a year before the budget year", zh: "填报日期早于预算年度一年以上" },
    what: Doc {
        en: "Finds forms whose filing date is before the year preceding their budget year.",
        zh: "查找填报日期早于预算年度前一年的表。",
    },
    why: Doc {
        en: "Forms are filed in the year before, or early in, their budget year; an older date shows the form was copied from an earlier year without review.",
        zh: "绩效目标表在预算年度前一年或年初填报；更早的日期说明表是从往年照抄、未经复核。",
    },
    example: "project \"科技专项\" {\n  year 2023;\n  filed 2020-12-01;\n}",
    fix: Doc {
        en: "Update the filing date, and review the form for other stale content.",
        zh: "更新填报日期，并检查表中其他过时内容。",
    },
};

/// K0804's finding: a filing date more than a year before the budget year.
struct FiledLongBefore {
    filed: Date,
    year: i32,
}

impl Finding for FiledLongBefore {
    const RULE: &'static Rule = &FILED_LONG_BEFORE;

    fn message(&self) -> Text {
        let (d, year) = (self.filed, self.year);
        Text::new(
            format!("filed on {d}, more than a year before the budget year {year}"),
            format!("填报日期 {d} 比预算年度 {year} 年早一年以上"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "the form was probably copied from an older year: update the date",
            "该表可能抄自往年：请更新填报日期",
        )
    }
}

pub const PERIOD_PAST_BUDGET_YEAR: Rule = Rule {
    code: "K0805",
    name: "period-past-budget-year",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A period or deadline runs past the budget year", zh: "期间或期限超出预算年度" },
    what: Doc {
        en: "Finds project periods that start in the budget year but end after it (`2023.07-2024.06` on a 2023 form), and timeliness (时效) dates or periods that end after the budget year (`≤2024-06-30`). A period wholly outside the year is K0801.",
        zh: "查找从预算年度开始但在其后结束的项目期（2023 年的表写 `2023.07-2024.06`），以及结束于预算年度之后的时效日期或期间（`≤2024-06-30`）。整个落在年度之外的归 K0801。",
    },
    why: Doc {
        en: "Annual targets are monitored in July and evaluated at year end; a target due next year cannot be judged, and the money for next year belongs to next year's budget.",
        zh: "年度目标在 7 月监控、年末评价；次年才到期的目标无法评价，次年的资金也应列入次年预算。",
    },
    example: "project \"科技城筹备\" {\n  year 2023;\n  period 2023.07-2024.06;\n  output timeliness \"完成时间\" <= 2024-06-30;\n}",
    fix: Doc {
        en: "End the period and the deadline within the budget year, or suppress the finding with the reason for a multi-year project (`// kpi: allow K0805 -- 跨年度项目`).",
        zh: "把期间和期限定在预算年度内；跨年度项目可写明理由后抑制（`// kpi: allow K0805 -- 跨年度项目`）。",
    },
};

/// K0805's finding: a period or date that starts in the budget year and runs past it.
struct PastBudgetYear<'a> {
    /// What runs past, in English and Chinese: `("project period", "项目期")`.
    what: (&'a str, &'a str),
    /// The period or date as written.
    written: &'a str,
    year: i32,
}

impl Finding for PastBudgetYear<'_> {
    const RULE: &'static Rule = &PERIOD_PAST_BUDGET_YEAR;

    fn message(&self) -> Text {
        let ((what, what_zh), written, year) = (self.what, self.written, self.year);
        Text::new(
            format!("the {what} {written} runs past the budget year {year}"),
            format!("{what_zh} {written} 超出了预算年度 {year} 年"),
        )
    }

    fn help(&self) -> Text {
        let ((what, what_zh), year) = (self.what, self.year);
        Text::new(
            format!("a {year} form sets targets for {year}: end the {what} by {year}-12-31, or file the later part with next year's budget"),
            format!("{year} 年的表设定 {year} 年的目标：{what_zh}应在 {year} 年 12 月 31 日前结束，以后的部分随下一年度预算申报"),
        )
    }
}

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[
    &PERIOD_OUTSIDE_BUDGET_YEAR,
    &FILED_LATE,
    &FILED_AFTER_BUDGET_YEAR,
    &FILED_LONG_BEFORE,
    &PERIOD_PAST_BUDGET_YEAR,
];
