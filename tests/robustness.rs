//! No input makes kpi panic or hang: every example and fixture cut at many char boundaries,
//! spliced, and random bytes.

use crate::common;

use kpi::filing::load_sources;
use kpi::source::SourceFile;

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tests that set pest's global call limit run alone; every other parse here shares this.
static PARSING: std::sync::RwLock<()> = std::sync::RwLock::new(());

fn shared() -> std::sync::RwLockReadGuard<'static, ()> {
    PARSING.read().unwrap_or_else(|e| e.into_inner())
}

fn exclusive() -> std::sync::RwLockWriteGuard<'static, ()> {
    PARSING.write().unwrap_or_else(|e| e.into_inner())
}

fn lower(text: &str) {
    let loaded = load_sources(vec![SourceFile::new("t.kpi", text)]);
    // Rendering is part of the pipeline a user sees; it must not panic either.
    let _ = kpi::diag::render(&loaded.diagnostics, &loaded.sources, kpi::diag::Lang::Zh);
    let _ = kpi::emit::json::to_json(&loaded.filing);
    for d in &loaded.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d:?}"
        );
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{d:?}"
        );
    }
}

fn corpus() -> Vec<String> {
    let mut files = common::kpi_files("examples");
    files.extend(common::kpi_files("tests/fixtures"));
    files
        .iter()
        .map(|p| kpi::source::decode(&std::fs::read(p).unwrap()).unwrap().0)
        .collect()
}

/// The longest test of the suite (≈ 80 000 loads in a debug build): the files are spread over
/// every core, so that `cargo test` does not wait on this one test at its end (issue 13).
#[test]
fn truncated_inputs_never_panic() {
    use rayon::prelude::*;
    let _parsing = shared();
    corpus().par_iter().for_each(|text| {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        // About 150 cuts per file, always including the first few and last few characters.
        let step = (bounds.len() / 150).max(1);
        for (n, &cut) in bounds.iter().enumerate() {
            if n % step == 0 || n < 5 || n + 5 > bounds.len() {
                lower(&text[..cut]);
                lower(&text[cut..]);
            }
        }
    });
}

#[test]
fn spliced_inputs_never_panic() {
    let _parsing = shared();
    let corpus = corpus();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2000 {
        let a = &corpus[rng.below(corpus.len())];
        let b = &corpus[rng.below(corpus.len())];
        let cut = |t: &str, r: &mut Rng| {
            let mut i = r.below(t.len() + 1);
            while !t.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (i, j) = (cut(a, &mut rng), cut(b, &mut rng));
        lower(&format!("{}{}", &a[..i], &b[j..]));
    }
}

#[test]
fn random_bytes_never_panic() {
    let _parsing = shared();
    let mut rng = Rng(42);
    let alphabet: Vec<char> = "{}<>;；｛｝＜＞\"“”/*\\ \n\t0123456789.万元%个-≥≤=><项目产出数量质量成本效益满意度projectoutputcostbudgetgoalfunds"
        .chars()
        .collect();
    for _ in 0..3000 {
        let len = rng.below(80);
        let text: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        lower(&text);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        lower(&String::from_utf8_lossy(&bytes));
    }
}

// ───────────── issue 14: pathological text, overflow, rendering ─────────────

/// Inputs that made the parser exponential or quadratic, each about `n` bytes.
fn pathological(n: usize) -> Vec<(&'static str, String)> {
    let rep = |unit: &str| unit.repeat(n / unit.len().max(1) + 1);
    vec![
        // Exponential: an unclosed brace group was retried from every following `{`.
        ("department braces", format!("department\"\"{}", rep("{"))),
        ("project braces", format!("project \"x\"{}", rep("{"))),
        ("spaced braces", format!("project \"x\" {{ a {}", rep("{ "))),
        // Quadratic: every unclosed `“` scanned to the end of the file.
        (
            "unclosed quotes",
            format!("project \"x\" {{\n{}}}\n", rep("  goal “目标文字;\n")),
        ),
        ("quote run", format!("project \"x\" {{{}", rep("“"))),
        ("comment run", rep("/*")),
        ("statements and forms", rep("project \"x\" { a {;")),
        ("closing braces", format!("project \"x\" {{{}", rep("}"))),
        (
            "ascii quotes",
            format!("project \"x\" {{{}", rep("goal \"a;\n")),
        ),
    ]
}

/// Pest's own step counter makes "linear" testable without a clock: a parse of any of these
/// must finish within a fixed number of rule calls per byte (the examples need about 100; a
/// backtracking grammar needs millions here).
#[test]
fn pathological_text_parses_in_linear_work() {
    let _alone = exclusive();
    use pest::Parser;
    const CALLS_PER_BYTE: usize = 2_000;
    for (what, text) in pathological(40_000) {
        pest::set_call_limit(std::num::NonZeroUsize::new(CALLS_PER_BYTE * text.len()));
        let parsed = kpi::syntax::KpiParser::parse(kpi::syntax::Rule::file, &text);
        pest::set_call_limit(None);
        assert!(
            parsed.is_ok(),
            "{what}: more than {CALLS_PER_BYTE} parser calls per byte: {:?}",
            parsed.err()
        );
        // And the whole pipeline, rendering included, finishes without a panic.
        lower(&text);
    }
}

#[test]
fn examples_parse_well_within_the_linear_budget() {
    let _alone = exclusive();
    use pest::Parser;
    // The same bound holds for real files with a wide margin, so it is a bound, not a guess.
    for text in corpus() {
        pest::set_call_limit(std::num::NonZeroUsize::new(200 * text.len() + 1_000));
        let parsed = kpi::syntax::KpiParser::parse(kpi::syntax::Rule::file, &text);
        pest::set_call_limit(None);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
    }
}

#[test]
fn deep_nesting_is_a_coded_error_not_a_stack_overflow() {
    let _parsing = shared();
    let text = format!("project \"x\" {{{}", "{".repeat(200_000));
    let loaded = load_sources(vec![SourceFile::new("t.kpi", text.as_str())]);
    let deep: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "K0113")
        .collect();
    assert_eq!(deep.len(), 1, "{:?}", loaded.diagnostics);
    // At the tenth `{`: the form's own and eight levels inside it are read.
    assert_eq!(deep[0].span.start, "project \"x\" ".len() + 9);
    // Braces in texts and comments do not count; real forms nest two deep.
    let fine =
        "project \"x\" { // {{{{{{{{{{\n goal \"{{{{{{{{{{{{\"; budget 1万元 { fiscal 1万元; }; }";
    let loaded = load_sources(vec![SourceFile::new("t.kpi", fine)]);
    assert!(loaded.diagnostics.iter().all(|d| d.code != "K0113"));
}

fn codes(text: &str) -> Vec<&'static str> {
    let mut loaded = load_sources(vec![SourceFile::new("t.kpi", text)]);
    let (_, diags) = kpi::check::run(&mut loaded, None);
    diags.iter().map(|d| d.code).collect()
}

const HUGE: &str = "79228162514264337593543950335";

#[test]
fn money_overflow_is_a_diagnostic_not_a_panic() {
    let _parsing = shared();
    // Converting to 元.
    let c = codes(&format!("project \"x\" {{ budget {HUGE}万元; }}"));
    assert!(c.contains(&"K0208"), "{c:?}");
    // Adding up a budget's sources, a funds table, cost components, weights.
    let c = codes(&format!(
        "project \"x\" {{ budget {HUGE}元 {{ fiscal {HUGE}元; transfer {HUGE}元; }}; goal \"a\";\n\
         cost \"a\" <= {HUGE}元; cost \"b\" <= {HUGE}元;\n\
         output quantity \"b\" >= 2个 {{ weight {HUGE}; }}; output quantity \"c\" >= 2个 {{ weight {HUGE}; }}; }}\n\
         department \"d\" {{ year 2023; funds {{ basic \"x\" {HUGE}元 fiscal; project \"y\" {HUGE}元 fiscal; total 1元; }}\n\
         cost \"金额合计\" <= 1元; }}"
    ));
    // The budget's sources, the weights, the stated total and the cost indicator on all lines.
    assert_eq!(c.iter().filter(|&&c| c == "K0208").count(), 4, "{c:?}");
    // A goal's calculation: a written result and an implied one.
    let c = codes(&format!(
        "project \"x\" {{ budget 10万元; goal \"补助={HUGE}亿元\"; goal \"70个行政村，每村{HUGE}万元/村\";\n\
         output quantity \"培训{HUGE}万人\" >= 2万人; }}"
    ));
    assert_eq!(c.iter().filter(|&&c| c == "K0208").count(), 2, "{c:?}");
}

#[test]
fn the_cli_never_exits_101_on_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.kpi");
    std::fs::write(
        &file,
        format!("project \"x\" {{ budget {HUGE}万元; goal \"={HUGE}亿元\"; }}"),
    )
    .unwrap();
    for args in [
        vec!["check"],
        vec!["build", "--to", "json", "-o"],
        vec!["build", "--to", "xlsx", "-o"],
        vec!["fmt", "--check"],
    ] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kpi"));
        cmd.args(&args);
        if args.last() == Some(&"-o") {
            cmd.arg(dir.path().join("out"));
        }
        let out = cmd.arg(&file).output().unwrap();
        assert_ne!(out.status.code(), Some(101), "{args:?}: {out:?}");
        assert!(out.status.code().is_some(), "{args:?}: killed: {out:?}");
    }
}

#[test]
fn a_span_that_splits_a_character_renders() {
    let _parsing = shared();
    let text = "项目 \"科技\" { 预算 5万元; }";
    let sources = load_sources(vec![SourceFile::new("t.kpi", text)]).sources;
    for (start, end) in [(1, 2), (0, 1), (4, 100), (text.len() + 5, text.len() + 9)] {
        let d = kpi::diag::Diagnostic::new(
            &kpi::syntax::rules::UNEXPECTED_TOKEN,
            kpi::source::FileId(0),
            kpi::source::Span::new(start, end),
            kpi::diag::Text::new("m", "m"),
            kpi::diag::Text::new("h", "h"),
        );
        let out = kpi::diag::render(&[d], &sources, kpi::diag::Lang::En);
        assert!(out.contains("K0101"), "{out}");
    }
}

#[test]
fn a_very_wide_line_is_cut_around_the_finding() {
    let _parsing = shared();
    // A minified file: one 500 KB line with an error in the middle.
    let filler = "goal \"一二三四五六七八九十\"; ".repeat(8_000);
    let text = format!("project \"x\" {{ {filler} bad; {filler} }}");
    let loaded = load_sources(vec![SourceFile::new("t.kpi", text.as_str())]);
    assert!(!loaded.diagnostics.is_empty());
    let out = kpi::diag::render(&loaded.diagnostics, &loaded.sources, kpi::diag::Lang::En);
    let per = out.len() / loaded.diagnostics.len();
    assert!(per < 4_000, "{per} bytes per finding:\n{}", &out[..2000]);
    assert!(out.contains("bad"), "the finding itself is shown");
    // The line and column are still the real ones.
    let col = text.find("bad").unwrap() + 1;
    assert!(
        out.contains(&format!("t.kpi:1:{}", text[..col - 1].chars().count() + 1)),
        "{}",
        &out[..500]
    );
}
