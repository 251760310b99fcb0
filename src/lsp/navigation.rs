//! Navigation (跳转与大纲): from a funds line to its project form (definition) and back
//! (references), the outline of a document (forms → categories → indicators, the funds table)
//! and the forms and indicators of the workspace by name.
//!
//! What a funds line names is the resolver's answer (`crate::resolve`), the one `kpi check`
//! uses: the `->` link, else the line's own name, matched as the checker matches them.

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Location, ReferenceParams, SymbolInformation, SymbolKind,
    WorkspaceSymbolParams,
};

use super::server::{json, Answer, Server};
use super::workspace::Analysis;
use super::{holds, locate};
use crate::model::{FormHeader, Indicator, Level1, Level2};
use crate::source::{FileId, Span};

/// The funds line at an offset and the project form it names.
fn link_at(a: &Analysis, file: FileId, offset: usize) -> Option<&crate::resolve::FundsLink> {
    let filing = &a.loaded.filing;
    a.resolution.links.iter().find(|l| {
        filing.departments.get(l.department).is_some_and(|d| {
            d.origin.file_id == file
                && d.funds
                    .as_ref()
                    .and_then(|f| f.lines.get(l.line))
                    .is_some_and(|line| holds(line.span, offset))
        })
    })
}

pub(super) fn definition(server: &mut Server, p: GotoDefinitionParams) -> Answer {
    let pos = p.text_document_position_params;
    let Some((a, file, offset)) = locate(server, &pos.text_document.uri, pos.position) else {
        return json(Option::<GotoDefinitionResponse>::None);
    };
    let target = link_at(&a, file, offset)
        .and_then(|l| l.project)
        .and_then(|i| a.loaded.filing.projects.get(i));
    json(target.map(|p| {
        GotoDefinitionResponse::Scalar(a.location(p.origin.file_id, p.origin.name_span, server.enc))
    }))
}

pub(super) fn references(server: &mut Server, p: ReferenceParams) -> Answer {
    let pos = p.text_document_position;
    let Some((a, file, offset)) = locate(server, &pos.text_document.uri, pos.position) else {
        return json(Option::<Vec<Location>>::None);
    };
    let filing = &a.loaded.filing;
    // The project form under the cursor, or the one the funds line under it names.
    let project = filing
        .projects
        .iter()
        .position(|p| p.origin.file_id == file && holds(p.origin.span, offset))
        .or_else(|| link_at(&a, file, offset).and_then(|l| l.project));
    let Some(project) = project else {
        return json(Option::<Vec<Location>>::None);
    };
    let mut out = Vec::new();
    if p.context.include_declaration {
        let form = &filing.projects[project];
        out.push(a.location(form.origin.file_id, form.origin.name_span, server.enc));
    }
    for l in a.resolution.lines_naming(project) {
        let Some(d) = filing.departments.get(l.department) else {
            continue;
        };
        let Some(line) = d.funds.as_ref().and_then(|f| f.lines.get(l.line)) else {
            continue;
        };
        let span = l.link_span.unwrap_or(line.name_span);
        out.push(a.location(d.origin.file_id, span, server.enc));
    }
    json(Some(out))
}

pub(super) fn document_symbols(server: &mut Server, p: DocumentSymbolParams) -> Answer {
    let Some((a, file)) = server.ws.analysis_of(&p.text_document.uri) else {
        return json(Option::<DocumentSymbolResponse>::None);
    };
    let symbols = outline(&a, file, server.enc);
    json(Some(DocumentSymbolResponse::Nested(symbols)))
}

/// The file a symbol is in: its analysis, file index and the session's position encoding.
type At<'a> = (&'a Analysis, FileId, super::position::Encoding);

/// Indicators by level 2, under one level 1.
type ByLevel2<'a> = Vec<(Option<Level2>, Vec<&'a Indicator>)>;

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be named, as None
fn symbol(
    (a, file, enc): At<'_>,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    span: Span,
    selection: Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    // The selection must lie inside the range (LSP): a name outside it selects the range.
    let selection = if span.start <= selection.start && selection.end <= span.end {
        selection
    } else {
        span
    };
    DocumentSymbol {
        name: if name.trim().is_empty() {
            "—".to_string()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: a.range(file, span, enc),
        selection_range: a.range(file, selection, enc),
        children: (!children.is_empty()).then_some(children),
    }
}

/// The outline of one file: each form, its categories (level 1 → level 2) and indicators; a
/// department form's funds table with its lines.
pub fn outline(a: &Analysis, file: FileId, enc: super::position::Encoding) -> Vec<DocumentSymbol> {
    let filing = &a.loaded.filing;
    let mut forms: Vec<(usize, DocumentSymbol)> = Vec::new();
    for form in filing.forms() {
        let h: &FormHeader = form.header();
        if h.origin.file_id != file {
            continue;
        }
        let mut children = categories(a, file, enc, &h.indicators);
        let (kind_word, detail) = match form {
            crate::model::Form::Project(p) => {
                ("项目", p.budget.as_ref().map(|b| b.total.written()))
            }
            crate::model::Form::Department(d) => {
                if let Some(funds) = &d.funds {
                    let lines: Vec<DocumentSymbol> = funds
                        .lines
                        .iter()
                        .map(|l| {
                            symbol(
                                (a, file, enc),
                                l.name.clone(),
                                Some(l.amount.written()),
                                SymbolKind::FIELD,
                                l.span,
                                l.name_span,
                                Vec::new(),
                            )
                        })
                        .collect();
                    children.insert(
                        0,
                        symbol(
                            (a, file, enc),
                            "资金表 funds".to_string(),
                            None,
                            SymbolKind::STRUCT,
                            funds.span,
                            funds.span,
                            lines,
                        ),
                    );
                }
                ("部门", None)
            }
        };
        let detail = Some(match detail {
            Some(d) => format!("{kind_word} · {d}"),
            None => kind_word.to_string(),
        });
        forms.push((
            h.origin.span.start,
            symbol(
                (a, file, enc),
                h.name.clone(),
                detail,
                SymbolKind::MODULE,
                h.origin.span,
                h.origin.name_span,
                children,
            ),
        ));
    }
    forms.sort_by_key(|(start, _)| *start);
    forms.into_iter().map(|(_, s)| s).collect()
}

/// Indicators grouped by level 1, then level 2, in the order they first appear.
fn categories(
    a: &Analysis,
    file: FileId,
    enc: super::position::Encoding,
    indicators: &[Indicator],
) -> Vec<DocumentSymbol> {
    let mut groups: Vec<(Level1, ByLevel2<'_>)> = Vec::new();
    for ind in indicators {
        let g = match groups.iter_mut().position(|(l, _)| *l == ind.level1) {
            Some(i) => &mut groups[i].1,
            None => {
                groups.push((ind.level1, Vec::new()));
                &mut groups.last_mut().expect("just pushed").1
            }
        };
        match g.iter_mut().find(|(l, _)| *l == ind.level2) {
            Some((_, list)) => list.push(ind),
            None => g.push((ind.level2, vec![ind])),
        }
    }
    let cover = |inds: &[&Indicator]| {
        let start = inds.iter().map(|i| i.span.start).min().unwrap_or(0);
        let end = inds.iter().map(|i| i.span.end).max().unwrap_or(start);
        Span::new(start, end)
    };
    groups
        .into_iter()
        .map(|(l1, l2s)| {
            let all: Vec<&Indicator> = l2s.iter().flat_map(|(_, v)| v.iter().copied()).collect();
            let children = l2s
                .into_iter()
                .map(|(l2, inds)| {
                    let leaves = inds
                        .iter()
                        .map(|i| {
                            symbol(
                                (a, file, enc),
                                i.name.clone(),
                                i.value.as_ref().map(|_| {
                                    let t = a.text(file);
                                    t.get(i.value_span.start..i.value_span.end)
                                        .unwrap_or("")
                                        .to_string()
                                }),
                                SymbolKind::PROPERTY,
                                i.span,
                                i.name_span,
                                Vec::new(),
                            )
                        })
                        .collect();
                    let name = match l2 {
                        Some(l2) => l2.chinese_under(l1).to_string(),
                        None => "—".to_string(),
                    };
                    let detail = l2.map(|l| l.keyword().to_string());
                    let span = cover(&inds);
                    symbol(
                        (a, file, enc),
                        name,
                        detail,
                        SymbolKind::NAMESPACE,
                        span,
                        span,
                        leaves,
                    )
                })
                .collect();
            let span = cover(&all);
            symbol(
                (a, file, enc),
                l1.chinese().to_string(),
                Some(l1.keyword().to_string()),
                SymbolKind::PACKAGE,
                span,
                span,
                children,
            )
        })
        .collect()
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must be named, as None
pub(super) fn workspace_symbols(server: &mut Server, p: WorkspaceSymbolParams) -> Answer {
    let query = p.query.to_lowercase();
    let mut out = Vec::new();
    for key in server.ws.known_filings() {
        let a = server.ws.analysis(&key);
        for form in a.loaded.filing.forms() {
            let h = form.header();
            let file = h.origin.file_id;
            if file.index() >= a.files.len() {
                continue;
            }
            let mut push = |name: &str, kind: SymbolKind, span: Span, container: Option<String>| {
                if query.is_empty() || name.to_lowercase().contains(&query) {
                    out.push(SymbolInformation {
                        name: name.to_string(),
                        kind,
                        tags: None,
                        deprecated: None,
                        location: a.location(file, span, server.enc),
                        container_name: container,
                    });
                }
            };
            push(&h.name, SymbolKind::MODULE, h.origin.name_span, None);
            for i in &h.indicators {
                push(
                    &i.name,
                    SymbolKind::PROPERTY,
                    i.name_span,
                    Some(h.name.clone()),
                );
            }
        }
    }
    json(Some(out))
}
