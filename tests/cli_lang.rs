//! The command line's own words follow `--lang` (and LC_ALL / LANG) like the diagnostics:
//! `--help`'s headings, about texts and options, and the command line's errors.

use std::process::Command;

fn kpi(args: &[&str], lang_env: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kpi"))
        .args(args)
        .env("LANG", lang_env)
        .env_remove("LC_ALL")
        .env_remove("KPI_LANG")
        .output()
        .expect("kpi runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
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
