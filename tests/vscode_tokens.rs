//! The VS Code grammar (`editors/vscode/syntaxes/kpi.tmLanguage.json`) tokenized with VS
//! Code's own engine (vscode-textmate + vscode-oniguruma, `editors/vscode/test/tokenize.js`):
//!
//! - every keyword, unit and comparator the parser finds in the examples gets a scope of the
//!   right kind at that position;
//! - every keyword spelling of `grammar/kpi.pest` is highlighted as a keyword;
//! - the scopes of a sample file and the quickstart are snapshots;
//! - the snippets, with their default values, are valid, already formatted forms.
//!
//! Needs `node` and `npm install` in `editors/vscode/test`; skipped with a message without
//! them, except when `CI=true`, where it fails.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use kpi::source::SourceFile;
use kpi::syntax::{parse_file, Rule};
use serde_json::Value;

fn test_dir() -> PathBuf {
    common::root().join("editors/vscode/test")
}

/// True when the tokenizer can run; panics under CI=true when it cannot.
fn tokenizer_available() -> bool {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let modules = test_dir().join("node_modules/vscode-textmate").is_dir()
        && test_dir().join("node_modules/vscode-oniguruma").is_dir();
    if node && modules {
        return true;
    }
    let why = if node {
        "run `npm install` in editors/vscode/test"
    } else {
        "`node` is not installed"
    };
    common::skip_without_client("vscode_tokens (the VS Code tokenizer)", why);
    false
}

/// A token: UTF-16 columns and scopes (without the root `source.kpi`).
struct Token {
    start: usize,
    end: usize,
    scopes: Vec<String>,
}

/// Tokenizes files; per file, per line, the tokens.
fn tokenize(files: &[PathBuf]) -> Vec<Vec<Vec<Token>>> {
    let out = Command::new("node")
        .arg(test_dir().join("tokenize.js"))
        .args(files)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "tokenize.js failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|line| {
                    line.as_array()
                        .unwrap()
                        .iter()
                        .map(|t| Token {
                            start: t["start"].as_u64().unwrap() as usize,
                            end: t["end"].as_u64().unwrap() as usize,
                            scopes: t["scopes"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|s| s.as_str().unwrap().to_string())
                                .filter(|s| s != "source.kpi")
                                .collect(),
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// The scope a parser token must get (a substring of one of its scopes).
fn expected_scope(rule: Rule) -> Option<&'static [&'static str]> {
    match rule {
        Rule::unit => Some(&["keyword.other.unit"]),
        Rule::comparator => Some(&["keyword.operator.comparison"]),
        r if format!("{r:?}").starts_with("kw_") => Some(&["keyword.", "constant.language."]),
        _ => None,
    }
}

fn scopes_at(lines: &[Vec<Token>], line: usize, col: usize) -> Option<&Token> {
    lines
        .get(line)?
        .iter()
        .find(|t| t.start <= col && col < t.end)
}

#[test]
fn every_keyword_unit_and_comparator_in_the_examples_gets_a_scope() {
    if !tokenizer_available() {
        return;
    }
    let mut files = common::kpi_files("examples");
    files.push(test_dir().join("sample.kpi"));
    let tokens = tokenize(&files);
    let mut checked = 0;
    let mut failures = Vec::new();
    for (path, lines) in files.iter().zip(&tokens) {
        let text = std::fs::read_to_string(path).unwrap();
        let source = SourceFile::new(common::rel(path), text.as_str());
        let parsed = parse_file(&text, kpi::source::FileId(0));
        assert!(parsed.diagnostics.is_empty(), "{}", common::rel(path));
        for pair in parsed
            .items
            .iter()
            .flat_map(|i| i.clone().into_inner().flatten())
        {
            let Some(expected) = expected_scope(pair.as_rule()) else {
                continue;
            };
            let span = pair.as_span();
            // Every character of the token, not only its first.
            for (offset, _) in pair.as_str().char_indices() {
                let (line, col) = source.line_utf16(span.start() + offset);
                let ok = scopes_at(lines, line, col).is_some_and(|t| {
                    t.scopes
                        .iter()
                        .any(|s| expected.iter().any(|e| s.starts_with(e)))
                });
                checked += 1;
                if !ok {
                    failures.push(format!(
                        "{}:{}:{}: {:?} `{}` has scopes {:?}, expected {expected:?}",
                        source.name,
                        line + 1,
                        col + 1,
                        pair.as_rule(),
                        pair.as_str(),
                        scopes_at(lines, line, col).map(|t| &t.scopes)
                    ));
                    break;
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 1000, "only {checked} characters checked");
}

#[test]
fn every_keyword_spelling_of_the_grammar_is_highlighted() {
    let words = common::grammar_keywords();
    assert!(words.len() > 100, "{words:?}");
    assert!(words.iter().any(|w| w == "环境效益指标"));
    if !tokenizer_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keywords.kpi");
    let text: String = words.iter().map(|w| format!("  {w} \"x\";\n")).collect();
    std::fs::write(&file, &text).unwrap();
    let tokens = tokenize(std::slice::from_ref(&file));
    let mut failures = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let line = &tokens[0][i];
        let end = 2 + w.encode_utf16().count();
        let tok = line.iter().find(|t| t.start == 2);
        let ok = tok.is_some_and(|t| {
            t.end == end
                && t.scopes
                    .iter()
                    .any(|s| s.starts_with("keyword.") || s.starts_with("constant.language."))
        });
        if !ok {
            failures.push(format!("`{w}`: {:?}", tok.map(|t| (&t.scopes, t.end))));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The tokens of a file, one per line: `line | text | scopes` (whitespace left out).
fn render(path: &Path, lines: &[Vec<Token>]) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    for (n, (src, toks)) in text.split('\n').zip(lines).enumerate() {
        let units: Vec<u16> = src.encode_utf16().collect();
        for t in toks {
            let piece =
                String::from_utf16_lossy(&units[t.start.min(units.len())..t.end.min(units.len())]);
            if piece.trim().is_empty() {
                continue;
            }
            let scopes = if t.scopes.is_empty() {
                "-".to_string()
            } else {
                t.scopes.join(" ")
            };
            out.push_str(&format!("{:>3} | {piece} | {scopes}\n", n + 1));
        }
    }
    out
}

#[test]
fn scopes_snapshots() {
    if !tokenizer_available() {
        return;
    }
    for (name, path) in [
        ("sample", test_dir().join("sample.kpi")),
        ("quickstart", common::root().join("examples/quickstart.kpi")),
    ] {
        let tokens = tokenize(std::slice::from_ref(&path));
        insta::assert_snapshot!(format!("scopes-{name}"), render(&path, &tokens[0]));
    }
}

/// A snippet body with each placeholder replaced by its default (or first choice).
fn expand_snippet(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(inner) = rest.strip_prefix('{') {
            let close = inner.find('}').unwrap();
            let field = &inner[..close];
            let value = if let Some((_, d)) = field.split_once(':') {
                d.to_string()
            } else if let Some((_, choices)) = field.split_once('|') {
                choices
                    .trim_end_matches('|')
                    .split(',')
                    .next()
                    .unwrap()
                    .to_string()
            } else {
                String::new()
            };
            out.push_str(&value);
            rest = &inner[close + 1..];
        } else {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn snippets_are_valid_formatted_forms() {
    let path = common::root().join("editors/vscode/snippets/kpi.json");
    let snippets: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let snippets = snippets.as_object().unwrap();
    assert!(snippets.len() >= 2);
    for (name, s) in snippets {
        let body: Vec<&str> = s["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        let text = expand_snippet(&body.join("\n"));
        let loaded = kpi::filing::load_sources(vec![SourceFile::new("snippet.kpi", text.as_str())]);
        let errors: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == kpi::diag::Severity::Error)
            .map(|d| d.code)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}\n{text}");
        let formatted = kpi::fmt::format_text(&text, &kpi::fmt::Options::default()).unwrap();
        assert_eq!(
            formatted.trim_end(),
            text.trim_end(),
            "{name} is not formatted"
        );
    }
}

#[test]
fn extension_manifest_points_at_its_files() {
    let dir = common::root().join("editors/vscode");
    let read = |p: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(p)).unwrap())
            .unwrap_or_else(|e| panic!("{p}: {e}"))
    };
    let manifest = read("package.json");
    let lang = &manifest["contributes"]["languages"][0];
    assert_eq!(lang["id"], "kpi");
    assert_eq!(lang["extensions"][0], ".kpi");
    let config = lang["configuration"].as_str().unwrap();
    let grammar = &manifest["contributes"]["grammars"][0];
    assert_eq!(grammar["scopeName"], "source.kpi");
    let snippets = manifest["contributes"]["snippets"][0]["path"]
        .as_str()
        .unwrap();
    for p in [config, grammar["path"].as_str().unwrap(), snippets] {
        assert!(dir.join(p).is_file(), "{p} missing");
    }
    assert_eq!(
        read(grammar["path"].as_str().unwrap())["scopeName"],
        "source.kpi"
    );
    let conf = read(config);
    assert_eq!(conf["comments"]["lineComment"], "//");
    let pairs: Vec<String> = conf["autoClosingPairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}{}",
                p["open"].as_str().unwrap(),
                p["close"].as_str().unwrap()
            )
        })
        .collect();
    for pair in ["{}", "｛｝", "()", "（）", "\"\"", "“”"] {
        assert!(pairs.iter().any(|p| p == pair), "{pair} not auto-closed");
    }
}
