//! `kpi build`: JSON, its schema, and xlsx workbooks.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{load_for_build, Target};
use crate::diag::Lang;
use crate::emit;

pub(super) fn build(
    paths: &[PathBuf],
    to: Target,
    output: Option<PathBuf>,
    lang: Lang,
) -> ExitCode {
    let text = match to {
        Target::Schema => emit::json::schema(),
        Target::Json | Target::Xlsx => {
            let loaded = match load_for_build(paths, lang) {
                Ok(l) => l,
                Err(code) => return code,
            };
            // Self-evaluations are scored by the filing's profile (kpi.toml `scoring`).
            let scoring = crate::config::quiet(paths, None)
                .map(|c| c.scoring)
                .unwrap_or_default();
            let text = emit::json::to_json_scored(&loaded.filing, &scoring);
            // The process ends after writing: freeing the filing's trees and model one
            // allocation at a time would be serial work after the parallel part (≈ 6% of a
            // batch); the operating system takes the memory back at exit at once.
            std::mem::forget(loaded);
            text
        }
    };
    match output {
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Some(path) => match crate::output::write_atomic(&path, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                super::error(
                    lang,
                    format!("cannot write {}: {e}", path.display()),
                    format!("无法写入 {}：{e}", path.display()),
                );
                ExitCode::from(2)
            }
        },
    }
}
