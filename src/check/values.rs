//! K06 — values (指标值): template leftovers, percentages above 100, implausible thresholds,
//! zero targets, output quantities bounded from above. (A unit that does not fit its category
//! is K0202, reported while lowering.)

use rust_decimal::Decimal;

use super::words::{placeholder, strip_numbering};
use super::{Ctx, Doc, Rule};
use crate::diag::{Diagnostic, Severity, Text};
use crate::model::{Comparator, Dimension, Direction, Indicator, Level1, Level2, Value};

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

fn placeholders(cx: &Ctx<'_>, file: usize, ind: &Indicator, out: &mut Vec<Diagnostic>) {
    let (rest, numbered) = strip_numbering(&ind.name);
    if numbered && rest.is_empty() {
        out.push(cx.diag(
            "K0601",
            file,
            ind.name_span,
            Text::new(
                format!(
                    "template leftover: the indicator name is only `{}`",
                    ind.name.trim()
                ),
                format!("模板残留：指标名称只有“{}”", ind.name.trim()),
            ),
            Text::new(
                "write the indicator, or delete the template row",
                "填写指标内容，或删去模板行",
            ),
        ));
        return;
    }
    if let Some(p) = placeholder(&ind.name) {
        out.push(cx.diag(
            "K0601",
            file,
            ind.name_span,
            Text::new(
                format!("template placeholder `{p}` in the indicator name"),
                format!("指标名称中有模板占位符“{p}”"),
            ),
            Text::new(
                "replace the placeholder with the real indicator",
                "用真实的指标替换占位符",
            ),
        ));
    }
    if let Some(Value::Qualitative { text }) = &ind.value {
        if let Some(p) = placeholder(text) {
            out.push(cx.diag(
                "K0601",
                file,
                ind.value_span,
                Text::new(
                    format!("template placeholder `{}` as the value of “{}”", text.trim(), ind.name),
                    format!("指标“{}”的值是模板占位符“{}”", ind.name, text.trim()),
                ),
                Text::new(
                    format!("`{p}` is the template's list of choices: pick one (`高`), or write the target (`有所提升`)"),
                    format!("“{p}”是模板给出的选项：请选定其一（如“高”），或写明目标（如“有所提升”）"),
                ),
            ));
        }
    }
}

fn qualitative(cx: &Ctx<'_>, file: usize, ind: &Indicator, out: &mut Vec<Diagnostic>) {
    let Some(Value::Qualitative { text }) = &ind.value else {
        return;
    };
    if placeholder(text).is_some() {
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
    out.push(cx.diag(
        "K0606",
        file,
        ind.value_span,
        Text::new(
            format!(
                "{en} indicator with a phrase as its value: “{}”",
                text.trim()
            ),
            format!("{zh}的值是文字：“{}”", text.trim()),
        ),
        Text::new(
            format!("{en} target is measured: write {want_en}"),
            format!("{zh}须定量：请写{want_zh}"),
        ),
    ));
}

fn numbers(cx: &Ctx<'_>, file: usize, ind: &Indicator, out: &mut Vec<Diagnostic>) {
    let Some(Value::Quantitative {
        comparator,
        quantity,
        ..
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
        out.push(cx.diag(
            "K0602",
            file,
            ind.value_span,
            Text::new(
                format!(
                    "the percentage {}{}% of “{}” is above 100%",
                    comparator.symbol(),
                    value,
                    ind.name
                ),
                format!(
                    "指标“{}”的百分比{}{}%超过100%",
                    ind.name,
                    comparator.symbol(),
                    value
                ),
            ),
            Text::new(
                "a rate cannot exceed 100%: correct the number",
                "比率不能超过100%：请更正数值",
            ),
        ));
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
            out.push(cx.diag(
                "K0603",
                file,
                ind.value_span,
                Text::new(
                    format!("{what_en} of {}{}% for “{}” is implausibly low (below {}%)", comparator.symbol(), value, ind.name, min),
                    format!("指标“{}”的{what_zh}{}{}%过低（低于{}%）", ind.name, comparator.symbol(), value, min),
                ),
                Text::new(
                    format!("targets of this kind are normally at least {min}% (often ≥90%); check for a typing error"),
                    format!("此类目标通常不低于{min}%（多为≥90%）；请核对是否录错"),
                ),
            ));
        }
    }
    if value.is_zero()
        && matches!(comparator, Comparator::AtLeast | Comparator::Equal)
        && ind.direction != Some(Direction::Negative)
    {
        out.push(cx.diag(
            "K0604",
            file,
            ind.value_span,
            Text::new(
                format!("the target of “{}” is {}{}: it is met by doing nothing", ind.name, comparator.symbol(), quantity.written()),
                format!("指标“{}”的目标为{}{}：什么都不做也能完成", ind.name, comparator.symbol(), quantity.written()),
            ),
            Text::new(
                "write the amount the project will deliver; for a limit (e.g. no accidents) write `≤0`",
                "写明项目将完成的数量；若为上限（如安全事故）写 `≤0`",
            ),
        ));
    }
    if ind.level1 == Level1::Output
        && ind.level2 == Some(Level2::Quantity)
        && matches!(comparator, Comparator::AtMost | Comparator::Below)
        && ind.direction != Some(Direction::Negative)
        && !value.is_zero()
    {
        out.push(cx.diag(
            "K0605",
            file,
            ind.value_span,
            Text::new(
                format!("the output quantity “{}” is bounded from above ({}{})", ind.name, comparator.symbol(), quantity.written()),
                format!("产出数量指标“{}”设了上限（{}{}）", ind.name, comparator.symbol(), quantity.written()),
            ),
            Text::new(
                format!("outputs are targets to reach: write `≥{}`, or mark the indicator `direction negative` (反向) if less really is better", quantity.written()),
                format!("产出是要达到的目标：应写 `≥{}`；如确实越少越好，标注 `指标方向 反向`", quantity.written()),
            ),
        ));
    }
}

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let forms = cx
        .filing
        .projects
        .iter()
        .map(|p| (p.origin.file_index, &p.indicators))
        .chain(
            cx.filing
                .departments
                .iter()
                .map(|d| (d.origin.file_index, &d.indicators)),
        );
    for (file, indicators) in forms {
        for ind in indicators {
            placeholders(cx, file, ind, out);
            qualitative(cx, file, ind, out);
            numbers(cx, file, ind, out);
        }
    }
    let goals = cx
        .filing
        .projects
        .iter()
        .map(|p| (p.origin.file_index, &p.goals))
        .chain(
            cx.filing
                .departments
                .iter()
                .map(|d| (d.origin.file_index, &d.goals)),
        );
    for (file, list) in goals {
        for g in list {
            for m in super::text::mentions(&g.text)
                .iter()
                .filter(|m| m.value.is_zero())
            {
                let span = match super::text::goal_text_span(cx, file, g) {
                    (_, Some(start)) => crate::source::Span::new(start + m.start, start + m.end),
                    (span, None) => span,
                };
                let said = &g.text[m.start..m.end];
                out.push(cx.diag(
                    "K0604",
                    file,
                    span,
                    Text::new(
                        format!("the goal sets a target of {said}: it is met by doing nothing"),
                        format!("目标中的数量为{said}：什么都不做也能完成"),
                    ),
                    Text::new(
                        "write the number the project will deliver, or drop the sentence",
                        "写明项目将完成的数量，或删去该句",
                    ),
                ));
            }
        }
    }
    for p in &cx.filing.projects {
        for g in &p.goals {
            if let Some(ph) = placeholder(&g.text) {
                out.push(cx.diag(
                    "K0601",
                    p.origin.file_index,
                    g.span,
                    Text::new(
                        format!("template placeholder `{ph}` in the goal"),
                        format!("目标中有模板占位符“{ph}”"),
                    ),
                    Text::new(
                        "replace the placeholder with the real goal",
                        "用真实的目标替换占位符",
                    ),
                ));
            }
        }
        if let Some(unit) = &p.implementing_unit {
            if let Some(ph) = placeholder(unit) {
                out.push(cx.diag(
                    "K0601",
                    p.origin.file_index,
                    p.origin.name_span,
                    Text::new(
                        format!("template placeholder `{ph}` as the implementing unit"),
                        format!("实施单位是模板占位符“{ph}”"),
                    ),
                    Text::new(
                        "write the unit that carries out the project",
                        "填写实施该项目的单位",
                    ),
                ));
            }
        }
    }
}

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: "K0601",
        name: "template-placeholder",
        severity: Severity::Warning,
        title: Doc { en: "A template placeholder was left in the form", zh: "表单中残留模板占位符" },
        what: Doc {
            en: "Finds template leftovers: the choice lists `高中低` / `高中低所`, `XX`, `*` as a value, name, goal or implementing unit, and names that are only the template's numbering (`指标1:` with nothing after it).",
            zh: "查找模板残留：作为指标值、指标名称、目标或实施单位的选项列表 `高中低` / `高中低所`、`XX`、`*`，以及只有模板编号的名称（`指标1:` 后面什么也没有）。",
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
    },
    Rule {
        code: "K0602",
        name: "percent-above-100",
        severity: Severity::Warning,
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
    },
    Rule {
        code: "K0603",
        name: "implausible-threshold",
        severity: Severity::Warning,
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
    },
    Rule {
        code: "K0604",
        name: "zero-target",
        severity: Severity::Warning,
        title: Doc { en: "A target of zero", zh: "目标值为 0" },
        what: Doc {
            en: "Finds targets of `0` or `≥0` (not `≤0`, which is a legitimate limit, nor indicators marked 反向), and counts of zero in a goal's text (`建设农村科普示范基地0个`).",
            zh: "查找目标为 `0` 或 `≥0` 的指标（`≤0` 是合理的上限，标为反向的指标也不报告），以及目标文字中为 0 的计数（如“建设农村科普示范基地0个”）。",
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
    },
    Rule {
        code: "K0605",
        name: "output-bounded-above",
        severity: Severity::Warning,
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
    },
    Rule {
        code: "K0606",
        name: "qualitative-cost-or-satisfaction",
        severity: Severity::Warning,
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
    },
];
