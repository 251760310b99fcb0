//! `kpi check` and `kpi explain`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{load_with_units_or_exit, FormatArg};
use crate::check::report::{self, Format};
use crate::diag::Lang;
use crate::filing::{self, Loaded};

pub(super) fn check(
    paths: &[PathBuf],
    format: FormatArg,
    deny_warnings: bool,
    config: Option<PathBuf>,
    lang: Lang,
) -> ExitCode {
    // Each folder is a filing of its own: its funds table is compared with its own project
    // forms only, under its own kpi.toml. One report covers them all.
    let mut all = Loaded::empty();
    let mut diags = Vec::new();
    for filing_paths in filing::filings(paths) {
        let config_file = match crate::config::find(&filing_paths, config.clone()) {
            Ok(c) => c,
            Err(e) => {
                super::error(lang, &e, &e);
                return ExitCode::from(2);
            }
        };
        let units = config_file
            .as_ref()
            .map(crate::config::units_of)
            .unwrap_or_default();
        let mut loaded = match load_with_units_or_exit(&filing_paths, &units, lang) {
            Ok(l) => l,
            Err(code) => return code,
        };
        let (_, found) = crate::check::run(&mut loaded, config_file);
        diags.extend(all.absorb(loaded, found));
    }
    let loaded = all;
    let format = match format {
        FormatArg::Human => Format::Human,
        FormatArg::Short => Format::Short,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Markdown => Format::Markdown,
    };
    let text = report::render(format, &diags, &loaded.sources, &loaded.filing, lang);
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    let (errors, warnings) = report::counts(&diags);
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub(super) fn explain(code: Option<String>, all: bool, markdown: bool, lang: Lang) -> ExitCode {
    let mut out = std::io::stdout().lock();
    if all && markdown {
        let _ = write!(out, "{}", crate::check::rules_markdown());
        return ExitCode::SUCCESS;
    }
    let selected: Vec<&crate::check::Rule> = if all {
        crate::check::rules()
    } else {
        let code = code.unwrap_or_default();
        match crate::check::rule(&code) {
            Some(r) => vec![r],
            None => {
                super::error(
                    lang,
                    format!("unknown rule code `{code}` (see `kpi explain --all`)"),
                    format!("未知的规则代码“{code}”（见 `kpi explain --all`）"),
                );
                return ExitCode::from(2);
            }
        }
    };
    for (i, r) in selected.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out);
        }
        let _ = write!(out, "{}", crate::check::explain(r, lang));
    }
    ExitCode::SUCCESS
}
