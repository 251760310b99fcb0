//! Rule documentation: the docs of the codes that lowering reports (K01 syntax, K02 units),
//! `kpi explain`, and the generated `docs/rules.md`. The workbook codes (K11, K12) are in
//! `xlsx_docs.rs`.

use super::{family_of, rules, Doc, Rule, FAMILIES};
use crate::diag::{Lang, Severity};

/// K01 — syntax (语法), reported by `src/syntax/` and `src/lower.rs`.
pub(super) const SYNTAX: &[Rule] = &[
    Rule {
        code: "K0101",
        name: "unexpected-token",
        severity: Severity::Error,
        title: Doc { en: "Something else was expected here", zh: "此处应为其他内容" },
        what: Doc {
            en: "The statement does not parse: the parser names what it expected (a keyword, a text in quotes, a number, `;`) and what it found.",
            zh: "语句无法解析：提示会说明此处应为什么（关键字、带引号的文字、数字、`;`）以及实际写了什么。",
        },
        why: Doc {
            en: "A statement that does not parse is not read at all; the form loses that row.",
            zh: "无法解析的语句完全不会被读取，表单会缺少这一行。",
        },
        example: "project \"科技专项\" {\n  output quantity 科技项目实施 >= 23个;\n}",
        fix: Doc {
            en: "Write what the message expects; Chinese text goes in quotes: `\"科技项目实施\"`.",
            zh: "按提示改写；中文文字要加引号：`\"科技项目实施\"`。",
        },
    },
    Rule {
        code: "K0102",
        name: "unclosed-text",
        severity: Severity::Error,
        title: Doc { en: "A text's closing quote is missing", zh: "文字缺少结束引号" },
        what: Doc {
            en: "Finds a quoted text that never ends, or that runs over several statements.",
            zh: "查找没有结束的引号文字，或跨越多条语句的文字。",
        },
        why: Doc {
            en: "Everything after the opening quote is read as part of the text: the following rows disappear.",
            zh: "开引号之后的内容都会被当作文字，后面的行因此丢失。",
        },
        example: "project \"科技专项 {\n  budget 1238.68万元;\n}",
        fix: Doc { en: "Add the closing quote where the text ends.", zh: "在文字结束处补上引号。" },
    },
    Rule {
        code: "K0103",
        name: "invalid-number",
        severity: Severity::Error,
        title: Doc { en: "Not a valid number", zh: "不是有效的数字" },
        what: Doc {
            en: "Finds numbers with two decimal points (`12.34.5`), separators in the wrong places (`1,23`), or more than 28 significant digits. Thousands separators (`1,238.68`), full-width digits (`１２３`) and a trailing point (`100.`) are read as filers mean them, and `kpi fmt` rewrites them.",
            zh: "查找有两个小数点（`12.34.5`）、分隔符位置不对（`1,23`）或超过 28 位有效数字的数。千分位逗号（`1,238.68`）、全角数字（`１２３`）和末尾小数点（`100.`）按填报人的本意读取，`kpi fmt` 会改写为规范写法。",
        },
        why: Doc {
            en: "Amounts are exact decimals; a number kpi cannot read exactly would change the money.",
            zh: "金额是精确小数；无法精确读取的数字会改变金额。",
        },
        example: "project \"科技专项\" {\n  budget 12.38.68万元;\n}",
        fix: Doc { en: "Write the number with one decimal point: `1238.68` (or `1,238.68`).", zh: "数字只用一个小数点：`1238.68`（或 `1,238.68`）。" },
    },
    Rule {
        code: "K0104",
        name: "full-width-punctuation",
        severity: Severity::Warning,
        title: Doc { en: "Full-width punctuation (Chinese input method)", zh: "全角标点（中文输入法）" },
        what: Doc {
            en: "Finds full-width `；｛｝＜＞` typed with a Chinese input method. They are accepted.",
            zh: "查找用中文输入法输入的全角 `；｛｝＜＞`。这些符号可以被接受。",
        },
        why: Doc {
            en: "They look like the ASCII ones but are different characters; other tools may not accept them.",
            zh: "它们看起来与半角符号相同，其实是不同的字符，其他工具可能不接受。",
        },
        example: "project \"科技专项\" ｛\n  budget 1238.68万元；\n｝",
        fix: Doc { en: "Type them in English mode, or run `kpi fmt`.", zh: "切换到英文标点输入，或运行 `kpi fmt`。" },
    },
    Rule {
        code: "K0105",
        name: "unclosed-comment",
        severity: Severity::Error,
        title: Doc { en: "A block comment is never closed", zh: "块注释没有结束" },
        what: Doc { en: "Finds a `/*` with no `*/` after it.", zh: "查找没有对应 `*/` 的 `/*`。" },
        why: Doc { en: "The rest of the file becomes a comment and is not read.", zh: "文件其余部分都成了注释，不会被读取。" },
        example: "/* 草稿\nproject \"科技专项\" { budget 1238.68万元; }",
        fix: Doc { en: "Close the comment with `*/`.", zh: "用 `*/` 结束注释。" },
    },
    Rule {
        code: "K0106",
        name: "unknown-keyword",
        severity: Severity::Error,
        title: Doc { en: "Unknown keyword, or a statement in the wrong kind of form", zh: "无法识别的关键字，或语句写在了错误的表中" },
        what: Doc {
            en: "Finds words that are not keywords where a keyword is expected, and statements that belong to the other kind of form (`funds` in a project form, `budget` in a department form).",
            zh: "查找应为关键字处写的非关键字，以及属于另一类表的语句（项目表中的资金表、部门表中的年度资金总额）。",
        },
        why: Doc { en: "kpi cannot tell what the row means, so it is not read.", zh: "kpi 无法判断该行的含义，因此不会读取。" },
        example: "project \"科技专项\" {\n  预算金额 1238.68万元;\n}",
        fix: Doc { en: "Use a keyword from docs/language.md (the message suggests the closest).", zh: "使用 docs/language.md 中的关键字（提示会给出最接近的）。" },
    },
    Rule {
        code: "K0107",
        name: "stray-close",
        severity: Severity::Error,
        title: Doc { en: "A `}` closes nothing", zh: "多余的 `}`" },
        what: Doc { en: "Finds a closing brace with no opening brace.", zh: "查找没有对应 `{` 的 `}`。" },
        why: Doc { en: "The form's structure is unclear: rows may be read in the wrong form.", zh: "表单结构不清，行可能被读进错误的表。" },
        example: "project \"科技专项\" {\n  budget 1238.68万元;\n}\n}",
        fix: Doc { en: "Remove it, or add the `{` it was meant to close.", zh: "删去它，或补上对应的 `{`。" },
    },
    Rule {
        code: "K0108",
        name: "missing-semicolon",
        severity: Severity::Error,
        title: Doc { en: "A statement has no `;`", zh: "语句缺少分号" },
        what: Doc { en: "Finds a statement that ends at a line break without `;`.", zh: "查找在换行处结束却没有 `;` 的语句。" },
        why: Doc { en: "Two rows run together and neither is read correctly.", zh: "两行连在一起，都无法正确读取。" },
        example: "project \"科技专项\" {\n  budget 1238.68万元\n  period 2023;\n}",
        fix: Doc { en: "End every statement with `;`.", zh: "每条语句以 `;` 结尾。" },
    },
    Rule {
        code: "K0109",
        name: "misplaced-character",
        severity: Severity::Error,
        title: Doc { en: "This character cannot stand here", zh: "此处不能使用该字符" },
        what: Doc {
            en: "Finds punctuation the language does not use where it stands: a colon after a keyword, `【】` or `[]` for blocks, single quotes for texts.",
            zh: "查找语言在该处不使用的标点：关键字后的冒号、用 `【】` 或 `[]` 作块、用单引号括文字。",
        },
        why: Doc { en: "The statement does not parse and is not read.", zh: "语句无法解析，不会被读取。" },
        example: "project \"科技专项\" {\n  budget: 1238.68万元;\n}",
        fix: Doc { en: "Follow the help: drop the colon, use `{ }` and `\"…\"`.", zh: "按提示修改：去掉冒号，使用 `{ }` 和 `\"…\"`。" },
    },
    Rule {
        code: "K0110",
        name: "unclosed-block",
        severity: Severity::Error,
        title: Doc { en: "The file ends inside a block", zh: "文件在块内结束" },
        what: Doc { en: "Finds a `{` with no `}` before the end of the file.", zh: "查找到文件末尾仍未关闭的 `{`。" },
        why: Doc { en: "The last form is incomplete and is not read.", zh: "最后一份表不完整，不会被读取。" },
        example: "project \"科技专项\" {\n  budget 1238.68万元;",
        fix: Doc { en: "Close every `{` with a `}`.", zh: "每个 `{` 都要有对应的 `}`。" },
    },
    Rule {
        code: "K0111",
        name: "field-given-twice",
        severity: Severity::Error,
        title: Doc { en: "A field is given twice in one form", zh: "同一字段在表中出现两次" },
        what: Doc {
            en: "Finds header fields (name, budget, period, a budget source, filing data …) written twice in one form.",
            zh: "查找同一表中写了两次的表头字段（名称、预算、项目期、某资金来源、填报信息等）。",
        },
        why: Doc { en: "The form has one cell for it; kpi cannot know which value is meant.", zh: "表单中该项只有一个单元格，kpi 无法判断以哪个为准。" },
        example: "project \"科技专项\" {\n  period 2023;\n  period 365天;\n}",
        fix: Doc { en: "Keep one.", zh: "只保留一条。" },
    },
    Rule {
        code: "K0112",
        name: "legacy-encoding",
        severity: Severity::Warning,
        title: Doc { en: "The file is saved in GB18030/GBK, not UTF-8", zh: "文件以 GB18030/GBK 保存，而非 UTF-8" },
        what: Doc {
            en: "Finds `.kpi` files that are not UTF-8 but read as GB18030 (which includes GBK and GB2312): what Notepad and WPS save on Chinese Windows. kpi reads them correctly.",
            zh: "查找不是 UTF-8、但可按 GB18030（含 GBK、GB2312）读取的 `.kpi` 文件，即中文 Windows 上记事本和 WPS 保存的格式。kpi 能正确读取。",
        },
        why: Doc {
            en: "Other tools (git diffs, web review, editors set to UTF-8) show such a file as garbled text; one encoding for every file avoids it.",
            zh: "其他工具（git 差异、网页审阅、设为 UTF-8 的编辑器）会把此类文件显示为乱码；所有文件统一编码即可避免。",
        },
        example: "(a file saved as ANSI/GBK by Notepad)",
        fix: Doc { en: "Run `kpi fmt FILE`: it re-saves the file as UTF-8.", zh: "运行 `kpi fmt 文件`：会将其另存为 UTF-8。" },
    },
];

/// K02 — units and types (单位与类型), reported by `src/lower.rs`.
pub(super) const UNITS: &[Rule] = &[
    Rule {
        code: "K0201",
        name: "unknown-unit",
        severity: Severity::Warning,
        title: Doc { en: "Unknown unit", zh: "无法识别的单位" },
        what: Doc {
            en: "Finds units kpi does not know (see docs/language.md for the list: money, percent, time, counts, area, length, mass, volume, energy, ratios, and `a/b` compounds; Latin units in any case). The value is kept with the unit as written, so nothing is lost and `kpi build` still runs; only its fit to the category is not judged. `kpi.toml` `[units]` declares a unit's dimension and conversion.",
            zh: "查找 kpi 不认识的单位（列表见 docs/language.md：金额、百分比、时间、计数、面积、长度、质量、体积、电力、倍数及 `a/b` 复合单位；拉丁字母单位不区分大小写）。该值连同原样单位保留，不丢失内容，`kpi build` 照常进行，只是不判断其是否符合类别。可在 `kpi.toml` 的 `[units]` 中声明单位的量纲和换算。",
        },
        why: Doc { en: "Without a known unit the value cannot be compared with others or type-checked.", zh: "单位不明，数值就无法与其他值比较或检查类型。" },
        example: "project \"科技专项\" {\n  output quantity \"科技项目实施\" >= 23个项;\n}",
        fix: Doc { en: "Use a known unit, or declare it in kpi.toml (`[units]` `\"标准箱\" = \"count\"`); put a space between a unit and the next word.", zh: "使用已知单位，或在 kpi.toml 中声明（`[units]` `\"标准箱\" = \"count\"`）；单位与后面的词之间加空格。" },
    },
    Rule {
        code: "K0202",
        name: "unit-does-not-fit-category",
        severity: Severity::Error,
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
    },
    Rule {
        code: "K0203",
        name: "level2-under-wrong-level1",
        severity: Severity::Error,
        title: Doc { en: "A level-2 category under the wrong level 1", zh: "二级指标放在了错误的一级指标下" },
        what: Doc {
            en: "Checks that each level 2 belongs to its level 1 (数量/质量/时效/成本 under 产出; 经济/社会/生态/可持续影响 under 效益; 服务对象/社会公众 under 满意度; 经济/社会/生态 under level-1 成本).",
            zh: "检查二级指标属于其一级指标（数量/质量/时效/成本属产出；经济/社会/生态/可持续影响属效益；服务对象/社会公众属满意度；经济/社会/生态属一级成本）。",
        },
        why: Doc { en: "The hierarchy is fixed by the guidance; a misplaced row is read into the wrong column of the official layout.", zh: "指标体系由文件规定；放错位置的行会被填进官方表格的错误栏目。" },
        example: "project \"科技专项\" {\n  satisfaction quantity \"项目数量\" >= 23个;\n}",
        fix: Doc { en: "Move the row under the level 1 the message names.", zh: "把该行移到提示所说的一级指标下。" },
    },
    Rule {
        code: "K0204",
        name: "amount-not-money",
        severity: Severity::Error,
        title: Doc { en: "An amount is not money", zh: "金额不是货币单位" },
        what: Doc {
            en: "Checks that budgets, funds lines and stated totals are written in money (元, 万元 …; `万` alone means 万元). A bare 0 is accepted.",
            zh: "检查年度资金总额、资金表各行和合计以货币单位书写（元、万元等；单写“万”即万元）。单独的 0 可以接受。",
        },
        why: Doc { en: "`1238.68` could be 元 or 万元; the amount cannot be added up.", zh: "`1238.68` 可能是元也可能是万元，无法相加。" },
        example: "project \"科技专项\" {\n  budget 1238.68;\n}",
        fix: Doc { en: "Write the unit: `1238.68万元`.", zh: "写明单位：`1238.68万元`。" },
    },
    Rule {
        code: "K0205",
        name: "impossible-date",
        severity: Severity::Error,
        title: Doc { en: "A date that does not exist", zh: "不存在的日期" },
        what: Doc {
            en: "Finds dates that are not on the calendar (2023-02-30, month 13, a year outside 1900–2999) and periods that end before they start.",
            zh: "查找日历上不存在的日期（如 2023-02-30、13 月、1900–2999 以外的年份）以及结束早于开始的期间。",
        },
        why: Doc { en: "The date cannot be used for monitoring or checked against the budget year.", zh: "该日期无法用于监控，也无法与预算年度核对。" },
        example: "project \"科技专项\" {\n  filed 2023-02-30;\n}",
        fix: Doc { en: "Correct the date.", zh: "更正日期。" },
    },
    Rule {
        code: "K0206",
        name: "not-a-period",
        severity: Severity::Error,
        title: Doc { en: "The project period is not a period", zh: "项目期不是期间" },
        what: Doc {
            en: "Checks that 项目期 is a year, a date range, a duration in time units, or a text.",
            zh: "检查项目期是年份、起止日期、以时间单位表示的时长或文字。",
        },
        why: Doc { en: "`项目期 3个` says nothing about when the project runs.", zh: "`项目期 3个` 说明不了项目何时实施。" },
        example: "project \"科技专项\" {\n  period 3个;\n}",
        fix: Doc { en: "Write a year (`2023`), a range (`2023-01..2023-12`) or a duration (`365天`).", zh: "写年份（`2023`）、起止日期（`2023-01..2023-12`）或时长（`365天`）。" },
    },
    Rule {
        code: "K0207",
        name: "excel-date-serial",
        severity: Severity::Warning,
        title: Doc { en: "A date written as an Excel date serial", zh: "日期写成了 Excel 日期序号" },
        what: Doc {
            en: "Finds five-digit numbers where a date belongs — the filing date, the project period, a timeliness (时效) value — that are Excel date serials of a day in 2000–2099 (`45291` = 2023-12-31). kpi reads them as the date they encode and says which.",
            zh: "查找应为日期处（填报日期、项目期、时效指标值）出现的五位数，即 2000–2099 年某日的 Excel 日期序号（`45291` = 2023-12-31）。kpi 按其表示的日期读取，并指出是哪一天。",
        },
        why: Doc { en: "A date cell copied from Excel without its format shows a serial number; a reviewer reading `45291` cannot tell the deadline.", zh: "从 Excel 复制的日期单元格丢了格式就会变成序号；审核人看到 `45291` 无法知道期限。" },
        example: "project \"科技专项\" {\n  output timeliness \"项目完成时间\" ≤45291;\n}",
        fix: Doc { en: "Write the date itself (`≤2023-12-31`); `kpi fmt` rewrites it.", zh: "直接写日期（`≤2023-12-31`）；`kpi fmt` 会自动改写。" },
    },
];

fn heading(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::En => [
            "What it checks",
            "Why it matters",
            "Example",
            "How to fix",
            "Default severity",
        ],
        Lang::Zh => ["检查内容", "为什么重要", "示例", "如何修改", "默认级别"],
    }
}

/// `kpi explain CODE`: the rule's doc as plain text.
pub fn explain(rule: &Rule, lang: Lang) -> String {
    let h = heading(lang);
    let family = family_of(rule.code).map(|f| f.name.get(lang)).unwrap_or("");
    let example: String = rule.example.lines().map(|l| format!("    {l}\n")).collect();
    format!(
        "{code} {name} — {title}\n{family} · {sev_h}: {sev}\n\n{h0}\n  {what}\n\n{h1}\n  {why}\n\n{h2}\n{example}\n{h3}\n  {fix}\n",
        code = rule.code,
        name = rule.name,
        title = rule.title.get(lang),
        sev_h = h[4],
        sev = rule.severity.word(lang),
        h0 = h[0],
        what = rule.what.get(lang),
        h1 = h[1],
        why = rule.why.get(lang),
        h2 = h[2],
        h3 = h[3],
        fix = rule.fix.get(lang),
    )
}

/// `docs/rules.md`: every rule in both languages, generated (`kpi explain --all --markdown`).
pub fn rules_markdown() -> String {
    let mut out = String::new();
    out.push_str("# Rules reference · 规则说明\n\n");
    out.push_str("<!-- Generated by `kpi explain --all --markdown`; do not edit by hand. A test fails when this file drifts. -->\n\n");
    out.push_str("Every diagnostic of kpi has a code. Families: ");
    let fams: Vec<String> = FAMILIES
        .iter()
        .map(|f| format!("{}xx {} ({})", f.prefix, f.name.en, f.name.zh))
        .collect();
    out.push_str(&fams.join(", "));
    out.push_str(".\n\nK01–K10 are the findings of `kpi check`. ");
    let workbook: Vec<String> = FAMILIES
        .iter()
        .filter(|f| f.workbook)
        .map(|f| format!("{}xx", f.prefix))
        .collect();
    out.push_str(&format!(
        "{} are about xlsx workbooks: they are reported by `kpi build --to xlsx` and `kpi import` (see docs/templates.md), always as errors, and their examples describe a template cell or a workbook rather than `.kpi` text.",
        workbook.join(" and ")
    ));
    out.push_str("\n\nSeverity policy: a definite contradiction (numbers that do not add up, a cost above the budget) is an **error**; something suspicious is a **warning**; an incomplete draft is a **warning**, so drafts still compile. For the findings of `kpi check`, `kpi.toml` `[rules]` changes a rule's level (`allow`, `warn`, `error`); `// kpi: allow CODE -- reason` on the line before a finding, or at the end of its line, suppresses it there.\n\n");
    out.push_str("| code | name | default | summary |\n|---|---|---|---|\n");
    for r in rules() {
        out.push_str(&format!(
            "| [{c}](#{lc}) | `{n}` | {s} | {t} · {z} |\n",
            c = r.code,
            lc = r.code.to_ascii_lowercase(),
            n = r.name,
            s = r.severity.word(Lang::En),
            t = r.title.en,
            z = r.title.zh
        ));
    }
    for fam in FAMILIES {
        out.push_str(&format!(
            "\n## {}xx — {} · {}\n",
            fam.prefix, fam.name.en, fam.name.zh
        ));
        for r in rules()
            .into_iter()
            .filter(|r| r.code.starts_with(fam.prefix))
        {
            out.push_str(&format!(
                "\n### {}\n\n`{}` · default: {} · 默认：{}\n\n",
                r.code,
                r.name,
                r.severity.word(Lang::En),
                r.severity.word(Lang::Zh)
            ));
            out.push_str(&format!("**{}** · **{}**\n\n", r.title.en, r.title.zh));
            for (lang, label) in [(Lang::En, "English"), (Lang::Zh, "中文")] {
                let h = heading(lang);
                out.push_str(&format!("*{label}*\n\n"));
                out.push_str(&format!("- **{}**: {}\n", h[0], r.what.get(lang)));
                out.push_str(&format!("- **{}**: {}\n", h[1], r.why.get(lang)));
                out.push_str(&format!("- **{}**: {}\n\n", h[3], r.fix.get(lang)));
            }
            let lang = if fam.workbook { "text" } else { "kpi" };
            out.push_str(&format!("```{lang}\n{}\n```\n", r.example));
        }
    }
    out
}
