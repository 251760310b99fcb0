//! The workbook commands: `kpi build --to xlsx` and `kpi import`. Thin like the rest of the
//! command line: reads arguments and files, calls the library, writes files atomically.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::load_for_build;
use crate::diag::Lang;
use crate::emit::xlsx::{self, Limits, Options, Template};

fn io_error(what: &str, path: &Path, e: impl std::fmt::Display, lang: Lang) -> ExitCode {
    match lang {
        Lang::En => eprintln!("error: cannot {what} {}: {e}", path.display()),
        Lang::Zh => eprintln!(
            "错误：无法{}{}：{e}",
            if what == "read" { "读取" } else { "写入" },
            path.display()
        ),
    }
    ExitCode::from(2)
}

/// Malformed workbooks must end in a diagnostic, not a panic message: parsers run guarded
/// and their panics are reported as K1107, so the default hook stays quiet for them.
fn quiet_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !xlsx::in_guarded() {
            default(info);
        }
    }));
}

/// `kpi build PATH... --to xlsx [--template FILE] [--split] [-o OUT]`
pub fn build(
    paths: &[PathBuf],
    output: Option<&Path>,
    template: Option<&Path>,
    split: bool,
    lang: Lang,
) -> ExitCode {
    quiet_panics();
    let user_template = match template {
        None => None,
        Some(path) => {
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => return io_error("read", path, e, lang),
            };
            match Template::read(&bytes, &Limits::default()) {
                Ok(t) => Some(t),
                Err(diags) => {
                    eprint!("{}", xlsx::render_plain(&diags, lang));
                    return ExitCode::from(1);
                }
            }
        }
    };
    let loaded = match load_for_build(paths, lang) {
        Ok(l) => l,
        Err(code) => return code,
    };
    // The budget year and the scoring profile of kpi.toml, found by the one search rule
    // (src/config).
    let config = crate::config::quiet(paths, None);
    let options = Options {
        split,
        file_stem: None,
        year: config.as_ref().and_then(|c| c.year),
        scoring: config.map(|c| c.scoring),
    };
    let outputs = match xlsx::build(&loaded.filing, user_template.as_ref(), &options) {
        Ok(o) => o,
        Err(diags) => {
            eprint!("{}", xlsx::render_plain(&diags, lang));
            return ExitCode::from(1);
        }
    };
    match xlsx::write_outputs(&outputs, output) {
        Ok(written) => {
            for path in written {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => io_error("write", output.unwrap_or(Path::new(".")), e, lang),
    }
}

/// `kpi import FILE.xlsx [-o OUT.kpi]`
pub fn import(file: &Path, output: Option<&Path>, lang: Lang) -> ExitCode {
    quiet_panics();
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return io_error("read", file, e, lang),
    };
    let text = match crate::import::xlsx_to_kpi(&bytes, &file.display().to_string()) {
        Ok(t) => t,
        Err(diags) => {
            eprint!("{}", xlsx::render_plain(&diags, lang));
            return ExitCode::from(1);
        }
    };
    match output {
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Some(path) => match crate::output::write_atomic(path, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => io_error("write", path, e, lang),
        },
    }
}
