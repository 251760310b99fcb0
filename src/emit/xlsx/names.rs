//! Sheet and file names: Excel's rules for sheet names, and file names that stay inside the
//! output directory whatever a form is called.

use std::collections::BTreeSet;

/// The longest sheet name Excel accepts, in UTF-16 code units.
pub const MAX_SHEET_NAME: usize = 31;

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn truncate_utf16(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in s.chars() {
        if len + c.len_utf16() > max {
            break;
        }
        len += c.len_utf16();
        out.push(c);
    }
    out
}

/// A sheet name Excel accepts: no `[]:*?/\`, no control characters, no `'` (made `’`), not
/// `History`, at most 31 characters, and not equal (ignoring case) to any in `taken`.
pub fn sheet_name(wanted: &str, taken: &mut BTreeSet<String>) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            // A quote inside a name must be doubled in every reference to the sheet;
            // a typographic apostrophe needs nothing.
            '\'' => '’',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut base = cleaned.trim().to_string();
    if base.is_empty() || base.eq_ignore_ascii_case("history") {
        base = format!(
            "Sheet{}",
            if base.is_empty() {
                String::new()
            } else {
                "_".into()
            } + &base
        );
    }
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("({n})")
        };
        let room = MAX_SHEET_NAME - utf16_len(&suffix);
        let candidate = format!(
            "{}{}",
            truncate_utf16(&base, room).trim_end_matches('\''),
            suffix
        );
        let key = candidate.to_lowercase();
        if !taken.contains(&key) {
            taken.insert(key);
            return candidate;
        }
        n += 1;
    }
}

/// A file name (no directories) for a workbook: path separators, `..`, leading dots, control
/// characters and characters Windows refuses are replaced, reserved device names get a `_`,
/// the stem is at most 100 characters, and it is unique (ignoring case) among `taken`.
pub fn file_name(wanted: &str, taken: &mut BTreeSet<String>) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let mut stem = cleaned
        .replace("..", "_")
        .trim()
        .trim_matches('.')
        .trim()
        .to_string();
    stem = stem.chars().take(100).collect();
    if stem.is_empty() {
        stem = "form".into();
    }
    let upper = stem.to_ascii_uppercase();
    let device = upper.split('.').next().unwrap_or("");
    if ["CON", "PRN", "AUX", "NUL"].contains(&device)
        || ((device.starts_with("COM") || device.starts_with("LPT"))
            && device.len() == 4
            && device.as_bytes()[3].is_ascii_digit())
    {
        stem.insert(0, '_');
    }
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            format!("{stem}.xlsx")
        } else {
            format!("{stem}({n}).xlsx")
        };
        if taken.insert(candidate.to_lowercase()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_follow_excel() {
        let mut taken = BTreeSet::new();
        assert_eq!(sheet_name("a/b", &mut taken), "a_b");
        assert_eq!(sheet_name("A/B", &mut taken), "A_B(2)");
        assert_eq!(sheet_name("../../x", &mut taken), ".._.._x");
        assert_eq!(sheet_name("[x]:*?", &mut taken), "_x____");
        assert_eq!(sheet_name("'quoted'", &mut taken), "’quoted’");
        assert_eq!(sheet_name("", &mut taken), "Sheet");
        assert_eq!(sheet_name("History", &mut taken), "Sheet_History");
        let long = "科".repeat(40);
        let a = sheet_name(&long, &mut taken);
        let b = sheet_name(&long, &mut taken);
        assert_eq!(a.chars().count(), 31);
        assert_eq!(b, format!("{}(2)", "科".repeat(28)));
    }

    #[test]
    fn file_names_stay_in_the_directory() {
        let mut taken = BTreeSet::new();
        for hostile in [
            "../../x",
            "a/b",
            "..",
            "/etc/passwd",
            "C:\\x",
            "con",
            "a\u{0}b",
            " . ",
        ] {
            let f = file_name(hostile, &mut taken);
            assert!(
                !f.contains('/') && !f.contains('\\') && !f.contains(".."),
                "{f}"
            );
            assert!(!f.starts_with('.'), "{f}");
            assert!(std::path::Path::new(&f).components().count() == 1, "{f}");
        }
        assert_eq!(file_name("con", &mut taken), "_con(2).xlsx");
        assert_eq!(file_name("x", &mut taken), "x.xlsx");
        assert_eq!(file_name("X", &mut taken), "X(2).xlsx");
    }
}
