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
    // The findings are reported by now; only the model is needed to fill the sheets.
    let filing = match load_for_build(paths, lang) {
        Ok(l) => l.into_filing(),
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
    let outputs = match xlsx::build(&filing, user_template.as_ref(), &options) {
        Ok(o) => o,
        Err(diags) => {
            eprint!("{}", xlsx::render_plain(&diags, lang));
            return ExitCode::from(1);
        }
    };
    if let Some(dash) = output.filter(|p| super::is_dash(p)) {
        // `-o -`: the one workbook on standard output (`kpi build --to xlsx -o - | …`).
        return match outputs.as_slice() {
            [only] => match std::io::stdout().lock().write_all(&only.bytes) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => io_error("write", dash, e, lang),
            },
            several => {
                super::error(
                    lang,
                    format!(
                        "-o - writes one workbook to standard output, and these forms make {}: give a folder with -o",
                        several.len()
                    ),
                    format!(
                        "-o - 只能把一个工作簿写到标准输出，这些表要写 {} 个：请用 -o 指定一个文件夹",
                        several.len()
                    ),
                );
                ExitCode::from(2)
            }
        };
    }
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

/// `kpi import FILE.xlsx [-o OUT.kpi]`, or `kpi import FOLDER [-o OUT-FOLDER]`. Rows the
/// reader could not place are reported (K1202) and make the exit code 1, the text is still
/// written (with the row as a comment).
pub fn import(
    file: &Path,
    output: Option<&Path>,
    keywords: Option<super::KeywordsArg>,
    lang: Lang,
) -> ExitCode {
    quiet_panics();
    let options = crate::fmt::Options {
        keywords: match keywords {
            Some(super::KeywordsArg::Zh) => crate::fmt::KeywordStyle::Zh,
            // The importer writes English keywords; `keep` keeps them.
            _ => crate::fmt::KeywordStyle::Keep,
        },
    };
    if file.is_dir() {
        if output.is_some_and(super::is_dash) {
            super::error(
                lang,
                "-o - writes one .kpi file to standard output, and a folder of workbooks makes one for each: give a folder with -o",
                "-o - 只能把一个 .kpi 文件写到标准输出，一个文件夹的工作簿每个都要写一个：请用 -o 指定一个文件夹",
            );
            return ExitCode::from(2);
        }
        return import_folder(file, output, &options, lang);
    }
    // `-o -`: standard output, as without -o.
    let output = output.filter(|p| !super::is_dash(p));
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return io_error("read", file, e, lang),
    };
    let imported = match crate::import::import(&bytes, &file.display().to_string(), &options) {
        Ok(t) => t,
        Err(diags) => {
            eprint!("{}", xlsx::render_plain(&diags, lang));
            return ExitCode::from(1);
        }
    };
    eprint!("{}", xlsx::render_plain(&imported.problems, lang));
    let done = if imported.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    let text = imported.text;
    match output {
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            done
        }
        Some(path) => match crate::output::write_atomic(path, text.as_bytes()) {
            Ok(()) => done,
            Err(e) => io_error("write", path, e, lang),
        },
    }
}

/// Every `.xlsx` of a folder (sorted; not its subfolders, not Excel's `~$` lock files), each
/// to `<name>.kpi` in `output` (default: the same folder). Prints each path written.
fn import_folder(
    dir: &Path,
    output: Option<&Path>,
    options: &crate::fmt::Options,
    lang: Lang,
) -> ExitCode {
    let mut books: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && crate::filing::is_workbook(p)
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("~$"))
            })
            .collect(),
        Err(e) => return io_error("read", dir, e, lang),
    };
    books.sort();
    let out_dir = output.unwrap_or(dir);
    if let Err(e) = std::fs::create_dir_all(out_dir) {
        return io_error("write", out_dir, e, lang);
    }
    let mut code = ExitCode::SUCCESS;
    for book in &books {
        let bytes = match std::fs::read(book) {
            Ok(b) => b,
            Err(e) => return io_error("read", book, e, lang),
        };
        match crate::import::import(&bytes, &book.display().to_string(), options) {
            Ok(imported) => {
                eprint!("{}", xlsx::render_plain(&imported.problems, lang));
                if !imported.problems.is_empty() {
                    code = ExitCode::from(1);
                }
                let stem = book.file_stem().unwrap_or_default();
                let path = out_dir.join(stem).with_extension("kpi");
                if let Err(e) = crate::output::write_atomic(&path, imported.text.as_bytes()) {
                    return io_error("write", &path, e, lang);
                }
                println!("{}", path.display());
            }
            Err(diags) => {
                eprint!("{}", xlsx::render_plain(&diags, lang));
                code = ExitCode::from(1);
            }
        }
    }
    code
}
