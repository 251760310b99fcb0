//! K05 — completeness (完整性): required categories, blank values and names, values without
//! units, header fields, goals, a blank budget split. Drafts are incomplete by nature, so these
//! are warnings: a draft still compiles.

use rust_decimal::Decimal;

use super::words::{normalize, placeholder, strip_numbering};
use super::{Ctx, Doc, Rule};
use crate::config::profile::{HeaderField, Requirement};
use crate::diag::{Diagnostic, Finding, Lang, Severity, Text};
use crate::model::{Form, Goal, Indicator, Level1, Level2, Project, Unread, Value};
use crate::source::{FileId, Span};

/// The unit a name gives in brackets at its end, as templates with a unit column merged into
/// the name write it: `开展修复工程(个)`, `受益人口（万人）`.
pub(super) fn unit_in_name(name: &str) -> Option<String> {
    let name = name.trim_end();
    let inner = name.strip_suffix(')').or_else(|| name.strip_suffix('）'))?;
    let open = inner.rfind(['(', '（'])?;
    let unit = &inner[open..].trim_start_matches(['(', '（']);
    crate::model::parse_unit(unit).map(|_| unit.to_string())
}

/// True when a row says nothing: no name (beyond template numbering) and no value.
pub(super) fn is_blank_row(ind: &Indicator) -> bool {
    says_nothing(strip_numbering(&ind.name).0, ind)
}

/// [`is_blank_row`] for a caller that has stripped the name already.
fn says_nothing(stripped_name: &str, ind: &Indicator) -> bool {
    stripped_name.is_empty() && ind.value.is_none()
}

fn satisfied(req: &Requirement, indicators: &[Indicator]) -> bool {
    indicators
        .iter()
        // The category first: it is a comparison, the blank-row test reads the name.
        .any(|i| req.matches(i) && !is_blank_row(i))
}

fn required(
    cx: &Ctx<'_>,
    file: FileId,
    form_span: Span,
    reqs: &[Requirement],
    indicators: &[Indicator],
    lost: &[(Level1, Option<Level2>)],
    out: &mut Vec<Diagnostic>,
) {
    for req in reqs {
        if satisfied(req, indicators) {
            continue;
        }
        // Point at the blank row of that category when the form has one.
        if lost.iter().any(|(l1, l2)| {
            req.alternatives
                .iter()
                .any(|(r1, r2)| l1 == r1 && (r2.is_none() || l2.is_none() || l2 == r2))
        }) {
            // A row of this category did not parse (reported there): it may be the one.
            continue;
        }
        let blank = indicators.iter().find(|i| req.matches(i));
        let span = blank.map(|i| i.span).unwrap_or(form_span);
        let finding = CategoryMissing {
            category: &req.name,
            profile: &cx.config.profile.name,
        };
        out.push(finding.at(file, span));
    }
}

/// K0502–K0504: an indicator without a name, a value, or a unit.
fn indicators(file: FileId, list: &[Indicator], out: &mut Vec<Diagnostic>) {
    for ind in list {
        let (name, numbered) = strip_numbering(&ind.name);
        if says_nothing(name, ind)
            || (numbered && name.is_empty())
            || placeholder(&ind.name).is_some()
        {
            // A template row left blank (reported by K0501 when required) or a placeholder
            // name (K0601).
            continue;
        }
        if name.is_empty() {
            out.push(IndicatorWithoutName.at(file, ind.span));
            continue;
        }
        match &ind.value {
            None => out.push(
                EmptyValue {
                    indicator: &ind.name,
                }
                .at(file, ind.name_span),
            ),
            Some(Value::Quantitative { quantity, .. })
                if quantity.unit.is_none()
                    && !super::money::is_cost(ind)
                    && !quantity.value.is_zero()
                    && unit_in_name(&ind.name).is_none() =>
            {
                let finding = ValueWithoutUnit {
                    indicator: &ind.name,
                    written: quantity.written(),
                    value: quantity.value,
                };
                out.push(finding.at(file, ind.value_span));
            }
            _ => {}
        }
    }
}

/// K0506: a form without a goal, or with an empty one.
fn goals(
    file: FileId,
    name_span: Span,
    goals: &[Goal],
    unread: &[Unread],
    out: &mut Vec<Diagnostic>,
) {
    let goal_unread = unread
        .iter()
        .any(|u| matches!(u, Unread::Field("goal") | Unread::Unknown));
    if goals.is_empty() && !goal_unread {
        out.push(MissingGoal::NoGoal.at(file, name_span));
    }
    for g in goals {
        if g.text.trim().is_empty() {
            out.push(MissingGoal::EmptyGoal.at(file, g.span));
        }
    }
}

fn header(cx: &Ctx<'_>, p: &Project, out: &mut Vec<Diagnostic>) {
    let mut missing: Vec<(&str, &str, &str)> = Vec::new();
    // A field is judged when the profile requires it and no statement that failed to parse
    // could have been it.
    let judged = |field: HeaderField, word: &str| {
        cx.config.profile.requires(field)
            && !p.unread.iter().any(|u| match u {
                Unread::Unknown => true,
                // `filed DATE by NAME phone TEL` carries the contact too.
                Unread::Field(w) => *w == word || (word == "contact" && *w == "filed"),
                Unread::Indicator(..) => false,
            })
    };
    if judged(HeaderField::Department, "department")
        && p.department.as_deref().is_none_or(|s| s.trim().is_empty())
    {
        missing.push((
            "the supervising department (主管部门)",
            "主管部门",
            "department \"拉萨市科技局\" code \"009909878\";",
        ));
    }
    if judged(HeaderField::Unit, "unit")
        && p.implementing_unit
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
    {
        missing.push((
            "the implementing unit (实施单位)",
            "实施单位",
            "unit \"市科技局\";",
        ));
    }
    if judged(HeaderField::Period, "period") && p.period.is_none() {
        missing.push(("the project period (项目期)", "项目期", "period 2023;"));
    }
    if judged(HeaderField::Budget, "budget") && p.budget.is_none() {
        missing.push((
            "the annual budget (年度资金总额)",
            "年度资金总额",
            "budget 10万元 { fiscal 10万元; };",
        ));
    }
    let filed = p.filed.as_ref();
    if judged(HeaderField::Filed, "filed") && filed.and_then(|f| f.date.as_ref()).is_none() {
        missing.push((
            "the filing date (填报日期)",
            "填报日期",
            "filed 2023-01-28;",
        ));
    }
    if judged(HeaderField::Contact, "contact")
        && filed.is_none_or(|f| {
            f.phone.as_deref().is_none_or(|s| s.trim().is_empty())
                && f.filer.as_deref().is_none_or(|s| s.trim().is_empty())
        })
    {
        missing.push((
            "the contact (填报人及联系电话)",
            "填报人及联系电话",
            "by \"姓名\" phone \"0891-0000000\";",
        ));
    }
    for (en, zh, example) in missing {
        let finding = MissingHeaderField {
            field: (en, zh),
            example,
        };
        out.push(finding.at(p.origin.file_id, p.origin.name_span));
    }
    if let Some(b) = &p.budget {
        let blank = !b.split.is_empty()
            && [
                b.split.fiscal.as_ref(),
                b.split.transfer.as_ref(),
                b.split.other.as_ref(),
            ]
            .iter()
            .flatten()
            .all(|e| e.amount.is_none());
        if blank {
            let finding = BudgetSplitBlank {
                budget: b.total.written(),
            };
            out.push(finding.at(p.origin.file_id, b.span));
        }
    }
}

/// The categories of rows that did not parse; `None` when a row could have been anything.
fn lost_categories(unread: &[Unread]) -> Option<Vec<(Level1, Option<Level2>)>> {
    let mut lost = Vec::new();
    for u in unread {
        match u {
            Unread::Indicator(l1, l2) => lost.push((*l1, *l2)),
            Unread::Field(_) => {}
            Unread::Unknown => return None,
        }
    }
    Some(lost)
}

/// K1004: the form is laid out for another template than the profile's. Said once; the
/// profile's required categories are then not judged one by one.
fn profile_mismatch(
    cx: &Ctx<'_>,
    file: FileId,
    name_span: Span,
    indicators: &[Indicator],
    out: &mut Vec<Diagnostic>,
) -> bool {
    let Some(why) = cx.config.profile.mismatch(indicators) else {
        return false;
    };
    out.push(crate::config::ProfileMismatch { why }.at(file, name_span));
    true
}

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for form in cx.filing.forms() {
        let file = form.origin.file_id;
        let name_span = form.origin.name_span;
        goals(file, name_span, &form.goals, &form.unread, out);
        let (required_here, mismatch) = match form {
            Form::Project(p) => {
                if normalize(&p.name).is_empty() {
                    out.push(EmptyProjectName.at(file, name_span));
                }
                header(cx, p, out);
                let mismatch = profile_mismatch(cx, file, name_span, &p.indicators, out);
                (&cx.config.profile.project_required, mismatch)
            }
            Form::Department(_) => (&cx.config.profile.department_required, false),
        };
        if let (Some(lost), false) = (lost_categories(&form.unread), mismatch) {
            required(
                cx,
                file,
                name_span,
                required_here,
                &form.indicators,
                &lost,
                out,
            );
        }
        indicators(file, &form.indicators, out);
    }
}

pub const REQUIRED_CATEGORY_MISSING: Rule = Rule {
    code: "K0501",
    name: "required-category-missing",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A required (必填) category has no indicator", zh: "必填类别没有指标" },
    what: Doc {
        en: "Checks that a form has an indicator (with a name or a value) in every category its profile marks required (docs/profiles.md). Profile `generic` (the default) requires none. Profile `lhasa-2023`: 数量, 质量, 时效, 成本 (under 产出 or level 1), 社会效益, 可持续影响, 服务对象满意度. Profile `central-2021`: 数量, 质量, 时效, level-1 成本, some 效益, some 满意度; department forms one 产出, one 效益 and one 满意度 indicator. A category whose row did not parse is not called missing (its syntax error is reported), and a form laid out for another template gets one K1004 instead.",
        zh: "检查表单在其配置方案（docs/profiles.md）标为必填的每个类别下都有指标（有名称或有指标值）。方案 `generic`（默认）不要求任何类别。方案 `lhasa-2023`：数量、质量、时效、成本（产出下或一级）、社会效益、可持续影响、服务对象满意度。方案 `central-2021`：数量、质量、时效、一级成本、至少一个效益、至少一个满意度；部门表须至少有一个产出、一个效益、一个满意度指标。某类别的行未能解析时不判为缺失（语法错误已在该处报告）；按其他模板填写的表只报一次 K1004。",
    },
    why: Doc {
        en: "The template marks these rows 必填; a form without them is sent back, and the missing dimension cannot be monitored or evaluated later.",
        zh: "模板将这些行标为必填；缺少的表会被退回，缺失的维度日后也无法监控和评价。",
    },
    example: "project \"科协经费\" {\n  output quantity \"开展科普宣传活动\" >= 20次;\n  // no 质量指标\n}",
    fix: Doc {
        en: "Add at least one indicator with a value in the category, or choose the profile your province uses in kpi.toml.",
        zh: "在该类别下至少补充一个有指标值的指标，或在 kpi.toml 中选择本省使用的配置方案。",
    },
};

/// K0501's finding: a category the profile requires, with no indicator.
struct CategoryMissing<'a> {
    /// The category's name in both languages, from the profile.
    category: &'a Text,
    /// The profile's name.
    profile: &'a str,
}

impl Finding for CategoryMissing<'_> {
    const RULE: &'static Rule = &REQUIRED_CATEGORY_MISSING;

    fn message(&self) -> Text {
        Text::new(
            format!(
                "the required category {} has no indicator",
                self.category.get(Lang::En)
            ),
            format!("必填的{}没有指标", self.category.get(Lang::Zh)),
        )
    }

    fn help(&self) -> Text {
        let profile = self.profile;
        Text::new(
            format!("add at least one indicator with a value in this category (profile {profile})"),
            format!("在该类别下至少填写一个有指标值的指标（配置方案 {profile}）"),
        )
    }
}

pub const EMPTY_VALUE: Rule = Rule {
    code: "K0502",
    name: "empty-value",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "An indicator has no value", zh: "指标没有指标值" },
    what: Doc {
        en: "Finds indicators with a name but a blank 指标值 cell.",
        zh: "查找有名称但指标值为空的指标。",
    },
    why: Doc {
        en: "An indicator without a target cannot be met, monitored or scored.",
        zh: "没有目标值的指标无法完成、监控或评分。",
    },
    example: "project \"百家科技\" {\n  output timeliness \"认定备案期\";\n}",
    fix: Doc {
        en: "Write the target: a comparison and a quantity (`≥95%`) or a phrase (`有所提升`); or remove the row.",
        zh: "填写目标值：比较符加数量（`≥95%`）或定性描述（`有所提升`）；或删去该行。",
    },
};

/// K0502's finding: a named indicator with no value.
struct EmptyValue<'a> {
    indicator: &'a str,
}

impl Finding for EmptyValue<'_> {
    const RULE: &'static Rule = &EMPTY_VALUE;

    fn message(&self) -> Text {
        let indicator = self.indicator;
        Text::new(
            format!("the indicator “{indicator}” has no value"),
            format!("指标“{indicator}”没有指标值"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "write the target: a comparison and a quantity (`≥95%`) or a phrase (`有所提升`)",
            "填写指标值：比较符加数量（`≥95%`）或定性描述（`有所提升`）",
        )
    }
}

pub const INDICATOR_WITHOUT_NAME: Rule = Rule {
    code: "K0503",
    name: "indicator-without-name",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "An indicator has a value but no name", zh: "指标有值但没有名称" },
    what: Doc {
        en: "Finds indicators whose 三级指标 name is empty (or only template numbering) while the value is filled in.",
        zh: "查找指标值已填、但三级指标名称为空（或只有模板编号）的指标。",
    },
    why: Doc {
        en: "A value with no name says nothing about what is measured; it is often a value that slipped from the row above.",
        zh: "没有名称的值说明不了衡量的是什么，常是从上一行错位下来的值。",
    },
    example: "project \"流动科技馆巡展\" {\n  effect social \"\" \"有所帮助\";\n}",
    fix: Doc {
        en: "Write the indicator's name, or remove the row if the value belongs to another.",
        zh: "写明指标名称；若该值属于其他行，删去本行。",
    },
};

/// K0503's finding: an indicator with a value and no name.
struct IndicatorWithoutName;

impl Finding for IndicatorWithoutName {
    const RULE: &'static Rule = &INDICATOR_WITHOUT_NAME;

    fn message(&self) -> Text {
        Text::new(
            "this indicator has a value but no name",
            "该指标有指标值但没有名称",
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "write what is measured (三级指标), or remove the row if the value belongs to the row above",
            "写明衡量的内容（三级指标）；如果该值属于上一行，删去本行",
        )
    }
}

pub const VALUE_WITHOUT_UNIT: Rule = Rule {
    code: "K0504",
    name: "value-without-unit",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A quantitative value has no unit", zh: "定量指标值没有单位" },
    what: Doc {
        en: "Finds quantitative values written as a bare number (`35`) outside cost rows (a cost without a unit is K0306). Zero is left alone.",
        zh: "查找成本行以外只写数字（如 `35`）的定量指标值（成本无单位归 K0306）。0 不报告。",
    },
    why: Doc {
        en: "`35` could be 35 people, 35 times or 35%; without the unit the target cannot be checked.",
        zh: "`35` 可能是 35 人、35 次或 35%；没有单位就无法核对目标。",
    },
    example: "project \"疫情防控人员补助经费\" {\n  output quantity \"补助人员数量\" 35;\n}",
    fix: Doc {
        en: "Write the unit: `35人`.",
        zh: "写明单位：`35人`。",
    },
};

/// K0504's finding: a quantity with no unit.
struct ValueWithoutUnit<'a> {
    indicator: &'a str,
    /// The quantity as written.
    written: String,
    /// Its number, for the help's examples.
    value: Decimal,
}

impl Finding for ValueWithoutUnit<'_> {
    const RULE: &'static Rule = &VALUE_WITHOUT_UNIT;

    fn message(&self) -> Text {
        let (indicator, written) = (self.indicator, &self.written);
        Text::new(
            format!("the value `{written}` of “{indicator}” has no unit"),
            format!("指标“{indicator}”的值“{written}”没有单位"),
        )
    }

    fn help(&self) -> Text {
        let value = self.value;
        Text::new(
            format!("write the unit: `{value}人`, `{value}个`, `{value}%` …"),
            format!("写明单位：`{value}人`、`{value}个`、`{value}%` 等"),
        )
    }
}

pub const MISSING_HEADER_FIELD: Rule = Rule {
    code: "K0505",
    name: "missing-header-field",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A header field of a project form is missing", zh: "项目表表头缺项" },
    what: Doc {
        en: "Checks that a project form gives its supervising department (主管部门), implementing unit (实施单位), period (项目期), annual budget (年度资金总额), filing date (填报日期) and a contact (填报人 or 联系电话).",
        zh: "检查项目表填写了主管部门、实施单位、项目期、年度资金总额、填报日期和联系人（填报人或联系电话）。有语法或单位错误的表不检查缺项（缺的可能正是未能读取的那一行）。",
    },
    why: Doc {
        en: "Reviewers need to know who carries out the project, for how long, and whom to call; a form without them is returned.",
        zh: "审核人需要知道由谁实施、实施多久、联系谁；缺少这些信息的表会被退回。",
    },
    example: "project \"双创办公运行经费\" {\n  budget 30万元 { fiscal 30万元; };\n}",
    fix: Doc {
        en: "Add the field: `unit \"…\";`, `period 2023;`, `filed 2023-01-28 by \"…\" phone \"…\";`.",
        zh: "补上该项：`实施单位 \"……\";`、`项目期 2023;`、`填报日期 2023-01-28 填报人 \"……\" 联系电话 \"……\";`。",
    },
};

/// K0505's finding: a header field the profile requires, not given.
struct MissingHeaderField<'a> {
    /// The field, in English and Chinese: `("the project period (项目期)", "项目期")`.
    field: (&'a str, &'a str),
    /// A statement that gives it, for the help.
    example: &'a str,
}

impl Finding for MissingHeaderField<'_> {
    const RULE: &'static Rule = &MISSING_HEADER_FIELD;

    fn message(&self) -> Text {
        let (en, zh) = self.field;
        Text::new(
            format!("the form does not give {en}"),
            format!("该表未填写{zh}"),
        )
    }

    fn help(&self) -> Text {
        let example = self.example;
        Text::new(
            format!("add it, e.g. `{example}`"),
            format!("请补上，例如 `{example}`"),
        )
    }
}

pub const MISSING_GOAL: Rule = Rule {
    code: "K0506",
    name: "missing-goal",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A form has no goal, or an empty one", zh: "表单没有年度总体目标，或目标为空" },
    what: Doc {
        en: "Checks that every form states at least one 年度总体目标 and that no goal is empty.",
        zh: "检查每份表至少有一条年度总体目标，且没有空目标。",
    },
    why: Doc {
        en: "The goal is what the indicators measure; without it a reviewer cannot judge whether the indicators fit the project.",
        zh: "目标是指标衡量的对象；没有目标，审核人无法判断指标是否与项目相符。",
    },
    example: "project \"机动经费\" {\n  goal \"\";\n}",
    fix: Doc {
        en: "Write what the money will achieve this year: `goal \"…\";`.",
        zh: "写明本年度资金要达到的目标：`目标 \"……\";`。",
    },
};

/// K0506's findings: a form without a goal, or an empty goal statement.
enum MissingGoal {
    NoGoal,
    EmptyGoal,
}

impl Finding for MissingGoal {
    const RULE: &'static Rule = &MISSING_GOAL;

    fn message(&self) -> Text {
        match self {
            MissingGoal::NoGoal => Text::new(
                "the form has no goal (年度总体目标)",
                "该表没有年度总体目标",
            ),
            MissingGoal::EmptyGoal => Text::new("this goal is empty", "该目标为空"),
        }
    }

    fn help(&self) -> Text {
        match self {
            MissingGoal::NoGoal => Text::new(
                "add `goal \"…\";` saying what the money will achieve this year",
                "增加 `目标 \"……\";`，写明本年度资金要达到的目标",
            ),
            MissingGoal::EmptyGoal => Text::new(
                "write the goal, or remove the empty statement",
                "填写目标内容，或删去空语句",
            ),
        }
    }
}

pub const BUDGET_SPLIT_BLANK: Rule = Rule {
    code: "K0507",
    name: "budget-split-blank",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "The budget's 其中 rows are all blank", zh: "年度资金总额的“其中”各行均为空" },
    what: Doc {
        en: "Finds project budgets whose split is written with every source blank (`budget 1238.68万元 { fiscal; other; }`).",
        zh: "查找资金构成各来源均为空的项目预算（如 `budget 1238.68万元 { fiscal; other; }`）。",
    },
    why: Doc {
        en: "The split says where the money comes from; without it the form cannot be matched with the department's funds table.",
        zh: "资金构成说明钱从哪里来；没有它就无法与部门资金表核对。",
    },
    example: "project \"科技专项\" {\n  budget 1238.68万元 { fiscal; other; };\n}",
    fix: Doc {
        en: "Fill in the amounts: `budget 1238.68万元 { fiscal 1238.68万元; other; };`.",
        zh: "填写金额：`年度资金总额 1238.68万元 { 财政拨款 1238.68万元; 其他资金; };`。",
    },
};

/// K0507's finding: a budget whose 其中 rows are all blank.
struct BudgetSplitBlank {
    /// The budget as written.
    budget: String,
}

impl Finding for BudgetSplitBlank {
    const RULE: &'static Rule = &BUDGET_SPLIT_BLANK;

    fn message(&self) -> Text {
        let budget = &self.budget;
        Text::new(
            format!("the budget {budget} does not say where the money comes from: every 其中 row is blank"),
            format!("年度资金总额{budget}未说明资金来源：其中各行均为空"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "fill in 财政拨款 / 转移性资金 / 其他资金 (`fiscal 1238.68万元;`)",
            "填写财政拨款 / 转移性资金 / 其他资金（`财政拨款 1238.68万元;`）",
        )
    }
}

pub const EMPTY_PROJECT_NAME: Rule = Rule {
    code: "K0508",
    name: "empty-project-name",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "A project form has no name", zh: "项目表没有项目名称" },
    what: Doc {
        en: "Finds project forms whose name is empty or only spaces and quotes (`project \"\" { … }`).",
        zh: "查找名称为空（或只有空格、引号）的项目表（`项目 \"\" { … }`）。",
    },
    why: Doc {
        en: "The name links the form to its line in the department's funds table and to the budget system; a nameless form cannot be matched, reviewed or evaluated.",
        zh: "项目名称把项目表与部门资金表中的一行、与预算系统联系起来；没有名称的表无法对应、审核和评价。",
    },
    example: "project \"\" {\n  budget 10万元;\n}",
    fix: Doc {
        en: "Write the project's name as the funds table gives it.",
        zh: "按资金表填写项目名称。",
    },
};

/// K0508's finding: a project form with no name.
struct EmptyProjectName;

impl Finding for EmptyProjectName {
    const RULE: &'static Rule = &EMPTY_PROJECT_NAME;

    fn message(&self) -> Text {
        Text::new("the project form has no name", "项目表没有项目名称")
    }

    fn help(&self) -> Text {
        Text::new(
            "write the project's name as in the department's funds table: `project \"科技专项\" { … }`",
            "按部门资金表填写项目名称：`项目 \"科技专项\" { … }`",
        )
    }
}

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[
    &REQUIRED_CATEGORY_MISSING,
    &EMPTY_VALUE,
    &INDICATOR_WITHOUT_NAME,
    &VALUE_WITHOUT_UNIT,
    &MISSING_HEADER_FIELD,
    &MISSING_GOAL,
    &BUDGET_SPLIT_BLANK,
    &EMPTY_PROJECT_NAME,
];
