//! Report formats of `kpi check` (docs/reports.md): human (miette), short, JSON, SARIF 2.1.0
//! and a Markdown review memo. Every format is byte-deterministic for the same input.

use serde_json::{json, Value as Json};

use super::{family_of, rule, rules, Family, FAMILIES};
use crate::diag::{self, Diagnostic, Lang, Severity, Sources};
use crate::model::Filing;
use crate::source::FileId;

/// The version of the JSON report's shape; bumped on any incompatible change.
pub const REPORT_VERSION: u32 = 1;

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// miette's graphical report, grouped by file, with a summary per family.
    Human,
    /// `path:line:col: severity[CODE] message`, one line per finding.
    Short,
    /// The stable JSON shape documented in docs/reports.md.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// A review memo in Markdown, per form.
    Markdown,
    /// GitLab's Code Quality report (`super::gitlab`).
    Gitlab,
}

/// Renders the findings in a format.
pub fn render(
    format: Format,
    diags: &[Diagnostic],
    sources: &Sources,
    filing: &Filing,
    lang: Lang,
) -> String {
    match format {
        Format::Human => human(diags, sources, lang),
        Format::Short => short(diags, sources, lang),
        Format::Json => json_report(diags, sources, lang),
        Format::Sarif => sarif(diags, sources, lang),
        Format::Markdown => markdown(diags, sources, filing, lang),
        Format::Gitlab => super::gitlab::render(diags, sources, lang),
    }
}

/// Errors and warnings in a list of findings.
pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    (errors, warnings)
}

/// The one-line summary: `3 error(s), 40 warning(s) in 18 file(s)`.
pub fn summary_line(diags: &[Diagnostic], files: usize, lang: Lang) -> String {
    let (errors, warnings) = counts(diags);
    match lang {
        Lang::En => format!("{errors} error(s), {warnings} warning(s) in {files} file(s)"),
        Lang::Zh => format!("共 {files} 个文件：{errors} 个错误，{warnings} 个警告"),
    }
}

/// The families that have findings, with their error and warning counts, in family order.
fn family_counts(diags: &[Diagnostic]) -> Vec<(&'static Family, usize, usize)> {
    FAMILIES
        .iter()
        .filter_map(|fam| {
            let of = || diags.iter().filter(|d| d.code.starts_with(fam.prefix));
            let count = |sev: Severity| of().filter(|d| d.severity == sev).count();
            (of().next().is_some()).then(|| (fam, count(Severity::Error), count(Severity::Warning)))
        })
        .collect()
}

fn family_summary(diags: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for (fam, e, w) in family_counts(diags) {
        let line = match lang {
            Lang::En => format!(
                "  {}xx {:<16} {e} error(s), {w} warning(s)\n",
                fam.prefix, fam.name.en
            ),
            Lang::Zh => format!(
                "  {}xx {}：{e} 个错误，{w} 个警告\n",
                fam.prefix, fam.name.zh
            ),
        };
        out.push_str(&line);
    }
    out
}

fn source_count(sources: &Sources) -> usize {
    sources
        .files
        .iter()
        .filter(|f| !f.name.ends_with(".toml"))
        .count()
}

fn human(diags: &[Diagnostic], sources: &Sources, lang: Lang) -> String {
    let mut out = String::new();
    for (index, file) in sources.files.iter().enumerate() {
        let of: Vec<Diagnostic> = diags
            .iter()
            .filter(|d| d.file.index() == index)
            .cloned()
            .collect();
        if of.is_empty() {
            continue;
        }
        let (e, w) = counts(&of);
        match lang {
            Lang::En => out.push_str(&format!(
                "── {} ── {e} error(s), {w} warning(s)\n\n",
                file.name
            )),
            Lang::Zh => out.push_str(&format!("── {} ── {e} 个错误，{w} 个警告\n\n", file.name)),
        }
        out.push_str(&diag::render(&of, sources, lang));
    }
    out.push_str(&summary_line(diags, source_count(sources), lang));
    out.push('\n');
    out.push_str(&family_summary(diags, lang));
    out
}

/// The place of a finding that is not in `.kpi` text (a workbook's cell): `book!sheet!cell`.
fn place_elsewhere(d: &Diagnostic, sources: &Sources) -> Option<String> {
    d.elsewhere.as_ref().map(|l| l.describe(sources))
}

fn short(diags: &[Diagnostic], sources: &Sources, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        if let Some(place) = place_elsewhere(d, sources) {
            out.push_str(&format!(
                "{place}: {}[{}] {}\n",
                d.severity.word(Lang::En),
                d.code,
                d.message.get(lang)
            ));
            continue;
        }
        let file = sources.get(d.file);
        let (line, col) = file.line_col(d.span.start);
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            file.name,
            line,
            col,
            d.severity.word(Lang::En),
            d.code,
            d.message.get(lang)
        ));
    }
    out
}

fn position(sources: &Sources, file: FileId, span: crate::source::Span) -> Json {
    let f = sources.get(file);
    let (line, column) = f.line_col(span.start);
    let (end_line, end_column) = f.line_col(span.end);
    json!({
        "file": f.name,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "byte_start": span.start,
        "byte_end": span.end,
    })
}

fn json_report(diags: &[Diagnostic], sources: &Sources, lang: Lang) -> String {
    let (errors, warnings) = counts(diags);
    let families: Vec<Json> = FAMILIES
        .iter()
        .map(|f| {
            let of = diags.iter().filter(|d| d.code.starts_with(f.prefix));
            let (e, w) = of.fold((0, 0), |(e, w), d| match d.severity {
                Severity::Error => (e + 1, w),
                Severity::Warning => (e, w + 1),
                Severity::Advice => (e, w),
            });
            json!({ "family": f.prefix, "name": f.name.en, "errors": e, "warnings": w })
        })
        .filter(|f| f["errors"] != 0 || f["warnings"] != 0)
        .collect();
    let findings: Vec<Json> = diags
        .iter()
        .map(|d| {
            let mut o = json!({
                "code": d.code,
                "rule": rule(d.code).map(|r| r.name).unwrap_or(""),
                "severity": d.severity,
                "location": position(sources, d.file, d.span),
                "message": d.message,
                "help": d.help,
                "labels": d.labels.iter().map(|l| json!({
                    "location": position(sources, l.file, l.span),
                    "text": l.text,
                })).collect::<Vec<_>>(),
            });
            o["text"] = json!(d.message.get(lang));
            // A workbook's cell: no line numbers (the imported text is never seen).
            if let Some(crate::diag::Location::Cell {
                workbook,
                sheet,
                cell,
            }) = &d.elsewhere
            {
                o["location"] = json!({ "file": workbook, "sheet": sheet, "cell": cell });
            }
            o
        })
        .collect();
    let doc = json!({
        "kpi_check_version": REPORT_VERSION,
        "files": sources.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
        "summary": { "errors": errors, "warnings": warnings, "families": families },
        "diagnostics": findings,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// A relative path as a URI reference: `/` separators, everything else outside the
/// unreserved set percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

fn sarif_location(sources: &Sources, file: FileId, span: crate::source::Span) -> Json {
    let f = sources.get(file);
    let (line, column) = f.line_col(span.start);
    let (end_line, end_column) = f.line_col(span.end);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&f.name), "index": file },
            "region": {
                "startLine": line,
                "startColumn": column,
                "endLine": end_line,
                "endColumn": end_column,
                "byteOffset": span.start,
                "byteLength": span.end.saturating_sub(span.start),
            }
        }
    })
}

fn sarif(diags: &[Diagnostic], sources: &Sources, lang: Lang) -> String {
    let all = rules();
    let rules_json: Vec<Json> = all
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.title.get(lang) },
                "fullDescription": { "text": r.what.get(lang) },
                "help": { "text": format!("{}\n{}", r.why.get(lang), r.fix.get(lang)) },
                "defaultConfiguration": { "level": sarif_level(r.severity) },
                "properties": { "family": family_of(r.code).map(|f| f.name.en).unwrap_or("") },
            })
        })
        .collect();
    let results: Vec<Json> = diags
        .iter()
        .map(|d| {
            let mut result = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": { "text": d.message.get(lang) },
                "locations": [match &d.elsewhere {
                    Some(crate::diag::Location::Cell { workbook, cell, .. }) => json!({
                        "physicalLocation": { "artifactLocation": { "uri": uri(workbook) } },
                        "logicalLocations": [{
                            "name": cell,
                            "fullyQualifiedName": d.location().describe(sources),
                            "kind": "element",
                        }],
                    }),
                    _ => sarif_location(sources, d.file, d.span),
                }],
                "properties": { "help": d.help.get(lang) },
            });
            if let Some(i) = all.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = json!(i);
            }
            if !d.labels.is_empty() {
                result["relatedLocations"] = d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let mut loc = sarif_location(sources, l.file, l.span);
                        loc["id"] = json!(i);
                        loc["message"] = json!({ "text": l.text.get(lang) });
                        loc
                    })
                    .collect();
            }
            result
        })
        .collect();
    let artifacts: Vec<Json> = sources
        .files
        .iter()
        .map(|f| json!({ "location": { "uri": uri(&f.name) }, "encoding": "utf-8" }))
        .collect();
    let doc = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "kpi",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules_json,
            }},
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The forms of a filing by file, to find the form a finding belongs to without scanning
/// every form per finding (linear in findings and forms; it was their product, issue 14).
struct FormsByFile<'a> {
    /// Per file: (start, end, name, is a department form, position in the departments-then-
    /// projects order), sorted by start; and the largest end among each entry and those before.
    files: std::collections::HashMap<FileId, (Vec<FormSpan<'a>>, Vec<usize>)>,
}

type FormSpan<'a> = (usize, usize, &'a str, bool, usize);

impl<'a> FormsByFile<'a> {
    fn new(filing: &'a Filing) -> FormsByFile<'a> {
        let dep = filing
            .departments
            .iter()
            .map(|x| (&x.origin, x.name.as_str(), true));
        let proj = filing
            .projects
            .iter()
            .map(|x| (&x.origin, x.name.as_str(), false));
        let mut files: std::collections::HashMap<FileId, (Vec<FormSpan<'a>>, Vec<usize>)> =
            std::collections::HashMap::new();
        for (i, (o, name, is_dep)) in dep.chain(proj).enumerate() {
            let entry = (o.span.start, o.span.end, name, is_dep, i);
            files.entry(o.file_id).or_default().0.push(entry);
        }
        for (forms, max_end) in files.values_mut() {
            forms.sort_by_key(|f| (f.0, f.4));
            let mut m = 0;
            *max_end = forms
                .iter()
                .map(|f| {
                    m = m.max(f.1);
                    m
                })
                .collect();
        }
        FormsByFile { files }
    }

    /// The form a finding belongs to: (file, start, label) for sorting and headings. The
    /// first form (departments, then projects) whose span holds the finding's start.
    fn form_of(&self, d: &Diagnostic, lang: Lang) -> Option<(FileId, usize, String)> {
        let (forms, max_end) = self.files.get(&d.file)?;
        let at = d.span.start;
        // Forms that start at or before the finding, walked back while one of them may still
        // reach it (forms do not overlap, so this is one or two).
        let mut i = forms.partition_point(|f| f.0 <= at);
        let mut best: Option<&FormSpan<'a>> = None;
        while i > 0 && max_end[i - 1] >= at {
            i -= 1;
            let f = &forms[i];
            if f.1 >= at && best.is_none_or(|b| f.4 < b.4) {
                best = Some(f);
            }
        }
        best.map(|&(start, _, name, is_dep, _)| {
            let label = match (lang, is_dep) {
                (Lang::En, true) => format!("Department “{name}”"),
                (Lang::En, false) => format!("Project “{name}”"),
                (Lang::Zh, true) => format!("部门“{name}”"),
                (Lang::Zh, false) => format!("项目“{name}”"),
            };
            (d.file, start, label)
        })
    }
}

fn markdown(diags: &[Diagnostic], sources: &Sources, filing: &Filing, lang: Lang) -> String {
    let mut out = String::new();
    let (errors, warnings) = counts(diags);
    let files = source_count(sources);
    match lang {
        Lang::En => {
            out.push_str("# Review of the performance targets\n\n");
            out.push_str(&format!(
                "{files} file(s) reviewed: **{errors} error(s)** (must be corrected) and **{warnings} warning(s)** (to check or complete).\n"
            ));
        }
        Lang::Zh => {
            out.push_str("# 绩效目标审核意见\n\n");
            out.push_str(&format!("共审核 {files} 个文件：**{errors} 个错误**（须更正），**{warnings} 个警告**（须核实或补充）。\n"));
        }
    }
    // Group by form (department first, then projects in file order); then the rest by file.
    let mut groups: Vec<((FileId, usize), String, Vec<&Diagnostic>)> = Vec::new();
    let mut group_of: std::collections::HashMap<(FileId, usize), usize> =
        std::collections::HashMap::new();
    let forms = FormsByFile::new(filing);
    for d in diags {
        let (key, label) = match forms.form_of(d, lang) {
            Some((f, s, l)) => ((f, s), l),
            None => ((d.file, usize::MAX), sources.get(d.file).name.clone()),
        };
        match group_of.get(&key) {
            Some(&g) => groups[g].2.push(d),
            None => {
                group_of.insert(key, groups.len());
                groups.push((key, label, vec![d]));
            }
        }
    }
    groups.sort_by_key(|g| g.0);
    for (_, label, list) in &groups {
        let file = sources.get(list[0].file);
        out.push_str(&format!("\n## {label}\n\n`{}`\n\n", file.name));
        for (i, d) in list.iter().enumerate() {
            let f = sources.get(d.file);
            let (line, _) = f.line_col(d.span.start);
            let (sev, mut line_word, fix) = match lang {
                Lang::En => (
                    d.severity.word(lang).to_string(),
                    format!("line {line}"),
                    "Fix",
                ),
                Lang::Zh => (
                    d.severity.word(lang).to_string(),
                    format!("第 {line} 行"),
                    "修改建议",
                ),
            };
            if let Some(place) = place_elsewhere(d, sources) {
                line_word = place;
            }
            let sep = if lang == Lang::Zh { "：" } else { ": " };
            let (open, close) = if lang == Lang::Zh {
                ("（", "）")
            } else {
                (" (", ")")
            };
            out.push_str(&format!(
                "{}. **{sev} {}**{open}{line_word}{close}{sep}{}",
                i + 1,
                d.code,
                d.message.get(lang)
            ));
            let help = d.help.get(lang);
            if !help.is_empty() {
                out.push_str(&format!("  \n   {fix}{sep}{help}"));
            }
            for l in d.labels.iter().filter(|l| l.file != d.file) {
                let other = sources.get(l.file);
                let (ln, _) = other.line_col(l.span.start);
                out.push_str(&format!(
                    "  \n   → `{}:{ln}` {}",
                    other.name,
                    l.text.get(lang)
                ));
            }
            out.push('\n');
        }
    }
    match lang {
        Lang::En => out.push_str("\n## Totals\n\n| family | errors | warnings |\n|---|---|---|\n"),
        Lang::Zh => out.push_str("\n## 合计\n\n| 类别 | 错误 | 警告 |\n|---|---|---|\n"),
    }
    for (fam, e, w) in family_counts(diags) {
        out.push_str(&format!(
            "| {}xx {} | {e} | {w} |\n",
            fam.prefix,
            fam.name.get(lang)
        ));
    }
    match lang {
        Lang::En => out.push_str(&format!("| **total** | **{errors}** | **{warnings}** |\n")),
        Lang::Zh => out.push_str(&format!("| **合计** | **{errors}** | **{warnings}** |\n")),
    }
    out
}
