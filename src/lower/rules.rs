//! The rules of lowering (K02xx, 单位与类型): units, categories, money positions, dates.

use crate::diag::{Doc, Rule, Severity};

pub const UNKNOWN_UNIT: Rule = Rule {
    code: "K0201",
    name: "unknown-unit",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "Unknown unit", zh: "无法识别的单位" },
    what: Doc {
        en: "Finds units kpi does not know (see docs/language.md for the list: money, percent, time, counts, area, length, mass, volume, energy, ratios, and `a/b` compounds; Latin units in any case). The value is kept with the unit as written, so nothing is lost and `kpi build` still runs; only its fit to the category is not judged. `kpi.toml` `[units]` declares a unit's dimension and conversion.",
        zh: "查找 kpi 不认识的单位（列表见 docs/language.md：金额、百分比、时间、计数、面积、长度、质量、体积、电力、倍数及 `a/b` 复合单位；拉丁字母单位不区分大小写）。该值连同原样单位保留，不丢失内容，`kpi build` 照常进行，只是不判断其是否符合类别。可在 `kpi.toml` 的 `[units]` 中声明单位的量纲和换算。",
    },
    why: Doc { en: "Without a known unit the value cannot be compared with others or type-checked.", zh: "单位不明，数值就无法与其他值比较或检查类型。" },
    example: "project \"科技专项\" {\n  output quantity \"科技项目实施\" >= 23个项;\n}",
    fix: Doc { en: "Use a known unit, or declare it in kpi.toml (`[units]` `\"标准箱\" = \"count\"`); put a space between a unit and the next word.", zh: "使用已知单位，或在 kpi.toml 中声明（`[units]` `\"标准箱\" = \"count\"`）；单位与后面的词之间加空格。" },
};

pub const UNIT_DOES_NOT_FIT_CATEGORY: Rule = Rule {
    code: "K0202",
    name: "unit-does-not-fit-category",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "The unit does not fit the indicator's category", zh: "单位与指标类别不符" },
    what: Doc {
        en: "Checks the unit against the category: a cost (成本) must be money, a satisfaction (满意度) a percentage, a timeliness (时效) a time, a date, a period or a percentage.",
        zh: "按类别检查单位：成本指标须为金额，满意度指标须为百分比，时效指标须为时间、日期、期间或百分比。",
    },
    why: Doc {
        en: "A cost of `≥10%` or a satisfaction of `3个` measures something else; the indicator is in the wrong category or its value is wrong.",
        zh: "`≥10%` 的成本或 `3个` 的满意度衡量的是别的东西：指标放错了类别，或值写错了。",
    },
    example: "project \"拉萨市双创升级系列培训计划\" {\n  output cost \"人均培训成本控制率\" >= 10%;\n}",
    fix: Doc { en: "Correct the unit, or move the indicator to the category it belongs to.", zh: "更正单位，或把指标移到正确的类别。" },
};

pub const LEVEL2_UNDER_WRONG_LEVEL1: Rule = Rule {
    code: "K0203",
    name: "level2-under-wrong-level1",
    severity: Severity::Error,
    loses_data: true,
    title: Doc { en: "A level-2 category under the wrong level 1", zh: "二级指标放在了错误的一级指标下" },
    what: Doc {
        en: "Checks that each level 2 belongs to its level 1 (数量/质量/时效/成本 under 产出; 经济/社会/生态/可持续影响 under 效益; 服务对象/社会公众 under 满意度; 经济/社会/生态 under level-1 成本).",
        zh: "检查二级指标属于其一级指标（数量/质量/时效/成本属产出；经济/社会/生态/可持续影响属效益；服务对象/社会公众属满意度；经济/社会/生态属一级成本）。",
    },
    why: Doc { en: "The hierarchy is fixed by the guidance; a misplaced row is read into the wrong column of the official layout.", zh: "指标体系由文件规定；放错位置的行会被填进官方表格的错误栏目。" },
    example: "project \"科技专项\" {\n  satisfaction quantity \"项目数量\" >= 23个;\n}",
    fix: Doc { en: "Move the row under the level 1 the message names.", zh: "把该行移到提示所说的一级指标下。" },
};

pub const AMOUNT_NOT_MONEY: Rule = Rule {
    code: "K0204",
    name: "amount-not-money",
    severity: Severity::Error,
    loses_data: true,
    title: Doc { en: "An amount is not money", zh: "金额不是货币单位" },
    what: Doc {
        en: "Checks that budgets, funds lines and stated totals are written in money (元, 万元 …; `万` alone means 万元). A bare 0 is accepted.",
        zh: "检查年度资金总额、资金表各行和合计以货币单位书写（元、万元等；单写“万”即万元）。单独的 0 可以接受。",
    },
    why: Doc { en: "`1238.68` could be 元 or 万元; the amount cannot be added up.", zh: "`1238.68` 可能是元也可能是万元，无法相加。" },
    example: "project \"科技专项\" {\n  budget 1238.68;\n}",
    fix: Doc { en: "Write the unit: `1238.68万元`.", zh: "写明单位：`1238.68万元`。" },
};

pub const IMPOSSIBLE_DATE: Rule = Rule {
    code: "K0205",
    name: "impossible-date",
    severity: Severity::Error,
    loses_data: true,
    title: Doc { en: "A date that does not exist", zh: "不存在的日期" },
    what: Doc {
        en: "Finds dates that are not on the calendar (2023-02-30, month 13, a year outside 1900–2999) and periods that end before they start.",
        zh: "查找日历上不存在的日期（如 2023-02-30、13 月、1900–2999 以外的年份）以及结束早于开始的期间。",
    },
    why: Doc { en: "The date cannot be used for monitoring or checked against the budget year.", zh: "该日期无法用于监控，也无法与预算年度核对。" },
    example: "project \"科技专项\" {\n  filed 2023-02-30;\n}",
    fix: Doc { en: "Correct the date.", zh: "更正日期。" },
};

pub const NOT_A_PERIOD: Rule = Rule {
    code: "K0206",
    name: "not-a-period",
    severity: Severity::Error,
    loses_data: true,
    title: Doc {
        en: "The project period is not a period",
        zh: "项目期不是期间",
    },
    what: Doc {
        en: "Checks that 项目期 is a year, a date range, a duration in time units, or a text.",
        zh: "检查项目期是年份、起止日期、以时间单位表示的时长或文字。",
    },
    why: Doc {
        en: "`项目期 3个` says nothing about when the project runs.",
        zh: "`项目期 3个` 说明不了项目何时实施。",
    },
    example: "project \"科技专项\" {\n  period 3个;\n}",
    fix: Doc {
        en: "Write a year (`2023`), a range (`2023-01..2023-12`) or a duration (`365天`).",
        zh: "写年份（`2023`）、起止日期（`2023-01..2023-12`）或时长（`365天`）。",
    },
};

pub const EXCEL_DATE_SERIAL: Rule = Rule {
    code: "K0207",
    name: "excel-date-serial",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A date written as an Excel date serial", zh: "日期写成了 Excel 日期序号" },
    what: Doc {
        en: "Finds five-digit numbers where a date belongs — the filing date, the project period, a timeliness (时效) value — that are Excel date serials of a day in 2000–2099 (`45291` = 2023-12-31). kpi reads them as the date they encode and says which.",
        zh: "查找应为日期处（填报日期、项目期、时效指标值）出现的五位数，即 2000–2099 年某日的 Excel 日期序号（`45291` = 2023-12-31）。kpi 按其表示的日期读取，并指出是哪一天。",
    },
    why: Doc { en: "A date cell copied from Excel without its format shows a serial number; a reviewer reading `45291` cannot tell the deadline.", zh: "从 Excel 复制的日期单元格丢了格式就会变成序号；审核人看到 `45291` 无法知道期限。" },
    example: "project \"科技专项\" {\n  output timeliness \"项目完成时间\" ≤45291;\n}",
    fix: Doc { en: "Write the date itself (`≤2023-12-31`); `kpi fmt` rewrites it.", zh: "直接写日期（`≤2023-12-31`）；`kpi fmt` 会自动改写。" },
};

pub const NUMBER_TOO_LARGE: Rule = Rule {
    code: "K0208",
    name: "number-too-large",
    severity: Severity::Error,
    loses_data: true,
    title: Doc { en: "An amount is too large to compute with", zh: "数额过大，无法计算" },
    what: Doc {
        en: "Finds amounts that go past the largest exact decimal kpi computes with (about 7.9 × 10²⁸) when they are converted to their base unit (`万元` to 元), added up (a budget's sources, funds lines, cost components, weights), or worked out from a goal's calculation.",
        zh: "查找换算为基本单位（万元换算为元）、相加（预算各来源、资金表各行、成本构成、分值）或按目标中的测算式计算时，超出 kpi 可精确计算的最大数（约 7.9 × 10²⁸）的数额。",
    },
    why: Doc {
        en: "No real budget is this large: the number is a typing error, and an amount that cannot be computed exactly cannot be checked or filled into the form.",
        zh: "没有哪项预算会这么大：这是录入错误；无法精确计算的数额既不能检查，也不能填入表格。",
    },
    example: "project \"科技专项\" {\n  budget 79228162514264337593543950335万元;\n}",
    fix: Doc { en: "Correct the number (check the unit: 元 or 万元).", zh: "更正数字（核对单位是元还是万元）。" },
};

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[
    &UNKNOWN_UNIT,
    &UNIT_DOES_NOT_FIT_CATEGORY,
    &LEVEL2_UNDER_WRONG_LEVEL1,
    &AMOUNT_NOT_MONEY,
    &IMPOSSIBLE_DATE,
    &NOT_A_PERIOD,
    &EXCEL_DATE_SERIAL,
    &NUMBER_TOO_LARGE,
];
