//! The rules of `kpi import` (K12xx, 导入). Their examples describe a workbook.

use crate::diag::{Doc, Finding, Rule, Severity, Text};

pub const NO_FORM_FOUND: Rule = Rule {
    code: "K1201",
    name: "no-form-found",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "No form found in the workbook", zh: "工作簿中没有找到绩效目标表" },
    what: Doc {
        en: "`kpi import` looks on every sheet for a form's labels: 项目名称 for a project form, 部门（单位）名称 or 部门名称 for a department form. Reported when no sheet has one; the message lists the sheets. Sheets without labels are skipped (and named in a comment) when another sheet is a form.",
        zh: "`kpi import` 在每张工作表中查找表格标签：项目表找“项目名称”，部门表找“部门（单位）名称”或“部门名称”。没有任何工作表含这些标签时报告，消息中列出各工作表。若另有工作表是表格，无标签的工作表会被跳过（并在注释中列出）。",
    },
    why: Doc {
        en: "Without labels kpi cannot tell which cell holds which field, so it imports nothing rather than guess.",
        zh: "没有标签，kpi 无法判断哪个单元格是哪个字段，因此宁可不导入也不猜测。",
    },
    example: "A workbook whose sheets hold only a funds table, with no 项目名称 or 部门名称 label\n各工作表只有资金表、没有“项目名称”或“部门名称”标签的工作簿",
    fix: Doc {
        en: "Import a workbook written by kpi, or an official layout whose fields and columns are labelled (项目名称, 一级指标, 二级指标, 三级指标, 指标值 …); add the missing label if it was deleted.",
        zh: "导入 kpi 生成的工作簿，或字段和列都有标签（项目名称、一级指标、二级指标、三级指标、指标值……）的官方版式；若标签被删，请补上。",
    },
};

pub const UNPLACED_ROW: Rule = Rule {
    code: "K1202",
    name: "unplaced-row",
    severity: Severity::Error,
    loses_data: true,
    title: Doc { en: "An indicator row kpi cannot place", zh: "无法归类的指标行" },
    what: Doc {
        en: "A row of the indicator table whose 一级指标 cell names no category kpi knows (产出指标, 效益指标, 满意度指标, 成本指标 …), with no filled category cell above it to carry down. Reported at the category's cell; `kpi import` keeps the row as a comment in its output, and `kpi check` on the workbook reports it here.",
        zh: "指标表中一级指标单元格不是 kpi 认识的类别（产出指标、效益指标、满意度指标、成本指标……），且上方也没有可沿用的已填类别的行。报告位置为该类别单元格；`kpi import` 在输出中以注释保留此行，`kpi check` 检查工作簿时在此报告。",
    },
    why: Doc {
        en: "Without its category the indicator cannot be checked or scored; importing it under a guessed category, or dropping it, would change the form silently.",
        zh: "没有类别，指标就无法检查或评分；猜一个类别导入或直接丢弃，都会悄悄改变表格内容。",
    },
    example: "一级指标 cell reads 其他 (or is blank on the table's first row), 三级指标 reads 培训人次\n一级指标单元格为“其他”（或表格第一行为空），三级指标为“培训人次”",
    fix: Doc {
        en: "Write the row's category in its 一级指标 cell (产出指标, 效益指标, 满意度指标 or 成本指标), or leave it blank under a filled one.",
        zh: "在该行的一级指标单元格填写类别（产出指标、效益指标、满意度指标或成本指标），或使其位于已填类别的下方并留空。",
    },
};

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[&NO_FORM_FOUND, &UNPLACED_ROW];

/// K1201's finding: a workbook with no sheet kpi can read as a form; `sheets` names its
/// sheets.
pub struct NoFormFound {
    pub sheets: String,
}

impl Finding for NoFormFound {
    const RULE: &'static Rule = &NO_FORM_FOUND;

    fn message(&self) -> Text {
        let names = &self.sheets;
        Text::new(
            format!("no form found in the workbook (sheets: {names}): no sheet has a 项目名称 label (project form) or a 部门（单位）名称 / 部门名称 label (department form)"),
            format!("工作簿中没有找到绩效目标表（工作表：{names}）：没有工作表含“项目名称”（项目表）或“部门（单位）名称”/“部门名称”（部门表）标签"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "kpi import reads the layouts kpi writes and official layouts whose fields and columns are labelled (项目名称, 一级指标, 二级指标, 三级指标, 指标值 …)",
            "kpi import 可读取 kpi 生成的版式，以及字段和列都有标签（项目名称、一级指标、二级指标、三级指标、指标值……）的官方版式",
        )
    }
}

/// K1202's finding: an indicator row (1-based `row`) with no 一级指标 to carry down, or one
/// (`category`) that is no category kpi knows.
pub struct UnplacedRow<'a> {
    pub row: u32,
    pub category: &'a str,
}

impl Finding for UnplacedRow<'_> {
    const RULE: &'static Rule = &UNPLACED_ROW;

    fn message(&self) -> Text {
        let (row, text) = (self.row, self.category);
        if text.is_empty() {
            Text::new(
                format!("row {row} has no 一级指标 and none above it to carry down"),
                format!("第 {row} 行没有一级指标，上方也没有可沿用的类别"),
            )
        } else {
            Text::new(
                format!("row {row}: 一级指标 “{text}” is no category kpi knows"),
                format!("第 {row} 行：一级指标“{text}”不是 kpi 认识的类别"),
            )
        }
    }

    fn help(&self) -> Text {
        Text::new(
            "write the category (产出指标, 效益指标, 满意度指标 or 成本指标) in the row's 一级指标 cell; the row was not imported",
            "请在该行的一级指标单元格填写类别（产出指标、效益指标、满意度指标或成本指标）；该行未被导入",
        )
    }
}
