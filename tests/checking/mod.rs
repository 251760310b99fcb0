//! Shared helpers for the checker's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use kpi::check::report::{self, Format};
use kpi::diag::{Diagnostic, Lang};
use kpi::filing::Loaded;

/// Loads paths (with the kpi.toml found beside them) and runs every rule. A folder that
/// holds only folders is a batch, as `kpi check a/ b/ c/` would check it: a filing per
/// subfolder, in name order, joined with the checks across filings (K0408).
pub fn check(paths: &[&str]) -> (Loaded, Vec<Diagnostic>) {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    if let [dir] = paths.as_slice() {
        let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .map(|e| e.expect("entry").path())
            .collect();
        subdirs.sort();
        if dir.is_dir() && !subdirs.is_empty() && subdirs.iter().all(|p| p.is_dir()) {
            let checked = subdirs
                .iter()
                .map(|d| {
                    let paths = [d.clone()];
                    let mut loaded = kpi::filing::load(&paths).expect("fixture loads");
                    let config = kpi::config::find(&paths, None).expect("config readable");
                    let (config, diags) = kpi::check::run(&mut loaded, config);
                    kpi::check::Checked {
                        loaded,
                        config,
                        diags,
                    }
                })
                .collect();
            return kpi::check::join(checked);
        }
    }
    let mut loaded = kpi::filing::load(&paths).expect("fixture loads");
    let config = kpi::config::find(&paths, None).expect("config readable");
    let (_, diags) = kpi::check::run(&mut loaded, config);
    (loaded, diags)
}

/// Checks in-memory sources with an optional kpi.toml text.
pub fn check_text(files: &[(&str, &str)], config: Option<&str>) -> (Loaded, Vec<Diagnostic>) {
    let sources = files
        .iter()
        .map(|(name, text)| kpi::source::SourceFile::new(*name, *text))
        .collect();
    let mut loaded = kpi::filing::load_sources(sources);
    let config = config.map(|t| kpi::source::SourceFile::new("kpi.toml", t));
    let (_, diags) = kpi::check::run(&mut loaded, config);
    (loaded, diags)
}

/// The findings as `path:line:col: severity[CODE] message` lines.
pub fn short(loaded: &Loaded, diags: &[Diagnostic], lang: Lang) -> String {
    report::render(Format::Short, diags, &loaded.sources, &loaded.filing, lang)
}

/// The codes of the findings.
pub fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}
