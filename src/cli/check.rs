//! `kpi check` and `kpi explain`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::FormatArg;
use crate::check::report::{self, Format};
use crate::diag::Lang;
use crate::filing;

pub(super) fn check(
    paths: &[PathBuf],
    format: FormatArg,
    deny_warnings: bool,
    config: Option<PathBuf>,
    output: Option<&std::path::Path>,
    lang: Lang,
    run: Run,
) -> ExitCode {
    // Each folder is a filing of its own: its funds table is compared with its own project
    // forms only, under its own kpi.toml. One report covers them all. Filings are checked on
    // all cores (issue 14; `--jobs`), then joined in command-line order, so the report is the
    // same byte for byte as one thread's; the first problem reading a filing, in that order,
    // stops the run as before.
    use rayon::prelude::*;
    let filings = filing::filings(paths);
    let bar = super::progress(filings.len(), lang);
    let results: Vec<Result<crate::check::Checked, crate::diag::Text>> = filings
        .par_iter()
        .map(|filing_paths| {
            let checked = check_one(filing_paths, config.clone());
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            checked
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut checked = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(c) => checked.push(c),
            Err(e) => {
                super::error(lang, &e.en, &e.zh);
                return ExitCode::from(2);
            }
        }
    }
    // One report over all filings, with the checks across them (K0408).
    let (loaded, diags) = crate::check::join(checked);
    let format = match format {
        FormatArg::Human => Some(Format::Human),
        FormatArg::Short => Some(Format::Short),
        FormatArg::Json => Some(Format::Json),
        FormatArg::Sarif => Some(Format::Sarif),
        FormatArg::Markdown => Some(Format::Markdown),
        FormatArg::Html => None,
        FormatArg::Gitlab => Some(Format::Gitlab),
    };
    let text = match format {
        Some(format) => report::render(format, &diags, &loaded.sources, &loaded.filing, lang),
        None => crate::html::render(&diags, &loaded.sources, &loaded.filing, lang),
    };
    match output {
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
        // Written whole or not at all (a temporary file renamed).
        Some(path) => {
            if let Err(e) = crate::output::write_atomic(path, text.as_bytes()) {
                super::error(
                    lang,
                    format!("cannot write {}: {e}", path.display()),
                    format!("无法写入 {}：{e}", path.display()),
                );
                return ExitCode::from(2);
            }
        }
    }
    let (errors, warnings) = report::counts(&diags);
    // When the process ends after this check, the models, texts and findings of every filing
    // are not freed one allocation at a time: the system takes the memory back at once (what
    // rustc and ripgrep do; issue 14: 6% of a large check). `--watch` checks again in the
    // same process, so there they are freed.
    if run == Run::Last {
        std::mem::forget((loaded, diags, text));
    }
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether a check is the process's last piece of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Run {
    /// `kpi check`: the process ends after it.
    Last,
    /// One check of `kpi check --watch`: more follow in the same process.
    Again,
}

/// Loads and checks one filing; a problem reading it (exit code 2) as its message.
fn check_one(
    filing_paths: &[PathBuf],
    config: Option<PathBuf>,
) -> Result<crate::check::Checked, crate::diag::Text> {
    let config_file = crate::config::find(filing_paths, config)?;
    let units = config_file
        .as_ref()
        .map(crate::config::units_of)
        .unwrap_or_default();
    // Workbooks are read as they arrive (issue 12), imported in memory.
    let mut loaded = filing::load_with(filing_paths, &units, Some(&crate::import::workbook_text))
        .map_err(|e| e.text())?;
    let (config, mut diags) = crate::check::run(&mut loaded, config_file);
    // Findings in workbooks' imported text are reported at their cells.
    loaded.relocate(&mut diags);
    Ok(crate::check::Checked {
        loaded,
        config,
        diags,
    })
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
        let Some(code) = code else {
            let _ = write!(out, "{}", rule_list(lang));
            return ExitCode::SUCCESS;
        };
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

/// `kpi explain` with no code (规则一览): every code with its one-line summary, by family,
/// then how many there are — the count the README gives.
pub fn rule_list(lang: Lang) -> String {
    use crate::diag::{family_of, FAMILIES};
    let rules = crate::check::rules();
    let mut out = String::new();
    for family in FAMILIES {
        let members: Vec<_> = rules
            .iter()
            .filter(|r| family_of(r.code).is_some_and(|f| f.prefix == family.prefix))
            .collect();
        if members.is_empty() {
            continue;
        }
        out.push_str(&format!("{}xx {}\n", family.prefix, family.name.get(lang)));
        for r in members {
            // The Chinese severity words are all two characters wide; the English ones padded.
            let severity = match lang {
                Lang::En => format!("{:<8}", r.severity.word(lang)),
                Lang::Zh => r.severity.word(lang).to_string(),
            };
            out.push_str(&format!("  {}  {severity} {}\n", r.code, r.title.get(lang)));
        }
        out.push('\n');
    }
    let in_family = |prefixes: &[&str]| {
        rules
            .iter()
            .filter(|r| prefixes.iter().any(|p| r.code.starts_with(p)))
            .count()
    };
    let syntax = in_family(&["K01", "K02"]);
    let workbook = rules
        .iter()
        .filter(|r| family_of(r.code).is_some_and(|f| f.workbook))
        .count();
    let checker = rules.len() - syntax - workbook;
    out.push_str(&match lang {
        Lang::En => format!(
            "{} codes: {checker} checker rules (K03–K10, K13), {syntax} syntax and unit codes (K01–K02), {workbook} workbook codes (K11–K12).\n`kpi explain CODE` explains one; `kpi explain --all` explains them all.\n",
            rules.len()
        ),
        Lang::Zh => format!(
            "共 {} 个代码：检查规则 {checker} 条（K03–K10、K13），语法与单位 {syntax} 条（K01–K02），工作簿 {workbook} 条（K11–K12）。\n`kpi explain 代码` 说明一条规则；`kpi explain --all` 说明全部规则。\n",
            rules.len()
        ),
    });
    out
}
