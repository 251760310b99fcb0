//! The command line in the user's language (界面语言): `--help` and the command line's own
//! errors follow `--lang` (or LC_ALL / LANG), like the diagnostics do. clap prints its help
//! from the `Command`; in Chinese, the headings, the about texts and the options' help are
//! replaced before it parses, and clap's usage errors (a missing argument, an unknown command,
//! option or value) are worded in Chinese too.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::diag::Lang;

/// The language asked for on the command line (`--lang zh`, `--lang=en`), else the
/// environment's.
pub fn from_args(args: &[String]) -> Lang {
    let mut iter = args.iter();
    while let Some(a) = iter.next() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => iter.next().cloned(),
            None => None,
        };
        match value.as_deref() {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_env()
}

/// Chinese about texts and option help, by (subcommand, argument id); "" is the top level.
const ZH: &[(&str, &str, &str)] = &[
    ("", "", "kpi —— 预算绩效目标表的检查与编译工具"),
    ("", "lang", "提示信息的语言：zh 或 en（默认取自 KPI_LANG，其次 LC_ALL / LANG，未设置时为英文）"),
    ("", "jobs", "检查和编译使用的线程数（默认：每个处理器核心一个）；线程数不影响输出"),
    ("check", "", "检查表单，报告发现的每个问题"),
    ("check", "paths", ".kpi 文件或文件夹（一个文件夹是一份申报材料：其下所有 .kpi 文件）"),
    ("check", "format", "报告格式"),
    ("check", "deny", "`--deny warnings`：有警告也以 1 退出"),
    ("check", "config", "配置文件（默认：按统一规则查找最近的 kpi.toml）"),
    ("check", "fix", "对文件应用可安全修复的建议（全角标点等），说明改了什么，再检查修复后的文件"),
    ("explain", "", "说明一条规则：检查什么、为什么、示例、如何修改"),
    ("explain", "code", "规则代码，如 K0301"),
    ("explain", "all", "全部规则"),
    ("explain", "markdown", "Markdown 格式（中英双语），即 docs/rules.md"),
    ("build", "", "把表单编译为其他格式"),
    ("build", "paths", ".kpi 文件或文件夹"),
    ("build", "to", "输出格式"),
    ("build", "output", "输出文件（默认：标准输出）；xlsx 时为文件夹或 .xlsx 文件（默认：当前文件夹）"),
    ("build", "template", "xlsx：要填写的模板工作簿（默认：内置表样）"),
    ("build", "split", "xlsx：每张表一个工作簿，而不是每份申报材料一个"),
    ("import", "", "把 xlsx 工作簿中的表读回 .kpi 文本"),
    ("import", "file", ".xlsx 工作簿"),
    ("import", "output", "输出的 .kpi 文件（默认：标准输出）"),
    ("lsp", "", "在标准输入输出上运行语言服务器"),
    ("lsp", "stdio", "接受但忽略：只支持标准输入输出（vscode-languageclient 等客户端会传入）"),
    ("score", "", "打印每张自评表的得分表（计算得分与自评得分并列）"),
    ("score", "paths", ".kpi 文件或文件夹（一个文件夹是一份申报材料）"),
    ("score", "config", "配置文件（默认：按统一规则查找最近的 kpi.toml）"),
    ("fmt", "", "按统一格式改写文件"),
    ("fmt", "paths", ".kpi 文件或文件夹；`-` 从标准输入读取并写到标准输出"),
    ("fmt", "check", "不改动文件：打印将要改动之处的差异，有改动时以 1 退出"),
    ("fmt", "keywords", "关键字语言：保持原样，或全部中文 / 全部英文（默认：最近 kpi.toml 的 `[fmt] keywords`，否则保持）"),
    ("completions", "", "打印 bash、zsh、fish、elvish 或 PowerShell 的命令补全脚本"),
    ("completions", "shell", "哪种 shell"),
    ("man", "", "在标准输出上打印手册页（roff 格式）"),
];

const TEMPLATE_ZH: &str =
    "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

fn translate(cmd: Command, name: &str) -> Command {
    // clap adds -h/--help itself, in English: replaced by the same flag with Chinese help.
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help("显示帮助")
        .help_heading("选项");
    let mut cmd = cmd
        .disable_help_flag(true)
        .arg(help)
        .help_template(TEMPLATE_ZH)
        .subcommand_help_heading("命令")
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            let a = a.help_heading(heading);
            match ZH
                .iter()
                .find(|(c, id, _)| *c == name && *id == a.get_id().as_str())
            {
                Some((_, _, zh)) => a.help(*zh),
                None => a,
            }
        });
    if let Some((_, _, about)) = ZH.iter().find(|(c, id, _)| *c == name && id.is_empty()) {
        cmd = cmd.about(*about);
    }
    cmd
}

/// The command line's definition in a language.
pub fn command(lang: Lang) -> Command {
    let cmd = Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help("显示版本")
        .help_heading("选项");
    let mut cmd = translate(cmd, "").disable_version_flag(true).arg(version);
    for name in names {
        cmd = cmd.mut_subcommand(&name, |s| translate(s, &name));
    }
    cmd.disable_help_subcommand(true)
}

/// Parses the arguments with help and errors in the user's language; exits on `--help`,
/// `--version` and usage errors as clap does.
pub fn parse(args: Vec<String>) -> Cli {
    let lang = from_args(&args);
    let matches: ArgMatches = match command(lang).try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => exit(e, lang),
    };
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => exit(e, lang),
    }
}

/// Prints a usage error in the user's language and exits as clap does (2; 0 for help and
/// version, which clap prints itself).
fn exit(e: clap::Error, lang: Lang) -> ! {
    let shown = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if lang == Lang::En || shown {
        e.exit()
    }
    eprintln!("{}", zh_error(&e));
    std::process::exit(2)
}

/// A clap usage error in Chinese: what is wrong, the suggestion clap has, the usage line.
fn zh_error(e: &clap::Error) -> String {
    let text = |kind: ContextKind| -> String {
        match e.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join("、"),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
            _ => String::new(),
        }
    };
    let arg = text(ContextKind::InvalidArg);
    let mut out = match e.kind() {
        ErrorKind::MissingRequiredArgument => format!("错误：缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "错误：缺少命令（check、build、fmt……）".to_string(),
        ErrorKind::InvalidSubcommand => format!(
            "错误：没有“{}”这个命令",
            text(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => format!("错误：不认识的参数“{arg}”"),
        ErrorKind::InvalidValue => format!(
            "错误：“{}”不是 {arg} 可用的值；可用：{}",
            text(ContextKind::InvalidValue),
            text(ContextKind::ValidValue)
        ),
        ErrorKind::ArgumentConflict => format!(
            "错误：参数 {arg} 不能与 {} 同时使用",
            text(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => {
            format!("错误：参数 {arg} 给得太多")
        }
        ErrorKind::ValueValidation => format!(
            "错误：参数 {arg} 的值“{}”无效",
            text(ContextKind::InvalidValue)
        ),
        // Kinds without a translation keep clap's wording, after a Chinese lead.
        _ => format!("错误：命令行有误：{}", e.render().to_string().trim_end()),
    };
    let suggestion = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg]
        .into_iter()
        .map(text)
        .find(|s| !s.is_empty());
    if let Some(s) = suggestion {
        out.push_str(&format!("\n\n  提示：是不是要用“{s}”？"));
    }
    let usage = text(ContextKind::Usage);
    if let Some(u) = usage
        .strip_prefix("Usage: ")
        .or(usage.strip_prefix("用法："))
    {
        out.push_str(&format!("\n\n用法：{u}"));
    } else if !usage.is_empty() {
        out.push_str(&format!("\n\n{usage}"));
    }
    out.push_str("\n\n更多信息请用 --help。");
    out
}
