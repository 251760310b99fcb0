//! The language server's document handling (`kpi lsp`), in process: a document opened with
//! any text, then a sequence of edits (ranges at any position, in UTF-8, UTF-16 or UTF-32
//! columns, past the end of a line or of the file included) and requests at any position —
//! hover, completion, definition, references, symbols, formatting, code actions — with the
//! diagnostics computed after each edit. The server answers every request (an error is an
//! answer); nothing may panic: libFuzzer's panic hook aborts before the server's
//! `catch_unwind` would turn a panic into an internal error, so a panic is a crash here.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use lsp_server::{Notification, Request, RequestId};
use serde_json::{json, Value};

use kpi::lsp::position::Encoding;

/// A folder that does not exist: the filing is the open documents only.
const A: &str = "file:///kpi-fuzz/a.kpi";
const B: &str = "file:///kpi-fuzz/b.kpi";

fn position(u: &mut Unstructured) -> Result<Value> {
    // Mostly near the text (lines and columns a few hundred at most), sometimes anywhere.
    let (line, character): (u32, u32) = if u.ratio(1, 8)? {
        (u.arbitrary()?, u.arbitrary()?)
    } else {
        (u.int_in_range(0..=40)?, u.int_in_range(0..=300)?)
    };
    Ok(json!({ "line": line, "character": character }))
}

fn range(u: &mut Unstructured) -> Result<Value> {
    Ok(json!({ "start": position(u)?, "end": position(u)? }))
}

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let enc = *u.choose(&[Encoding::Utf8, Encoding::Utf16, Encoding::Utf32])?;
    let mut server = kpi::lsp::Server {
        ws: Default::default(),
        lang: kpi::diag::Lang::Zh,
        enc,
        rules_url: "https://example.invalid/rules.md".to_string(),
        debounce: std::time::Duration::ZERO,
    };
    let text: String = u.arbitrary()?;
    let mut version = 1;
    server.notification(Notification::new(
        "textDocument/didOpen".into(),
        json!({ "textDocument": { "uri": A, "languageId": "kpi", "version": version, "text": text } }),
    ));
    let mut id = 0;
    while !u.is_empty() {
        let uri = if u.ratio(1, 6)? { B } else { A };
        let doc = json!({ "uri": uri });
        let op: u8 = u.int_in_range(0..=11)?;
        match op {
            0..=2 => {
                version += 1;
                let change = if op == 0 {
                    json!({ "text": u.arbitrary::<String>()? })
                } else {
                    json!({ "range": range(&mut u)?, "text": u.arbitrary::<String>()? })
                };
                server.notification(Notification::new(
                    "textDocument/didChange".into(),
                    json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }),
                ));
                let _ = server.diagnostics_to_publish();
            }
            3 => {
                let text: String = u.arbitrary()?;
                server.notification(Notification::new(
                    "textDocument/didOpen".into(),
                    json!({ "textDocument": { "uri": uri, "languageId": "kpi", "version": version, "text": text } }),
                ));
            }
            4 => server.notification(Notification::new(
                "textDocument/didClose".into(),
                json!({ "textDocument": doc }),
            )),
            _ => {
                let (method, params) = match op {
                    5 => (
                        "textDocument/hover",
                        json!({ "textDocument": doc, "position": position(&mut u)? }),
                    ),
                    6 => (
                        "textDocument/completion",
                        json!({ "textDocument": doc, "position": position(&mut u)? }),
                    ),
                    7 => (
                        "textDocument/definition",
                        json!({ "textDocument": doc, "position": position(&mut u)? }),
                    ),
                    8 => (
                        "textDocument/references",
                        json!({ "textDocument": doc, "position": position(&mut u)?, "context": { "includeDeclaration": u.arbitrary::<bool>()? } }),
                    ),
                    9 => (
                        "textDocument/documentSymbol",
                        json!({ "textDocument": doc }),
                    ),
                    10 => (
                        "textDocument/formatting",
                        json!({ "textDocument": doc, "options": { "tabSize": 4, "insertSpaces": true } }),
                    ),
                    _ => (
                        "textDocument/codeAction",
                        json!({ "textDocument": doc, "range": range(&mut u)?, "context": { "diagnostics": [] } }),
                    ),
                };
                id += 1;
                let response =
                    server.request(Request::new(RequestId::from(id), method.into(), params));
                assert!(response.result.is_some() || response.error.is_some());
            }
        }
    }
    let _ = server.diagnostics_to_publish();
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
