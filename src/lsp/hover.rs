//! Hover (悬停说明): what is under the cursor, explained.
//!
//! - a finding's range: the rule — code, title, what it checks, how to fix — and the finding;
//! - a quantity: its exact value, unit, dimension and, for money, the amount in 元 (all
//!   `rust_decimal`, as the checker computes it);
//! - a keyword: what it means, in both languages, and its other spellings;
//! - a funds line (年度主要任务): the linked project form's budget and where the two differ.
//!
//! Several may apply (a quantity on a line with a finding): all are shown, most specific first.

use std::str::FromStr;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};
use rust_decimal::Decimal;

use super::server::{json, Answer, Server};
use super::workspace::Analysis;
use super::{holds, locate};
use crate::diag::Lang;
use crate::model::vocab::Meaning;
use crate::model::{canonical_number, parse_unit_with, unknown_unit, Dimension, Quantity};
use crate::source::{FileId, Span};
use crate::syntax::{tree::span_of, Rule, SyntaxKind};

pub(super) fn hover(server: &mut Server, p: HoverParams) -> Answer {
    let pos = p.text_document_position_params;
    let Some((a, file, offset)) = locate(server, &pos.text_document.uri, pos.position) else {
        return json(Option::<Hover>::None);
    };
    let lang = server.lang;
    let mut parts: Vec<(Span, String)> = Vec::new();
    if let Some(part) = keyword(&a, file, offset, lang) {
        parts.push(part);
    }
    if let Some(part) = quantity(&a, file, offset, lang) {
        parts.push(part);
    }
    if let Some(part) = funds_line(&a, file, offset, lang) {
        parts.push(part);
    }
    parts.extend(findings(&a, file, offset, lang));
    let Some(range_span) = parts.first().map(|(s, _)| *s) else {
        return json(Option::<Hover>::None);
    };
    let value = parts
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    json(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(a.range(file, range_span, server.enc)),
    }))
}

/// The rules of the findings whose range holds the offset.
fn findings(a: &Analysis, file: FileId, offset: usize, lang: Lang) -> Vec<(Span, String)> {
    a.diagnostics
        .iter()
        .filter(|d| d.file == file && d.elsewhere.is_none() && holds(d.span, offset))
        .map(|d| {
            let r = d.rule;
            let (what, fix) = match lang {
                Lang::En => ("What it checks", "How to fix"),
                Lang::Zh => ("检查内容", "如何修改"),
            };
            let text = format!(
                "**{code}** `{name}` — {title} ({sev})\n\n{message}\n\n**{what}**: {w}\n\n**{fix}**: {f}",
                code = r.code,
                name = r.name,
                title = r.title.get(lang),
                sev = d.severity.word(lang),
                message = d.message.get(lang),
                w = r.what.get(lang),
                f = r.fix.get(lang),
            );
            (d.span, text)
        })
        .collect()
}

/// The syntax node of a rule that holds the offset, innermost first.
fn node_at(
    a: &Analysis,
    file: FileId,
    offset: usize,
    want: impl Fn(Rule) -> bool,
) -> Option<crate::syntax::SyntaxNode> {
    let tree = a.loaded.tree(file)?;
    let token = tree
        .token_at(offset)
        .or_else(|| tree.token_at(offset.checked_sub(1)?))?;
    let found = token
        .parent_ancestors()
        .find(|n| n.kind().rule().is_some_and(&want));
    // The cursor right after a token (`5万元|`) is on it too.
    found.or_else(|| {
        let token = tree.token_at(offset.checked_sub(1)?)?;
        token
            .parent_ancestors()
            .find(|n| n.kind().rule().is_some_and(&want))
    })
}

/// A keyword: its meaning in both languages.
fn keyword(a: &Analysis, file: FileId, offset: usize, lang: Lang) -> Option<(Span, String)> {
    let tree = a.loaded.tree(file)?;
    let element = tree.token_at(offset)?;
    // A keyword is a token of a `kw_*` rule, or a node of one holding the token.
    let (span, rule) = std::iter::once(element.kind())
        .filter_map(SyntaxKind::rule)
        .map(|r| (span_of(element.text_range()), r))
        .chain(
            element
                .parent_ancestors()
                .filter_map(|n| Some((span_of(n.text_range()), n.kind().rule()?))),
        )
        .find(|(_, r)| crate::syntax::keyword(*r).is_some())?;
    let word = crate::syntax::keyword(rule)?;
    let (en_desc, zh_desc) = meaning_text(word.meaning);
    let others: Vec<String> = word.spellings.iter().map(|s| format!("`{s}`")).collect();
    let text = match lang {
        Lang::En => format!(
            "**{en}** · **{zh}** ({form})\n\n{en_desc} · {zh_desc}\n\nSpellings: {}",
            others.join(", "),
            en = word.en,
            zh = word.zh,
            form = word.form,
        ),
        Lang::Zh => format!(
            "**{zh}** · **{en}**（{form}）\n\n{zh_desc} · {en_desc}\n\n写法：{}",
            others.join("、"),
            en = word.en,
            zh = word.zh,
            form = word.form,
        ),
    };
    Some((span, text))
}

/// What a kind of keyword is, in English and Chinese.
fn meaning_text(m: Meaning) -> (&'static str, &'static str) {
    match m {
        Meaning::Statement => ("a form or a statement of a form", "表或表中的一项"),
        Meaning::Line(_) => (
            "a line of the department's funds table (年度主要任务)",
            "部门资金表（年度主要任务）中的一行",
        ),
        Meaning::Source(_) => ("a funding source (资金来源)", "资金来源"),
        Meaning::Level1(_) => ("a level-1 indicator category", "一级指标"),
        Meaning::Level2(_) => ("a level-2 indicator category", "二级指标"),
        Meaning::Attribute => ("an attribute of an indicator", "指标的属性"),
        Meaning::Direction(_) => ("the direction of an indicator (指标方向)", "指标方向"),
        Meaning::ProjectKind(_) => ("a project attribute (项目属性)", "项目属性"),
        Meaning::Grade(_) => (
            "how far an indicator's target was reached (达成度)",
            "指标目标的达成度",
        ),
        Meaning::Cause(_) => (
            "the kind of cause of a deviation (偏差类型)",
            "偏差原因的类型",
        ),
        Meaning::Likelihood(_) => (
            "how likely the target is to be met (完成目标可能性)",
            "完成目标的可能性",
        ),
    }
}

/// A quantity: exact value, unit, dimension, amount in 元.
fn quantity(a: &Analysis, file: FileId, offset: usize, lang: Lang) -> Option<(Span, String)> {
    let node = node_at(a, file, offset, |r| r == Rule::quantity)?;
    let span = span_of(node.text_range());
    let mut number = None;
    let mut unit = None;
    for child in node.descendants() {
        match child.kind().rule() {
            Some(Rule::number) => number = Some(child.text().to_string()),
            Some(Rule::unit) => unit = Some(child.text().to_string()),
            _ => {}
        }
    }
    // Atomic rules are tokens in the tree, not nodes.
    for t in node
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
    {
        match t.kind().rule() {
            Some(Rule::number) => number = Some(t.text().to_string()),
            Some(Rule::unit) => unit = Some(t.text().to_string()),
            _ => {}
        }
    }
    let value = Decimal::from_str(&canonical_number(number.as_deref()?)).ok()?;
    let parsed = unit
        .as_deref()
        .map(|u| parse_unit_with(u, &a.config.units).unwrap_or_else(|| unknown_unit(u)));
    let q = Quantity {
        value,
        multiplier: parsed.as_ref().and_then(|p| p.multiplier),
        unit: parsed.and_then(|p| p.unit),
    };
    let dim = q.dimension();
    let (h_value, h_unit, h_dim, h_yuan, h_base) = match lang {
        Lang::En => ("value", "unit", "dimension", "amount", "in base unit"),
        Lang::Zh => ("数值", "单位", "量纲", "金额", "折算"),
    };
    let mut lines = vec![format!("**{}**", q.written())];
    lines.push(format!("- {h_value}: `{}`", q.value));
    if let Some(m) = q.multiplier {
        lines.push(format!("- ×{} (`{}`)", m.factor(), m.as_char()));
    }
    let unit_text = q.unit.as_ref().map_or("—", |u| u.symbol.as_str());
    lines.push(format!("- {h_unit}: {unit_text}"));
    lines.push(format!(
        "- {h_dim}: {}",
        dim.map_or("—", |d| dimension_name(d, lang))
    ));
    if let Some(yuan) = q.yuan() {
        lines.push(format!("- {h_yuan}: **{yuan} 元**"));
    } else if let Some((v, base)) = q.normalized() {
        lines.push(format!("- {h_base}: {v}{base}"));
    }
    Some((span, lines.join("\n")))
}

fn dimension_name(d: Dimension, lang: Lang) -> &'static str {
    let (en, zh) = match d {
        Dimension::Money => ("money", "金额"),
        Dimension::Percent => ("percentage", "百分比"),
        Dimension::Time => ("time", "时间"),
        Dimension::Count => ("count", "计数"),
        Dimension::Area => ("area", "面积"),
        Dimension::Length => ("length", "长度"),
        Dimension::Mass => ("mass", "质量"),
        Dimension::Volume => ("volume", "体积"),
        Dimension::Energy => ("power and energy", "功率与电量"),
        Dimension::Ratio => ("ratio", "倍数"),
        Dimension::Compound => ("compound unit", "复合单位"),
        Dimension::Other => ("unknown unit", "未知单位"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A 项目支出 line: the linked form's budget, and where the two differ.
fn funds_line(a: &Analysis, file: FileId, offset: usize, lang: Lang) -> Option<(Span, String)> {
    let filing = &a.loaded.filing;
    let (link, line) = a.resolution.links.iter().find_map(|l| {
        let d = filing.departments.get(l.department)?;
        let line = d.funds.as_ref()?.lines.get(l.line)?;
        (d.origin.file_id == file && holds(line.span, offset)).then_some((l, line))
    })?;
    let zh = lang == Lang::Zh;
    let Some(p) = link.project.and_then(|i| filing.projects.get(i)) else {
        let text = if zh {
            format!("资金表中的“{}”没有对应的项目表", line.name)
        } else {
            format!("no project form for the funds line “{}”", line.name)
        };
        return Some((line.span, text));
    };
    let wan = |y: Decimal| crate::check::wan(y);
    let mut lines = Vec::new();
    let budget = p.budget.as_ref();
    let form_total = budget.and_then(|b| b.total.yuan());
    lines.push(if zh {
        format!(
            "**项目表“{}”**（{}）\n\n- 资金表：{}\n- 项目表预算：{}",
            p.name,
            file_name(a, p.origin.file_id),
            line.amount.written(),
            budget.map_or("—".to_string(), |b| b.total.written()),
        )
    } else {
        format!(
            "**Project form “{}”** ({})\n\n- funds table: {}\n- the form's budget: {}",
            p.name,
            file_name(a, p.origin.file_id),
            line.amount.written(),
            budget.map_or("—".to_string(), |b| b.total.written()),
        )
    });
    match (line.amount.yuan(), form_total) {
        (Some(x), Some(y)) if x != y => lines.push(if zh {
            format!(
                "- **金额不同**：资金表 {} 元，项目表 {} 元（差 {} 元）",
                x,
                y,
                x - y
            )
        } else {
            format!(
                "- **the amounts differ**: funds table {x} 元, form {y} 元 (difference {} 元)",
                x - y
            )
        }),
        (Some(_), Some(y)) => lines.push(if zh {
            format!("- 金额一致：{}", wan(y))
        } else {
            format!("- the amounts agree: {}", wan(y))
        }),
        _ => {}
    }
    if let Some(b) = budget {
        for s in crate::model::vocab::sources() {
            // Only amounts both write: `1100万元 transfer` gives its source no amount of its
            // own, and the checker (K0404) judges those cases.
            let (Some(here), Some(there)) = (amount(line.split.get(s)), amount(b.split.get(s)))
            else {
                continue;
            };
            if here != there {
                lines.push(if zh {
                    format!(
                        "- **{}不同**：资金表 {here} 元，项目表 {there} 元",
                        s.chinese()
                    )
                } else {
                    format!(
                        "- **{} differs**: funds table {here} 元, form {there} 元",
                        s.keyword()
                    )
                });
            }
        }
    }
    Some((line.span, lines.join("\n")))
}

fn amount(e: Option<&crate::model::Entry>) -> Option<Decimal> {
    e.and_then(|e| e.amount.as_ref()).and_then(Quantity::yuan)
}

fn file_name(a: &Analysis, file: FileId) -> String {
    let name = &a.loaded.sources.get(file).name;
    std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().to_string())
}
