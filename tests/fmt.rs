//! `kpi fmt` never changes meaning: on every example, every fixture that parses, cut-down
//! examples and generated forms, the model of the formatted text is the model of the text
//! (line numbers aside), and formatting twice gives what formatting once gave.

use crate::common;

use kpi::filing::load_sources;
use kpi::fmt::{format_text, format_unverified, KeywordStyle, Options};
use kpi::source::SourceFile;
use proptest::prelude::*;

/// The JSON model of one file, with line numbers (which formatting moves) removed.
fn model(text: &str) -> serde_json::Value {
    let loaded = load_sources(vec![SourceFile::new("t.kpi", text)]);
    let mut v: serde_json::Value =
        serde_json::from_str(&kpi::emit::json::to_json(&loaded.filing)).unwrap();
    strip_lines(&mut v);
    v
}

fn strip_lines(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove("line");
            map.values_mut().for_each(strip_lines);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_lines),
        _ => {}
    }
}

/// The findings of `kpi check` on one file (lowering and every rule, inline suppressions
/// applied), as codes, sorted: formatting must not add or remove any, except K0104 for
/// full-width punctuation, which it removes.
fn codes(text: &str) -> Vec<&'static str> {
    let mut loaded = load_sources(vec![SourceFile::new("t.kpi", text)]);
    let (_, diags) = kpi::check::run(&mut loaded, None);
    let mut c: Vec<_> = diags
        .iter()
        .map(|d| d.code)
        // What `kpi fmt` fixes by rewriting: full-width punctuation, Excel date serials.
        .filter(|c| !matches!(*c, "K0104" | "K0207"))
        .collect();
    c.sort();
    c
}

const STYLES: [KeywordStyle; 3] = [KeywordStyle::Keep, KeywordStyle::Zh, KeywordStyle::En];

/// Asserts the formatter's two promises on `text` for every keyword style; returns whether
/// the text was formattable.
fn assert_round_trip(name: &str, text: &str) -> bool {
    let mut formattable = true;
    for keywords in STYLES {
        let options = Options { keywords };
        let Ok(once) = format_unverified(text, &options) else {
            formattable = false;
            continue;
        };
        assert_eq!(
            format_text(text, &options).unwrap(),
            once,
            "{name}: check failed"
        );
        assert_eq!(
            model(&once),
            model(text),
            "{name} ({keywords:?}): model changed\n{once}"
        );
        assert_eq!(
            codes(&once),
            codes(text),
            "{name} ({keywords:?}): diagnostics changed\n{once}"
        );
        let twice = format_unverified(&once, &options).unwrap_or_else(|e| {
            panic!("{name} ({keywords:?}): formatted text does not parse: {e:?}\n{once}")
        });
        assert_eq!(twice, once, "{name} ({keywords:?}): not idempotent");
        // Formatting to one language and back to another ends where formatting once does.
        let back = format_unverified(&once, &Options::default()).unwrap();
        assert_eq!(model(&back), model(text), "{name}: {keywords:?} then keep");
    }
    formattable
}

#[test]
fn examples_and_fixtures_keep_their_meaning() {
    let mut files = common::kpi_files("examples");
    assert!(files.len() >= 19, "examples missing");
    files.extend(common::kpi_files("tests/fixtures"));
    let mut formatted = 0;
    for path in &files {
        let text = kpi::source::decode(&std::fs::read(path).unwrap())
            .unwrap()
            .0;
        let name = common::rel(path);
        if assert_round_trip(&name, &text) {
            formatted += 1;
        } else {
            // Left alone only for syntax errors.
            let loaded = load_sources(vec![SourceFile::new("t.kpi", text.as_str())]);
            assert!(
                loaded.diagnostics.iter().any(kpi::fmt::is_syntax_error),
                "{name} was not formatted but has no syntax error"
            );
        }
    }
    // Every example formats; a fixture with a syntax error does not.
    assert!(formatted >= 19, "only {formatted} files formatted");
}

#[test]
fn every_example_formats_in_both_keyword_languages() {
    for path in common::kpi_files("examples") {
        let text = std::fs::read_to_string(&path).unwrap();
        for keywords in [KeywordStyle::Zh, KeywordStyle::En] {
            let out = format_text(&text, &Options { keywords });
            assert!(out.is_ok(), "{}: {keywords:?}", common::rel(&path));
        }
    }
}

#[test]
fn cut_examples_never_panic_and_keep_their_meaning() {
    for path in common::kpi_files("examples") {
        let text = std::fs::read_to_string(&path).unwrap();
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let step = (bounds.len() / 40).max(1);
        for &cut in bounds.iter().step_by(step) {
            let piece = &text[..cut];
            assert_round_trip(&format!("{}[..{cut}]", common::rel(&path)), piece);
        }
    }
}

#[test]
fn multi_line_strings_and_comments_are_byte_exact() {
    let src = "项目 \"甲\" ＜\n目标   \"第一行\n    第二行  \n第三行\";  /* 块\n   注释 */\n产出 数量 “乙” 5 个；// 行尾\n＞";
    let out = format_text(src, &Options::default()).unwrap();
    assert_eq!(
        out,
        "项目 \"甲\" {\n  目标 \"第一行\n    第二行  \n第三行\"; /* 块\n   注释 */\n  产出 数量 \"乙\" 5个; // 行尾\n}\n"
    );
}

#[test]
fn cjk_strings_with_ascii_quotes_stay_cjk() {
    let src = "project \"a\" { goal “他说\"好\"”; goal “C:\\x”; }";
    let out = format_text(src, &Options::default()).unwrap();
    assert!(out.contains("goal “他说\"好\"”;"), "{out}");
    assert!(out.contains("goal “C:\\x”;"), "{out}");
}

#[test]
fn funds_table_one_line_per_entry() {
    let src = "department \"d\" { year 2023; funds { basic \"a\" 1万元 fiscal; project \"b\" 2万元 { fiscal 1万元; transfer 1万元; } → \"B\"; total 3万元 fiscal; }; }";
    let out = format_text(src, &Options::default()).unwrap();
    assert_eq!(
        out,
        "department \"d\" {\n  year 2023;\n  funds {\n    basic \"a\" 1万元 fiscal;\n    project \"b\" 2万元 { fiscal 1万元; transfer 1万元; } → \"B\";\n    total 3万元 fiscal;\n  }\n}\n"
    );
}

#[test]
fn items_are_separated_by_one_blank_line() {
    let src = "project \"a\" {}\n\n\n\nproject \"b\" { year 2023; }project \"c\" {}";
    let out = format_text(src, &Options::default()).unwrap();
    assert_eq!(
        out,
        "project \"a\" {}\n\nproject \"b\" {\n  year 2023;\n}\n\nproject \"c\" {}\n"
    );
}

// ───────────────────────────── generated forms ─────────────────────────────

/// Builds a random valid `.kpi` file from a stream of choices (so proptest can shrink it).
struct Gen<'a> {
    choices: &'a [u8],
    at: usize,
    out: String,
}

impl Gen<'_> {
    fn pick(&mut self, n: usize) -> usize {
        let c = self.choices.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        c as usize % n
    }

    fn one<'s>(&mut self, options: &[&'s str]) -> &'s str {
        options[self.pick(options.len())]
    }

    fn put(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// Spacing between two words: never empty.
    fn ws(&mut self) {
        let s = self.one(&[
            " ",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{3000}",
            "\u{2002}\u{a0}",
            " /* 注 */ ",
            " // 说明\n",
            "\n\n  ",
            "\r\n",
            "\n// 独占一行\n",
        ]);
        self.put(s);
    }

    /// Spacing that may be empty (before punctuation, between a number and its unit).
    fn ws0(&mut self) {
        if self.pick(3) == 0 {
            self.ws();
        }
    }

    fn kw(&mut self, spellings: &[&str]) {
        let s = self.one(spellings);
        self.put(s);
        self.ws();
    }

    fn string(&mut self) {
        let text = self.one(&[
            "科技专项",
            "多行\n  文本  \n结束",
            "",
            "a b",
            "“引号”",
            "x/y",
        ]);
        match self.pick(3) {
            0 if !text.contains('”') => {
                self.put("“");
                self.put(text);
                self.put("”");
            }
            1 => {
                self.put("\"");
                self.put(text);
                self.put("\\\"\\\\\"");
            }
            _ => {
                self.put("\"");
                self.put(text);
                self.put("\"");
            }
        }
        self.ws0();
    }

    fn semi(&mut self) {
        self.ws0();
        let s = self.one(&[";", ";", "；"]);
        self.put(s);
        self.ws0();
    }

    fn open(&mut self) {
        let s = self.one(&["{", "{", "｛"]);
        self.put(s);
        self.ws0();
    }

    fn close(&mut self) {
        let s = self.one(&["}", "}", "｝"]);
        self.put(s);
        self.ws0();
    }

    fn quantity(&mut self, units: &[&str]) {
        let n = self.one(&["5", "1238.68", "0.4", "23", "0", "10"]);
        self.put(n);
        if self.pick(4) != 0 {
            self.ws0();
            let u = self.one(units);
            self.put(u);
        }
        self.ws();
    }

    fn money(&mut self) {
        self.quantity(&["万元", "元", "万", "亿元"]);
    }

    fn split(&mut self) {
        self.open();
        // Each source at most once (twice is error K0111).
        for spellings in [
            ["fiscal", "财政拨款"],
            ["transfer", "转移性资金"],
            ["other", "其他资金"],
        ] {
            if self.pick(2) == 0 {
                continue;
            }
            self.kw(&spellings);
            if self.pick(2) == 0 {
                self.money();
            }
            self.semi();
        }
        self.close();
    }

    fn indicator(&mut self) {
        let l1 = self.pick(4);
        match l1 {
            0 => {
                self.kw(&["output", "产出", "产出指标"]);
                self.kw(&[
                    "quantity",
                    "数量",
                    "quality",
                    "质量指标",
                    "时效",
                    "timeliness",
                ]);
            }
            1 => {
                self.kw(&["cost", "成本", "成本指标"]);
                if self.pick(2) == 0 {
                    self.kw(&[
                        "economic",
                        "经济成本",
                        "social",
                        "社会成本指标",
                        "生态环境成本",
                    ]);
                }
            }
            2 => {
                self.kw(&["effect", "效益", "效益指标"]);
                self.kw(&["social", "社会效益", "经济", "可持续影响", "ecological"]);
            }
            _ => {
                self.kw(&["satisfaction", "满意度"]);
                self.kw(&["service", "服务对象满意度", "public", "社会公众"]);
            }
        }
        self.string();
        match self.pick(4) {
            0 => {}
            1 => self.string(),
            _ => {
                let c = self.one(&[
                    "", ">=", "<=", "≥", "≤", "＞＝", "＜＝", "≧", "⩽", "=", "==", "＝", ">", "<",
                    "＞", "＜",
                ]);
                self.put(c);
                self.ws0();
                match (l1, self.pick(5)) {
                    (_, 0) => {
                        let d = self.one(&["2023-12-31", "2023年6月30日", "2023.07-2024.01"]);
                        self.put(d);
                        self.ws();
                    }
                    (1, _) => self.money(),
                    (3, _) => self.quantity(&["%", "％"]),
                    _ => self.quantity(&["%", "个", "天", "件(册)", "人次", "元/天"]),
                }
            }
        }
        if self.pick(3) == 0 {
            self.open();
            for _ in 0..self.pick(4) {
                match self.pick(4) {
                    0 => {
                        self.kw(&["weight", "分值", "权重"]);
                        let n = self.one(&["10", "2.5"]);
                        self.put(n);
                    }
                    1 => {
                        self.kw(&["explanation", "指标解释"]);
                        self.string();
                    }
                    2 => {
                        self.kw(&["scoring", "评分标准"]);
                        self.string();
                    }
                    _ => {
                        self.kw(&["direction", "指标方向"]);
                        let d = self.one(&["positive", "正向", "negative", "反向"]);
                        self.put(d);
                    }
                }
                self.semi();
            }
            self.close();
            // `;` is optional after a block.
            if self.pick(2) == 0 {
                return;
            }
        }
        self.semi();
    }

    /// `;` after a block: optional.
    fn block_semi(&mut self) {
        if self.pick(2) == 0 {
            self.semi();
        } else {
            self.ws0();
        }
    }

    fn project(&mut self) {
        self.kw(&["project", "项目"]);
        self.string();
        let open = self.one(&["{", "<", "｛", "＜"]);
        self.put(open);
        self.ws0();
        let mut used = [false; 7];
        for _ in 0..self.pick(10) {
            let which = self.pick(8);
            if which < 7 && std::mem::replace(&mut used[which], true) {
                continue;
            }
            match which {
                0 => {
                    self.kw(&["year", "年度"]);
                    let y = self.one(&["2023", "2023年"]);
                    self.put(y);
                    self.semi();
                }
                1 => {
                    self.kw(&["department", "主管部门", "部门"]);
                    self.string();
                    if self.pick(2) == 0 {
                        self.kw(&["code", "代码"]);
                        self.string();
                    }
                    self.semi();
                }
                2 => {
                    self.kw(&["unit", "实施单位"]);
                    self.string();
                    self.semi();
                }
                3 => {
                    self.kw(&["kind", "项目属性"]);
                    for _ in 0..=self.pick(2) {
                        let k = self.one(&["one-off", "一次性", "新增", "subsidy", "延续"]);
                        self.put(k);
                        self.ws();
                    }
                    self.semi();
                }
                4 => {
                    self.kw(&["period", "项目期"]);
                    let p = self.one(&[
                        "2023",
                        "365天",
                        "365 天",
                        "2021年1月-2021年12月",
                        "2023-01..2023-12",
                        "2023.07 - 2024.01",
                    ]);
                    self.put(p);
                    self.semi();
                }
                5 => {
                    self.kw(&["budget", "年度资金总额", "预算"]);
                    self.money();
                    if self.pick(2) == 0 {
                        self.split();
                        self.block_semi();
                    } else {
                        self.semi();
                    }
                }
                6 => {
                    self.kw(&["filed", "填报日期"]);
                    let d = self.one(&["2023-01-28", "2023.01.03", "2023年11月28日"]);
                    self.put(d);
                    self.ws();
                    self.kw(&["phone", "联系电话"]);
                    self.string();
                    self.semi();
                }
                _ => self.indicator(),
            }
        }
        let close = self.one(&["}", ">", "｝", "＞"]);
        self.put(close);
    }

    fn department(&mut self) {
        self.kw(&["department", "部门"]);
        self.string();
        self.open();
        self.kw(&["year", "年度"]);
        self.put("2023");
        self.semi();
        if self.pick(2) == 0 {
            self.kw(&["funds", "资金表"]);
            self.open();
            for _ in 0..self.pick(5) {
                match self.pick(3) {
                    0 | 1 => {
                        self.kw(&["basic", "基本支出", "project", "项目支出"]);
                        self.string();
                        self.money();
                        let split = match self.pick(3) {
                            0 => {
                                self.split();
                                true
                            }
                            1 => {
                                self.kw(&["fiscal", "transfer", "其他资金"]);
                                false
                            }
                            _ => false,
                        };
                        if self.pick(3) == 0 {
                            let a = self.one(&["->", "→"]);
                            self.put(a);
                            self.ws0();
                            self.string();
                        }
                        if split {
                            self.block_semi();
                        } else {
                            self.semi();
                        }
                    }
                    _ => {
                        self.kw(&["total", "合计"]);
                        if self.pick(2) == 0 {
                            self.kw(&["basic", "项目支出"]);
                        }
                        self.money();
                        if self.pick(2) == 0 {
                            self.split();
                            self.block_semi();
                        } else {
                            self.semi();
                        }
                    }
                }
            }
            self.close();
            if self.pick(2) == 0 {
                self.semi();
            }
        }
        for _ in 0..self.pick(3) {
            if self.pick(2) == 0 {
                self.kw(&["goal", "目标", "年度总体目标"]);
                self.string();
                self.semi();
            } else {
                self.indicator();
            }
        }
        self.close();
    }

    fn file(choices: &[u8]) -> String {
        let mut g = Gen {
            choices,
            at: 0,
            out: String::new(),
        };
        if g.pick(3) == 0 {
            g.put("// 文件头注释\n");
        }
        for _ in 0..=g.pick(3) {
            if g.pick(3) == 0 {
                g.department();
            } else {
                g.project();
            }
            g.ws();
        }
        g.out
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_forms_keep_their_meaning(choices in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = Gen::file(&choices);
        let formattable = assert_round_trip("generated", &text);
        // The generator writes only valid forms: each one formats.
        prop_assert!(formattable, "generated form does not format:\n{}", text);
    }
}

// ───────────────────────────── the command line ─────────────────────────────

fn kpi(args: &[&str], dir: &std::path::Path, stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "C")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

const UGLY: &str = "project \"a\" < budget 5 万元；>\n";
const PRETTY: &str = "project \"a\" {\n  budget 5万元;\n}\n";

#[test]
fn cli_check_prints_a_diff_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.kpi"), UGLY).unwrap();
    std::fs::write(dir.path().join("b.kpi"), PRETTY).unwrap();
    let out = kpi(&["fmt", "--check", "."], dir.path(), "");
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(diff.contains("--- ./a.kpi"), "{diff}");
    assert!(diff.contains("-project \"a\" < budget 5 万元；>"), "{diff}");
    assert!(diff.contains("+  budget 5万元;"), "{diff}");
    assert!(!diff.contains("b.kpi"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.kpi")).unwrap(),
        UGLY
    );

    let out = kpi(&["fmt", "--check", "b.kpi"], dir.path(), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn cli_rewrites_files_in_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.kpi"), UGLY).unwrap();
    let out = kpi(&["fmt", "a.kpi"], dir.path(), "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.kpi")).unwrap(),
        PRETTY
    );
}

#[test]
fn cli_leaves_a_file_with_syntax_errors_alone() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "project \"a\" {  output quantity \"x\" 5个\n  year 2023; }\n";
    std::fs::write(dir.path().join("bad.kpi"), broken).unwrap();
    let out = kpi(&["fmt", "bad.kpi"], dir.path(), "");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("K01"), "{err}");
    assert!(err.contains("not formatted"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bad.kpi")).unwrap(),
        broken
    );
}

#[test]
fn cli_stdin_to_stdout_and_kpi_toml_keywords() {
    let dir = tempfile::tempdir().unwrap();
    let out = kpi(&["fmt", "-"], dir.path(), UGLY);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), PRETTY);

    std::fs::write(dir.path().join("kpi.toml"), "[fmt]\nkeywords = \"zh\"\n").unwrap();
    let out = kpi(&["fmt", "-"], dir.path(), UGLY);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "项目 \"a\" {\n  年度资金总额 5万元;\n}\n"
    );
    // The command line wins over kpi.toml.
    let out = kpi(&["fmt", "--keywords", "keep", "-"], dir.path(), UGLY);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), PRETTY);

    std::fs::write(dir.path().join("kpi.toml"), "[fmt]\nkeywords = \"fr\"\n").unwrap();
    let out = kpi(&["fmt", "-"], dir.path(), UGLY);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_statement_ending_in_a_block_always_gets_its_semicolon() {
    let src = "project \"a\" { budget 5万元 { fiscal 5万元; } // 注\n output quantity \"x\" 5个 { weight 10; } }\ndepartment \"d\" { year 2023; funds { total 5万元 { fiscal 5万元; } project \"b\" 5万元 { fiscal 5万元; } -> \"b\" }; }";
    let out = format_text(src, &Options::default()).unwrap();
    assert_eq!(
        out,
        "project \"a\" {\n  budget 5万元 { fiscal 5万元; }; // 注\n  output quantity \"x\" 5个 { weight 10; };\n}\n\ndepartment \"d\" {\n  year 2023;\n  funds {\n    total 5万元 { fiscal 5万元; };\n    project \"b\" 5万元 { fiscal 5万元; } -> \"b\";\n  }\n}\n"
    );
}

/// Pieces of `.kpi` text, glued at random: mostly not valid, sometimes valid by accident.
const PIECES: &[&str] = &[
    "project",
    "项目",
    "department",
    "部门",
    "\"名\"",
    "“名”",
    "\"多\n行\"",
    "{",
    "}",
    "｛",
    "｝",
    "<",
    ">",
    "＜",
    "＞",
    ";",
    "；",
    " ",
    "\n",
    "\u{3000}",
    "\u{2002}",
    "// 注\n",
    "/* 注 */",
    "/*",
    "*/",
    "5",
    "1238.68",
    "万元",
    "个",
    "%",
    "output",
    "产出",
    "quantity",
    "数量",
    "budget",
    "fiscal",
    "other",
    "year",
    "2023",
    "2023-01..2023-12",
    ">=",
    "≥",
    "＞＝",
    "funds",
    "basic",
    "total",
    "->",
    "weight",
    "direction",
    "positive",
    "\"",
    "“",
    "”",
    "\\",
    ".",
    "-",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn glued_pieces_never_panic(picks in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = picks.iter().map(|&i| PIECES[i]).collect();
        assert_round_trip("glued", &text);
    }
}

#[test]
fn a_comment_never_lands_after_a_line_comment() {
    // The `;` between the two comments is dropped (after a funds table it means nothing).
    let src = "department \"d\" { funds { }\n// 甲\n; /* 乙 */ year 2023; }";
    let out = format_unverified(src, &Options::default()).unwrap();
    assert_eq!(
        out,
        "department \"d\" {\n  funds {}\n  // 甲\n  /* 乙 */\n  year 2023;\n}\n"
    );
}

#[test]
fn windows_line_ends_are_kept() {
    let src = "project \"a\" {\r\n  goal \"一\r\n二\"; // 注\r\n\r\n\r\n  year 2023;}\r\n";
    let out = format_unverified(src, &Options::default()).unwrap();
    assert_eq!(
        out,
        "project \"a\" {\r\n  goal \"一\r\n二\"; // 注\r\n\r\n  year 2023;\r\n}\r\n"
    );
    assert_round_trip("crlf", src);
}

#[cfg(unix)]
#[test]
fn cli_formats_through_a_symlink_and_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.kpi");
    std::fs::write(&real, UGLY).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink("real.kpi", dir.path().join("link.kpi")).unwrap();
    let out = kpi(&["fmt", "link.kpi"], dir.path(), "");
    assert_eq!(out.status.code(), Some(0));
    let link = std::fs::symlink_metadata(dir.path().join("link.kpi")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(std::fs::read_to_string(&real).unwrap(), PRETTY);
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
