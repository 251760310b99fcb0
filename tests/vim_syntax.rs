//! The Vim runtime files (`editors/vim`) in a real, headless Vim:
//!
//! - `*.kpi` is detected as filetype `kpi`, and the ftplugin sets `commentstring`,
//!   `formatprg` (`kpi fmt -`), `makeprg` (`kpi check --format short`) and an `errorformat`
//!   that reads `path:line:col: severity[CODE] message` in English and Chinese;
//! - every keyword, unit, comparator and string the parser finds in the examples gets its
//!   highlight group at that position (columns are bytes: a Chinese character is 3);
//! - every keyword spelling of `grammar/kpi.pest` is highlighted.
//!
//! Skipped with a message when `vim` is missing, except under `CI=true`, where it fails.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use kpi::syntax::{parse_file, Rule};

fn vim_available() -> bool {
    let ok = Command::new("vim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        common::skip_without_client("vim_syntax", "`vim` is not installed (apt-get install vim)");
    }
    ok
}

/// Opens `file` in headless Vim with the kpi runtime files, sources `script` (which writes
/// its results to the path in `g:out`) and returns those result lines.
fn vim(file: &Path, script: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let script_path = dir.path().join("test.vim");
    let out_path = dir.path().join("out.txt");
    std::fs::write(&script_path, script).unwrap();
    let rtp = common::root().join("editors/vim");
    let status = Command::new("vim")
        .args(["-Es", "-u", "NONE", "-i", "NONE", "-N"])
        .arg("--cmd")
        .arg(format!("set rtp^={}", rtp.display()))
        .arg("--cmd")
        .arg(format!("let g:out = '{}'", out_path.display()))
        .args(["-c", "filetype plugin on", "-c", "syntax on", "-c"])
        .arg(format!("e {}", file.display()))
        .arg("-S")
        .arg(&script_path)
        .args(["-c", "qa!"])
        .status()
        .expect("vim runs");
    assert!(status.success(), "vim failed on {}", file.display());
    let out = std::fs::read_to_string(&out_path)
        .unwrap_or_else(|_| panic!("vim wrote no results for {}", file.display()));
    out.lines().map(str::to_string).collect()
}

/// The highlight group names at 1-based (line, byte column) positions.
fn groups_at(file: &Path, positions: &[(usize, usize)]) -> Vec<String> {
    let list: Vec<String> = positions
        .iter()
        .map(|(l, c)| format!("[{l},{c}]"))
        .collect();
    let script = format!(
        "let s:res = []\nfor [s:l, s:c] in [{}]\n  call add(s:res, synIDattr(synID(s:l, s:c, 1), 'name'))\nendfor\ncall writefile(s:res, g:out)\n",
        list.join(",")
    );
    let res = vim(file, &script);
    assert_eq!(res.len(), positions.len(), "{}", file.display());
    res
}

fn expected_groups(rule: Rule) -> Option<&'static [&'static str]> {
    match rule {
        Rule::unit => Some(&["kpiUnit", "kpiMultiplier"]),
        Rule::comparator => Some(&["kpiComparator"]),
        Rule::string => Some(&["kpiString"]),
        r if format!("{r:?}").starts_with("kw_") => Some(&[
            "kpiDeclaration",
            "kpiField",
            "kpiLevel1",
            "kpiLevel2",
            "kpiSource",
            "kpiKind",
            "kpiDirection",
        ]),
        _ => None,
    }
}

/// 1-based line and 1-based byte column of a byte offset.
fn line_byte_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

#[test]
fn filetype_options_and_errorformat() {
    if !vim_available() {
        return;
    }
    let script = r#"let s:res = [&filetype, &commentstring, &formatprg, &makeprg, string(&expandtab) . &shiftwidth]
let &g:errorformat = &l:errorformat
cgetexpr ['forms/科技专项.kpi:3:5: error[K0101] missing `;`', 'b.kpi:12:2: warning[K0104] full-width `；`', 'c.kpi:7:9: 错误[K0201] 无法识别的单位', 'd.kpi:1:1: 警告[K0104] 全角符号', '2 error(s), 1 warning(s) in 3 file(s)']
for s:e in getqflist()
  call add(s:res, join([bufname(s:e.bufnr), s:e.lnum, s:e.col, s:e.type, s:e.text, s:e.valid], '|'))
endfor
call writefile(s:res, g:out)
"#;
    let res = vim(&common::root().join("examples/quickstart.kpi"), script);
    assert_eq!(
        res,
        [
            "kpi",
            "// %s",
            "kpi fmt -",
            "kpi check --format short %",
            "12",
            "forms/科技专项.kpi|3|5|e|[K0101] missing `;`|1",
            "b.kpi|12|2|w|[K0104] full-width `；`|1",
            "c.kpi|7|9||[K0201] 无法识别的单位|1",
            "d.kpi|1|1||[K0104] 全角符号|1",
        ]
    );
}

#[test]
fn keywords_units_comparators_and_strings_get_their_groups() {
    if !vim_available() {
        return;
    }
    let mut files: Vec<PathBuf> = common::kpi_files("examples");
    files.push(common::root().join("editors/vscode/test/sample.kpi"));
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let parsed = parse_file(&text, kpi::source::FileId(0));
        assert!(parsed.diagnostics.is_empty(), "{}", common::rel(file));
        let mut wanted = Vec::new();
        for pair in parsed
            .items
            .iter()
            .flat_map(|i| i.clone().into_inner().flatten())
        {
            let Some(expected) = expected_groups(pair.as_rule()) else {
                continue;
            };
            let start = pair.as_span().start();
            // Strings: the opening quote; the others: every character.
            let offsets: Vec<usize> = if pair.as_rule() == Rule::string {
                vec![0]
            } else {
                pair.as_str().char_indices().map(|(i, _)| i).collect()
            };
            for o in offsets {
                wanted.push((line_byte_col(&text, start + o), expected, pair.clone()));
            }
        }
        let positions: Vec<(usize, usize)> = wanted.iter().map(|w| w.0).collect();
        let got = groups_at(file, &positions);
        for ((pos, expected, pair), group) in wanted.iter().zip(&got) {
            checked += 1;
            if !expected.contains(&group.as_str()) {
                failures.push(format!(
                    "{}:{}:{}: {:?} `{}` is `{group}`, expected one of {expected:?}",
                    common::rel(file),
                    pos.0,
                    pos.1,
                    pair.as_rule(),
                    pair.as_str()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 1000, "only {checked} positions checked");
}

#[test]
fn every_keyword_spelling_of_the_grammar_is_highlighted() {
    if !vim_available() {
        return;
    }
    let words = common::grammar_keywords();
    assert!(words.len() > 100);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keywords.kpi");
    let text: String = words.iter().map(|w| format!("  {w} \"x\";\n")).collect();
    std::fs::write(&file, text).unwrap();
    // First and last byte of each word.
    let mut positions = Vec::new();
    for (i, w) in words.iter().enumerate() {
        positions.push((i + 1, 3));
        positions.push((i + 1, 2 + w.len()));
    }
    let got = groups_at(&file, &positions);
    let keyword_groups = expected_groups(Rule::kw_goal).unwrap();
    let failures: Vec<String> = words
        .iter()
        .zip(got.chunks(2))
        .filter(|(_, g)| !g.iter().all(|g| keyword_groups.contains(&g.as_str())))
        .map(|(w, g)| format!("`{w}`: {g:?}"))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `gggqG` with the ftplugin's formatexpr and this build of kpi as `formatprg`.
fn format_in_vim(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("form.kpi");
    std::fs::write(&file, text).unwrap();
    let script = format!(
        "let &l:formatprg = '{} fmt -'\nnormal! gggqG\ncall writefile(getline(1, '$'), g:out)\n",
        env!("CARGO_BIN_EXE_kpi")
    );
    let mut lines = vim(&file, &script).join("\n");
    lines.push('\n');
    lines
}

#[test]
fn gq_formats_the_buffer_with_kpi_fmt() {
    if !vim_available() {
        return;
    }
    // The brief's one-liner without its `kpi fmt: off` line, so that there is work to do.
    let text = std::fs::read_to_string(common::root().join("examples/quickstart.kpi"))
        .unwrap()
        .replace("// kpi fmt: off\n", "");
    let expected = kpi::fmt::format_text(&text, &kpi::fmt::Options::default()).unwrap();
    assert_ne!(expected, text);
    assert_eq!(format_in_vim(&text), expected);
    // A form with a syntax error stays as it was: no error text in the buffer.
    let broken = "project \"a\" {  output quantity \"x\" 5个\n  year 2023; }\n";
    assert_eq!(format_in_vim(broken), broken);
}

#[test]
fn make_fills_the_quickfix_list_from_kpi_check() {
    if !vim_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("form.kpi");
    std::fs::write(
        &file,
        "project \"a\" {\n  budget 5万元\n  year 2023;\n  goal \"完成。\";\n}\n",
    )
    .unwrap();
    for (lang, text) in [
        ("en", "[K0108] missing `;` after this statement"),
        ("zh", "[K0108] 此语句后缺少分号"),
    ] {
        // The ftplugin's makeprg, with this build of kpi in place of `kpi`.
        let script = format!(
            "let &l:makeprg = substitute(&l:makeprg, '^kpi', '{} --lang {lang}', '')\nlet &g:errorformat = &l:errorformat\nsilent make\nlet s:res = []\nfor s:e in getqflist()\n  if s:e.valid\n    call add(s:res, join([fnamemodify(bufname(s:e.bufnr), ':t'), s:e.lnum, s:e.col, s:e.type, s:e.text], '|'))\n  endif\nendfor\ncall writefile(s:res, g:out)\n",
            env!("CARGO_BIN_EXE_kpi")
        );
        let res = vim(&file, &script);
        assert_eq!(res.len(), 1, "{lang}: {res:?}");
        assert!(res[0].starts_with("form.kpi|2|13|"), "{lang}: {res:?}");
        assert!(res[0].contains(text), "{lang}: {res:?}");
        // `--format short` writes the severity in English in both languages: typed E.
        assert!(
            res[0].starts_with("form.kpi|2|13|e|[K0108] "),
            "{lang}: {res:?}"
        );
    }
}
