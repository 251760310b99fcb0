//! Text helpers for the rules: name normalisation, character bigrams, template numbering.

/// True for a CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

pub use crate::resolve::name_key as normalize;

/// [`str::trim`], answering at once for the usual text that neither begins nor ends with
/// white space, which its first and last characters' lead bytes show: white space is ASCII
/// (tab to carriage return, space) or begins with C2, E1, E2 or E3 (issue 14: the rules trim
/// every name several times, 1.4% of a check).
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let plain = |c: u8| !matches!(c, 0x09..=0x0D | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
    let last_lead = b
        .iter()
        .rev()
        .take(4)
        .find(|&&c| !(0x80..=0xBF).contains(&c));
    match (b.first(), last_lead) {
        (Some(&first), Some(&last)) if plain(first) && plain(last) => s,
        _ => s.trim(),
    }
}

/// The template numbering in front of a name: `指标1:`, `指标 2：`, `1.`, `1、`. Returns the
/// rest of the name (trimmed) and whether a numbering was there.
pub fn strip_numbering(name: &str) -> (&str, bool) {
    let t = trim(name);
    if let Some(rest) = t.strip_prefix("指标") {
        let digits = rest
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit());
        if digits.len() < rest.trim_start().len() {
            let after = digits.trim_start();
            if let Some(r) = after.strip_prefix(':').or_else(|| after.strip_prefix('：')) {
                return (r.trim(), true);
            }
            return (after.trim(), true);
        }
    }
    (t, false)
}

/// The set of character bigrams (二元组) of a text's CJK and alphanumeric runs, sorted, each
/// once. A sorted vector rather than a `BTreeSet`: the rules build one per name, goal and
/// clause and only count what two sets share, a merge (issue 14: the tree sets were 4% of a
/// check).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bigrams(Vec<Bigram>);

/// One bigram as one number: its first character in the high half, its second in the low,
/// so that the numbers order as the pairs do. Sorting and comparing numbers rather than
/// pairs of characters made the bigrams of a goal a third cheaper (issue 14).
pub type Bigram = u64;

impl Bigrams {
    /// How many distinct bigrams.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The bigrams, in order, as pairs of characters.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (char, char)> + '_ {
        self.0.iter().map(|&b| {
            let char_of = |u: u64| char::from_u32(u as u32).expect("a packed character");
            (char_of(b >> 32), char_of(b & 0xFFFF_FFFF))
        })
    }
}

impl IntoIterator for Bigrams {
    type Item = Bigram;
    type IntoIter = std::vec::IntoIter<Bigram>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The bigrams of a text.
pub fn bigrams(text: &str) -> Bigrams {
    // At most one bigram per character; most characters here take three bytes.
    let mut all: Vec<Bigram> = Vec::with_capacity(text.len() / 3);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if is_han(c) || c.is_alphanumeric() {
            if let Some(p) = prev {
                all.push((p as u64) << 32 | c as u64);
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
    all.sort_unstable();
    all.dedup();
    Bigrams(all)
}

/// How many bigrams two texts share.
pub fn shared(a: &Bigrams, b: &Bigrams) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    let (a, b) = (&a.0, &b.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Overlap coefficient of the bigram sets: shared / the smaller set (1.0 when one text's
/// bigrams all occur in the other).
#[cfg(test)]
pub fn overlap(a: &str, b: &str) -> f64 {
    let (x, y) = (bigrams(a), bigrams(b));
    let min = x.len().min(y.len());
    if min == 0 {
        return 0.0;
    }
    shared(&x, &y) as f64 / min as f64
}

/// The number of characters of a text that carry content (CJK and alphanumerics).
pub fn content_len(text: &str) -> usize {
    text.chars()
        .filter(|c| is_han(*c) || c.is_alphanumeric())
        .count()
}

/// Template leftovers written as a value or name: 高中低, 高中低所, XX, `*`.
pub fn placeholder(text: &str) -> Option<&'static str> {
    let t = trim(text);
    // Every case below needs one of these characters; most names and values hold none, and
    // one pass over them is cheaper than the seven searches (issue 14: 3% of a check). The
    // searches need more than a `.` or `。`, which most goals and many values hold.
    let marks = placeholder_marks(t);
    if !marks.any {
        return None;
    }
    if marks.searched {
        if t.contains("高中低") {
            return Some("高中低");
        }
        if t.contains("XX") || t.contains("xx") || t.contains("××") || t.contains("ＸＸ") {
            return Some("XX");
        }
        // The template's hint for the value, left in a name: `培训人数(≥**人)`.
        if t.contains("**") || t.contains("＊＊") {
            return Some("**");
        }
    }
    // The template's marks for core indicators, left in front of a name: `*项目完成率`, `★★★`.
    if t.starts_with(['★', '☆']) {
        return Some("★");
    }
    if t.starts_with(['*', '＊']) && t.chars().any(|c| !matches!(c, '*' | '＊' | ' ')) {
        return Some("*");
    }
    if t.chars()
        .all(|c| matches!(c, '*' | '＊' | 'X' | 'x' | '×' | 'Ｘ' | '.' | '…' | '。'))
    {
        return Some("*");
    }
    None
}

/// Which characters of the placeholders a text holds ([`placeholder_marks`]).
struct PlaceholderMarks {
    /// One of `高 X x × Ｘ * ＊ ★ ☆ . … 。`: every placeholder needs one.
    any: bool,
    /// One of `高 X x × Ｘ * ＊`: the placeholders found by a search need one.
    searched: bool,
}

/// The placeholder characters of a text, in one pass over its bytes, looking closer only at
/// the five lead bytes of the non-ASCII ones (× C3 97; ★ ☆ … E2; 。 E3 80 82; 高 E9 AB 98;
/// Ｘ ＊ EF BC).
fn placeholder_marks(t: &str) -> PlaceholderMarks {
    let b = t.as_bytes();
    let mut any = false;
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        if lead < 0x80 {
            match lead {
                b'X' | b'x' | b'*' => {
                    return PlaceholderMarks {
                        any: true,
                        searched: true,
                    }
                }
                b'.' => any = true,
                _ => {}
            }
            i += 1;
            continue;
        }
        let (x, y) = (
            b.get(i + 1).copied().unwrap_or(0),
            b.get(i + 2).copied().unwrap_or(0),
        );
        let (found, searched) = match lead {
            0xC3 => (x == 0x97, true),
            0xE2 => (
                (x == 0x98 && matches!(y, 0x85 | 0x86)) || (x == 0x80 && y == 0xA6),
                false,
            ),
            0xE3 => (x == 0x80 && y == 0x82, false),
            0xE9 => (x == 0xAB && y == 0x98, true),
            0xEF => (x == 0xBC && matches!(y, 0xB8 | 0x8A), true),
            _ => (false, false),
        };
        if found {
            if searched {
                return PlaceholderMarks {
                    any: true,
                    searched: true,
                };
            }
            any = true;
        }
        // The text is UTF-8: the lead byte gives the character's length.
        i += match lead {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
    }
    PlaceholderMarks {
        any,
        searched: false,
    }
}

/// True when a value is only a unit, perhaps with a comparator, and no number: the template's
/// unit column left as it was (`公里`, `万人`, `≧ %`).
pub fn unit_only(text: &str) -> bool {
    let rest: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"≥≤≧≦⩾⩽><=＞＜＝".contains(*c))
        .collect();
    !rest.is_empty() && crate::model::parse_unit(&rest).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-level helpers against their character-level definitions, on random texts of
    /// the characters they look for, their neighbours with the same lead bytes, white space
    /// of every kind, Chinese and ASCII.
    #[test]
    fn byte_scans_match_their_character_definitions() {
        let pool = "高髙骨XxY×÷ＸＹ*＊★☆✩.…‥。、 \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{a9}\u{1680}\u{2000}\u{200a}\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}\u{3001}科技a1";
        let placeholder_char = |t: &str| {
            t.contains(|c| {
                matches!(
                    c,
                    '高' | 'X' | 'x' | '×' | 'Ｘ' | '*' | '＊' | '★' | '☆' | '.' | '…' | '。'
                )
            })
        };
        let searched_char = |t: &str| t.contains(['高', 'X', 'x', '×', 'Ｘ', '*', '＊']);
        for text in crate::testing::random_texts(pool, 5, 20_000, 15) {
            assert_eq!(trim(&text), text.trim(), "{text:?}");
            let marks = placeholder_marks(&text);
            assert_eq!(marks.any, placeholder_char(&text), "{text:?}");
            assert_eq!(marks.searched, searched_char(&text), "{text:?}");
        }
    }

    /// The sorted bigrams and their merge count agree with sets built the obvious way, on
    /// texts from a small alphabet of ideographs, letters, digits and punctuation.
    #[test]
    fn bigrams_and_shared_match_tree_sets() {
        use std::collections::BTreeSet;
        let set = |t: &str| -> BTreeSet<(char, char)> {
            let mut out = BTreeSet::new();
            let mut prev: Option<char> = None;
            for c in t.chars() {
                if is_han(c) || c.is_alphanumeric() {
                    if let Some(p) = prev {
                        out.insert((p, c));
                    }
                    prev = Some(c);
                } else {
                    prev = None;
                }
            }
            out
        };
        let alphabet: Vec<char> = "科技项目完成率拉萨市a1B，。 %".chars().collect();
        let mut seed = 14u64;
        let mut text = || -> String {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 59) as usize;
            (0..len)
                .map(|k| alphabet[((seed >> (k % 50)) as usize) % alphabet.len()])
                .collect()
        };
        for _ in 0..2000 {
            let (a, b) = (text(), text());
            let (ba, bb) = (bigrams(&a), bigrams(&b));
            assert_eq!(ba.iter().collect::<BTreeSet<_>>(), set(&a), "{a:?}");
            assert_eq!(ba.len(), set(&a).len());
            assert_eq!(
                shared(&ba, &bb),
                set(&a).intersection(&set(&b)).count(),
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn quotes_and_spaces_do_not_matter() {
        assert_eq!(
            normalize("“59.3.28”离退休干部慰问金"),
            normalize("\"59.3.28\" 离退休干部慰问金")
        );
        assert_eq!(
            normalize("流动科技馆巡展项目（自治区）"),
            "流动科技馆巡展项目(自治区)"
        );
        assert_ne!(normalize("机动经费"), normalize("2023 年机动经费"));
    }

    #[test]
    fn numbering_is_stripped() {
        assert_eq!(strip_numbering("指标1: 开展培训"), ("开展培训", true));
        assert_eq!(strip_numbering("指标10：项目总资金"), ("项目总资金", true));
        assert_eq!(strip_numbering("指标1:"), ("", true));
        assert_eq!(strip_numbering("指标体系"), ("指标体系", false));
        assert_eq!(strip_numbering("慰问人数"), ("慰问人数", false));
    }

    #[test]
    fn placeholders_are_recognised() {
        assert_eq!(placeholder("高中低所"), Some("高中低"));
        assert_eq!(placeholder("XX"), Some("XX"));
        assert_eq!(placeholder("*"), Some("*"));
        assert_eq!(placeholder("有所提升"), None);
        assert_eq!(placeholder("培训人数(≥**人)"), Some("**"));
        assert_eq!(placeholder("*项目完成率"), Some("*"));
        assert_eq!(placeholder("★★★受益户数"), Some("★"));
        assert!(unit_only("≧ %") && unit_only("万人") && unit_only("公里"));
        assert!(!unit_only("有所提升") && !unit_only("≥95%") && !unit_only(""));
        assert_eq!(placeholder(""), None);
    }

    #[test]
    fn overlap_measures_containment() {
        assert!(overlap("科协经费", "2023 年市科协专项经费") >= 0.6);
        assert!(overlap("双创办公经费", "基层科普行动计划") < 0.2);
    }
}
