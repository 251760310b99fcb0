//! The syntax rules (K01xx, 语法): codes, severities and docs of what the parser reports
//! (`errors.rs`), and of what lowering and loading report about the text itself.

use crate::diag::{Doc, Finding, Rule, Severity, Text};

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

// ── The findings of these rules: what each says, from the values it is about ──

/// K0101's finding: the parser met something else than what the grammar allows there.
pub struct UnexpectedToken {
    /// What the grammar expected, in English and Chinese ("`;` or `{`").
    pub expected: (String, String),
    /// What it found, in English and Chinese (the token, or the end of the file).
    pub found: (String, String),
    /// The token is Chinese text where a quoted text belongs: it only lacks its quotes.
    pub unquoted: Option<String>,
}

impl Finding for UnexpectedToken {
    const RULE: &'static Rule = &UNEXPECTED_TOKEN;

    fn message(&self) -> Text {
        let ((en_exp, zh_exp), (found_en, found_zh)) = (&self.expected, &self.found);
        Text::new(
            format!("expected {en_exp}, found {found_en}"),
            format!("此处应为{zh_exp}，实际为{found_zh}"),
        )
    }

    fn help(&self) -> Text {
        let (en_exp, zh_exp) = &self.expected;
        match &self.unquoted {
            Some(token) => Text::new(
                format!("names and texts are quoted: write \"{token}\""),
                format!("名称和文字要加引号：写成 \"{token}\""),
            ),
            None => Text::new(format!("write {en_exp} here"), format!("在此处写{zh_exp}")),
        }
    }
}

/// K0102's findings: a text whose closing quote is missing.
pub enum UnclosedText {
    /// The file ends before the text closes; `close` is the quote that would close it.
    NeverClosed { close: char },
    /// The text closes, but only after swallowing `;` and a line break: its own closing quote
    /// is most likely missing.
    RunsOver,
}

impl Finding for UnclosedText {
    const RULE: &'static Rule = &UNCLOSED_TEXT;

    fn message(&self) -> Text {
        match self {
            UnclosedText::NeverClosed { .. } => Text::new(
                "this text is never closed: the closing quote is missing",
                "文字缺少结束引号",
            ),
            UnclosedText::RunsOver => Text::new(
                "this text runs over several statements: its closing quote is probably missing",
                "这段文字跨越了多条语句：可能缺少结束引号",
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            UnclosedText::NeverClosed { close } => Text::new(
                format!("add the closing `{close}` at the end of the text"),
                format!("在文字末尾补上 `{close}`"),
            ),
            UnclosedText::RunsOver => Text::new(
                "add the closing `\"` where the text ends",
                "在文字结束处补上 `\"`",
            ),
        }
    }
}

/// K0103's findings: a literal that looks like a number but is none (`1,238.68`, `12.3.4`),
/// or one too large or too precise for an exact decimal.
pub enum InvalidNumber<'a> {
    Malformed { literal: &'a str },
    TooPrecise { literal: &'a str },
}

impl Finding for InvalidNumber<'_> {
    const RULE: &'static Rule = &INVALID_NUMBER;

    fn message(&self) -> Text {
        match self {
            InvalidNumber::Malformed { literal } => Text::new(
                format!("`{literal}` is not a number"),
                format!("“{literal}”不是有效的数字"),
            ),
            InvalidNumber::TooPrecise { literal } => Text::new(
                format!("`{literal}` is too large or too precise to be exact"),
                format!("“{literal}”过大或小数位过多，无法精确表示"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            InvalidNumber::Malformed { .. } => Text::new(
                "write a number with at most one decimal point and no thousands separators, e.g. 1238.68",
                "数字最多一个小数点，不用千分位逗号，例如 1238.68",
            ),
            InvalidNumber::TooPrecise { .. } => {
                Text::new("use at most 28 significant digits", "有效数字不超过 28 位")
            }
        }
    }
}

/// K0104's finding: full-width punctuation the grammar accepts (`；｛｝＜＞`), with the ASCII
/// character meant.
pub struct FullWidth<'a> {
    pub found: &'a str,
    pub ascii: &'a str,
}

impl Finding for FullWidth<'_> {
    const RULE: &'static Rule = &FULL_WIDTH_PUNCTUATION;

    fn message(&self) -> Text {
        let s = self.found;
        Text::new(
            format!("full-width `{s}` (typed with a Chinese input method)"),
            format!("全角符号“{s}”（中文输入法输入）"),
        )
    }

    fn help(&self) -> Text {
        let ascii = self.ascii;
        Text::new(
            format!("did you mean `{ascii}`? Type it with the input method in English mode, or run `kpi fmt`"),
            format!("是否应为半角 `{ascii}`？请切换到英文标点输入，或运行 `kpi fmt`"),
        )
    }
}

/// K0105's finding: a `/*` comment that is never closed.
pub struct UnclosedComment;

impl Finding for UnclosedComment {
    const RULE: &'static Rule = &UNCLOSED_COMMENT;

    fn message(&self) -> Text {
        Text::new("this comment is never closed", "注释没有结束")
    }

    fn help(&self) -> Text {
        Text::new("close the comment with `*/`", "用 `*/` 结束注释")
    }
}

/// K0106's findings: a word where a keyword or a category belongs.
pub enum UnknownKeyword<'a> {
    /// A word where a statement starts. `expected` is what the grammar wanted there (in
    /// English and Chinese); `nearest` the keyword it most likely misspells, in English and
    /// Chinese.
    Statement {
        token: &'a str,
        expected: (String, String),
        nearest: Option<(&'a str, &'a str)>,
    },
    /// A misspelt level-2 category (`产出 质理 "…"`), with the category it most likely is.
    Category {
        token: &'a str,
        nearest: (&'a str, &'a str),
    },
    /// A keyword that exists, but not in this kind of form or block (`funds` in a project).
    OutOfPlace { token: &'a str },
}

impl Finding for UnknownKeyword<'_> {
    const RULE: &'static Rule = &UNKNOWN_KEYWORD;

    fn message(&self) -> Text {
        match self {
            UnknownKeyword::Statement {
                token,
                expected: (en_exp, zh_exp),
                ..
            } => Text::new(
                format!("unknown keyword `{token}`: expected {en_exp}"),
                format!("无法识别的关键字“{token}”：此处应为{zh_exp}"),
            ),
            UnknownKeyword::Category { token, .. } => Text::new(
                format!("unknown category `{token}`: expected a level-2 category or a quoted name"),
                format!("无法识别的类别“{token}”：此处应为二级指标或带引号的名称"),
            ),
            UnknownKeyword::OutOfPlace { token } => Text::new(
                format!("`{token}` is not allowed in this kind of form"),
                format!("这类表单中不能使用“{token}”"),
            ),
        }
    }

    fn help(&self) -> Text {
        match self {
            UnknownKeyword::Statement {
                nearest: Some((en, zh)),
                ..
            } => Text::new(
                format!("did you mean `{en}` (`{zh}`)? See docs/language.md for every keyword"),
                format!("是否应为 `{zh}`（`{en}`）？全部关键字见 docs/language.md"),
            ),
            UnknownKeyword::Statement {
                token,
                nearest: None,
                ..
            } if token.chars().any(super::errors::is_han) => Text::new(
                "names and values are quoted: write `\"…\"` around Chinese text, after a keyword",
                "名称和文字值要加引号：在关键字之后写 `\"…\"`",
            ),
            UnknownKeyword::Statement { .. } => Text::new(
                "see docs/language.md for the keywords",
                "全部关键字见 docs/language.md",
            ),
            UnknownKeyword::Category {
                nearest: (en, zh), ..
            } => Text::new(
                format!("did you mean `{zh}` (`{en}`)? See docs/language.md for the categories"),
                format!("是否应为 `{zh}`（`{en}`）？全部类别见 docs/language.md"),
            ),
            UnknownKeyword::OutOfPlace { .. } => Text::new(
                "`funds` belongs in a department form; `department`, `kind`, `period` and `budget` in a project form; `basic` and `total` inside `funds { }`; `weight`, `explanation`, `scoring`, `direction` inside an indicator's `{ }`",
                "资金表只能写在部门表中；主管部门、项目属性、项目期、年度资金总额只能写在项目表中；基本支出、合计只能写在资金表内；分值、指标解释、评分标准、指标方向只能写在指标的 { } 内",
            ),
        }
    }
}

/// K0107's finding: a `}` with no `{` to close.
pub struct StrayClose;

impl Finding for StrayClose {
    const RULE: &'static Rule = &STRAY_CLOSE;

    fn message(&self) -> Text {
        Text::new("this `}` closes nothing", "这个 `}` 没有对应的 `{`")
    }

    fn help(&self) -> Text {
        Text::new(
            "remove it, or add the `{` it was meant to close",
            "删去它，或补上与之对应的 `{`",
        )
    }
}

/// K0108's finding: a statement whose `;` is missing at the end of its line.
pub struct MissingSemicolon;

impl Finding for MissingSemicolon {
    const RULE: &'static Rule = &MISSING_SEMICOLON;

    fn message(&self) -> Text {
        Text::new("missing `;` after this statement", "此语句后缺少分号 `;`")
    }

    fn help(&self) -> Text {
        Text::new(
            "end every statement with `;`",
            "每条语句以英文分号 `;` 结尾",
        )
    }
}

/// K0109's finding: a character that cannot stand where it is (`：`, `【`, `≥` …), with the
/// ASCII it stands for and a word on why, in English and Chinese.
pub struct MisplacedCharacter<'a> {
    pub found: char,
    pub ascii: &'a str,
    pub why: (&'a str, &'a str),
}

impl Finding for MisplacedCharacter<'_> {
    const RULE: &'static Rule = &MISPLACED_CHARACTER;

    fn message(&self) -> Text {
        let c = self.found;
        Text::new(
            format!("`{c}` cannot stand here"),
            format!("此处不能使用“{c}”"),
        )
    }

    fn help(&self) -> Text {
        let ((en, zh), ascii) = (self.why, self.ascii);
        // `：` has no one ASCII replacement: its help explains instead.
        if matches!(self.found, '：' | ':') {
            Text::new(en, zh)
        } else {
            Text::new(
                format!("did you mean `{ascii}`? {en}"),
                format!("是否应为 `{ascii}`？{zh}"),
            )
        }
    }
}

/// K0110's finding: the file ends inside a block.
pub struct UnclosedBlock;

impl Finding for UnclosedBlock {
    const RULE: &'static Rule = &UNCLOSED_BLOCK;

    fn message(&self) -> Text {
        Text::new(
            "the file ends inside a block: `}` is missing",
            "文件在块内结束：缺少 `}`",
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "close every `{` with a `}` (the form's last statement is above)",
            "每个 `{` 都要有对应的 `}`",
        )
    }
}

/// K0111's finding: a field given twice in one form (its keyword in English and Chinese).
pub struct FieldGivenTwice<'a> {
    pub field: (&'a str, &'a str),
}

impl Finding for FieldGivenTwice<'_> {
    const RULE: &'static Rule = &FIELD_GIVEN_TWICE;

    fn message(&self) -> Text {
        let (what, what_zh) = self.field;
        Text::new(
            format!("`{what}` is given twice in this form"),
            format!("本表中“{what_zh}”出现了两次"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "keep one; the form has a single cell for it",
            "只保留一条：表单中此项只有一个单元格",
        )
    }
}

/// K0112's finding: a file saved in GB18030/GBK rather than UTF-8 (read correctly all the same).
pub struct LegacyEncoding;

impl Finding for LegacyEncoding {
    const RULE: &'static Rule = &LEGACY_ENCODING;

    fn message(&self) -> Text {
        Text::new(
            "this file is saved in GB18030/GBK (the Chinese Windows encoding), not UTF-8",
            "该文件以 GB18030/GBK（中文 Windows 默认编码）保存，而非 UTF-8",
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "kpi read it correctly; run `kpi fmt` on it to re-save it as UTF-8, which every editor and tool reads the same way",
            "kpi 已正确读取；对其运行 `kpi fmt` 即可另存为 UTF-8，各种编辑器和工具都能一致读取",
        )
    }
}

/// K0113's finding: braces nested deeper than `limit`.
pub struct NestingTooDeep {
    pub limit: usize,
}

impl Finding for NestingTooDeep {
    const RULE: &'static Rule = &NESTING_TOO_DEEP;

    fn message(&self) -> Text {
        let limit = self.limit;
        Text::new(
            format!("braces nested more than {limit} deep"),
            format!("大括号嵌套超过 {limit} 层"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "remove the extra braces: a form nests at most 2 deep",
            "删去多余的大括号：表单最多嵌套 2 层",
        )
    }
}
