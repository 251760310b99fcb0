//! `kpi.toml` (配置): the one configuration module. It holds a filing's budget year, the
//! profile of its region's template, its own units, thresholds, per-rule severities and the
//! formatter's keyword style, and finds the file by one rule for every command
//! ([`find_for`]): the nearest `kpi.toml` in the folder of the filing (or of the file) or in a
//! folder above it; `--config FILE` overrides.
//!
//! ```toml
//! year = 2023                 # budget year (else each form's `year`, else the department's)
//! profile = "lhasa-2023"      # or "central-2021", "generic" (default), or "my-profile.toml"
//! lang = "zh"                 # language of kpi's messages and --help: "zh" or "en"
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

pub mod profile;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

pub use profile::Profile;

use crate::diag::{Diagnostic, Finding, Lang, Severity, Text};
use crate::diag::{Doc, Rule};
use crate::model::{CustomUnits, Dimension};
use crate::source::{FileId, SourceFile, Span};

/// Which language `kpi fmt` prints keywords in (`[fmt] keywords`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeywordStyle {
    /// Each keyword as it was written (the default).
    #[default]
    Keep,
    /// Chinese keywords (中文关键字).
    Zh,
    /// English keywords.
    En,
}

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

/// The checker's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// 预算年度 — overrides the forms' own `year`.
    pub year: Option<i32>,
    /// The region's template requirements (`profile`, default `generic`).
    pub profile: Profile,
    /// How self-evaluations are scored (`scoring`, default `national-2020`).
    pub scoring: crate::score::ScoringProfile,
    /// A satisfaction target below this percentage is implausible (K0603).
    pub satisfaction_min: Decimal,
    /// A 合格率/完成率-like target below this percentage is implausible (K0603).
    pub rate_min: Decimal,
    /// (month, day): a form filed after this day of its budget year is late (K0802); `[thresholds]`
    /// overrides the profile's.
    pub late_filing_after: Option<(u32, u32)>,
    /// What weights add up to (K0901); `[thresholds]` overrides the profile's.
    pub weight_total: Option<Decimal>,
    /// Units the filing declares (`[units]`).
    pub units: CustomUnits,
    /// The formatter's keyword language (`[fmt] keywords`).
    pub keywords: KeywordStyle,
    /// Per-rule severities.
    pub levels: BTreeMap<String, Level>,
    /// 界面语言 — the language of messages (`lang`), below `--lang` and `KPI_LANG`, above
    /// the locale.
    pub lang: Option<Lang>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            year: None,
            profile: Profile::default_profile(),
            scoring: crate::score::ScoringProfile::default_profile(),
            satisfaction_min: Decimal::from(80),
            rate_min: Decimal::from(60),
            late_filing_after: None,
            weight_total: None,
            units: CustomUnits::new(),
            keywords: KeywordStyle::Keep,
            levels: BTreeMap::new(),
            lang: None,
        }
    }
}

impl Config {
    /// The day after which filing is late: `[thresholds]`, else the profile's.
    pub fn late_filing_after(&self) -> (u32, u32) {
        self.late_filing_after
            .unwrap_or(self.profile.late_filing_after)
    }

    /// What weights may add up to: `[thresholds]`, else the profile's.
    pub fn weight_totals(&self) -> Vec<Decimal> {
        match self.weight_total {
            Some(t) => vec![t],
            None => self.profile.weight_totals.clone(),
        }
    }

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

/// Where each key and its value stand in the text, by dotted path (`thresholds.rate_min`),
/// as the TOML parser reports them.
struct Spans(BTreeMap<String, (Span, Span)>);

impl Spans {
    fn of(text: &str) -> Spans {
        fn walk(
            table: &toml::de::DeTable<'_>,
            prefix: &str,
            out: &mut BTreeMap<String, (Span, Span)>,
        ) {
            for (k, v) in table.iter() {
                let path = if prefix.is_empty() {
                    k.get_ref().to_string()
                } else {
                    format!("{prefix}.{}", k.get_ref())
                };
                let (ks, vs) = (k.span(), v.span());
                out.insert(
                    path.clone(),
                    (Span::new(ks.start, ks.end), Span::new(vs.start, vs.end)),
                );
                if let toml::de::DeValue::Table(t) = v.get_ref() {
                    walk(t, &path, out);
                }
            }
        }
        let mut out = BTreeMap::new();
        if let Ok(doc) = toml::de::DeTable::parse(text) {
            walk(doc.get_ref(), "", &mut out);
        }
        Spans(out)
    }

    /// The span of a key (`thresholds.rate_min`).
    fn key(&self, path: &str) -> Span {
        self.0.get(path).map(|(k, _)| *k).unwrap_or_default()
    }

    /// The span of a key's value.
    fn value(&self, path: &str) -> Span {
        self.0.get(path).map(|(_, v)| *v).unwrap_or_default()
    }
}

fn invalid(file: FileId, span: Span, en: String, zh: String) -> Diagnostic {
    InvalidConfig(Text::new(en, zh)).at(file, span)
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
/// `known` says which rule a code in `[rules]` names (the checker passes its registry), so
/// that this module does not depend on the checker.
pub fn parse(
    source: &SourceFile,
    file: FileId,
    known: &dyn Fn(&str) -> Option<&'static Rule>,
) -> (Config, Vec<Diagnostic>) {
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
    let spans = Spans::of(&source.text);
    for (key, value) in &table {
        let span = spans.key(key);
        match (key.as_str(), value) {
            ("year", toml::Value::Integer(y)) if (1900..=2999).contains(y) => {
                config.year = Some(*y as i32)
            }
            ("profile", toml::Value::String(p)) => match load_profile(source, p) {
                Ok(p) => config.profile = p,
                Err(text) => diags.push(invalid(file, spans.value("profile"), text.en, text.zh)),
            },
            ("lang", toml::Value::String(l)) if l == "zh" || l == "en" => {
                config.lang = Some(if l == "zh" { Lang::Zh } else { Lang::En })
            }
            ("lang", _) => diags.push(invalid(
                file,
                spans.value("lang"),
                "`lang` must be \"zh\" or \"en\"".to_string(),
                "“lang”只能是 \"zh\" 或 \"en\"".to_string(),
            )),
            ("scoring", toml::Value::String(p)) => match load_scoring(source, p) {
                Ok(p) => config.scoring = p,
                Err(text) => diags.push(invalid(file, spans.value("scoring"), text.en, text.zh)),
            },
            ("units", toml::Value::Table(t)) => {
                for (symbol, v) in t {
                    match custom_unit(v) {
                        Some(unit) => {
                            config.units.insert(crate::model::fold_unit_text(symbol), unit);
                        }
                        None => diags.push(invalid(
                            file,
                            spans.key(&format!("units.{symbol}")),
                            format!("`units.{symbol}` must be a dimension (\"count\", \"mass\" …) or {{ dimension = \"…\", base = \"…\", factor = N }}"),
                            format!("“units.{symbol}”应为量纲（\"count\"、\"mass\" 等）或 {{ dimension = \"…\", base = \"…\", factor = 数值 }}"),
                        )),
                    }
                }
            }
            ("thresholds", toml::Value::Table(t)) => {
                for (k, v) in t {
                    let span = spans.key(&format!("thresholds.{k}"));
                    let ok = match k.as_str() {
                        "satisfaction_min" => {
                            decimal_of(v).map(|d| config.satisfaction_min = d).is_some()
                        }
                        "rate_min" => decimal_of(v).map(|d| config.rate_min = d).is_some(),
                        "weight_total" => decimal_of(v)
                            .map(|d| config.weight_total = Some(d))
                            .is_some(),
                        "late_filing_after" => v
                            .as_str()
                            .and_then(|s| s.split_once('-'))
                            .and_then(|(m, d)| {
                                Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?))
                            })
                            .filter(|(m, d)| (1..=12).contains(m) && (1..=31).contains(d))
                            .map(|md| config.late_filing_after = Some(md))
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
                    let span = spans.key(&format!("rules.{code}"));
                    let Some(rule) = known(code) else {
                        diags.push(UnknownRuleCode::InConfig(code).at(file, span));
                        continue;
                    };
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
                    config.levels.insert(rule.code.to_string(), level);
                }
            }
            ("fmt", toml::Value::Table(t)) => {
                for (k, v) in t {
                    let style = match (k.as_str(), v.as_str()) {
                        ("keywords", Some("keep")) => Some(KeywordStyle::Keep),
                        ("keywords", Some("zh")) => Some(KeywordStyle::Zh),
                        ("keywords", Some("en")) => Some(KeywordStyle::En),
                        _ => None,
                    };
                    match style {
                        Some(s) => config.keywords = s,
                        None => diags.push(invalid(
                            file,
                            spans.key(&format!("fmt.{k}")),
                            format!("`fmt.{k}` is unknown or its value is invalid (`keywords = \"keep\" | \"zh\" | \"en\"`)"),
                            format!("“fmt.{k}”未知或取值无效（`keywords = \"keep\" | \"zh\" | \"en\"`）"),
                        )),
                    }
                }
            }
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

/// The configuration of the filing `paths` make (its kpi.toml by the one search rule), read
/// without reporting its problems, for the commands that only use it (`kpi build`,
/// `kpi score`): judging kpi.toml is `kpi check`'s job. `None` without a readable kpi.toml.
pub fn quiet(paths: &[PathBuf], explicit: Option<PathBuf>) -> Option<Config> {
    let source = find(paths, explicit).ok().flatten()?;
    Some(parse(&source, FileId::default(), &|_| None).0)
}

/// The language `kpi.toml` sets (`lang`), by the one search rule from `paths` (the current
/// folder when there are none) or `--config`; `None` when there is no readable kpi.toml or it
/// sets no valid `lang` (a wrong value is reported by `kpi check`, K1003).
pub fn lang(paths: &[PathBuf], explicit: Option<PathBuf>) -> Option<Lang> {
    let here = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &here[..] } else { paths };
    quiet(paths, explicit)?.lang
}

/// The language of messages (界面语言) when none is asked for (`--lang`, an editor's
/// setting): `KPI_LANG`, else [`lang`] from `paths`, else the locale (on Windows the display
/// language). `kpi` commands and the language server decide by this one rule.
pub fn language(paths: &[PathBuf], explicit: Option<PathBuf>) -> Lang {
    Lang::from_kpi_lang()
        .or_else(|| lang(paths, explicit))
        .unwrap_or_else(Lang::from_locale)
}

/// A profile named in `kpi.toml`: a built-in name, or a `.toml` file relative to kpi.toml.
fn load_profile(source: &SourceFile, name: &str) -> Result<Profile, Text> {
    let known: Vec<&str> = profile::BUILT_IN.iter().map(|(n, _)| *n).collect();
    let words = Named {
        en: "profile",
        zh: "配置方案",
        file_en: ".toml profile",
        file_zh: ".toml 配置方案文件",
    };
    load_named(source, name, &known, &words, Profile::built_in, |text| {
        Profile::from_toml(text).map(|mut p| {
            p.name = name.to_string();
            p
        })
    })
}

/// A scoring profile named in `kpi.toml`: a built-in name, or a `.toml` file relative to
/// kpi.toml (docs/scoring.md).
fn load_scoring(source: &SourceFile, name: &str) -> Result<crate::score::ScoringProfile, Text> {
    use crate::score::profile;
    let known: Vec<&str> = profile::BUILT_IN.iter().map(|(n, _)| *n).collect();
    let words = Named {
        en: "scoring profile",
        zh: "评分规则",
        file_en: ".toml file",
        file_zh: ".toml 文件",
    };
    load_named(
        source,
        name,
        &known,
        &words,
        profile::built_in,
        profile::parse,
    )
}

/// What a kind of named profile is called in messages.
struct Named {
    en: &'static str,
    zh: &'static str,
    file_en: &'static str,
    file_zh: &'static str,
}

/// The one rule for a profile named in `kpi.toml`, of either kind: a built-in name, else the
/// path of a `.toml` file relative to kpi.toml, read and parsed.
fn load_named<T>(
    source: &SourceFile,
    name: &str,
    known: &[&str],
    words: &Named,
    built_in: impl Fn(&str) -> Option<T>,
    parse: impl Fn(&str) -> Result<T, Text>,
) -> Result<T, Text> {
    if let Some(p) = built_in(name) {
        return Ok(p);
    }
    let Named {
        en,
        zh,
        file_en,
        file_zh,
    } = words;
    if !name.ends_with(".toml") {
        return Err(Text::new(
            format!(
                "unknown {en} `{name}` (built in: {}; or the path of a {file_en})",
                known.join(", ")
            ),
            format!(
                "未知的{zh}“{name}”（内置：{}；或 {file_zh}的路径）",
                known.join("、")
            ),
        ));
    }
    let dir = std::path::Path::new(&source.name)
        .parent()
        .unwrap_or(std::path::Path::new("."));
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Text::new(
            format!("cannot read the {en} {}: {e}", path.display()),
            format!("无法读取{zh} {}：{e}", path.display()),
        )
    })?;
    parse(&text)
}

/// A `[units]` entry: `"标准箱" = "count"` or `"万亩" = { dimension = "area", base = "亩",
/// factor = 10000 }`.
fn custom_unit(v: &toml::Value) -> Option<(Dimension, Option<(String, Decimal)>)> {
    match v {
        toml::Value::String(d) => Some((Dimension::from_name(d)?, None)),
        toml::Value::Table(t) => {
            let dimension = Dimension::from_name(t.get("dimension")?.as_str()?)?;
            let base = match (t.get("base"), t.get("factor")) {
                (Some(b), Some(f)) => Some((b.as_str()?.to_string(), decimal_of(f)?)),
                (None, None) => None,
                _ => return None,
            };
            Some((dimension, base))
        }
        _ => None,
    }
}

/// The `[units]` of a `kpi.toml`, read before the forms are lowered (problems with them are
/// reported by [`parse`]).
pub fn units_of(source: &SourceFile) -> CustomUnits {
    let Ok(table) = source.text.parse::<toml::Table>() else {
        return CustomUnits::new();
    };
    table
        .get("units")
        .and_then(|u| u.as_table())
        .map(|t| {
            t.iter()
                .filter_map(|(k, v)| Some((crate::model::fold_unit_text(k), custom_unit(v)?)))
                .collect()
        })
        .unwrap_or_default()
}

/// The one search rule for `kpi.toml`: the nearest one in `start` (a folder, or the folder of a
/// file) or in a folder above it. A province's settings can live at the root of a repository
/// of filings, and a filing's own `kpi.toml` overrides them all.
pub fn find_for(start: &Path) -> Option<PathBuf> {
    let dir = if start.is_dir() {
        start.to_path_buf()
    } else {
        start.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let absolute = std::path::absolute(&dir).unwrap_or(dir);
    absolute
        .ancestors()
        .map(|d| d.join("kpi.toml"))
        .find(|p| p.is_file())
        .map(|found| relative_to_cwd(&found))
}

/// A path shown relative to the working directory when it lies below it (stable in reports).
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// The `kpi.toml` of a filing: `explicit` (`--config`) when given, else [`find_for`] from the
/// first path. `None` when there is none.
pub fn find(paths: &[PathBuf], explicit: Option<PathBuf>) -> Result<Option<SourceFile>, Text> {
    let path = match explicit {
        Some(p) => Some(p),
        None => paths.first().and_then(|p| find_for(p)),
    };
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Text::new(
            format!("cannot read {}: {e}", path.display()),
            format!("无法读取 {}：{e}", path.display()),
        )
    })?;
    Ok(Some(SourceFile::new(path.display().to_string(), text)))
}

/// The configuration family (K10).
pub const UNKNOWN_RULE_CODE: Rule = Rule {
    code: "K1001",
    name: "unknown-rule-code",
    severity: Severity::Error,
    loses_data: false,
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
};

/// K1001's findings: a rule code that names no rule, in kpi.toml's `[rules]` or in a
/// `// kpi: allow …` suppression.
pub enum UnknownRuleCode<'a> {
    InConfig(&'a str),
    InSuppression(&'a str),
}

impl Finding for UnknownRuleCode<'_> {
    const RULE: &'static Rule = &UNKNOWN_RULE_CODE;

    fn message(&self) -> Text {
        match self {
            UnknownRuleCode::InConfig(code) => Text::new(
                format!("unknown rule code `{code}`"),
                format!("未知的规则代码“{code}”"),
            ),
            UnknownRuleCode::InSuppression(code) => Text::new(
                format!("unknown rule code `{code}` in this suppression"),
                format!("抑制注释中的规则代码“{code}”不存在"),
            ),
        }
    }

    fn help(&self) -> Text {
        Text::new(
            "use a code listed by `kpi explain --all` (docs/rules.md)",
            "请使用 `kpi explain --all`（docs/rules.md）列出的代码",
        )
    }
}

pub const SUPPRESSION_WITHOUT_REASON: Rule = Rule {
    code: "K1002",
    name: "suppression-without-reason",
    severity: Severity::Warning,
    loses_data: false,
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
};

/// K1002's finding: a suppression that gives no reason.
pub struct SuppressionWithoutReason;

impl Finding for SuppressionWithoutReason {
    const RULE: &'static Rule = &SUPPRESSION_WITHOUT_REASON;

    fn message(&self) -> Text {
        Text::new("this suppression gives no reason", "此抑制注释没有写理由")
    }

    fn help(&self) -> Text {
        Text::new(
            "say why after ` -- `: `// kpi: allow K0605 -- 上限由立项批复确定`",
            "在 ` -- ` 之后写明理由：`// kpi: allow K0605 -- 上限由立项批复确定`",
        )
    }
}

pub const INVALID_CONFIG: Rule = Rule {
    code: "K1003",
    name: "invalid-config",
    severity: Severity::Error,
    loses_data: false,
    title: Doc { en: "kpi.toml cannot be read", zh: "kpi.toml 无法读取" },
    what: Doc {
        en: "Checks that `kpi.toml` is valid TOML and uses only known settings: `year`, `lang` (`zh` or `en`), `profile` (`generic`, `lhasa-2023`, `central-2021` or the path of a profile file, docs/profiles.md), `scoring` (`national-2020`, `hubei-2022` or the path of a scoring profile, docs/scoring.md), `[units]` (`\"标准箱\" = \"count\"`), `[thresholds]` (`satisfaction_min`, `rate_min`, `late_filing_after` as \"MM-DD\", `weight_total`) and `[rules]` (`CODE = \"allow\" | \"warn\" | \"error\"`); `[fmt]` is the formatter's (`keywords`, see docs/editors.md).",
        zh: "检查 `kpi.toml` 是有效的 TOML，且只使用已知设置：`year`、`lang`（`zh` 或 `en`）、`profile`（`generic`、`lhasa-2023`、`central-2021` 或配置方案文件路径，见 docs/profiles.md）、`scoring`（`national-2020`、`hubei-2022` 或评分规则文件路径，见 docs/scoring.md）、`[units]`（`\"标准箱\" = \"count\"`）、`[thresholds]`（`satisfaction_min`、`rate_min`、`late_filing_after` 格式 \"MM-DD\"、`weight_total`）和 `[rules]`（`代码 = \"allow\" | \"warn\" | \"error\"`）；`[fmt]` 属于格式化工具（`keywords`，见 docs/editors.md）。",
    },
    why: Doc {
        en: "A setting kpi does not understand is ignored; the checks then run with defaults the writer did not intend.",
        zh: "无法识别的设置会被忽略，检查将按默认值进行，与填报人的本意不符。",
    },
    example: "# kpi.toml\nprofile = \"lhasa\"\n[thresholds]\nsatisfaction_min = \"high\"",
    fix: Doc {
        en: "Correct the setting's name or value; the defaults are year from the forms, profile generic, satisfaction_min 80, rate_min 60, late_filing_after and weight_total from the profile (\"06-30\"; 90 or 100 under generic).",
        zh: "改正设置名或取值；默认值：年度取自表单，profile 为 generic，satisfaction_min 80，rate_min 60，late_filing_after 与 weight_total 取自配置方案（\"06-30\"；generic 下为 90 或 100）。",
    },
};

/// K1003's finding: a setting kpi.toml cannot take, as the TOML parser or the setting's own
/// check words it.
pub struct InvalidConfig(pub Text);

impl Finding for InvalidConfig {
    const RULE: &'static Rule = &INVALID_CONFIG;

    fn message(&self) -> Text {
        self.0.clone()
    }

    fn help(&self) -> Text {
        Text::new(
            "see `docs/rules.md` (K1003) for the settings kpi.toml accepts",
            "kpi.toml 可用的设置见 `docs/rules.md`（K1003）",
        )
    }
}

pub const FORM_DOES_NOT_FIT_PROFILE: Rule = Rule {
    code: "K1004",
    name: "form-does-not-fit-profile",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc { en: "The form is laid out for another template than the profile's", zh: "表单样式与配置方案的模板不符" },
    what: Doc {
        en: "Checks, once per project form, that the form is laid out as its profile's template: cost (成本指标) under 产出 where the profile expects the 2021 level-1 cost, or the reverse. When it is not, the profile's required categories (K0501) are not judged one by one for that form.",
        zh: "对每份项目表检查一次其样式是否与配置方案的模板一致：方案要求 2021 年起的一级成本指标，表中却把成本放在产出下，或相反。不一致时，不再逐项判断该表的必填类别（K0501）。",
    },
    why: Doc {
        en: "A form checked under another region's or year's template would get one false finding per category; one finding that names the mismatch is what a reviewer needs.",
        zh: "按其他地区或年份的模板检查，会在每个类别都报一条不实的问题；审核人需要的是一条指出样式不符的提示。",
    },
    example: "// kpi.toml: profile = \"central-2021\"\nproject \"科技专项\" {\n  output cost \"项目预算控制数\" <= 10万元;\n}",
    fix: Doc {
        en: "Set the profile of your region's template in kpi.toml (docs/profiles.md), or lay the form out as the profile's template does.",
        zh: "在 kpi.toml 中设置本地模板对应的配置方案（docs/profiles.md），或按该方案的模板填写。",
    },
};

/// K1004's finding: a form laid out for another template than the profile's.
pub struct ProfileMismatch {
    /// Why the form does not fit, as the profile words it.
    pub why: Text,
}

impl Finding for ProfileMismatch {
    const RULE: &'static Rule = &FORM_DOES_NOT_FIT_PROFILE;

    fn message(&self) -> Text {
        self.why.clone()
    }

    fn help(&self) -> Text {
        Text::new(
            "set the profile of your region's template in kpi.toml (`profile = \"generic\"`, `\"central-2021\"`, `\"lhasa-2023\"` or a file of your own, see docs/profiles.md), or lay the form out as the profile's template does",
            "在 kpi.toml 中设置本地模板对应的配置方案（`profile = \"generic\"`、`\"central-2021\"`、`\"lhasa-2023\"` 或自定义文件，见 docs/profiles.md），或按该方案的模板填写",
        )
    }
}

/// The rules of this family, in code order.
pub const RULES: &[&Rule] = &[
    &UNKNOWN_RULE_CODE,
    &SUPPRESSION_WITHOUT_REASON,
    &INVALID_CONFIG,
    &FORM_DOES_NOT_FIT_PROFILE,
];
