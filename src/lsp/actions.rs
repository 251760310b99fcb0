//! Code actions (快速修复): a finding whose help is an exact edit (`diag::Fix`) offers it as
//! a quick fix — add the suggested `->` link, a half-width sign for a full-width one, the
//! keyword a misspelt one is nearest to. `source.fixAll.kpi` applies every safe fix of the
//! document at once, as `kpi check --fix` does.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::server::{json, Answer, Server};
use crate::diag::Fix;
use crate::source::Span;

pub(super) fn code_actions(server: &mut Server, p: CodeActionParams) -> Answer {
    let uri = p.text_document.uri;
    let Some((a, file)) = server.ws.analysis_of(&uri) else {
        return json(Option::<Vec<CodeActionOrCommand>>::None);
    };
    let want = |kind: &CodeActionKind| {
        p.context
            .only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
    };
    let range = a.files[file.index()]
        .index
        .span(a.text(file), p.range, server.enc);
    let lang = server.lang;
    let edit = |fixes: &[&Fix]| {
        let edits = fixes
            .iter()
            .map(|f| TextEdit {
                range: a.range(file, f.span, server.enc),
                new_text: f.replacement.clone(),
            })
            .collect();
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }
    };
    let mut out = Vec::new();
    if want(&CodeActionKind::QUICKFIX) {
        for d in a
            .diagnostics
            .iter()
            .filter(|d| d.file == file && d.elsewhere.is_none() && overlaps(d.span, range))
        {
            let Some(fix) = &d.fix else { continue };
            let diag = super::diagnostics::to_lsp(&a, d, lang, server.enc, &server.rules_url);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("{} ({})", fix.title.get(lang), d.code),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag]),
                edit: Some(edit(&[fix])),
                is_preferred: Some(fix.safe),
                ..Default::default()
            }));
        }
    }
    let all_kind = CodeActionKind::new("source.fixAll.kpi");
    let safe = crate::diag::safe_fixes(
        a.diagnostics
            .iter()
            .filter(|d| d.file == file && d.elsewhere.is_none())
            .filter_map(|d| d.fix.as_ref()),
    );
    if want(&all_kind) && !safe.is_empty() {
        let title = match lang {
            crate::diag::Lang::En => format!("Fix all safe problems ({})", safe.len()),
            crate::diag::Lang::Zh => format!("修复全部可安全修复的问题（{} 处）", safe.len()),
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(all_kind),
            edit: Some(edit(&safe)),
            ..Default::default()
        }));
    }
    json(Some(out))
}

/// Whether a finding's span meets a range (an empty range at its edge counts).
fn overlaps(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}
