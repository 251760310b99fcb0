//! Formatting (格式化): the whole document through `kpi fmt`'s own function, with the
//! `[fmt]` options of the `kpi.toml` `kpi fmt` would read. A document with a syntax error is
//! left untouched (no edits), as `kpi fmt` leaves such a file.

use lsp_types::{DocumentFormattingParams, Range, TextEdit};

use super::server::{json, Answer, Server};

pub(super) fn format(server: &mut Server, p: DocumentFormattingParams) -> Answer {
    let uri = p.text_document.uri;
    let Some(doc) = server.ws.documents.get(&uri) else {
        return json(Option::<Vec<TextEdit>>::None);
    };
    let text = doc.text.to_string();
    let index = doc.index.clone();
    // The open kpi.toml's [fmt] when there is one, as the filing's analysis reads it.
    let options = match server.ws.analysis_of(&uri) {
        Some((a, _)) => crate::fmt::Options {
            keywords: a.config.keywords,
        },
        None => crate::fmt::Options::default(),
    };
    let Ok(out) = crate::fmt::format_text(&text, &options) else {
        return json(Option::<Vec<TextEdit>>::None);
    };
    if out == text {
        return json(Some(Vec::<TextEdit>::new()));
    }
    let end = index.position(&text, text.len(), server.enc);
    json(Some(vec![TextEdit {
        range: Range::new(lsp_types::Position::new(0, 0), end),
        new_text: out,
    }]))
}
