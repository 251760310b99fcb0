//! Quantities (数量值): an exact decimal, an optional multiplier and a unit.
//!
//! Money is normalised to 元 here and only here: 万元 ×10 000, 亿元 ×100 000 000, 千元 ×1 000,
//! exactly, never rounded. Normalised money is shown with at least two decimal places (cents).

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// 金额 — 元 万元 亿元
    Money,
    /// 百分比 — % ‰ 个百分点
    Percent,
    /// 时间 — 天 月 年 …
    Time,
    /// 计数 — 个 人 次 家 项 …
    Count,
    /// 面积 — 亩 平方米
    Area,
    /// 长度 — 米 公里
    Length,
    /// 质量（重量） — 吨 公斤 千克 斤
    Mass,
    /// 体积（容积） — 立方米 升
    Volume,
    /// 功率与电量 — 千瓦 度 千瓦时
    Energy,
    /// 倍数 — 倍
    Ratio,
    /// 复合单位 — 元/天, 人/天
    Compound,
    /// 未知单位 — kept as written (warning K0201), or declared in `kpi.toml` `[units]`
    Other,
}

impl Dimension {
    /// The dimension for its name in `kpi.toml` `[units]` (the JSON name: `count`, `mass` …).
    pub fn from_name(name: &str) -> Option<Dimension> {
        Some(match name {
            "money" => Dimension::Money,
            "percent" => Dimension::Percent,
            "time" => Dimension::Time,
            "count" => Dimension::Count,
            "area" => Dimension::Area,
            "length" => Dimension::Length,
            "mass" => Dimension::Mass,
            "volume" => Dimension::Volume,
            "energy" => Dimension::Energy,
            "ratio" => Dimension::Ratio,
            "other" => Dimension::Other,
            _ => return None,
        })
    }
}

/// A unit of measure as written (`万元`, `件(册)`, `元/天`) with its dimension.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unit {
    /// The unit as written, with full-width `％ （）／` folded to ASCII.
    pub symbol: String,
    pub dimension: Dimension,
    /// For a unit declared in `kpi.toml` `[units]` with a conversion: the base unit and how
    /// many of it one of this unit is (`万亩` → (`亩`, 10000)).
    pub base: Option<(String, Decimal)>,
}

/// 千 万 亿 written between the number and the unit (`2万件`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Multiplier {
    Thousand,
    TenThousand,
    HundredMillion,
}

impl Multiplier {
    /// The multiplier's factor.
    pub fn factor(self) -> Decimal {
        match self {
            Multiplier::Thousand => Decimal::from(1_000),
            Multiplier::TenThousand => Decimal::from(10_000),
            Multiplier::HundredMillion => Decimal::from(100_000_000),
        }
    }

    /// The multiplier for a character, if it is one.
    pub fn from_char(c: char) -> Option<Multiplier> {
        match c {
            '千' => Some(Multiplier::Thousand),
            '万' => Some(Multiplier::TenThousand),
            '亿' => Some(Multiplier::HundredMillion),
            _ => None,
        }
    }

    /// The character of the multiplier.
    pub fn as_char(self) -> char {
        match self {
            Multiplier::Thousand => '千',
            Multiplier::TenThousand => '万',
            Multiplier::HundredMillion => '亿',
        }
    }
}

/// Money units and their value in 元.
const MONEY: &[(&str, i64)] = &[
    ("元", 1),
    ("千元", 1_000),
    ("万元", 10_000),
    ("亿元", 100_000_000),
];

/// Percent units. `个百分点` (percentage points) is how a rise is written: `提高2个百分点`.
const PERCENT: &[&str] = &["%", "‰", "百分比", "个百分点", "百分点"];

/// Time units.
const TIME: &[&str] = &[
    "天",
    "日",
    "工作日",
    "个工作日",
    "月",
    "个月",
    "年",
    "小时",
    "h",
    "周",
    "季度",
    "个季度",
    "分钟",
    "min",
    "学期",
    "秒",
];

/// Count units: Chinese measure words seen in real forms.
const COUNT: &[&str] = &[
    "个",
    "人",
    "人次",
    "次",
    "家",
    "项",
    "份",
    "期",
    "条",
    "届",
    "处",
    "件",
    "册",
    "台",
    "套",
    "台套",
    "类",
    "名",
    "辆",
    "户",
    "篇",
    "场",
    "批",
    "所",
    "座",
    "间",
    "本",
    "张",
    "部",
    "株",
    "头",
    "只",
    "课时",
    "学时",
    "门",
    "组",
    "支",
    "台次",
    "户次",
    "天次",
    "批次",
    "项次",
    "个次",
    "场次",
    "期次",
    "栋",
    "幅",
    "块",
    "棵",
    "套次",
    "册次",
    "车次",
    "班",
    "班次",
    "节",
    "片",
    "所次",
    "项目",
    "户数",
    "人数",
    "次数",
    "个数",
    "件数",
    "集",
    "卷",
    "版",
    "档",
    "头次",
    "床",
    "辆次",
    "架",
    "艘",
    "盏",
    "根",
    "口",
    "眼",
    "座次",
    "平台",
    "位",
    "万人次",
    "人日",
    "人天",
    "村",
    "镇",
    "乡",
    "宗",
    "单",
    "票",
    "例",
    "羽",
    "尾",
    "窝",
    "只次",
    "个点",
    "点",
    "处次",
    "篇次",
    "期数",
    "套数",
    "家次",
    "单位",
    "个单位",
    "个村",
    "标段",
];

/// Area units.
const AREA: &[&str] = &[
    "亩",
    "平方米",
    "㎡",
    "m²",
    "m2",
    "公顷",
    "平方公里",
    "平米",
    "平方千米",
    "km²",
    "km2",
];

/// Length units.
const LENGTH: &[&str] = &[
    "米", "公里", "千米", "km", "m", "延米", "厘米", "cm", "毫米", "mm",
];

/// Mass units (a mass is not a count: `吨` and `人` are not comparable).
const MASS: &[&str] = &["吨", "公斤", "千克", "kg", "斤", "克", "g", "t"];

/// Volume units.
const VOLUME: &[&str] = &["立方米", "m³", "m3", "方", "升", "l", "毫升", "ml"];

/// Power and energy units (电力).
const ENERGY: &[&str] = &["千瓦", "kw", "瓦", "w", "度", "千瓦时", "kwh", "兆瓦", "mw"];

/// Ratios: `倍`.
const RATIO: &[&str] = &["倍"];

/// What a unit text turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUnit {
    pub multiplier: Option<Multiplier>,
    pub unit: Option<Unit>,
}

/// Folds full-width unit punctuation to ASCII so `％` and `%` are the same unit.
pub fn fold_unit_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '％' => '%',
            '（' => '(',
            '）' => ')',
            '／' => '/',
            c => c,
        })
        .collect()
}

/// Whether `c` can be part of a unit [`parse_unit`] knows: a character of a unit in the
/// tables (Latin letters in either case), a multiplier (千 万 亿), a bracket, the `/` of a
/// rate, or a character [`fold_unit_text`] folds. A text with any other character is no known unit, so a reader
/// of free text need not try it (issue 14: `check::text::mentions` tried four lengths after
/// every number). Units declared in `kpi.toml` are not covered.
pub fn may_be_in_known_unit(c: char) -> bool {
    static CHARS: LazyLock<rustc_hash::FxHashSet<char>> = LazyLock::new(|| {
        let mut set: rustc_hash::FxHashSet<char> = "千万亿()（）/％／".chars().collect();
        let tables = DIMENSION_TABLES.iter().flat_map(|(table, _)| table.iter());
        for unit in MONEY.iter().map(|(u, _)| u).chain(tables) {
            for c in unit.chars() {
                set.insert(c);
                set.insert(c.to_ascii_lowercase());
                set.insert(c.to_ascii_uppercase());
            }
        }
        set
    });
    CHARS.contains(&c)
}

/// Units declared in `kpi.toml` `[units]`: symbol → dimension and optional conversion.
pub type CustomUnits = std::collections::BTreeMap<String, (Dimension, Option<(String, Decimal)>)>;

/// The unit tables other than money, in the order they are searched: a unit in two tables
/// has the first one's dimension.
const DIMENSION_TABLES: [(&[&str], Dimension); 9] = [
    (PERCENT, Dimension::Percent),
    (TIME, Dimension::Time),
    (COUNT, Dimension::Count),
    (AREA, Dimension::Area),
    (LENGTH, Dimension::Length),
    (MASS, Dimension::Mass),
    (VOLUME, Dimension::Volume),
    (ENERGY, Dimension::Energy),
    (RATIO, Dimension::Ratio),
];

/// The dimension of a unit in the tables above: money as written, Latin units without regard
/// to case (`KM`, `Km` and `km` are one unit); a table earlier in the list wins. One hash
/// lookup: the checker reads every value's unit, and scanning the tables per unit was 4% of a
/// check (issue 14).
fn known_dimension(symbol: &str) -> Option<Dimension> {
    static MONEY_UNITS: LazyLock<FxHashMap<&'static str, Dimension>> =
        LazyLock::new(|| MONEY.iter().map(|(s, _)| (*s, Dimension::Money)).collect());
    static OTHER_UNITS: LazyLock<FxHashMap<String, Dimension>> = LazyLock::new(|| {
        let mut map = FxHashMap::default();
        for (table, dim) in DIMENSION_TABLES {
            for unit in table {
                map.entry(unit.to_ascii_lowercase()).or_insert(dim);
            }
        }
        map
    });
    if let Some(dim) = MONEY_UNITS.get(symbol) {
        return Some(*dim);
    }
    if symbol.bytes().any(|b| b.is_ascii_uppercase()) {
        OTHER_UNITS.get(&symbol.to_ascii_lowercase()).copied()
    } else {
        OTHER_UNITS.get(symbol).copied()
    }
}

fn simple_dimension(symbol: &str) -> Option<Dimension> {
    if let Some(dim) = known_dimension(symbol) {
        return Some(dim);
    }
    // Variants such as `件(册)`: a count unit with alternatives in brackets.
    if let Some((head, rest)) = symbol.split_once('(') {
        if let Some(inner) = rest.strip_suffix(')') {
            let head_dim = simple_dimension(head)?;
            let inner_dim = simple_dimension(inner)?;
            if head_dim == inner_dim {
                return Some(head_dim);
            }
        }
    }
    None
}

/// Reads a unit text such as `万元`, `万件(册)`, `元/天`, `万`: the multiplier in front, if
/// any, and the unit. `None` when the text is not a known unit.
pub fn parse_unit(text: &str) -> Option<ParsedUnit> {
    parse_unit_with(text, &CustomUnits::new())
}

/// [`parse_unit`] with the units a filing declares in `kpi.toml` `[units]`.
pub fn parse_unit_with(text: &str, custom: &CustomUnits) -> Option<ParsedUnit> {
    let symbol = fold_unit_text(text);
    if let Some(unit) = lookup(&symbol, custom) {
        return Some(ParsedUnit {
            multiplier: None,
            unit: Some(unit),
        });
    }
    let mut chars = symbol.chars();
    let first = chars.next()?;
    let multiplier = Multiplier::from_char(first)?;
    let rest = chars.as_str();
    if rest.is_empty() {
        return Some(ParsedUnit {
            multiplier: Some(multiplier),
            unit: None,
        });
    }
    let unit = lookup(rest, custom)?;
    Some(ParsedUnit {
        multiplier: Some(multiplier),
        unit: Some(unit),
    })
}

/// A unit kpi does not know, kept as written so that nothing the form says is lost.
pub fn unknown_unit(text: &str) -> ParsedUnit {
    ParsedUnit {
        multiplier: None,
        unit: Some(Unit {
            symbol: fold_unit_text(text),
            dimension: Dimension::Other,
            base: None,
        }),
    }
}

fn lookup(symbol: &str, custom: &CustomUnits) -> Option<Unit> {
    if let Some((dimension, base)) = custom.get(symbol) {
        return Some(Unit {
            symbol: symbol.to_string(),
            dimension: *dimension,
            base: base.clone(),
        });
    }
    if let Some(dimension) = simple_dimension(symbol) {
        return Some(Unit {
            symbol: symbol.to_string(),
            dimension,
            base: None,
        });
    }
    let (num, den) = symbol.split_once('/')?;
    let known = |s: &str| simple_dimension(s).is_some() || custom.contains_key(s);
    // `/株` (a rate whose numerator unit was left out, `28.40/株`) is read too: the checker
    // then says what is missing (K0306 for a cost).
    if !(num.is_empty() || known(num)) || !known(den) {
        return None;
    }
    Some(Unit {
        symbol: symbol.to_string(),
        dimension: Dimension::Compound,
        base: None,
    })
}

/// The number as written, read the way a filer means it: thousands separators dropped
/// (`1,238.68`), full-width digits made ASCII (`１２３`), a trailing `.` dropped (`100.`).
/// The result is what [`Decimal`] parses and what `kpi fmt` writes.
pub fn canonical_number(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter(|c| *c != ',')
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    if out.ends_with('.') {
        out.pop();
    }
    out
}

/// The known units of one dimension, for help texts.
pub fn known_units() -> String {
    let money: Vec<&str> = MONEY.iter().map(|(s, _)| *s).collect();
    [
        money.join(" "),
        PERCENT.join(" "),
        TIME.join(" "),
        COUNT[..20].join(" ") + " …",
    ]
    .join(" | ")
}

/// The units kpi knows of one dimension, in the order of its tables (the usual ones first):
/// what an editor offers after a number (`Dimension::Compound` and `Other` have none).
pub fn units_of_dimension(dim: Dimension) -> Vec<&'static str> {
    match dim {
        Dimension::Money => MONEY.iter().map(|(s, _)| *s).collect(),
        Dimension::Percent => PERCENT.to_vec(),
        Dimension::Time => TIME.to_vec(),
        Dimension::Count => COUNT.to_vec(),
        Dimension::Area => AREA.to_vec(),
        Dimension::Length => LENGTH.to_vec(),
        Dimension::Mass => MASS.to_vec(),
        Dimension::Volume => VOLUME.to_vec(),
        Dimension::Energy => ENERGY.to_vec(),
        Dimension::Ratio => RATIO.to_vec(),
        Dimension::Compound | Dimension::Other => Vec::new(),
    }
}

/// An exact quantity: `1238.68万元`, `2万件(册)`, `95%`, `35`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quantity {
    /// The number as written.
    pub value: Decimal,
    pub multiplier: Option<Multiplier>,
    pub unit: Option<Unit>,
}

impl Quantity {
    /// The quantity in its base unit: money in 元, counts with the multiplier applied; `None`
    /// for units with no exact base (months, years).
    pub fn normalized(&self) -> Option<(Decimal, String)> {
        let mut value = self.value;
        if let Some(m) = self.multiplier {
            value = value.checked_mul(m.factor())?;
        }
        match &self.unit {
            Some(u) if u.dimension == Dimension::Money => {
                let factor = match &u.base {
                    Some((_, f)) => *f,
                    None => Decimal::from(MONEY.iter().find(|(s, _)| *s == u.symbol)?.1),
                };
                let mut yuan = value.checked_mul(factor)?;
                if yuan.scale() < 2 {
                    yuan.rescale(2);
                }
                Some((yuan, "元".to_string()))
            }
            Some(Unit {
                base: Some((base, factor)),
                ..
            }) => Some(((value.checked_mul(*factor)?).normalize(), base.clone())),
            Some(u) => self
                .multiplier
                .map(|_| (value.normalize(), u.symbol.clone())),
            None => self.multiplier.map(|_| (value.normalize(), String::new())),
        }
    }

    /// Whether converting to the base unit ([`Quantity::normalized`]) overflows the exact
    /// decimal range (issue 14): `79228162514264337593543950335万元` in 元.
    pub fn overflows(&self) -> bool {
        let mut value = self.value;
        if let Some(m) = self.multiplier {
            match value.checked_mul(m.factor()) {
                Some(v) => value = v,
                None => return true,
            }
        }
        let factor = match &self.unit {
            Some(u) if u.dimension == Dimension::Money => match &u.base {
                Some((_, f)) => Some(*f),
                None => MONEY
                    .iter()
                    .find(|(s, _)| *s == u.symbol)
                    .map(|(_, f)| Decimal::from(*f)),
            },
            Some(Unit {
                base: Some((_, factor)),
                ..
            }) => Some(*factor),
            _ => None,
        };
        factor.is_some_and(|f| value.checked_mul(f).is_none())
    }

    /// The amount in 元 when this is money.
    pub fn yuan(&self) -> Option<Decimal> {
        match &self.unit {
            Some(u) if u.dimension == Dimension::Money => self.normalized().map(|(v, _)| v),
            _ => None,
        }
    }

    /// The dimension of the unit, if there is a unit.
    pub fn dimension(&self) -> Option<Dimension> {
        self.unit.as_ref().map(|u| u.dimension)
    }

    /// The quantity as a user would write it: `1238.68万元`.
    pub fn written(&self) -> String {
        let mut s = self.value.to_string();
        if let Some(m) = self.multiplier {
            s.push(m.as_char());
        }
        if let Some(u) = &self.unit {
            s.push_str(&u.symbol);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// The hash lookup gives what scanning the tables in order gave (money exactly, the rest
    /// without regard to ASCII case, the earlier table first), for every unit in the tables,
    /// in three cases, and for words that are no unit.
    #[test]
    fn a_known_unit_has_only_characters_of_known_units() {
        // Every unit of the tables, with a multiplier, in brackets, as a rate, folded:
        // parse_unit knows it, and may_be_in_known_unit accepts each of its characters.
        let mut texts: Vec<String> = Vec::new();
        for unit in MONEY
            .iter()
            .map(|(u, _)| *u)
            .chain(DIMENSION_TABLES.iter().flat_map(|(t, _)| t.iter().copied()))
        {
            texts.push(unit.to_string());
            texts.push(unit.to_ascii_uppercase());
            texts.push(format!("万{unit}"));
            texts.push(format!("{unit}/天"));
            texts.push(format!("{unit}／人"));
        }
        texts.extend(["件(册)", "件（册）", "％", "万", "亿元", "/株"].map(String::from));
        for text in &texts {
            if parse_unit(text).is_some() {
                assert!(text.chars().all(may_be_in_known_unit), "{text}");
            }
        }
        assert!(texts.iter().filter(|t| parse_unit(t).is_some()).count() > 100);
        for c in ['；', '，', '覆', 'の', '1'] {
            assert!(!may_be_in_known_unit(c), "{c}");
        }
    }

    #[test]
    fn known_dimension_matches_the_table_scan() {
        let scan = |symbol: &str| -> Option<Dimension> {
            if MONEY.iter().any(|(s, _)| *s == symbol) {
                return Some(Dimension::Money);
            }
            let lower = symbol.to_ascii_lowercase();
            DIMENSION_TABLES
                .into_iter()
                .find(|(table, _)| table.iter().any(|u| u.eq_ignore_ascii_case(&lower)))
                .map(|(_, dim)| dim)
        };
        let mut words: Vec<String> = vec!["".into(), "万".into(), "XX".into(), "件(册)".into()];
        for (table, _) in DIMENSION_TABLES {
            for u in table {
                words.push(u.to_string());
                words.push(u.to_ascii_uppercase());
                words.push(
                    u.chars()
                        .enumerate()
                        .map(|(i, c)| {
                            if i % 2 == 0 {
                                c.to_ascii_uppercase()
                            } else {
                                c
                            }
                        })
                        .collect(),
                );
            }
        }
        words.extend(MONEY.iter().map(|(s, _)| s.to_string()));
        words.extend(MONEY.iter().map(|(s, _)| s.to_ascii_uppercase()));
        for w in &words {
            assert_eq!(known_dimension(w), scan(w), "{w:?}");
        }
        assert!(words.iter().filter(|w| scan(w).is_some()).count() > 100);
    }

    fn q(value: &str, unit: &str) -> Quantity {
        let parsed = parse_unit(unit).unwrap();
        Quantity {
            value: Decimal::from_str(value).unwrap(),
            multiplier: parsed.multiplier,
            unit: parsed.unit,
        }
    }

    #[test]
    fn money_normalises_exactly_to_yuan() {
        assert_eq!(
            q("1238.68", "万元").yuan().unwrap().to_string(),
            "12386800.00"
        );
        assert_eq!(q("0.4", "万元").yuan().unwrap().to_string(), "4000.00");
        assert_eq!(
            q("1.23456789", "亿元").yuan().unwrap().to_string(),
            "123456789.00000000"
        );
        assert_eq!(q("12.5", "元").yuan().unwrap().to_string(), "12.50");
    }

    #[test]
    fn multipliers_apply_to_counts() {
        let two_wan = q("2", "万件(册)");
        assert_eq!(two_wan.multiplier, Some(Multiplier::TenThousand));
        assert_eq!(two_wan.unit.as_ref().unwrap().symbol, "件(册)");
        assert_eq!(
            two_wan.normalized().unwrap(),
            (Decimal::from(20_000), "件(册)".into())
        );
    }

    #[test]
    fn units_are_classified() {
        assert_eq!(
            parse_unit("％").unwrap().unit.unwrap().dimension,
            Dimension::Percent
        );
        assert_eq!(
            parse_unit("元/天").unwrap().unit.unwrap().dimension,
            Dimension::Compound
        );
        assert_eq!(
            parse_unit("人次").unwrap().unit.unwrap().dimension,
            Dimension::Count
        );
        assert_eq!(
            parse_unit("个月").unwrap().unit.unwrap().dimension,
            Dimension::Time
        );
        assert!(parse_unit("公斤元").is_none());
        assert!(parse_unit("xyz").is_none());
        let wan = parse_unit("万").unwrap();
        assert_eq!(
            (wan.multiplier, wan.unit),
            (Some(Multiplier::TenThousand), None)
        );
    }
}
