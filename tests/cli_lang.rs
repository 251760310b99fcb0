//! The command line's own words follow `--lang` (and LC_ALL / LANG) like the diagnostics:
//! `--help`'s headings, about texts and options, and the command line's errors.

use crate::common;

use std::process::Command;

fn kpi(args: &[&str], lang_env: &str) -> (i32, String, String) {
    common::kpi_in(None, args, &[("LANG", lang_env)])
}

#[test]
fn help_follows_the_language() {
    let (code, zh, _) = kpi(&["--lang", "zh", "check", "--help"], "en_US.UTF-8");
    assert_eq!(code, 0);
    for word in ["用法：", "参数", "选项", "检查表单", "报告格式", "显示帮助"] {
        assert!(zh.contains(word), "{word} missing:\n{zh}");
    }
    assert!(!zh.contains("Usage:") && !zh.contains("Print help"), "{zh}");
    // From the environment, too.
    let (_, zh_env, _) = kpi(&["--help"], "zh_CN.UTF-8");
    assert!(
        zh_env.contains("命令") && zh_env.contains("按统一格式改写文件"),
        "{zh_env}"
    );
    let (_, en, _) = kpi(&["check", "--help"], "en_US.UTF-8");
    assert!(
        en.contains("Usage:") && en.contains("Report format"),
        "{en}"
    );
}

#[test]
fn the_command_lines_errors_follow_the_language() {
    let (code, _, err) = kpi(
        &["--lang", "zh", "check", "no/such/file.kpi"],
        "en_US.UTF-8",
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("错误：无法读取 no/such/file.kpi"), "{err}");
    let (code, _, err) = kpi(&["check", "no/such/file.kpi"], "en_US.UTF-8");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: cannot read no/such/file.kpi"),
        "{err}"
    );
    let (_, _, err) = kpi(&["explain", "K9999", "--lang=zh"], "en_US.UTF-8");
    assert!(err.contains("未知的规则代码"), "{err}");
}

#[test]
fn usage_errors_follow_the_language() {
    // A missing argument, an unknown command (with clap's suggestion), a value that is not
    // one of the choices: in Chinese, with the usage line, exit 2 as clap's own.
    let (code, _, err) = kpi(&["--lang", "zh", "check"], "en_US.UTF-8");
    assert_eq!(code, 2);
    assert!(err.starts_with("错误：缺少必需的参数"), "{err}");
    assert!(err.contains("用法：kpi check"), "{err}");
    let (code, _, err) = kpi(&["chek"], "zh_CN.UTF-8");
    assert_eq!(code, 2);
    assert!(
        err.contains("没有“chek”这个命令") && err.contains("是不是要用“check”"),
        "{err}"
    );
    let (_, _, err) = kpi(
        &["--lang", "zh", "check", "--format", "xml", "x.kpi"],
        "en_US.UTF-8",
    );
    assert!(
        err.contains("“xml”不是") && err.contains("markdown"),
        "{err}"
    );
    assert!(!err.contains("error:"), "{err}");
    // English stays clap's.
    let (code, _, err) = kpi(&["check"], "en_US.UTF-8");
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: the following required arguments were not provided"),
        "{err}"
    );
    // Every command and option has its Chinese help.
    let (_, help, _) = kpi(&["--lang", "zh", "--help"], "en_US.UTF-8");
    assert!(
        help.contains("打印每张自评表的得分表") && help.contains("线程数"),
        "{help}"
    );
}

/// Runs kpi in `dir` with the given environment on top of an English locale.
fn kpi_in(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    common::kpi_in(Some(dir), args, env)
}

const FORM: &str =
    "project \"科技专项\" {\n  budget 100万元\n  output quantity \"科技项目实施\" ≤23个;\n}\n";

/// `--lang`, then `KPI_LANG`, then kpi.toml `lang`, then the locale.
#[test]
fn the_language_comes_from_lang_then_kpi_lang_then_kpi_toml_then_the_locale() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("form.kpi"), FORM).unwrap();
    // `--format short` keeps the severity word English for tools; the message follows.
    let chinese = |out: &str| out.contains("[K0108] 此语句后缺少分号");
    let english = |out: &str| out.contains("[K0108]") && !out.contains("缺少分号");
    let check = ["check", ".", "--format", "short"];
    // The locale alone.
    let (_, out, _) = kpi_in(dir, &check, &[]);
    assert!(english(&out), "{out}");
    let (_, out, _) = kpi_in(dir, &check, &[("LANG", "zh_CN.UTF-8")]);
    assert!(chinese(&out), "{out}");
    // kpi.toml's lang over the locale, found from the path checked as well as from here.
    std::fs::write(dir.join("kpi.toml"), "lang = \"zh\"\n").unwrap();
    let (_, out, _) = kpi_in(dir, &check, &[]);
    assert!(chinese(&out), "{out}");
    let (_, out, _) = kpi_in(
        dir.parent().unwrap(),
        &["check", dir.to_str().unwrap(), "--format", "short"],
        &[],
    );
    assert!(chinese(&out), "{out}");
    // KPI_LANG over kpi.toml.
    let (_, out, _) = kpi_in(dir, &check, &[("KPI_LANG", "en")]);
    assert!(english(&out), "{out}");
    // --lang over KPI_LANG.
    let (_, out, _) = kpi_in(
        dir,
        &["--lang", "zh", "check", ".", "--format", "short"],
        &[("KPI_LANG", "en")],
    );
    assert!(chinese(&out), "{out}");
    // --help before parsing follows the kpi.toml of the current folder too.
    let (_, help, _) = kpi_in(dir, &["check", "--help"], &[]);
    assert!(help.contains("用法："), "{help}");
}

/// A wrong `lang` in kpi.toml is a K1003 finding at the value.
#[test]
fn a_wrong_lang_in_kpi_toml_is_a_finding_at_its_value() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("form.kpi"),
        FORM.replace("100万元\n", "100万元;\n"),
    )
    .unwrap();
    std::fs::write(dir.join("kpi.toml"), "year = 2023\nlang = \"fr\"\n").unwrap();
    let (code, out, _) = kpi_in(dir, &["check", ".", "--format", "short"], &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("kpi.toml:2:8: error[K1003] `lang` must be \"zh\" or \"en\""),
        "{out}"
    );
}

/// Every command's `--help` in Chinese has no English left: headings, about texts, option
/// help, value lists, defaults and examples.
#[test]
fn every_commands_help_is_chinese() {
    let (_, top, _) = kpi(&["--lang", "zh", "--help"], "en_US.UTF-8");
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("命令"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert!(
        commands.len() >= 8 && commands.iter().any(|c| c == "init"),
        "{top}"
    );
    let english = [
        "Usage",
        "Options",
        "Arguments",
        "Commands",
        "Examples",
        "Print",
        "default:",
        "possible values",
        "Possible values",
        "OPTIONS",
        "COMMAND",
        "PATHS",
        " the ",
        " and ",
        " of ",
        " or ",
        " a ",
    ];
    for (sub, env) in commands
        .iter()
        .map(|c| (c.as_str(), "en_US.UTF-8"))
        .chain([("", "en_US.UTF-8")])
    {
        let mut args = vec!["--lang", "zh"];
        if !sub.is_empty() {
            args.push(sub);
        }
        args.push("--help");
        let (code, help, _) = kpi(&args, env);
        assert_eq!(code, 0, "{sub}");
        for word in english {
            assert!(
                !help.contains(word),
                "`kpi {sub} --help` has {word:?}:\n{help}"
            );
        }
    }
    // KPI_LANG alone, too.
    let out = Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(["check", "--help"])
        .env("KPI_LANG", "zh")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("示例：") && help.contains("可选值："),
        "{help}"
    );
}

/// `kpi explain` without a code lists every code once, under its family, and its count is
/// the README's.
#[test]
fn explain_lists_every_code_by_family_and_the_readme_agrees() {
    let (code, list, _) = kpi(&["explain"], "en_US.UTF-8");
    assert_eq!(code, 0);
    let markdown =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
    let codes: Vec<&str> = markdown
        .lines()
        .filter_map(|l| l.strip_prefix("| [K"))
        .map(|l| &l[..4])
        .collect();
    assert!(codes.len() > 60);
    for c in &codes {
        let line = format!("  K{c}  ");
        assert_eq!(list.matches(&line).count(), 1, "K{c}:\n{list}");
    }
    // Under its family: the family header comes before it and no other header in between.
    let mut family = "";
    for l in list.lines() {
        if let Some(prefix) = l.split("xx ").next().filter(|_| l.starts_with('K')) {
            family = prefix;
        } else if let Some(code) = l
            .trim_start()
            .strip_prefix('K')
            .filter(|_| l.starts_with("  "))
        {
            assert!(format!("K{code}").starts_with(family), "{l} under {family}");
        }
    }
    let checker: usize = list
        .split(" checker rules")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a count");
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert!(
        readme.contains(&format!("{checker} checker rules")),
        "README.md: not {checker}"
    );
    let zh = std::fs::read_to_string(format!("{root}/README.zh-CN.md")).unwrap();
    assert!(
        zh.contains(&format!("{checker} 条检查规则")),
        "README.zh-CN.md: not {checker}"
    );
    let (_, zh_list, _) = kpi(&["explain", "--lang", "zh"], "en_US.UTF-8");
    assert!(
        zh_list.contains("K03xx 金额") && zh_list.contains(&format!("检查规则 {checker} 条")),
        "{zh_list}"
    );
}

/// Both READMEs open with the same two commands.
#[test]
fn both_readmes_open_with_the_same_commands() {
    let root = env!("CARGO_MANIFEST_DIR");
    let first_commands = |name: &str| -> Vec<String> {
        let text = std::fs::read_to_string(format!("{root}/{name}")).unwrap();
        let block = text
            .split("```sh\n")
            .nth(1)
            .unwrap()
            .split("```")
            .next()
            .unwrap();
        block
            .lines()
            .map(|l| l.split(" #").next().unwrap().trim().to_string())
            .collect()
    };
    let en = first_commands("README.md");
    assert_eq!(en.len(), 2, "{en:?}");
    assert_eq!(en, first_commands("README.zh-CN.md"));
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    assert!(readme[..200].contains("(README.zh-CN.md)"));
}
