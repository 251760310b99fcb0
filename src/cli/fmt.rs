//! `kpi fmt`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{emit_stdout, KeywordsArg};
use crate::diag::{self, Diagnostic, Lang};
use crate::filing;
use crate::fmt;

pub(super) fn fmt_cmd(
    paths: &[PathBuf],
    check: bool,
    keywords: Option<KeywordsArg>,
    lang: Lang,
) -> ExitCode {
    let options_for = |dir: &std::path::Path| -> Result<fmt::Options, ExitCode> {
        let mut options = fmt::options_for(dir).map_err(|e| {
            super::error(lang, e.to_string(), e.to_string());
            ExitCode::from(2)
        })?;
        if let Some(k) = keywords {
            options.keywords = match k {
                KeywordsArg::Keep => fmt::KeywordStyle::Keep,
                KeywordsArg::Zh => fmt::KeywordStyle::Zh,
                KeywordsArg::En => fmt::KeywordStyle::En,
            };
        }
        Ok(options)
    };
    let mut code = ExitCode::SUCCESS;
    for path in paths {
        if super::is_dash(path) {
            let mut text = String::new();
            if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
                super::error(
                    lang,
                    format!("cannot read standard input: {e}"),
                    format!("无法读取标准输入：{e}"),
                );
                return ExitCode::from(2);
            }
            let options = match options_for(std::path::Path::new(".")) {
                Ok(o) => o,
                Err(c) => return c,
            };
            match fmt::format_text(&text, &options) {
                Ok(out) if check => {
                    let diff = fmt::unified_diff("<stdin>", &text, &out);
                    if !diff.is_empty() {
                        emit_stdout(&diff);
                        code = ExitCode::from(1);
                    }
                }
                Ok(out) => emit_stdout(&out),
                Err(diags) => {
                    print_fmt_errors("<stdin>", &text, &diags, lang);
                    // Unformattable input passes through unchanged (editors replace the buffer).
                    if !check {
                        emit_stdout(&text);
                    }
                    code = ExitCode::from(1);
                }
            }
            continue;
        }
        let files = match filing::expand(std::slice::from_ref(path)) {
            Ok(f) => f,
            Err(e) => {
                super::error(lang, e.to_string(), e.to_string());
                return ExitCode::from(2);
            }
        };
        for file in files {
            let name = file.display().to_string();
            let (text, encoding) = match filing::read_text(&file) {
                Ok(t) => t,
                Err(e) => {
                    super::error(lang, e.to_string(), e.to_string());
                    return ExitCode::from(2);
                }
            };
            // A GB18030 file is rewritten as UTF-8 even when its layout is already canonical.
            let reencode = encoding == crate::source::Encoding::Gb18030;
            let dir = file.parent().unwrap_or(std::path::Path::new("."));
            let dir = if dir.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                dir
            };
            let options = match options_for(dir) {
                Ok(o) => o,
                Err(c) => return c,
            };
            match fmt::format_text(&text, &options) {
                Ok(out) if out == text && !reencode => {}
                Ok(out) if check => {
                    if reencode {
                        match lang {
                            Lang::En => eprintln!(
                                "{name}: saved in GB18030/GBK; `kpi fmt` re-saves it as UTF-8"
                            ),
                            Lang::Zh => {
                                eprintln!("{name}：以 GB18030/GBK 保存；`kpi fmt` 会另存为 UTF-8")
                            }
                        }
                    }
                    emit_stdout(&fmt::unified_diff(&name, &text, &out));
                    code = ExitCode::from(1);
                }
                Ok(out) => {
                    // Through a symlink, rewrite the file it points to, not the link.
                    let target = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
                    if let Err(e) = crate::output::write_atomic(&target, out.as_bytes()) {
                        super::error(
                            lang,
                            format!("cannot write {name}: {e}"),
                            format!("无法写入 {name}：{e}"),
                        );
                        return ExitCode::from(2);
                    }
                    match lang {
                        Lang::En => eprintln!("formatted {name}"),
                        Lang::Zh => eprintln!("已格式化 {name}"),
                    }
                }
                Err(diags) => {
                    print_fmt_errors(&name, &text, &diags, lang);
                    code = ExitCode::from(1);
                }
            }
        }
    }
    code
}

/// Syntax errors of a file `kpi fmt` leaves alone, on standard error.
fn print_fmt_errors(name: &str, text: &str, diags: &[Diagnostic], lang: Lang) {
    let mut sources = diag::Sources::default();
    sources.add(crate::source::SourceFile::new(name, text));
    eprint!("{}", diag::render(diags, &sources, lang));
    match lang {
        Lang::En => eprintln!("{name}: not formatted: fix the syntax errors first"),
        Lang::Zh => eprintln!("{name}：存在语法错误，未格式化，请先修正"),
    }
}
