//! kpi's integration tests, in one test binary (issue 13): each `tests/*.rs` file is a module
//! here. Nineteen-odd binaries each linked the whole crate and its dependencies, which was most
//! of a cold `cargo test`; one binary links once. Run one file's tests with its module path:
//! `cargo test --test it rules::`, `cargo test --test it elsewhere:: -- --nocapture`.
//!
//! A file under `tests/` that is not declared below would not be compiled at all: the
//! `every_test_file_is_a_module` test fails then.

mod checking;
mod common;

mod actionlint;
mod architecture;
mod batch;
mod builtin_templates;
mod cli_lang;
mod completions;
mod docs;
mod elsewhere;
mod examples_json;
mod fmt;
mod gitlab;
mod html_report;
mod init;
mod language;
mod lhasa;
mod lsp;
mod lsp_bench;
mod lsp_clients;
mod packaging;
mod pre_commit;
mod real_text;
mod registry;
mod reports;
mod review;
mod robustness;
mod rules;
mod self_evaluation;
mod syntax_errors;
mod syntax_tree;
mod tree_sitter;
mod vim_syntax;
mod vocabulary;
mod vscode_client;
mod vscode_tokens;
mod watch;
mod xlsx;

/// Cargo finds no test targets by itself (`autotests = false`), so a new `tests/*.rs` file must
/// be declared above; this fails when one is not.
#[test]
fn every_test_file_is_a_module() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let this = include_str!("it.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            if stem != "it" && !this.contains(&format!("\nmod {stem};\n")) {
                missing.push(stem);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "declare these in tests/it.rs: {missing:?}"
    );
}
