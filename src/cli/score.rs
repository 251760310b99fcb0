//! `kpi score`: the score table of every self-evaluation form (自评得分表), computed by the
//! filing's scoring profile beside the scores the forms claim.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{emit_stdout, load_with_units_or_exit};
use crate::diag::Lang;
use crate::filing;
use crate::source::FileId;

pub(super) fn score(paths: &[PathBuf], config: Option<PathBuf>, lang: Lang) -> ExitCode {
    let mut out = String::new();
    let mut forms = 0;
    for filing_paths in filing::filings(paths) {
        let config_file = match crate::config::find(&filing_paths, config.clone()) {
            Ok(c) => c,
            Err(e) => {
                super::error(lang, &e.en, &e.zh);
                return ExitCode::from(2);
            }
        };
        let units = config_file
            .as_ref()
            .map(crate::config::units_of)
            .unwrap_or_default();
        let loaded = match load_with_units_or_exit(&filing_paths, &units, lang) {
            Ok(l) => l,
            Err(code) => return code,
        };
        // The scoring profile is the filing's (kpi.toml `scoring`); problems with kpi.toml
        // itself are `kpi check`'s to report.
        let profile = config_file
            .as_ref()
            .map(|f| {
                crate::config::parse(f, FileId::default(), &|_| None)
                    .0
                    .scoring
            })
            .unwrap_or_default();
        for p in &loaded.filing.projects {
            if let Some(card) = crate::score::score(p, &profile) {
                if forms > 0 {
                    out.push('\n');
                }
                out.push_str(&crate::score::table::render(p, &card, &profile, lang));
                forms += 1;
            }
        }
    }
    if forms == 0 {
        super::error(
            lang,
            "no self-evaluation form found: a form is scored when it states actuals, scores or the executed amount (docs/language.md)",
            "未找到自评表：表中填有实际完成值、得分或全年执行数时才评分（见 docs/language.md）",
        );
        return ExitCode::from(2);
    }
    emit_stdout(&out);
    ExitCode::SUCCESS
}
