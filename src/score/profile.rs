//! Scoring profiles (评分规则): how a self-evaluation is scored, as data.
//!
//! The finance ministry publishes the national rules (财预〔2020〕10号); provinces publish
//! their own (execution weighted 20, tiered execution scores …). A profile says them in a
//! TOML file: the built-in ones are `src/score/profiles/*.toml`, and `kpi.toml` may name a
//! file of its own (`scoring = "scoring/my-province.toml"`). docs/scoring.md documents each
//! with the sentences it stands on.
//!
//! Every figure is exact: written as a string (`"0.9"`) or an integer, never a TOML float,
//! so that `0.1` means one tenth and not the nearest binary fraction.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::diag::Text;
use crate::model::{Grade, Level1};

/// The built-in scoring profiles: (name, TOML text).
pub const BUILT_IN: &[(&str, &str)] = &[
    ("national-2020", include_str!("profiles/national-2020.toml")),
    ("hubei-2022", include_str!("profiles/hubei-2022.toml")),
];

/// The profile used when `kpi.toml` names none.
pub const DEFAULT: &str = "national-2020";

/// How the budget execution rate (预算执行率) is scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecutionRule {
    /// The rate times the weight, capped at the weight.
    Proportional,
    /// Steps: the first `(rate at least, share of the weight)` the rate reaches, from the
    /// highest; below the last step, 0.
    Tiers(Vec<(Decimal, Decimal)>),
}

/// A scoring profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoringProfile {
    /// `national-2020`
    pub name: String,
    /// Its title and source, for reports.
    pub title: String,
    /// 预算执行率分值
    pub execution_weight: Decimal,
    /// 一级指标分值: output, cost, effect, satisfaction (what the form's weights should add to).
    pub level1_weights: [(Level1, Decimal); 4],
    /// 总分
    pub total: Decimal,
    pub execution_rule: ExecutionRule,
    /// An execution rate under this needs a deviation reason.
    pub reason_below: Decimal,
    /// Missed quantitative targets score in proportion, capped at the weight.
    pub cap: bool,
    /// An actual above its target by more than this share suggests a target set too low.
    pub overshoot: Decimal,
    /// 达成 / 部分达成 / 未达成: each a range of the weight's share.
    pub grades: [(Grade, Decimal, Decimal); 3],
    /// How many decimals a score is rounded to (四舍五入).
    pub decimals: u32,
}

impl ScoringProfile {
    /// The default profile (national).
    pub fn default_profile() -> ScoringProfile {
        built_in(DEFAULT).expect("the built-in default scoring profile parses")
    }

    /// The range of the weight's share a grade gives.
    pub fn grade_range(&self, grade: Grade) -> (Decimal, Decimal) {
        self.grades
            .iter()
            .find(|(g, _, _)| *g == grade)
            .map_or((Decimal::ZERO, Decimal::ONE), |(_, lo, hi)| (*lo, *hi))
    }

    /// What the indicators of one level 1 should weigh.
    pub fn level1_weight(&self, level1: Level1) -> Decimal {
        self.level1_weights
            .iter()
            .find(|(l, _)| *l == level1)
            .map_or(Decimal::ZERO, |(_, w)| *w)
    }
}

impl Default for ScoringProfile {
    fn default() -> Self {
        ScoringProfile::default_profile()
    }
}

/// A built-in profile by name.
pub fn built_in(name: &str) -> Option<ScoringProfile> {
    // Parsed once per process, as the template profiles are (`Profile::built_in`).
    static PARSED: std::sync::OnceLock<Vec<(&str, Option<ScoringProfile>)>> =
        std::sync::OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|(n, text)| (*n, parse(text).ok()))
            .collect()
    });
    parsed.iter().find(|(n, _)| *n == name)?.1.clone()
}

/// Reads a profile from its TOML text.
pub fn parse(text: &str) -> Result<ScoringProfile, Text> {
    let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        Text::new(
            format!("the scoring profile is not valid TOML: {}", e.message()),
            format!("评分规则文件不是有效的 TOML：{}", e.message()),
        )
    })?;
    let r = Reader { doc: &doc };
    let weight = |key: &str| r.decimal("weights", key);
    let execution_rule = match r.string("execution", "rule")?.as_str() {
        "proportional" => ExecutionRule::Proportional,
        "tiers" => ExecutionRule::Tiers(r.tiers()?),
        other => {
            return Err(Text::new(
                format!("unknown execution rule `{other}` (use \"proportional\" or \"tiers\")"),
                format!("未知的执行率评分方法“{other}”（可用 \"proportional\" 或 \"tiers\"）"),
            ))
        }
    };
    let decimals = r.decimal("rounding", "decimals")?;
    let decimals = u32::try_from(decimals.trunc().mantissa())
        .ok()
        .filter(|d| *d <= 6 && decimals.fract().is_zero())
        .ok_or_else(|| {
            Text::new(
                "`[rounding] decimals` must be a whole number from 0 to 6",
                "`[rounding] decimals` 须为 0 到 6 的整数",
            )
        })?;
    Ok(ScoringProfile {
        name: r.string("", "name")?,
        title: r.string("", "title")?,
        execution_weight: weight("execution")?,
        level1_weights: [
            (Level1::Output, weight("output")?),
            (Level1::Cost, weight("cost")?),
            (Level1::Effect, weight("effect")?),
            (Level1::Satisfaction, weight("satisfaction")?),
        ],
        total: weight("total")?,
        execution_rule,
        reason_below: r.decimal("execution", "reason_below")?,
        cap: r.bool("quantitative", "cap")?,
        overshoot: r.decimal("quantitative", "overshoot")?,
        grades: [
            r.grade(Grade::Achieved, "achieved")?,
            r.grade(Grade::Partial, "partial")?,
            r.grade(Grade::Missed, "missed")?,
        ],
        decimals,
    })
}

/// Reads typed values out of the TOML table, with messages that name the key.
struct Reader<'a> {
    doc: &'a toml::Table,
}

impl Reader<'_> {
    fn get(&self, table: &str, key: &str) -> Result<&toml::Value, Text> {
        let t = if table.is_empty() {
            Some(self.doc)
        } else {
            self.doc.get(table).and_then(|t| t.as_table())
        };
        t.and_then(|t| t.get(key)).ok_or_else(|| {
            let at = if table.is_empty() {
                format!("`{key}`")
            } else {
                format!("`[{table}] {key}`")
            };
            Text::new(
                format!("the scoring profile has no {at}"),
                format!("评分规则缺少 {at}"),
            )
        })
    }

    fn string(&self, table: &str, key: &str) -> Result<String, Text> {
        match self.get(table, key)? {
            toml::Value::String(s) => Ok(s.clone()),
            _ => Err(Text::new(
                format!("`{key}` must be a text in quotes"),
                format!("`{key}` 须为带引号的文字"),
            )),
        }
    }

    fn bool(&self, table: &str, key: &str) -> Result<bool, Text> {
        self.get(table, key)?.as_bool().ok_or_else(|| {
            Text::new(
                format!("`{key}` must be true or false"),
                format!("`{key}` 须为 true 或 false"),
            )
        })
    }

    fn decimal(&self, table: &str, key: &str) -> Result<Decimal, Text> {
        exact(self.get(table, key)?, key)
    }

    fn grade(&self, grade: Grade, key: &str) -> Result<(Grade, Decimal, Decimal), Text> {
        let range = self.get("qualitative", key)?;
        let pair = range
            .as_array()
            .filter(|a| a.len() == 2)
            .ok_or_else(|| range_error(key))?;
        let lo = exact(&pair[0], key)?;
        let hi = exact(&pair[1], key)?;
        if lo > hi || hi > Decimal::ONE || lo < Decimal::ZERO {
            return Err(range_error(key));
        }
        Ok((grade, lo, hi))
    }

    fn tiers(&self) -> Result<Vec<(Decimal, Decimal)>, Text> {
        let steps = self.get("execution", "tiers")?;
        let error = || {
            Text::new(
                "`[execution] tiers` must be a list of [rate at least, share of the weight] pairs, highest rate first",
                "`[execution] tiers` 须为 [执行率下限, 得分比例] 的列表，执行率从高到低",
            )
        };
        let mut out = Vec::new();
        for step in steps.as_array().ok_or_else(error)? {
            let pair = step.as_array().filter(|a| a.len() == 2).ok_or_else(error)?;
            out.push((exact(&pair[0], "tiers")?, exact(&pair[1], "tiers")?));
        }
        if out.is_empty() || out.windows(2).any(|w| w[0].0 <= w[1].0) {
            return Err(error());
        }
        Ok(out)
    }
}

fn range_error(key: &str) -> Text {
    Text::new(
        format!("`[qualitative] {key}` must be [low, high], shares of the weight from 0 to 1"),
        format!("`[qualitative] {key}` 须为 [下限, 上限]，即分值的比例，介于 0 与 1 之间"),
    )
}

/// An exact number: an integer or a decimal written as a string. A TOML float is refused,
/// because it is binary and not what was written.
fn exact(value: &toml::Value, key: &str) -> Result<Decimal, Text> {
    match value {
        toml::Value::Integer(i) => Ok(Decimal::from(*i)),
        toml::Value::String(s) => Decimal::from_str(s.trim()).map_err(|_| not_exact(key)),
        _ => Err(not_exact(key)),
    }
}

fn not_exact(key: &str) -> Text {
    Text::new(
        format!("`{key}` must be a whole number or a decimal in quotes (\"0.9\"), not a float"),
        format!("`{key}` 须为整数或带引号的小数（\"0.9\"），不能写浮点数"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_profile_parses() {
        for (name, text) in BUILT_IN {
            let p = parse(text).unwrap_or_else(|e| panic!("{name}: {}", e.en));
            assert_eq!(p.name, *name);
        }
    }

    #[test]
    fn national_weights_are_the_published_ones() {
        let p = ScoringProfile::default_profile();
        assert_eq!(p.execution_weight, Decimal::from(10));
        assert_eq!(p.level1_weight(Level1::Output), Decimal::from(50));
        assert_eq!(p.level1_weight(Level1::Effect), Decimal::from(30));
        assert_eq!(p.level1_weight(Level1::Satisfaction), Decimal::from(10));
        assert_eq!(
            p.grade_range(Grade::Partial),
            (Decimal::new(6, 1), Decimal::new(8, 1))
        );
    }

    #[test]
    fn floats_are_refused() {
        let text = BUILT_IN[0]
            .1
            .replace("reason_below = \"0.9\"", "reason_below = 0.9");
        let e = parse(&text).unwrap_err();
        assert!(e.en.contains("not a float"), "{}", e.en);
    }

    /// A national profile with a tiered execution score instead of the proportional one.
    pub(crate) fn tiered(tiers: &str) -> String {
        BUILT_IN[0].1.replace(
            "rule = \"proportional\"",
            &format!("rule = \"tiers\"\ntiers = {tiers}"),
        )
    }

    #[test]
    fn tiers_must_fall() {
        let ok = tiered(r#"[["1", "1"], ["0.9", "0.8"]]"#);
        assert_eq!(
            parse(&ok).unwrap().execution_rule,
            ExecutionRule::Tiers(vec![
                (Decimal::ONE, Decimal::ONE),
                (Decimal::new(9, 1), Decimal::new(8, 1))
            ])
        );
        assert!(parse(&tiered(r#"[["0.9", "0.8"], ["1", "1"]]"#)).is_err());
        assert!(parse(&tiered("[]")).is_err());
    }

    #[test]
    fn hubei_scores_execution_out_of_20_with_lower_bands() {
        let p = built_in("hubei-2022").unwrap();
        assert_eq!(p.execution_weight, Decimal::from(20));
        assert_eq!(
            p.grade_range(Grade::Partial),
            (Decimal::new(5, 1), Decimal::new(8, 1))
        );
    }
}
