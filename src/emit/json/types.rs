//! The output types of `kpi build --to json`: the published shape, version [`JSON_VERSION`].
//!
//! These types exist only to be serialised. Their field names and order, their
//! `skip_serializing_if`, their enum spellings and their doc comments *are* the JSON and its
//! schema (`docs/kpi.schema.json`, generated from them by the unit test
//! `emit::json::tests::committed_schema_is_the_generated_one`): an edit here is an edit to a
//! published format. Adding a field is compatible; renaming, removing or changing the meaning of one
//! bumps [`JSON_VERSION`] (and `docs/json.md`).
//!
//! The doc comments (`///`) feed the schema's descriptions, so a type or field that had none
//! in version 1 has none here; notes for Rust readers that must not reach the schema are plain
//! `//` comments. The model (`crate::model`) is converted into these types in `convert.rs` and
//! may change freely.

// The schema is derived in test builds only: `kpi build --to schema` prints the committed
// docs/kpi.schema.json, which a unit test holds to these types (issue 13: schemars and its
// derive were 4 s of CPU in every cold release build).
#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

/// The version of the JSON shape; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

/// The versioned JSON document `kpi build --to json` writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct FilingJson {
    /// The JSON shape's version ([`JSON_VERSION`]).
    pub kpi_json_version: u32,
    /// 部门整体支出绩效目标表 — department forms.
    pub departments: Vec<Department>,
    /// 项目支出绩效目标表 — project forms, in file order.
    pub projects: Vec<Project>,
}

/// 部门整体支出绩效目标表 — a department form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Department {
    /// 部门(单位名称)
    pub name: String,
    pub origin: Origin,
    /// 部门代码
    pub code: Option<String>,
    pub implementing_unit: Option<String>,
    /// 年度
    pub year: Option<i32>,
    pub funds: Option<Funds>,
    pub filed: Option<Filed>,
    pub goals: Vec<Goal>,
    pub indicators: Vec<Indicator>,
}

// 项目支出绩效目标表 — a project form. (No description in the version 1 schema.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Project {
    /// 项目名称
    pub name: String,
    pub origin: Origin,
    /// 年度 — the budget year the form is for.
    pub year: Option<i32>,
    /// 主管部门
    pub department: Option<String>,
    /// 主管部门代码
    pub department_code: Option<String>,
    /// 实施单位
    pub implementing_unit: Option<String>,
    /// 项目属性
    pub kind: Option<Kind>,
    /// 项目期
    pub period: Option<ProjectPeriod>,
    /// 项目资金
    pub budget: Option<Budget>,
    /// 填报日期, 填报人, 联系电话
    pub filed: Option<Filed>,
    /// 年度总体目标
    pub goals: Vec<Goal>,
    /// 绩效指标
    pub indicators: Vec<Indicator>,
    /// 预算执行情况 and scores: on monitoring and self-evaluation forms only (absent on a
    /// target form, whose JSON is as in version 1 before this field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution: Option<Execution>,
}

/// 预算执行情况 of a monitoring or self-evaluation form, with the scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Execution {
    /// 全年预算数
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjusted: Option<Budget>,
    /// 全年执行数
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executed: Option<Budget>,
    /// 1-7月执行数
    #[serde(skip_serializing_if = "Option::is_none")]
    pub midyear: Option<Budget>,
    /// 全年预计执行数
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<Budget>,
    /// 预算执行率 (全年执行数 / 全年预算数), exact, as a fraction (`"0.9775"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(with = "Option<rust_decimal::Decimal>"))]
    pub rate: Option<String>,
    /// The execution rate's score: its weight, the score the profile gives, the one claimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// 总分: computed (with judged indicators at their claimed score) and claimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Score>,
    /// The scoring profile the scores were computed by (kpi.toml `scoring`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring_profile: Option<String>,
    /// 年度总体目标 实际完成情况
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// 偏差原因 of the execution
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A score: the weight, the exact score the scoring profile gives and the score the form
/// claims, each a decimal string; `null` when not known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Score {
    #[cfg_attr(test, schemars(with = "Option<rust_decimal::Decimal>"))]
    pub weight: Option<String>,
    /// Exact, unrounded: `"19.565217391304347826086956522"`.
    #[cfg_attr(test, schemars(with = "Option<rust_decimal::Decimal>"))]
    pub computed: Option<String>,
    /// As written on the form.
    #[cfg_attr(test, schemars(with = "Option<rust_decimal::Decimal>"))]
    pub claimed: Option<String>,
}

/// What a monitoring or self-evaluation form says about an indicator, with its score.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Assessment {
    /// 实际完成值
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Value>,
    /// 得分: computed and claimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// 达成度: `achieved`, `partial`, `missed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// 偏差原因分析及改进措施
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 1-7月执行情况
    #[serde(skip_serializing_if = "Option::is_none")]
    pub midyear: Option<Value>,
    /// 全年预计完成情况
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<Value>,
    /// 偏差原因 kind: `funding`, `institution`, `staffing`, `hardware`, `other`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// 完成目标可能性: `certain`, `possible`, `impossible`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<String>,
}

/// Where a form came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Origin {
    /// The file, as given on the command line.
    pub file: String,
    /// 1-based line of the form's keyword.
    pub line: usize,
}

/// 年度主要任务 — the department's funds table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Funds {
    pub lines: Vec<FundsLine>,
    pub totals: Vec<StatedTotal>,
}

/// 年度主要任务 — a line of the department funds table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct FundsLine {
    /// 基本支出 or 项目支出
    pub category: LineCategory,
    /// 任务名称 / 主要内容
    pub name: String,
    /// 总额
    pub amount: Quantity,
    /// 财政拨款 / 转移性资金 / 其他资金
    pub split: Split,
    /// The project form this line refers to, when its name differs (`->`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    pub line: usize,
}

/// 支出类别
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum LineCategory {
    /// 基本支出
    Basic,
    /// 项目支出
    Project,
}

/// A subtotal or total as stated on the form: 基本支出, 项目支出合计, 金额合计.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct StatedTotal {
    /// `null` for the grand total 金额合计.
    pub category: Option<LineCategory>,
    pub amount: Quantity,
    pub split: Split,
    pub line: usize,
}

/// 其中 — how an amount splits across sources. A source absent here was not written; a source
/// written with no amount (`other;`) is present with `None` (a blank cell on the form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Split {
    /// 财政拨款
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal: Option<Entry>,
    /// 转移性资金
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer: Option<Entry>,
    /// 上年结转资金
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carryover: Option<Entry>,
    /// 其他资金
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<Entry>,
}

/// One source row of a split: its amount, or a blank cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Entry {
    /// `null` when the cell is blank.
    pub amount: Option<Quantity>,
}

/// 项目资金 — a project's money: 年度资金总额 and its split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Budget {
    /// 年度资金总额
    pub total: Quantity,
    pub split: Split,
}

/// 填报信息 — who filed the form and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Filed {
    /// 填报日期
    pub date: Option<FiledDate>,
    /// 填报人
    pub filer: Option<String>,
    /// 联系电话
    pub phone: Option<String>,
}

/// 填报日期: serialised as the bare date. A wrapper only because version 1 of the schema
/// defines it as its own definition, `Spanned` (the name of the model type it came from).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(transparent)]
#[cfg_attr(
    test,
    schemars(
        rename = "Spanned",
        description = "A value with the span it was written at."
    )
)]
pub struct FiledDate {
    pub date: Date,
}

/// 项目期: serialised as the bare period. A wrapper only because version 1 of the schema
/// defines it as its own definition, `Spanned2` (the model type's name, numbered by schemars).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(transparent)]
#[cfg_attr(
    test,
    schemars(
        rename = "Spanned2",
        description = "A value with the span it was written at."
    )
)]
pub struct ProjectPeriod {
    pub period: Period,
}

/// 年度总体目标 — one goal, as free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Goal {
    pub text: String,
}

/// 项目属性 as the form states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Kind {
    /// The attributes recognised.
    pub kinds: Vec<ProjectKind>,
    /// The value as written, when it was written as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// 项目属性 — a project's attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ProjectKind {
    /// 一次性
    OneOff,
    /// 经常性
    Recurring,
    /// 补助资金
    Subsidy,
    /// 新增
    New,
    /// 延续
    Continuing,
}

/// 三级指标 — one performance indicator with its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Indicator {
    pub level1: Level1,
    /// `null` when the form gives no level 2.
    pub level2: Option<Level2>,
    /// 三级指标 — the indicator's own name.
    pub name: String,
    /// 指标值 — `null` for a blank cell.
    pub value: Option<Value>,
    /// 分值
    // A decimal string as written; the schema is rust_decimal's, as in version 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(with = "Option<rust_decimal::Decimal>"))]
    pub weight: Option<String>,
    /// 指标解释
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// 评分标准
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scoring: Option<String>,
    /// 绩效标准 — the standard the target is set against (计划标准, 行业标准, 历史标准 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// 指标方向
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// 实际完成值, 得分 …: on monitoring and self-evaluation forms only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    /// 1-based line of the indicator.
    pub line: usize,
}

/// 一级指标 — the level-1 category of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Level1 {
    /// 产出指标
    Output,
    /// 成本指标 (level 1 since the 2021 central guidance)
    Cost,
    /// 效益指标
    Effect,
    /// 满意度指标
    Satisfaction,
}

/// 二级指标 — the level-2 category of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Level2 {
    /// 数量指标
    Quantity,
    /// 质量指标
    Quality,
    /// 时效指标
    Timeliness,
    /// 成本指标 (under output, 2015–2020 forms)
    Cost,
    /// 经济效益 / 经济成本
    Economic,
    /// 社会效益 / 社会成本
    Social,
    /// 生态效益 / 生态环境成本
    Ecological,
    /// 可持续影响
    Sustainable,
    /// 服务对象满意度
    Service,
    /// 社会公众满意度
    Public,
}

/// 指标值 — an indicator's target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Value {
    /// 定量 — a comparison with a quantity. `explicit` is false for a bare quantity (means `=`).
    Quantitative {
        comparator: Comparator,
        explicit: bool,
        quantity: Quantity,
    },
    /// A date as the target (`≤2023-12-31`).
    Date {
        comparator: Comparator,
        explicit: bool,
        date: Date,
    },
    /// A period as the target (`2023.07-2024.01`).
    Period {
        comparator: Comparator,
        explicit: bool,
        from: Date,
        to: Date,
    },
    /// 定性 — a phrase such as 有所提升.
    Qualitative { text: String },
}

/// A comparison in a quantitative value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "=")]
    Equal,
}

/// 指标方向
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 正向 — higher is better
    Positive,
    /// 反向 — lower is better
    Negative,
}

/// The JSON shape of a quantity: decimals as strings, the unit, and the normalised value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Quantity {
    /// The number as written, as a decimal string.
    pub value: String,
    /// 千 万 亿 when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<Multiplier>,
    /// The unit as written; absent for a bare number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
    /// The value in its base unit: money in 元 (at least two decimals), multiplied counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normalized: Option<Normalized>,
    /// The quantity as written, e.g. `1238.68万元`.
    pub text: String,
}

/// 千 万 亿 written between the number and the unit (`2万件`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub enum Multiplier {
    #[serde(rename = "千")]
    Thousand,
    #[serde(rename = "万")]
    TenThousand,
    #[serde(rename = "亿")]
    HundredMillion,
}

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// 金额 — 元 万元 亿元
    Money,
    /// 百分比 — % ‰ 个百分点
    Percent,
    /// 时间 — 天 月 年 …
    Time,
    /// 计数 — 个 人 次 家 项 …
    Count,
    /// 面积 — 亩 平方米
    Area,
    /// 长度 — 米 公里
    Length,
    /// 质量（重量） — 吨 公斤 千克 斤
    Mass,
    /// 体积（容积） — 立方米 升
    Volume,
    /// 功率与电量 — 千瓦 度 千瓦时
    Energy,
    /// 倍数 — 倍
    Ratio,
    /// 复合单位 — 元/天, 人/天
    Compound,
    /// 未知单位 — kept as written (warning K0201), or declared in `kpi.toml` `[units]`
    Other,
}

/// A quantity in its base unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Normalized {
    pub value: String,
    pub unit: String,
}

/// 项目期 — a project's period, or a period used as an indicator value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Period {
    /// A calendar year: `2023`, `2023年`.
    Year { year: i32 },
    /// A length of time: `365天`, `1年`.
    Duration { length: Quantity },
    /// From one day or month to another: `2021年1月-2021年12月`.
    Range { from: Date, to: Date },
    /// A single day or month.
    Date { date: Date },
    /// Free text, recorded as written.
    Text { text: String },
}

/// A day `YYYY-MM-DD` or a month `YYYY-MM`, as a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Date(pub String);

#[cfg(test)]
impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A day (YYYY-MM-DD) or a month (YYYY-MM).",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"
        })
    }
}
