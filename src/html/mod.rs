//! `kpi check --format html`: the reviewer's report (审核报告) as one self-contained HTML
//! file — a summary of the filing's money and findings, charts drawn as inline SVG, every form
//! rendered like the official table with each finding pinned to its row, filters, and a link
//! from each finding to its source (`.kpi` line or workbook cell).
//!
//! Written by hand rather than through a template engine: the page is one function per part,
//! every text goes through [`esc`], and nothing depends on the clock or on hash order, so the
//! same input gives the same bytes (a snapshot test holds it). No network: no CDN, no web
//! fonts (the system's CJK fonts), a few lines of JS for the filters.

mod svg;

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::diag::{family_of, Diagnostic, Lang, Location, Severity, Sources, FAMILIES};
use crate::model::{Filing, FormHeader, Indicator, Level1, LineCategory, Source, Split};

/// Text made safe for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One of the two languages' words.
fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A form of the filing as the report shows it (部门 first, then projects, in file order).
pub(crate) struct Form<'a> {
    pub header: &'a FormHeader,
    pub department: Option<&'a crate::model::Department>,
    pub project: Option<&'a crate::model::Project>,
}

impl Form<'_> {
    fn title(&self, lang: Lang) -> String {
        let name = &self.header.name;
        match (lang, self.department.is_some()) {
            (Lang::En, true) => format!("Department “{name}”"),
            (Lang::En, false) => format!("Project “{name}”"),
            (Lang::Zh, true) => format!("部门“{name}”"),
            (Lang::Zh, false) => format!("项目“{name}”"),
        }
    }

    /// True when the finding is about this form's text.
    fn holds(&self, d: &Diagnostic) -> bool {
        let o = &self.header.origin;
        o.file_id == d.file && o.span.start <= d.span.start && d.span.start <= o.span.end
    }
}

pub(crate) fn forms(filing: &Filing) -> Vec<Form<'_>> {
    let mut forms: Vec<Form> = filing
        .departments
        .iter()
        .map(|d| Form {
            header: &d.header,
            department: Some(d),
            project: None,
        })
        .chain(filing.projects.iter().map(|p| Form {
            header: &p.header,
            department: None,
            project: Some(p),
        }))
        .collect();
    forms.sort_by_key(|f| {
        (
            f.department.is_none(),
            f.header.origin.file_id,
            f.header.origin.span.start,
        )
    });
    forms
}

/// Money in 万元, as the forms write it (no unit).
fn wan(yuan: Decimal) -> String {
    let w = (yuan / Decimal::from(10_000)).round_dp(6).normalize();
    format!("{w}")
}

fn yuan_of(e: Option<&crate::model::Entry>) -> Decimal {
    e.and_then(|e| e.amount.as_ref())
        .and_then(|q| q.yuan())
        .unwrap_or_default()
}

/// The filing's money: by funding source and by 基本支出/项目支出, in 元. From the department
/// forms' funds tables when there are any (they cover the whole budget), else from the
/// project forms' 年度资金总额.
pub(crate) struct Money {
    pub by_source: Vec<(Source, Decimal)>,
    pub by_category: Vec<(LineCategory, Decimal)>,
    pub total: Decimal,
    pub from_departments: bool,
}

fn money(filing: &Filing) -> Money {
    let mut by_source: Vec<(Source, Decimal)> = crate::model::vocab::sources()
        .map(|s| (s, Decimal::ZERO))
        .collect();
    let mut by_category = vec![
        (LineCategory::Basic, Decimal::ZERO),
        (LineCategory::Project, Decimal::ZERO),
    ];
    let mut total = Decimal::ZERO;
    let add_split = |split: &Split, by_source: &mut Vec<(Source, Decimal)>| {
        for (s, sum) in by_source.iter_mut() {
            *sum += yuan_of(split.get(*s));
        }
    };
    let lines: Vec<_> = filing
        .departments
        .iter()
        .filter_map(|d| d.funds.as_ref())
        .flat_map(|f| f.lines.iter())
        .collect();
    let from_departments = !lines.is_empty();
    if from_departments {
        for l in lines {
            let y = l.amount.yuan().unwrap_or_default();
            total += y;
            for (c, sum) in by_category.iter_mut() {
                if *c == l.category {
                    *sum += y;
                }
            }
            add_split(&l.split, &mut by_source);
        }
    } else {
        for b in filing.projects.iter().filter_map(|p| p.budget.as_ref()) {
            let y = b.total.yuan().unwrap_or_default();
            total += y;
            by_category[1].1 += y;
            add_split(&b.split, &mut by_source);
        }
    }
    Money {
        by_source,
        by_category,
        total,
        from_departments,
    }
}

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "advice",
    }
}

/// The source of a finding as a link: the `.kpi` file at its line, or the workbook's cell.
fn source_link(d: &Diagnostic, sources: &Sources) -> String {
    match d.location() {
        Location::Text { file, span } => match sources.try_get(file) {
            Some(f) => {
                let (line, col) = f.line_col(span.start);
                format!(
                    "<a class=\"src\" href=\"{}#L{line}\">{}:{line}:{col}</a>",
                    esc(&href(&f.name)),
                    esc(&f.name)
                )
            }
            None => String::new(),
        },
        Location::Cell { ref workbook, .. } => format!(
            "<a class=\"src\" href=\"{}\">{}</a>",
            esc(&href(workbook)),
            esc(&d.location().describe(sources))
        ),
        Location::Nowhere => String::new(),
    }
}

/// A path as a relative URL: `/` separators, every byte outside the unreserved set (Chinese
/// file names included) percent-encoded as UTF-8.
fn href(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Where a finding is, as the DOM tests compare it with `kpi check --format json`:
/// `file:line:col` or `book!sheet!cell`.
fn place(d: &Diagnostic, sources: &Sources) -> String {
    d.location().describe(sources)
}

/// One finding as a list item, with its data for the filters.
fn finding(out: &mut String, d: &Diagnostic, form: Option<usize>, sources: &Sources, lang: Lang) {
    let sev = sev_class(d.severity);
    let family = family_of(d.code).map_or("", |f| f.prefix);
    let form_attr = form.map_or(String::new(), |f| f.to_string());
    let _ = write!(
        out,
        "<li class=\"finding {sev}\" data-sev=\"{sev}\" data-family=\"{family}\" data-form=\"{form_attr}\" data-code=\"{}\" data-loc=\"{}\">",
        d.code,
        esc(&place(d, sources))
    );
    let _ = write!(
        out,
        "<span class=\"badge {sev}\">{}</span> <code>{}</code> {} <span class=\"where\">{}</span>",
        esc(d.severity.word(lang)),
        d.code,
        esc(d.message.get(lang)),
        source_link(d, sources)
    );
    let help = d.help.get(lang);
    if !help.is_empty() {
        let _ = write!(
            out,
            "<p class=\"help\">{}{}</p>",
            t(lang, "Fix: ", "修改建议："),
            esc(help).replace('\n', "<br>")
        );
    }
    if let Some(rule) = crate::check::rule(d.code) {
        let _ = write!(
            out,
            "<details><summary>{} {}</summary><p>{}</p><p>{}</p><p>{}</p></details>",
            t(lang, "Rule:", "规则："),
            esc(rule.title.get(lang)),
            esc(rule.what.get(lang)),
            esc(rule.why.get(lang)),
            esc(rule.fix.get(lang))
        );
    }
    out.push_str("</li>");
}

fn findings_list(
    out: &mut String,
    list: &[&Diagnostic],
    form: Option<usize>,
    sources: &Sources,
    lang: Lang,
) {
    if list.is_empty() {
        return;
    }
    out.push_str("<ul class=\"findings\">");
    for d in list {
        finding(out, d, form, sources, lang);
    }
    out.push_str("</ul>");
}

const CSS: &str = r#"
:root{--error:#b00020;--warning:#8a4b00;--advice:#1a5490;--line:#767676;--muted:#595959}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1100px;padding:1.5rem;line-height:1.5}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid #1a1a1a;margin-top:2rem}h3{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.25rem .4rem;vertical-align:top;text-align:left}
th{background:#f0f0f0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:0 .35rem;border-radius:.2rem;color:#fff;font-size:.85em}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}.badge.advice{background:var(--advice)}
ul.findings{margin:.3rem 0;padding-left:1.1rem}
li.finding{margin:.25rem 0}
li.finding.error{border-left:4px solid var(--error);padding-left:.4rem;list-style:none}
li.finding.warning{border-left:4px solid var(--warning);padding-left:.4rem;list-style:none}
li.finding.advice{border-left:4px solid var(--advice);padding-left:.4rem;list-style:none}
.help{margin:.1rem 0;color:var(--muted);font-size:.9em}
.where{font-size:.85em}
a.src{color:#0b4f9c}
tr.flagged>td{background:#fff4f4}
details summary{cursor:pointer;font-size:.9em;color:var(--muted)}
figure{margin:1rem 0}figcaption{font-weight:bold;margin-bottom:.3rem}
svg text{font-family:inherit}
form#filters{display:flex;gap:1rem;flex-wrap:wrap;background:#f6f6f6;padding:.5rem;border:1px solid #ccc;position:sticky;top:0}
.clean{color:#1b5e20}
@page{size:A4;margin:14mm}
@media print{body{max-width:none;padding:0;font-size:10pt}form#filters{display:none}details{display:none}article.form{break-before:page}tr{break-inside:avoid}figure{break-inside:avoid}}
"#;

const JS: &str = r#"
(function(){
  var f=document.getElementById('filters');
  function apply(){
    var s=f.elements.sev.value,fa=f.elements.family.value,fo=f.elements.form.value;
    document.querySelectorAll('li.finding').forEach(function(el){
      el.hidden=!((!s||el.dataset.sev===s)&&(!fa||el.dataset.family===fa)&&(!fo||el.dataset.form===fo));
    });
    document.querySelectorAll('article.form').forEach(function(a){
      a.hidden=!!fo&&a.dataset.form!==fo;
    });
    // One form chosen: the page is that form (the filing's summary and charts step aside).
    ['summary','charts','other'].forEach(function(id){
      var el=document.getElementById(id);if(el){el.hidden=!!fo;}
    });
  }
  f.addEventListener('change',apply);
  // A link can carry a filter: report.html#filter:sev=error&family=K03&form=2
  var h=decodeURIComponent(location.hash);
  if(h.indexOf('#filter:')===0){
    h.slice(8).split('&').forEach(function(kv){
      var p=kv.split('='),el=f.elements[p[0]];
      if(el){el.value=p[1]||'';}
    });
    apply();
  }
})();
"#;

/// The whole report.
pub fn render(diags: &[Diagnostic], sources: &Sources, filing: &Filing, lang: Lang) -> String {
    let forms = forms(filing);
    // Each finding's form, by index into `forms` (None: about a file, not a form).
    let form_of: Vec<Option<usize>> = diags
        .iter()
        .map(|d| forms.iter().position(|f| f.holds(d)))
        .collect();
    let mut out = String::new();
    let title = t(
        lang,
        "Review of the performance targets",
        "绩效目标审核报告",
    );
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"kpi {}\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        t(lang, "en", "zh-CN"),
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out, "<header><h1>{title}</h1>");
    let files: Vec<&str> = sources
        .files
        .iter()
        .map(|f| f.name.as_str())
        .filter(|n| !n.ends_with(".toml"))
        .collect();
    let _ = writeln!(
        out,
        "<p>{} {}</p></header>\n<main>",
        t(lang, "Files reviewed:", "审核文件："),
        esc(&files.join(t(lang, ", ", "、")))
    );
    summary(&mut out, diags, &forms, &form_of, filing, lang);
    charts(&mut out, diags, &forms, &form_of, filing, lang);
    filters(&mut out, diags, &forms, lang);
    let _ = writeln!(
        out,
        "<section id=\"forms\" aria-labelledby=\"h-forms\"><h2 id=\"h-forms\">{}</h2>",
        t(lang, "The forms", "各表审核意见")
    );
    for (i, form) in forms.iter().enumerate() {
        let mine: Vec<&Diagnostic> = diags
            .iter()
            .zip(&form_of)
            .filter(|(_, f)| **f == Some(i))
            .map(|(d, _)| d)
            .collect();
        form_section(&mut out, i, form, &mine, sources, lang);
    }
    out.push_str("</section>\n");
    let rest: Vec<&Diagnostic> = diags
        .iter()
        .zip(&form_of)
        .filter(|(_, f)| f.is_none())
        .map(|(d, _)| d)
        .collect();
    if !rest.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"other\" aria-labelledby=\"h-other\"><h2 id=\"h-other\">{}</h2>",
            t(lang, "Findings outside the forms", "表格以外的发现")
        );
        findings_list(&mut out, &rest, None, sources, lang);
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "</main>\n<footer><p>{} kpi {}</p></footer>\n<script>{JS}</script>\n</body>\n</html>\n",
        t(lang, "Made by", "生成工具："),
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn summary(
    out: &mut String,
    diags: &[Diagnostic],
    forms: &[Form],
    form_of: &[Option<usize>],
    filing: &Filing,
    lang: Lang,
) {
    let _ = writeln!(
        out,
        "<section id=\"summary\" aria-labelledby=\"h-summary\"><h2 id=\"h-summary\">{}</h2>",
        t(lang, "Summary", "概要")
    );
    let clean = (0..forms.len())
        .filter(|i| !form_of.contains(&Some(*i)))
        .count();
    let (errors, warnings) = crate::check::report::counts(diags);
    let _ = writeln!(
        out,
        "<p>{}</p>",
        match lang {
            Lang::En => format!(
                "{} form(s), <strong class=\"clean\">{clean} clean</strong>; {errors} error(s) and {warnings} warning(s).",
                forms.len()
            ),
            Lang::Zh => format!(
                "共 {} 张表，其中 <strong class=\"clean\">{clean} 张无问题</strong>；{errors} 个错误，{warnings} 个警告。",
                forms.len()
            ),
        }
    );
    let m = money(filing);
    let _ = writeln!(
        out,
        "<h3>{}</h3><p class=\"help\">{}</p>",
        t(lang, "Budget (万元)", "资金（万元）"),
        if m.from_departments {
            t(
                lang,
                "From the department form's funds table (基本支出 and 项目支出 lines).",
                "取自部门整体支出绩效目标表的资金表（基本支出、项目支出各行）。",
            )
        } else {
            t(
                lang,
                "From the project forms' 年度资金总额 (no department funds table).",
                "取自各项目表的年度资金总额（无部门资金表）。",
            )
        }
    );
    let _ = write!(
        out,
        "<table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
        t(lang, "Totals by funding source and by kind of spending", "按资金来源和支出类别汇总"),
        t(lang, "Part", "项目"),
        t(lang, "万元", "金额（万元）"),
        t(lang, "Share", "占比")
    );
    let share = |y: Decimal| {
        if m.total.is_zero() {
            String::from("—")
        } else {
            format!("{}%", (y * Decimal::from(100) / m.total).round_dp(1))
        }
    };
    for (s, y) in &m.by_source {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            name_source(*s, lang),
            wan(*y),
            share(*y)
        );
    }
    for (c, y) in &m.by_category {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            name_category(*c, lang),
            wan(*y),
            share(*y)
        );
    }
    let _ = writeln!(
        out,
        "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">100%</td></tr></tbody></table>",
        t(lang, "Total", "合计"),
        wan(m.total)
    );
    // Findings by family and severity.
    let _ = write!(
        out,
        "<h3>{}</h3><table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
        t(lang, "Findings", "发现"),
        t(lang, "Findings by family and severity", "按类别和严重程度统计"),
        t(lang, "Family", "类别"),
        Severity::Error.word(lang),
        Severity::Warning.word(lang),
        Severity::Advice.word(lang)
    );
    for fam in FAMILIES {
        let of: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| family_of(d.code).is_some_and(|f| f.prefix == fam.prefix))
            .collect();
        if of.is_empty() {
            continue;
        }
        let n = |s: Severity| of.iter().filter(|d| d.severity == s).count();
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}xx {}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            fam.prefix,
            esc(fam.name.get(lang)),
            n(Severity::Error),
            n(Severity::Warning),
            n(Severity::Advice)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn name_source(s: Source, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => s.chinese(),
        Lang::En => match s {
            Source::Fiscal => "Fiscal appropriation (财政拨款)",
            Source::Transfer => "Transfer funds (转移性资金)",
            Source::Carryover => "Carried over (上年结转资金)",
            Source::Other => "Other funds (其他资金)",
        },
    }
}

fn name_category(c: LineCategory, lang: Lang) -> &'static str {
    match (c, lang) {
        (LineCategory::Basic, Lang::Zh) => "基本支出",
        (LineCategory::Project, Lang::Zh) => "项目支出",
        (LineCategory::Basic, Lang::En) => "Basic spending (基本支出)",
        (LineCategory::Project, Lang::En) => "Project spending (项目支出)",
    }
}

fn charts(
    out: &mut String,
    diags: &[Diagnostic],
    forms: &[Form],
    form_of: &[Option<usize>],
    filing: &Filing,
    lang: Lang,
) {
    let _ = writeln!(
        out,
        "<section id=\"charts\" aria-labelledby=\"h-charts\"><h2 id=\"h-charts\">{}</h2>",
        t(lang, "Charts", "图表")
    );
    let m = money(filing);
    let parts: Vec<(String, Decimal)> = m
        .by_source
        .iter()
        .filter(|(_, y)| !y.is_zero())
        .map(|(s, y)| (name_source(*s, lang).to_string(), *y))
        .collect();
    let cats: Vec<(String, Decimal)> = m
        .by_category
        .iter()
        .filter(|(_, y)| !y.is_zero())
        .map(|(c, y)| (name_category(*c, lang).to_string(), *y))
        .collect();
    let _ = writeln!(
        out,
        "<figure><figcaption>{}</figcaption>{}{}</figure>",
        t(lang, "Budget composition (万元)", "预算构成（万元）"),
        svg::composition(&parts, t(lang, "By funding source", "按资金来源"), lang),
        svg::composition(&cats, t(lang, "By kind of spending", "按支出类别"), lang)
    );
    let per_form: Vec<(String, [usize; 3])> = forms
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut n = [0; 3];
            for (d, _) in diags.iter().zip(form_of).filter(|(_, g)| **g == Some(i)) {
                n[match d.severity {
                    Severity::Error => 0,
                    Severity::Warning => 1,
                    Severity::Advice => 2,
                }] += 1;
            }
            (f.header.name.clone(), n)
        })
        .collect();
    let _ = writeln!(
        out,
        "<figure><figcaption>{}</figcaption>{}</figure>",
        t(lang, "Findings per form", "各表发现数"),
        svg::per_form(&per_form, lang)
    );
    let matrix: Vec<(String, Vec<usize>)> = forms
        .iter()
        .map(|f| {
            let counts = svg::columns()
                .iter()
                .map(|(l1, l2)| {
                    f.header
                        .indicators
                        .iter()
                        .filter(|i: &&Indicator| i.level1 == *l1 && i.level2 == Some(*l2))
                        .count()
                })
                .collect();
            (f.header.name.clone(), counts)
        })
        .collect();
    let _ = writeln!(
        out,
        "<figure><figcaption>{}</figcaption>{}</figure>",
        t(
            lang,
            "Indicator categories of each form (× = none)",
            "各表的指标类别（× 表示没有该类指标）"
        ),
        svg::matrix(&matrix, lang)
    );
    out.push_str("</section>\n");
}

fn filters(out: &mut String, diags: &[Diagnostic], forms: &[Form], lang: Lang) {
    let _ = write!(
        out,
        "<form id=\"filters\" aria-label=\"{}\"><label>{} <select name=\"sev\"><option value=\"\">{}</option>",
        t(lang, "Filters", "筛选"),
        t(lang, "Severity", "严重程度"),
        t(lang, "all", "全部")
    );
    for s in [Severity::Error, Severity::Warning, Severity::Advice] {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            sev_class(s),
            s.word(lang)
        );
    }
    let _ = write!(
        out,
        "</select></label> <label>{} <select name=\"family\"><option value=\"\">{}</option>",
        t(lang, "Family", "类别"),
        t(lang, "all", "全部")
    );
    for fam in FAMILIES {
        if diags.iter().any(|d| d.code.starts_with(fam.prefix)) {
            let _ = write!(
                out,
                "<option value=\"{}\">{}xx {}</option>",
                fam.prefix,
                fam.prefix,
                esc(fam.name.get(lang))
            );
        }
    }
    let _ = write!(
        out,
        "</select></label> <label>{} <select name=\"form\"><option value=\"\">{}</option>",
        t(lang, "Form", "表格"),
        t(lang, "all", "全部")
    );
    for (i, f) in forms.iter().enumerate() {
        let _ = write!(
            out,
            "<option value=\"{i}\">{}</option>",
            esc(&f.title(lang))
        );
    }
    out.push_str("</select></label></form>\n");
}

fn form_section(
    out: &mut String,
    index: usize,
    form: &Form,
    mine: &[&Diagnostic],
    sources: &Sources,
    lang: Lang,
) {
    let h = form.header;
    let file = sources
        .try_get(h.origin.file_id)
        .map_or("", |f| f.name.as_str());
    let last_line = sources
        .try_get(h.origin.file_id)
        .map_or(h.origin.line, |f| f.line_col(h.origin.span.end).0);
    let _ = writeln!(
        out,
        "<article class=\"form\" id=\"form-{index}\" data-form=\"{index}\" data-file=\"{}\" data-lines=\"{}-{last_line}\" aria-labelledby=\"h-form-{index}\">",
        esc(file),
        h.origin.line
    );
    let status = if mine.is_empty() {
        format!(
            " <span class=\"clean\">{}</span>",
            t(lang, "— no findings", "— 未发现问题")
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<h3 id=\"h-form-{index}\">{}{status}</h3>",
        esc(&form.title(lang))
    );
    // Findings on an indicator row are pinned to the row; on a funds line, to the line; the
    // rest (fields, goals, the form as a whole) are listed under the form's fields.
    let on = |span: crate::source::Span| -> Vec<&Diagnostic> {
        mine.iter()
            .copied()
            .filter(|d| span.start <= d.span.start && d.span.start < span.end.max(span.start + 1))
            .collect()
    };
    let mut pinned = vec![false; mine.len()];
    let mut mark_pinned = |list: &[&Diagnostic]| {
        for d in list {
            if let Some(i) = mine.iter().position(|m| std::ptr::eq(*m, *d)) {
                pinned[i] = true;
            }
        }
    };
    // The fields.
    let _ = write!(
        out,
        "<table class=\"fields\"><caption>{}</caption><tbody>",
        t(lang, "Form fields", "基本信息")
    );
    let row = |out: &mut String, label: &str, value: &str| {
        if !value.is_empty() {
            let _ = write!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                esc(label),
                esc(value)
            );
        }
    };
    row(
        out,
        t(
            lang,
            "Name",
            if form.department.is_some() {
                "部门（单位）名称"
            } else {
                "项目名称"
            },
        ),
        &h.name,
    );
    if let Some(y) = h.year {
        row(out, t(lang, "Year", "年度"), &y.to_string());
    }
    if let Some(p) = form.project {
        row(
            out,
            t(lang, "Department", "主管部门"),
            p.department.as_deref().unwrap_or(""),
        );
    }
    row(
        out,
        t(lang, "Implementing unit", "实施单位"),
        h.implementing_unit.as_deref().unwrap_or(""),
    );
    if let Some(b) = form.project.and_then(|p| p.budget.as_ref()) {
        let mut text = wan(b.total.yuan().unwrap_or_default());
        for s in crate::model::vocab::sources() {
            if let Some(e) = b.split.get(s) {
                let _ = write!(
                    text,
                    "{}{}{}{}",
                    t(lang, "; ", "；"),
                    s.chinese(),
                    t(lang, ": ", "："),
                    e.amount
                        .as_ref()
                        .and_then(|q| q.yuan())
                        .map_or(String::new(), wan)
                );
            }
        }
        row(
            out,
            t(lang, "Annual funds (万元)", "年度资金总额（万元）"),
            &text,
        );
    }
    for g in &h.goals {
        row(out, t(lang, "Goal", "年度总体目标"), &g.text);
    }
    out.push_str("</tbody></table>\n");
    // The funds table of a department form.
    if let Some(funds) = form.department.and_then(|d| d.funds.as_ref()) {
        let _ = write!(
            out,
            "<table class=\"funds\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            t(lang, "Funds (万元)", "资金（万元）"),
            t(lang, "Task", "任务名称"),
            t(lang, "Content", "主要内容"),
            t(lang, "Total", "总额"),
            t(lang, "Findings", "审核意见")
        );
        for l in &funds.lines {
            let found = on(l.span);
            mark_pinned(&found);
            let _ = write!(
                out,
                "<tr{}><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>",
                if found.is_empty() {
                    ""
                } else {
                    " class=\"flagged\""
                },
                name_category(l.category, lang),
                esc(&l.name),
                wan(l.amount.yuan().unwrap_or_default())
            );
            findings_list(out, &found, Some(index), sources, lang);
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody></table>\n");
    }
    // The indicator table.
    if !h.indicators.is_empty() {
        let _ = write!(
            out,
            "<table class=\"indicators\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            t(lang, "Performance indicators", "绩效指标"),
            t(lang, "Level 1", "一级指标"),
            t(lang, "Level 2", "二级指标"),
            t(lang, "Indicator", "三级指标"),
            t(lang, "Target", "指标值"),
            t(lang, "Findings", "审核意见")
        );
        for (k, ind) in h.indicators.iter().enumerate() {
            let found = on(ind.span);
            mark_pinned(&found);
            let _ = write!(
                out,
                "<tr id=\"form-{index}-row-{k}\"{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>",
                if found.is_empty() { "" } else { " class=\"flagged\"" },
                ind.level1.chinese(),
                ind.level2.map_or("", |l| l.chinese_under(ind.level1)),
                esc(&ind.name),
                esc(&ind.value.as_ref().map(crate::score::value_text).unwrap_or_default())
            );
            findings_list(out, &found, Some(index), sources, lang);
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody></table>\n");
    }
    let rest: Vec<&Diagnostic> = mine
        .iter()
        .zip(&pinned)
        .filter(|(_, p)| !**p)
        .map(|(d, _)| *d)
        .collect();
    if !rest.is_empty() {
        let _ = writeln!(
            out,
            "<h4>{}</h4>",
            t(
                lang,
                "Findings on the form's fields",
                "基本信息及整表的审核意见"
            )
        );
        findings_list(out, &rest, Some(index), sources, lang);
    }
    out.push_str("</article>\n");
}

/// The level-1 categories, for the matrix's column groups.
pub(crate) fn level1s() -> [Level1; 4] {
    [
        Level1::Output,
        Level1::Effect,
        Level1::Satisfaction,
        Level1::Cost,
    ]
}
