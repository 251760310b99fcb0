//! `kpi init` (新建申报材料): scaffolds a filing in a folder — `kpi.toml`, a department form
//! (部门整体支出绩效目标表) and one project form (项目支出绩效目标表) — written so that
//! `kpi check` on it reports no errors, only the few `XX` placeholders (K0601) that say
//! "fill this in". The forms use Chinese keywords and comments under `--lang zh`, English
//! ones otherwise; every category a built-in profile requires is present, so any `--profile`
//! checks the same way.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diag::Lang;

/// The files `kpi init` writes, by name.
pub const FILES: [&str; 3] = ["kpi.toml", "00-department.kpi", "01-project.kpi"];

/// Scaffolds a filing in `dir` (created when missing). Refuses, writing nothing, when any of
/// the files exists already; each file is written atomically.
pub(super) fn init(dir: &Path, profile: Option<&str>, year: Option<i32>, lang: Lang) -> ExitCode {
    let profile = profile.unwrap_or(crate::config::profile::DEFAULT);
    if crate::config::Profile::built_in(profile).is_none() && !profile.ends_with(".toml") {
        let known: Vec<&str> = crate::config::profile::BUILT_IN
            .iter()
            .map(|(n, _)| *n)
            .collect();
        super::error(
            lang,
            format!(
                "unknown profile `{profile}` (built in: {}; or the path of a .toml profile)",
                known.join(", ")
            ),
            format!(
                "未知的配置方案“{profile}”（内置：{}；或 .toml 配置方案文件的路径）",
                known.join("、")
            ),
        );
        return ExitCode::from(2);
    }
    let year = year.unwrap_or_else(next_year);
    let texts = scaffold(profile, year, lang);
    let paths: Vec<PathBuf> = FILES.iter().map(|f| dir.join(f)).collect();
    let existing: Vec<String> = paths
        .iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        super::error(
            lang,
            format!(
                "{} already exists; kpi init writes nothing over existing files (choose another folder: `kpi init NEW-FOLDER`)",
                existing.join(", ")
            ),
            format!(
                "{} 已存在；kpi init 不会覆盖已有文件（请换一个文件夹：`kpi init 新文件夹`）",
                existing.join("、")
            ),
        );
        return ExitCode::from(2);
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        super::error(
            lang,
            format!("cannot create {}: {e}", dir.display()),
            format!("无法创建 {}：{e}", dir.display()),
        );
        return ExitCode::from(2);
    }
    for (path, text) in paths.iter().zip(texts.iter()) {
        if let Err(e) = crate::output::write_new_atomic(path, text.as_bytes()) {
            super::error(
                lang,
                format!("cannot write {}: {e}", path.display()),
                format!("无法写入 {}：{e}", path.display()),
            );
            return ExitCode::from(2);
        }
    }
    let shown = dir.display();
    let text = match lang {
        Lang::En => format!(
            "Created {shown}/kpi.toml, {shown}/00-department.kpi and {shown}/01-project.kpi (budget year {year}, profile {profile}).\n\
             Next: replace every `XX` with your own text and numbers, then run\n  kpi check {shown}\n\
             until it reports no `XX` left (K0601). `kpi explain` lists every rule.\n"
        ),
        Lang::Zh => format!(
            "已创建 {shown}/kpi.toml、{shown}/00-department.kpi 和 {shown}/01-project.kpi（预算年度 {year}，配置方案 {profile}）。\n\
             下一步：把每个“XX”改成本单位的实际内容和数字，然后运行\n  kpi check {shown}\n\
             直到不再报告“XX”（K0601）。`kpi explain` 列出全部检查规则。\n"
        ),
    };
    super::emit_stdout(&text);
    ExitCode::SUCCESS
}

/// The budget year a filing made now is for: next calendar year (forms are filed in the
/// autumn before the year they budget).
fn next_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // Days since 1970 to a civil year (Howard Hinnant's algorithm, year part only).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    year as i32 + 1
}

/// The three files' texts, in the order of [`FILES`].
pub fn scaffold(profile: &str, year: i32, lang: Lang) -> [String; 3] {
    let filed = year - 1;
    let (toml, department, project) = match lang {
        Lang::Zh => (TOML_ZH, DEPARTMENT_ZH, PROJECT_ZH),
        Lang::En => (TOML_EN, DEPARTMENT_EN, PROJECT_EN),
    };
    let lang_code = match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    let fill = |t: &str| {
        t.replace("{year}", &year.to_string())
            .replace("{filed}", &filed.to_string())
            .replace("{profile}", profile)
            .replace("{lang}", lang_code)
    };
    [fill(toml), fill(department), fill(project)]
}

const TOML_ZH: &str = r#"# 本申报材料的设置（kpi.toml）。说明见 docs/rules.md 的 K1003。
year = {year}             # 预算年度
profile = "{profile}"     # 配置方案：本地模板要求的表头和指标类别（generic、lhasa-2023、central-2021）
lang = "{lang}"              # 提示信息的语言：zh 或 en

# 某条规则不适用于本单位时，可以调整它的级别（allow 不报告，warn 警告，error 错误）：
# [rules]
# K0605 = "allow"
"#;

const TOML_EN: &str = r#"# This filing's settings (kpi.toml). The settings are listed under K1003 in docs/rules.md.
year = {year}             # budget year
profile = "{profile}"     # the header fields and categories your region's template requires (generic, lhasa-2023, central-2021)
lang = "{lang}"              # language of kpi's messages: zh or en

# A rule that does not apply to you can be given another level (allow, warn, error):
# [rules]
# K0605 = "allow"
"#;

const DEPARTMENT_ZH: &str = r#"// 部门整体支出绩效目标表。把每个 XX 改成本部门的内容；`kpi check` 会指出还没改的地方。
部门 "XX局" {
  年度 {year};

  // 年度主要任务与预算（万元）：每个项目一行，项目名称与项目表一致。
  资金表 {
    基本支出 "人员经费和日常公用经费" 100万元 财政拨款;
    项目支出 "XX专项" 50万元 财政拨款;
    合计 150万元 { 财政拨款 150万元; };
  }

  年度总体目标 "XX";

  产出 数量 "保障在职人员人数" ≥20人;
  产出 质量 "项目验收合格率" ≥95%;
  产出 时效 "资金支付及时率" ≥90%;
  效益 社会效益 "XX" "有所提升";
  满意度 服务对象 "服务对象满意度" ≥90%;
}
"#;

const DEPARTMENT_EN: &str = r#"// Department form (部门整体支出绩效目标表). Replace every XX with your department's own text;
// `kpi check` points at what is still to fill in.
department "XX局" {
  year {year};

  // Main tasks and their budget: one line per project, named as its project form is.
  funds {
    basic "人员经费和日常公用经费" 100万元 fiscal;
    project "XX专项" 50万元 fiscal;
    total 150万元 { fiscal 150万元; };
  }

  goal "XX";

  output quantity "保障在职人员人数" ≥20人;
  output quality "项目验收合格率" ≥95%;
  output timeliness "资金支付及时率" ≥90%;
  effect social "XX" "有所提升";
  satisfaction service "服务对象满意度" ≥90%;
}
"#;

const PROJECT_ZH: &str = r#"// 项目支出绩效目标表：每个项目一份，复制本文件再改名即可新增项目。把每个 XX 改成本项目的内容。
项目 "XX专项" {
  年度 {year};
  填报日期 {filed}年11月30日 联系电话 "0000-0000000";
  主管部门 "XX局";
  实施单位 "XX局";
  项目属性 经常性;
  项目期 {year}年;
  年度资金总额 50万元 { 财政拨款 50万元; }
  年度总体目标 "XX";

  产出 数量 "完成项目任务数" ≥1个;
  产出 质量 "项目验收合格率" ≥95%;
  产出 时效 "项目按期完成率" ≥95%;
  成本 经济成本 "项目预算控制数" ≤50万元;
  效益 社会效益 "XX" "有所提升";
  效益 可持续影响 "项目成果持续发挥作用" "长期";
  满意度 服务对象 "服务对象满意度" ≥90%;
}
"#;

const PROJECT_EN: &str = r#"// Project form (项目支出绩效目标表): one per project; copy this file to add another. Replace
// every XX with the project's own text.
project "XX专项" {
  year {year};
  filed {filed}年11月30日 phone "0000-0000000";
  department "XX局";
  unit "XX局";
  kind recurring;
  period {year}年;
  budget 50万元 { fiscal 50万元; }
  goal "XX";

  output quantity "完成项目任务数" ≥1个;
  output quality "项目验收合格率" ≥95%;
  output timeliness "项目按期完成率" ≥95%;
  cost economic "项目预算控制数" ≤50万元;
  effect social "XX" "有所提升";
  effect sustainable "项目成果持续发挥作用" "长期";
  satisfaction service "服务对象满意度" ≥90%;
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_is_next_calendar_year() {
        // Between 2026 and 2100 whenever this runs; a wrong calendar sum lands far outside.
        let y = next_year();
        assert!((2026..2100).contains(&y), "{y}");
    }

    #[test]
    fn placeholders_are_filled() {
        for lang in [Lang::Zh, Lang::En] {
            for text in scaffold("lhasa-2023", 2027, lang) {
                for slot in ["{year}", "{filed}", "{profile}", "{lang}"] {
                    assert!(!text.contains(slot), "{slot} left in:\n{text}");
                }
            }
        }
    }
}
