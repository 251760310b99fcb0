//! The report's charts as inline SVG (图表): budget composition, findings per form, and the
//! matrix of forms × indicator categories. Coordinates are integers or decimals rounded to
//! one place, so the bytes do not depend on floating-point formatting.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{esc, t};
use crate::diag::Lang;
use crate::model::{Level1, Level2};

/// Colours with at least 4.5:1 contrast against white (the labels are drawn beside them).
const PALETTE: [&str; 4] = ["#1f5fa8", "#a14a00", "#2e6b2e", "#6a3d9a"];
const ERROR: &str = "#b00020";
const WARNING: &str = "#8a4b00";
const ADVICE: &str = "#1a5490";

/// A whole number of tenths of `part/whole` of `width` (0 when `whole` is 0).
fn scale(part: Decimal, whole: Decimal, width: u32) -> Decimal {
    if whole.is_zero() {
        return Decimal::ZERO;
    }
    (part * Decimal::from(width) / whole).round_dp(1)
}

/// Shortens a form's name for a chart's label (the full name is in the `<title>`).
fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        name.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// One 100% bar split into its parts, with a legend (name, amount in 万元, share).
pub fn composition(parts: &[(String, Decimal)], label: &str, lang: Lang) -> String {
    let total: Decimal = parts.iter().map(|(_, y)| *y).sum();
    let width = 640u32;
    let rows = parts.len() as u32;
    let height = 40 + 20 * rows;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-label=\"{}\">",
        esc(label)
    );
    let _ = write!(
        s,
        "<text x=\"0\" y=\"12\" font-size=\"12\">{}</text>",
        esc(label)
    );
    if total.is_zero() {
        let _ = write!(
            s,
            "<text x=\"0\" y=\"32\" font-size=\"12\">{}</text></svg>",
            t(lang, "no amounts", "无金额")
        );
        return s;
    }
    let mut x = Decimal::ZERO;
    for (i, (name, y)) in parts.iter().enumerate() {
        let w = scale(*y, total, width);
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"16\" width=\"{w}\" height=\"16\" fill=\"{}\"><title>{}: {}</title></rect>",
            PALETTE[i % PALETTE.len()],
            esc(name),
            super::wan(*y)
        );
        x += w;
    }
    for (i, (name, y)) in parts.iter().enumerate() {
        let ty = 50 + 20 * i as u32;
        let share = (*y * Decimal::from(100) / total).round_dp(1);
        let _ = write!(
            s,
            "<rect x=\"0\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"18\" y=\"{ty}\" font-size=\"12\">{} {} ({share}%)</text>",
            ty - 10,
            PALETTE[i % PALETTE.len()],
            esc(name),
            super::wan(*y)
        );
    }
    s.push_str("</svg>");
    s
}

/// A bar per form: its errors, warnings and advice, stacked.
pub fn per_form(forms: &[(String, [usize; 3])], lang: Lang) -> String {
    let label_w = 220u32;
    let bar_w = 400u32;
    let width = label_w + bar_w + 60;
    let height = 30 + 22 * forms.len() as u32;
    let max = forms
        .iter()
        .map(|(_, n)| n.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-label=\"{}\">",
        t(lang, "Findings per form", "各表发现数")
    );
    let legend = [
        (ERROR, crate::diag::Severity::Error.word(lang)),
        (WARNING, crate::diag::Severity::Warning.word(lang)),
        (ADVICE, crate::diag::Severity::Advice.word(lang)),
    ];
    for (i, (colour, word)) in legend.iter().enumerate() {
        let x = label_w + 90 * i as u32;
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"2\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"12\" font-size=\"12\">{word}</text>",
            x + 16
        );
    }
    for (row, (name, n)) in forms.iter().enumerate() {
        let y = 24 + 22 * row as u32;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}<title>{}</title></text>",
            label_w - 6,
            y + 12,
            esc(&short(name, 16)),
            esc(name)
        );
        let mut x = Decimal::from(label_w);
        for (k, colour) in [ERROR, WARNING, ADVICE].iter().enumerate() {
            if n[k] == 0 {
                continue;
            }
            let w = scale(Decimal::from(n[k]), Decimal::from(max), bar_w);
            let _ = write!(
                s,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"16\" fill=\"{colour}\"><title>{}: {} {}</title></rect>",
                esc(name),
                n[k],
                legend[k].1
            );
            x += w;
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            x + Decimal::from(4),
            y + 12,
            n.iter().sum::<usize>()
        );
    }
    s.push_str("</svg>");
    s
}

/// The matrix's columns: each level-2 category under its level 1, in the forms' order.
pub fn columns() -> Vec<(Level1, Level2)> {
    super::level1s()
        .iter()
        .flat_map(|l1| l1.children().iter().map(move |l2| (*l1, *l2)))
        .collect()
}

/// Forms × indicator categories: the number of indicators in each, × where there are none.
pub fn matrix(rows: &[(String, Vec<usize>)], lang: Lang) -> String {
    let cols = columns();
    let label_w = 220u32;
    let cell = 34u32;
    let head = 110u32;
    let width = label_w + cell * cols.len() as u32 + 10;
    let height = head + 24 + cell * rows.len() as u32;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-label=\"{}\">",
        t(lang, "Indicator categories of each form", "各表的指标类别")
    );
    // Level-1 groups above, level-2 names turned upwards.
    let mut x = label_w;
    for l1 in super::level1s() {
        let n = l1.children().len() as u32;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"12\" font-size=\"12\" text-anchor=\"middle\" font-weight=\"bold\">{}</text><line x1=\"{}\" y1=\"16\" x2=\"{}\" y2=\"16\" stroke=\"#595959\"/>",
            x + n * cell / 2,
            l1.chinese(),
            x + 2,
            x + n * cell - 2
        );
        x += n * cell;
    }
    for (i, (l1, l2)) in cols.iter().enumerate() {
        let cx = label_w + cell * i as u32 + cell / 2;
        let _ = write!(
            s,
            "<text x=\"{cx}\" y=\"{}\" font-size=\"12\" transform=\"rotate(-60 {cx} {})\">{}</text>",
            head + 16,
            head + 16,
            l2.chinese_under(*l1)
        );
    }
    for (r, (name, counts)) in rows.iter().enumerate() {
        let y = head + 24 + cell * r as u32;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}<title>{}</title></text>",
            label_w - 6,
            y + cell / 2 + 4,
            esc(&short(name, 16)),
            esc(name)
        );
        for (c, n) in counts.iter().enumerate() {
            let x = label_w + cell * c as u32;
            let (fill, text, colour) = if *n == 0 {
                ("#ffffff", "×".to_string(), ERROR)
            } else {
                ("#1f5fa8", n.to_string(), "#ffffff")
            };
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#767676\"><title>{}: {} {}</title></rect><text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" fill=\"{colour}\">{text}</text>",
                x + 1,
                y + 1,
                cell - 2,
                cell - 2,
                esc(name),
                cols[c].1.chinese_under(cols[c].0),
                n,
                x + cell / 2,
                y + cell / 2 + 4
            );
        }
    }
    s.push_str("</svg>");
    s
}
