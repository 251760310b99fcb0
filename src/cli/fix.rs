//! `kpi check --fix` (自动修复): the safe fixes the findings propose, written to the files
//! before they are checked — the same edits the language server offers as code actions.
//!
//! Only fixes marked safe are applied (a full-width `；` is a `;`); guesses (the keyword nearest
//! to a misspelt one, a link to a form with a similar name) are left to the user, who sees them
//! in the report and, in an editor, as quick fixes. Each file is replaced atomically (a
//! temporary file in its folder, then a rename), as `kpi fmt` does.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diag::{Diagnostic, Lang};
use crate::filing;

/// Applies the safe fixes of every filing `paths` names and says on standard error what it
/// changed. Files or a `kpi.toml` that cannot be read are left to the check that follows,
/// which reports them; a file that cannot be written stops with exit code 2.
pub(super) fn apply(
    paths: &[PathBuf],
    config: Option<PathBuf>,
    lang: Lang,
) -> Result<(), ExitCode> {
    for filing_paths in filing::filings(paths) {
        let Ok(config_file) = crate::config::find(&filing_paths, config.clone()) else {
            continue;
        };
        let units = config_file
            .as_ref()
            .map(crate::config::units_of)
            .unwrap_or_default();
        let Ok(mut loaded) = filing::load_with_units(&filing_paths, &units) else {
            continue;
        };
        let (_, diags) = crate::check::run(&mut loaded, config_file);
        let mut by_file: BTreeMap<crate::source::FileId, Vec<&Diagnostic>> = BTreeMap::new();
        for d in diags
            .iter()
            .filter(|d| d.elsewhere.is_none() && d.fix.is_some())
        {
            // Only `.kpi` files (kpi.toml has no syntax).
            if loaded.syntax(d.file).is_some() {
                by_file.entry(d.file).or_default().push(d);
            }
        }
        for (file, found) in by_file {
            let source = loaded.sources.get(file);
            let fixes = crate::diag::safe_fixes(found.iter().filter_map(|d| d.fix.as_ref()));
            if fixes.is_empty() {
                continue;
            }
            let fixed = crate::diag::apply_fixes(&source.text, &fixes);
            if fixed == source.text {
                continue;
            }
            if let Err(e) = crate::output::write_atomic(Path::new(&source.name), fixed.as_bytes()) {
                super::error(
                    lang,
                    format!("cannot write {}: {e}", source.name),
                    format!("无法写入 {}：{e}", source.name),
                );
                return Err(ExitCode::from(2));
            }
            let codes: Vec<&str> = found
                .iter()
                .filter(|d| d.fix.as_ref().is_some_and(|f| fixes.contains(&f)))
                .map(|d| d.code)
                .collect();
            let n = fixes.len();
            match lang {
                Lang::En => eprintln!(
                    "fixed {n} problem{} in {} ({})",
                    if n == 1 { "" } else { "s" },
                    source.name,
                    codes.join(", ")
                ),
                Lang::Zh => eprintln!(
                    "已修复 {} 中的 {n} 个问题（{}）",
                    source.name,
                    codes.join("、")
                ),
            }
        }
    }
    let _ = std::io::stderr().flush();
    Ok(())
}
