//! Inline suppressions (行内抑制): `// kpi: allow K0601 -- reason` on the line before a
//! finding, or at the end of the finding's own line, silences that code there.
//!
//! A comment alone on its line applies to the next line; a comment after a statement applies
//! to its own line. Several codes may be listed (`allow K0601, K0605 -- …`). A suppression
//! without a reason is reported (K1002) and still applies; an unknown code is reported
//! (K1001).

use std::collections::BTreeSet;

use super::Ctx;
use crate::diag::{Diagnostic, Text};
use crate::source::Span;

/// One suppression comment.
struct Allow {
    file: usize,
    /// 1-based line it applies to.
    line: usize,
    codes: BTreeSet<String>,
}

fn parse_line(line: &str) -> Option<(usize, &str)> {
    let at = line.find("//")?;
    let rest = line[at + 2..].trim_start();
    let rest = rest
        .strip_prefix("kpi:")
        .or_else(|| rest.strip_prefix("kpi："))?;
    let rest = rest.trim_start().strip_prefix("allow")?;
    Some((at, rest))
}

/// Drops suppressed findings and adds findings about the suppressions themselves.
pub(super) fn apply(cx: &Ctx<'_>, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut allows = Vec::new();
    let mut problems = Vec::new();
    for (file, source) in cx.sources.files.iter().enumerate() {
        if source.name.ends_with(".toml") {
            continue;
        }
        let mut offset = 0;
        for (i, line) in source.text.split('\n').enumerate() {
            let line_start = offset;
            offset += line.len() + 1;
            let Some((at, rest)) = parse_line(line) else {
                continue;
            };
            let comment = Span::new(line_start + at, line_start + line.trim_end().len());
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
                    None => problems.push(cx.diag(
                        &crate::config::UNKNOWN_RULE_CODE,
                        file,
                        comment,
                        Text::new(
                            format!("unknown rule code `{code}` in this suppression"),
                            format!("抑制注释中的规则代码“{code}”不存在"),
                        ),
                        Text::new(
                            "use a code listed by `kpi explain --all` (docs/rules.md)",
                            "请使用 `kpi explain --all`（docs/rules.md）列出的代码",
                        ),
                    )),
                }
            }
            if reason.is_empty() {
                problems.push(cx.diag(
                    &crate::config::SUPPRESSION_WITHOUT_REASON,
                    file,
                    comment,
                    Text::new("this suppression gives no reason", "此抑制注释没有写理由"),
                    Text::new(
                        "say why after ` -- `: `// kpi: allow K0605 -- 上限由立项批复确定`",
                        "在 ` -- ` 之后写明理由：`// kpi: allow K0605 -- 上限由立项批复确定`",
                    ),
                ));
            }
            let alone = line[..at].trim().is_empty();
            allows.push(Allow {
                file,
                line: if alone { i + 2 } else { i + 1 },
                codes,
            });
        }
    }
    let mut kept: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| {
            let line = cx.source(d.file).line_col(d.span.start).0;
            !allows
                .iter()
                .any(|a| a.file == d.file && a.line == line && a.codes.contains(d.code))
        })
        .collect();
    kept.extend(problems);
    kept
}
