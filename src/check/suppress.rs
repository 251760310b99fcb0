//! Inline suppressions (行内抑制): `// kpi: allow K0601 -- reason` on the line before a
//! finding, or at the end of the finding's own line, silences that code there.
//!
//! A comment alone on its line applies to the next line; a comment after a statement applies
//! to its own line. Several codes may be listed (`allow K0601, K0605 -- …`). A suppression
//! without a reason is reported (K1002) and still applies; an unknown code is reported
//! (K1001).

use std::collections::BTreeSet;

use super::Ctx;
use crate::diag::{Diagnostic, Finding, Rule, Text};
use crate::source::{FileId, Span};

/// One suppression comment.
struct Allow {
    file: FileId,
    /// 1-based line it applies to.
    line: usize,
    codes: BTreeSet<String>,
}

/// K1001's finding in a suppression (the rule is the config's,
/// [`crate::config::UNKNOWN_RULE_CODE`]): a code no rule has.
struct UnknownCode<'a> {
    code: &'a str,
}

impl Finding for UnknownCode<'_> {
    const RULE: &'static Rule = &crate::config::UNKNOWN_RULE_CODE;

    fn message(&self) -> Text {
        let code = self.code;
        Text::new(
            format!("unknown rule code `{code}` in this suppression"),
            format!("抑制注释中的规则代码“{code}”不存在"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "use a code listed by `kpi explain --all` (docs/rules.md)",
            "请使用 `kpi explain --all`（docs/rules.md）列出的代码",
        )
    }
}

/// K1002's finding (the rule is the config's, [`crate::config::SUPPRESSION_WITHOUT_REASON`]):
/// a suppression with no reason after ` -- `.
struct WithoutReason;

impl Finding for WithoutReason {
    const RULE: &'static Rule = &crate::config::SUPPRESSION_WITHOUT_REASON;

    fn message(&self) -> Text {
        Text::new("this suppression gives no reason", "此抑制注释没有写理由")
    }

    fn help(&self) -> Text {
        Text::new(
            "say why after ` -- `: `// kpi: allow K0605 -- 上限由立项批复确定`",
            "在 ` -- ` 之后写明理由：`// kpi: allow K0605 -- 上限由立项批复确定`",
        )
    }
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
    // The comments come from each file's syntax tree: a `//` inside a text is no comment.
    for (file, tree) in cx
        .trees
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.as_ref().map(|t| (FileId(i), t)))
    {
        let source = cx.source(file);
        for (span, text) in tree.comments() {
            let Some(rest) = allow_text(&text) else {
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
                    None => problems.push(UnknownCode { code }.at(file, comment)),
                }
            }
            if reason.is_empty() {
                problems.push(WithoutReason.at(file, comment));
            }
            allows.push(Allow {
                file,
                line: if alone { line + 1 } else { line },
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
