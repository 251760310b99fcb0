//! The tree-sitter grammar (`editors/tree-sitter-kpi`), run with the real tree-sitter CLI:
//!
//! - the committed generated parser (`src/`) is what `grammar.js` generates;
//! - `tree-sitter test`: the corpus (`test/corpus/`) passes;
//! - parity: every `.kpi` file under `examples/` and `tests/fixtures/` is valid for
//!   tree-sitter exactly when kpi's own (pest) grammar finds no syntax error in it, and so is
//!   each of them rewritten in Chinese keywords, in English keywords and full-width;
//! - the queries (`queries/*.scm`) are valid for the grammar, and the highlight query colours
//!   every keyword kpi's parser finds in the examples.
//!
//! The CLI is run as a program rather than linking the `tree-sitter` crate and compiling
//! `parser.c` with `cc` into the test: that would add the crate and its dependencies, `cc`
//! and a C build of the tree-sitter runtime to every cold `cargo test`, for every developer,
//! while the CLI is needed anyway for `tree-sitter generate` and `tree-sitter test`, and it
//! parses the way editors do (the same parser.c, compiled by tree-sitter's own loader).
//!
//! Needs `tree-sitter` on PATH (`cargo install tree-sitter-cli --locked --version 0.27.1`,
//! see `.ci/run`) and a C compiler; skipped with a message without it, except when `CI=true`,
//! where it fails.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use kpi::fmt::{is_syntax_error, KeywordStyle, Options};
use kpi::syntax::Rule;

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
    common::skip_without_client("tree_sitter (the tree-sitter CLI)", why);
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

/// Every example and fixture, as kpi decodes it (tree-sitter reads UTF-8; kpi also reads
/// GB18030 files, K0112): `(name, text)`.
fn examples_and_fixtures() -> Vec<(String, String)> {
    let mut files = common::kpi_files("examples");
    files.extend(common::kpi_files("tests/fixtures"));
    files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).unwrap();
            let (text, _) = kpi::source::decode(&bytes)
                .unwrap_or_else(|_| panic!("{} is not text", common::rel(f)));
            (common::rel(f), text)
        })
        .collect()
}

/// Parses texts with both grammars; returns the disagreements and the counts of texts valid
/// and invalid for kpi.
fn disagreements(texts: &[(String, String)]) -> (Vec<String>, usize, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let mut copies = Vec::new();
    for (i, (_, text)) in texts.iter().enumerate() {
        let copy = tmp.path().join(format!("{i:04}.kpi"));
        std::fs::write(&copy, text).unwrap();
        copies.push(copy);
    }
    let ts = tree_sitter_valid(&copies);
    let mut out = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for ((name, text), ts_valid) in texts.iter().zip(ts) {
        let errors = pest_syntax_errors(text);
        let pest_valid = errors.is_empty();
        if pest_valid {
            valid += 1;
        } else {
            invalid += 1;
        }
        if pest_valid != ts_valid {
            out.push(format!(
                "{name}: kpi says {}, tree-sitter says {}",
                if pest_valid {
                    "valid".to_string()
                } else {
                    format!("{errors:?}")
                },
                if ts_valid { "valid" } else { "ERROR" },
            ));
        }
    }
    (out, valid, invalid)
}

#[test]
fn tree_sitter_and_pest_agree_on_every_example_and_fixture() {
    if !cli_available() {
        return;
    }
    let texts = examples_and_fixtures();
    assert!(texts.len() > 200, "{} files", texts.len());
    let (disagree, valid, invalid) = disagreements(&texts);
    // Both kinds are there to disagree on.
    assert!(
        valid > 150 && invalid > 20,
        "{valid} valid, {invalid} invalid"
    );
    assert!(
        disagree.is_empty(),
        "tree-sitter and kpi's grammar disagree on {} of {} files (`tree-sitter parse FILE` in \
         editors/tree-sitter-kpi shows the tree):\n{}",
        disagree.len(),
        texts.len(),
        disagree.join("\n")
    );
}

/// Every example and fixture that kpi can format, again in all-Chinese keywords, in
/// all-English keywords (`kpi fmt --keywords zh|en`) and in Chinese keywords with full-width
/// braces, semicolons, arrows and comparators: both keyword languages and the full-width
/// spellings over the whole of every form, not only where the examples happen to use them.
#[test]
fn tree_sitter_and_pest_agree_on_every_form_in_both_keyword_languages_and_full_width() {
    if !cli_available() {
        return;
    }
    let mut variants = Vec::new();
    for (name, text) in examples_and_fixtures() {
        for (style, tag) in [(KeywordStyle::Zh, "zh"), (KeywordStyle::En, "en")] {
            let options = Options { keywords: style };
            let Ok(out) = kpi::fmt::format_text(&text, &options) else {
                continue;
            };
            if style == KeywordStyle::Zh {
                variants.push((format!("{name} (zh, full-width)"), full_width(&out)));
            }
            variants.push((format!("{name} ({tag})"), out));
        }
    }
    assert!(variants.len() > 500, "{} variants", variants.len());
    let (disagree, valid, _) = disagreements(&variants);
    assert!(valid > 500, "only {valid} variants valid for kpi");
    assert!(
        disagree.is_empty(),
        "tree-sitter and kpi's grammar disagree on {} of {} variants:\n{}",
        disagree.len(),
        variants.len(),
        disagree.join("\n")
    );
}

/// The text with `{ } ; -> >= <=` outside strings and comments written full-width (or `→`).
fn full_width(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '“' => {
                let close = if c == '"' { '"' } else { '”' };
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' && close == '"' {
                        out.extend(chars.next());
                    } else if d == close {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                out.push(c);
                let mut last = ' ';
                for d in chars.by_ref() {
                    out.push(d);
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
            }
            '{' => out.push('｛'),
            '}' => out.push('｝'),
            ';' => out.push('；'),
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                out.push('→');
            }
            '>' | '<' if chars.peek() == Some(&'=') => {
                chars.next();
                out.push_str(if c == '>' { "＞＝" } else { "＜＝" });
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn full_width_leaves_strings_and_comments_alone() {
    assert_eq!(
        full_width("a { b -> \"x;{}\" >= 1; } // c;\n/* d; */ “e;”"),
        "a ｛ b → \"x;{}\" ＞＝ 1； ｝ // c;\n/* d; */ “e;”"
    );
}

/// A capture of `tree-sitter query --captures`: its name and its range as (row, byte column).
struct Capture {
    name: String,
    start: (usize, usize),
    end: (usize, usize),
}

/// Runs a query over files: for each file, its captures.
fn query(query: &str, files: &[PathBuf]) -> Vec<Vec<Capture>> {
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("paths.txt");
    let paths: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    std::fs::write(&list, paths.join("\n")).unwrap();
    let out = tree_sitter(
        &grammar_dir(),
        &[
            "query",
            "--captures",
            query,
            "--paths",
            list.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "tree-sitter query {query}:\n{}",
        text(&out)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let point = |s: &str| -> (usize, usize) {
        let (r, c) = s.trim_start_matches('(').split_once(", ").unwrap();
        (r.parse().unwrap(), c.trim_end_matches(')').parse().unwrap())
    };
    let mut result: Vec<Vec<Capture>> = Vec::new();
    for line in stdout.lines() {
        if paths.iter().any(|p| p == line) {
            result.push(Vec::new());
        } else if let Some(rest) = line.trim_start().strip_prefix("pattern:") {
            // `pattern: 0, capture: 0 - keyword, start: (4, 0), end: (4, 7), text: ...`
            let name = rest.split(" - ").nth(1).unwrap().split(',').next().unwrap();
            let start = rest.split("start: ").nth(1).unwrap();
            let end = start.split("end: ").nth(1).unwrap();
            result.last_mut().expect("a file first").push(Capture {
                name: name.to_string(),
                start: point(start.split(')').next().unwrap()),
                end: point(end.split(')').next().unwrap()),
            });
        }
    }
    assert_eq!(result.len(), files.len(), "{stdout}");
    result
}

/// (row, byte column) of a byte offset.
fn point_of(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte];
    let row = before.matches('\n').count();
    (row, byte - before.rfind('\n').map_or(0, |i| i + 1))
}

/// The capture names a token kpi's parser finds must have in `highlights.scm`.
fn expected_captures(rule: Rule) -> Option<&'static [&'static str]> {
    match rule {
        Rule::unit => Some(&["type.builtin"]),
        Rule::comparator => Some(&["operator"]),
        Rule::number => Some(&["number"]),
        Rule::string => Some(&["string", "label"]),
        Rule::date | Rule::date_range | Rule::month_date => Some(&["string.special"]),
        r if format!("{r:?}").starts_with("kw_") => {
            Some(&["keyword", "type", "constant.builtin", "property"])
        }
        _ => None,
    }
}

#[test]
fn the_highlight_query_colours_every_keyword_unit_number_and_string_of_the_examples() {
    if !cli_available() {
        return;
    }
    let files = common::kpi_files("examples");
    let captures = query("queries/highlights.scm", &files);
    let mut checked = 0;
    let mut failures = Vec::new();
    for (path, caps) in files.iter().zip(&captures) {
        let text = std::fs::read_to_string(path).unwrap();
        let parsed = kpi::syntax::parse_file(&text, kpi::source::FileId(0));
        assert!(parsed.diagnostics.is_empty(), "{}", common::rel(path));
        for pair in parsed
            .items
            .iter()
            .flat_map(|i| i.clone().into_inner().flatten())
        {
            let Some(expected) = expected_captures(pair.as_rule()) else {
                continue;
            };
            let span = pair.as_span();
            let (start, end) = (point_of(&text, span.start()), point_of(&text, span.end()));
            checked += 1;
            let ok = caps
                .iter()
                .any(|c| c.start <= start && end <= c.end && expected.contains(&c.name.as_str()));
            if !ok {
                failures.push(format!(
                    "{}:{}:{}: {:?} `{}` is not captured as {expected:?}",
                    common::rel(path),
                    start.0 + 1,
                    start.1 + 1,
                    pair.as_rule(),
                    pair.as_str()
                ));
            }
        }
    }
    assert!(checked > 2000, "only {checked} tokens checked");
    assert!(
        failures.is_empty(),
        "{} tokens:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The fold and indent queries are valid for the grammar (tree-sitter refuses a query naming
/// a node or field the grammar lacks) and find the blocks of every form.
#[test]
fn the_fold_and_indent_queries_find_every_form() {
    if !cli_available() {
        return;
    }
    let files = common::kpi_files("examples");
    for (query_file, capture) in [
        ("queries/folds.scm", "fold"),
        ("queries/indents.scm", "indent.begin"),
    ] {
        let captures = query(query_file, &files);
        for (path, caps) in files.iter().zip(&captures) {
            let text = std::fs::read_to_string(path).unwrap();
            let forms = kpi::syntax::parse_file(&text, kpi::source::FileId(0))
                .items
                .len();
            let found = caps.iter().filter(|c| c.name == capture).count();
            assert!(
                found >= forms && forms > 0,
                "{query_file}: {found} @{capture} in {} ({forms} forms)",
                common::rel(path)
            );
        }
    }
}

/// Small forms at the edges of the grammar: keywords run together or used as units, numbers
/// and dates next to units, every kind of period, optional semicolons, full-width spellings,
/// and broken forms. Each is compared like an example (`kpi fmt` or a fixture would hold
/// none of them on its own).
const EDGE_CASES: &[&str] = &[
    r#"project "p" { budget 1100 万元; }"#,
    r#"project "p" { output quantity "x" 365 天; }"#,
    r#"project "p" { output quantity "x" 100 项目; }"#,
    r#"project "p" { 产出数量 "x"; }"#,
    r#"project "p" { year 2023年; }"#,
    r#"project "p" { year 2023 年; }"#,
    r#"project "p" { year 20231; }"#,
    r#"project "p" { period 45291; }"#,
    r#"project "p" { period 2023-2024; }"#,
    r#"project "p" { period 2023年1月至2023年12月; }"#,
    r#"project "p" { period 2023年1月 - 12月; }"#,
    r#"project "p" { period 202001-202012; }"#,
    r#"project "p" { period 20230101-20231231; }"#,
    r#"project "p" { output timeliness "x" 2023年12月; }"#,
    r#"project "p" { output timeliness "x" <= 2023年12月31日; }"#,
    r#"project "p" { output timeliness "x" 20231231; }"#,
    r#"project "p" { output timeliness "x" 20231231万元; }"#,
    r#"project "p" { output quantity "x" 1,238.68万元; }"#,
    r#"project "p" { output quantity "x" 100.; }"#,
    r#"project "p" { output quantity "x" 1,23万元; }"#,
    r#"project "p" { output quantity "x" ＞ 5; }"#,
    r#"project "p" { kind one-off; }"#,
    r#"project "p" { kind "自定义"; }"#,
    r#"project "p" { filed; }"#,
    r#"project "p" { filed by "x"; }"#,
    r#"project "p" { filed 2023-01-28 phone "1"; }"#,
    r#"project "p" { department "d" code "c"; }"#,
    r#"project "p" { budget 5万元 { fiscal 5万元; }; }"#,
    r#"project "p" { budget 5万元 { fiscal; other 1万元; } }"#,
    r#"project "p" { cost cost "x" 5万元; }"#,
    r#"project "p" { 成本 成本 "x" 5万元; }"#,
    r#"project "p" { effect "x" "y" { weight 1; standard "s"; }; }"#,
    r#"department "d" { funds { project "x" 1万元 -> "x"; } }"#,
    r#"department "d" { funds { project "x" 1万元; }; }"#,
    r#"department "d" { funds { total 1万元; basic "b" 2万元 { fiscal 2万元; } } }"#,
    r#"department "d" { funds { project "x" 1万元 fiscal → "x"; } }"#,
    r#"department "d" { 资金表 { 项目支出 "x" 1万元 财政拨款; 合计 项目支出 1万元; } }"#,
    r#"项目 "p" { 预算 1万元; 年度目标 "g"; }"#,
    r#"project "p" {}"#,
    r#"project p {}"#,
    r#"project "p" { year 2023; } garbage"#,
    r#"project "p" { output quantity "x" 5 ％; }"#,
    r#"project "p" { output quantity "x" 5 m²; }"#,
    r#"project "p" { output quantity "x" 5 人次/年; }"#,
    r#"project "p" { output quantity "x" 5 transfer; }"#,
    r#"project "p" { output quantity "x" ≧ 5; }"#,
    r#"project "p" { output quantity "x" == 5; }"#,
    r#"project "p" { output quantity "x" 5万元 { direction 正向; }; }"#,
    r#"project "p" { output quantity "x" 5万元 { direction up; }; }"#,
    r#"project "p" { goal "a\"b"; }"#,
    r#"project "p" { goal “a"b”; }"#,
    r#"project "p" {"#,
    r#"project "p" { year 2023 }"#,
    r#"project "p" { budget; }"#,
    r#"project "p" { budget 5万元 { loan 1万元; }; }"#,
    r#"project "p" { output quantity "x" >= ; }"#,
    r#"project "p" { output "x" 5 { weight "a"; }; }"#,
    r#"project "p" { output quantity "x" 5万元 { weight 1 }; }"#,
    r#"project "p" { funds { } }"#,
    r#"department "d" { budget 1万元; }"#,
    r#"department "d" { funds { project "x" 1万元 -> ; } }"#,
    r#"project "p" { goal "unterminated; }"#,
    r#"project "p" { /* open comment }"#,
    r#"project "p" { output quantity "x" 1.2.3; }"#,
    r#"project "p" { output quantity “x” 5个; } project “q” ＜ ＞"#,
    r#"project "p" { 产出 数量 "x" 5 个; } // 注释"#,
    r#"project "p" { kind new 新 新增 补助 经常性; }"#,
    r#"project "p" { year 2023; }}"#,
    r#""p" { }"#,
];

#[test]
fn tree_sitter_and_pest_agree_at_the_edges_of_the_grammar() {
    if !cli_available() {
        return;
    }
    let texts: Vec<(String, String)> = EDGE_CASES
        .iter()
        .map(|t| (format!("`{t}`"), format!("{t}\n")))
        .collect();
    let (disagree, valid, invalid) = disagreements(&texts);
    assert!(
        valid > 30 && invalid > 15,
        "{valid} valid, {invalid} invalid"
    );
    assert!(
        disagree.is_empty(),
        "tree-sitter and kpi's grammar disagree on {} of {} edge cases:\n{}",
        disagree.len(),
        texts.len(),
        disagree.join("\n")
    );
}
