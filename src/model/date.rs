//! Dates and periods (日期, 项目期): days, months, years and ranges, as written on forms.

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

impl Date {
    /// The day an Excel date serial encodes (Excel's 1900 system: serial 1 is 1900-01-01, and
    /// Excel counts a 29 February 1900 that never was, so from serial 61 on the days run from
    /// 1899-12-30). Only serials of days in 2000–2099 (36526–73050) are taken as dates: a
    /// smaller or larger five-digit number is more likely a count than a pasted date cell.
    pub fn from_excel_serial(serial: i64) -> Option<Date> {
        if !(36_526..=73_050).contains(&serial) {
            return None;
        }
        // Days from 1970-01-01 (civil-from-days, Howard Hinnant's algorithm).
        let z = serial - 25_569 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date::new(year, month, Some(day))
    }

    /// The date as `kpi fmt` writes a date typed in an unusual spelling: ISO `2023-01-28`,
    /// or `2023年1月28日` when it was written with Chinese characters.
    pub fn canonical(&self, chinese: bool) -> String {
        match (chinese, self.day) {
            (true, Some(d)) => format!("{}年{}月{}日", self.year, self.month, d),
            (true, None) => format!("{}年{}月", self.year, self.month),
            (false, _) => self.to_string(),
        }
    }
}

/// Reads the numbers of a date as a filer writes it: `2023-01-28`, `2023.1.28`, `2023/01/28`,
/// `2023年1月28日`, `2023 年 1 月 28`, `20230128`; or of a month (`2023-07`, `2023年7月`).
/// The result may not be a real date: [`Date::new`] decides.
pub fn date_parts(text: &str) -> Option<(i32, u32, Option<u32>)> {
    let nums: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    if let [compact] = nums.as_slice() {
        if compact.len() == 6 {
            return Some((compact[..4].parse().ok()?, compact[4..].parse().ok()?, None));
        }
        if compact.len() == 8 {
            return Some((
                compact[..4].parse().ok()?,
                compact[4..6].parse().ok()?,
                Some(compact[6..].parse().ok()?),
            ));
        }
    }
    let year: i32 = nums.first()?.parse().ok()?;
    let month: u32 = nums.get(1)?.parse().ok()?;
    let day = match nums.get(2) {
        Some(d) => Some(d.parse().ok()?),
        None => None,
    };
    Some((year, month, day))
}

/// True when `kpi fmt` keeps this spelling of a date: ISO with two-digit parts or one-digit
/// ones (`2023-01-28`, `2023-1-28`), dotted (`2023.01.28`), or Chinese with 日/号 and no spaces.
pub fn is_canonical_date(text: &str) -> bool {
    let ascii_sep = |sep: char| {
        let parts: Vec<&str> = text.split(sep).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    ascii_sep('-')
        || ascii_sep('.')
        || (text.contains('年')
            && (text.ends_with('日') || text.ends_with('号'))
            && !text.contains([' ', '\u{3000}']))
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

/// 项目期 — a project's period, or a period used as an indicator value.
#[derive(Debug, Clone, PartialEq, Eq)]
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
