//! The GitLab Code Quality report (代码质量报告) of `kpi check --format gitlab`: the JSON
//! array GitLab reads from a job's `artifacts:reports:codequality` file and shows in the merge
//! request (docs/ci.md). Each finding is one object with the fields GitLab's documentation
//! lists: `description`, `check_name`, `fingerprint`, `severity` (info, minor, major,
//! critical, blocker), `location.path` and `location.lines.begin`.
//!
//! Kept in a module of its own, beside the other formats of `report.rs`.

use std::collections::BTreeMap;

use serde_json::{json, Value as Json};

use crate::diag::{Diagnostic, Lang, Severity, Sources};

/// GitLab's severity for ours. An error stops the filing from being accepted, so it ranks as
/// `critical`; a warning is `minor`; advice is `info`. (`major` and `blocker` are not used.)
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "minor",
        Severity::Advice => "info",
    }
}

/// 128-bit FNV-1a, as 32 hex digits (the length of the MD5 sums other tools write). Any
/// stable hash does: GitLab only compares fingerprints for equality.
fn fnv128(bytes: &[u8]) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut hash = OFFSET;
    for b in bytes {
        hash ^= u128::from(*b);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("{hash:032x}")
}

/// Renders the findings as a GitLab Code Quality report (pretty JSON, a newline at the end).
///
/// The fingerprint is what GitLab uses to tell, between the base branch's report and the merge
/// request's, which findings are new and which were fixed; and it shows only the first of
/// findings that share one. So it is built from what identifies a finding but does not move
/// when unrelated lines are added above it: the rule code, the file, the English message
/// (whatever `--lang` is, so switching the language does not make every finding "new"), and
/// the how-many-th finding with those three it is, in report order.
pub fn render(diags: &[Diagnostic], sources: &Sources, lang: Lang) -> String {
    let mut seen: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    let issues: Vec<Json> = diags
        .iter()
        .map(|d| {
            let file = sources.get(d.file);
            let path = file.name.replace('\\', "/");
            let (line, _) = file.line_col(d.span.start);
            let (end_line, _) = file.line_col(d.span.end);
            let count = seen
                .entry((d.code, file.name.as_str(), d.message.en.as_str()))
                .or_insert(0);
            *count += 1;
            let key = format!("{}\0{}\0{}\0{}", d.code, path, d.message.en, count);
            json!({
                "description": format!("{} {}", d.code, d.message.get(lang)),
                "check_name": d.code,
                "fingerprint": fnv128(key.as_bytes()),
                "severity": severity(d.severity),
                "location": {
                    "path": path,
                    "lines": { "begin": line, "end": end_line.max(line) },
                },
                "content": { "body": d.help.get(lang) },
                "categories": ["Bug Risk"],
                "type": "issue",
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&Json::Array(issues)).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::fnv128;

    #[test]
    fn fnv128_is_the_published_function() {
        // FNV-1a 128 of "" is the offset basis; of "a", the published test vector.
        assert_eq!(fnv128(b""), "6c62272e07bb014262b821756295c58d");
        assert_eq!(fnv128(b"a"), "d228cb696f1a8caf78912b704e4a8964");
    }
}
