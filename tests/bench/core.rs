//! In-process benchmarks of kpi's core (issue 14), with divan: check, build json, build
//! xlsx, import and fmt of one filing, beside serde_json parsing the JSON of the same filing
//! (the floor the issue compares with). The whole-process figures at 1, 10 and 100 MB, with
//! peak memory, come from `tests/bench/bench.sh`; these time the library calls alone, without
//! reading files or starting a process.
//!
//! ```sh
//! cargo bench --bench core                                   # the Lhasa filing (38 KB)
//! KPI_BENCH_CORPUS=/tmp/kpi-bench/c1 cargo bench --bench core  # a generated corpus, one filing
//! cargo bench --bench core -- check                          # one benchmark
//! ```
//!
//! Built (not run) by CI: `cargo clippy --all-targets` compiles it.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::{black_box, Bencher};
use kpi::source::SourceFile;

fn main() {
    divan::main();
}

/// The filing under test, read once: its sources, its JSON and the workbook kpi writes of it.
struct Corpus {
    sources: Vec<SourceFile>,
    json: String,
    xlsx: Vec<u8>,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let dir = std::env::var_os("KPI_BENCH_CORPUS")
            .map_or_else(|| root.join("examples/lhasa-kjj-2023"), PathBuf::from);
        let files = kpi::filing::expand(&[dir]).expect("the corpus folder");
        let sources: Vec<SourceFile> = files
            .iter()
            .map(|f| {
                let bytes = std::fs::read(f).expect("readable");
                let (text, _) = kpi::source::decode(&bytes).expect("text");
                SourceFile::new(f.display().to_string(), text)
            })
            .collect();
        let loaded = kpi::filing::load_sources(sources.clone());
        let json = kpi::emit::json::to_json(&loaded.filing);
        let xlsx = kpi::emit::xlsx::build(&loaded.filing, None, &Default::default())
            .expect("the workbook")
            .remove(0)
            .bytes;
        Corpus {
            sources,
            json,
            xlsx,
        }
    })
}

/// `kpi check`: parse, lower, resolve, every rule.
#[divan::bench]
fn check(b: Bencher) {
    b.with_inputs(|| corpus().sources.clone())
        .bench_values(|s| {
            let mut loaded = kpi::filing::load_sources(s);
            kpi::check::run(&mut loaded, None).1.len()
        });
}

/// `kpi build --to json`: parse, lower, serialise.
#[divan::bench]
fn build_json(b: Bencher) {
    b.with_inputs(|| corpus().sources.clone())
        .bench_values(|s| kpi::emit::json::to_json(&kpi::filing::load_sources(s).filing).len());
}

/// `kpi build --to xlsx`: parse, lower, fill the built-in templates, write the workbook.
#[divan::bench]
fn build_xlsx(b: Bencher) {
    b.with_inputs(|| corpus().sources.clone())
        .bench_values(|s| {
            let loaded = kpi::filing::load_sources(s);
            kpi::emit::xlsx::build(&loaded.filing, None, &Default::default())
                .map(|o| o.len())
                .ok()
        });
}

/// `kpi import` of the workbook kpi writes for the filing.
#[divan::bench]
fn import(b: Bencher) {
    let xlsx = &corpus().xlsx;
    b.bench(|| kpi::import::xlsx_to_kpi(black_box(xlsx), "bench.xlsx").map(|t| t.len()));
}

/// `kpi fmt`, file by file (its check that the model is unchanged included).
#[divan::bench]
fn fmt(b: Bencher) {
    let sources = &corpus().sources;
    let options = kpi::fmt::Options::default();
    b.bench(|| {
        sources
            .iter()
            .map(|s| kpi::fmt::format_text(black_box(&s.text), &options).map_or(0, |t| t.len()))
            .sum::<usize>()
    });
}

/// The floor: serde_json parsing the JSON of the same filing into a `Value`.
#[divan::bench]
fn serde_json_floor(b: Bencher) {
    let json = &corpus().json;
    b.bench(|| serde_json::from_str::<serde_json::Value>(black_box(json)).map(|v| v.is_object()));
}
