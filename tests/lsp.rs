//! The language server in process (`kpi::lsp::serve` on `lsp_server::Connection::memory()`):
//! every feature, driven as a client drives it — diagnostics of a whole filing (a project
//! form's edit changing the department form's findings), positions in UTF-16 and UTF-8 on
//! lines with Chinese text and characters outside the BMP, hover, completion, definition and
//! references, symbols, formatting, code actions, and half-typed documents.
//!
//! The end-to-end tests with real clients (pytest-lsp, Neovim) are `tests/lsp_clients.rs`.

use crate::common;

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

use kpi::diag::Lang;

/// How long the client waits for one message before it calls the server stuck (a guard
/// against a hang, not a timing assertion: every answer comes in milliseconds).
const STUCK: Duration = Duration::from_secs(60);

struct Client {
    conn: Connection,
    server: Option<JoinHandle<()>>,
    next: i32,
    /// Notifications received while waiting for something else.
    notifications: Vec<Notification>,
}

impl Client {
    /// A server started with `--lang en` and the given client capabilities' position
    /// encodings and initialisation options, initialised.
    fn start(encodings: &[&str], options: Value, root: Option<&Path>) -> Client {
        Client::start_in(Some(Lang::En), encodings, options, root)
    }

    /// The same with `lang` as `kpi lsp --lang` (None: no `--lang`).
    fn start_in(
        lang: Option<Lang>,
        encodings: &[&str],
        options: Value,
        root: Option<&Path>,
    ) -> Client {
        let (server_conn, conn) = Connection::memory();
        let server = std::thread::spawn(move || {
            kpi::lsp::serve(&server_conn, lang).expect("the server runs");
        });
        let mut c = Client {
            conn,
            server: Some(server),
            next: 0,
            notifications: Vec::new(),
        };
        let root_uri = root.map(|r| url(r).to_string());
        let result = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": { "general": { "positionEncodings": encodings } },
                "initializationOptions": options,
            }),
        );
        assert!(result["capabilities"]["hoverProvider"] == json!(true));
        c.notify("initialized", json!({}));
        c
    }

    fn utf16() -> Client {
        Client::start(&["utf-16"], json!({ "debounceMs": 0 }), None)
    }

    fn send_request(&mut self, method: &str, params: Value) -> RequestId {
        self.next += 1;
        let id = RequestId::from(self.next);
        let req = Request::new(id.clone(), method.to_string(), params);
        self.conn.sender.send(Message::Request(req)).unwrap();
        id
    }

    fn response(&mut self, id: &RequestId) -> Response {
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(STUCK)
                .expect("the server answers")
            {
                Message::Response(r) if &r.id == id => return r,
                Message::Notification(n) => self.notifications.push(n),
                _ => {}
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let r = self.response(&id);
        assert!(r.error.is_none(), "{method}: {:?}", r.error);
        r.result.unwrap_or(Value::Null)
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.to_string(), params);
        self.conn.sender.send(Message::Notification(n)).unwrap();
    }

    fn open(&self, path: &Path) {
        let text = std::fs::read_to_string(path).unwrap();
        self.open_text(path, &text, 1);
    }

    fn open_text(&self, path: &Path, text: &str, version: i32) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": url(path), "languageId": "kpi", "version": version, "text": text,
            }}),
        );
    }

    fn change(&self, path: &Path, text: &str, version: i32) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": url(path), "version": version },
                "contentChanges": [{ "text": text }],
            }),
        );
    }

    /// The next diagnostics published for a file (earlier ones already received are used
    /// first, in order).
    fn diagnostics(&mut self, path: &Path) -> Vec<Value> {
        let uri = url(path).to_string();
        loop {
            if let Some(i) = self.notifications.iter().position(|n| {
                n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri
            }) {
                let n = self.notifications.remove(i);
                return n.params["diagnostics"].as_array().unwrap().clone();
            }
            if let Message::Notification(n) = self
                .conn
                .receiver
                .recv_timeout(STUCK)
                .expect("diagnostics are published")
            {
                self.notifications.push(n);
            }
        }
    }

    /// Diagnostics for a file from the last publication that reflects `version`.
    fn diagnostics_of_version(&mut self, path: &Path, version: i32) -> Vec<Value> {
        let uri = url(path).to_string();
        loop {
            let found = self.notifications.iter().position(|n| {
                n.method == "textDocument/publishDiagnostics"
                    && n.params["uri"] == uri
                    && n.params["version"] == json!(version)
            });
            if let Some(i) = found {
                let n = self.notifications.remove(i);
                return n.params["diagnostics"].as_array().unwrap().clone();
            }
            if let Message::Notification(n) = self
                .conn
                .receiver
                .recv_timeout(STUCK)
                .expect("diagnostics are published")
            {
                self.notifications.push(n);
            }
        }
    }

    fn at(path: &Path, line: u32, character: u32) -> Value {
        json!({ "textDocument": { "uri": url(path) }, "position": { "line": line, "character": character } })
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let id = self.send_request("shutdown", Value::Null);
        let _ = self.response(&id);
        self.notify("exit", Value::Null);
        if let Some(s) = self.server.take() {
            s.join().expect("the server stops cleanly");
        }
    }
}

fn url(path: &Path) -> lsp_types::Url {
    lsp_types::Url::from_file_path(path).unwrap()
}

/// A copy of the Lhasa filing in a temporary folder (tests write to it).
fn lhasa() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("lhasa");
    std::fs::create_dir(&to).unwrap();
    for e in std::fs::read_dir(common::root().join("examples/lhasa-kjj-2023")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
    (dir, to)
}

/// The (line, UTF-16 column) of the first occurrence of `needle` in `text`.
fn find16(text: &str, needle: &str) -> (u32, u32) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count();
    let col: usize = text[line_start..at].chars().map(char::len_utf16).sum();
    (line as u32, col as u32)
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// `kpi check`'s findings for a folder, as (file name, 0-based line, code, message).
fn check_findings(dir: &Path) -> Vec<(String, u32, String, String)> {
    let config = kpi::config::find(&[dir.to_path_buf()], None).unwrap();
    let units = config
        .as_ref()
        .map(kpi::config::units_of)
        .unwrap_or_default();
    let mut loaded = kpi::filing::load_with_units(&[dir.to_path_buf()], &units).unwrap();
    let (_, diags) = kpi::check::run(&mut loaded, config);
    diags
        .iter()
        .filter(|d| d.elsewhere.is_none())
        .map(|d| {
            let f = loaded.sources.get(d.file);
            let name = Path::new(&f.name)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            let (line, _) = f.line_col(d.span.start);
            (
                name,
                line as u32 - 1,
                d.code.to_string(),
                d.message.en.clone(),
            )
        })
        .collect()
}

#[test]
fn diagnostics_are_those_of_kpi_check_for_the_whole_filing() {
    let (_tmp, dir) = lhasa();
    let mut c = Client::utf16();
    let department = dir.join("00-department.kpi");
    c.open(&department);
    let expected = check_findings(&dir);
    let mut got = Vec::new();
    // Every file of the filing gets its list, the unopened ones included.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    for name in &names {
        for d in c.diagnostics(&dir.join(name)) {
            let first = d["message"]
                .as_str()
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string();
            got.push((
                name.clone(),
                d["range"]["start"]["line"].as_u64().unwrap() as u32,
                d["code"].as_str().unwrap().to_string(),
                first,
            ));
            // Every diagnostic links to its rule's documentation.
            let href = d["codeDescription"]["href"].as_str().unwrap();
            let code = d["code"].as_str().unwrap().to_ascii_lowercase();
            assert!(href.ends_with(&format!("rules.md#{code}")), "{href}");
            assert_eq!(d["source"], "kpi");
        }
    }
    let mut expected = expected;
    expected.sort();
    got.sort();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
}

#[test]
fn a_project_form_edit_changes_the_department_forms_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let department = dir.path().join("dep.kpi");
    let project = dir.path().join("proj.kpi");
    let dep_text = "department \"局\" {\n  year 2023;\n  funds {\n    project \"科技专项\" 10万元 fiscal;\n  }\n  goal \"保障运行\";\n}\n";
    let proj_text = "project \"科技专项\" {\n  year 2023;\n  budget 10万元 { fiscal 10万元; };\n  goal \"实施科技项目\";\n  output quantity \"项目数\" 3个;\n}\n";
    std::fs::write(&department, dep_text).unwrap();
    std::fs::write(&project, proj_text).unwrap();
    let mut c = Client::utf16();
    c.open(&department);
    c.open(&project);
    let before = c.diagnostics_of_version(&department, 1);
    assert!(!codes(&before).contains(&"K0403".to_string()), "{before:?}");
    // The project's budget changes in the editor, unsaved: the department form now differs.
    c.change(&project, &proj_text.replace("10万元", "12万元"), 2);
    let after = c.diagnostics_of_version(&department, 1);
    let k0403: Vec<&Value> = after.iter().filter(|d| d["code"] == "K0403").collect();
    assert_eq!(k0403.len(), 1, "{after:?}");
    // On the line's amount, with the project form as related information.
    assert_eq!(k0403[0]["range"]["start"]["line"], 3);
    let related = &k0403[0]["relatedInformation"][0]["location"]["uri"];
    assert_eq!(related, &json!(url(&project).to_string()));
    // Undone: the finding is cleared.
    c.change(&project, proj_text, 3);
    let cleared = c.diagnostics_of_version(&department, 1);
    assert!(
        !codes(&cleared).contains(&"K0403".to_string()),
        "{cleared:?}"
    );
}

#[test]
fn columns_are_utf16_on_cjk_lines_and_utf8_when_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    // A full-width `；` (K0104) after a text holding 𠀀 (two UTF-16 units, four bytes).
    let text = "project \"科技\" {\n  goal \"𠀀科技\"；\n}\n";
    std::fs::write(&path, text).unwrap();
    for (enc, col) in [("utf-16", 13), ("utf-8", 19)] {
        let mut c = Client::start(&[enc], json!({ "debounceMs": 0 }), None);
        c.open(&path);
        let diags = c.diagnostics(&path);
        let d = diags.iter().find(|d| d["code"] == "K0104").expect("K0104");
        assert_eq!(
            d["range"]["start"],
            json!({ "line": 1, "character": col }),
            "{enc}"
        );
        let width = if enc == "utf-8" { 3 } else { 1 };
        assert_eq!(
            d["range"]["end"],
            json!({ "line": 1, "character": col + width }),
            "{enc}"
        );
    }
    // The negotiated encoding is announced.
    let (server_conn, conn) = Connection::memory();
    let t = std::thread::spawn(move || kpi::lsp::serve(&server_conn, None).unwrap());
    let init = Request::new(
        1.into(),
        "initialize".into(),
        json!({ "capabilities": { "general": { "positionEncodings": ["utf-8", "utf-16"] } } }),
    );
    conn.sender.send(Message::Request(init)).unwrap();
    let Message::Response(r) = conn.receiver.recv().unwrap() else {
        panic!()
    };
    assert_eq!(
        r.result.unwrap()["capabilities"]["positionEncoding"],
        "utf-8"
    );
    conn.sender
        .send(Message::Notification(Notification::new(
            "initialized".into(),
            json!({}),
        )))
        .unwrap();
    conn.sender
        .send(Message::Request(Request::new(
            2.into(),
            "shutdown".into(),
            Value::Null,
        )))
        .unwrap();
    let _ = conn.receiver.recv();
    conn.sender
        .send(Message::Notification(Notification::new(
            "exit".into(),
            Value::Null,
        )))
        .unwrap();
    t.join().unwrap();
}

#[test]
fn incremental_edits_count_utf16_units() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    let text = "project \"𠀀科技\" {\n  year 2023；\n}\n";
    std::fs::write(&path, text).unwrap();
    let mut c = Client::utf16();
    c.open(&path);
    assert!(codes(&c.diagnostics(&path)).contains(&"K0104".to_string()));
    // Replace the `；` at line 1, UTF-16 column 11 with `;`.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": url(&path), "version": 2 },
            "contentChanges": [{ "range": {
                "start": { "line": 1, "character": 11 }, "end": { "line": 1, "character": 12 }
            }, "text": ";" }],
        }),
    );
    let after = c.diagnostics_of_version(&path, 2);
    assert!(!codes(&after).contains(&"K0104".to_string()), "{after:?}");
    // The server's text is what the client has: formatting finds nothing to change in it
    // but the layout, and keeps 𠀀.
    let edits = c.request(
        "textDocument/formatting",
        json!({
            "textDocument": { "uri": url(&path) }, "options": { "tabSize": 2, "insertSpaces": true }
        }),
    );
    let edits = edits.as_array().unwrap();
    assert!(edits.is_empty(), "{edits:?}");
}

#[test]
fn hover_explains_rules_quantities_keywords_and_funds_lines() {
    let (_tmp, dir) = lhasa();
    let mut c = Client::utf16();
    let department = dir.join("00-department.kpi");
    let project = dir.join("07-science-special-projects.kpi");
    c.open(&department);
    c.open(&project);
    let dep = std::fs::read_to_string(&department).unwrap();
    let hover = |c: &mut Client, path: &Path, (l, ch): (u32, u32)| -> String {
        let h = c.request("textDocument/hover", Client::at(path, l, ch));
        h["contents"]["value"].as_str().unwrap_or("").to_string()
    };
    // A quantity: exact value and the amount in 元 (rust_decimal: 12386800.00, no float).
    let (l, ch) = find16(&dep, "1238.68万元");
    let text = hover(&mut c, &department, (l, ch + 2));
    assert!(text.contains("12386800.00 元"), "{text}");
    assert!(text.contains("money"), "{text}");
    // A keyword: both languages.
    let (l, ch) = find16(&dep, "funds {");
    let text = hover(&mut c, &department, (l, ch + 1));
    assert!(text.contains("funds") && text.contains("资金表"), "{text}");
    // A funds line: the linked form's budget, and the source that differs (K0404 there).
    let (l, ch) = find16(&dep, "\"百家科技\"");
    let text = hover(&mut c, &department, (l, ch + 1));
    assert!(
        text.contains("百家科技") && text.contains("1100万元"),
        "{text}"
    );
    assert!(text.contains("02-baijia-keji.kpi"), "{text}");
    // A finding's range: its rule explained.
    let (l, ch) = find16(&dep, "\"党建经费");
    let text = hover(&mut c, &department, (l, ch + 2));
    assert!(
        text.contains("K0401") && text.contains("What it checks"),
        "{text}"
    );
    // Nothing under the cursor: no hover.
    let h = c.request("textDocument/hover", Client::at(&department, 0, 0));
    assert!(
        h.is_null() || h["contents"]["value"].as_str().unwrap().contains("K"),
        "{h}"
    );
}

#[test]
fn hover_in_chinese_with_lang_option() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    let text = "项目 \"科技\" {\n  预算 0.4万元;\n}\n";
    std::fs::write(&path, text).unwrap();
    // No --lang: the client's initializationOptions decide.
    let options = json!({ "lang": "zh", "debounceMs": 0 });
    let mut c = Client::start_in(None, &["utf-16"], options, None);
    c.open(&path);
    let diags = c.diagnostics(&path);
    assert!(
        diags
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("没有")),
        "{diags:?}"
    );
    let (l, ch) = find16(text, "0.4万元");
    let h = c.request("textDocument/hover", Client::at(&path, l, ch + 1));
    let v = h["contents"]["value"].as_str().unwrap();
    assert!(v.contains("4000.00 元") && v.contains("金额"), "{v}");
}

/// Issue 13: the language server takes its language where `kpi check` does — here from
/// `lang = "zh"` in the workspace's kpi.toml, with neither `--lang` nor an editor setting.
#[test]
fn the_workspace_kpi_toml_sets_the_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kpi.toml"), "lang = \"zh\"\n").unwrap();
    let path = dir.path().join("a.kpi");
    std::fs::write(&path, "project \"科技\" {\n  budget 0.4万元;\n}\n").unwrap();
    let options = json!({ "debounceMs": 0 });
    let mut c = Client::start_in(None, &["utf-16"], options, Some(dir.path()));
    c.open(&path);
    let diags = c.diagnostics(&path);
    // KPI_LANG, when the environment sets it, comes before kpi.toml, as in `kpi check`.
    let chinese = Lang::from_kpi_lang().unwrap_or(Lang::Zh) == Lang::Zh;
    let message = |d: &Value| d["message"].as_str().unwrap().to_string();
    assert!(!diags.is_empty());
    assert_eq!(
        diags.iter().any(|d| message(d).contains("没有")),
        chinese,
        "{diags:?}"
    );
}

#[test]
fn completion_offers_what_fits_the_cursor() {
    let (_tmp, dir) = lhasa();
    let mut c = Client::utf16();
    let department = dir.join("00-department.kpi");
    c.open(&department);
    let dep = std::fs::read_to_string(&department).unwrap();
    let labels = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    // After `->`: the project forms of the filing.
    let typed = dep.replacen(
        "project \"双创办公经费\" 30万元 transfer;",
        "project \"双创办公经费\" 30万元 transfer -> ",
        1,
    );
    c.change(&department, &typed, 2);
    let (l, ch) = find16(&typed, "transfer -> ");
    let items = c.request(
        "textDocument/completion",
        Client::at(&department, l, ch + 12),
    );
    let names = labels(&items);
    assert!(names.contains(&"双创办公运行经费".to_string()), "{names:?}");
    assert_eq!(names.len(), 17, "{names:?}");
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "百家科技")
        .unwrap();
    assert_eq!(item["textEdit"]["newText"], "\"百家科技\"");

    // Level 2 under a level 1, in the file's keyword language (English here).
    let typed = dep.replacen("  output quantity \"基本支出人员数量\";", "  effect ", 1);
    c.change(&department, &typed, 3);
    let (l, ch) = find16(&typed, "  effect ");
    let items = labels(&c.request(
        "textDocument/completion",
        Client::at(&department, l, ch + 9),
    ));
    assert_eq!(items, ["economic", "social", "ecological", "sustainable"]);

    // Units after a number, for the category: a satisfaction is a percentage.
    let typed = dep.replacen(
        "  output quantity \"基本支出人员数量\";",
        "  satisfaction service \"满意\" >= 9",
        1,
    );
    c.change(&department, &typed, 4);
    let (l, ch) = find16(&typed, ">= 9");
    let items = labels(&c.request(
        "textDocument/completion",
        Client::at(&department, l, ch + 4),
    ));
    assert_eq!(items[0], "%", "{items:?}");
    assert!(!items.contains(&"万元".to_string()), "{items:?}");

    // Statement keywords of the block: in the funds table, its lines.
    let (l, _) = find16(&dep, "basic \"公用经费\"");
    let items = labels(&c.request("textDocument/completion", Client::at(&department, l, 4)));
    assert_eq!(items, ["basic", "project", "total"]);
}

#[test]
fn completion_uses_chinese_keywords_in_a_chinese_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    let text = "项目 \"科技\" {\n  年度 2023;\n  产出 \n}\n";
    std::fs::write(&path, text).unwrap();
    let mut c = Client::utf16();
    c.open(&path);
    let items = c.request("textDocument/completion", Client::at(&path, 2, 5));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["数量", "质量", "时效", "成本"]);
    let items = c.request("textDocument/completion", Client::at(&path, 1, 2));
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"年度资金总额") && labels.contains(&"产出"),
        "{labels:?}"
    );
    assert!(!labels.contains(&"budget"), "{labels:?}");
}

#[test]
fn definition_and_references_follow_funds_lines() {
    let (_tmp, dir) = lhasa();
    let mut c = Client::utf16();
    let department = dir.join("00-department.kpi");
    let project = dir.join("02-baijia-keji.kpi");
    c.open(&department);
    let dep = std::fs::read_to_string(&department).unwrap();
    let (l, ch) = find16(&dep, "\"百家科技\"");
    let def = c.request(
        "textDocument/definition",
        Client::at(&department, l, ch + 2),
    );
    assert_eq!(def["uri"], json!(url(&project).to_string()));
    // The form's name on line 1 (0-based) of the project file.
    assert_eq!(def["range"]["start"]["line"], 1);
    // And back: the funds line that names the form.
    let refs = c.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": url(&project) }, "position": { "line": 1, "character": 10 },
                "context": { "includeDeclaration": false } }),
    );
    let refs = refs.as_array().unwrap();
    assert_eq!(refs.len(), 1, "{refs:?}");
    assert_eq!(refs[0]["uri"], json!(url(&department).to_string()));
    assert_eq!(refs[0]["range"]["start"]["line"], l);
    // A line with no form: no definition.
    let (l, ch) = find16(&dep, "\"公用经费\"");
    assert!(c
        .request(
            "textDocument/definition",
            Client::at(&department, l, ch + 1)
        )
        .is_null());
}

#[test]
fn symbols_outline_forms_categories_and_indicators() {
    let (_tmp, dir) = lhasa();
    let mut c = Client::start(&["utf-16"], json!({ "debounceMs": 0 }), Some(&dir));
    let project = dir.join("02-baijia-keji.kpi");
    c.open(&project);
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": url(&project) } }),
    );
    let forms = syms.as_array().unwrap();
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0]["name"], "百家科技");
    let cats: Vec<&str> = forms[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(cats, ["产出指标", "效益指标", "满意度指标"]);
    let output = &forms[0]["children"][0];
    let l2: Vec<&str> = output["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(l2, ["数量指标", "质量指标", "时效指标", "成本指标"]);
    assert_eq!(
        output["children"][0]["children"][0]["name"],
        "认定备案为市级科技型中小企业数量"
    );
    // Workspace symbols: forms and indicators of the folder, by part of the name.
    let found = c.request("workspace/symbol", json!({ "query": "百家" }));
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"百家科技"), "{names:?}");
    let found = c.request("workspace/symbol", json!({ "query": "满意度" }));
    assert!(found.as_array().unwrap().len() > 3, "{found}");
}

#[test]
fn formatting_is_kpi_fmt_and_leaves_syntax_errors_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    let text = "project \"科技\"{year 2023；budget 5 万元;}\n";
    std::fs::write(&path, text).unwrap();
    let mut c = Client::utf16();
    c.open(&path);
    let opts = json!({ "tabSize": 2, "insertSpaces": true });
    let edits = c.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": url(&path) }, "options": opts }),
    );
    let expected = kpi::fmt::format_text(text, &Default::default()).unwrap();
    assert_ne!(expected, text);
    assert_eq!(edits[0]["newText"], expected);
    assert_eq!(
        edits[0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );
    assert_eq!(
        edits[0]["range"]["end"],
        json!({ "line": 1, "character": 0 })
    );
    // A syntax error: no edits.
    c.change(&path, "project \"科技\" { year 2023 budget; }\n", 2);
    let edits = c.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": url(&path) }, "options": opts }),
    );
    assert!(edits.is_null(), "{edits}");
}

#[test]
fn code_actions_carry_the_exact_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    let text = "project \"科技\" {\n  year 2023；\n  goal \"x\"；\n  bugdet 5万元;\n}\n";
    std::fs::write(&path, text).unwrap();
    let mut c = Client::utf16();
    c.open(&path);
    let diags = c.diagnostics(&path);
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": url(&path) },
                "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 20 } },
                "context": { "diagnostics": diags } }),
    );
    let actions = actions.as_array().unwrap();
    let quick = actions
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix");
    assert!(
        quick["title"].as_str().unwrap().contains("K0104"),
        "{quick}"
    );
    assert_eq!(quick["isPreferred"], true);
    let edit = &quick["edit"]["changes"][url(&path).to_string()][0];
    assert_eq!(edit["newText"], ";");
    assert_eq!(
        edit["range"]["start"],
        json!({ "line": 1, "character": 11 })
    );
    // Fix all: both `；`, not the guessed keyword.
    let all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.kpi")
        .expect("fix all");
    assert_eq!(
        all["edit"]["changes"][url(&path).to_string()]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // The misspelt keyword: a quick fix that is not preferred (a guess).
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": url(&path) },
                "range": { "start": { "line": 3, "character": 3 }, "end": { "line": 3, "character": 3 } },
                "context": { "diagnostics": [], "only": ["quickfix"] } }),
    );
    let a = &actions.as_array().unwrap()[0];
    assert_eq!(
        a["edit"]["changes"][url(&path).to_string()][0]["newText"],
        "budget"
    );
    assert_eq!(a["isPreferred"], false);
}

#[test]
fn the_suggested_link_is_a_code_action() {
    let (_tmp, dir) = lhasa();
    let mut c = Client::utf16();
    let department = dir.join("00-department.kpi");
    c.open(&department);
    let dep = std::fs::read_to_string(&department).unwrap();
    let (l, _) = find16(&dep, "\"双创办公经费\"");
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": url(&department) },
                "range": { "start": { "line": l, "character": 14 }, "end": { "line": l, "character": 14 } },
                "context": { "diagnostics": [] } }),
    );
    let link = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("K0401"))
        .expect("the link");
    let edit = &link["edit"]["changes"][url(&department).to_string()][0];
    assert_eq!(edit["newText"], " -> \"双创办公运行经费\"");
    // Applied, the line names its form: K0401 is gone from that line.
    let start = &edit["range"]["start"];
    let line: &str = dep.lines().nth(l as usize).unwrap();
    let col16 = start["character"].as_u64().unwrap() as usize;
    let byte: usize = line
        .char_indices()
        .scan(0, |u, (i, ch)| {
            let b = *u;
            *u += ch.len_utf16();
            Some((b, i))
        })
        .find(|(u, _)| *u == col16)
        .map_or(line.len(), |(_, i)| i);
    let fixed_line = format!(
        "{}{}{}",
        &line[..byte],
        " -> \"双创办公运行经费\"",
        &line[byte..]
    );
    let fixed = dep.replacen(line, &fixed_line, 1);
    c.change(&department, &fixed, 2);
    let after = c.diagnostics_of_version(&department, 2);
    assert!(
        !after
            .iter()
            .any(|d| d["code"] == "K0401" && d["range"]["start"]["line"] == l),
        "{fixed_line}"
    );
}

#[test]
fn half_typed_documents_never_break_the_server() {
    // A project form, and the department form (funds table, totals, long goals).
    for name in ["02-baijia-keji.kpi", "00-department.kpi"] {
        let text =
            std::fs::read_to_string(common::root().join("examples/lhasa-kjj-2023").join(name))
                .unwrap();
        half_typed(&text);
    }
}

/// Sends a text prefix by prefix and asks for everything at the end of each.
fn half_typed(text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    std::fs::write(&path, "").unwrap();
    let mut c = Client::utf16();
    c.open_text(&path, "", 1);
    let cuts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .step_by(
            // Every 23rd prefix; KPI_LSP_PREFIX_STEP=1 tries them all (slow).
            std::env::var("KPI_LSP_PREFIX_STEP")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(23),
        )
        .chain([text.len()])
        .collect();
    for (v, &cut) in cuts.iter().enumerate() {
        let prefix = &text[..cut];
        c.change(&path, prefix, v as i32 + 2);
        let (line, ch) = {
            let l = prefix.matches('\n').count() as u32;
            let start = prefix.rfind('\n').map_or(0, |i| i + 1);
            (
                l,
                prefix[start..].chars().map(char::len_utf16).sum::<usize>() as u32,
            )
        };
        for method in [
            "textDocument/hover",
            "textDocument/completion",
            "textDocument/definition",
        ] {
            let id = c.send_request(method, Client::at(&path, line, ch));
            let r = c.response(&id);
            assert!(r.error.is_none(), "{method} at {cut}: {:?}", r.error);
        }
        for method in ["textDocument/documentSymbol", "textDocument/formatting"] {
            let id = c.send_request(method, json!({ "textDocument": { "uri": url(&path) }, "options": { "tabSize": 2, "insertSpaces": true } }));
            let r = c.response(&id);
            assert!(r.error.is_none(), "{method} at {cut}: {:?}", r.error);
        }
    }
    // Positions beyond the text are clamped, not a panic.
    let id = c.send_request("textDocument/hover", Client::at(&path, 9999, 9999));
    assert!(c.response(&id).error.is_none());
}

#[test]
fn requests_answer_for_the_version_sent_before_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    let v1 = "project \"科技\" {\n  budget 5万元;\n}\n";
    let v2 = "project \"科技\" {\n  budget 7万元;\n}\n";
    std::fs::write(&path, v1).unwrap();
    let mut c = Client::utf16();
    c.open(&path);
    // Sent back to back, without waiting: the hover sees version 2, never version 1.
    c.change(&path, v2, 2);
    let h = c.request("textDocument/hover", Client::at(&path, 1, 10));
    let v = h["contents"]["value"].as_str().unwrap();
    assert!(v.contains("70000.00 元"), "{v}");
    // A burst of edits is published once for its last version (and no older one after it).
    for v in 3..30 {
        c.change(&path, &v1.replace('5', &v.to_string()), v);
    }
    let _ = c.diagnostics_of_version(&path, 29);
    // What was published before version 29 is history (under load the debounce may elapse
    // between two edits of the burst, and an intermediate version is published then, rightly);
    // nothing older may come after it. A request answered after it drains what the server
    // sent meanwhile.
    c.notifications.clear();
    let _ = c.request("textDocument/hover", Client::at(&path, 1, 10));
    assert!(
        !c.notifications
            .iter()
            .any(|n| n.params["uri"] == url(&path).to_string()
                && n.params["version"].as_i64().is_some_and(|v| v < 29)),
        "an older version was published after the last"
    );
    // A cancelled request is answered (cancelled or with its result), never dropped.
    let id = c.send_request("textDocument/hover", Client::at(&path, 1, 10));
    c.notify(
        "$/cancelRequest",
        json!({ "id": id.to_string().parse::<i32>().unwrap_or(0) }),
    );
    let r = c.response(&id);
    assert!(
        r.result.is_some() || r.error.as_ref().is_some_and(|e| e.code == -32800),
        "{r:?}"
    );
}

#[test]
fn unknown_documents_and_methods_are_answered() {
    let mut c = Client::utf16();
    let h = c.request(
        "textDocument/hover",
        Client::at(Path::new("/nowhere/x.kpi"), 0, 0),
    );
    assert!(h.is_null());
    let id = c.send_request("kpi/unknown", json!({}));
    let r = c.response(&id);
    assert_eq!(r.error.unwrap().code, -32601);
}

#[test]
fn closing_the_last_document_clears_the_filings_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    std::fs::write(&path, "project \"科技\" {\n  year 2023；\n}\n").unwrap();
    let mut c = Client::utf16();
    c.open(&path);
    assert!(!c.diagnostics(&path).is_empty());
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": url(&path) } }),
    );
    assert!(c.diagnostics(&path).is_empty());
}

#[test]
fn the_missing_money_unit_of_a_rate_is_a_code_action() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    let text = "project \"p\" {\n  budget 1万元;\n  cost economic \"单价\" <= 28.40/株;\n}\n";
    std::fs::write(&path, text).unwrap();
    let mut c = Client::utf16();
    c.open(&path);
    let (l, ch) = find16(text, "28.40");
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": url(&path) },
                "range": { "start": { "line": l, "character": ch }, "end": { "line": l, "character": ch } },
                "context": { "diagnostics": [] } }),
    );
    let a = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("K0306"))
        .expect("K0306's fix");
    let edit = &a["edit"]["changes"][url(&path).to_string()][0];
    assert_eq!(edit["newText"], "元");
    assert_eq!(
        edit["range"]["start"],
        json!({ "line": l, "character": ch + 5 })
    );
    assert_eq!(a["isPreferred"], false);
}

#[test]
fn kpi_check_fix_applies_the_safe_fixes_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.kpi");
    std::fs::write(
        &path,
        "project \"科技\" {\n  year 2023；\n  goal \"x\"；\n  bugdet 5万元;\n}\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(["--lang", "en", "check", "--fix", "--format", "short"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stderr.contains("fixed 2 problems in") && stderr.contains("(K0104, K0104)"),
        "{stderr}"
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    // The punctuation is fixed; the misspelt keyword (a guess) is not.
    assert_eq!(
        fixed,
        "project \"科技\" {\n  year 2023;\n  goal \"x\";\n  bugdet 5万元;\n}\n"
    );
    // The report is of the fixed file.
    assert!(
        !stdout.contains("K0104") && stdout.contains("K0106"),
        "{stdout}"
    );
    // Nothing left to fix: the file is not written again and nothing is said.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(["--lang", "en", "check", "--fix"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("fixed"));
}

#[test]
fn files_changed_on_disk_change_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    let department = dir.path().join("dep.kpi");
    let project = dir.path().join("proj.kpi");
    std::fs::write(&department, "department \"局\" {\n  year 2023;\n  funds {\n    project \"科技专项\" 10万元 fiscal;\n  }\n  goal \"保障运行\";\n}\n").unwrap();
    let proj_text = "project \"科技专项\" {\n  year 2023;\n  budget 10万元 { fiscal 10万元; };\n  goal \"实施科技项目\";\n  output quantity \"项目数\" 3个;\n}\n";
    std::fs::write(&project, proj_text).unwrap();
    let (server_conn, conn) = Connection::memory();
    let server = std::thread::spawn(move || kpi::lsp::serve(&server_conn, Some(Lang::En)).unwrap());
    let mut c = Client {
        conn,
        server: Some(server),
        next: 0,
        notifications: Vec::new(),
    };
    c.request(
        "initialize",
        json!({ "capabilities": { "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } },
                "initializationOptions": { "debounceMs": 0 } }),
    );
    c.notify("initialized", json!({}));
    // The server asks to watch .kpi files and kpi.toml.
    let Message::Request(register) = c.conn.receiver.recv_timeout(STUCK).unwrap() else {
        panic!("no registration")
    };
    assert_eq!(register.method, "client/registerCapability");
    let globs = register.params["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(
        globs.contains("**/*.kpi") && globs.contains("**/kpi.toml"),
        "{globs}"
    );
    c.notify("initialized", json!({}));
    // Only the department form is open; the project form is read from disk.
    c.open(&department);
    assert!(!codes(&c.diagnostics(&department)).contains(&"K0403".to_string()));
    std::fs::write(&project, proj_text.replace("10万元", "12万元")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": url(&project), "type": 2 }] }),
    );
    let after = c.diagnostics(&department);
    assert!(codes(&after).contains(&"K0403".to_string()), "{after:?}");
}
