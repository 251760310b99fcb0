//! The rules of lowering (K02xx, 单位与类型): units, categories, money positions, dates.

use crate::diag::{Doc, Finding, Rule, Severity, Text};
use crate::model::{Date, Level1, Level2};

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

// ── The findings of these rules: what each says, from the values it is about ──

/// K0201's finding: a unit kpi does not know (`known` lists the ones it does).
pub struct UnknownUnit<'a> {
    pub unit: &'a str,
    pub known: &'a str,
}

impl Finding for UnknownUnit<'_> {
    const RULE: &'static Rule = &UNKNOWN_UNIT;

    fn message(&self) -> Text {
        let unit = self.unit;
        Text::new(
            format!("unknown unit `{unit}`"),
            format!("无法识别的单位“{unit}”"),
        )
    }

    fn help(&self) -> Text {
        let (unit, known) = (self.unit, self.known);
        Text::new(
            format!("use a known unit ({known}), or declare it in kpi.toml under [units] (e.g. `\"{unit}\" = \"count\"`); put a space between a unit and the next word"),
            format!("请使用已知单位（{known}），或在 kpi.toml 的 [units] 中声明（如 `\"{unit}\" = \"count\"`）；单位与后面的词之间加空格"),
        )
    }
}

/// K0202's finding: a value whose unit its category does not measure in. Each pair is English
/// and Chinese: the category ("a satisfaction"), what was written, and what it is measured in.
pub struct UnitDoesNotFit<'a> {
    pub category: (&'a str, &'a str),
    pub written: (&'a str, &'a str),
    pub wanted: (&'a str, &'a str),
}

impl Finding for UnitDoesNotFit<'_> {
    const RULE: &'static Rule = &UNIT_DOES_NOT_FIT_CATEGORY;

    fn message(&self) -> Text {
        let ((cat_en, cat_zh), (what, what_zh)) = (self.category, self.written);
        Text::new(
            format!("{cat_en} indicator cannot be {what}"),
            format!("{cat_zh}的值不能是{what_zh}"),
        )
    }

    fn help(&self) -> Text {
        let ((cat_en, cat_zh), (want_en, want_zh)) = (self.category, self.wanted);
        Text::new(
            format!("{cat_en} is measured in {want_en}; correct the unit or move the indicator to the category it belongs to"),
            format!("{cat_zh}应以{want_zh}计量；请更正单位，或把该指标移到正确的类别"),
        )
    }
}

/// K0203's finding: a level-2 category under a level 1 it does not belong to. `belongs` are
/// the level 1s it does belong under, `allowed` the level 2s of the one written, each as
/// keywords and in Chinese.
pub struct Level2UnderWrongLevel1 {
    pub level2: Level2,
    pub level1: Level1,
    pub belongs: (Vec<&'static str>, Vec<&'static str>),
    pub allowed: (Vec<&'static str>, Vec<&'static str>),
}

impl Finding for Level2UnderWrongLevel1 {
    const RULE: &'static Rule = &LEVEL2_UNDER_WRONG_LEVEL1;

    fn message(&self) -> Text {
        let (l2, level1, (parents, parents_zh)) = (self.level2, self.level1, &self.belongs);
        Text::new(
            format!(
                "`{}` is not a level-2 category of `{}`: it belongs under {}",
                l2.keyword(),
                level1.keyword(),
                parents.join(" or ")
            ),
            format!(
                "“{}”不是“{}”的二级指标，应属于{}",
                l2.chinese(),
                level1.chinese(),
                parents_zh.join("或")
            ),
        )
    }

    fn help(&self) -> Text {
        let (level1, (allowed, allowed_zh)) = (self.level1, &self.allowed);
        Text::new(
            format!(
                "under `{}` use one of: {}; or change the level 1",
                level1.keyword(),
                allowed.join(", ")
            ),
            format!(
                "“{}”下可用：{}；或更正一级指标",
                level1.chinese(),
                allowed_zh.join("、")
            ),
        )
    }
}

/// K0204's finding: a budget or funds amount that is not money.
pub struct AmountNotMoney<'a> {
    pub written: &'a str,
}

impl Finding for AmountNotMoney<'_> {
    const RULE: &'static Rule = &AMOUNT_NOT_MONEY;

    fn message(&self) -> Text {
        let written = self.written;
        Text::new(
            format!("`{written}` is not an amount of money"),
            format!("“{written}”不是金额"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "write the amount with its unit, e.g. 1238.68万元 or 50000元",
            "金额须带单位，例如 1238.68万元 或 50000元",
        )
    }
}

/// K0205's findings: a date that does not exist, or a period that ends before it starts.
pub enum ImpossibleDate<'a> {
    NoSuchDate { written: &'a str },
    EndsBeforeStart,
}

impl Finding for ImpossibleDate<'_> {
    const RULE: &'static Rule = &IMPOSSIBLE_DATE;

    fn message(&self) -> Text {
        match self {
            ImpossibleDate::NoSuchDate { written } => Text::new(
                format!("`{written}` is not a real date"),
                format!("“{written}”不是有效日期"),
            ),
            ImpossibleDate::EndsBeforeStart => {
                Text::new("this period ends before it starts", "此期间的结束早于开始")
            }
        }
    }

    fn help(&self) -> Text {
        match self {
            ImpossibleDate::NoSuchDate { .. } => Text::new(
                "check the year (1900–2999), the month (1–12) and the day of the month",
                "请核对年份（1900–2999）、月份（1–12）和当月日期",
            ),
            ImpossibleDate::EndsBeforeStart => {
                Text::new("write the earlier date first", "先写较早的日期")
            }
        }
    }
}

/// K0206's finding: a project period given as a quantity that is no duration.
pub struct NotAPeriod<'a> {
    pub written: &'a str,
}

impl Finding for NotAPeriod<'_> {
    const RULE: &'static Rule = &NOT_A_PERIOD;

    fn message(&self) -> Text {
        let written = self.written;
        Text::new(
            format!("`{written}` is not a period"),
            format!("“{written}”不是项目期"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "write a year (2023), a date range (2023-01..2023-12) or a duration (365天)",
            "请写年份（2023）、起止日期（2023-01..2023-12）或时长（365天）",
        )
    }
}

/// K0207's finding: an Excel date serial where a date belongs, and the date it means.
pub struct ExcelDateSerial<'a> {
    pub written: &'a str,
    pub date: Date,
}

impl Finding for ExcelDateSerial<'_> {
    const RULE: &'static Rule = &EXCEL_DATE_SERIAL;

    fn message(&self) -> Text {
        let (text, d) = (self.written, self.date);
        Text::new(
            format!("`{text}` is an Excel date serial: it means {d}"),
            format!("“{text}”是 Excel 日期序号，表示 {d}"),
        )
    }

    fn help(&self) -> Text {
        let d = self.date;
        Text::new(
            format!("write the date itself (`{d}`); `kpi fmt` does it. In Excel, format the cell as a date before copying"),
            format!("请直接写日期（`{d}`），`kpi fmt` 会自动改写；在 Excel 中先把单元格设为日期格式再复制"),
        )
    }
}

/// K0208's findings: a number too large to compute with once converted, or a sum or product
/// of the form's numbers past what kpi computes with.
pub enum NumberTooLarge<'a> {
    /// A number as written.
    Written { written: &'a str },
    /// What was computed, in English and Chinese: `("the weights", "各指标分值合计")`.
    Result { what: (&'a str, &'a str) },
}

impl Finding for NumberTooLarge<'_> {
    const RULE: &'static Rule = &NUMBER_TOO_LARGE;

    fn message(&self) -> Text {
        match self {
            NumberTooLarge::Written { written } => Text::new(
                format!("`{written}` is too large to compute with"),
                format!("“{written}”过大，无法计算"),
            ),
            NumberTooLarge::Result { what: (en, zh) } => Text::new(
                format!("{en}: the result is too large to compute with"),
                format!("{zh}：计算结果过大，无法计算"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            NumberTooLarge::Written { .. } => Text::new(
                "correct the number (check the unit: 元 or 万元)",
                "更正数字（核对单位是元还是万元）",
            ),
            NumberTooLarge::Result { .. } => Text::new(
                "correct the numbers (check the units: 元 or 万元)",
                "更正数字（核对单位是元还是万元）",
            ),
        }
    }
}
