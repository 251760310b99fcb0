//! The server loop (服务主循环): initialisation, the capabilities, and one message at a time.
//!
//! Synchronous, on `lsp-server` (the crate of rust-analyzer and ruff): every message is
//! handled in the order the client sent it, so a request is answered against exactly the
//! document versions the client had sent before it — never a later one, never an older one.
//!
//! Debouncing: messages already waiting are read before anything is computed. Edits only
//! replace texts and mark their filing dirty; a request among them is answered in its turn
//! (its filing analysed on demand); diagnostics are computed and published once the queue is
//! empty and no new message came for `debounce` (default 5 ms). A burst of keystrokes costs
//! one analysis, not one per keystroke: edits that arrive while an analysis runs are all
//! read before the next one. The window is short because the queue already does most of the
//! coalescing, and every millisecond of it is latency (docs/performance.md: 20 ms would put
//! the Lhasa filing's diagnostics past 30 ms after an edit on this machine). A
//! `$/cancelRequest` already in the queue cancels its request before it is computed.
//!
//! A panic in a handler is caught and answered as an internal error (and logged); the server
//! goes on. The tests (`tests/lsp.rs`) feed it half-typed documents to find real panics first.

use std::collections::{HashSet, VecDeque};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeParams, InitializeResult, OneOf, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
};

use super::position::Encoding;
use super::workspace::{self, FilingKey, Workspace};
use crate::diag::Lang;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// What the handlers share: the workspace and the session's settings.
pub struct Server {
    pub ws: Workspace,
    pub lang: Lang,
    pub enc: Encoding,
    /// Where rule codes link to (`codeDescription`).
    pub rules_url: String,
    pub debounce: Duration,
}

/// A handler's answer: a JSON result, or an LSP error.
pub type Answer = Result<serde_json::Value, (ErrorCode, String)>;

/// The capabilities `kpi lsp` announces.
pub fn capabilities(enc: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some([">", "\"", " "].iter().map(|s| (*s).to_string()).collect()),
            ..Default::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new("source.fixAll.kpi"),
            ]),
            ..Default::default()
        })),
        ..Default::default()
    }
}

/// Runs the server on a connection until the client shuts it down. `lang` is `--lang`.
pub fn serve(conn: &Connection, lang: Option<Lang>) -> Result<(), Error> {
    let (id, params) = conn.initialize_start()?;
    let init: InitializeParams = serde_json::from_value(params)?;
    let offered = init
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.clone())
        .unwrap_or_default();
    let enc = Encoding::negotiate(&offered);
    let options = init.initialization_options.as_ref();
    let result = InitializeResult {
        capabilities: capabilities(enc),
        server_info: Some(ServerInfo {
            name: "kpi".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    conn.initialize_finish(id, serde_json::to_value(result)?)?;
    // Files changed on disk (a `git checkout`, another program) change the filings that read
    // them: ask to be told, when the client can watch files for us.
    let can_watch = init
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if can_watch {
        let watchers: Vec<lsp_types::FileSystemWatcher> = ["**/*.kpi", "**/kpi.toml"]
            .iter()
            .map(|g| lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String((*g).to_string()),
                kind: None,
            })
            .collect();
        let register = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "kpi-watch".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: Some(serde_json::to_value(
                    lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers },
                )?),
            }],
        };
        conn.sender.send(Message::Request(Request::new(
            RequestId::from("kpi-watch".to_string()),
            "client/registerCapability".to_string(),
            register,
        )))?;
    }
    let mut ws = Workspace::default();
    #[allow(deprecated)] // rootUri: what clients without workspace folders send
    let roots = init
        .workspace_folders
        .iter()
        .flatten()
        .map(|f| f.uri.clone())
        .chain(init.root_uri.clone());
    ws.roots = roots.filter_map(|u| u.to_file_path().ok()).collect();
    ws.roots.sort();
    ws.roots.dedup();
    let lang = workspace::language(lang, options, &ws.roots);
    let mut server = Server {
        ws,
        lang,
        enc,
        rules_url: options
            .and_then(|o| o.get("rulesUrl"))
            .and_then(serde_json::Value::as_str)
            .map_or_else(super::diagnostics::default_rules_url, str::to_string),
        debounce: Duration::from_millis(
            options
                .and_then(|o| o.get("debounceMs"))
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(5),
        ),
    };
    server.main_loop(conn)
}

impl Server {
    fn main_loop(&mut self, conn: &Connection) -> Result<(), Error> {
        let mut queue: VecDeque<Message> = VecDeque::new();
        loop {
            if queue.is_empty() {
                let msg = if self.ws.dirty.is_empty() {
                    match conn.receiver.recv() {
                        Ok(m) => m,
                        Err(_) => return Ok(()),
                    }
                } else {
                    match conn.receiver.recv_timeout(self.debounce) {
                        Ok(m) => m,
                        Err(RecvTimeoutError::Timeout) => {
                            self.publish(conn)?;
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    }
                };
                queue.push_back(msg);
            }
            // Everything already sent is read before anything is computed.
            while let Ok(m) = conn.receiver.try_recv() {
                queue.push_back(m);
            }
            let cancelled: HashSet<RequestId> = queue
                .iter()
                .filter_map(|m| match m {
                    Message::Notification(n) if n.method == "$/cancelRequest" => {
                        cancelled_id(&n.params)
                    }
                    _ => None,
                })
                .collect();
            let Some(msg) = queue.pop_front() else {
                continue;
            };
            match msg {
                Message::Request(req) => {
                    if conn.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    let resp = if cancelled.contains(&req.id) {
                        Response::new_err(
                            req.id,
                            ErrorCode::RequestCanceled as i32,
                            "cancelled".to_string(),
                        )
                    } else {
                        self.request(req)
                    };
                    conn.sender.send(Message::Response(resp))?;
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
    }

    /// Answers one request; a panic becomes an internal error.
    pub fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let method = req.method.clone();
        let answer = catch_unwind(AssertUnwindSafe(|| self.dispatch(req)));
        match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(panic) => {
                let what = panic_text(&panic);
                eprintln!("kpi lsp: {method} panicked: {what}");
                Response::new_err(
                    id,
                    ErrorCode::InternalError as i32,
                    format!("kpi lsp: {method} failed: {what}"),
                )
            }
        }
    }

    fn dispatch(&mut self, req: Request) -> Answer {
        use lsp_types::request as r;
        let params = req.params;
        match req.method.as_str() {
            r::HoverRequest::METHOD => super::hover::hover(self, parse(params)?),
            r::Completion::METHOD => super::completion::completion(self, parse(params)?),
            r::GotoDefinition::METHOD => super::navigation::definition(self, parse(params)?),
            r::References::METHOD => super::navigation::references(self, parse(params)?),
            r::DocumentSymbolRequest::METHOD => {
                super::navigation::document_symbols(self, parse(params)?)
            }
            r::WorkspaceSymbolRequest::METHOD => {
                super::navigation::workspace_symbols(self, parse(params)?)
            }
            r::Formatting::METHOD => super::formatting::format(self, parse(params)?),
            r::CodeActionRequest::METHOD => super::actions::code_actions(self, parse(params)?),
            other => Err((
                ErrorCode::MethodNotFound,
                format!("kpi lsp does not answer {other}"),
            )),
        }
    }

    /// Applies one notification; a panic is logged and the server goes on.
    pub fn notification(&mut self, n: Notification) {
        let method = n.method.clone();
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| self.notify(n))) {
            eprintln!("kpi lsp: {method} panicked: {}", panic_text(&panic));
        }
    }

    fn notify(&mut self, n: Notification) {
        use lsp_types::notification as no;
        match n.method.as_str() {
            no::DidOpenTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    self.ws.open(d.uri, d.text, d.version);
                }
            }
            no::DidChangeTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidChangeTextDocumentParams>(n.params) {
                    self.change(p);
                }
            }
            no::DidCloseTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                    self.ws.close(&p.text_document.uri);
                }
            }
            no::DidChangeWatchedFiles::METHOD => self.ws.invalidate_all(),
            no::DidSaveTextDocument::METHOD => {
                // A saved file changes nothing the open text did not already say, except for
                // the filings that read it from disk: another folder's, via kpi.toml.
                if let Ok(p) = parse::<lsp_types::DidSaveTextDocumentParams>(n.params) {
                    self.ws.touch(&p.text_document.uri);
                }
            }
            _ => {}
        }
    }

    /// Applies the edits of a `didChange` (whole texts or ranges) in order.
    fn change(&mut self, p: lsp_types::DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let Some(doc) = self.ws.documents.get(&uri) else {
            return;
        };
        let mut text = doc.text.to_string();
        for c in p.content_changes {
            match c.range {
                None => text = c.text,
                Some(range) => {
                    let index = super::position::LineIndex::new(&text);
                    let span = index.span(&text, range, self.enc);
                    text.replace_range(span.start..span.end, &c.text);
                }
            }
        }
        self.ws.open(uri, text, p.text_document.version);
    }

    /// Publishes the diagnostics of every filing that changed.
    pub fn publish(&mut self, conn: &Connection) -> Result<(), Error> {
        for params in self.diagnostics_to_publish() {
            let n = Notification::new(
                lsp_types::notification::PublishDiagnostics::METHOD.to_string(),
                params,
            );
            conn.sender.send(Message::Notification(n))?;
        }
        Ok(())
    }

    /// The diagnostics of every filing that changed, and the lists that clear what a filing no
    /// longer reports (or every list of a filing none of whose documents is open any more).
    pub fn diagnostics_to_publish(&mut self) -> Vec<lsp_types::PublishDiagnosticsParams> {
        let dirty: Vec<FilingKey> = std::mem::take(&mut self.ws.dirty).into_iter().collect();
        let mut out = Vec::new();
        for key in dirty {
            let previously = self.ws.published.remove(&key).unwrap_or_default();
            let open = self
                .ws
                .documents
                .keys()
                .any(|u| workspace::filing_of(u) == key);
            if !open {
                out.extend(
                    previously
                        .into_iter()
                        .map(|uri| lsp_types::PublishDiagnosticsParams {
                            uri,
                            diagnostics: Vec::new(),
                            version: None,
                        }),
                );
                continue;
            }
            let analysis = match catch_unwind(AssertUnwindSafe(|| self.ws.analysis(&key))) {
                Ok(a) => a,
                Err(panic) => {
                    eprintln!("kpi lsp: checking failed: {}", panic_text(&panic));
                    continue;
                }
            };
            out.extend(super::diagnostics::publish_all(
                &analysis,
                &previously,
                self.lang,
                self.enc,
                &self.rules_url,
            ));
            self.ws
                .published
                .insert(key, analysis.files.iter().map(|f| f.uri.clone()).collect());
        }
        out
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    params: serde_json::Value,
) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn cancelled_id(params: &serde_json::Value) -> Option<RequestId> {
    match params.get("id")? {
        serde_json::Value::Number(n) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(RequestId::from),
        serde_json::Value::String(s) => Some(RequestId::from(s.clone())),
        _ => None,
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

/// A JSON value of a handler's result.
pub fn json<T: serde::Serialize>(value: T) -> Answer {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}
