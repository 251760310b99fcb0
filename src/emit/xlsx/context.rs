//! What a template can say: every placeholder a form offers, with its value for one form.
//!
//! A form becomes a [`Context`]: scalars (`{{project.name}}`) and lists (`{{#each indicators}}`)
//! whose items have their own fields (`{{indicator.name}}`). Every name a kind of form offers is
//! always present, blank when the form leaves it out, so that a template's placeholders can be
//! checked once against the names, whatever the form says.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::model::{
    vocab, Budget, Cause, Date, Department, Filed, Indicator, Kind, Likelihood, LineCategory,
    Period, Project, Quantity, Source, Split, StatedTotal, Value,
};
use crate::score::{IndicatorScore, ScoringProfile};

/// The two kinds of form a template sheet can be for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FormKind {
    /// 部门整体支出绩效目标表
    Department,
    /// 项目支出绩效目标表
    Project,
    /// 项目支出绩效自评表 — a project form that states actuals, scores or the executed amount
    SelfEvaluation,
    /// 绩效运行监控表 — a project form with 1-7月 figures and forecasts only
    Monitoring,
}

impl FormKind {
    /// True for the kinds of a project form (target, self-evaluation, monitoring).
    pub fn is_project(self) -> bool {
        !matches!(self, FormKind::Department)
    }
}

/// A value a placeholder stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    /// Text, written as a string cell.
    Text(String),
    /// Money, shown in 万元 as a number when it is written in 万元 (see [`money_cell`]).
    Money(Quantity),
    /// A plain decimal (分值).
    Number(Decimal),
    /// Nothing: a blank cell.
    Blank,
}

impl Val {
    /// The value as text, for a placeholder inside other text.
    pub fn text(&self) -> String {
        match self {
            Val::Text(s) => s.clone(),
            Val::Money(q) => match money_cell(q) {
                MoneyCell::Number(d) => d.to_string(),
                MoneyCell::Text(s) => s,
            },
            Val::Number(d) => d.to_string(),
            Val::Blank => String::new(),
        }
    }

    fn text_or_blank(s: Option<&str>) -> Val {
        match s {
            Some(s) if !s.is_empty() => Val::Text(s.to_string()),
            _ => Val::Blank,
        }
    }
}

/// How a money quantity goes into a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyCell {
    /// A number in 万元 — the quantity was written in 万元 and survives the cell exactly.
    Number(Decimal),
    /// Text as written (`12386800元`, `1100.00`): another unit, or digits a number would lose.
    Text(String),
}

/// The rule for money cells, stated once: a quantity written in 万元 becomes a number cell
/// when the number can be stored in the cell and read back to the same decimal (at most 15
/// significant digits, no trailing zeros after the point); otherwise the cell holds the text
/// as written (without the unit when the unit is 万元, which the form's `单位：万元` states).
pub fn money_cell(q: &Quantity) -> MoneyCell {
    let in_wan = q.multiplier.is_none() && q.unit.as_ref().is_some_and(|u| u.symbol == "万元");
    if !in_wan {
        return MoneyCell::Text(q.written());
    }
    let v = q.value;
    let digits = v.mantissa().unsigned_abs().to_string().len();
    if v.scale() == v.normalize().scale() && digits <= 15 {
        MoneyCell::Number(v)
    } else {
        MoneyCell::Text(v.to_string())
    }
}

/// One item of a list: its fields by name.
pub type Item = BTreeMap<&'static str, Val>;

/// A list's name, its item variable and the item's fields.
pub struct ListSpec {
    /// `indicators`
    pub name: &'static str,
    /// `indicator`
    pub var: &'static str,
    /// `level1`, `level2`, …
    pub fields: &'static [&'static str],
}

const INDICATOR_FIELDS: &[&str] = &[
    "level1",
    "level2",
    "name",
    "value",
    "weight",
    "explanation",
    "scoring",
    "direction",
];
/// An indicator's fields on self-evaluation and monitoring sheets: the target form's, then
/// the year's figures.
const ASSESSED_INDICATOR_FIELDS: &[&str] = &[
    "level1",
    "level2",
    "name",
    "value",
    "weight",
    "explanation",
    "scoring",
    "direction",
    "actual",
    "score",
    "computed",
    "grade",
    "reason",
    "midyear",
    "forecast",
    "cause",
    "cause_funding",
    "cause_institution",
    "cause_staffing",
    "cause_hardware",
    "cause_other",
    "likelihood",
    "likely_certain",
    "likely_possible",
    "likely_impossible",
];
const GOAL_FIELDS: &[&str] = &["text", "number"];
/// A funding source's row of the execution table (项目资金 on self-evaluation and monitoring
/// sheets).
const SOURCE_FIELDS: &[&str] = &[
    "label",
    "name",
    "budget",
    "adjusted",
    "executed",
    "rate",
    "midyear",
    "midyear_rate",
    "forecast",
    "forecast_rate",
];
const SPLIT_FIELDS: &[&str] = &["label", "source", "amount"];
const LINE_FIELDS: &[&str] = &[
    "category", "name", "amount", "fiscal", "transfer", "other", "form",
];
const TOTAL_FIELDS: &[&str] = &["label", "amount", "fiscal", "transfer", "other"];

/// Lists every form offers.
const COMMON_LISTS: &[ListSpec] = &[
    ListSpec {
        name: "indicators",
        var: "indicator",
        fields: INDICATOR_FIELDS,
    },
    ListSpec {
        name: "goals",
        var: "goal",
        fields: GOAL_FIELDS,
    },
];

const PROJECT_LISTS: &[ListSpec] = &[ListSpec {
    name: "budget.split",
    var: "split",
    fields: SPLIT_FIELDS,
}];

/// Lists of self-evaluation and monitoring sheets (their own indicator list with the year's
/// fields, then the target form's lists).
const ASSESSED_LISTS: &[ListSpec] = &[
    ListSpec {
        name: "indicators",
        var: "indicator",
        fields: ASSESSED_INDICATOR_FIELDS,
    },
    ListSpec {
        name: "goals",
        var: "goal",
        fields: GOAL_FIELDS,
    },
    ListSpec {
        name: "budget.split",
        var: "split",
        fields: SPLIT_FIELDS,
    },
    ListSpec {
        name: "execution.split",
        var: "source",
        fields: SOURCE_FIELDS,
    },
];

const DEPARTMENT_LISTS: &[ListSpec] = &[
    ListSpec {
        name: "funds",
        var: "line",
        fields: LINE_FIELDS,
    },
    ListSpec {
        name: "totals",
        var: "total",
        fields: TOTAL_FIELDS,
    },
];

/// Scalars every form offers.
const COMMON_SCALARS: &[&str] = &["year", "filed.date", "filed.filer", "filed.phone"];

const PROJECT_SCALARS: &[&str] = &[
    "project.name",
    "project.department",
    "project.department_code",
    "project.department_and_code",
    "project.unit",
    "project.kind",
    "project.period",
    "budget.total",
    "budget.fiscal",
    "budget.transfer",
    "budget.other",
];

const DEPARTMENT_SCALARS: &[&str] = &["department.name", "department.code", "department.unit"];

/// Scalars of self-evaluation and monitoring sheets, besides the project form's.
const ASSESSED_SCALARS: &[&str] = &[
    "budget.carryover",
    "execution.adjusted",
    "execution.executed",
    "execution.rate",
    "execution.weight",
    "execution.score",
    "execution.computed",
    "execution.midyear",
    "execution.midyear_rate",
    "execution.forecast",
    "execution.forecast_rate",
    "execution.outcome",
    "execution.reason",
    "total_score",
    "total_computed",
    "total_weight",
];

/// Names only a self-evaluation sheet uses: a sheet with one of them is a self-evaluation
/// template.
pub const SELF_EVALUATION_NAMES: &[&str] = &[
    "execution.executed",
    "execution.rate",
    "execution.weight",
    "execution.score",
    "execution.computed",
    "total_score",
    "total_computed",
    "total_weight",
    "indicator.actual",
    "indicator.score",
    "indicator.computed",
    "indicator.grade",
    "source.executed",
    "source.rate",
];

/// Names only a monitoring sheet uses: a sheet with one of them is a monitoring template.
pub const MONITORING_NAMES: &[&str] = &[
    "execution.midyear",
    "execution.midyear_rate",
    "execution.forecast",
    "execution.forecast_rate",
    "indicator.midyear",
    "indicator.forecast",
    "indicator.cause",
    "indicator.cause_funding",
    "indicator.cause_institution",
    "indicator.cause_staffing",
    "indicator.cause_hardware",
    "indicator.cause_other",
    "indicator.likelihood",
    "indicator.likely_certain",
    "indicator.likely_possible",
    "indicator.likely_impossible",
    "source.midyear",
    "source.midyear_rate",
    "source.forecast",
    "source.forecast_rate",
];

/// The scalar names a kind of form offers.
pub fn scalar_names(kind: FormKind) -> impl Iterator<Item = &'static str> {
    let own: &[&[&str]] = match kind {
        FormKind::Project => &[PROJECT_SCALARS],
        FormKind::Department => &[DEPARTMENT_SCALARS],
        FormKind::SelfEvaluation | FormKind::Monitoring => &[PROJECT_SCALARS, ASSESSED_SCALARS],
    };
    COMMON_SCALARS
        .iter()
        .chain(own.iter().flat_map(|names| names.iter()))
        .copied()
}

/// The lists a kind of form offers.
pub fn lists(kind: FormKind) -> impl Iterator<Item = &'static ListSpec> {
    let (common, own): (&[ListSpec], &[ListSpec]) = match kind {
        FormKind::Project => (COMMON_LISTS, PROJECT_LISTS),
        FormKind::Department => (COMMON_LISTS, DEPARTMENT_LISTS),
        FormKind::SelfEvaluation | FormKind::Monitoring => (ASSESSED_LISTS, &[]),
    };
    common.iter().chain(own.iter())
}

/// Which family of forms a placeholder's name (or a list's name) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameFamily {
    /// Department forms only.
    Department,
    /// Project forms of every kind (`{{project.name}}`, `{{budget.total}}`).
    Project,
    /// Self-evaluation and monitoring sheets (`{{execution.adjusted}}`, `{{indicator.reason}}`).
    Assessed,
    /// Self-evaluation sheets only (`{{indicator.actual}}`, `{{total_score}}`).
    SelfEvaluation,
    /// Monitoring sheets only (`{{indicator.midyear}}`, `{{execution.forecast}}`).
    Monitoring,
}

/// The family a placeholder's name belongs to, when it does not belong to every form.
pub fn family_of_name(name: &str) -> Option<NameFamily> {
    if SELF_EVALUATION_NAMES.contains(&name) {
        return Some(NameFamily::SelfEvaluation);
    }
    if MONITORING_NAMES.contains(&name) {
        return Some(NameFamily::Monitoring);
    }
    if name == "budget.carryover" {
        return Some(NameFamily::Assessed);
    }
    if let Some(field) = name.strip_prefix("indicator.") {
        if ASSESSED_INDICATOR_FIELDS.contains(&field) && !INDICATOR_FIELDS.contains(&field) {
            return Some(NameFamily::Assessed);
        }
    }
    let root = name.split('.').next().unwrap_or(name);
    match root {
        "project" | "budget" | "split" => Some(NameFamily::Project),
        "department" | "funds" | "line" | "totals" | "total" => Some(NameFamily::Department),
        "execution" | "source" => Some(NameFamily::Assessed),
        _ => None,
    }
}

/// The kind of form a placeholder's name belongs to, when it belongs to only one.
pub fn kind_of_name(name: &str) -> Option<FormKind> {
    match family_of_name(name)? {
        NameFamily::Department => Some(FormKind::Department),
        NameFamily::Project => Some(FormKind::Project),
        NameFamily::Assessed | NameFamily::SelfEvaluation => Some(FormKind::SelfEvaluation),
        NameFamily::Monitoring => Some(FormKind::Monitoring),
    }
}

/// One form's values for every placeholder of its kind.
pub struct Context {
    pub kind: FormKind,
    pub scalars: BTreeMap<&'static str, Val>,
    pub lists: BTreeMap<&'static str, Vec<Item>>,
}

/// A date as a Chinese form writes it: `2023年1月28日`, `2023年7月`.
pub fn date_zh(d: &Date) -> String {
    match d.day {
        Some(day) => format!("{}年{}月{}日", d.year, d.month, day),
        None => format!("{}年{}月", d.year, d.month),
    }
}

/// 指标值 as text: `≥90%`, `7家`, `≤2023年12月31日`, `有所提升`.
pub fn value_text(v: &Value) -> String {
    let cmp = |c: crate::model::Comparator, explicit: bool| {
        if explicit {
            c.symbol().to_string()
        } else {
            String::new()
        }
    };
    match v {
        Value::Quantitative {
            comparator,
            explicit,
            quantity,
        } => format!("{}{}", cmp(*comparator, *explicit), quantity.written()),
        Value::Date {
            comparator,
            explicit,
            date,
        } => format!("{}{}", cmp(*comparator, *explicit), date_zh(date)),
        Value::Period {
            comparator,
            explicit,
            from,
            to,
        } => format!(
            "{}{}-{}",
            cmp(*comparator, *explicit),
            date_zh(from),
            date_zh(to)
        ),
        Value::Qualitative { text } => text.clone(),
    }
}

/// 指标值 as the cell shows it: [`value_text`], except that a qualitative text that would
/// read as a number, date or period (`"365天"`), or that is already in “…”, is shown in “…”
/// so that it is read back as text.
pub fn indicator_value_text(i: &Indicator, v: &Value) -> String {
    let text = value_text(v);
    if let Value::Qualitative { text: t } = v {
        let level = match i.level2 {
            Some(l2) => format!("{} {}", i.level1.keyword(), l2.keyword()),
            None => i.level1.keyword().to_string(),
        };
        let quoted = t.starts_with('“') && t.ends_with('”');
        if quoted || crate::lower::reads_as_value(t, &level) {
            return format!("“{t}”");
        }
    }
    text
}

/// 项目期 as text.
pub fn period_text(p: &Period) -> String {
    match p {
        Period::Year { year } => format!("{year}年"),
        Period::Duration { length } => length.written(),
        Period::Range { from, to } => format!("{}-{}", date_zh(from), date_zh(to)),
        Period::Date { date } => date_zh(date),
        Period::Text { text } => text.clone(),
    }
}

/// 项目属性 as text: the string as written, or the attributes' words joined by `、`.
pub fn kind_text(k: &Kind) -> String {
    match &k.text {
        Some(t) => t.clone(),
        None => vocab::kinds_text(&k.kinds),
    }
}

/// 主管部门及代码 as one cell: `拉萨市科技局（009909878）`.
pub fn department_and_code(name: Option<&str>, code: Option<&str>) -> String {
    match (name, code) {
        (Some(n), Some(c)) => format!("{n}（{c}）"),
        (Some(n), None) => n.to_string(),
        (None, Some(c)) => format!("（{c}）"),
        (None, None) => String::new(),
    }
}

fn money(q: Option<&Quantity>) -> Val {
    q.map_or(Val::Blank, |q| Val::Money(q.clone()))
}

fn split_amount(split: &Split, source: Source) -> Val {
    money(split.get(source).and_then(|e| e.amount.as_ref()))
}

fn put_filed(scalars: &mut BTreeMap<&'static str, Val>, filed: Option<&Filed>) {
    let date = filed
        .and_then(|f| f.date.as_ref())
        .map_or(Val::Blank, |d| Val::Text(date_zh(&d.value)));
    scalars.insert("filed.date", date);
    scalars.insert(
        "filed.filer",
        Val::text_or_blank(filed.and_then(|f| f.filer.as_deref())),
    );
    scalars.insert(
        "filed.phone",
        Val::text_or_blank(filed.and_then(|f| f.phone.as_deref())),
    );
}

fn year(y: Option<i32>) -> Val {
    y.map_or(Val::Blank, |y| Val::Text(y.to_string()))
}

fn indicator_item(i: &Indicator) -> Item {
    let mut item = Item::new();
    item.insert("level1", Val::Text(i.level1.chinese().to_string()));
    item.insert(
        "level2",
        i.level2.map_or(Val::Blank, |l| {
            Val::Text(l.chinese_under(i.level1).to_string())
        }),
    );
    item.insert("name", Val::Text(i.name.clone()));
    item.insert(
        "value",
        i.value
            .as_ref()
            .map_or(Val::Blank, |v| Val::Text(indicator_value_text(i, v))),
    );
    item.insert("weight", i.weight.map_or(Val::Blank, Val::Number));
    item.insert("explanation", Val::text_or_blank(i.explanation.as_deref()));
    item.insert("scoring", Val::text_or_blank(i.scoring.as_deref()));
    item.insert(
        "direction",
        i.direction
            .map_or(Val::Blank, |d| Val::Text(d.chinese().to_string())),
    );
    item
}

/// `✓` when `yes`, else blank: a tick box column of the monitoring form.
fn tick(yes: bool) -> Val {
    if yes {
        Val::Text("✓".into())
    } else {
        Val::Blank
    }
}

fn spanned_text(s: Option<&crate::model::Spanned<String>>) -> Val {
    Val::text_or_blank(s.map(|s| s.value.as_str()))
}

fn spanned_number(s: Option<&crate::model::Spanned<Decimal>>) -> Val {
    s.map_or(Val::Blank, |s| Val::Number(s.value))
}

/// A computed score as the form shows it: rounded half up to the profile's decimals.
fn computed_number(d: Option<Decimal>, profile: &ScoringProfile) -> Val {
    d.map_or(Val::Blank, |d| {
        Val::Number(crate::score::round(d, profile.decimals).normalize())
    })
}

/// `part / whole` of two amounts of money, as a percentage (`75%`, `95.12%`), exact up to
/// the rounding to two places of the percentage; blank when either is missing or not money.
pub fn rate_text(part: Option<&Quantity>, whole: Option<&Quantity>) -> Val {
    let (Some(p), Some(w)) = (
        part.and_then(Quantity::yuan),
        whole.and_then(Quantity::yuan),
    ) else {
        return Val::Blank;
    };
    if w.is_zero() {
        return Val::Blank;
    }
    p.checked_div(w)
        .map_or(Val::Blank, |r| Val::Text(crate::score::percent(r)))
}

/// An indicator of a self-evaluation or monitoring form: the target form's fields and the
/// year's.
fn assessed_indicator_item(
    i: &Indicator,
    s: Option<&IndicatorScore>,
    profile: &ScoringProfile,
) -> Item {
    let mut item = indicator_item(i);
    let a = i.assessment();
    let value = |v: Option<&crate::model::Spanned<Value>>| {
        v.map_or(Val::Blank, |v| Val::Text(indicator_value_text(i, &v.value)))
    };
    item.insert("actual", value(a.actual.as_ref()));
    item.insert("score", spanned_number(a.score.as_ref()));
    item.insert(
        "computed",
        computed_number(s.and_then(|s| s.computed), profile),
    );
    item.insert(
        "grade",
        a.grade
            .as_ref()
            .map_or(Val::Blank, |g| Val::Text(g.value.chinese().to_string())),
    );
    item.insert("reason", spanned_text(a.reason.as_ref()));
    item.insert("midyear", value(a.midyear.as_ref()));
    item.insert("forecast", value(a.forecast.as_ref()));
    let cause = a.cause.as_ref().map(|c| c.value);
    item.insert(
        "cause",
        cause.map_or(Val::Blank, |c| Val::Text(c.chinese().to_string())),
    );
    for (name, c) in [
        ("cause_funding", Cause::Funding),
        ("cause_institution", Cause::Institution),
        ("cause_staffing", Cause::Staffing),
        ("cause_hardware", Cause::Hardware),
        ("cause_other", Cause::Other),
    ] {
        item.insert(name, tick(cause == Some(c)));
    }
    let likelihood = a.likelihood.as_ref().map(|l| l.value);
    item.insert(
        "likelihood",
        likelihood.map_or(Val::Blank, |l| Val::Text(l.chinese().to_string())),
    );
    for (name, l) in [
        ("likely_certain", Likelihood::Certain),
        ("likely_possible", Likelihood::Possible),
        ("likely_impossible", Likelihood::Impossible),
    ] {
        item.insert(name, tick(likelihood == Some(l)));
    }
    item
}

fn goal_items(goals: &[crate::model::Goal]) -> Vec<Item> {
    goals
        .iter()
        .enumerate()
        .map(|(n, g)| {
            let mut item = Item::new();
            item.insert("text", Val::Text(g.text.clone()));
            item.insert("number", Val::Text(format!("目标{}", n + 1)));
            item
        })
        .collect()
}

impl Context {
    /// The values of a project form.
    pub fn project(p: &Project) -> Context {
        let mut scalars = BTreeMap::new();
        scalars.insert("year", year(p.year));
        put_filed(&mut scalars, p.filed.as_ref());
        scalars.insert("project.name", Val::Text(p.name.clone()));
        scalars.insert(
            "project.department",
            Val::text_or_blank(p.department.as_deref()),
        );
        scalars.insert(
            "project.department_code",
            Val::text_or_blank(p.code.as_deref()),
        );
        scalars.insert(
            "project.department_and_code",
            Val::text_or_blank(Some(&department_and_code(
                p.department.as_deref(),
                p.code.as_deref(),
            ))),
        );
        scalars.insert(
            "project.unit",
            Val::text_or_blank(p.implementing_unit.as_deref()),
        );
        scalars.insert(
            "project.kind",
            p.kind
                .as_ref()
                .map_or(Val::Blank, |k| Val::text_or_blank(Some(&kind_text(k)))),
        );
        scalars.insert(
            "project.period",
            p.period
                .as_ref()
                .map_or(Val::Blank, |s| Val::Text(period_text(&s.value))),
        );
        let budget = p.budget.as_ref();
        scalars.insert("budget.total", money(budget.map(|b| &b.total)));
        for (name, source) in [
            ("budget.fiscal", Source::Fiscal),
            ("budget.transfer", Source::Transfer),
            ("budget.other", Source::Other),
        ] {
            scalars.insert(
                name,
                budget.map_or(Val::Blank, |b| split_amount(&b.split, source)),
            );
        }
        let mut lists = BTreeMap::new();
        lists.insert(
            "indicators",
            p.indicators.iter().map(indicator_item).collect(),
        );
        lists.insert("goals", goal_items(&p.goals));
        let mut split_items = Vec::new();
        if let Some(b) = budget {
            for source in [Source::Fiscal, Source::Transfer, Source::Other] {
                let Some(entry) = b.split.get(source) else {
                    continue;
                };
                let mut item = Item::new();
                let label = if split_items.is_empty() {
                    format!("其中：{}", source.chinese())
                } else {
                    source.chinese().to_string()
                };
                item.insert("label", Val::Text(label));
                item.insert("source", Val::Text(source.chinese().to_string()));
                item.insert("amount", money(entry.amount.as_ref()));
                split_items.push(item);
            }
        }
        lists.insert("budget.split", split_items);
        Context {
            kind: FormKind::Project,
            scalars,
            lists,
        }
    }

    /// The values of a self-evaluation or monitoring form: the project form's, and the year's
    /// figures. Claimed scores are as written; computed ones are rounded by `profile`.
    pub fn assessed(p: &Project, kind: FormKind, profile: &ScoringProfile) -> Context {
        let mut ctx = Context::project(p);
        ctx.kind = kind;
        let card = crate::score::score(p, profile);
        let e = &p.execution;
        let budget = p.budget.as_ref();
        fn total(b: Option<&Budget>) -> Option<&Quantity> {
            b.map(|b| &b.total)
        }
        // The execution rate's base: 全年预算数, else 年初预算数 (as the scoring engine).
        let base = total(e.adjusted.as_ref()).or(total(budget));
        let s = &mut ctx.scalars;
        s.insert(
            "budget.carryover",
            budget.map_or(Val::Blank, |b| split_amount(&b.split, Source::Carryover)),
        );
        s.insert("execution.adjusted", money(total(e.adjusted.as_ref())));
        s.insert("execution.executed", money(total(e.executed.as_ref())));
        s.insert("execution.midyear", money(total(e.midyear.as_ref())));
        s.insert("execution.forecast", money(total(e.forecast.as_ref())));
        s.insert(
            "execution.rate",
            rate_text(total(e.executed.as_ref()), base),
        );
        s.insert(
            "execution.midyear_rate",
            rate_text(total(e.midyear.as_ref()), base),
        );
        s.insert(
            "execution.forecast_rate",
            rate_text(total(e.forecast.as_ref()), base),
        );
        s.insert("execution.weight", Val::Number(profile.execution_weight));
        s.insert("execution.score", spanned_number(e.score.as_ref()));
        s.insert(
            "execution.computed",
            computed_number(card.as_ref().and_then(|c| c.execution.computed), profile),
        );
        s.insert("execution.outcome", spanned_text(e.outcome.as_ref()));
        s.insert("execution.reason", spanned_text(e.reason.as_ref()));
        s.insert("total_score", spanned_number(e.total_score.as_ref()));
        s.insert(
            "total_computed",
            computed_number(
                card.as_ref().and_then(|c| c.scaled_total.or(c.total)),
                profile,
            ),
        );
        s.insert("total_weight", Val::Number(profile.total));

        let scores = card.as_ref().map(|c| &c.indicators);
        ctx.lists.insert(
            "indicators",
            p.indicators
                .iter()
                .enumerate()
                .map(|(n, i)| assessed_indicator_item(i, scores.and_then(|s| s.get(n)), profile))
                .collect(),
        );

        // One row per source any of the budgets states, in the form's order.
        let budgets = [
            budget,
            e.adjusted.as_ref(),
            e.executed.as_ref(),
            e.midyear.as_ref(),
            e.forecast.as_ref(),
        ];
        fn amount(b: Option<&Budget>, source: Source) -> Option<&Quantity> {
            b.and_then(|b| b.split.get(source))
                .and_then(|entry| entry.amount.as_ref())
        }
        let mut rows = Vec::new();
        for source in [
            Source::Fiscal,
            Source::Transfer,
            Source::Carryover,
            Source::Other,
        ] {
            if !budgets
                .iter()
                .any(|b| b.is_some_and(|b| b.split.get(source).is_some()))
            {
                continue;
            }
            let name = match source {
                // As the national self-evaluation table prints it.
                Source::Fiscal => "当年财政拨款",
                s => s.chinese(),
            };
            let mut item = Item::new();
            let label = if rows.is_empty() {
                format!("其中：{name}")
            } else {
                name.to_string()
            };
            item.insert("label", Val::Text(label));
            item.insert("name", Val::Text(name.to_string()));
            let [b0, adjusted, executed, midyear, forecast] = budgets;
            let base = amount(adjusted, source).or(amount(b0, source));
            item.insert("budget", money(amount(b0, source)));
            item.insert("adjusted", money(amount(adjusted, source)));
            item.insert("executed", money(amount(executed, source)));
            item.insert("rate", rate_text(amount(executed, source), base));
            item.insert("midyear", money(amount(midyear, source)));
            item.insert("midyear_rate", rate_text(amount(midyear, source), base));
            item.insert("forecast", money(amount(forecast, source)));
            item.insert("forecast_rate", rate_text(amount(forecast, source), base));
            rows.push(item);
        }
        ctx.lists.insert("execution.split", rows);
        ctx
    }

    /// The values of a department form.
    pub fn department(d: &Department) -> Context {
        let mut scalars = BTreeMap::new();
        scalars.insert("year", year(d.year));
        put_filed(&mut scalars, d.filed.as_ref());
        scalars.insert("department.name", Val::Text(d.name.clone()));
        scalars.insert("department.code", Val::text_or_blank(d.code.as_deref()));
        scalars.insert(
            "department.unit",
            Val::text_or_blank(d.implementing_unit.as_deref()),
        );
        let mut lists = BTreeMap::new();
        lists.insert(
            "indicators",
            d.indicators.iter().map(indicator_item).collect(),
        );
        lists.insert("goals", goal_items(&d.goals));
        let (lines, totals) = match &d.funds {
            Some(f) => (
                f.lines
                    .iter()
                    .map(|l| {
                        let mut item = Item::new();
                        item.insert("category", Val::Text(category_zh(l.category).to_string()));
                        item.insert("name", Val::Text(l.name.clone()));
                        item.insert("amount", Val::Money(l.amount.clone()));
                        put_split(&mut item, &l.split);
                        item.insert("form", Val::text_or_blank(l.link.as_deref()));
                        item
                    })
                    .collect(),
                f.totals.iter().map(total_item).collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        lists.insert("funds", lines);
        lists.insert("totals", totals);
        Context {
            kind: FormKind::Department,
            scalars,
            lists,
        }
    }
}

fn put_split(item: &mut Item, split: &Split) {
    item.insert("fiscal", split_amount(split, Source::Fiscal));
    item.insert("transfer", split_amount(split, Source::Transfer));
    item.insert("other", split_amount(split, Source::Other));
}

/// 基本支出 / 项目支出
pub fn category_zh(c: LineCategory) -> &'static str {
    match c {
        LineCategory::Basic => "基本支出",
        LineCategory::Project => "项目支出",
    }
}

/// The label of a stated total: 基本支出合计, 项目支出合计, 金额合计.
pub fn total_label(category: Option<LineCategory>) -> &'static str {
    match category {
        Some(LineCategory::Basic) => "基本支出合计",
        Some(LineCategory::Project) => "项目支出合计",
        None => "金额合计",
    }
}

fn total_item(t: &StatedTotal) -> Item {
    let mut item = Item::new();
    item.insert("label", Val::Text(total_label(t.category).to_string()));
    item.insert("amount", Val::Money(t.amount.clone()));
    put_split(&mut item, &t.split);
    item
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_unit;
    use std::str::FromStr;

    fn wan(s: &str) -> Quantity {
        let p = parse_unit("万元").unwrap();
        Quantity {
            value: Decimal::from_str(s).unwrap(),
            multiplier: p.multiplier,
            unit: p.unit,
        }
    }

    #[test]
    fn money_cells_keep_every_digit() {
        assert_eq!(
            money_cell(&wan("1238.68")),
            MoneyCell::Number(Decimal::from_str("1238.68").unwrap())
        );
        assert_eq!(
            money_cell(&wan("1100.00")),
            MoneyCell::Text("1100.00".into())
        );
        assert_eq!(
            money_cell(&wan("1234567890.1234567")),
            MoneyCell::Text("1234567890.1234567".into())
        );
        let yuan = Quantity {
            unit: parse_unit("元").unwrap().unit,
            ..wan("12")
        };
        assert_eq!(money_cell(&yuan), MoneyCell::Text("12元".into()));
    }

    #[test]
    fn every_declared_name_has_a_value() {
        let p = Context::project(&Project {
            header: crate::model::FormHeader {
                name: "x".into(),
                ..Default::default()
            },
            ..Project::default()
        });
        for name in scalar_names(FormKind::Project) {
            assert!(p.scalars.contains_key(name), "{name}");
        }
        for list in lists(FormKind::Project) {
            assert!(p.lists.contains_key(list.name), "{}", list.name);
        }
        let profile = ScoringProfile::default_profile();
        for kind in [FormKind::SelfEvaluation, FormKind::Monitoring] {
            let project = crate::lower::lowers(
                "budget 1万元 { fiscal 1万元; }; executed 1万元; output quantity \"x\" ≥1个 { weight 10; actual 1个; };",
            )
            .expect("the snippet lowers");
            let c = Context::assessed(&project, kind, &profile);
            for name in scalar_names(kind) {
                assert!(c.scalars.contains_key(name), "{name}");
            }
            for list in lists(kind) {
                let items = &c.lists[list.name];
                for item in items {
                    for f in list.fields {
                        assert!(item.contains_key(f), "{}.{f}", list.var);
                    }
                }
            }
        }
    }

    #[test]
    fn every_name_has_one_family() {
        for name in SELF_EVALUATION_NAMES.iter().chain(MONITORING_NAMES) {
            let kind = kind_of_name(name);
            assert!(
                matches!(kind, Some(FormKind::SelfEvaluation | FormKind::Monitoring)),
                "{name}"
            );
            let (var, field) = name.split_once('.').unwrap_or(("", name));
            let offered = scalar_names(FormKind::SelfEvaluation).any(|n| n == *name)
                || lists(FormKind::SelfEvaluation)
                    .any(|l| l.var == var && l.fields.contains(&field));
            assert!(offered, "{name} is not offered");
        }
        assert_eq!(kind_of_name("project.name"), Some(FormKind::Project));
        assert_eq!(
            kind_of_name("indicator.reason"),
            Some(FormKind::SelfEvaluation)
        );
        assert_eq!(kind_of_name("indicator.name"), None);
    }
}
