//! The model → the JSON output types: what of the model is published, and how.
//!
//! Spans, file indexes, unparsed statements and custom units' conversions stay behind; decimals
//! become the strings they were written as; money gains its value in 元.

use super::types as out;
use super::types::{FilingJson, JSON_VERSION};
use crate::model;

impl From<&model::Filing> for FilingJson {
    /// Forms are converted on all cores, in order (a batch's JSON is one document; issue 14).
    fn from(f: &model::Filing) -> Self {
        use rayon::prelude::*;
        FilingJson {
            kpi_json_version: JSON_VERSION,
            departments: f.departments.par_iter().map(Into::into).collect(),
            projects: f.projects.par_iter().map(Into::into).collect(),
        }
    }
}

impl From<&model::Department> for out::Department {
    fn from(d: &model::Department) -> Self {
        out::Department {
            name: d.name.clone(),
            origin: (&d.origin).into(),
            code: d.code.clone(),
            implementing_unit: d.implementing_unit.clone(),
            year: d.year,
            funds: d.funds.as_ref().map(Into::into),
            filed: d.filed.as_ref().map(Into::into),
            goals: d.goals.iter().map(Into::into).collect(),
            indicators: d.indicators.iter().map(Into::into).collect(),
        }
    }
}

impl From<&model::Project> for out::Project {
    fn from(p: &model::Project) -> Self {
        out::Project {
            name: p.name.clone(),
            origin: (&p.origin).into(),
            year: p.year,
            department: p.department.clone(),
            department_code: p.code.clone(),
            implementing_unit: p.implementing_unit.clone(),
            kind: p.kind.as_ref().map(Into::into),
            period: p.period.as_ref().map(|s| out::ProjectPeriod {
                period: (&s.value).into(),
            }),
            budget: p.budget.as_ref().map(Into::into),
            filed: p.filed.as_ref().map(Into::into),
            goals: p.goals.iter().map(Into::into).collect(),
            indicators: p.indicators.iter().map(Into::into).collect(),
            execution: (!p.execution.is_empty()).then(|| (&p.execution).into()),
        }
    }
}

impl From<&model::Execution> for out::Execution {
    fn from(e: &model::Execution) -> Self {
        out::Execution {
            adjusted: e.adjusted.as_ref().map(Into::into),
            executed: e.executed.as_ref().map(Into::into),
            midyear: e.midyear.as_ref().map(Into::into),
            forecast: e.forecast.as_ref().map(Into::into),
            rate: None,
            score: e.score.as_ref().map(|s| out::Score {
                claimed: Some(s.value.to_string()),
                ..out::Score::default()
            }),
            total: e.total_score.as_ref().map(|s| out::Score {
                claimed: Some(s.value.to_string()),
                ..out::Score::default()
            }),
            scoring_profile: None,
            outcome: e.outcome.as_ref().map(|s| s.value.clone()),
            reason: e.reason.as_ref().map(|s| s.value.clone()),
        }
    }
}

impl From<&model::Assessment> for out::Assessment {
    fn from(a: &model::Assessment) -> Self {
        out::Assessment {
            actual: a.actual.as_ref().map(|v| (&v.value).into()),
            score: a.score.as_ref().map(|s| out::Score {
                claimed: Some(s.value.to_string()),
                ..out::Score::default()
            }),
            grade: a.grade.as_ref().map(|g| g.value.keyword().to_string()),
            reason: a.reason.as_ref().map(|s| s.value.clone()),
            midyear: a.midyear.as_ref().map(|v| (&v.value).into()),
            forecast: a.forecast.as_ref().map(|v| (&v.value).into()),
            cause: a.cause.as_ref().map(|c| c.value.keyword().to_string()),
            likelihood: a.likelihood.as_ref().map(|l| l.value.keyword().to_string()),
        }
    }
}

/// Adds the scores a profile gives to a self-evaluation's JSON (the claimed ones are there).
pub(super) fn add_scores(
    json: &mut out::Project,
    p: &model::Project,
    profile: &crate::score::ScoringProfile,
) {
    let Some(card) = crate::score::score(p, profile) else {
        return;
    };
    // Computed scores are exact, without trailing zeros; claimed ones as written.
    let text = |d: Option<rust_decimal::Decimal>| d.map(|d| d.normalize().to_string());
    let written = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string());
    if let Some(e) = json.execution.as_mut() {
        e.rate = text(card.execution.rate);
        e.scoring_profile = Some(profile.name.clone());
        e.score = Some(out::Score {
            weight: Some(card.execution.weight.to_string()),
            computed: text(card.execution.computed),
            claimed: written(card.execution.claimed),
        });
        e.total = Some(out::Score {
            weight: Some(profile.total.to_string()),
            computed: text(card.scaled_total.or(card.total)),
            claimed: written(card.claimed_total),
        });
    }
    for (ind, s) in json.indicators.iter_mut().zip(&card.indicators) {
        let a = ind.assessment.get_or_insert_with(out::Assessment::default);
        a.score = Some(out::Score {
            weight: text(s.weight),
            computed: text(s.computed),
            claimed: written(s.claimed),
        });
    }
}

impl From<&model::Origin> for out::Origin {
    fn from(o: &model::Origin) -> Self {
        out::Origin {
            file: o.file.clone(),
            line: o.line,
        }
    }
}

impl From<&model::Funds> for out::Funds {
    fn from(f: &model::Funds) -> Self {
        out::Funds {
            lines: f.lines.iter().map(Into::into).collect(),
            totals: f.totals.iter().map(Into::into).collect(),
        }
    }
}

impl From<&model::FundsLine> for out::FundsLine {
    fn from(l: &model::FundsLine) -> Self {
        out::FundsLine {
            category: l.category.into(),
            name: l.name.clone(),
            amount: (&l.amount).into(),
            split: (&l.split).into(),
            link: l.link.clone(),
            line: l.line,
        }
    }
}

impl From<model::LineCategory> for out::LineCategory {
    fn from(c: model::LineCategory) -> Self {
        match c {
            model::LineCategory::Basic => out::LineCategory::Basic,
            model::LineCategory::Project => out::LineCategory::Project,
        }
    }
}

impl From<&model::StatedTotal> for out::StatedTotal {
    fn from(t: &model::StatedTotal) -> Self {
        out::StatedTotal {
            category: t.category.map(Into::into),
            amount: (&t.amount).into(),
            split: (&t.split).into(),
            line: t.line,
        }
    }
}

impl From<&model::Split> for out::Split {
    fn from(s: &model::Split) -> Self {
        out::Split {
            fiscal: s.fiscal.as_ref().map(Into::into),
            transfer: s.transfer.as_ref().map(Into::into),
            carryover: s.carryover.as_ref().map(Into::into),
            other: s.other.as_ref().map(Into::into),
        }
    }
}

impl From<&model::Entry> for out::Entry {
    fn from(e: &model::Entry) -> Self {
        out::Entry {
            amount: e.amount.as_ref().map(Into::into),
        }
    }
}

impl From<&model::Budget> for out::Budget {
    fn from(b: &model::Budget) -> Self {
        out::Budget {
            total: (&b.total).into(),
            split: (&b.split).into(),
        }
    }
}

impl From<&model::Filed> for out::Filed {
    fn from(f: &model::Filed) -> Self {
        out::Filed {
            date: f.date.as_ref().map(|d| out::FiledDate {
                date: (&d.value).into(),
            }),
            filer: f.filer.clone(),
            phone: f.phone.clone(),
        }
    }
}

impl From<&model::Goal> for out::Goal {
    fn from(g: &model::Goal) -> Self {
        out::Goal {
            text: g.text.clone(),
        }
    }
}

impl From<&model::Kind> for out::Kind {
    fn from(k: &model::Kind) -> Self {
        out::Kind {
            kinds: k.kinds.iter().map(|&k| k.into()).collect(),
            text: k.text.clone(),
        }
    }
}

impl From<model::ProjectKind> for out::ProjectKind {
    fn from(k: model::ProjectKind) -> Self {
        match k {
            model::ProjectKind::OneOff => out::ProjectKind::OneOff,
            model::ProjectKind::Recurring => out::ProjectKind::Recurring,
            model::ProjectKind::Subsidy => out::ProjectKind::Subsidy,
            model::ProjectKind::New => out::ProjectKind::New,
            model::ProjectKind::Continuing => out::ProjectKind::Continuing,
        }
    }
}

impl From<&model::Indicator> for out::Indicator {
    fn from(i: &model::Indicator) -> Self {
        out::Indicator {
            level1: i.level1.into(),
            level2: i.level2.map(Into::into),
            name: i.name.clone(),
            value: i.value.as_ref().map(Into::into),
            weight: i.weight.map(|w| w.to_string()),
            explanation: i.explanation.clone(),
            scoring: i.scoring.clone(),
            standard: i.standard.clone(),
            direction: i.direction.map(Into::into),
            assessment: (!i.assessment().is_empty()).then(|| i.assessment().into()),
            line: i.line,
        }
    }
}

impl From<model::Level1> for out::Level1 {
    fn from(l: model::Level1) -> Self {
        match l {
            model::Level1::Output => out::Level1::Output,
            model::Level1::Cost => out::Level1::Cost,
            model::Level1::Effect => out::Level1::Effect,
            model::Level1::Satisfaction => out::Level1::Satisfaction,
        }
    }
}

impl From<model::Level2> for out::Level2 {
    fn from(l: model::Level2) -> Self {
        match l {
            model::Level2::Quantity => out::Level2::Quantity,
            model::Level2::Quality => out::Level2::Quality,
            model::Level2::Timeliness => out::Level2::Timeliness,
            model::Level2::Cost => out::Level2::Cost,
            model::Level2::Economic => out::Level2::Economic,
            model::Level2::Social => out::Level2::Social,
            model::Level2::Ecological => out::Level2::Ecological,
            model::Level2::Sustainable => out::Level2::Sustainable,
            model::Level2::Service => out::Level2::Service,
            model::Level2::Public => out::Level2::Public,
        }
    }
}

impl From<&model::Value> for out::Value {
    fn from(v: &model::Value) -> Self {
        match v {
            model::Value::Quantitative {
                comparator,
                explicit,
                quantity,
            } => out::Value::Quantitative {
                comparator: (*comparator).into(),
                explicit: *explicit,
                quantity: quantity.into(),
            },
            model::Value::Date {
                comparator,
                explicit,
                date,
            } => out::Value::Date {
                comparator: (*comparator).into(),
                explicit: *explicit,
                date: date.into(),
            },
            model::Value::Period {
                comparator,
                explicit,
                from,
                to,
            } => out::Value::Period {
                comparator: (*comparator).into(),
                explicit: *explicit,
                from: from.into(),
                to: to.into(),
            },
            model::Value::Qualitative { text } => out::Value::Qualitative { text: text.clone() },
        }
    }
}

impl From<model::Comparator> for out::Comparator {
    fn from(c: model::Comparator) -> Self {
        match c {
            model::Comparator::AtLeast => out::Comparator::AtLeast,
            model::Comparator::AtMost => out::Comparator::AtMost,
            model::Comparator::Above => out::Comparator::Above,
            model::Comparator::Below => out::Comparator::Below,
            model::Comparator::Equal => out::Comparator::Equal,
        }
    }
}

impl From<model::Direction> for out::Direction {
    fn from(d: model::Direction) -> Self {
        match d {
            model::Direction::Positive => out::Direction::Positive,
            model::Direction::Negative => out::Direction::Negative,
        }
    }
}

impl From<&model::Quantity> for out::Quantity {
    fn from(q: &model::Quantity) -> Self {
        out::Quantity {
            value: q.value.to_string(),
            multiplier: q.multiplier.map(Into::into),
            unit: q.unit.as_ref().map(|u| u.symbol.clone()),
            dimension: q.dimension().map(Into::into),
            normalized: q.normalized().map(|(value, unit)| out::Normalized {
                value: value.to_string(),
                unit,
            }),
            text: q.written(),
        }
    }
}

impl From<model::Multiplier> for out::Multiplier {
    fn from(m: model::Multiplier) -> Self {
        match m {
            model::Multiplier::Thousand => out::Multiplier::Thousand,
            model::Multiplier::TenThousand => out::Multiplier::TenThousand,
            model::Multiplier::HundredMillion => out::Multiplier::HundredMillion,
        }
    }
}

impl From<model::Dimension> for out::Dimension {
    fn from(d: model::Dimension) -> Self {
        match d {
            model::Dimension::Money => out::Dimension::Money,
            model::Dimension::Percent => out::Dimension::Percent,
            model::Dimension::Time => out::Dimension::Time,
            model::Dimension::Count => out::Dimension::Count,
            model::Dimension::Area => out::Dimension::Area,
            model::Dimension::Length => out::Dimension::Length,
            model::Dimension::Mass => out::Dimension::Mass,
            model::Dimension::Volume => out::Dimension::Volume,
            model::Dimension::Energy => out::Dimension::Energy,
            model::Dimension::Ratio => out::Dimension::Ratio,
            model::Dimension::Compound => out::Dimension::Compound,
            model::Dimension::Other => out::Dimension::Other,
        }
    }
}

impl From<&model::Period> for out::Period {
    fn from(p: &model::Period) -> Self {
        match p {
            model::Period::Year { year } => out::Period::Year { year: *year },
            model::Period::Duration { length } => out::Period::Duration {
                length: length.into(),
            },
            model::Period::Range { from, to } => out::Period::Range {
                from: from.into(),
                to: to.into(),
            },
            model::Period::Date { date } => out::Period::Date { date: date.into() },
            model::Period::Text { text } => out::Period::Text { text: text.clone() },
        }
    }
}

impl From<&model::Date> for out::Date {
    /// `YYYY-MM-DD`, or `YYYY-MM` for a month (the model's `Display`).
    fn from(d: &model::Date) -> Self {
        out::Date(d.to_string())
    }
}
