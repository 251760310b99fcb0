//! No input makes kpi panic or hang: every example and fixture cut at many char boundaries,
//! spliced, and random bytes.

mod common;

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

#[test]
fn truncated_inputs_never_panic() {
    for text in corpus() {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        // About 150 cuts per file, always including the first few and last few characters.
        let step = (bounds.len() / 150).max(1);
        for (n, &cut) in bounds.iter().enumerate() {
            if n % step == 0 || n < 5 || n + 5 > bounds.len() {
                lower(&text[..cut]);
                lower(&text[cut..]);
            }
        }
    }
}

#[test]
fn spliced_inputs_never_panic() {
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
