//! Dates and periods (日期, 项目期): days, months, years and ranges, as written on forms.

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use super::Quantity;

/// A calendar day or month: `2023-01-28` or `2023-07`. Always a real date (checked on lowering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    /// `None` for a month (`2023-07`, `2023年7月`).
    pub day: Option<u32>,
}

impl Date {
    /// A date when the parts make a real calendar date.
    pub fn new(year: i32, month: u32, day: Option<u32>) -> Option<Date> {
        if !(1..=12).contains(&month) || !(1900..=2999).contains(&year) {
            return None;
        }
        if let Some(d) = day {
            if d == 0 || d > days_in_month(year, month) {
                return None;
            }
        }
        Some(Date { year, month, day })
    }
}

/// Days in a month of the Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A day (YYYY-MM-DD) or a month (YYYY-MM).",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"
        })
    }
}

/// 项目期 — a project's period, or a period used as an indicator value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Period {
    /// A calendar year: `2023`, `2023年`.
    Year { year: i32 },
    /// A length of time: `365天`, `1年`.
    Duration { length: Quantity },
    /// From one day or month to another: `2021年1月-2021年12月`.
    Range { from: Date, to: Date },
    /// A single day or month.
    Date { date: Date },
    /// Free text, recorded as written.
    Text { text: String },
}
