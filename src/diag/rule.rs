//! Rules as values (规则): a rule is its stable code, name, family, default severity and
//! four-part doc in both languages. Each is a `const` defined beside the code that reports it
//! (`src/syntax/rules.rs`, `src/lower/rules.rs`, each `src/check/` family, `src/config/`,
//! `src/emit/xlsx/rules.rs`, `src/import/rules.rs`), so an unknown code cannot compile; beside
//! it is its finding type ([`crate::diag::Finding`]), which words what one finding says. The registry
//! of them all, in code order, is `crate::check::rules()`.

use crate::diag::{Lang, Severity};

/// One rule: its code, name, default severity and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `K0301`.
    pub code: &'static str,
    /// Short kebab-case name, e.g. `split-does-not-add-up`.
    pub name: &'static str,
    /// Severity unless `kpi.toml` says otherwise.
    pub severity: Severity,
    /// An error of this rule means the model lacks what the text says (a statement that did
    /// not parse, an impossible date, an amount that is no money): it stops `kpi build`.
    pub loses_data: bool,
    /// One-line summary.
    pub title: Doc,
    /// What it checks.
    pub what: Doc,
    /// Why it matters.
    pub why: Doc,
    /// An example that triggers it: `.kpi` text, or for a [`Family::workbook`] family a short
    /// description of the template cell or workbook.
    pub example: &'static str,
    /// How to fix it.
    pub fix: Doc,
}

/// A static text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doc {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Doc {
    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// A family of rules: the first three characters of the code.
#[derive(Debug, Clone, Copy)]
pub struct Family {
    /// `K03`
    pub prefix: &'static str,
    pub name: Doc,
    /// The codes are about xlsx workbooks (K11 templates and output, K12 import), reported by
    /// `kpi build --to xlsx` and `kpi import`, not by `kpi check`: their examples describe a
    /// workbook, not `.kpi` text.
    pub workbook: bool,
}

/// The families, in order.
pub const FAMILIES: &[Family] = &[
    Family {
        prefix: "K01",
        name: Doc {
            en: "syntax",
            zh: "语法",
        },
        workbook: false,
    },
    Family {
        prefix: "K02",
        name: Doc {
            en: "units and types",
            zh: "单位与类型",
        },
        workbook: false,
    },
    Family {
        prefix: "K03",
        name: Doc {
            en: "money",
            zh: "金额",
        },
        workbook: false,
    },
    Family {
        prefix: "K04",
        name: Doc {
            en: "cross-document",
            zh: "跨表一致性",
        },
        workbook: false,
    },
    Family {
        prefix: "K05",
        name: Doc {
            en: "completeness",
            zh: "完整性",
        },
        workbook: false,
    },
    Family {
        prefix: "K06",
        name: Doc {
            en: "values",
            zh: "指标值",
        },
        workbook: false,
    },
    Family {
        prefix: "K07",
        name: Doc {
            en: "text",
            zh: "文本",
        },
        workbook: false,
    },
    Family {
        prefix: "K08",
        name: Doc {
            en: "dates",
            zh: "日期",
        },
        workbook: false,
    },
    Family {
        prefix: "K09",
        name: Doc {
            en: "weights",
            zh: "分值",
        },
        workbook: false,
    },
    Family {
        prefix: "K10",
        name: Doc {
            en: "configuration",
            zh: "配置与抑制",
        },
        workbook: false,
    },
    Family {
        prefix: "K11",
        name: Doc {
            en: "xlsx templates and output",
            zh: "模板与表格输出",
        },
        workbook: true,
    },
    Family {
        prefix: "K12",
        name: Doc {
            en: "import",
            zh: "导入",
        },
        workbook: true,
    },
    Family {
        prefix: "K13",
        name: Doc {
            en: "self-evaluation and monitoring",
            zh: "自评与监控",
        },
        workbook: false,
    },
];

/// The family of a code.
pub fn family_of(code: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| code.starts_with(f.prefix))
}
