//! K06 — values (指标值): template leftovers, percentages above 100, implausible thresholds,
//! zero targets, output quantities bounded from above. (A unit that does not fit its category
//! is K0202, reported while lowering.)

use rust_decimal::Decimal;

use super::words::{placeholder, strip_numbering};
use super::{Ctx, Doc, Rule};
use crate::diag::{Diagnostic, Finding, Severity, Text};
use crate::model::{Comparator, Dimension, Direction, Indicator, Level1, Level2, Value};
use crate::source::FileId;

/// Words that make a percentage a pass/completion rate (合格率, 完成率 …).
const RATE_WORDS: &[&str] = &[
    "合格率",
    "完成率",
    "达标率",
    "验收率",
    "执行率",
    "通过率",
    "到位率",
    "覆盖率",
    "准确率",
    "及格率",
    "发放率",
    "兑现率",
    "优良率",
    "满意率",
];

/// Words that make an indicator count something to avoid (a reverse indicator, 反向指标):
/// zero accidents, complaints or disputes is a real target.
const HARM_WORDS: &[&str] = &[
    "事故",
    "投诉",
    "争议",
    "差错",
    "违规",
    "违纪",
    "违法",
    "失误",
    "损失",
    "逾期",
    "上访",
    "纠纷",
    "不合格",
    "返工",
    "超支",
    "闲置",
    "流失",
    "误差",
    "故障",
    "污染",
    "发病",
    "死亡",
    "伤亡",
    "案件",
    "问题数",
    "整改",
    "退回",
];

/// True when the indicator's name says it counts something to avoid.
pub(super) fn names_a_harm(name: &str) -> bool {
    HARM_WORDS.iter().any(|w| name.contains(w))
}

/// K0611: the indicator measures something its category does not: a rate (`…率 ≥95%`) under
/// 数量, an amount of money under 数量 (an input, not an output), a satisfaction (`…满意度`,
/// `…满意程度`) outside 满意度.
fn category_fit(file: FileId, ind: &Indicator, out: &mut Vec<Diagnostic>) {
    let name = strip_numbering(&ind.name).0;
    let quantity = match &ind.value {
        Some(Value::Quantitative { quantity, .. }) => Some(quantity),
        _ => None,
    };
    let dim = quantity.and_then(|q| q.dimension());
    let under_quantity = ind.level1 == Level1::Output && ind.level2 == Some(Level2::Quantity);
    // A name that ends in a rate, before any template hint: `种植作物成活率(≥**%)`.
    let rate_name = name
        .split(['(', '（'])
        .next()
        .is_some_and(|head| head.trim_end().ends_with('率'));
    let written = || quantity.map(|q| q.written()).unwrap_or_default();
    let indicator = ind.name.as_str();
    let finding = if under_quantity
        && (dim == Some(Dimension::Percent) && name.contains('率') || rate_name && dim.is_none())
    {
        DoesNotFitCategory::Rate {
            indicator,
            written: written(),
        }
    } else if under_quantity && dim == Some(Dimension::Money) {
        DoesNotFitCategory::Money {
            indicator,
            written: written(),
        }
    } else if ind.level1 != Level1::Satisfaction
        && ["满意度", "满意程度", "满意率"]
            .iter()
            .any(|w| name.contains(w))
    {
        DoesNotFitCategory::Satisfaction {
            indicator,
            category: ind.level1.chinese(),
        }
    } else {
        return;
    };
    out.push(finding.at(file, ind.name_span));
}

/// K0601 in an indicator: a template's numbering, placeholder or bare unit left in place.
fn placeholders(file: FileId, ind: &Indicator, out: &mut Vec<Diagnostic>) {
    let (rest, numbered) = strip_numbering(&ind.name);
    if numbered && rest.is_empty() {
        let finding = Placeholder::NumberingOnly {
            name: ind.name.trim(),
        };
        out.push(finding.at(file, ind.name_span));
        return;
    }
    if let Some(p) = placeholder(&ind.name) {
        out.push(Placeholder::InName { placeholder: p }.at(file, ind.name_span));
    }
    if let Some(Value::Qualitative { text }) = &ind.value {
        if super::words::unit_only(text) {
            let finding = Placeholder::UnitOnly {
                indicator: &ind.name,
                unit: text.trim(),
            };
            out.push(finding.at(file, ind.value_span));
            return;
        }
        if let Some(p) = placeholder(text) {
            let finding = Placeholder::AsValue {
                indicator: &ind.name,
                value: text.trim(),
                placeholder: p,
            };
            out.push(finding.at(file, ind.value_span));
        }
    }
}

/// Phrases that fill a target cell without measuring anything (K0609).
const BOILERPLATE: &[&str] = &[
    "按实际情况执行",
    "按实际情况",
    "按实际执行",
    "按实际发生",
    "据实结算",
    "据实",
    "按规定执行",
    "按规定",
    "按要求执行",
    "按要求",
    "按政策执行",
    "按标准执行",
    "按计划执行",
    "符合要求",
    "符合规定",
    "符合标准",
    "达到要求",
    "达标",
    "完成",
    "全部完成",
    "按时完成",
    "良好",
    "好",
];

/// True when a phrase is one of [`BOILERPLATE`], punctuation aside.
fn is_boilerplate(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '，' | ','))
        .collect();
    BOILERPLATE.contains(&t.as_str())
}

/// True when an effect row answers "no" to a question of benefit (`是否产生经济价值` → `否`).
/// "No" to a question of harm (`是否对生态环境造成影响`, `是否造成污染`) is a good outcome.
fn says_no_benefit(name: &str, value: &str) -> bool {
    let v = value.trim();
    let harm = ["造成", "破坏", "污染", "损害", "负面", "不良"];
    matches!(v, "否" | "无" | "没有" | "不产生" | "未产生")
        && !harm.iter().any(|w| name.contains(w))
        && !names_a_harm(name)
}

/// Words that make a phrase name a time: a timeliness target written in words (`年底前完成`,
/// `春节前`, `当月`). A bare time unit is not enough: `按月安排` is a frequency, not a deadline.
const TIME_WORDS: &[&str] = &[
    "底",
    "末",
    "初",
    "前",
    "以内",
    "之内",
    "内完成",
    "当年",
    "当月",
    "当日",
    "当天",
    "当期",
    "年度内",
    "同步",
    "即时",
    "实时",
];

/// True when a phrase states a time: a digit, a time word, or a Chinese numeral with a time
/// unit (`三个月`, `十五个工作日`).
fn states_a_time(text: &str) -> bool {
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || TIME_WORDS.iter().any(|w| text.contains(w))
    {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        "一二两三四五六七八九十半".contains(*c)
            && chars[i + 1..]
                .iter()
                .skip_while(|c| **c == '个')
                .take(3)
                .collect::<String>()
                .starts_with(['天', '日', '月', '周', '年', '小', '工', '季'])
    })
}

/// K0606, K0608, K0609: values written as phrases that measure nothing.
fn qualitative(file: FileId, ind: &Indicator, out: &mut Vec<Diagnostic>) {
    let Some(Value::Qualitative { text }) = &ind.value else {
        return;
    };
    if placeholder(text).is_some() {
        return;
    }
    if ind.level2 == Some(Level2::Timeliness) {
        if !states_a_time(text) {
            let finding = NotATime {
                indicator: &ind.name,
                value: text.trim(),
            };
            out.push(finding.at(file, ind.value_span));
        }
        return;
    }
    if ind.level1 == Level1::Effect && says_no_benefit(&ind.name, text) {
        let finding = Boilerplate::NoEffect {
            indicator: &ind.name,
            value: text.trim(),
        };
        out.push(finding.at(file, ind.value_span));
        return;
    }
    if ind.level1 == Level1::Output && ind.level2 == Some(Level2::Quantity) && is_boilerplate(text)
    {
        let finding = Boilerplate::Quantity {
            indicator: &ind.name,
            value: text.trim(),
        };
        out.push(finding.at(file, ind.value_span));
        return;
    }
    let (en, zh, want_en, want_zh) = if super::money::is_cost(ind) {
        (
            "a cost",
            "成本指标",
            "an amount of money (`≤10万元`)",
            "金额（如 `≤10万元`）",
        )
    } else if ind.level1 == Level1::Satisfaction {
        (
            "a satisfaction",
            "满意度指标",
            "a percentage (`≥90%`)",
            "百分比（如 `≥90%`）",
        )
    } else {
        return;
    };
    let finding = PhraseForMeasure {
        kind: (en, zh),
        want: (want_en, want_zh),
        value: text.trim(),
    };
    out.push(finding.at(file, ind.value_span));
}

fn numbers(cx: &Ctx<'_>, file: FileId, ind: &Indicator, out: &mut Vec<Diagnostic>) {
    let Some(Value::Quantitative {
        comparator,
        quantity,
        explicit,
    }) = &ind.value
    else {
        return;
    };
    let value = quantity.value;
    let hundred = Decimal::from(100);
    let is_percent = quantity.dimension() == Some(Dimension::Percent)
        && quantity.unit.as_ref().is_some_and(|u| u.symbol == "%");
    let at_least = matches!(
        comparator,
        Comparator::AtLeast | Comparator::Above | Comparator::Equal
    );
    if is_percent && (value > hundred || (value == hundred && *comparator == Comparator::Above)) {
        let finding = PercentAbove100 {
            indicator: &ind.name,
            comparator: comparator.symbol(),
            percent: value,
        };
        out.push(finding.at(file, ind.value_span));
    }
    if is_percent && at_least && ind.direction != Some(Direction::Negative) {
        let name = strip_numbering(&ind.name).0;
        let satisfaction = ind.level1 == Level1::Satisfaction;
        let rate = RATE_WORDS.iter().find(|w| name.contains(*w));
        let (min, what_en, what_zh) = if satisfaction {
            (
                cx.config.satisfaction_min,
                "a satisfaction target",
                "满意度目标",
            )
        } else if let Some(w) = rate {
            (
                cx.config.rate_min,
                "a rate target",
                if *w == "完成率" {
                    "完成率目标"
                } else {
                    "比率目标"
                },
            )
        } else {
            (Decimal::ZERO, "", "")
        };
        if value < min && !value.is_zero() {
            let finding = ImplausiblyLow {
                what: (what_en, what_zh),
                indicator: &ind.name,
                comparator: comparator.symbol(),
                percent: value,
                min,
            };
            out.push(finding.at(file, ind.value_span));
        }
    }
    if value.is_zero() && super::money::is_cost(ind) {
        let finding = CostNotPositive {
            indicator: &ind.name,
            comparator: comparator.symbol(),
            written: quantity.written(),
        };
        out.push(finding.at(file, ind.value_span));
        return;
    }
    // A bare `100%` can only mean "all": at least 100% and exactly 100% are the same target.
    if !explicit && is_percent && value != hundred {
        let finding = RateWithoutComparator {
            indicator: &ind.name,
            written: quantity.written(),
        };
        out.push(finding.at(file, ind.value_span));
    }
    if value.is_zero()
        && matches!(comparator, Comparator::AtLeast | Comparator::Equal)
        && ind.direction != Some(Direction::Negative)
        && !names_a_harm(&ind.name)
    {
        let finding = ZeroTarget::Indicator {
            indicator: &ind.name,
            comparator: comparator.symbol(),
            written: quantity.written(),
        };
        out.push(finding.at(file, ind.value_span));
    }
    if ind.level1 == Level1::Output
        && ind.level2 == Some(Level2::Quantity)
        && matches!(comparator, Comparator::AtMost | Comparator::Below)
        && ind.direction != Some(Direction::Negative)
        && !value.is_zero()
    {
        let finding = BoundedAbove {
            indicator: &ind.name,
            comparator: comparator.symbol(),
            written: quantity.written(),
        };
        out.push(finding.at(file, ind.value_span));
    }
}

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for form in cx.filing.forms() {
        let file = form.origin.file_id;
        for ind in &form.indicators {
            placeholders(file, ind, out);
            category_fit(file, ind, out);
            qualitative(file, ind, out);
            numbers(cx, file, ind, out);
        }
    }
    for form in cx.filing.forms() {
        let file = form.origin.file_id;
        for g in &form.goals {
            for m in super::text::mentions(&g.text)
                .iter()
                .filter(|m| m.value.is_zero())
            {
                let span = match super::text::goal_text_span(cx, file, g) {
                    (_, Some(start)) => crate::source::Span::new(start + m.start, start + m.end),
                    (span, None) => span,
                };
                let said = &g.text[m.start..m.end];
                out.push(ZeroTarget::Goal { said }.at(file, span));
            }
        }
    }
    // Goals of every form: a department's annual goals (年度目标) are filed as text too.
    for form in cx.filing.forms() {
        for g in &form.goals {
            if let Some(ph) = placeholder(&g.text) {
                out.push(Placeholder::InGoal { placeholder: ph }.at(form.origin.file_id, g.span));
            }
        }
    }
    for p in &cx.filing.projects {
        if let Some(unit) = &p.implementing_unit {
            if let Some(ph) = placeholder(unit) {
                let finding = Placeholder::AsUnit { placeholder: ph };
                out.push(finding.at(p.origin.file_id, p.origin.name_span));
            }
        }
    }
}

pub const TEMPLATE_PLACEHOLDER: Rule = Rule {
    code: "K0601",
    name: "template-placeholder",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A template placeholder was left in the form", zh: "表单中残留模板占位符" },
    what: Doc {
        en: "Finds template leftovers: the choice lists `高中低` / `高中低所`, `XX`, `*` as a value, name, goal or implementing unit; the template's hints `(≥**%)` and its core-indicator marks `*` `★` left in a name; a value that is only the template's unit with no number (`公里`, `≧ %`); and names that are only the template's numbering (`指标1:` with nothing after it).",
        zh: "查找模板残留：作为指标值、指标名称、目标或实施单位的选项列表 `高中低` / `高中低所`、`XX`、`*`；留在名称中的模板提示 `(≥**%)` 和核心指标标记 `*` `★`；只有模板单位而没有数值的指标值（如“公里”“≧ %”）；以及只有模板编号的名称（`指标1:` 后面什么也没有）。",
    },
    why: Doc {
        en: "A placeholder is not a target: the row was copied from the template and never filled in, and the form will be returned.",
        zh: "占位符不是目标：该行从模板复制后从未填写，表单会被退回。",
    },
    example: "project \"双创载体摸底调研项目\" {\n  effect social \"指标1: 我市经济社会高质量发展\" \"高中低所\";\n  effect ecological \"指标1:\";\n}",
    fix: Doc {
        en: "Write the real value (`有所提升`) or name, or delete the template row if the category is optional (选填).",
        zh: "填写真实的值（如“有所提升”）或名称；若该类别为选填，删去模板行。",
    },
};

/// K0601's findings: a template's leftovers, one variant per place they are left in.
enum Placeholder<'a> {
    /// An indicator named only by the template's numbering: `1.`.
    NumberingOnly { name: &'a str },
    /// A placeholder (`XXX`, `**`) in an indicator's name.
    InName { placeholder: &'a str },
    /// A value that is only a unit: `人`.
    UnitOnly { indicator: &'a str, unit: &'a str },
    /// A value that is a placeholder: the template's list of choices, `高/中/低`.
    AsValue {
        indicator: &'a str,
        value: &'a str,
        placeholder: &'a str,
    },
    /// A placeholder in a goal.
    InGoal { placeholder: &'a str },
    /// A placeholder as the implementing unit (实施单位).
    AsUnit { placeholder: &'a str },
}

impl Finding for Placeholder<'_> {
    const RULE: &'static Rule = &TEMPLATE_PLACEHOLDER;

    fn message(&self) -> Text {
        match self {
            Placeholder::NumberingOnly { name } => Text::new(
                format!("template leftover: the indicator name is only `{name}`"),
                format!("模板残留：指标名称只有“{name}”"),
            ),
            Placeholder::InName { placeholder: p } => Text::new(
                format!("template placeholder `{p}` in the indicator name"),
                format!("指标名称中有模板占位符“{p}”"),
            ),
            Placeholder::UnitOnly { indicator, unit } => Text::new(
                format!("template leftover: the value of “{indicator}” is only the unit `{unit}`, with no number"),
                format!("模板残留：指标“{indicator}”的值只有单位“{unit}”，没有数值"),
            ),
            Placeholder::AsValue {
                indicator, value, ..
            } => Text::new(
                format!("template placeholder `{value}` as the value of “{indicator}”"),
                format!("指标“{indicator}”的值是模板占位符“{value}”"),
            ),
            Placeholder::InGoal { placeholder: ph } => Text::new(
                format!("template placeholder `{ph}` in the goal"),
                format!("目标中有模板占位符“{ph}”"),
            ),
            Placeholder::AsUnit { placeholder: ph } => Text::new(
                format!("template placeholder `{ph}` as the implementing unit"),
                format!("实施单位是模板占位符“{ph}”"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            Placeholder::NumberingOnly { .. } => Text::new(
                "write the indicator, or delete the template row",
                "填写指标内容，或删去模板行",
            ),
            Placeholder::InName { .. } => Text::new(
                "replace the placeholder with the real indicator",
                "用真实的指标替换占位符",
            ),
            Placeholder::UnitOnly { .. } => Text::new(
                "write the target with its number (`≥9200人`), or delete the row if the category does not apply",
                "填写带数值的目标（如 `≥9200人`）；如该指标不适用，删去该行",
            ),
            Placeholder::AsValue { placeholder: p, .. } => Text::new(
                format!("`{p}` is the template's list of choices: pick one (`高`), or write the target (`有所提升`)"),
                format!("“{p}”是模板给出的选项：请选定其一（如“高”），或写明目标（如“有所提升”）"),
            ),
            Placeholder::InGoal { .. } => Text::new(
                "replace the placeholder with the real goal",
                "用真实的目标替换占位符",
            ),
            Placeholder::AsUnit { .. } => Text::new(
                "write the unit that carries out the project",
                "填写实施该项目的单位",
            ),
        }
    }
}

pub const PERCENT_ABOVE_100: Rule = Rule {
    code: "K0602",
    name: "percent-above-100",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A percentage above 100%", zh: "百分比超过100%" },
    what: Doc {
        en: "Finds percentage targets above 100% (`≥120%`, `>100%`).",
        zh: "查找超过100%的百分比目标（如 `≥120%`、`>100%`）。",
    },
    why: Doc {
        en: "Rates, satisfaction and completion cannot exceed 100%; such a target is a typing error or cannot be met. (A growth rate may; allow the rule there.)",
        zh: "比率、满意度、完成率不可能超过100%；这样的目标是录入错误或无法完成。（增长率可以超过，可在该处抑制此规则。）",
    },
    example: "project \"科技专项\" {\n  satisfaction service \"项目实施企事业单位\" >= 198%;\n}",
    fix: Doc {
        en: "Correct the number (`≥98%`).",
        zh: "更正数值（如 `≥98%`）。",
    },
};

/// K0602's finding: a percentage above 100%.
struct PercentAbove100<'a> {
    indicator: &'a str,
    /// The comparator's symbol: `≥`.
    comparator: &'a str,
    /// The number of percent.
    percent: Decimal,
}

impl Finding for PercentAbove100<'_> {
    const RULE: &'static Rule = &PERCENT_ABOVE_100;

    fn message(&self) -> Text {
        let (indicator, comparator, value) = (self.indicator, self.comparator, self.percent);
        Text::new(
            format!("the percentage {comparator}{value}% of “{indicator}” is above 100%"),
            format!("指标“{indicator}”的百分比{comparator}{value}%超过100%"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "a rate cannot exceed 100%: correct the number",
            "比率不能超过100%：请更正数值",
        )
    }
}

pub const IMPLAUSIBLE_THRESHOLD: Rule = Rule {
    code: "K0603",
    name: "implausible-threshold",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "An implausibly low satisfaction or rate target", zh: "满意度或比率目标过低" },
    what: Doc {
        en: "Finds satisfaction targets below `satisfaction_min` (default 80%) and 合格率/完成率/达标率/执行率-like targets below `rate_min` (default 60%), both set in kpi.toml `[thresholds]`.",
        zh: "查找低于 `satisfaction_min`（默认 80%）的满意度目标，以及低于 `rate_min`（默认 60%）的合格率、完成率、达标率、执行率等目标；两个阈值可在 kpi.toml 的 `[thresholds]` 中设置。",
    },
    why: Doc {
        en: "A target of `合格率 ≥10%` is met by almost any result and measures nothing; it is usually a typing error for 100% or 90%.",
        zh: "`合格率 ≥10%` 这样的目标几乎必然达成，衡量不了什么，通常是 100% 或 90% 的录入错误。",
    },
    example: "project \"拉萨市双创升级系列培训计划\" {\n  output quality \"指标1: 培训人员合格率\" >= 10%;\n}",
    fix: Doc {
        en: "Set a target the project has to work for (`≥90%`).",
        zh: "设定需要努力才能达到的目标（如 `≥90%`）。",
    },
};

/// K0603's finding: a satisfaction or rate target below the configured minimum.
struct ImplausiblyLow<'a> {
    /// The kind of target, in English and Chinese: `("a rate target", "比率目标")`.
    what: (&'a str, &'a str),
    indicator: &'a str,
    /// The comparator's symbol: `≥`.
    comparator: &'a str,
    /// The target, in percent.
    percent: Decimal,
    /// The configured minimum, in percent.
    min: Decimal,
}

impl Finding for ImplausiblyLow<'_> {
    const RULE: &'static Rule = &IMPLAUSIBLE_THRESHOLD;

    fn message(&self) -> Text {
        let ((what_en, what_zh), indicator) = (self.what, self.indicator);
        let (comparator, value, min) = (self.comparator, self.percent, self.min);
        Text::new(
            format!("{what_en} of {comparator}{value}% for “{indicator}” is implausibly low (below {min}%)"),
            format!("指标“{indicator}”的{what_zh}{comparator}{value}%过低（低于{min}%）"),
        )
    }

    fn help(&self) -> Text {
        let min = self.min;
        Text::new(
            format!("targets of this kind are normally at least {min}% (often ≥90%); check for a typing error"),
            format!("此类目标通常不低于{min}%（多为≥90%）；请核对是否录错"),
        )
    }
}

pub const ZERO_TARGET: Rule = Rule {
    code: "K0604",
    name: "zero-target",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A target of zero", zh: "目标值为 0" },
    what: Doc {
        en: "Finds targets of `0` or `≥0` (not `≤0`, which is a legitimate limit, nor indicators marked 反向 or named for something to avoid: 事故, 投诉, 争议, 差错, 违规 …), and counts of zero in a goal's text (`建设农村科普示范基地0个`).",
        zh: "查找目标为 `0` 或 `≥0` 的指标（`≤0` 是合理的上限；标为反向的指标，以及名称表明是要避免之事的指标——事故、投诉、争议、差错、违规等——也不报告），以及目标文字中为 0 的计数（如“建设农村科普示范基地0个”）。",
    },
    why: Doc {
        en: "A target of zero is met by doing nothing; it is a placeholder or a typing error.",
        zh: "目标为 0 意味着什么都不做也能完成，是占位或录入错误。",
    },
    example: "project \"流动科技馆巡展\" {\n  output quantity \"建设农村科普示范基地\" 0个;\n}",
    fix: Doc {
        en: "Write what the project will deliver, or remove the indicator.",
        zh: "写明项目将完成的数量，或删去该指标。",
    },
};

/// K0604's findings: a target of zero, in an indicator or in a goal.
enum ZeroTarget<'a> {
    Indicator {
        indicator: &'a str,
        /// The comparator's symbol: `≥`.
        comparator: &'a str,
        /// The quantity as written.
        written: String,
    },
    /// The goal's words: `0个`.
    Goal { said: &'a str },
}

impl Finding for ZeroTarget<'_> {
    const RULE: &'static Rule = &ZERO_TARGET;

    fn message(&self) -> Text {
        match self {
            ZeroTarget::Indicator {
                indicator,
                comparator,
                written,
            } => Text::new(
                format!("the target of “{indicator}” is {comparator}{written}: it is met by doing nothing"),
                format!("指标“{indicator}”的目标为{comparator}{written}：什么都不做也能完成"),
            ),
            ZeroTarget::Goal { said } => Text::new(
                format!("the goal sets a target of {said}: it is met by doing nothing"),
                format!("目标中的数量为{said}：什么都不做也能完成"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            ZeroTarget::Indicator { .. } => Text::new(
                "write the amount the project will deliver; for a limit (e.g. no accidents) write `≤0`",
                "写明项目将完成的数量；若为上限（如安全事故）写 `≤0`",
            ),
            ZeroTarget::Goal { .. } => Text::new(
                "write the number the project will deliver, or drop the sentence",
                "写明项目将完成的数量，或删去该句",
            ),
        }
    }
}

pub const OUTPUT_BOUNDED_ABOVE: Rule = Rule {
    code: "K0605",
    name: "output-bounded-above",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "An output quantity is bounded from above", zh: "产出数量指标设了上限" },
    what: Doc {
        en: "Finds output quantity indicators written with `≤` or `<` (`科技项目实施 ≤23个`), unless marked `direction negative` (反向) or the limit is 0 (`安全事故 ≤0次`).",
        zh: "查找用 `≤` 或 `<` 表示的产出数量指标（如“科技项目实施 ≤23个”），标为 `指标方向 反向` 或上限为 0（如“安全事故 ≤0次”）的除外。",
    },
    why: Doc {
        en: "An output is something to reach: `≤23个` is met by doing nothing at all. It is almost always `≥` mistyped.",
        zh: "产出是要达到的数量：`≤23个` 什么都不做也算完成，几乎都是 `≥` 的误写。",
    },
    example: "project \"科技专项\" {\n  output quantity \"科技项目实施\" <= 23个;\n}",
    fix: Doc {
        en: "Write `≥23个`; if less really is better, add `{ direction negative; }`.",
        zh: "改为 `≥23个`；如确实越少越好，加上 `{ 指标方向 反向; }`。",
    },
};

/// K0605's finding: an output quantity with a ceiling (`≤`) for a target.
struct BoundedAbove<'a> {
    indicator: &'a str,
    /// The comparator's symbol: `≤`.
    comparator: &'a str,
    /// The quantity as written.
    written: String,
}

impl Finding for BoundedAbove<'_> {
    const RULE: &'static Rule = &OUTPUT_BOUNDED_ABOVE;

    fn message(&self) -> Text {
        let (indicator, comparator, written) = (self.indicator, self.comparator, &self.written);
        Text::new(
            format!(
                "the output quantity “{indicator}” is bounded from above ({comparator}{written})"
            ),
            format!("产出数量指标“{indicator}”设了上限（{comparator}{written}）"),
        )
    }

    fn help(&self) -> Text {
        let written = &self.written;
        Text::new(
            format!("outputs are targets to reach: write `≥{written}`, or mark the indicator `direction negative` (反向) if less really is better"),
            format!("产出是要达到的目标：应写 `≥{written}`；如确实越少越好，标注 `指标方向 反向`"),
        )
    }
}

pub const QUALITATIVE_COST_OR_SATISFACTION: Rule = Rule {
    code: "K0606",
    name: "qualitative-cost-or-satisfaction",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A cost or satisfaction target written as a phrase", zh: "成本或满意度指标的值是文字" },
    what: Doc {
        en: "Finds cost indicators (成本) and satisfaction indicators (满意度) whose value is a phrase rather than a quantity. (A quantity in the wrong unit is K0202.)",
        zh: "查找值为文字而非数量的成本指标和满意度指标。（数量单位不对的归 K0202。）",
    },
    why: Doc {
        en: "Costs and satisfaction are measured: a cost in 元/万元, a satisfaction in %. A phrase such as “被奖励的企业满意度≥95%” hides the target in text that no system can read or score.",
        zh: "成本和满意度都是定量指标：成本以元/万元计，满意度以 % 计。“被奖励的企业满意度≥95%”这样的文字把目标藏在文字里，系统无法读取和评分。",
    },
    example: "project \"百家科技\" {\n  satisfaction service \"被评价单位接受程度\" \"被奖励的高新技术企业 满意度≥95%\";\n}",
    fix: Doc {
        en: "Write the target as a quantity: `satisfaction service \"被奖励的高新技术企业满意度\" >= 95%;`.",
        zh: "把目标写成数量：`满意度 服务对象 \"被奖励的高新技术企业满意度\" >= 95%;`。",
    },
};

/// K0606's finding: a cost or satisfaction indicator with a phrase as its value.
struct PhraseForMeasure<'a> {
    /// The kind of indicator, in English and Chinese: `("a cost", "成本指标")`.
    kind: (&'a str, &'a str),
    /// What its target should be, in English and Chinese: `("a percentage (`≥90%`)", …)`.
    want: (&'a str, &'a str),
    /// The phrase.
    value: &'a str,
}

impl Finding for PhraseForMeasure<'_> {
    const RULE: &'static Rule = &QUALITATIVE_COST_OR_SATISFACTION;

    fn message(&self) -> Text {
        let ((en, zh), value) = (self.kind, self.value);
        Text::new(
            format!("{en} indicator with a phrase as its value: “{value}”"),
            format!("{zh}的值是文字：“{value}”"),
        )
    }

    fn help(&self) -> Text {
        let ((en, zh), (want_en, want_zh)) = (self.kind, self.want);
        Text::new(
            format!("{en} target is measured: write {want_en}"),
            format!("{zh}须定量：请写{want_zh}"),
        )
    }
}

pub const COST_TARGET_NOT_POSITIVE: Rule = Rule {
    code: "K0607",
    name: "cost-target-not-positive",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "A cost target of zero", zh: "成本指标目标为 0" },
    what: Doc {
        en: "Finds cost indicators (成本, under 产出 or at level 1) whose target is zero, whatever the comparator (`0`, `≤0元`, `≥0万元`). (A number cannot be written negative.)",
        zh: "查找目标为 0 的成本指标（产出下或一级成本），无论比较符如何（`0`、`≤0元`、`≥0万元`）。（数值不能写成负数。）",
    },
    why: Doc {
        en: "A project that spends money has a cost; `≤0元` promises to spend nothing and contradicts the budget. It is a placeholder or a unit typed in the wrong cell.",
        zh: "花钱的项目必有成本；`≤0元` 等于承诺不花钱，与预算矛盾。这通常是占位或单位填错了格。",
    },
    example: "project \"办公经费\" {\n  budget 10万元;\n  cost economic \"办公经费支出\" <= 0元;\n}",
    fix: Doc { en: "Write what the project costs (`≤10万元`).", zh: "写明项目成本（如 `≤10万元`）。" },
};

/// K0607's finding: a cost target of zero.
struct CostNotPositive<'a> {
    indicator: &'a str,
    /// The comparator's symbol: `≤`.
    comparator: &'a str,
    /// The quantity as written.
    written: String,
}

impl Finding for CostNotPositive<'_> {
    const RULE: &'static Rule = &COST_TARGET_NOT_POSITIVE;

    fn message(&self) -> Text {
        let (indicator, comparator, written) = (self.indicator, self.comparator, &self.written);
        Text::new(
            format!("the cost target of “{indicator}” is {comparator}{written}: a cost is a positive amount"),
            format!("成本指标“{indicator}”的目标为{comparator}{written}：成本应为正的金额"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "write what the project costs (`≤10万元`), at most its budget",
            "写明项目成本（如 `≤10万元`），不超过项目预算",
        )
    }
}

pub const TIMELINESS_NOT_A_TIME: Rule = Rule {
    code: "K0608",
    name: "timeliness-not-a-time",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A timeliness target that is not a time", zh: "时效指标的值不是时间" },
    what: Doc {
        en: "Finds timeliness (时效) indicators whose value is a phrase that states no time (`及时`, `按时完成`, `按月安排`): no digit, no deadline word (底 末 初 前 以内 当年 当月 …) and no Chinese numeral with a time unit (`三个月`). A quantity in a non-time unit is K0202.",
        zh: "查找值为未说明时间的文字的时效指标（如“及时”“按时完成”“按月安排”）：既无数字，也无期限词（底、末、初、前、以内、当年、当月等），也无带时间单位的中文数字（如“三个月”）。以非时间单位表示的数量归 K0202。",
    },
    why: Doc {
        en: "Timeliness says when or how fast; `及时` cannot be monitored in July or scored at year end.",
        zh: "时效指标要说明何时完成或多快完成；“及时”在年中监控和年终评价时都无法衡量。",
    },
    example: "project \"慰问经费\" {\n  output timeliness \"慰问金发放及时性\" \"及时\";\n}",
    fix: Doc { en: "Write a date (`≤2023-12-31`), a time (`≤30天`), a period or a rate (`≥95%`).", zh: "写日期（`≤2023-12-31`）、时长（`≤30天`）、期间或比率（`≥95%`）。" },
};

/// K0608's finding: a timeliness target that states no time.
struct NotATime<'a> {
    indicator: &'a str,
    /// The phrase.
    value: &'a str,
}

impl Finding for NotATime<'_> {
    const RULE: &'static Rule = &TIMELINESS_NOT_A_TIME;

    fn message(&self) -> Text {
        let (indicator, value) = (self.indicator, self.value);
        Text::new(
            format!("the timeliness target of “{indicator}” is “{value}”, which is not a time, a date, a period or a rate"),
            format!("时效指标“{indicator}”的值“{value}”不是时间、日期、期间或比率"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "write when or how fast: a date (`≤2023-12-31`), a time (`≤30天`), a period or a rate (`≥95%`)",
            "写明完成时间或时效：日期（`≤2023-12-31`）、时长（`≤30天`）、期间或比率（`≥95%`）",
        )
    }
}

pub const BOILERPLATE_VALUE: Rule = Rule {
    code: "K0609",
    name: "boilerplate-value",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A target that measures nothing", zh: "指标值无法衡量" },
    what: Doc {
        en: "Finds output quantity (数量) indicators whose value is boilerplate: 按实际情况执行, 按规定执行, 按要求执行, 据实结算, 符合要求, 达标, 完成 and the like; and effect (效益) rows answered 否/无 to a question of benefit (`是否产生经济价值` → `否`; \"no\" to a question of harm, `是否造成污染`, is a good outcome and not reported). (On a cost or satisfaction row a phrase is K0606; on a timeliness row K0608.)",
        zh: "查找值为套话的产出数量指标：按实际情况执行、按规定执行、按要求执行、据实结算、符合要求、达标、完成等；以及对效益问题回答“否/无”的效益指标（如“是否产生经济价值”→“否”；对危害问题回答“否”，如“是否造成污染”，是好的结果，不报告）。（成本、满意度行的文字归 K0606，时效行归 K0608。）",
    },
    why: Doc {
        en: "A quantity target says how many; “按实际情况执行” can never be missed, so it commits the project to nothing.",
        zh: "数量指标要说明完成多少；“按实际情况执行”永远不会未完成，等于什么也没承诺。",
    },
    example: "project \"机动经费\" {\n  output quantity \"保障事项\" \"按实际情况执行\";\n}",
    fix: Doc { en: "Write the number the project delivers (`≥20个`).", zh: "写明项目完成的数量（如 `≥20个`）。" },
};

/// K0609's findings: a value that measures nothing.
enum Boilerplate<'a> {
    /// An effect answered “no” (`否`): the row promises no effect.
    NoEffect { indicator: &'a str, value: &'a str },
    /// An output quantity answered with a phrase of [`BOILERPLATE`].
    Quantity { indicator: &'a str, value: &'a str },
}

impl Finding for Boilerplate<'_> {
    const RULE: &'static Rule = &BOILERPLATE_VALUE;

    fn message(&self) -> Text {
        match self {
            Boilerplate::NoEffect { indicator, value } => Text::new(
                format!("the effect “{indicator}” is answered “{value}”: the row promises no effect"),
                format!("效益指标“{indicator}”的值为“{value}”：该行承诺的是没有效益"),
            ),
            Boilerplate::Quantity { indicator, value } => Text::new(
                format!("“{value}” measures nothing: the quantity target of “{indicator}” is boilerplate"),
                format!("“{value}”无法衡量：数量指标“{indicator}”的值是套话"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            Boilerplate::NoEffect { .. } => Text::new(
                "state the effect the project has (`带动增收 ≥5000元/户`), or leave out an optional (选填) category that does not apply",
                "写明项目产生的效益（如 `带动增收 ≥5000元/户`）；不适用的选填类别可不填",
            ),
            Boilerplate::Quantity { .. } => Text::new(
                "write how many the project delivers (`≥20个`)",
                "写明项目完成的数量（如 `≥20个`）",
            ),
        }
    }
}

pub const RATE_WITHOUT_COMPARATOR: Rule = Rule {
    code: "K0610",
    name: "rate-without-comparator",
    severity: Severity::Advice,
    loses_data: false,
    title: Doc { en: "A rate with no comparator", zh: "比率没有比较符" },
    what: Doc {
        en: "Finds percentage targets written without `≥`, `≤` or `=` (`95%`). A bare `100%` is not reported: for a rate, at least 100% and exactly 100% are the same target.",
        zh: "查找没有写 `≥`、`≤` 或 `=` 的百分比目标（如 `95%`）。单独的 `100%` 不报告：对比率而言，不低于 100% 与等于 100% 是同一目标。",
    },
    why: Doc {
        en: "kpi reads a bare value as `=`, but a rate is almost always a floor or a ceiling; at year end `96%` against `95%` scores differently under each reading.",
        zh: "kpi 把不写比较符的值按 `=` 理解，但比率几乎总是下限或上限；年终时 `96%` 对 `95%` 的得分因理解不同而不同。",
    },
    example: "project \"科技专项\" {\n  output quality \"验收合格率\" 95%;\n}",
    fix: Doc { en: "Write `≥95%` for a floor, `≤5%` for a ceiling.", zh: "下限写 `≥95%`，上限写 `≤5%`。" },
};

/// K0610's finding: a rate with no comparator.
struct RateWithoutComparator<'a> {
    indicator: &'a str,
    /// The rate as written: `95%`.
    written: String,
}

impl Finding for RateWithoutComparator<'_> {
    const RULE: &'static Rule = &RATE_WITHOUT_COMPARATOR;

    fn message(&self) -> Text {
        let (indicator, written) = (self.indicator, &self.written);
        Text::new(
            format!("the rate `{written}` of “{indicator}” has no comparator: at least, at most or exactly?"),
            format!("指标“{indicator}”的比率“{written}”没有比较符：是不低于、不高于还是等于？"),
        )
    }

    fn help(&self) -> Text {
        let written = &self.written;
        Text::new(
            format!("write `≥{written}` (at least) or `≤{written}` (at most); a bare rate is read as `={written}`"),
            format!("写作 `≥{written}`（不低于）或 `≤{written}`（不高于）；不写比较符按 `={written}` 理解"),
        )
    }
}

pub const MEASURE_DOES_NOT_FIT_CATEGORY: Rule = Rule {
    code: "K0611",
    name: "measure-does-not-fit-category",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "The indicator measures what its category does not", zh: "指标衡量的内容与其类别不符" },
    what: Doc {
        en: "Finds indicators filed under a category that does not measure what they measure: a rate (a name with 率 and a % value) under 产出 数量; an amount of money under 产出 数量 (an input); a satisfaction (满意度, 满意程度, 满意率 in the name) under any level 1 but 满意度.",
        zh: "查找填在不衡量其内容的类别下的指标：产出数量下的比率（名称含“率”且值为 %）；产出数量下的金额（投入而非产出）；满意度以外的一级指标下的满意度（名称含满意度、满意程度、满意率）。",
    },
    why: Doc {
        en: "The categories are scored apart; a rate under 数量 leaves the form with no count of what it delivers, a satisfaction under 效益 with no effect. Reviewers send such forms back.",
        zh: "各类别分别评分；比率填在数量下，表中就没有产出的数量；满意度填在效益下，表中就没有真正的效益。此类表会被退回。",
    },
    example: "project \"葡萄种植\" {\n  output quantity \"种植作物成活率\" ≥85%;\n  effect social \"市民对空气质量改善的满意程度\" ≥85%;\n}",
    fix: Doc {
        en: "Move the row to the category it measures (质量, 成本, 满意度), and fill this category with what it is meant to measure.",
        zh: "把该行移到其所衡量的类别（质量、成本、满意度），本类别填写应衡量的内容。",
    },
};

/// K0611's findings: an indicator that measures what its category does not.
enum DoesNotFitCategory<'a> {
    /// A rate under 数量; `written` is its value as written.
    Rate { indicator: &'a str, written: String },
    /// An amount of money under 数量.
    Money { indicator: &'a str, written: String },
    /// A satisfaction outside 满意度; `category` is the level-1 category's Chinese name.
    Satisfaction {
        indicator: &'a str,
        category: &'a str,
    },
}

impl Finding for DoesNotFitCategory<'_> {
    const RULE: &'static Rule = &MEASURE_DOES_NOT_FIT_CATEGORY;

    fn message(&self) -> Text {
        match self {
            DoesNotFitCategory::Rate { indicator, written } => Text::new(
                format!("“{indicator}” is a rate ({written}), filed under 数量指标"),
                format!("“{indicator}”是比率（{written}），却填在数量指标下"),
            ),
            DoesNotFitCategory::Money { indicator, written } => Text::new(
                format!(
                    "“{indicator}” is an amount of money ({written}), filed as an output quantity"
                ),
                format!("“{indicator}”是金额（{written}），却作为产出数量填报"),
            ),
            DoesNotFitCategory::Satisfaction {
                indicator,
                category,
            } => Text::new(
                format!("“{indicator}” measures satisfaction, filed under {category}"),
                format!("“{indicator}”衡量的是满意度，却填在{category}下"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            DoesNotFitCategory::Rate { .. } => Text::new(
                "a quantity counts what the project delivers; move a rate to 质量指标 (or 时效 for a completion-on-time rate), and count the output under 数量",
                "数量指标计量项目产出的多少；比率应移到质量指标（按时完成率移到时效指标），数量指标下填写产出的数量",
            ),
            DoesNotFitCategory::Money { .. } => Text::new(
                "money spent is an input (成本指标), not an output: state what the money delivers under 数量",
                "支出金额是投入（成本指标），不是产出：数量指标下应写明资金带来的产出",
            ),
            DoesNotFitCategory::Satisfaction { .. } => Text::new(
                "move it to 满意度指标, and state under this category what it measures (an effect: what changed for whom)",
                "将其移到满意度指标，本类别下填写本应衡量的内容（效益：为谁带来了什么变化）",
            ),
        }
    }
}

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[
    &TEMPLATE_PLACEHOLDER,
    &PERCENT_ABOVE_100,
    &IMPLAUSIBLE_THRESHOLD,
    &ZERO_TARGET,
    &OUTPUT_BOUNDED_ABOVE,
    &QUALITATIVE_COST_OR_SATISFACTION,
    &COST_TARGET_NOT_POSITIVE,
    &TIMELINESS_NOT_A_TIME,
    &BOILERPLATE_VALUE,
    &RATE_WITHOUT_COMPARATOR,
    &MEASURE_DOES_NOT_FIT_CATEGORY,
];
