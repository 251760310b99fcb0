//! K04 — cross-document (跨表一致性): the department funds table against the project forms,
//! and the department's own indicators against its funds table.
//!
//! A 项目支出 line matches the project form with the same name (spaces, quotes and
//! full-width brackets ignored), or the form its `-> "form"` link names. A line with no match
//! gets a suggestion: the form with an equal amount whose name shares the most character
//! bigrams with the line's. The suggested form is not reported again as missing from the
//! table, and its funding sources are compared like a match's.
//!
//! Complexity: lines find their forms through the resolver's hash map on normalised names;
//! duplicate names go through ordered maps; suggestions look only at the forms of the line's
//! exact amount (a hash bucket, bigrams computed once per form) that no line matched by name,
//! and at most the first [`SCAN_LIMIT`] of them. Linear in lines and forms.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::money::{describe_split, is_cost, split_amounts, N_SOURCES};
use super::words::{bigrams, normalize, shared, strip_numbering};
use super::{number_span, wan, Ctx, Doc, Rule};
use crate::diag::{Diagnostic, Finding, Fix, Severity, Text};
use crate::model::{Comparator, Department, Dimension, FundsLine, LineCategory, Project, Value};
use crate::source::{FileId, SourceFile, Span};

/// How a line found its form.
#[derive(Clone, Copy, PartialEq)]
enum Match {
    Exact(usize),
    Suggested(usize),
    None,
}

fn budget_span(cx: &Ctx<'_>, p: &Project) -> Span {
    match &p.budget {
        Some(b) => number_span(cx.source(p.origin.file_id), b.span, &b.total),
        None => p.origin.name_span,
    }
}

fn project_total(p: &Project) -> Option<Decimal> {
    p.budget.as_ref().and_then(|b| b.total.yuan())
}

/// Suggestions for unmatched lines: the forms no line matched by name, by amount, each
/// form's name bigrams computed once.
///
/// Complexity: building is linear in the forms; a line costs the forms of its exact amount
/// (a hash bucket), not every form, and at most [`SCAN_LIMIT`] of them, so that a table whose
/// lines share a few round amounts stays linear. Before issue 14 each unmatched line
/// normalised and split into bigrams every form's name: lines × forms.
struct Suggester {
    by_amount: std::collections::HashMap<Decimal, Vec<usize>>,
    bigrams: Vec<super::words::Bigrams>,
}

/// How many forms of its amount a line's suggestion looks at, at most: the first, in form
/// order, of those no line names (forms already suggested to an earlier line count among
/// them, though they are passed over). Real tables have a handful of forms per amount; the
/// generated table of 50 000 lines whose amounts are a quarter round figures has about 700
/// left unmatched per amount (`docs/performance.md`), all looked at.
const SCAN_LIMIT: usize = 1_024;

impl Suggester {
    /// The forms not `taken` by a line of their name (only those can be suggested), by amount.
    fn new(projects: &[Project], taken: &[bool]) -> Suggester {
        let mut by_amount: std::collections::HashMap<Decimal, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, p) in projects.iter().enumerate() {
            if taken[i] {
                continue;
            }
            if let Some(total) = project_total(p) {
                by_amount.entry(total.normalize()).or_default().push(i);
            }
        }
        Suggester {
            by_amount,
            bigrams: projects
                .iter()
                .map(|p| bigrams(&normalize(&p.name)))
                .collect(),
        }
    }

    /// The best suggestion for a line: equal amount, the most shared bigrams (at least 2, and
    /// at least half of the shorter name's bigrams); the first form in file order on a tie.
    fn suggest(&self, line: &FundsLine, taken: &[bool]) -> Option<usize> {
        let amount = line.amount.yuan()?;
        let lb = bigrams(&normalize(&line.name));
        let mut best: Option<(usize, usize)> = None;
        // The bucket is in form order, as the scan over every form was.
        for &i in self
            .by_amount
            .get(&amount.normalize())?
            .iter()
            .take(SCAN_LIMIT)
        {
            if taken[i] {
                continue;
            }
            let pb = &self.bigrams[i];
            let s = shared(&lb, pb);
            let min = lb.len().min(pb.len());
            if s < 2 || s * 2 < min {
                continue;
            }
            if best.is_none_or(|(_, bs)| s > bs) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    }
}

fn sources_differ(
    cx: &Ctx<'_>,
    out: &mut Vec<Diagnostic>,
    file: FileId,
    line: &FundsLine,
    p: &Project,
    suggested: bool,
) {
    let Some(b) = &p.budget else { return };
    let (form, any_form) = split_amounts(&b.split);
    let (table, any_table) = split_amounts(&line.split);
    if !any_form || !any_table || form == table {
        return;
    }
    let finding = SourcesDiffer {
        form_name: &p.name,
        table: &table,
        form: &form,
        suggested,
    };
    out.push(finding.at(file, line.amount_span).with_label(
        p.origin.file_id,
        budget_span(cx, p),
        Text::new(
            format!("the form's split: {}", describe_split(&form, false)),
            format!("项目表资金构成：{}", describe_split(&form, true)),
        ),
    ));
}

/// K0406: a department's cost and project-count indicators against its own funds table.
fn department_indicators(d: &Department, out: &mut Vec<Diagnostic>) {
    let Some(funds) = &d.funds else { return };
    let file = d.origin.file_id;
    let sum = |cat: Option<LineCategory>| -> Option<Decimal> {
        super::checked_sum(
            funds
                .lines
                .iter()
                .filter(|l| cat.is_none_or(|c| c == l.category))
                .filter_map(|l| l.amount.yuan()),
        )
    };
    let project_lines = funds
        .lines
        .iter()
        .filter(|l| l.category == LineCategory::Project)
        .count();
    for ind in &d.indicators {
        let Some(Value::Quantitative {
            comparator,
            quantity,
            ..
        }) = &ind.value
        else {
            continue;
        };
        let name = strip_numbering(&ind.name).0;
        if is_cost(ind) {
            let Some(y) = quantity.yuan() else { continue };
            let (cat, en, zh) = if name.contains("基本支出") {
                (
                    Some(LineCategory::Basic),
                    "the 基本支出 lines",
                    "基本支出各行",
                )
            } else if name.contains("项目支出") {
                (
                    Some(LineCategory::Project),
                    "the 项目支出 lines",
                    "项目支出各行",
                )
            } else if name.contains("合计") || name.contains("总") {
                (None, "all lines", "全部各行")
            } else {
                continue;
            };
            let Some(funded) = sum(cat) else {
                out.push(
                    crate::lower::rules::NumberTooLarge::Result { what: (en, zh) }
                        .at(file, ind.value_span),
                );
                continue;
            };
            if y != funded {
                let finding = IndicatorContradictsFunds::Cost {
                    indicator: &ind.name,
                    lines: (en, zh),
                    cost: y,
                    funded,
                };
                out.push(finding.at(file, ind.value_span));
            }
        } else if (name.contains("项目数量") || name.contains("项目个数"))
            && quantity
                .dimension()
                .is_none_or(|dim| dim == Dimension::Count)
        {
            let n = quantity
                .normalized()
                .map(|(v, _)| v)
                .unwrap_or(quantity.value);
            let count = Decimal::from(project_lines);
            let holds = match comparator {
                Comparator::AtLeast => count >= n,
                Comparator::Above => count > n,
                Comparator::AtMost => count <= n,
                Comparator::Below => count < n,
                Comparator::Equal => count == n,
            };
            if !holds {
                let finding = IndicatorContradictsFunds::Count {
                    indicator: &ind.name,
                    target: (comparator.symbol(), n),
                    lines: project_lines,
                };
                out.push(finding.at(file, ind.value_span));
            }
        }
    }
}

/// True when one department name may be the other's short form: the shorter one's
/// characters appear in order in the longer one, and both start and end alike (拉萨市科技局 is
/// 拉萨市科学技术局; 拉萨市教育局 is not).
fn same_department(a: &str, b: &str) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    if a == b {
        return true;
    }
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let prefix: String = short.chars().take(2).collect();
    if short.is_empty() || !long.starts_with(&prefix) || short.chars().last() != long.chars().last()
    {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// K0407: a project form's 主管部门 or 代码 differs from the department form of its filing.
fn supervisor(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let [d] = cx.filing.departments.as_slice() else {
        // No department form, or several: which one supervises a project is not known.
        return;
    };
    for p in &cx.filing.projects {
        let file = p.origin.file_id;
        let source = cx.source(file);
        let mut differs: Vec<(Span, SupervisorDiffers)> = Vec::new();
        if let Some(name) = p.department.as_deref().filter(|n| !n.trim().is_empty()) {
            if !same_department(name, &d.name) {
                differs.push((
                    super::find_in(source, p.origin.span, name),
                    SupervisorDiffers::Name {
                        form: name,
                        department: &d.name,
                    },
                ));
            }
        }
        if let (Some(code), Some(dcode)) = (p.code.as_deref(), d.code.as_deref()) {
            if !code.trim().is_empty() && code.trim() != dcode.trim() {
                differs.push((
                    super::find_in(source, p.origin.span, code),
                    SupervisorDiffers::Code {
                        form: code,
                        department: dcode,
                    },
                ));
            }
        }
        for (span, finding) in differs {
            out.push(finding.at(file, span).with_label(
                d.origin.file_id,
                d.origin.name_span,
                Text::new("the department form", "部门表"),
            ));
        }
    }
}

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    supervisor(cx, out);
    duplicate_forms(cx, out);
    for d in &cx.filing.departments {
        department_indicators(d, out);
        duplicate_lines(d, out);
    }
    let (matches, taken) = match_lines(cx);
    for m in &matches {
        report_line(cx, m, out);
    }
    if cx.filing.departments.iter().any(|d| d.funds.is_some()) {
        unfunded_forms(cx, &taken, out);
    }
}

/// K0405: two project forms with one name. A project's target form and its self-evaluation
/// (or monitoring) form share the name by right: each kind is its own namespace.
fn duplicate_forms(cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let projects = &cx.filing.projects;
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for (i, p) in projects.iter().enumerate() {
        let mut key = normalize(&p.name);
        if key.is_empty() {
            continue;
        }
        if crate::score::is_assessed(p) {
            key.push_str("\u{0}assessed");
        }
        match by_name.get(&key) {
            Some(&first) => {
                let f = &projects[first];
                out.push(
                    DuplicateName::Form(&p.name)
                        .at(p.origin.file_id, p.origin.name_span)
                        .with_label(
                            f.origin.file_id,
                            f.origin.name_span,
                            Text::new("the first form of that name", "同名的第一份表"),
                        ),
                );
            }
            None => {
                by_name.insert(key, i);
            }
        }
    }
}

/// K0405: two lines of one funds table with one name.
fn duplicate_lines(d: &Department, out: &mut Vec<Diagnostic>) {
    let Some(funds) = &d.funds else { return };
    let file = d.origin.file_id;
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    for line in &funds.lines {
        let key = normalize(&line.name);
        if let Some(first) = seen.get(&key) {
            out.push(
                DuplicateName::Line(&line.name)
                    .at(file, line.name_span)
                    .with_label(
                        file,
                        *first,
                        Text::new("the first line of that name", "同名的第一行"),
                    ),
            );
        } else {
            seen.insert(key, line.name_span);
        }
    }
}

/// A 项目支出 line of a funds table and the form it found.
struct LineMatch<'a> {
    file: FileId,
    line: &'a FundsLine,
    form: Match,
}

/// Matches the project lines of every department's funds table to the forms: the resolver's
/// links first, then a suggestion for each line left without one. Returns the matches in
/// table order and, per project form, whether a line took it.
fn match_lines<'a>(cx: &Ctx<'a>) -> (Vec<LineMatch<'a>>, Vec<bool>) {
    let projects = &cx.filing.projects;
    let mut taken = vec![false; projects.len()];
    let mut pending: Vec<(FileId, &FundsLine)> = Vec::new();
    for d in &cx.filing.departments {
        let Some(funds) = &d.funds else { continue };
        for line in funds
            .lines
            .iter()
            .filter(|l| l.category == LineCategory::Project)
        {
            pending.push((d.origin.file_id, line));
        }
    }
    // The resolver gives each line its form (linear: a hash map on the normalised name); its
    // links are the same 项目支出 lines in the same order.
    debug_assert_eq!(pending.len(), cx.resolution.links.len());
    let mut matches = Vec::with_capacity(pending.len());
    for ((file, line), link) in pending.into_iter().zip(&cx.resolution.links) {
        if let Some(i) = link.project {
            taken[i] = true;
        }
        matches.push(LineMatch {
            file,
            line,
            form: link.project.map(Match::Exact).unwrap_or(Match::None),
        });
    }
    let suggester = Suggester::new(projects, &taken);
    for m in matches.iter_mut() {
        if m.form == Match::None && m.line.link.is_none() {
            if let Some(i) = suggester.suggest(m.line, &taken) {
                taken[i] = true;
                m.form = Match::Suggested(i);
            }
        }
    }
    (matches, taken)
}

/// K0401, K0403, K0404 for one funds line: its amount and sources against its form's, the
/// suggestion when it found none by name, or the missing form.
fn report_line(cx: &Ctx<'_>, m: &LineMatch<'_>, out: &mut Vec<Diagnostic>) {
    let projects = &cx.filing.projects;
    let (file, line) = (m.file, m.line);
    match m.form {
        Match::Exact(i) => {
            let p = &projects[i];
            let (Some(a), Some(b)) = (line.amount.yuan(), project_total(p)) else {
                return;
            };
            if a != b {
                let finding = AmountDiffers {
                    line: &line.name,
                    table: a,
                    form: b,
                };
                out.push(finding.at(file, line.amount_span).with_label(
                    p.origin.file_id,
                    budget_span(cx, p),
                    Text::new(
                        format!("the form's budget: {}", wan(b)),
                        format!("项目表预算：{}", wan(b)),
                    ),
                ));
            } else {
                sources_differ(cx, out, file, line, p, false);
            }
        }
        Match::Suggested(i) => {
            let p = &projects[i];
            let amount = line.amount.yuan().map(wan).unwrap_or_default();
            let finding = LineWithoutForm::Suggested {
                line: &line.name,
                form: &p.name,
                amount,
            };
            out.push(
                finding
                    .at(file, line.name_span)
                    .with_label(
                        p.origin.file_id,
                        p.origin.name_span,
                        Text::new(
                            "a form with a similar name and the same amount",
                            "名称相近、金额相同的项目表",
                        ),
                    )
                    .with_fix(link_fix(cx.source(file), line, &p.name)),
            );
            sources_differ(cx, out, file, line, p, true);
        }
        Match::None => {
            let finding = match &line.link {
                Some(link) => LineWithoutForm::BrokenLink { link },
                None => LineWithoutForm::Missing { line: &line.name },
            };
            out.push(finding.at(file, line.name_span));
        }
    }
}

/// K0402: the project forms no funds line took (only when the filing has a funds table).
fn unfunded_forms(cx: &Ctx<'_>, taken: &[bool], out: &mut Vec<Diagnostic>) {
    let projects = &cx.filing.projects;
    for (i, p) in projects.iter().enumerate() {
        if taken[i] {
            continue;
        }
        let finding = FormNotInTable {
            form: &p.name,
            amount: project_total(p).map(wan).unwrap_or_default(),
        };
        out.push(finding.at(p.origin.file_id, p.origin.name_span));
    }
}

pub const FUNDS_LINE_WITHOUT_FORM: Rule = Rule {
    code: "K0401",
    name: "funds-line-without-form",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A funds line has no project form", zh: "资金表中的项目没有项目表" },
    what: Doc {
        en: "Matches each 项目支出 line of the department funds table to a project form: by name (spaces, quotes and bracket width ignored) or by its `-> \"form\"` link. A line with no match is reported; when a form has an equal amount and a similar name (shared character bigrams), the help suggests it (looking at no more than the first 1 024 forms of that amount that no line names).",
        zh: "将部门资金表中每条项目支出与项目表对应：按名称（忽略空格、引号和全半角括号）或按 `-> \"项目表\"` 关联。对应不上的行会报告；若有金额相同、名称相近（共享字符二元组）的项目表，帮助中会给出建议（只看该金额下未被任何行按名称对应的前 1 024 份项目表）。",
    },
    why: Doc {
        en: "Every project in the department budget needs its own performance-target form; a line without one is money with no targets, or a form filed under another name that a reviewer cannot find.",
        zh: "部门预算中的每个项目都需要绩效目标表；没有表的行就是没有目标的资金，或以其他名称填报、审核人找不到的表。",
    },
    example: "department \"拉萨市科学技术局\" {\n  funds { project \"2023 年机动经费\" 10万元 fiscal; }\n}\nproject \"机动经费\" { budget 10万元; }",
    fix: Doc {
        en: "Add the missing form, or link the line to the form that belongs to it: `project \"2023 年机动经费\" 10万元 fiscal -> \"机动经费\";`.",
        zh: "补上缺少的项目表，或把该行关联到对应的表：`project \"2023 年机动经费\" 10万元 fiscal -> \"机动经费\";`。",
    },
};

/// K0401's findings: a 项目支出 line no form matches.
enum LineWithoutForm<'a> {
    /// No form of its name, but one of a similar name and the same amount.
    Suggested {
        line: &'a str,
        form: &'a str,
        amount: String,
    },
    /// Its `-> "form"` link names no form.
    BrokenLink { link: &'a str },
    /// No form of its name, and none to suggest.
    Missing { line: &'a str },
}

impl Finding for LineWithoutForm<'_> {
    const RULE: &'static Rule = &FUNDS_LINE_WITHOUT_FORM;

    fn message(&self) -> Text {
        match self {
            LineWithoutForm::Suggested { line, .. } => Text::new(
                format!("no project form is named “{line}”"),
                format!("没有名为“{line}”的项目表"),
            ),
            LineWithoutForm::BrokenLink { link } => Text::new(
                format!("the line links to “{link}”, but there is no project form of that name"),
                format!("该行关联到“{link}”，但没有该名称的项目表"),
            ),
            LineWithoutForm::Missing { line } => Text::new(
                format!("no project form for the funds line “{line}”"),
                format!("资金表中的“{line}”没有对应的项目表"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            LineWithoutForm::Suggested { form, amount, .. } => Text::new(
                format!("did you mean the form “{form}” ({amount})? link it with `-> \"{form}\"`"),
                format!("是否指项目表“{form}”（{amount}）？用 `-> \"{form}\"` 关联"),
            ),
            _ => Text::new(
                "add the project's form to the filing, or link the line to its form with `-> \"form name\"`",
                "把该项目的绩效目标表加入申报材料，或用 `-> \"项目表名称\"` 关联",
            ),
        }
    }
}

pub const FORM_NOT_IN_FUNDS_TABLE: Rule = Rule {
    code: "K0402",
    name: "form-not-in-funds-table",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A project form is not in the funds table", zh: "项目表不在部门资金表中" },
    what: Doc {
        en: "Reports project forms that no 项目支出 line of a department funds table matches (by name, link or suggestion). Only when the filing has a funds table.",
        zh: "报告部门资金表中没有任何项目支出行对应（按名称、关联或建议）的项目表。仅在申报材料含有资金表时检查。",
    },
    why: Doc {
        en: "A project that is not in the department budget has no money; either the form is stray or the funds table is missing a line.",
        zh: "不在部门预算中的项目没有资金来源：要么该表多余，要么资金表漏了一行。",
    },
    example: "department \"拉萨市科学技术局\" { funds { project \"科技专项\" 1238.68万元 fiscal; } }\nproject \"百家科技\" { budget 1100万元; }",
    fix: Doc {
        en: "Add the line to the funds table, link the line that funds it with `-> \"form\"`, or remove the stray form.",
        zh: "在资金表中补上该行，用 `-> \"项目表\"` 关联对应的行，或删去多余的表。",
    },
};

/// K0402's finding: a project form no funds line took.
struct FormNotInTable<'a> {
    form: &'a str,
    /// Its budget, written in 万元.
    amount: String,
}

impl Finding for FormNotInTable<'_> {
    const RULE: &'static Rule = &FORM_NOT_IN_FUNDS_TABLE;

    fn message(&self) -> Text {
        let (form, amount) = (self.form, &self.amount);
        Text::new(
            format!("the project “{form}” ({amount}) is not in the department's funds table"),
            format!("项目“{form}”（{amount}）不在部门资金表中"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "add a 项目支出 line for it, or link the line that funds it with `-> \"form name\"`",
            "在资金表中增加该项目支出行，或用 `-> \"项目表名称\"` 关联对应的行",
        )
    }
}

pub const AMOUNT_DIFFERS_ACROSS_DOCUMENTS: Rule = Rule {
    code: "K0403",
    name: "amount-differs-across-documents",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "A project's amount differs between the funds table and its form", zh: "同一项目在资金表与项目表中的金额不同" },
    what: Doc {
        en: "Compares the amount of a funds line with the 年度资金总额 of the project form it matches (by name or link).",
        zh: "将资金表中某行的金额与其对应（按名称或关联）的项目表的年度资金总额比较。",
    },
    why: Doc {
        en: "The same project cannot have two budgets; the finance bureau will not know which one to approve.",
        zh: "同一项目不能有两个预算数，财政局无从审批。",
    },
    example: "department \"拉萨市科学技术局\" { funds { project \"科技专项\" 1238.68万元 fiscal; } }\nproject \"科技专项\" { budget 1200万元; }",
    fix: Doc {
        en: "Correct whichever of the two amounts is wrong.",
        zh: "更正两处金额中有误的一处。",
    },
};

/// K0403's finding: a funds line's amount and its form's 年度资金总额, in 元.
struct AmountDiffers<'a> {
    line: &'a str,
    table: Decimal,
    form: Decimal,
}

impl Finding for AmountDiffers<'_> {
    const RULE: &'static Rule = &AMOUNT_DIFFERS_ACROSS_DOCUMENTS;

    fn message(&self) -> Text {
        let (line, table, form) = (self.line, wan(self.table), wan(self.form));
        Text::new(
            format!("the funds table gives “{line}” {table}, its project form {form}"),
            format!("资金表中“{line}”为{table}，其项目表为{form}"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "make the two documents state the same amount",
            "使两份表的金额一致",
        )
    }
}

pub const FUNDING_SOURCE_DIFFERS: Rule = Rule {
    code: "K0404",
    name: "funding-source-differs",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A project's funding sources differ between the funds table and its form", zh: "同一项目在资金表与项目表中的资金来源不同" },
    what: Doc {
        en: "Compares the split by source (财政拨款, 转移性资金, 其他资金) of a funds line with the split of the project form it matches or is suggested for (K0401). Forms whose split is blank are left to K0507.",
        zh: "将资金表中某行的来源构成（财政拨款、转移性资金、其他资金）与其对应或建议对应（K0401）的项目表的资金构成比较。资金构成空白的项目表归 K0507。",
    },
    why: Doc {
        en: "Fiscal appropriations and transfer funds are budgeted and accounted for separately; a form that books transfer money as 财政拨款 misstates where its money comes from.",
        zh: "财政拨款与转移性资金分别编制预算、分别核算；把转移性资金写成财政拨款，资金来源就不实。",
    },
    example: "department \"拉萨市科学技术局\" { funds { project \"百家科技\" 1100万元 transfer; } }\nproject \"百家科技\" { budget 1100万元 { fiscal 1100万元; } }",
    fix: Doc {
        en: "Make both documents name the same source; on a project form, write transfer money as `transfer` even when its template has no such row.",
        zh: "使两份表的资金来源一致；项目表模板即使没有“转移性资金”一行，也应写为 `transfer`（转移性资金）。",
    },
};

/// K0404's finding: a funds line's split by source and its form's.
struct SourcesDiffer<'a> {
    form_name: &'a str,
    table: &'a [Decimal; N_SOURCES],
    form: &'a [Decimal; N_SOURCES],
    /// The line found the form by a suggestion, not by name.
    suggested: bool,
}

impl Finding for SourcesDiffer<'_> {
    const RULE: &'static Rule = &FUNDING_SOURCE_DIFFERS;

    fn message(&self) -> Text {
        let (note_en, note_zh) = if self.suggested {
            (
                " (matched by a similar name and an equal amount)",
                "（按相近名称和相同金额对应）",
            )
        } else {
            ("", "")
        };
        let name = self.form_name;
        Text::new(
            format!(
                "the funds table says {}, the project form “{name}” says {}{note_en}",
                describe_split(self.table, false),
                describe_split(self.form, false)
            ),
            format!(
                "资金表为{}，项目表“{name}”为{}{note_zh}",
                describe_split(self.table, true),
                describe_split(self.form, true)
            ),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "make both documents name the same funding source (a project form's 财政拨款 row is not the funds table's 转移性资金 column)",
            "使两份表的资金来源一致（项目表的“财政拨款”不等于资金表的“转移性资金”）",
        )
    }
}

pub const DUPLICATE_PROJECT_NAME: Rule = Rule {
    code: "K0405",
    name: "duplicate-project-name",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "Two project forms (or funds lines) have one name", zh: "两份项目表（或资金表两行）同名" },
    what: Doc {
        en: "Finds project forms with the same name in one filing, and funds lines with the same name in one table (spaces, quotes and bracket width ignored).",
        zh: "查找同一申报材料中同名的项目表，以及同一资金表中同名的行（忽略空格、引号和全半角括号）。",
    },
    why: Doc {
        en: "A project is identified by its name; two of one name cannot be matched to the funds table, and one of them is usually a leftover copy.",
        zh: "项目以名称识别；同名的两个项目无法与资金表对应，其中一个通常是残留的副本。",
    },
    example: "project \"科技专项\" { budget 1238.68万元; }\nproject \"科技专项\" { budget 1238.68万元; }",
    fix: Doc {
        en: "Remove the copy, or give each project its own name.",
        zh: "删去副本，或为每个项目分别命名。",
    },
};

/// K0405's findings: the second of two project forms, or of two lines of one funds table,
/// with one name.
enum DuplicateName<'a> {
    Form(&'a str),
    Line(&'a str),
}

impl Finding for DuplicateName<'_> {
    const RULE: &'static Rule = &DUPLICATE_PROJECT_NAME;

    fn message(&self) -> Text {
        match self {
            DuplicateName::Form(name) => Text::new(
                format!("a second project form named “{name}”"),
                format!("第二份名为“{name}”的项目表"),
            ),
            DuplicateName::Line(name) => Text::new(
                format!("a second funds line named “{name}”"),
                format!("资金表中第二条名为“{name}”的行"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            DuplicateName::Form(_) => Text::new(
                "give each project form its own name, or remove the copy",
                "每份项目表应有自己的名称，或删去重复的表",
            ),
            DuplicateName::Line(_) => Text::new(
                "merge the two lines or give each its own name",
                "合并两行，或分别命名",
            ),
        }
    }
}

pub const DEPARTMENT_INDICATOR_CONTRADICTS_FUNDS: Rule = Rule {
    code: "K0406",
    name: "department-indicator-contradicts-funds",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "A department indicator contradicts its funds table", zh: "部门绩效指标与其资金表矛盾" },
    what: Doc {
        en: "On a department form, compares cost indicators named 基本支出, 项目支出 or 合计/总 with the sum of the matching funds lines, and a 项目数量/项目个数 target with the number of 项目支出 lines.",
        zh: "在部门表中，将名为基本支出、项目支出或合计/总的成本指标与资金表相应各行之和比较，并将项目数量/项目个数的目标与项目支出行数比较。",
    },
    why: Doc {
        en: "The department's indicators summarise its own funds table; a cost or a count that disagrees with the table is a typing or copying error.",
        zh: "部门指标是对本部门资金表的概括；成本或数量与资金表不符，是录入或抄写错误。",
    },
    example: "department \"拉萨市科学技术局\" {\n  funds { basic \"公用经费\" 72.68万元 fiscal; }\n  output cost \"基本支出\" <= 80万元;\n}",
    fix: Doc {
        en: "Make the indicator agree with the funds table, or correct the table.",
        zh: "使指标与资金表一致，或更正资金表。",
    },
};

/// K0406's findings: a department indicator that its own funds table contradicts.
enum IndicatorContradictsFunds<'a> {
    /// A cost indicator (基本支出, 项目支出, 合计) against the sum of its lines, in 元; `lines`
    /// names those lines in English and Chinese.
    Cost {
        indicator: &'a str,
        lines: (&'a str, &'a str),
        cost: Decimal,
        funded: Decimal,
    },
    /// A 项目数量 target (its comparator and number) against the number of 项目支出 lines.
    Count {
        indicator: &'a str,
        target: (&'static str, Decimal),
        lines: usize,
    },
}

impl Finding for IndicatorContradictsFunds<'_> {
    const RULE: &'static Rule = &DEPARTMENT_INDICATOR_CONTRADICTS_FUNDS;

    fn message(&self) -> Text {
        match self {
            IndicatorContradictsFunds::Cost {
                indicator,
                lines: (en, zh),
                cost,
                funded,
            } => Text::new(
                format!(
                    "the cost indicator “{indicator}” is {}, but {en} of the funds table add up to {}",
                    wan(*cost),
                    wan(*funded)
                ),
                format!(
                    "成本指标“{indicator}”为{}，但资金表中{zh}合计{}",
                    wan(*cost),
                    wan(*funded)
                ),
            ),
            IndicatorContradictsFunds::Count {
                indicator,
                target: (symbol, n),
                lines,
            } => Text::new(
                format!("“{indicator}” targets {symbol}{n}, but the funds table has {lines} 项目支出 lines"),
                format!("“{indicator}”目标为{symbol}{n}，但资金表只有{lines}条项目支出"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            IndicatorContradictsFunds::Cost { funded, .. } => Text::new(
                format!(
                    "make the indicator {} or correct the funds table",
                    wan(*funded)
                ),
                format!("把该指标改为{}，或更正资金表", wan(*funded)),
            ),
            IndicatorContradictsFunds::Count { .. } => Text::new(
                "make the target agree with the funds table, or add the missing lines",
                "使目标与资金表一致，或补上缺少的行",
            ),
        }
    }
}

pub const SUPERVISOR_DIFFERS_FROM_DEPARTMENT: Rule = Rule {
    code: "K0407",
    name: "supervisor-differs-from-department",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "A project form's 主管部门 or 代码 differs from its department form", zh: "项目表的主管部门或代码与部门表不一致" },
    what: Doc {
        en: "In a filing with one department form, compares each project form's supervising department (主管部门) and department code (代码) with the department form's name and code. A short form of the name (拉萨市科技局 for 拉萨市科学技术局: its characters in order, same start and end) is accepted.",
        zh: "在只有一份部门表的申报材料中，将每份项目表的主管部门和部门代码与部门表的名称和代码比较。名称的简称（如“拉萨市科技局”之于“拉萨市科学技术局”：字符顺序一致、首尾相同）视为一致。",
    },
    why: Doc {
        en: "A project form that names another department or code was copied from another department's filing; the budget system files it under the wrong department.",
        zh: "项目表写的是其他部门或代码，说明它抄自其他部门的材料；预算系统会把它归到错误的部门。",
    },
    example: "department \"拉萨市科学技术局\" { code \"009909878\"; }\nproject \"科技专项\" {\n  department \"拉萨市教育局\" code \"009909001\";\n}",
    fix: Doc {
        en: "Write the department's name and code as the department form gives them.",
        zh: "按部门表填写部门名称和代码。",
    },
};

/// K0407's findings: a project form's 主管部门 or 代码 against its department form's.
enum SupervisorDiffers<'a> {
    Name { form: &'a str, department: &'a str },
    Code { form: &'a str, department: &'a str },
}

impl Finding for SupervisorDiffers<'_> {
    const RULE: &'static Rule = &SUPERVISOR_DIFFERS_FROM_DEPARTMENT;

    fn message(&self) -> Text {
        match self {
            SupervisorDiffers::Name { form, department } => Text::new(
                format!("the supervising department “{form}” is not the department form's “{department}”"),
                format!("主管部门“{form}”与部门表“{department}”不一致"),
            ),
            SupervisorDiffers::Code { form, department } => Text::new(
                format!("the department code “{form}” is not the department form's “{department}”"),
                format!("部门代码“{form}”与部门表的“{department}”不一致"),
            ),
        }
    }

    fn help(&self) -> Text {
        Text::new(
            "a project form names the department that files it: copy the name and code from the department form (the form was probably copied from another department's)",
            "项目表应填写申报它的部门：按部门表填写名称和代码（该表可能抄自其他部门）",
        )
    }
}

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[
    &FUNDS_LINE_WITHOUT_FORM,
    &FORM_NOT_IN_FUNDS_TABLE,
    &AMOUNT_DIFFERS_ACROSS_DOCUMENTS,
    &FUNDING_SOURCE_DIFFERS,
    &DUPLICATE_PROJECT_NAME,
    &DEPARTMENT_INDICATOR_CONTRADICTS_FUNDS,
    &SUPERVISOR_DIFFERS_FROM_DEPARTMENT,
];

/// The edit the help of a suggested match proposes: ` -> "form"` at the end of the funds line,
/// before its `;`. A guess from similar names and equal amounts, so never applied unasked.
fn link_fix(source: &SourceFile, line: &FundsLine, form: &str) -> Fix {
    let quoted = format!("\"{}\"", form.replace('\\', "\\\\").replace('"', "\\\""));
    let end = line.span.end.min(source.text.len());
    let start = line.span.start.min(end);
    let text = source.text.get(start..end).unwrap_or("");
    let body = text.trim_end();
    let body = body
        .strip_suffix(';')
        .or_else(|| body.strip_suffix('；'))
        .unwrap_or(body)
        .trim_end();
    Fix {
        title: Text::new(
            format!("Link the line to the form “{form}”"),
            format!("关联到项目表“{form}”"),
        ),
        span: Span::new(start + body.len(), start + body.len()),
        replacement: format!(" -> {quoted}"),
        safe: false,
    }
}
