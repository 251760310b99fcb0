//! What a template can say: every placeholder a form offers, with its value for one form.
//!
//! A form becomes a [`Context`]: scalars (`{{project.name}}`) and lists (`{{#each indicators}}`)
//! whose items have their own fields (`{{indicator.name}}`). Every name a kind of form offers is
//! always present, blank when the form leaves it out, so that a template's placeholders can be
//! checked once against the names, whatever the form says.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::model::{
    vocab, Date, Department, Filed, Indicator, Kind, LineCategory, Period, Project, Quantity,
    Source, Split, StatedTotal, Value,
};

/// The two kinds of form a template sheet can be for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FormKind {
    /// 部门整体支出绩效目标表
    Department,
    /// 项目支出绩效目标表
    Project,
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
const GOAL_FIELDS: &[&str] = &["text", "number"];
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

/// The scalar names a kind of form offers.
pub fn scalar_names(kind: FormKind) -> impl Iterator<Item = &'static str> {
    let own = match kind {
        FormKind::Project => PROJECT_SCALARS,
        FormKind::Department => DEPARTMENT_SCALARS,
    };
    COMMON_SCALARS.iter().chain(own.iter()).copied()
}

/// The lists a kind of form offers.
pub fn lists(kind: FormKind) -> impl Iterator<Item = &'static ListSpec> {
    let own = match kind {
        FormKind::Project => PROJECT_LISTS,
        FormKind::Department => DEPARTMENT_LISTS,
    };
    COMMON_LISTS.iter().chain(own.iter())
}

/// The kind of form a placeholder's name belongs to, when it belongs to only one.
pub fn kind_of_name(name: &str) -> Option<FormKind> {
    let root = name.split('.').next().unwrap_or(name);
    match root {
        "project" | "budget" | "split" => Some(FormKind::Project),
        "department" | "funds" | "line" | "totals" | "total" => Some(FormKind::Department),
        _ => None,
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
    }
}
