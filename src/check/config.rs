//! `kpi.toml` (配置): the budget year, the profile of required categories, thresholds and
//! per-rule severities of a filing. Lives at the filing's root, beside its `.kpi` files.
//!
//! ```toml
//! year = 2023                 # budget year (else each form's `year`, else the department's)
//! profile = "lhasa-2023"      # or "central-2021"
//!
//! [thresholds]
//! satisfaction_min = 80       # % — a satisfaction target below this is implausible
//! rate_min = 60               # % — a 合格率/完成率 target below this is implausible
//! late_filing_after = "06-30" # a form filed after this day of its budget year is late
//! weight_total = 90           # what indicator weights (分值) add up to
//!
//! [rules]
//! K0605 = "allow"             # allow | warn | error
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use rust_decimal::Decimal;

use super::{Doc, Rule};
use crate::diag::{Diagnostic, Severity, Text};
use crate::model::{Level1, Level2};
use crate::source::{SourceFile, Span};

/// What `kpi.toml` may set a rule to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error.
    Error,
}

/// Which level-2 categories a form must have (必填), by province or year of guidance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// 拉萨 2023 (the seed's 必填 set): quantity, quality, timeliness, cost, social effect,
    /// sustainable impact, service satisfaction; cost may stand under output or at level 1.
    Lhasa2023,
    /// 2021 central guidance: cost is a level-1 category; output quantity, quality,
    /// timeliness; some effect; some satisfaction.
    Central2021,
}

/// One required category: satisfied by an indicator in any of the alternatives
/// (level 1, and level 2 or any level 2 when `None`).
#[derive(Debug, Clone, Copy)]
pub struct Requirement {
    pub name: Doc,
    pub alternatives: &'static [(Level1, Option<Level2>)],
}

const QUANTITY: Requirement = Requirement {
    name: Doc {
        en: "output quantity (数量指标)",
        zh: "数量指标",
    },
    alternatives: &[(Level1::Output, Some(Level2::Quantity))],
};
const QUALITY: Requirement = Requirement {
    name: Doc {
        en: "output quality (质量指标)",
        zh: "质量指标",
    },
    alternatives: &[(Level1::Output, Some(Level2::Quality))],
};
const TIMELINESS: Requirement = Requirement {
    name: Doc {
        en: "output timeliness (时效指标)",
        zh: "时效指标",
    },
    alternatives: &[(Level1::Output, Some(Level2::Timeliness))],
};
const COST_ANY: Requirement = Requirement {
    name: Doc {
        en: "cost (成本指标)",
        zh: "成本指标",
    },
    alternatives: &[(Level1::Output, Some(Level2::Cost)), (Level1::Cost, None)],
};
const COST_LEVEL1: Requirement = Requirement {
    name: Doc {
        en: "level-1 cost (成本指标, 2021 guidance)",
        zh: "一级成本指标（2021年起）",
    },
    alternatives: &[(Level1::Cost, None)],
};
const SOCIAL: Requirement = Requirement {
    name: Doc {
        en: "social effect (社会效益指标)",
        zh: "社会效益指标",
    },
    alternatives: &[(Level1::Effect, Some(Level2::Social))],
};
const SUSTAINABLE: Requirement = Requirement {
    name: Doc {
        en: "sustainable impact (可持续影响指标)",
        zh: "可持续影响指标",
    },
    alternatives: &[(Level1::Effect, Some(Level2::Sustainable))],
};
const SERVICE: Requirement = Requirement {
    name: Doc {
        en: "service-object satisfaction (服务对象满意度指标)",
        zh: "服务对象满意度指标",
    },
    alternatives: &[(Level1::Satisfaction, Some(Level2::Service))],
};
const OUTPUT_ANY: Requirement = Requirement {
    name: Doc {
        en: "output (产出指标)",
        zh: "产出指标",
    },
    alternatives: &[(Level1::Output, None)],
};
const EFFECT_ANY: Requirement = Requirement {
    name: Doc {
        en: "effect (效益指标)",
        zh: "效益指标",
    },
    alternatives: &[(Level1::Effect, None)],
};
const SATISFACTION_ANY: Requirement = Requirement {
    name: Doc {
        en: "satisfaction (满意度指标)",
        zh: "满意度指标",
    },
    alternatives: &[(Level1::Satisfaction, None)],
};

impl Profile {
    /// The profile for a name in `kpi.toml`.
    pub fn from_name(name: &str) -> Option<Profile> {
        match name {
            "lhasa-2023" => Some(Profile::Lhasa2023),
            "central-2021" => Some(Profile::Central2021),
            _ => None,
        }
    }

    /// The profile's name.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Lhasa2023 => "lhasa-2023",
            Profile::Central2021 => "central-2021",
        }
    }

    /// The categories a project form must have.
    pub fn project(self) -> &'static [Requirement] {
        match self {
            Profile::Lhasa2023 => &[
                QUANTITY,
                QUALITY,
                TIMELINESS,
                COST_ANY,
                SOCIAL,
                SUSTAINABLE,
                SERVICE,
            ],
            Profile::Central2021 => &[
                QUANTITY,
                QUALITY,
                TIMELINESS,
                COST_LEVEL1,
                EFFECT_ANY,
                SATISFACTION_ANY,
            ],
        }
    }

    /// The categories a department form must have (its template marks none 必填: one of each
    /// level 1).
    pub fn department(self) -> &'static [Requirement] {
        &[OUTPUT_ANY, EFFECT_ANY, SATISFACTION_ANY]
    }
}

/// The checker's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// 预算年度 — overrides the forms' own `year`.
    pub year: Option<i32>,
    pub profile: Profile,
    /// A satisfaction target below this percentage is implausible (K0603).
    pub satisfaction_min: Decimal,
    /// A 合格率/完成率-like target below this percentage is implausible (K0603).
    pub rate_min: Decimal,
    /// (month, day): a form filed after this day of its budget year is late (K0802).
    pub late_filing_after: (u32, u32),
    /// What weights add up to (K0901).
    pub weight_total: Decimal,
    /// Per-rule severities.
    pub levels: BTreeMap<String, Level>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            year: None,
            profile: Profile::Lhasa2023,
            satisfaction_min: Decimal::from(80),
            rate_min: Decimal::from(60),
            late_filing_after: (6, 30),
            weight_total: Decimal::from(90),
            levels: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Applies per-rule levels: drops allowed findings, changes severities.
    pub fn apply_levels(&self, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter_map(|mut d| {
                match self.levels.get(d.code) {
                    Some(Level::Allow) => return None,
                    Some(Level::Warn) => d.severity = Severity::Warning,
                    Some(Level::Error) => d.severity = Severity::Error,
                    None => {}
                }
                Some(d)
            })
            .collect()
    }
}

fn problem(code: &'static str, file: usize, span: Span, message: Text, help: Text) -> Diagnostic {
    let severity = super::rule(code)
        .map(|r| r.severity)
        .unwrap_or(Severity::Error);
    Diagnostic {
        severity,
        ..Diagnostic::error(code, file, span, message, help)
    }
}

/// The span of `key` in the config text (its first occurrence), for pointing at a setting.
fn key_span(source: &SourceFile, key: &str) -> Span {
    match source.text.find(key) {
        Some(i) => Span::new(i, i + key.len()),
        None => Span::new(0, 0),
    }
}

fn invalid(file: usize, span: Span, en: String, zh: String) -> Diagnostic {
    problem(
        "K1003",
        file,
        span,
        Text::new(en, zh),
        Text::new(
            "see `docs/rules.md` (K1003) for the settings kpi.toml accepts",
            "kpi.toml 可用的设置见 `docs/rules.md`（K1003）",
        ),
    )
}

fn decimal_of(v: &toml::Value) -> Option<Decimal> {
    match v {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => Decimal::try_from(*f).ok(),
        toml::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Reads `kpi.toml`. Never fails: problems become diagnostics (K1001, K1003) and the
/// defaults stand for what could not be read.
pub fn parse(source: &SourceFile, file: usize) -> (Config, Vec<Diagnostic>) {
    let mut config = Config::default();
    let mut diags = Vec::new();
    let table: toml::Table = match source.text.parse() {
        Ok(t) => t,
        Err(e) => {
            let span = e
                .span()
                .map(|r| Span::new(r.start, r.end))
                .unwrap_or_default();
            let msg = e.message().to_string();
            diags.push(invalid(
                file,
                span,
                format!("kpi.toml is not valid TOML: {msg}"),
                format!("kpi.toml 不是有效的 TOML：{msg}"),
            ));
            return (config, diags);
        }
    };
    for (key, value) in &table {
        let span = key_span(source, key);
        match (key.as_str(), value) {
            ("year", toml::Value::Integer(y)) if (1900..=2999).contains(y) => {
                config.year = Some(*y as i32)
            }
            ("profile", toml::Value::String(p)) => match Profile::from_name(p) {
                Some(p) => config.profile = p,
                None => diags.push(invalid(
                    file,
                    key_span(source, p),
                    format!("unknown profile `{p}` (known: lhasa-2023, central-2021)"),
                    format!("未知的配置方案“{p}”（可用：lhasa-2023、central-2021）"),
                )),
            },
            ("thresholds", toml::Value::Table(t)) => {
                for (k, v) in t {
                    let span = key_span(source, k);
                    let ok = match k.as_str() {
                        "satisfaction_min" => {
                            decimal_of(v).map(|d| config.satisfaction_min = d).is_some()
                        }
                        "rate_min" => decimal_of(v).map(|d| config.rate_min = d).is_some(),
                        "weight_total" => decimal_of(v).map(|d| config.weight_total = d).is_some(),
                        "late_filing_after" => v
                            .as_str()
                            .and_then(|s| s.split_once('-'))
                            .and_then(|(m, d)| {
                                Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?))
                            })
                            .filter(|(m, d)| (1..=12).contains(m) && (1..=31).contains(d))
                            .map(|md| config.late_filing_after = md)
                            .is_some(),
                        _ => false,
                    };
                    if !ok {
                        diags.push(invalid(
                            file,
                            span,
                            format!("`thresholds.{k}` is unknown or its value is invalid"),
                            format!("“thresholds.{k}”未知或取值无效"),
                        ));
                    }
                }
            }
            ("rules", toml::Value::Table(t)) => {
                for (code, v) in t {
                    let span = key_span(source, code);
                    if super::checkable_rule(code).is_none() {
                        diags.push(problem(
                            "K1001",
                            file,
                            span,
                            Text::new(
                                format!("unknown rule code `{code}`"),
                                format!("未知的规则代码“{code}”"),
                            ),
                            Text::new(
                                "use a code listed by `kpi explain --all` (docs/rules.md)",
                                "请使用 `kpi explain --all`（docs/rules.md）列出的代码",
                            ),
                        ));
                        continue;
                    }
                    let level = match v.as_str() {
                        Some("allow") => Level::Allow,
                        Some("warn") | Some("warning") => Level::Warn,
                        Some("error") => Level::Error,
                        _ => {
                            diags.push(invalid(
                                file,
                                span,
                                format!("`rules.{code}` must be \"allow\", \"warn\" or \"error\""),
                                format!("“rules.{code}”只能是 \"allow\"、\"warn\" 或 \"error\""),
                            ));
                            continue;
                        }
                    };
                    let canonical = super::rule(code).map(|r| r.code).unwrap_or_default();
                    config.levels.insert(canonical.to_string(), level);
                }
            }
            // `[fmt]` belongs to the formatter, which reads and validates it (src/fmt.rs).
            ("fmt", toml::Value::Table(_)) => {}
            _ => diags.push(invalid(
                file,
                span,
                format!("`{key}` is not a kpi.toml setting, or its value is invalid"),
                format!("“{key}”不是 kpi.toml 的设置项，或取值无效"),
            )),
        }
    }
    (config, diags)
}

/// The configuration file of a run: `--config`, else `kpi.toml` in the first folder given
/// (or beside the first file given).
pub fn find(paths: &[PathBuf], explicit: Option<PathBuf>) -> Result<Option<SourceFile>, String> {
    let path = match explicit {
        Some(p) => Some(p),
        None => paths
            .iter()
            .map(|p| {
                if p.is_dir() {
                    p.join("kpi.toml")
                } else {
                    p.parent()
                        .map(|d| d.join("kpi.toml"))
                        .unwrap_or_else(|| PathBuf::from("kpi.toml"))
                }
            })
            .find(|p| p.is_file()),
    };
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Some(SourceFile::new(path.display().to_string(), text)))
}

/// The configuration family (K10).
pub const RULES: &[Rule] = &[
    Rule {
        code: "K1001",
        name: "unknown-rule-code",
        severity: Severity::Error,
        title: Doc { en: "Unknown rule code in kpi.toml or in a suppression", zh: "kpi.toml 或抑制注释中的规则代码不存在" },
        what: Doc {
            en: "Checks that every code named in `kpi.toml` `[rules]` and in a `// kpi: allow CODE` comment is a real rule code.",
            zh: "检查 `kpi.toml` 的 `[rules]` 与 `// kpi: allow 代码` 注释中写的每个代码都确有其规则。",
        },
        why: Doc {
            en: "A mistyped code silences nothing and changes nothing, while the writer believes the finding is handled.",
            zh: "代码写错时什么也不会被抑制或调整，填报人却以为问题已处理。",
        },
        example: "// kpi: allow K9999 -- 无此规则\noutput quantity \"科技项目实施\" <= 23个;",
        fix: Doc {
            en: "Correct the code (see `kpi explain --all`) or remove the setting.",
            zh: "改正代码（见 `kpi explain --all`），或删去该设置。",
        },
    },
    Rule {
        code: "K1002",
        name: "suppression-without-reason",
        severity: Severity::Warning,
        title: Doc { en: "A suppression gives no reason", zh: "抑制注释未写理由" },
        what: Doc {
            en: "Checks that every `// kpi: allow CODE` comment says why, after ` -- `.",
            zh: "检查每条 `// kpi: allow 代码` 注释都在 ` -- ` 之后写明理由。",
        },
        why: Doc {
            en: "A reviewer reading the form must be able to tell a deliberate exception from a hidden defect.",
            zh: "审核人需要能区分有意的例外和被掩盖的问题。",
        },
        example: "// kpi: allow K0605\noutput quantity \"科技项目实施\" <= 23个;",
        fix: Doc {
            en: "Add the reason: `// kpi: allow K0605 -- 上限由立项批复确定`.",
            zh: "补上理由：`// kpi: allow K0605 -- 上限由立项批复确定`。",
        },
    },
    Rule {
        code: "K1003",
        name: "invalid-config",
        severity: Severity::Error,
        title: Doc { en: "kpi.toml cannot be read", zh: "kpi.toml 无法读取" },
        what: Doc {
            en: "Checks that `kpi.toml` is valid TOML and uses only known settings: `year`, `profile` (`lhasa-2023`, `central-2021`), `[thresholds]` (`satisfaction_min`, `rate_min`, `late_filing_after` as \"MM-DD\", `weight_total`) and `[rules]` (`CODE = \"allow\" | \"warn\" | \"error\"`); `[fmt]` is the formatter's (`keywords`, see docs/editors.md).",
            zh: "检查 `kpi.toml` 是有效的 TOML，且只使用已知设置：`year`、`profile`（`lhasa-2023`、`central-2021`）、`[thresholds]`（`satisfaction_min`、`rate_min`、`late_filing_after` 格式 \"MM-DD\"、`weight_total`）和 `[rules]`（`代码 = \"allow\" | \"warn\" | \"error\"`）；`[fmt]` 属于格式化工具（`keywords`，见 docs/editors.md）。",
        },
        why: Doc {
            en: "A setting kpi does not understand is ignored; the checks then run with defaults the writer did not intend.",
            zh: "无法识别的设置会被忽略，检查将按默认值进行，与填报人的本意不符。",
        },
        example: "# kpi.toml\nprofile = \"lhasa\"\n[thresholds]\nsatisfaction_min = \"high\"",
        fix: Doc {
            en: "Correct the setting's name or value; the defaults are year from the forms, profile lhasa-2023, satisfaction_min 80, rate_min 60, late_filing_after \"06-30\", weight_total 90.",
            zh: "改正设置名或取值；默认值：年度取自表单，profile 为 lhasa-2023，satisfaction_min 80，rate_min 60，late_filing_after \"06-30\"，weight_total 90。",
        },
    },
];
