//! Diagnostics (诊断): a filing's findings as LSP diagnostics, one list per file of the
//! filing, with the code, message, help, severity and suppressions `kpi check` gives them.

use std::collections::{BTreeMap, BTreeSet};

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString,
    PublishDiagnosticsParams, Url,
};

use super::position::Encoding;
use super::workspace::Analysis;
use crate::diag::{Diagnostic, Lang, Severity};
use crate::source::FileId;

/// Where the rules are documented: `docs/rules.md` of this source tree, unless the client
/// names another page (`initializationOptions.rulesUrl`). Each rule is the anchor of its code
/// in lower case (`#k0301`), as the generated page has it.
pub fn default_rules_url() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    Url::from_file_path(&path)
        .map(|u| u.to_string())
        .unwrap_or_else(|()| "docs/rules.md".to_string())
}

/// The link to a rule's documentation.
pub fn rule_link(rules_url: &str, code: &str) -> Option<Url> {
    Url::parse(&format!("{rules_url}#{}", code.to_ascii_lowercase())).ok()
}

/// The LSP severity of a finding: 错误 → Error, 警告 → Warning, 提示 → Information.
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Advice => DiagnosticSeverity::INFORMATION,
    }
}

/// One finding as an LSP diagnostic: the message, then the help on its own line (as
/// `kpi check` prints it); labels in any file of the filing as related information.
pub fn to_lsp(
    a: &Analysis,
    d: &Diagnostic,
    lang: Lang,
    enc: Encoding,
    rules_url: &str,
) -> lsp_types::Diagnostic {
    let mut message = d.message.get(lang).to_string();
    let help = d.help.get(lang);
    if !help.is_empty() {
        let word = match lang {
            Lang::En => "help",
            Lang::Zh => "帮助",
        };
        message.push_str(&format!("\n{word}: {help}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|l| l.file.index() < a.files.len())
        .map(|l| DiagnosticRelatedInformation {
            location: a.location(l.file, l.span, enc),
            message: l.text.get(lang).to_string(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: a.range(d.file, d.span, enc),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: rule_link(rules_url, d.code).map(|href| CodeDescription { href }),
        source: Some("kpi".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The diagnostics of every file of a filing (files without findings get an empty list, so
/// that the editor clears what it showed), and of the files published before that no longer
/// belong to it.
pub fn publish_all(
    a: &Analysis,
    previously: &BTreeSet<Url>,
    lang: Lang,
    enc: Encoding,
    rules_url: &str,
) -> Vec<PublishDiagnosticsParams> {
    let mut by_file: BTreeMap<FileId, Vec<lsp_types::Diagnostic>> = (0..a.files.len())
        .map(|i| (FileId(i), Vec::new()))
        .collect();
    for d in a.diagnostics.iter().filter(|d| d.elsewhere.is_none()) {
        if let Some(list) = by_file.get_mut(&d.file) {
            list.push(to_lsp(a, d, lang, enc, rules_url));
        }
    }
    let mut out: Vec<PublishDiagnosticsParams> = by_file
        .into_iter()
        .map(|(file, diagnostics)| PublishDiagnosticsParams {
            uri: a.files[file.index()].uri.clone(),
            diagnostics,
            version: a.files[file.index()].version,
        })
        .collect();
    let now: BTreeSet<&Url> = a.files.iter().map(|f| &f.uri).collect();
    for gone in previously.iter().filter(|u| !now.contains(u)) {
        out.push(PublishDiagnosticsParams {
            uri: gone.clone(),
            diagnostics: Vec::new(),
            version: None,
        });
    }
    out
}
