//! Profiles (地区模板配置): what a region's template requires, as data.
//!
//! Which header fields a project form must fill, which level-2 categories are required (必填),
//! where cost stands (under 产出 before 2021, its own level 1 after the 2021 central guidance),
//! the filing deadline and what weights add up to differ by province and year. A profile says
//! them in a TOML file: three are built in (`src/check/profiles/*.toml`: `lhasa-2023`,
//! `central-2021`, `generic`), and `kpi.toml` may name a file of its own
//! (`profile = "profiles/sichuan-2022.toml"`). docs/profiles.md documents each.

use rust_decimal::Decimal;

use crate::diag::Text;
use crate::model::{Indicator, Level1, Level2};

/// The built-in profiles: (name, TOML text).
pub const BUILT_IN: &[(&str, &str)] = &[
    ("central-2021", include_str!("profiles/central-2021.toml")),
    ("generic", include_str!("profiles/generic.toml")),
    ("lhasa-2023", include_str!("profiles/lhasa-2023.toml")),
];

/// The profile used when `kpi.toml` names none: it assumes nothing regional.
pub const DEFAULT: &str = "generic";

/// Where a template puts cost (成本指标).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostPlacement {
    /// Under 产出指标 (2015–2020 templates).
    Output,
    /// Its own level 1 (2021 central guidance).
    Level1,
    /// Either is accepted.
    Either,
}

/// A header field of a project form that a template may require.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderField {
    /// 主管部门
    Department,
    /// 实施单位
    Unit,
    /// 项目期
    Period,
    /// 年度资金总额
    Budget,
    /// 填报日期
    Filed,
    /// 填报人及联系电话
    Contact,
}

impl HeaderField {
    fn from_name(name: &str) -> Option<HeaderField> {
        Some(match name {
            "department" => HeaderField::Department,
            "unit" => HeaderField::Unit,
            "period" => HeaderField::Period,
            "budget" => HeaderField::Budget,
            "filed" => HeaderField::Filed,
            "contact" => HeaderField::Contact,
            _ => return None,
        })
    }
}

/// One required category: satisfied by an indicator in any of the alternatives (level 1, and
/// a level 2 or, when `None`, any level 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// How the category is named in messages.
    pub name: Text,
    pub alternatives: Vec<(Level1, Option<Level2>)>,
}

impl Requirement {
    /// True when the indicator stands in one of the alternatives.
    pub fn matches(&self, ind: &Indicator) -> bool {
        self.alternatives
            .iter()
            .any(|(l1, l2)| ind.level1 == *l1 && l2.is_none_or(|l2| ind.level2 == Some(l2)))
    }
}

/// A region's template requirements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// `central-2021`, or the path of a user profile.
    pub name: String,
    /// What the profile is, in words.
    pub title: String,
    pub cost: CostPlacement,
    pub project_header: Vec<HeaderField>,
    pub project_required: Vec<Requirement>,
    pub department_required: Vec<Requirement>,
    /// (month, day): a form filed after this day of its budget year is late (K0802).
    pub late_filing_after: (u32, u32),
    /// What weights (分值) may add up to (K0901); the first is named in messages.
    pub weight_totals: Vec<Decimal>,
}

impl Profile {
    /// A built-in profile by name.
    pub fn built_in(name: &str) -> Option<Profile> {
        // Parsed once per process, not once per filing: every filing's configuration starts
        // from the default profile, and parsing its TOML was 3% of checking a batch of small
        // filings (issue 14).
        static PARSED: std::sync::OnceLock<Vec<(&str, Option<Profile>)>> =
            std::sync::OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            BUILT_IN
                .iter()
                // The built-in files are tested (`built_in_profiles_parse`); a failure here
                // is a bug.
                .map(|(n, text)| (*n, Profile::from_toml(text).ok()))
                .collect()
        });
        parsed.iter().find(|(n, _)| *n == name)?.1.clone()
    }

    /// The profile used when none is named.
    pub fn default_profile() -> Profile {
        Profile::built_in(DEFAULT).unwrap_or_else(|| Profile {
            name: DEFAULT.into(),
            title: String::new(),
            cost: CostPlacement::Either,
            project_header: vec![HeaderField::Budget],
            project_required: Vec::new(),
            department_required: Vec::new(),
            late_filing_after: (6, 30),
            weight_totals: vec![Decimal::from(90), Decimal::from(100)],
        })
    }

    /// Reads a profile file. The error says, in both languages, what is wrong.
    pub fn from_toml(text: &str) -> Result<Profile, Text> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            Text::new(
                format!("the profile is not valid TOML: {}", e.message()),
                format!("配置方案文件不是有效的 TOML：{}", e.message()),
            )
        })?;
        let bad = |what: &str| {
            Text::new(
                format!("the profile's `{what}` is missing or invalid (see docs/profiles.md)"),
                format!("配置方案的“{what}”缺失或无效（见 docs/profiles.md）"),
            )
        };
        let string = |key: &str| table.get(key).and_then(|v| v.as_str()).map(str::to_string);
        let name = string("name").ok_or_else(|| bad("name"))?;
        let title = string("title").unwrap_or_default();
        let cost = match string("cost").as_deref() {
            Some("output") => CostPlacement::Output,
            Some("level1") => CostPlacement::Level1,
            Some("either") | None => CostPlacement::Either,
            Some(_) => return Err(bad("cost")),
        };
        let late_filing_after = match table.get("late_filing_after") {
            None => (6, 30),
            Some(v) => month_day(v).ok_or_else(|| bad("late_filing_after"))?,
        };
        let weight_totals = match table.get("weight_total") {
            None => vec![Decimal::from(90)],
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|v| v.as_integer().map(Decimal::from))
                .collect::<Option<Vec<_>>>()
                .filter(|v| !v.is_empty())
                .ok_or_else(|| bad("weight_total"))?,
            Some(v) => vec![v
                .as_integer()
                .map(Decimal::from)
                .ok_or_else(|| bad("weight_total"))?],
        };
        let section = |key: &str| table.get(key).and_then(|v| v.as_table());
        let list = |section: Option<&toml::Table>, key: &str| -> Result<Vec<String>, Text> {
            match section.and_then(|s| s.get(key)) {
                None => Ok(Vec::new()),
                Some(toml::Value::Array(items)) => items
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| bad(key)),
                Some(_) => Err(bad(key)),
            }
        };
        let project = section("project");
        let department = section("department");
        let project_header = list(project, "header")?
            .iter()
            .map(|h| HeaderField::from_name(h).ok_or_else(|| bad(&format!("project.header {h}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let requirements = |items: Vec<String>| {
            items
                .iter()
                .map(|r| requirement(r).ok_or_else(|| bad(&format!("required {r}"))))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Profile {
            name,
            title,
            cost,
            project_header,
            project_required: requirements(list(project, "required")?)?,
            department_required: requirements(list(department, "required")?)?,
            late_filing_after,
            weight_totals,
        })
    }

    /// True when the profile requires this header field of a project form.
    pub fn requires(&self, field: HeaderField) -> bool {
        self.project_header.contains(&field)
    }

    /// Why a form does not look like this profile's template, if it does not: said once per
    /// form (K1004) instead of one finding per category the form "misses".
    pub fn mismatch(&self, indicators: &[Indicator]) -> Option<Text> {
        let under_output = indicators
            .iter()
            .any(|i| i.level1 == Level1::Output && i.level2 == Some(Level2::Cost));
        let level1 = indicators.iter().any(|i| i.level1 == Level1::Cost);
        match self.cost {
            CostPlacement::Level1 if under_output && !level1 => Some(Text::new(
                format!(
                    "this form puts cost under 产出指标 (the layout before 2021), but profile `{}` expects 成本指标 as its own level 1",
                    self.name
                ),
                format!(
                    "本表把成本指标放在产出指标下（2021 年以前的样式），而配置方案“{}”要求成本指标为一级指标",
                    self.name
                ),
            )),
            CostPlacement::Output if level1 && !under_output => Some(Text::new(
                format!(
                    "this form has 成本指标 as a level 1 (the 2021 layout), but profile `{}` expects cost under 产出指标",
                    self.name
                ),
                format!(
                    "本表成本指标为一级指标（2021 年样式），而配置方案“{}”要求成本指标放在产出指标下",
                    self.name
                ),
            )),
            _ => None,
        }
    }
}

fn month_day(v: &toml::Value) -> Option<(u32, u32)> {
    let (m, d) = v.as_str()?.split_once('-')?;
    let (m, d) = (m.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// How a requirement is named in messages: (English, Chinese).
fn requirement_name(alternatives: &[(Level1, Option<Level2>)]) -> (String, String) {
    use Level1 as L1;
    use Level2 as L2;
    let named = |en: &str, zh: &str| (en.to_string(), zh.to_string());
    match alternatives {
        [(L1::Output, Some(L2::Cost)), (L1::Cost, None)]
        | [(L1::Cost, None), (L1::Output, Some(L2::Cost))] => named("cost (成本指标)", "成本指标"),
        [(L1::Cost, None)] => named(
            "level-1 cost (成本指标, 2021 guidance)",
            "一级成本指标（2021年起）",
        ),
        [(L1::Output, Some(L2::Quantity))] => named("output quantity (数量指标)", "数量指标"),
        [(L1::Output, Some(L2::Quality))] => named("output quality (质量指标)", "质量指标"),
        [(L1::Output, Some(L2::Timeliness))] => named("output timeliness (时效指标)", "时效指标"),
        [(L1::Effect, Some(L2::Social))] => named("social effect (社会效益指标)", "社会效益指标"),
        [(L1::Effect, Some(L2::Economic))] => {
            named("economic effect (经济效益指标)", "经济效益指标")
        }
        [(L1::Effect, Some(L2::Ecological))] => {
            named("ecological effect (生态效益指标)", "生态效益指标")
        }
        [(L1::Effect, Some(L2::Sustainable))] => {
            named("sustainable impact (可持续影响指标)", "可持续影响指标")
        }
        [(L1::Satisfaction, Some(L2::Service))] => named(
            "service-object satisfaction (服务对象满意度指标)",
            "服务对象满意度指标",
        ),
        [(L1::Satisfaction, Some(L2::Public))] => named(
            "public satisfaction (社会公众满意度指标)",
            "社会公众满意度指标",
        ),
        _ => {
            let en: Vec<String> = alternatives
                .iter()
                .map(|(l1, l2)| match l2 {
                    Some(l2) => format!(
                        "{} {} ({})",
                        l1.keyword(),
                        l2.keyword(),
                        l2.chinese_under(*l1)
                    ),
                    None => format!("{} ({})", l1.keyword(), l1.chinese()),
                })
                .collect();
            let zh: Vec<&str> = alternatives
                .iter()
                .map(|(l1, l2)| l2.map_or(l1.chinese(), |l2| l2.chinese_under(*l1)))
                .collect();
            (en.join(" or "), zh.join("或"))
        }
    }
}

/// A requirement written `output.quantity`, `cost`, `output.cost|cost`.
fn requirement(text: &str) -> Option<Requirement> {
    let mut alternatives = Vec::new();
    for alt in text.split('|') {
        let (l1, l2) = match alt.trim().split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (alt.trim(), None),
        };
        let level1 = Level1::from_keyword(l1)?;
        let level2 = match l2 {
            Some(k) => {
                let l2 = Level2::from_keyword(k)?;
                if !level1.children().contains(&l2) {
                    return None;
                }
                Some(l2)
            }
            None => None,
        };
        alternatives.push((level1, level2));
    }
    let (en, zh) = requirement_name(&alternatives);
    Some(Requirement {
        name: Text::new(en, zh),
        alternatives,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_profiles_parse() {
        for (name, text) in BUILT_IN {
            let p = Profile::from_toml(text).unwrap_or_else(|e| panic!("{name}: {}", e.en));
            assert_eq!(&p.name, name);
        }
        let central = Profile::built_in("central-2021").unwrap();
        assert_eq!(central.cost, CostPlacement::Level1);
        assert_eq!(central.project_required.len(), 6);
        let generic = Profile::built_in("generic").unwrap();
        assert!(generic.project_required.is_empty());
        assert_eq!(generic.weight_totals.len(), 2);
    }

    #[test]
    fn bad_profiles_are_explained() {
        let err =
            Profile::from_toml("name = \"x\"\n[project]\nrequired = [\"output.sustainable\"]")
                .unwrap_err();
        assert!(err.en.contains("required output.sustainable"), "{}", err.en);
        assert!(Profile::from_toml("title = \"no name\"").is_err());
        assert!(Profile::from_toml("name = \"x\"\ncost = \"sideways\"").is_err());
    }
}
