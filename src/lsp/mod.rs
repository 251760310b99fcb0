//! The language server (语言服务器): `kpi lsp`, over standard input and output, for every
//! editor with an LSP client (docs/editors.md).
//!
//! One job per module:
//!
//! | module | job |
//! |---|---|
//! | `server` | initialisation, capabilities, the message loop, debouncing, cancellation |
//! | `workspace` | open documents, filings (a folder and its `kpi.toml`), cached analyses |
//! | `position` | byte offsets ↔ LSP positions (UTF-16, UTF-8, UTF-32) |
//! | `diagnostics` | findings → LSP diagnostics, published per file of a filing |
//! | `hover` | rules, quantities, keywords and funds lines explained |
//! | `completion` | keywords, level-2 categories, units, project names |
//! | `navigation` | definition, references, document and workspace symbols |
//! | `formatting` | `kpi fmt` on the whole document |
//! | `actions` | the diagnostics' exact edits as code actions |
//!
//! Everything it says comes from the core every other front end uses: loading, `kpi.toml`,
//! the checker, the resolver, the vocabulary and the formatter.

mod actions;
mod completion;
mod diagnostics;
mod formatting;
mod hover;
mod navigation;
pub mod position;
pub mod server;
mod workspace;

use std::sync::Arc;

use lsp_server::Connection;
use lsp_types::{Position, Url};

pub use server::{serve, Server};
use workspace::Analysis;

use crate::diag::Lang;

/// Runs `kpi lsp` on standard input and output until the client exits.
pub fn run_stdio(lang: Option<Lang>) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (conn, io) = Connection::stdio();
    serve(&conn, lang)?;
    drop(conn);
    io.join()?;
    Ok(())
}

/// The analysis of a document's filing, the document's file index and the byte offset of a
/// position in it; `None` for a document the server does not know.
fn locate(
    server: &mut Server,
    uri: &Url,
    pos: Position,
) -> Option<(Arc<Analysis>, crate::source::FileId, usize)> {
    let (a, file) = server.ws.analysis_of(uri)?;
    let offset = a.offset(file, pos, server.enc);
    Some((a, file, offset))
}

/// Whether a span holds an offset (its end included: the cursor right after a word is on it).
fn holds(span: crate::source::Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}
