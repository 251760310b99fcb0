//! The syntax rules (K01xx, 语法): codes, severities and docs of what the parser reports
//! (`errors.rs`), and of what lowering and loading report about the text itself.

use crate::diag::{Doc, Rule, Severity};

pub const UNEXPECTED_TOKEN: Rule = Rule {
    code: "K0101",
    name: "unexpected-token",
    severity: Severity::Error,
    loses_data: true,
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
};

pub const UNCLOSED_TEXT: Rule = Rule {
    code: "K0102",
    name: "unclosed-text",
    severity: Severity::Error,
    loses_data: true,
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
};

pub const INVALID_NUMBER: Rule = Rule {
    code: "K0103",
    name: "invalid-number",
    severity: Severity::Error,
    loses_data: true,
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
};

pub const FULL_WIDTH_PUNCTUATION: Rule = Rule {
    code: "K0104",
    name: "full-width-punctuation",
    severity: Severity::Warning,
    loses_data: false,
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
};

pub const UNCLOSED_COMMENT: Rule = Rule {
    code: "K0105",
    name: "unclosed-comment",
    severity: Severity::Error,
    loses_data: true,
    title: Doc {
        en: "A block comment is never closed",
        zh: "块注释没有结束",
    },
    what: Doc {
        en: "Finds a `/*` with no `*/` after it.",
        zh: "查找没有对应 `*/` 的 `/*`。",
    },
    why: Doc {
        en: "The rest of the file becomes a comment and is not read.",
        zh: "文件其余部分都成了注释，不会被读取。",
    },
    example: "/* 草稿\nproject \"科技专项\" { budget 1238.68万元; }",
    fix: Doc {
        en: "Close the comment with `*/`.",
        zh: "用 `*/` 结束注释。",
    },
};

pub const UNKNOWN_KEYWORD: Rule = Rule {
    code: "K0106",
    name: "unknown-keyword",
    severity: Severity::Error,
    loses_data: true,
    title: Doc { en: "Unknown keyword, or a statement in the wrong kind of form", zh: "无法识别的关键字，或语句写在了错误的表中" },
    what: Doc {
        en: "Finds words that are not keywords where a keyword is expected, and statements that belong to the other kind of form (`funds` in a project form, `budget` in a department form).",
        zh: "查找应为关键字处写的非关键字，以及属于另一类表的语句（项目表中的资金表、部门表中的年度资金总额）。",
    },
    why: Doc { en: "kpi cannot tell what the row means, so it is not read.", zh: "kpi 无法判断该行的含义，因此不会读取。" },
    example: "project \"科技专项\" {\n  预算金额 1238.68万元;\n}",
    fix: Doc { en: "Use a keyword from docs/language.md (the message suggests the closest).", zh: "使用 docs/language.md 中的关键字（提示会给出最接近的）。" },
};

pub const STRAY_CLOSE: Rule = Rule {
    code: "K0107",
    name: "stray-close",
    severity: Severity::Error,
    loses_data: true,
    title: Doc {
        en: "A `}` closes nothing",
        zh: "多余的 `}`",
    },
    what: Doc {
        en: "Finds a closing brace with no opening brace.",
        zh: "查找没有对应 `{` 的 `}`。",
    },
    why: Doc {
        en: "The form's structure is unclear: rows may be read in the wrong form.",
        zh: "表单结构不清，行可能被读进错误的表。",
    },
    example: "project \"科技专项\" {\n  budget 1238.68万元;\n}\n}",
    fix: Doc {
        en: "Remove it, or add the `{` it was meant to close.",
        zh: "删去它，或补上对应的 `{`。",
    },
};

pub const MISSING_SEMICOLON: Rule = Rule {
    code: "K0108",
    name: "missing-semicolon",
    severity: Severity::Error,
    loses_data: true,
    title: Doc {
        en: "A statement has no `;`",
        zh: "语句缺少分号",
    },
    what: Doc {
        en: "Finds a statement that ends at a line break without `;`.",
        zh: "查找在换行处结束却没有 `;` 的语句。",
    },
    why: Doc {
        en: "Two rows run together and neither is read correctly.",
        zh: "两行连在一起，都无法正确读取。",
    },
    example: "project \"科技专项\" {\n  budget 1238.68万元\n  period 2023;\n}",
    fix: Doc {
        en: "End every statement with `;`.",
        zh: "每条语句以 `;` 结尾。",
    },
};

pub const MISPLACED_CHARACTER: Rule = Rule {
    code: "K0109",
    name: "misplaced-character",
    severity: Severity::Error,
    loses_data: true,
    title: Doc { en: "This character cannot stand here", zh: "此处不能使用该字符" },
    what: Doc {
        en: "Finds punctuation the language does not use where it stands: a colon after a keyword, `【】` or `[]` for blocks, single quotes for texts.",
        zh: "查找语言在该处不使用的标点：关键字后的冒号、用 `【】` 或 `[]` 作块、用单引号括文字。",
    },
    why: Doc { en: "The statement does not parse and is not read.", zh: "语句无法解析，不会被读取。" },
    example: "project \"科技专项\" {\n  budget: 1238.68万元;\n}",
    fix: Doc { en: "Follow the help: drop the colon, use `{ }` and `\"…\"`.", zh: "按提示修改：去掉冒号，使用 `{ }` 和 `\"…\"`。" },
};

pub const UNCLOSED_BLOCK: Rule = Rule {
    code: "K0110",
    name: "unclosed-block",
    severity: Severity::Error,
    loses_data: true,
    title: Doc {
        en: "The file ends inside a block",
        zh: "文件在块内结束",
    },
    what: Doc {
        en: "Finds a `{` with no `}` before the end of the file.",
        zh: "查找到文件末尾仍未关闭的 `{`。",
    },
    why: Doc {
        en: "The last form is incomplete and is not read.",
        zh: "最后一份表不完整，不会被读取。",
    },
    example: "project \"科技专项\" {\n  budget 1238.68万元;",
    fix: Doc {
        en: "Close every `{` with a `}`.",
        zh: "每个 `{` 都要有对应的 `}`。",
    },
};

pub const FIELD_GIVEN_TWICE: Rule = Rule {
    code: "K0111",
    name: "field-given-twice",
    severity: Severity::Error,
    loses_data: true,
    title: Doc { en: "A field is given twice in one form", zh: "同一字段在表中出现两次" },
    what: Doc {
        en: "Finds header fields (name, budget, period, a budget source, filing data …) written twice in one form.",
        zh: "查找同一表中写了两次的表头字段（名称、预算、项目期、某资金来源、填报信息等）。",
    },
    why: Doc { en: "The form has one cell for it; kpi cannot know which value is meant.", zh: "表单中该项只有一个单元格，kpi 无法判断以哪个为准。" },
    example: "project \"科技专项\" {\n  period 2023;\n  period 365天;\n}",
    fix: Doc { en: "Keep one.", zh: "只保留一条。" },
};

pub const LEGACY_ENCODING: Rule = Rule {
    code: "K0112",
    name: "legacy-encoding",
    severity: Severity::Warning,
    loses_data: false,
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
};

pub const NESTING_TOO_DEEP: Rule = Rule {
    code: "K0113",
    name: "nesting-too-deep",
    severity: Severity::Error,
    loses_data: true,
    title: Doc { en: "Braces nested too deep", zh: "大括号嵌套过深" },
    what: Doc {
        en: "Finds a `{` nested more than 8 deep. The language nests at most 2 deep (a form, and a budget split or an indicator's attributes inside it); kpi stops reading structure past 8 so that no file can make the parser run out of stack or time.",
        zh: "查找嵌套超过 8 层的 `{`。本语言最多嵌套 2 层（表单，及其中的资金来源或指标属性）；超过 8 层的部分 kpi 不再读取其结构，以免任何文件使解析器耗尽栈空间或时间。",
    },
    why: Doc {
        en: "Such text is not a form: it is usually a paste gone wrong or a generated file; what is inside is not read.",
        zh: "这样的文字不是表单，通常是粘贴出错或程序生成的文件；其中的内容不会被读取。",
    },
    example: "project \"科技专项\" {\n  x {{{{{{{{{ } } } } } } } } }\n}",
    fix: Doc { en: "Remove the extra braces.", zh: "删去多余的大括号。" },
};

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[
    &UNEXPECTED_TOKEN,
    &UNCLOSED_TEXT,
    &INVALID_NUMBER,
    &FULL_WIDTH_PUNCTUATION,
    &UNCLOSED_COMMENT,
    &UNKNOWN_KEYWORD,
    &STRAY_CLOSE,
    &MISSING_SEMICOLON,
    &MISPLACED_CHARACTER,
    &UNCLOSED_BLOCK,
    &FIELD_GIVEN_TWICE,
    &LEGACY_ENCODING,
    &NESTING_TOO_DEEP,
];
