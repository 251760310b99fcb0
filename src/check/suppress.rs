//! Inline suppressions (行内抑制): `// kpi: allow K0601 -- reason` on the line before a
//! finding, or at the end of the finding's own line, silences that code there.
//!
//! A comment alone on its line applies to the next line; a comment after a statement applies
//! to its own line. Several codes may be listed (`allow K0601, K0605 -- …`). A suppression
//! without a reason is reported (K1002) and still applies; an unknown code is reported
//! (K1001).

use std::collections::{BTreeSet, HashMap};

use super::Ctx;
use crate::diag::{Diagnostic, Finding};
use crate::source::{FileId, Span};

/// One suppression comment.
struct Allow {
    file: FileId,
    /// 1-based line it applies to.
    line: usize,
    codes: BTreeSet<String>,
}

/// What follows `allow` in a `// kpi: allow …` comment.
fn allow_text(comment: &str) -> Option<&str> {
    let rest = comment.strip_prefix("//")?.trim_start();
    let rest = rest
        .strip_prefix("kpi:")
        .or_else(|| rest.strip_prefix("kpi："))?;
    rest.trim_start().strip_prefix("allow")
}

/// Drops suppressed findings and adds findings about the suppressions themselves.
pub(super) fn apply(cx: &Ctx<'_>, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut allows = Vec::new();
    let mut problems = Vec::new();
    // The comments come from each file's parse: a `//` inside a text is no comment.
    for (file, syntax) in cx
        .syntax
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.as_ref().map(|t| (FileId(i), t)))
    {
        let source = cx.source(file);
        for (span, text) in &syntax.comments {
            let Some(rest) = allow_text(text) else {
                continue;
            };
            let comment = Span::new(span.start, span.start + text.trim_end().len());
            let (line, _) = source.line_col(span.start);
            let line_start = source.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let alone = source.text[line_start..span.start].trim().is_empty();
            let (codes_text, reason) = match rest.split_once("--") {
                Some((c, r)) => (c, r.trim()),
                None => (rest, ""),
            };
            let mut codes = BTreeSet::new();
            for code in codes_text
                .split([',', ' ', '，', '、'])
                .filter(|c| !c.is_empty())
            {
                match super::checkable_rule(code) {
                    Some(rule) => {
                        codes.insert(rule.code.to_string());
                    }
                    None => problems.push(
                        crate::config::UnknownRuleCode::InSuppression(code).at(file, comment),
                    ),
                }
            }
            if reason.is_empty() {
                problems.push(crate::config::SuppressionWithoutReason.at(file, comment));
            }
            allows.push(Allow {
                file,
                line: if alone { line + 1 } else { line },
                codes,
            });
        }
    }
    // By (file, line): a finding looks up its own line instead of every comment (linear in
    // findings and comments; it was their product, issue 14).
    let mut by_line: HashMap<(FileId, usize), Vec<&Allow>> = HashMap::new();
    for a in &allows {
        by_line.entry((a.file, a.line)).or_default().push(a);
    }
    let mut kept: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| {
            if by_line.is_empty() {
                return true;
            }
            let line = cx.source(d.file).line_col(d.span.start).0;
            !by_line
                .get(&(d.file, line))
                .is_some_and(|list| list.iter().any(|a| a.codes.contains(d.code)))
        })
        .collect();
    kept.extend(problems);
    kept
}
