//! The rules of xlsx templates and output (K11xx, 模板与表格输出), reported by
//! `kpi build --to xlsx`. Their examples describe a template cell or a workbook.

use crate::diag::{Diagnostic, Doc, Finding, Location, Rule, Severity, Text};

pub const UNKNOWN_PLACEHOLDER: Rule = Rule {
    code: "K1101",
    name: "unknown-placeholder",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "Unknown placeholder in a template", zh: "模板中的占位符未知" },
    what: Doc {
        en: "Checks every `{{name}}` in a template sheet against the names of the sheet's form (project or department). A name that is neither a field of the form nor an item field of one of its lists is reported with the sheet and cell; the help lists the names of that form.",
        zh: "对照模板工作表所属表格（项目表或部门表）的名称检查每个 `{{名称}}`。既不是该表字段、也不是其列表项字段的名称会连同工作表和单元格一起报告；提示会列出该表可用的名称。",
    },
    why: Doc {
        en: "A misspelt placeholder would otherwise stay in the output as literal text, or leave the cell empty, in a form that goes to the finance bureau.",
        zh: "拼错的占位符否则会作为原文留在输出中，或使单元格为空，而这张表是要报送财政部门的。",
    },
    example: "Sheet 模板, cell B2: {{project.nmae}}\n工作表“模板”单元格 B2：{{project.nmae}}",
    fix: Doc {
        en: "Correct the name to one listed in the help (e.g. `{{project.name}}`), or start from the built-in template (docs/templates.md).",
        zh: "改成提示中列出的名称（如 `{{project.name}}`），或从内置模板开始修改（见 docs/templates.md）。",
    },
};

pub const BAD_FILTER: Rule = Rule {
    code: "K1102",
    name: "bad-filter",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "Unknown filter, or `|merge` outside a repeat row", zh: "过滤器未知，或 `|merge` 不在重复行中" },
    what: Doc {
        en: "Finds a placeholder filter other than `|merge` (`{{project.name|upper}}`), and a `|merge` on a placeholder in a row that has no `{{#each}}`.",
        zh: "查找 `|merge` 以外的过滤器（`{{project.name|upper}}`），以及用在没有 `{{#each}}` 的行中的 `|merge`。",
    },
    why: Doc {
        en: "`merge` is the only filter: it merges equal neighbouring cells of a repeated column (e.g. 一级指标). Outside a repeat row there is nothing to merge, so the template does not do what it says.",
        zh: "`merge` 是唯一的过滤器：它合并重复列中相邻的相同单元格（如一级指标）。不在重复行中就没有可合并的单元格，模板不会按所写的方式工作。",
    },
    example: "Sheet 模板, cell A1: {{project.name|merge}} (row 1 has no {{#each}})\n工作表“模板”单元格 A1：{{project.name|merge}}（第 1 行没有 {{#each}}）",
    fix: Doc {
        en: "Remove the filter, or move the `|merge` placeholder into a `{{#each …}}` row.",
        zh: "删除过滤器，或把带 `|merge` 的占位符放到 `{{#each …}}` 行中。",
    },
};

pub const UNKNOWN_LIST: Rule = Rule {
    code: "K1103",
    name: "unknown-list",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "Unknown list in `{{#each}}`", zh: "`{{#each}}` 中的列表未知" },
    what: Doc {
        en: "Checks the list named by `{{#each LIST}}` against the lists of the sheet's form (`indicators` and `goals` on both forms, `budget.split` on the project form, `funds` and `totals` on the department form); the help lists them.",
        zh: "对照工作表所属表格的列表（两种表都有 `indicators` 和 `goals`，项目表另有 `budget.split`，部门表另有 `funds` 和 `totals`）检查 `{{#each 列表}}` 中的名称；提示会列出可用的列表。",
    },
    why: Doc {
        en: "An unknown list cannot be repeated: the row would be written once, with no rows of the form in it.",
        zh: "未知的列表无法重复：这一行只会写出一次，表中的行不会填进去。",
    },
    example: "Sheet 模板, cell A3: {{#each indicator}} (the list is `indicators`)\n工作表“模板”单元格 A3：{{#each indicator}}（列表名应为 `indicators`）",
    fix: Doc {
        en: "Use a list named in the help, e.g. `{{#each indicators}}`.",
        zh: "使用提示中列出的列表，如 `{{#each indicators}}`。",
    },
};

pub const BAD_REPEAT_ROW: Rule = Rule {
    code: "K1104",
    name: "bad-repeat-row",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "A row repeats two lists, or has `{{/each}}`", zh: "一行重复两个列表，或使用了 `{{/each}}`" },
    what: Doc {
        en: "Finds a row with two different `{{#each}}` lists, and any `{{/each}}`: a repeat always covers exactly the row its `{{#each}}` is in, so there is no closing tag.",
        zh: "查找同时有两个不同 `{{#each}}` 列表的行，以及任何 `{{/each}}`：重复范围就是 `{{#each}}` 所在的一行，没有结束标记。",
    },
    why: Doc {
        en: "A row can be copied once per item of one list only; a template written for block repeats would not produce the layout its author expects.",
        zh: "一行只能按一个列表的项目逐项复制；按块重复方式写的模板得不到作者期望的版式。",
    },
    example: "Sheet 模板, row 2: A2 {{#each indicators}}, D2 {{#each funds}}\n工作表“模板”第 2 行：A2 {{#each indicators}}，D2 {{#each funds}}",
    fix: Doc {
        en: "Put each `{{#each}}` in a row of its own and remove `{{/each}}`.",
        zh: "每个 `{{#each}}` 各占一行，并删除 `{{/each}}`。",
    },
};

pub const MALFORMED_PLACEHOLDER: Rule = Rule {
    code: "K1105",
    name: "malformed-placeholder",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "Unclosed or empty placeholder", zh: "占位符未闭合或为空" },
    what: Doc {
        en: "Finds a `{{` without its `}}` in a template cell, and an empty placeholder `{{ }}`.",
        zh: "查找模板单元格中没有对应 `}}` 的 `{{`，以及空的占位符 `{{ }}`。",
    },
    why: Doc {
        en: "The cell's text cannot be split into text and placeholders, so kpi cannot tell what to write there.",
        zh: "无法把单元格文字拆分成文字和占位符，kpi 不知道此处该写什么。",
    },
    example: "Sheet 模板, cell A1: 项目名称：{{project.name\n工作表“模板”单元格 A1：项目名称：{{project.name",
    fix: Doc {
        en: "Close the placeholder (`{{project.name}}`) or write a name inside an empty one.",
        zh: "补全占位符（`{{project.name}}`），或在空占位符中写上名称。",
    },
};

pub const ITEM_OUTSIDE_REPEAT: Rule = Rule {
    code: "K1106",
    name: "item-outside-repeat",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "An item field outside its `{{#each}}` row", zh: "列表项字段不在其 `{{#each}}` 行中" },
    what: Doc {
        en: "Finds an item field of a list (`{{indicator.name}}`, `{{line.amount}}`) in a row that does not repeat that list.",
        zh: "查找不在对应列表重复行中的列表项字段（`{{indicator.name}}`、`{{line.amount}}`）。",
    },
    why: Doc {
        en: "An item field only has a value for one item of the list; outside its repeat row there is no item to take it from.",
        zh: "列表项字段只对列表中的某一项有值；不在重复行中就没有可取值的项目。",
    },
    example: "Sheet 模板, row 3 has no {{#each}}; cell D3: {{indicator.value}}\n工作表“模板”第 3 行没有 {{#each}}；单元格 D3：{{indicator.value}}",
    fix: Doc {
        en: "Put `{{#each indicators}}` (the list the field belongs to) in the first cell of that row.",
        zh: "在该行第一个单元格中写上字段所属的列表，如 `{{#each indicators}}`。",
    },
};

pub const NOT_A_WORKBOOK: Rule = Rule {
    code: "K1107",
    name: "not-a-workbook",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "Not a readable xlsx workbook", zh: "不是可读取的 xlsx 工作簿" },
    what: Doc {
        en: "Reported when a template (`kpi build --to xlsx --template`) or a workbook given to `kpi import` is not a zip file, is damaged, or its XML cannot be read. Readers run guarded: a malformed file gives this error, never a crash.",
        zh: "当模板（`kpi build --to xlsx --template`）或交给 `kpi import` 的工作簿不是 zip 文件、已损坏或其 XML 无法读取时报告。读取过程受保护：格式错误的文件只会得到此错误，不会导致崩溃。",
    },
    why: Doc {
        en: "Nothing can be read from the file: no template to fill, no form to import.",
        zh: "文件中什么也读不到：没有可填写的模板，也没有可导入的表。",
    },
    example: "A .xls (Excel 97) file, or an .xlsx file cut short by a failed download\n.xls（Excel 97）文件，或下载中断而不完整的 .xlsx 文件",
    fix: Doc {
        en: "Open the file in Excel, WPS or LibreOffice and save it again as .xlsx.",
        zh: "用 Excel、WPS 或 LibreOffice 打开该文件，另存为 .xlsx。",
    },
};

pub const NO_FORM_SHEET: Rule = Rule {
    code: "K1108",
    name: "no-form-sheet",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "The template has no form sheet", zh: "模板中没有表格工作表" },
    what: Doc {
        en: "Reported when no sheet of a template uses form placeholders (`{{project.…}}` or `{{department.…}}`), so no sheet is a template for either form.",
        zh: "当模板中没有任何工作表使用表格占位符（`{{project.…}}` 或 `{{department.…}}`）、因而没有一张工作表是项目表或部门表的模板时报告。",
    },
    why: Doc {
        en: "Without placeholders kpi does not know where any field goes: the output would be the template unchanged.",
        zh: "没有占位符，kpi 不知道各字段应写在哪里：输出会与模板完全相同。",
    },
    example: "A workbook whose only sheet is the official blank form, with no {{…}} in any cell\n只有一张官方空白表、任何单元格中都没有 {{…}} 的工作簿",
    fix: Doc {
        en: "Write placeholders into the cells to fill (`{{project.name}}`, `{{#each indicators}}` …), or start from the built-in template (docs/templates.md).",
        zh: "在需要填写的单元格中写上占位符（`{{project.name}}`、`{{#each indicators}}`……），或从内置模板开始修改（见 docs/templates.md）。",
    },
};

pub const WORKBOOK_TOO_BIG: Rule = Rule {
    code: "K1109",
    name: "workbook-too-big",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "The workbook or a sheet is too big", zh: "工作簿或工作表过大" },
    what: Doc {
        en: "Checks the limits: a template workbook over 20 MiB, over 100 MiB unzipped (counted while unzipping) or with over 2 000 zip entries; a template sheet with over 100 000 cells, a cell beyond row 10 000, or over 100 repeat rows. For `kpi import` the limits scale with the workbook, so that any workbook kpi wrote imports: up to 2 GiB, unzipping to at most 64 times its size (or 100 MiB), one zip entry per 64 bytes (or 2 000); a sheet with over 2 000 000 cells, 1 048 576 rows, 1 000 columns or 500 000 merged regions.",
        zh: "检查上限：模板工作簿超过 20 MiB、解压后超过 100 MiB（解压时计数）或 zip 条目超过 2000 个；模板工作表超过 100000 个单元格、用到第 10000 行以后或重复行超过 100 行。`kpi import` 的上限随工作簿大小而定，保证 kpi 生成的工作簿都能导入：文件不超过 2 GiB，解压后不超过其 64 倍（或 100 MiB），每 64 字节至多一个 zip 条目（或 2000 个）；工作表不超过 2000000 个单元格、1048576 行、1000 列或 500000 个合并区域。",
    },
    why: Doc {
        en: "A form is a few pages; a file far bigger is not a form (or is a zip bomb), and reading it would take the machine's memory and time.",
        zh: "一张绩效目标表只有几页；大得多的文件不是这种表（或是 zip 炸弹），读取它会耗尽内存和时间。",
    },
    example: "A template sheet with a cell at row 60 001, or a workbook that unzips to 1 GiB\n在第 60001 行有单元格的模板工作表，或解压后有 1 GiB 的工作簿",
    fix: Doc {
        en: "Keep only the form's rows on the sheet (delete the rows and columns below and beside it), or split the workbook.",
        zh: "工作表中只保留表格本身的行（删除其下方和右侧的行列），或拆分工作簿。",
    },
};

pub const FORM_KIND_UNCLEAR: Rule = Rule {
    code: "K1110",
    name: "form-kind-unclear",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "A template sheet's form is unclear", zh: "模板工作表对应的表格不明确" },
    what: Doc {
        en: "A template sheet is for the project form, the department form, the self-evaluation or the monitoring form, told by its placeholders. Reported when a sheet mixes project placeholders (`{{project.…}}`, `{{budget.…}}`, and those of self-evaluation and monitoring sheets) with department ones (`{{department.…}}`, `{{#each funds}}`), mixes self-evaluation placeholders (`{{indicator.actual}}`, `{{execution.executed}}`, `{{total_score}}` …) with monitoring ones (`{{indicator.midyear}}`, `{{execution.forecast}}` …), or uses only names common to all forms.",
        zh: "模板工作表通过占位符表明用于项目表、部门表、自评表还是监控表。当一张工作表同时使用项目表占位符（`{{project.…}}`、`{{budget.…}}` 以及自评表、监控表的占位符）和部门表占位符（`{{department.…}}`、`{{#each funds}}`），同时使用自评表占位符（`{{indicator.actual}}`、`{{execution.executed}}`、`{{total_score}}`……）和监控表占位符（`{{indicator.midyear}}`、`{{execution.forecast}}`……），或只使用各表共有的名称时报告。",
    },
    why: Doc {
        en: "Each sheet is filled from one form: kpi cannot fill a sheet from two, or guess which one is meant.",
        zh: "每张工作表只由一张表填写：kpi 无法用两张表填写同一张工作表，也无法猜测用哪一张。",
    },
    example: "Sheet 模板: B2 {{project.name}}, B20 {{department.name}}\n工作表“模板”：B2 {{project.name}}，B20 {{department.name}}",
    fix: Doc {
        en: "Use one sheet for each kind of form (project, department, self-evaluation, monitoring); add `{{project.name}}` or `{{department.name}}` to a sheet that says neither.",
        zh: "项目表、部门表、自评表和监控表各用一个工作表；未表明用途的工作表请加入 `{{project.name}}` 或 `{{department.name}}`。",
    },
};

pub const WRITE_FAILED: Rule = Rule {
    code: "K1111",
    name: "write-failed",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "The workbook could not be written", zh: "无法生成工作簿" },
    what: Doc {
        en: "Reported when filling a checked template or writing the xlsx file fails inside kpi.",
        zh: "当填写已通过检查的模板或写出 xlsx 文件时在 kpi 内部失败时报告。",
    },
    why: Doc {
        en: "A template that passes the checks should always give a workbook: this is a bug in kpi.",
        zh: "通过检查的模板应当总能生成工作簿：这是 kpi 的缺陷。",
    },
    example: "A template that passes every check above, but whose output the xlsx writer rejects\n通过上述所有检查、但输出被 xlsx 写入器拒绝的模板",
    fix: Doc {
        en: "Report it with the template and the .kpi files; meanwhile try the built-in template.",
        zh: "请附上模板和 .kpi 文件报告此问题；在此期间可先使用内置模板。",
    },
};

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[
    &UNKNOWN_PLACEHOLDER,
    &BAD_FILTER,
    &UNKNOWN_LIST,
    &BAD_REPEAT_ROW,
    &MALFORMED_PLACEHOLDER,
    &ITEM_OUTSIDE_REPEAT,
    &NOT_A_WORKBOOK,
    &NO_FORM_SHEET,
    &WORKBOOK_TOO_BIG,
    &FORM_KIND_UNCLEAR,
    &WRITE_FAILED,
];

// ── The findings of these rules: what each says, from the values it is about ──

/// A finding about a template cell: its message starts with the sheet and cell
/// (`项目支出绩效目标表!B7: …`), and it is located there.
pub fn at_cell(finding: &impl Finding, sheet: &str, cell: &str) -> Diagnostic {
    let m = finding.message();
    let location = Location::Cell {
        workbook: String::new(),
        sheet: sheet.to_string(),
        cell: cell.to_string(),
    };
    let mut d = finding.at_location(location);
    d.message = Text::new(
        format!("{sheet}!{cell}: {}", m.en),
        format!("{sheet}!{cell}：{}", m.zh),
    );
    d
}

/// K1101's finding: a placeholder name the form does not have; `known` lists those it has.
pub struct UnknownPlaceholder<'a> {
    pub name: &'a str,
    pub known: String,
}

impl Finding for UnknownPlaceholder<'_> {
    const RULE: &'static Rule = &UNKNOWN_PLACEHOLDER;

    fn message(&self) -> Text {
        let name = self.name;
        Text::new(
            format!("unknown placeholder {{{{{name}}}}}"),
            format!("未知占位符 {{{{{name}}}}}"),
        )
    }

    fn help(&self) -> Text {
        let known = &self.known;
        Text::new(
            format!("placeholders of this form: {known}"),
            format!("此表可用的占位符：{known}"),
        )
    }
}

/// K1102's findings: `|merge` outside a repeat row, or a filter kpi does not have.
pub enum BadFilter<'a> {
    MergeOutsideRepeat { name: &'a str },
    Unknown { filter: &'a str, text: &'a str },
}

impl Finding for BadFilter<'_> {
    const RULE: &'static Rule = &BAD_FILTER;

    fn message(&self) -> Text {
        match self {
            BadFilter::MergeOutsideRepeat { name } => Text::new(
                format!("{{{{{name}|merge}}}} merges equal cells of a repeat row, but this row does not repeat"),
                format!("{{{{{name}|merge}}}} 只用于合并重复行中相同的单元格，而本行不是重复行"),
            ),
            BadFilter::Unknown { filter, text } => Text::new(
                format!("unknown filter |{filter} in {text:?}"),
                format!("{text:?} 中的过滤器 |{filter} 未知"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            BadFilter::MergeOutsideRepeat { .. } => Text::new(
                "remove |merge, or use it in a {{#each}} row",
                "删除 |merge，或在 {{#each}} 行中使用",
            ),
            BadFilter::Unknown { .. } => {
                Text::new("the only filter is |merge", "唯一的过滤器是 |merge")
            }
        }
    }
}

/// K1103's finding: `{{#each list}}` names a list the form does not have; `known` lists those
/// it has, in English and Chinese punctuation.
pub struct UnknownList<'a> {
    pub list: &'a str,
    pub known: Vec<&'a str>,
}

impl Finding for UnknownList<'_> {
    const RULE: &'static Rule = &UNKNOWN_LIST;

    fn message(&self) -> Text {
        let list = self.list;
        Text::new(
            format!("unknown list in {{{{#each {list}}}}}"),
            format!("{{{{#each {list}}}}} 中的列表未知"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            format!("lists of this form: {}", self.known.join(", ")),
            format!("此表可用的列表：{}", self.known.join("、")),
        )
    }
}

/// K1104's findings: one row that repeats two lists, or a `{{/each}}` (a repeat is one row).
pub enum BadRepeatRow<'a> {
    TwoLists {
        row: u32,
        first: &'a str,
        second: &'a str,
    },
    ClosingEach {
        text: &'a str,
    },
}

impl Finding for BadRepeatRow<'_> {
    const RULE: &'static Rule = &BAD_REPEAT_ROW;

    fn message(&self) -> Text {
        match self {
            BadRepeatRow::TwoLists { row, first, second } => Text::new(
                format!("row {row} repeats both {first} and {second}"),
                format!("第 {row} 行同时重复 {first} 和 {second}"),
            ),
            BadRepeatRow::ClosingEach { text } => Text::new(
                format!("{{{{/each}}}} in {text:?}: a repeat covers exactly the row its {{{{#each}}}} is in"),
                format!("{text:?} 中有 {{{{/each}}}}：重复范围就是 {{{{#each}}}} 所在的一行"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            BadRepeatRow::TwoLists { .. } => Text::new(
                "a row repeats one list: put each {{#each}} in its own row",
                "一行只能重复一个列表：每个 {{#each}} 各占一行",
            ),
            BadRepeatRow::ClosingEach { .. } => Text::new("remove {{/each}}", "删除 {{/each}}"),
        }
    }
}

/// K1105's findings: a `{{` never closed, or an empty `{{}}`, in a cell's text.
pub enum MalformedPlaceholder<'a> {
    Unclosed { text: &'a str },
    Empty { text: &'a str },
}

impl Finding for MalformedPlaceholder<'_> {
    const RULE: &'static Rule = &MALFORMED_PLACEHOLDER;

    fn message(&self) -> Text {
        match self {
            MalformedPlaceholder::Unclosed { text } => Text::new(
                format!("`{{{{` without `}}}}` in {text:?}"),
                format!("{text:?} 中的 `{{{{` 没有对应的 `}}}}`"),
            ),
            MalformedPlaceholder::Empty { text } => Text::new(
                format!("empty placeholder in {text:?}"),
                format!("{text:?} 中有空的占位符"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            MalformedPlaceholder::Unclosed { .. } => Text::new(
                "close the placeholder: {{project.name}}",
                "补全占位符：{{project.name}}",
            ),
            MalformedPlaceholder::Empty { .. } => Text::new(
                "write a name: {{project.name}}, {{#each indicators}}",
                "写上名称：{{project.name}}、{{#each indicators}}",
            ),
        }
    }
}

/// K1106's finding: a list item's placeholder outside its list's repeat row.
pub struct ItemOutsideRepeat<'a> {
    pub name: &'a str,
    pub list: &'a str,
}

impl Finding for ItemOutsideRepeat<'_> {
    const RULE: &'static Rule = &ITEM_OUTSIDE_REPEAT;

    fn message(&self) -> Text {
        let (name, list) = (self.name, self.list);
        Text::new(
            format!("{{{{{name}}}}} is used outside a {{{{#each {list}}}}} row"),
            format!("{{{{{name}}}}} 不在 {{{{#each {list}}}}} 行中"),
        )
    }

    fn help(&self) -> Text {
        let list = self.list;
        Text::new(
            format!("put {{{{#each {list}}}}} in the first cell of this row"),
            format!("在本行第一个单元格中写 {{{{#each {list}}}}}"),
        )
    }
}

/// K1107's finding: a file that is not an xlsx workbook, and why (in English and Chinese).
pub struct NotAWorkbook(pub Text);

impl Finding for NotAWorkbook {
    const RULE: &'static Rule = &NOT_A_WORKBOOK;

    fn message(&self) -> Text {
        self.0.clone()
    }

    fn help(&self) -> Text {
        Text::new(
            "give an .xlsx workbook saved by Excel, WPS or LibreOffice",
            "请提供由 Excel、WPS 或 LibreOffice 保存的 .xlsx 工作簿",
        )
    }
}

/// K1108's finding: a template with no form sheet.
pub struct NoFormSheet;

impl Finding for NoFormSheet {
    const RULE: &'static Rule = &NO_FORM_SHEET;

    fn message(&self) -> Text {
        Text::new(
            "the template has no form sheet: no sheet uses {{project.…}} or {{department.…}} placeholders",
            "模板中没有表格工作表：没有工作表使用 {{project.…}} 或 {{department.…}} 占位符",
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "start from the built-in template (docs/templates.md) and keep its placeholders",
            "可从内置模板开始修改（见 docs/templates.md），保留其中的占位符",
        )
    }
}

/// K1109's findings: a workbook or template sheet past the limits kpi reads.
pub enum WorkbookTooBig<'a> {
    /// The zip: `what` says which limit, `limits` are the file, unzipped (MiB) and entry
    /// limits.
    Workbook {
        what: &'a str,
        limits: (usize, usize, usize),
    },
    /// A template sheet with more cells than a template may have.
    Cells {
        sheet: &'a str,
        cells: usize,
        max: usize,
    },
    /// A template sheet that uses a row past the rows a template may have.
    Row { sheet: &'a str, row: u32, max: u32 },
    /// A template sheet with too many repeat rows.
    RepeatRows { sheet: &'a str, max: usize },
    /// A sheet `kpi import` reads that is too big to be a form: `what` says which limit,
    /// `limits` are the cells, rows, columns and merged regions a form sheet may have.
    Sheet {
        sheet: &'a str,
        what: &'a str,
        limits: (usize, u32, u32, usize),
    },
}

impl Finding for WorkbookTooBig<'_> {
    const RULE: &'static Rule = &WORKBOOK_TOO_BIG;

    fn message(&self) -> Text {
        match self {
            WorkbookTooBig::Workbook { what, .. } => Text::new(
                format!("the workbook is too big ({what})"),
                format!("工作簿过大（{what}）"),
            ),
            WorkbookTooBig::Cells { sheet, cells, max } => Text::new(
                format!("template sheet {sheet} has {cells} cells, more than the {max} a template may have"),
                format!("模板工作表 {sheet} 有 {cells} 个单元格，超过模板上限 {max}"),
            ),
            WorkbookTooBig::Row { sheet, row, max } => Text::new(
                format!("template sheet {sheet} uses row {row}, beyond the {max} rows a template may have"),
                format!("模板工作表 {sheet} 用到第 {row} 行，超过模板上限 {max} 行"),
            ),
            WorkbookTooBig::RepeatRows { sheet, max } => Text::new(
                format!("template sheet {sheet} has more than {max} repeat rows"),
                format!("模板工作表 {sheet} 的重复行超过 {max} 行"),
            ),
            WorkbookTooBig::Sheet { sheet, what, .. } => Text::new(
                format!("sheet {sheet} is too big to be a form ({what})"),
                format!("工作表 {sheet} 过大，不像绩效目标表（{what}）"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            WorkbookTooBig::Workbook {
                limits: (file, unzipped, entries),
                ..
            } => Text::new(
                format!("a workbook may have at most {file} MiB, {unzipped} MiB unzipped and {entries} entries"),
                format!("工作簿上限：{file} MiB，解压后 {unzipped} MiB，{entries} 个条目"),
            ),
            WorkbookTooBig::Cells { .. } | WorkbookTooBig::Row { .. } => Text::new(
                "a template is a form's layout: keep it to the form's rows",
                "模板只需表格本身的行",
            ),
            WorkbookTooBig::RepeatRows { .. } => Text::new(
                "a form needs one repeat row per list",
                "每个列表只需一行重复行",
            ),
            WorkbookTooBig::Sheet {
                limits: (cells, rows, cols, merges),
                ..
            } => Text::new(
                format!("a form sheet may have at most {cells} cells, {rows} rows, {cols} columns and {merges} merged regions"),
                format!("表格工作表上限：{cells} 个单元格、{rows} 行、{cols} 列、{merges} 个合并区域"),
            ),
        }
    }
}

/// K1110's findings: a template sheet whose placeholders do not say which one form it is for.
pub enum FormKindUnclear<'a> {
    /// Self-evaluation and monitoring placeholders on one sheet.
    AssessedAndMonitoring { sheet: &'a str },
    /// Project and department placeholders on one sheet.
    ProjectAndDepartment { sheet: &'a str },
    /// Placeholders, but none that names a kind of form.
    NoKind { sheet: &'a str },
}

impl Finding for FormKindUnclear<'_> {
    const RULE: &'static Rule = &FORM_KIND_UNCLEAR;

    fn message(&self) -> Text {
        match self {
            FormKindUnclear::AssessedAndMonitoring { sheet } => Text::new(
                format!("template sheet {sheet} mixes self-evaluation placeholders ({{{{indicator.actual}}}}, {{{{indicator.score}}}}, {{{{execution.executed}}}} …) with monitoring ones ({{{{indicator.midyear}}}}, {{{{indicator.forecast}}}}, {{{{execution.midyear}}}} …)"),
                format!("模板工作表 {sheet} 同时使用了自评表占位符（{{{{indicator.actual}}}}、{{{{indicator.score}}}}、{{{{execution.executed}}}}……）和监控表占位符（{{{{indicator.midyear}}}}、{{{{indicator.forecast}}}}、{{{{execution.midyear}}}}……）"),
            ),
            FormKindUnclear::ProjectAndDepartment { sheet } => Text::new(
                format!("template sheet {sheet} mixes project placeholders ({{{{project.…}}}}, {{{{budget.…}}}}) with department ones ({{{{department.…}}}}, {{{{#each funds}}}})"),
                format!("模板工作表 {sheet} 同时使用了项目表占位符（{{{{project.…}}}}、{{{{budget.…}}}}）和部门表占位符（{{{{department.…}}}}、{{{{#each funds}}}}）"),
            ),
            FormKindUnclear::NoKind { sheet } => Text::new(
                format!("template sheet {sheet} does not say which form it is for: it uses no {{{{project.…}}}} or {{{{department.…}}}} placeholder"),
                format!("模板工作表 {sheet} 未表明用于哪种表：没有 {{{{project.…}}}} 或 {{{{department.…}}}} 占位符"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            FormKindUnclear::AssessedAndMonitoring { .. } => Text::new(
                "use one sheet for the self-evaluation form and another for the monitoring form",
                "自评表和监控表请分别放在两个工作表中",
            ),
            FormKindUnclear::ProjectAndDepartment { .. } => Text::new(
                "use one sheet for the project form and another for the department form",
                "项目表和部门表请分别放在两个工作表中",
            ),
            FormKindUnclear::NoKind { .. } => Text::new(
                "add {{project.name}} or {{department.name}} to the sheet",
                "在表中加入 {{project.name}} 或 {{department.name}}",
            ),
        }
    }
}

/// K1111's finding: the workbook could not be written (the writer's error).
pub struct WriteFailed(pub String);

impl Finding for WriteFailed {
    const RULE: &'static Rule = &WRITE_FAILED;

    fn message(&self) -> Text {
        let e = &self.0;
        Text::new(
            format!("the workbook could not be written: {e}"),
            format!("无法生成工作簿：{e}"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "this is a bug in kpi; please report it with the template",
            "这是 kpi 的缺陷，请附上模板报告",
        )
    }
}
