//! The command line in the user's language (界面语言): `--help` and the command line's own
//! errors follow `--lang` (then KPI_LANG, kpi.toml `lang`, the locale), like the diagnostics do. clap prints its help
//! from the `Command`; in Chinese, the headings, the about texts and the options' help are
//! replaced before it parses, and clap's usage errors (a missing argument, an unknown command,
//! option or value) are worded in Chinese too.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::diag::Lang;

/// The language for `--help` and usage errors, before the arguments are parsed: `--lang zh`
/// or `--lang=en` on the command line, else `KPI_LANG`, else `lang` in the kpi.toml of the
/// current folder (or one above), else the locale. (Once parsed, a command looks for kpi.toml
/// from its own paths: `cli::run`.)
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
    Lang::from_kpi_lang()
        .or_else(|| crate::config::lang(&[], None))
        .unwrap_or_else(Lang::from_locale)
}

/// Chinese about texts and option help, by (subcommand, argument id); "" is the top level.
const ZH: &[(&str, &str, &str)] = &[
    ("", "", "kpi —— 预算绩效目标表的检查与编译工具"),
    ("", "lang", "提示信息的语言：zh 或 en（默认依次取 KPI_LANG、kpi.toml 的 lang、系统区域设置 LC_ALL / LANG，Windows 上取系统显示语言；都没有时为英文）"),
    ("", "jobs", "检查和编译使用的线程数（默认：每个处理器核心一个）；线程数不影响输出"),
    ("check", "", "检查表单，报告发现的每个问题"),
    ("check", "paths", ".kpi 文件或文件夹（一个文件夹是一份申报材料：其下所有 .kpi 文件）"),
    ("check", "format", "报告格式"),
    ("check", "deny", "`--deny warnings`：有警告也以 1 退出"),
    ("check", "config", "配置文件（默认：按统一规则查找最近的 kpi.toml）"),
    ("check", "fix", "对文件应用可安全修复的建议（全角标点等），说明改了什么，再检查修复后的文件"),
    ("check", "output", "把报告写入此文件，而不是标准输出（html 格式时应使用）"),
    ("check", "watch", "持续运行：路径下的 .kpi 文件、kpi.toml 或 .xlsx 一有改动就重新检查（适合没有语言服务器的编辑器）；按 Ctrl-C 退出"),
    ("init", "", "新建一份申报材料：kpi.toml、一张部门整体支出表和一张项目支出表，照着填写即可"),
    ("init", "dir", "文件夹（默认：当前文件夹；不存在时自动创建）"),
    ("init", "profile", "本地模板对应的配置方案：generic、lhasa-2023、central-2021，或 .toml 文件（见 docs/profiles.md）"),
    ("init", "year", "预算年度（默认：明年）"),
    ("explain", "", "说明一条规则：检查什么、为什么、示例、如何修改"),
    ("explain", "code", "规则代码，如 K0301（不写代码时列出全部代码）"),
    ("explain", "all", "全部规则"),
    ("explain", "markdown", "Markdown 格式（中英双语），即 docs/rules.md"),
    ("build", "", "把表单编译为其他格式"),
    ("build", "paths", ".kpi 文件或文件夹"),
    ("build", "to", "输出格式"),
    ("build", "output", "输出文件（默认：标准输出）；xlsx 时为文件夹或 .xlsx 文件（默认：当前文件夹）"),
    ("build", "template", "xlsx：要填写的模板工作簿（默认：内置表样）"),
    ("build", "split", "xlsx：每张表一个工作簿，而不是每份申报材料一个"),
    ("import", "", "把 xlsx 工作簿中的表读回 .kpi 文本"),
    ("import", "file", ".xlsx 工作簿，或装有工作簿的文件夹"),
    ("import", "output", "输出的 .kpi 文件（默认：标准输出）；读文件夹时为输出文件夹（默认：工作簿所在文件夹）"),
    ("import", "keywords", ".kpi 文本的关键字语言：zh（中文）或 en（英文，默认）"),
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

/// Chinese help of the values an option takes, by (argument id, value).
const ZH_VALUES: &[(&str, &str, &str)] = &[
    ("format", "human", "按文件分组的完整提示，附各类问题的汇总"),
    (
        "format",
        "short",
        "每个问题一行：路径:行:列: 级别[代码] 说明",
    ),
    ("format", "json", "JSON，见 docs/reports.md"),
    ("format", "sarif", "SARIF 2.1.0，供代码扫描工具使用"),
    ("format", "markdown", "Markdown 格式的审核意见"),
    (
        "format",
        "html",
        "自包含的 HTML 审核报告（含图表，可打印），与 -o 一起使用",
    ),
    (
        "format",
        "gitlab",
        "GitLab 代码质量报告（JSON），见 docs/ci.md",
    ),
    ("deny", "warnings", "有警告也算不通过"),
    ("to", "json", "申报材料的 JSON，见 docs/json.md"),
    ("to", "schema", "JSON 输出的 JSON Schema"),
    (
        "to",
        "xlsx",
        "按模板填好的正式表样工作簿（见 docs/templates.md）",
    ),
    ("keywords", "keep", "保持原样"),
    ("keywords", "zh", "全部中文"),
    ("keywords", "en", "全部英文"),
    ("lang", "zh", "中文"),
    ("lang", "en", "英文"),
];

/// Chinese names of the values options and arguments take (`<PATHS>` → `<路径>`), by id.
const ZH_VALUE_NAMES: &[(&str, &str)] = &[
    ("paths", "路径"),
    ("format", "格式"),
    ("deny", "类别"),
    ("config", "文件"),
    ("to", "格式"),
    ("output", "输出"),
    ("template", "模板.xlsx"),
    ("code", "代码"),
    ("file", "工作簿.xlsx"),
    ("dir", "文件夹"),
    ("profile", "配置方案"),
    ("year", "年度"),
    ("keywords", "语言"),
    ("lang", "语言"),
];

/// The examples after each subcommand's help, in Chinese.
const ZH_EXAMPLES: &[(&str, &str)] = &[
    ("check", "\
示例：
  kpi check examples/lhasa-kjj-2023        检查整份申报材料（文件夹下所有 .kpi 文件）
  kpi check examples/quickstart.kpi        检查一个文件
  kpi check --lang zh forms/               中文提示（默认依次取 KPI_LANG、kpi.toml 的 lang、系统语言）
  kpi check forms/ --format short          每个问题一行：路径:行:列: 级别[代码] 说明
  kpi check forms/ --format sarif > r.sarif  SARIF 2.1.0，供代码扫描工具使用
  kpi check forms/ --format markdown       审核意见，可直接粘贴到回复中
  kpi check forms/ --deny warnings         有警告也以 1 退出
  kpi check --fix forms/                   先应用安全修复（全角“；”→“;”等），再检查
  kpi check --watch forms/                 .kpi 文件或 kpi.toml 一有改动就重新检查（按 Ctrl-C 退出）

配置：所检查文件夹中的 kpi.toml（预算年度、配置方案、阈值、各规则的级别、提示语言）。
退出码：0 没有错误，1 有错误（或用 --deny warnings 时有警告），2 用法或读写问题。"),
    ("explain", "\
示例：
  kpi explain                         列出全部代码及一句话说明，按类别分组
  kpi explain K0301                   K0301 检查什么、为什么、示例、如何修改
  kpi explain K0301 --lang zh         用中文说明
  kpi explain --all                   全部规则
  kpi explain --all --markdown        规则说明文档（docs/rules.md）"),
    ("init", "\
示例：
  kpi init 我的申报材料                 在“我的申报材料”文件夹中新建
  kpi init --lang zh                    在当前文件夹新建，表单和注释用中文
  kpi init forms --profile lhasa-2023   使用本地模板的配置方案（见 docs/profiles.md）

写出 kpi.toml、00-department.kpi 和 01-project.kpi；其中任何一个已存在时不写任何文件。
对这些文件运行 `kpi check`，只会提示还需填写的“XX”（K0601）。"),
    ("build", "\
示例：
  kpi build examples/lhasa-kjj-2023 --to json              JSON 输出到标准输出
  kpi build examples/lhasa-kjj-2023 --to json -o out.json  JSON 写入文件
  kpi build --to schema                                    JSON 输出的 JSON Schema
  kpi build examples/lhasa-kjj-2023 --to xlsx -o out/      一个工作簿，每张表一个工作表
  kpi build examples/lhasa-kjj-2023 --to xlsx --split -o out/   每张表一个工作簿
  kpi build forms/ --to xlsx --template mine.xlsx -o out/  填写自己的模板（见 docs/templates.md）

退出码：0 已写出，1 未写出（有语句无法读取：请改正所示错误），2 用法或读写问题。
不丢失内容的错误（如成本写成百分比，K0202）会显示，但不妨碍编译：判断表单对错是
`kpi check` 的事，以它的退出码为准。"),
    ("import", "\
示例：
  kpi import forms.xlsx                 .kpi 文本输出到标准输出
  kpi import forms.xlsx -o forms.kpi    写入文件
  kpi import --keywords zh forms.xlsx   用中文关键字（项目、预算……）
  kpi import filings/ -o kpi/           读取文件夹中的每个工作簿，各写一个 .kpi 文件"),
    ("completions", "\
示例：
  source <(kpi completions bash)                         只在当前 shell 中生效
  kpi completions bash > ~/.local/share/bash-completion/completions/kpi
  kpi completions zsh > ~/.zfunc/_kpi                    （在 ~/.zshrc 中加上 fpath+=~/.zfunc）
  kpi completions fish > ~/.config/fish/completions/kpi.fish
  kpi completions powershell >> $PROFILE

.deb 安装包已经装好 bash、zsh 和 fish 的补全脚本（见 docs/install.md）。"),
    ("man", "\
示例：
  kpi man | man -l -                           直接阅读
  kpi man > ~/.local/share/man/man1/kpi.1      安装后可用 `man kpi` 阅读

.deb 安装包已经装好手册页（见 docs/install.md）。"),
    ("lsp", "\
示例：
  kpi lsp                  通过标准输入输出为编辑器提供服务
  kpi lsp --lang zh        中文提示

Neovim、Helix、Emacs、Vim 和 VS Code 的设置见 docs/editors.md。"),
    ("score", "\
示例：
  kpi score examples/self-evaluation/hubei-huangshi-2022-sponge-city-application
  kpi score forms/ --lang zh        中文得分表

评分规则取自 kpi.toml 的 `scoring`（默认 national-2020；见 docs/scoring.md）。
自评得分与计算得分不一致之处由 `kpi check` 报告（规则 K13xx）。"),
    ("fmt", "\
示例：
  kpi fmt examples                 就地改写文件夹下所有 .kpi 文件
  kpi fmt --check forms/           有文件格式不统一时打印差异并以 1 退出
  kpi fmt - < form.kpi             格式化标准输入，写到标准输出
  kpi fmt --keywords zh form.kpi   同时把关键字全部写成中文"),
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
            let a = match ZH_VALUE_NAMES
                .iter()
                .find(|(id, _)| *id == a.get_id().as_str())
            {
                Some((_, zh)) if a.get_action().takes_values() => a.value_name(*zh),
                _ => a,
            };
            let a = match ZH
                .iter()
                .find(|(c, id, _)| *c == name && *id == a.get_id().as_str())
            {
                Some((_, _, zh)) => a.help(*zh),
                None => a,
            };
            zh_values(a)
        });
    if let Some((_, _, about)) = ZH.iter().find(|(c, id, _)| *c == name && id.is_empty()) {
        cmd = cmd.about(*about);
    }
    if let Some((_, text)) = ZH_EXAMPLES.iter().find(|(c, _)| *c == name) {
        cmd = cmd.after_help(*text);
    }
    cmd
}

/// An option's values and default in Chinese: clap words them in English ("[default: …]",
/// "[possible values: …]", "Possible values:"), so they are hidden and written into the help.
fn zh_values(a: Arg) -> Arg {
    // Flags (`--fix`) have the values true and false to clap, and no value to the user.
    if !a.get_action().takes_values() {
        return a;
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| {
            let name = v.get_name();
            match ZH_VALUES
                .iter()
                .find(|(id, value, _)| *id == a.get_id().as_str() && *value == name)
            {
                Some((_, _, zh)) => format!("{name}（{zh}）"),
                None => name.to_string(),
            }
        })
        .collect();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().to_string())
        .collect();
    if values.is_empty() && defaults.is_empty() {
        return a;
    }
    let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    if !values.is_empty() && a.get_id() != "lang" {
        help.push_str(&format!("\n可选值：{}", values.join("；")));
    }
    if !defaults.is_empty() {
        help.push_str(&format!("\n默认：{}", defaults.join("、")));
    }
    a.help(help)
        .hide_possible_values(true)
        .hide_default_value(true)
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
    for name in &names {
        cmd = cmd.mut_subcommand(name, |s| translate(s, name));
    }
    let cmd = cmd.disable_help_subcommand(true);
    // clap writes `[OPTIONS]` and `<COMMAND>` in usage lines itself: each usage is rendered
    // once from a built copy and given back in Chinese.
    let mut built = cmd.clone();
    built.build();
    let zh_usage = |c: &mut Command| {
        let usage = c.render_usage().to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
        usage
            .replace("[OPTIONS]", "[选项]")
            .replace("<COMMAND>", "<命令>")
    };
    let top = zh_usage(&mut built);
    let mut cmd = cmd.override_usage(top);
    for name in &names {
        if let Some(sub) = built.find_subcommand_mut(name) {
            let usage = zh_usage(sub);
            cmd = cmd.mut_subcommand(name, |s| s.override_usage(usage));
        }
    }
    cmd
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
