//! A benchmark of `kpi lsp`, not a timed test (`#[ignore]`: run it on purpose, in release):
//!
//! ```sh
//! cargo test --release --test it lsp_bench:: -- --ignored --nocapture
//! KPI_BENCH_EDITS=1000 cargo test --release --test it lsp_bench:: -- --ignored --nocapture
//! ```
//!
//! The Lhasa filing (18 forms and its kpi.toml) is opened; then a project form's budget is
//! edited again and again (each edit a new version, alternating two amounts, so the department
//! form's K0403 comes and goes). For each edit the time from sending `didChange` to receiving
//! the edited file's diagnostics for that version is measured (the whole filing is loaded,
//! checked and published in between); the resident memory of the process is read from
//! `/proc/self/status` after the first 1,000 edits and at the end. Figures are in
//! docs/performance.md.

use crate::common;

use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request};
use serde_json::{json, Value};

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn send(conn: &Connection, m: Message) {
    conn.sender.send(m).unwrap();
}

fn notify(conn: &Connection, method: &str, params: Value) {
    send(
        conn,
        Message::Notification(Notification::new(method.into(), params)),
    );
}

#[test]
#[ignore = "a benchmark: cargo test --release --test it lsp_bench:: -- --ignored --nocapture"]
fn diagnostics_latency_and_memory_over_many_edits() {
    let edits: i32 = std::env::var("KPI_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let debounce: u64 = std::env::var("KPI_BENCH_DEBOUNCE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lhasa");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(common::root().join("examples/lhasa-kjj-2023")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let (server_conn, conn) = Connection::memory();
    let server = std::thread::spawn(move || {
        kpi::lsp::serve(&server_conn, Some(kpi::diag::Lang::En)).unwrap()
    });
    send(
        &conn,
        Message::Request(Request::new(
            1.into(),
            "initialize".into(),
            json!({ "capabilities": {}, "initializationOptions": { "debounceMs": debounce } }),
        )),
    );
    let _ = conn.receiver.recv().unwrap();
    notify(&conn, "initialized", json!({}));
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "kpi"))
        .collect();
    paths.sort();
    for p in &paths {
        let uri = lsp_types::Url::from_file_path(p).unwrap();
        let text = std::fs::read_to_string(p).unwrap();
        notify(
            &conn,
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "kpi", "version": 1, "text": text } }),
        );
    }
    let project = dir.join("02-baijia-keji.kpi");
    let uri = lsp_types::Url::from_file_path(&project)
        .unwrap()
        .to_string();
    let original = std::fs::read_to_string(&project).unwrap();
    let changed = original.replace(
        "budget 1100万元 { fiscal 1100万元;",
        "budget 1200万元 { fiscal 1200万元;",
    );
    assert_ne!(original, changed);
    // Let the opening settle: drain until quiet.
    while conn
        .receiver
        .recv_timeout(Duration::from_millis(500))
        .is_ok()
    {}
    let mut times: Vec<Duration> = Vec::with_capacity(edits as usize);
    let mut rss_after_1000 = 0;
    let rss_start = rss_kib();
    for v in 2..edits + 2 {
        let text = if v % 2 == 0 { &changed } else { &original };
        let start = Instant::now();
        notify(
            &conn,
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": v }, "contentChanges": [{ "text": text }] }),
        );
        loop {
            let m = conn
                .receiver
                .recv_timeout(Duration::from_secs(60))
                .expect("diagnostics");
            if let Message::Notification(n) = m {
                if n.params["uri"] == uri && n.params["version"] == json!(v) {
                    break;
                }
            }
        }
        times.push(start.elapsed());
        if v == 1001 {
            rss_after_1000 = rss_kib();
        }
    }
    let rss_end = rss_kib();
    send(
        &conn,
        Message::Request(Request::new(2.into(), "shutdown".into(), Value::Null)),
    );
    while let Ok(m) = conn.receiver.recv() {
        if matches!(m, Message::Response(_)) {
            break;
        }
    }
    notify(&conn, "exit", Value::Null);
    server.join().unwrap();
    times.sort();
    let pct = |p: usize| times[(times.len() - 1) * p / 100].as_secs_f64() * 1000.0;
    let mean = times.iter().map(Duration::as_secs_f64).sum::<f64>() / times.len() as f64 * 1000.0;
    println!(
        "kpi lsp, Lhasa filing, {} edits, debounce {debounce} ms: edit → diagnostics median {:.2} ms, mean {mean:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        pct(50),
        pct(95),
        pct(99),
        pct(100)
    );
    println!(
        "resident memory: {rss_start} KiB after opening, {rss_after_1000} KiB after 1,000 edits, {rss_end} KiB after {edits}"
    );
}
