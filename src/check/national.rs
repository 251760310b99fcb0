//! Checks across filings (跨申报材料检查, issue 14): when `kpi check` is given several filings
//! (a folder each, as a finance bureau checks a whole city's batch), the same project filed by
//! two departments of one city — K0408.
//!
//! Which department filed a filing: its department form's name, else the first 主管部门 its
//! project forms give; a filing that names neither is not compared. Which city: the
//! department's name up to its first 市, 州, 盟 or 地区 (拉萨市科学技术局 → 拉萨市; a district's
//! bureau, 拉萨市城关区教育局, is in 拉萨市 too), else up to 自治区 or 省 for a provincial
//! department (西藏自治区财政厅 → 西藏自治区), with at least two characters before it (so that
//! 市场监督管理局 is in no city). `kpi.toml` has no region field: the name is what every filing
//! has, and what a reviewer reads. Names are compared as the resolver compares them
//! ([`crate::resolve::name_key`]), and only within one budget year (a form's year, else its
//! department form's; filings that give none compare with each other).
//!
//! Complexity: one hash map from (city, year, name) to the first filing of it: linear in the
//! forms of all filings. The findings come in the order of the filings on the command line,
//! which the joined report keeps whatever `--jobs` is.

use std::collections::HashMap;
use std::ops::Range;

use super::{Config, Doc, Rule};
use crate::diag::{self, Diagnostic, Finding, Severity, Text};
use crate::filing::Loaded;
use crate::model::Filing;
use crate::resolve::name_key;

/// One checked filing of a batch: what it loaded, its configuration and its findings.
pub struct Checked {
    pub loaded: Loaded,
    pub config: Config,
    pub diags: Vec<Diagnostic>,
}

/// Joins checked filings into one report (their files renumbered after each other, in the
/// order given) and adds the findings across filings. Returns the joined run and every
/// finding, sorted.
pub fn join(filings: Vec<Checked>) -> (Loaded, Vec<Diagnostic>) {
    let mut all = Loaded::empty();
    // Room for every filing at once: grown by doubling, the joined forms were copied again
    // at each doubling (issue 14: 2% of checking a 10 MB batch).
    let sum = |of: fn(&Checked) -> usize| filings.iter().map(of).sum::<usize>();
    all.sources
        .files
        .reserve(sum(|c| c.loaded.sources.files.len()));
    all.syntax.reserve(sum(|c| c.loaded.syntax.len()));
    all.filing
        .projects
        .reserve(sum(|c| c.loaded.filing.projects.len()));
    all.filing
        .departments
        .reserve(sum(|c| c.loaded.filing.departments.len()));
    all.diagnostics.reserve(sum(|c| c.loaded.diagnostics.len()));
    let mut diags = Vec::with_capacity(sum(|c| c.diags.len()));
    let mut parts = Vec::with_capacity(filings.len());
    for c in filings {
        let projects = all.filing.projects.len();
        let departments = all.filing.departments.len();
        diags.extend(all.absorb(c.loaded, c.diags));
        parts.push(Part {
            projects: projects..all.filing.projects.len(),
            departments: departments..all.filing.departments.len(),
            config: c.config,
        });
    }
    if parts.len() > 1 {
        diags.extend(check(&all.filing, &parts));
        diag::sort(&mut diags);
    }
    (all, diags)
}

/// Which forms of the joined filing are one filing's.
struct Part {
    projects: Range<usize>,
    departments: Range<usize>,
    config: Config,
}

/// The first filing seen of a (city, year, project name): its department and project form.
struct First<'a> {
    department: &'a str,
    project: usize,
}

/// K0408 on the joined filing, each finding under the configured severity of the filing
/// it is reported in.
fn check(filing: &Filing, parts: &[Part]) -> Vec<Diagnostic> {
    let mut first: HashMap<(String, Option<i32>, String), First<'_>> = HashMap::new();
    let mut out = Vec::new();
    for part in parts {
        let department = filing.departments[part.departments.clone()].first();
        let projects = &filing.projects[part.projects.clone()];
        let Some(dept_name) = department
            .map(|d| d.name.as_str())
            .or_else(|| projects.iter().find_map(|p| p.department.as_deref()))
            .filter(|n| !n.trim().is_empty())
        else {
            continue;
        };
        let Some(city) = city_of(dept_name) else {
            continue;
        };
        let dept_key = name_key(dept_name);
        let dept_year = department.and_then(|d| d.year);
        let mut found = Vec::new();
        for (i, p) in part.projects.clone().zip(projects) {
            let key = name_key(&p.name);
            if key.is_empty() {
                continue;
            }
            let year = p.year.or(dept_year);
            match first.entry((city.to_string(), year, key)) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(First {
                        department: dept_name,
                        project: i,
                    });
                }
                std::collections::hash_map::Entry::Occupied(o) => {
                    let f = o.get();
                    if name_key(f.department) != dept_key {
                        found.push(finding(filing, i, f, dept_name, city));
                    }
                }
            }
        }
        out.extend(part.config.apply_levels(found));
    }
    out
}

fn finding(
    filing: &Filing,
    project: usize,
    first: &First<'_>,
    department: &str,
    city: &str,
) -> Diagnostic {
    let p = &filing.projects[project];
    let other = &filing.projects[first.project];
    let (name, them, file) = (&p.name, first.department, &other.origin.file);
    let finding = FiledByTwoDepartments {
        project: name,
        department,
        other: them,
        city,
        other_file: file,
    };
    finding.at(p.origin.file_id, p.origin.name_span).with_label(
        other.origin.file_id,
        other.origin.name_span,
        Text::new(format!("filed by {them}"), format!("{them}申报")),
    )
}

/// The city (or region) of a department, from its name: see the module's doc.
fn city_of(department: &str) -> Option<&str> {
    let name = department.trim();
    let through = |markers: &[&str]| {
        markers
            .iter()
            .filter_map(|m| name.find(m).map(|i| i + m.len()))
            .filter(|&end| name[..end].chars().count() >= 3)
            .min()
    };
    through(&["市", "州", "盟", "地区"])
        .or_else(|| through(&["自治区", "省"]))
        .map(|end| &name[..end])
}

pub const PROJECT_FILED_BY_TWO_DEPARTMENTS: Rule = Rule {
    code: "K0408",
    name: "project-filed-by-two-departments",
    severity: Severity::Warning,
    loses_data: false,
    title: Doc {
        en: "Two departments of one city file a project of the same name",
        zh: "同一城市的两个部门申报同名项目",
    },
    what: Doc {
        en: "When several filings (folders) are checked together, finds a project name (spaces, quotes and bracket width ignored) filed in one budget year by two departments of one city. A filing's department is its department form's name, else its project forms' 主管部门; its city is that name up to its first 市, 州, 盟 or 地区 (else 自治区 or 省). Reported at the later filing's form, in command-line order.",
        zh: "同时检查多份申报材料（每个文件夹一份）时，查找同一预算年度内由同一城市的两个部门申报的同名项目（忽略空格、引号和全半角括号）。申报部门取部门表的名称，没有部门表时取项目表的主管部门；所在城市取该名称至第一个“市”“州”“盟”或“地区”为止（否则至“自治区”或“省”）。在命令行中靠后的申报材料的项目表处报告。",
    },
    why: Doc {
        en: "The same work funded twice in one city is what a finance bureau reviewing a whole batch looks for first; two different projects under one name cannot be told apart in its budget system.",
        zh: "同一城市为同一事项重复安排资金，是财政部门审核整批材料时首先要查的问题；名称相同的两个不同项目在预算系统中也无法区分。",
    },
    example: "// 拉萨市教育局/项目.kpi\nproject \"校园安全设施改造\" { department \"拉萨市教育局\"; }\n\n// 拉萨市城关区教育局/项目.kpi\nproject \"校园安全设施改造\" { department \"拉萨市城关区教育局\"; }",
    fix: Doc {
        en: "If both departments fund the same work, agree which one files it; if they are different projects, name each after what it does (its place, its scope).",
        zh: "若两个部门为同一事项申请资金，商定由哪个部门申报；若是不同项目，按各自内容（地点、范围）分别命名。",
    },
};

/// K0408's finding: a project of `department`, also filed by `other` (in `other_file`),
/// another department of `city`.
struct FiledByTwoDepartments<'a> {
    project: &'a str,
    department: &'a str,
    other: &'a str,
    city: &'a str,
    other_file: &'a str,
}

impl Finding for FiledByTwoDepartments<'_> {
    const RULE: &'static Rule = &PROJECT_FILED_BY_TWO_DEPARTMENTS;

    fn message(&self) -> Text {
        let (name, department, them, city, file) = (
            self.project,
            self.department,
            self.other,
            self.city,
            self.other_file,
        );
        Text::new(
            format!("project “{name}” of {department} is also filed by {them}, another department of {city} ({file})"),
            format!("{department}的项目“{name}”也由{city}的另一部门{them}申报（{file}）"),
        )
    }

    fn help(&self) -> Text {
        Text::new(
            "if both departments fund the same work, agree which one files it; if they are different projects, give them names that tell them apart",
            "若两个部门为同一事项申请资金，应商定由哪个部门申报；若是不同项目，应使用能区分二者的名称",
        )
    }
}

/// The rules of this module.
pub const RULES: &[&Rule] = &[&PROJECT_FILED_BY_TWO_DEPARTMENTS];

#[cfg(test)]
mod tests {
    use super::city_of;

    #[test]
    fn the_city_is_the_name_up_to_its_first_city_marker() {
        assert_eq!(city_of("拉萨市科学技术局"), Some("拉萨市"));
        assert_eq!(city_of("拉萨市城关区教育局"), Some("拉萨市"));
        assert_eq!(city_of("拉萨市市场监督管理局"), Some("拉萨市"));
        assert_eq!(city_of("甘孜藏族自治州财政局"), Some("甘孜藏族自治州"));
        assert_eq!(city_of("阿里地区行政公署"), Some("阿里地区"));
        assert_eq!(city_of("西藏自治区财政厅"), Some("西藏自治区"));
        assert_eq!(city_of("四川省教育厅"), Some("四川省"));
        assert_eq!(city_of("市场监督管理局"), None);
        assert_eq!(city_of("科学技术局"), None);
    }
}
