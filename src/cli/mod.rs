//! The command line (clap): parses arguments and calls the library, one file per command
//! (`check.rs` with `explain`, `build.rs`, `import.rs`, `fmt.rs`). Exit codes: 0 no errors
//! (warnings allowed), 1 errors found, 2 usage or I/O problems.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::report;
use crate::diag::{self, Diagnostic, Lang};
use crate::filing::{self, Loaded};

mod build;
mod check;
mod fix;
mod fmt;
pub mod init;
mod install;
pub mod lang;
mod score;
mod watch;
mod xlsx;

const CHECK_EXAMPLES: &str = "\
Examples:
  kpi check examples/lhasa-kjj-2023        check a whole filing (every .kpi under the folder)
  kpi check examples/quickstart.kpi        check one file
  kpi check --lang zh forms/               messages in Chinese (default: from LANG / LC_ALL)
  kpi check forms/ --format short          one line per finding: path:line:col: severity[CODE] message
  kpi check forms/ --format sarif > r.sarif  SARIF 2.1.0 for code-scanning tools
  kpi check forms/ --format markdown       a review memo to paste into a reply
  kpi check forms/ --format gitlab > gl-code-quality.json  GitLab Code Quality (docs/ci.md)
  kpi check forms/ --deny warnings         exit 1 on warnings too
  kpi check --fix forms/                   apply the safe fixes (full-width `；` → `;` …), then check
  kpi check --watch forms/                 check again whenever a .kpi file or kpi.toml changes (Ctrl-C stops)

Configuration: kpi.toml in the folder checked (budget year, profile, thresholds, per-rule levels).
Exit codes: 0 no errors, 1 errors (or warnings with --deny warnings), 2 usage or I/O problems.";

const EXPLAIN_EXAMPLES: &str = "\
Examples:
  kpi explain                         every code with its one-line summary, by family
  kpi explain K0301                   what K0301 checks, why, an example, how to fix
  kpi explain K0301 --lang zh         in Chinese
  kpi explain --all                   every rule
  kpi explain --all --markdown        the rules reference (docs/rules.md)";

const INIT_EXAMPLES: &str = "\
Examples:
  kpi init my-filing                    a new filing in the folder my-filing
  kpi init --lang zh                    in the current folder, forms and comments in Chinese
  kpi init forms --profile lhasa-2023   with the profile of your region's template (docs/profiles.md)

Writes kpi.toml, 00-department.kpi and 01-project.kpi; refuses when any of them exists.
`kpi check` on them reports only the `XX` placeholders still to fill in (K0601).";

const BUILD_EXAMPLES: &str = "\
Examples:
  kpi build examples/lhasa-kjj-2023 --to json              JSON on standard output
  kpi build examples/lhasa-kjj-2023 --to json -o out.json  JSON written to a file
  kpi build --to schema                                    the JSON Schema of the JSON output
  kpi build examples/lhasa-kjj-2023 --to xlsx -o out/      one workbook, a sheet per form
  kpi build examples/lhasa-kjj-2023 --to xlsx --split -o out/   one workbook per form
  kpi build forms/ --to xlsx --template mine.xlsx -o out/  fill your own template (docs/templates.md)

Exit codes: 0 the output was written, 1 it was not (a statement could not be read: fix the
errors shown), 2 usage or I/O problems. An error that loses nothing (a cost in %, K0202) is
shown but does not stop the build: judging the forms is `kpi check`'s job, and its exit code.";

const IMPORT_EXAMPLES: &str = "\
Examples:
  kpi import forms.xlsx                 .kpi text on standard output
  kpi import forms.xlsx -o forms.kpi    written to a file
  kpi import --keywords zh forms.xlsx   with Chinese keywords (项目, 预算 …)
  kpi import filings/ -o kpi/           every workbook of a folder, one .kpi file each";

const LSP_EXAMPLES: &str = "\
Examples:
  kpi lsp                  serve an editor over standard input and output
  kpi lsp --lang zh        messages in Chinese (default: from LC_ALL / LANG)

Set-up for Neovim, Helix, Emacs, Vim and VS Code: docs/editors.md.";

const SCORE_EXAMPLES: &str = "\
Examples:
  kpi score examples/self-evaluation/hubei-huangshi-2022-sponge-city-application
  kpi score forms/ --lang zh        the table in Chinese

The scoring profile is kpi.toml's `scoring` (default national-2020; docs/scoring.md).
`kpi check` reports where the claimed scores differ (rules K13xx).";

const FMT_EXAMPLES: &str = "\
Examples:
  kpi fmt examples                 rewrite every .kpi file under the folder in place
  kpi fmt --check forms/           print a diff and exit 1 if any file is not formatted
  kpi fmt - < form.kpi             format standard input to standard output
  kpi fmt --keywords zh form.kpi   also write every keyword in Chinese";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  source <(kpi completions bash)                         this shell only
  kpi completions bash > ~/.local/share/bash-completion/completions/kpi
  kpi completions zsh > ~/.zfunc/_kpi                    (fpath+=~/.zfunc in ~/.zshrc)
  kpi completions fish > ~/.config/fish/completions/kpi.fish
  kpi completions powershell >> $PROFILE

The .deb installs the bash, zsh and fish scripts already (docs/install.md).";

const MAN_EXAMPLES: &str = "\
Examples:
  kpi man | man -l -                           read it now
  kpi man > ~/.local/share/man/man1/kpi.1      install it for `man kpi`

The .deb installs it already (docs/install.md).";

/// kpi — checks and compiles budget performance-target forms (预算绩效目标表).
#[derive(Debug, Parser)]
#[command(name = "kpi", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages: zh or en (default: KPI_LANG, else kpi.toml `lang`, else the
    /// locale — LC_ALL / LANG, on Windows the display language; English when unset).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// How many threads check and build use (default: one per core). The output is the same
    /// for any number.
    #[arg(long, short = 'j', global = true, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
    #[command(subcommand)]
    pub command: Command,
}

/// `--lang` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check forms and report every problem found (检查).
    #[command(after_help = CHECK_EXAMPLES)]
    Check {
        /// .kpi files or folders (a folder is one filing: every .kpi file under it).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
        /// `--deny warnings`: warnings fail the run (exit 1) too.
        #[arg(long, value_enum)]
        deny: Option<DenyArg>,
        /// The configuration file (default: kpi.toml in the folder checked).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Apply the safe fixes the findings propose (full-width punctuation …) to the files,
        /// say what changed, then check the fixed files.
        #[arg(long)]
        fix: bool,
        /// Write the report to this file instead of standard output (`-`: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Keep running: check again whenever a .kpi file, kpi.toml or .xlsx under the paths
        /// changes (for editors without the language server). Ctrl-C stops.
        #[arg(long)]
        watch: bool,
    },
    /// Start a filing: kpi.toml, a department form and a project form to fill in (新建).
    #[command(after_help = INIT_EXAMPLES)]
    Init {
        /// The folder (default: the current folder; created when missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The profile of your region's template: generic, lhasa-2023, central-2021, or a
        /// .toml file (docs/profiles.md).
        #[arg(long, default_value = "generic")]
        profile: String,
        /// The budget year (default: next year).
        #[arg(long)]
        year: Option<i32>,
    },
    /// Explain a rule: what it checks, why, an example, how to fix (规则说明).
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain {
        /// The rule's code, e.g. K0301 (without one: the list of every code).
        code: Option<String>,
        /// Every rule.
        #[arg(long)]
        all: bool,
        /// Markdown (both languages), as in docs/rules.md.
        #[arg(long)]
        markdown: bool,
    },
    /// Compile forms to another format (编译).
    #[command(after_help = BUILD_EXAMPLES)]
    Build {
        /// .kpi files or folders.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum)]
        to: Target,
        /// Output file (default and `-`: standard output); for xlsx, a directory or an .xlsx
        /// file (default: the current directory; `-`: the one workbook on standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// xlsx: the template workbook to fill (default: the built-in forms).
        #[arg(long, value_name = "FILE.xlsx")]
        template: Option<PathBuf>,
        /// xlsx: one workbook per form instead of one per filing.
        #[arg(long)]
        split: bool,
    },
    /// Read forms back from an xlsx workbook into .kpi text (导入).
    #[command(after_help = IMPORT_EXAMPLES)]
    Import {
        /// The .xlsx workbook, or a folder of workbooks (each written to a .kpi file).
        file: PathBuf,
        /// Output .kpi file (default and `-`: standard output); for a folder, the folder the
        /// .kpi files are written to (default: the workbooks' folder).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Keyword language of the .kpi text: zh or en (default: en).
        #[arg(long, value_enum)]
        keywords: Option<KeywordsArg>,
    },
    /// Run the language server on standard input and output (语言服务器).
    #[command(after_help = LSP_EXAMPLES)]
    Lsp {
        /// Accepted and ignored: standard input and output is the only transport (clients
        /// such as vscode-languageclient pass it).
        #[arg(long)]
        stdio: bool,
    },
    /// Print the score table of every self-evaluation form (自评得分).
    #[command(after_help = SCORE_EXAMPLES)]
    Score {
        /// .kpi files or folders (a folder is one filing).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The configuration file (default: kpi.toml in the folder scored).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Rewrite files in the canonical layout (格式化).
    #[command(after_help = FMT_EXAMPLES)]
    Fmt {
        /// .kpi files or folders; `-` reads standard input and writes standard output.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Change nothing: print a diff of what would change, exit 1 if anything would.
        #[arg(long)]
        check: bool,
        /// Keyword language: keep each as written, or all zh / all en (default: `[fmt]
        /// keywords` in the nearest kpi.toml, else keep).
        #[arg(long, value_enum)]
        keywords: Option<KeywordsArg>,
    },
    /// Print the shell completion script for bash, zsh, fish, elvish or PowerShell (命令补全).
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: install::Shell,
    },
    /// Print the manual page (roff) on standard output (手册页).
    #[command(after_help = MAN_EXAMPLES)]
    Man,
}

/// `--keywords` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KeywordsArg {
    Keep,
    Zh,
    En,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Rendered diagnostics grouped by file, with a summary per family.
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message`.
    Short,
    /// JSON (docs/reports.md).
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// A review memo in Markdown.
    Markdown,
    /// A self-contained HTML review report with charts (docs/reports.md); use with `-o`.
    Html,
    /// GitLab Code Quality JSON (`artifacts:reports:codequality`; docs/ci.md).
    Gitlab,
}

/// `--deny` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DenyArg {
    /// Warnings fail the run.
    Warnings,
}

/// `--to` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Target {
    /// The filing as JSON (docs/json.md).
    Json,
    /// The JSON Schema of the JSON output.
    Schema,
    /// Official-layout workbooks filled from templates (docs/templates.md).
    Xlsx,
}

/// Runs the command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let asked = cli.lang.map(|l| match l {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    });
    let lang = language(asked, &cli.command);
    if let Some(jobs) = cli.jobs {
        // Fails only if the pool was built already (never in the binary): then the default.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.get())
            .build_global();
    }
    match cli.command {
        Command::Check {
            paths,
            format,
            deny,
            config,
            fix,
            output,
            watch,
        } => {
            if watch {
                return watch::watch(&paths, format, config, fix, lang);
            }
            if fix {
                if let Err(code) = fix::apply(&paths, config.clone(), lang) {
                    return code;
                }
            }
            check::check(
                &paths,
                format,
                deny.is_some(),
                config,
                stdout_if_dash(output).as_deref(),
                lang,
                check::Run::Last,
            )
        }
        Command::Init { dir, profile, year } => init::init(&dir, Some(&profile), year, lang),
        Command::Explain {
            code,
            all,
            markdown,
        } => check::explain(code, all, markdown, lang),
        Command::Build {
            paths,
            to: Target::Xlsx,
            output,
            template,
            split,
        } => xlsx::build(&paths, output.as_deref(), template.as_deref(), split, lang),
        Command::Build {
            template, split, ..
        } if template.is_some() || split => {
            error(
                lang,
                "--template and --split apply to --to xlsx only",
                "--template 和 --split 只用于 --to xlsx",
            );
            ExitCode::from(2)
        }
        Command::Build {
            paths, to, output, ..
        } => build::build(&paths, to, stdout_if_dash(output), lang),
        Command::Score { paths, config } => score::score(&paths, config, lang),
        Command::Import {
            file,
            output,
            keywords,
        } => xlsx::import(&file, output.as_deref(), keywords, lang),
        Command::Fmt {
            paths,
            check,
            keywords,
        } => fmt::fmt_cmd(&paths, check, keywords, lang),
        Command::Completions { shell } => install::completions(shell),
        Command::Man => install::man(lang),
        Command::Lsp { stdio: _ } => match crate::lsp::run_stdio(asked) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                error(
                    lang,
                    format!("the language server stopped: {e}"),
                    format!("语言服务器异常退出：{e}"),
                );
                ExitCode::from(2)
            }
        },
    }
}

/// The language of messages (界面语言), first found: `--lang`, `KPI_LANG`, `lang` in the
/// command's kpi.toml (by the one search rule from its paths, else from the current folder),
/// the locale (on Windows the display language), English.
fn language(asked: Option<Lang>, command: &Command) -> Lang {
    if let Some(l) = asked {
        return l;
    }
    let (paths, config): (Vec<PathBuf>, Option<PathBuf>) = match command {
        Command::Check { paths, config, .. } | Command::Score { paths, config } => {
            (paths.clone(), config.clone())
        }
        Command::Build { paths, .. } => (paths.clone(), None),
        Command::Fmt { paths, .. } => (
            paths.iter().filter(|p| !is_dash(p)).cloned().collect(),
            None,
        ),
        Command::Import { file, .. } => (vec![file.clone()], None),
        Command::Init { dir, .. } => (vec![dir.clone()], None),
        Command::Explain { .. }
        | Command::Lsp { .. }
        | Command::Completions { .. }
        | Command::Man => (Vec::new(), None),
    };
    crate::config::language(&paths, config)
}

/// A progress bar on stderr for a batch of `len` filings: only when stderr is a terminal and
/// there is more than one, so that pipes, CI logs and tests see nothing.
pub(crate) fn progress(len: usize, lang: Lang) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if len < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let template = match lang {
        Lang::En => "{bar:40} {pos}/{len} filings {elapsed}",
        Lang::Zh => "{bar:40} {pos}/{len} 份申报材料 {elapsed}",
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    Some(bar)
}

/// `-o -` names standard output, as `-` does for `kpi fmt`: the same as giving no `-o`
/// (rather than a file called `-`).
fn stdout_if_dash(output: Option<PathBuf>) -> Option<PathBuf> {
    output.filter(|p| !is_dash(p))
}

/// Whether a path given on the command line is `-` (standard input or output).
pub(crate) fn is_dash(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// Prints a problem of the command line itself (not a finding) in the user's language, as
/// `error: …` or `错误：…`.
pub(crate) fn error(lang: Lang, en: impl AsRef<str>, zh: impl AsRef<str>) {
    match lang {
        Lang::En => eprintln!("error: {}", en.as_ref()),
        Lang::Zh => eprintln!("错误：{}", zh.as_ref()),
    }
}

pub(crate) fn load_or_exit(paths: &[PathBuf], lang: Lang) -> Result<Loaded, ExitCode> {
    // `[units]` of the filing's kpi.toml is needed while reading the forms.
    let units = match crate::config::find(paths, None) {
        Ok(Some(config)) => crate::config::units_of(&config),
        _ => Default::default(),
    };
    load_with_units_or_exit(paths, &units, lang)
}

pub(super) fn load_with_units_or_exit(
    paths: &[PathBuf],
    units: &crate::model::CustomUnits,
    lang: Lang,
) -> Result<Loaded, ExitCode> {
    filing::load_with_units(paths, units).map_err(|e| {
        let text = e.text();
        error(lang, &text.en, &text.zh);
        ExitCode::from(2)
    })
}

/// Loads a filing for `kpi build`: prints the lowering diagnostics, and stops (exit 1) when
/// one of them means the model does not say what the files say. Defects the forms really have
/// are `kpi check`'s to judge and do not stop a build.
pub(crate) fn load_for_build(paths: &[PathBuf], lang: Lang) -> Result<Loaded, ExitCode> {
    if paths.is_empty() {
        error(
            lang,
            "give the .kpi files or folders to build",
            "请给出要编译的 .kpi 文件或文件夹",
        );
        return Err(ExitCode::from(2));
    }
    let loaded = load_or_exit(paths, lang)?;
    if !loaded.diagnostics.is_empty() {
        eprint!(
            "{}",
            diag::render(&loaded.diagnostics, &loaded.sources, lang)
        );
    }
    if loaded.diagnostics.iter().any(Diagnostic::loses_data) {
        eprintln!(
            "{}",
            report::summary_line(&loaded.diagnostics, loaded.sources.files.len(), lang)
        );
        return Err(ExitCode::from(1));
    }
    if loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error)
    {
        // Say why the exit code is 0 after an error (see `kpi build --help`).
        eprintln!(
            "{}",
            match lang {
                Lang::En => "note: nothing was lost, so the output is written; the errors above are findings of `kpi check`, which exits 1 on them",
                Lang::Zh => "注：没有内容丢失，因此照常输出；以上错误属于 `kpi check` 的检查结果，`kpi check` 遇到它们会以 1 退出",
            }
        );
    }
    Ok(loaded)
}

/// Writes to standard output, ignoring a closed pipe (`kpi fmt --check | head`).
pub(super) fn emit_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
