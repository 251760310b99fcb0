//! The typed model of a filing: what the forms say, with every number exact and every
//! statement's span kept for diagnostics. The model records; the checker judges.

mod date;
mod positions;
mod quantity;
pub mod vocab;

pub use date::{date_parts, is_canonical_date};
pub use date::{days_in_month, Date, Period};
pub use quantity::{
    canonical_number, fold_unit_text, known_units, may_be_in_known_unit, parse_unit,
    parse_unit_with, units_of_dimension, unknown_unit, CustomUnits, Dimension, Multiplier,
    ParsedUnit, Quantity, Unit,
};

use crate::source::{FileId, Span};

/// 一次申报 — every form of one filing (all `.kpi` files under one directory).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filing {
    /// 部门整体支出绩效目标表 — department forms.
    pub departments: Vec<Department>,
    /// 项目支出绩效目标表 — project forms, in file order.
    pub projects: Vec<Project>,
}

/// Where a form came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file, as given on the command line.
    pub file: String,
    /// 1-based line of the form's keyword.
    pub line: usize,
    /// Index into the run's sources (for diagnostics).
    pub file_id: FileId,
    /// The whole item.
    pub span: Span,
    /// The name string.
    pub name_span: Span,
}

/// 项目属性 — a project's attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// 项目属性 as the form states it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kind {
    /// The attributes recognised.
    pub kinds: Vec<ProjectKind>,
    /// The value as written, when it was written as a string.
    pub text: Option<String>,
    pub span: Span,
}

/// A value with the span it was written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    /// A value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// 资金来源 — where money comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// 财政拨款
    Fiscal,
    /// 转移性资金
    Transfer,
    /// 上年结转资金 — money carried over from last year (a row of self-evaluation tables).
    Carryover,
    /// 其他资金
    Other,
}

/// 其中 — how an amount splits across sources. A source absent here was not written; a source
/// written with no amount (`other;`) is present with `None` (a blank cell on the form).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    /// 财政拨款
    pub fiscal: Option<Entry>,
    /// 转移性资金
    pub transfer: Option<Entry>,
    /// 上年结转资金
    pub carryover: Option<Entry>,
    /// 其他资金
    pub other: Option<Entry>,
}

/// One source row of a split: its amount, or a blank cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `null` when the cell is blank.
    pub amount: Option<Quantity>,
    pub span: Span,
}

impl Split {
    /// The entry for a source.
    pub fn get(&self, source: Source) -> Option<&Entry> {
        match source {
            Source::Fiscal => self.fiscal.as_ref(),
            Source::Transfer => self.transfer.as_ref(),
            Source::Carryover => self.carryover.as_ref(),
            Source::Other => self.other.as_ref(),
        }
    }

    /// The slot for a source.
    pub fn slot(&mut self, source: Source) -> &mut Option<Entry> {
        match source {
            Source::Fiscal => &mut self.fiscal,
            Source::Transfer => &mut self.transfer,
            Source::Carryover => &mut self.carryover,
            Source::Other => &mut self.other,
        }
    }

    /// True when no source was written.
    pub fn is_empty(&self) -> bool {
        self.fiscal.is_none()
            && self.transfer.is_none()
            && self.carryover.is_none()
            && self.other.is_none()
    }
}

/// 项目资金 — a project's money: 年度资金总额 and its split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// 年度资金总额
    pub total: Quantity,
    pub split: Split,
    pub span: Span,
}

/// 填报信息 — who filed the form and when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filed {
    /// 填报日期
    pub date: Option<Spanned<Date>>,
    /// 填报人
    pub filer: Option<String>,
    /// 联系电话
    pub phone: Option<String>,
    pub span: Span,
}

/// 年度总体目标 — one goal, as free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub text: String,
    pub span: Span,
}

/// 一级指标 — the level-1 category of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

// The names of the categories (`keyword()`, `chinese()`, `from_keyword()`), of the sources,
// project kinds and directions are read from the vocabulary, in `vocab.rs`.
impl Level1 {
    /// The level-2 categories that belong under this level 1.
    pub fn children(self) -> &'static [Level2] {
        use Level2::*;
        match self {
            Level1::Output => &[Quantity, Quality, Timeliness, Cost],
            Level1::Cost => &[Economic, Social, Ecological],
            Level1::Effect => &[Economic, Social, Ecological, Sustainable],
            Level1::Satisfaction => &[Service, Public],
        }
    }
}

/// A comparison in a quantitative value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparator {
    AtLeast,
    AtMost,
    Above,
    Below,
    Equal,
}

impl Comparator {
    /// The comparator for a written symbol (ASCII, ≥ ≤ or full-width).
    pub fn from_symbol(s: &str) -> Option<Comparator> {
        Some(match s {
            ">=" | "≥" | "≧" | "⩾" | "＞＝" => Comparator::AtLeast,
            "<=" | "≤" | "≦" | "⩽" | "＜＝" => Comparator::AtMost,
            ">" | "＞" => Comparator::Above,
            "<" | "＜" => Comparator::Below,
            "=" | "==" | "＝" => Comparator::Equal,
            _ => return None,
        })
    }

    /// The symbol used in reports.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::AtMost => "≤",
            Comparator::Above => ">",
            Comparator::Below => "<",
            Comparator::Equal => "=",
        }
    }
}

/// 指标值 — an indicator's target.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// 指标方向
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// 正向 — higher is better
    Positive,
    /// 反向 — lower is better
    Negative,
}

/// 三级指标 — one performance indicator with its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub level1: Level1,
    /// `null` when the form gives no level 2.
    pub level2: Option<Level2>,
    /// 三级指标 — the indicator's own name.
    pub name: String,
    /// 指标值 — `null` for a blank cell.
    pub value: Option<Value>,
    /// 分值
    pub weight: Option<rust_decimal::Decimal>,
    /// 指标解释
    pub explanation: Option<String>,
    /// 评分标准
    pub scoring: Option<String>,
    /// 绩效标准 — the standard the target is set against (计划标准, 行业标准, 历史标准 …).
    pub standard: Option<String>,
    /// 指标方向
    pub direction: Option<Direction>,
    /// 实际完成值, 得分 … — what a monitoring or self-evaluation form says about it; `None`
    /// on a target form. Boxed: it is two thirds of an indicator's size and most indicators
    /// have none (issue 14: an indicator was 792 bytes). Read it with
    /// [`Indicator::assessment()`].
    pub assessment: Option<Box<Assessment>>,
    /// 1-based line of the indicator.
    pub line: usize,
    pub span: Span,
    pub name_span: Span,
    /// The value's span; the statement's end when the value is blank.
    pub value_span: Span,
}

/// 达成度 — the grade of a qualitative indicator on a self-evaluation form. Each grade is a
/// range of the indicator's weight (set by the scoring profile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grade {
    /// 达成年度指标
    Achieved,
    /// 部分达成年度指标并具有一定效果
    Partial,
    /// 未达成年度指标且效果较差
    Missed,
}

/// 偏差原因 — the kind of cause a monitoring form gives for a deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cause {
    /// 经费保障
    Funding,
    /// 制度保障
    Institution,
    /// 人员保障
    Staffing,
    /// 硬件条件保障
    Hardware,
    /// 其他
    Other,
}

/// 完成目标可能性 — how likely a monitoring form says the target is met by the year's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Likelihood {
    /// 确定能
    Certain,
    /// 有可能
    Possible,
    /// 完全不可能
    Impossible,
}

/// 自评与监控 — what a self-evaluation (绩效自评) or monitoring (绩效运行监控) form says about
/// one indicator. Every field is optional: a target form has none of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assessment {
    /// 实际完成值 (self-evaluation)
    pub actual: Option<Spanned<Value>>,
    /// 得分 as claimed
    pub score: Option<Spanned<rust_decimal::Decimal>>,
    /// 达成度 of a qualitative indicator
    pub grade: Option<Spanned<Grade>>,
    /// 偏差原因分析及改进措施
    pub reason: Option<Spanned<String>>,
    /// 1-7月执行情况 (monitoring)
    pub midyear: Option<Spanned<Value>>,
    /// 全年预计完成情况 (monitoring)
    pub forecast: Option<Spanned<Value>>,
    /// 偏差原因 kind (monitoring)
    pub cause: Option<Spanned<Cause>>,
    /// 完成目标可能性 (monitoring)
    pub likelihood: Option<Spanned<Likelihood>>,
}

impl Assessment {
    /// True when the form says nothing about the indicator's execution.
    pub fn is_empty(&self) -> bool {
        *self == Assessment::default()
    }
}

/// What a target form says about an indicator's execution: nothing.
static NO_ASSESSMENT: Assessment = Assessment {
    actual: None,
    score: None,
    grade: None,
    reason: None,
    midyear: None,
    forecast: None,
    cause: None,
    likelihood: None,
};

impl Indicator {
    /// What a monitoring or self-evaluation form says about the indicator (empty on a target
    /// form).
    pub fn assessment(&self) -> &Assessment {
        self.assessment.as_deref().unwrap_or(&NO_ASSESSMENT)
    }

    /// The same, to fill in.
    pub fn assessment_mut(&mut self) -> &mut Assessment {
        self.assessment.get_or_insert_with(Default::default)
    }
}

/// 预算执行情况 — a project's budget execution on a monitoring or self-evaluation form.
/// 年初预算数 is the form's [`Budget`]; these are the figures after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Execution {
    /// 全年预算数 — the budget after adjustment.
    pub adjusted: Option<Budget>,
    /// 全年执行数 — what was spent in the year.
    pub executed: Option<Budget>,
    /// 1-7月执行数 (monitoring)
    pub midyear: Option<Budget>,
    /// 全年预计执行数 (monitoring)
    pub forecast: Option<Budget>,
    /// 预算执行率得分 as claimed
    pub score: Option<Spanned<rust_decimal::Decimal>>,
    /// 总分 as claimed
    pub total_score: Option<Spanned<rust_decimal::Decimal>>,
    /// 年度总体目标 实际完成情况
    pub outcome: Option<Spanned<String>>,
    /// 偏差原因 of the budget execution (an execution rate under target)
    pub reason: Option<Spanned<String>>,
}

impl Execution {
    /// True when the form says nothing about execution: a target form.
    pub fn is_empty(&self) -> bool {
        *self == Execution::default()
    }
}

/// A statement of a form that did not parse (its syntax error is reported): what it would have
/// said, as far as its first keywords tell, so that the checker does not call that part of
/// the form missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// An indicator row of this category.
    Indicator(Level1, Option<Level2>),
    /// A header field, by its English keyword (`unit`, `period`, `budget`, `department`,
    /// `filed`, `goal` …).
    Field(&'static str),
    /// Its first word is no keyword: it could have been anything.
    Unknown,
}

/// 项目支出绩效目标表 — a project form.
/// 表头与指标 — what every form has, project or department: its name and place, year, code,
/// implementing unit, filing, goals and indicators. Both kinds of form are a header plus
/// their own fields, and read through to the header (`form.name`, `form.indicators`), so a
/// rule about what they share is written once ([`Filing::forms`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormHeader {
    /// 项目名称 / 部门(单位)名称
    pub name: String,
    pub origin: Origin,
    /// 年度 — the budget year the form is for.
    pub year: Option<i32>,
    /// 代码 — the department code (主管部门代码 on a project form, 部门代码 on a department form).
    pub code: Option<String>,
    /// 实施单位
    pub implementing_unit: Option<String>,
    /// 填报日期, 填报人, 联系电话
    pub filed: Option<Filed>,
    /// 年度总体目标
    pub goals: Vec<Goal>,
    /// 绩效指标
    pub indicators: Vec<Indicator>,
    /// Statements that did not parse.
    pub unread: Vec<Unread>,
}

/// 项目支出绩效目标表 — a project form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Project {
    pub header: FormHeader,
    /// 主管部门
    pub department: Option<String>,
    /// 项目属性
    pub kind: Option<Kind>,
    /// 项目期
    pub period: Option<Spanned<Period>>,
    /// 项目资金 — 年度资金总额 (年初预算数 on a self-evaluation form)
    pub budget: Option<Budget>,
    /// 预算执行情况 — on monitoring and self-evaluation forms only.
    pub execution: Execution,
}

/// 年度主要任务 — a line of the department funds table.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub link: Option<String>,
    /// Where the link's name is written (for go-to-definition).
    pub link_span: Option<Span>,
    pub line: usize,
    pub span: Span,
    pub name_span: Span,
    pub amount_span: Span,
}

/// 支出类别
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineCategory {
    /// 基本支出
    Basic,
    /// 项目支出
    Project,
}

/// A subtotal or total as stated on the form: 基本支出, 项目支出合计, 金额合计.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedTotal {
    /// `null` for the grand total 金额合计.
    pub category: Option<LineCategory>,
    pub amount: Quantity,
    pub split: Split,
    pub line: usize,
    pub span: Span,
    pub amount_span: Span,
}

/// 年度主要任务 — the department's funds table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Funds {
    pub lines: Vec<FundsLine>,
    pub totals: Vec<StatedTotal>,
    pub span: Span,
}

/// 部门整体支出绩效目标表 — a department form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Department {
    pub header: FormHeader,
    /// 年度主要任务 — the funds table.
    pub funds: Option<Funds>,
}

impl std::ops::Deref for Project {
    type Target = FormHeader;
    fn deref(&self) -> &FormHeader {
        &self.header
    }
}

impl std::ops::DerefMut for Project {
    fn deref_mut(&mut self) -> &mut FormHeader {
        &mut self.header
    }
}

impl std::ops::Deref for Department {
    type Target = FormHeader;
    fn deref(&self) -> &FormHeader {
        &self.header
    }
}

impl std::ops::DerefMut for Department {
    fn deref_mut(&mut self) -> &mut FormHeader {
        &mut self.header
    }
}

/// A form of either kind, for the rules and back ends that treat both alike.
#[derive(Debug, Clone, Copy)]
pub enum Form<'a> {
    Project(&'a Project),
    Department(&'a Department),
}

impl<'a> Form<'a> {
    /// What every form has.
    pub fn header(self) -> &'a FormHeader {
        match self {
            Form::Project(p) => &p.header,
            Form::Department(d) => &d.header,
        }
    }

    /// The project form, if this is one.
    pub fn project(self) -> Option<&'a Project> {
        match self {
            Form::Project(p) => Some(p),
            Form::Department(_) => None,
        }
    }
}

impl std::ops::Deref for Form<'_> {
    type Target = FormHeader;
    fn deref(&self) -> &FormHeader {
        self.header()
    }
}

impl Filing {
    /// Every form: the project forms, then the department forms, each in file order.
    pub fn forms(&self) -> impl Iterator<Item = Form<'_>> {
        self.projects
            .iter()
            .map(Form::Project)
            .chain(self.departments.iter().map(Form::Department))
    }
}
