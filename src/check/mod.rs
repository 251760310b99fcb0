//! The consistency checker (一致性检查): rules with stable codes that find what a careful
//! reviewer would flag in a filing.
//!
//! Every rule has a code in a numbered family (K01 syntax, K02 units, K03 money, K04
//! cross-document, K05 completeness, K06 values, K07 text, K08 dates, K09 weights, K10
//! configuration, K13 self-evaluation and monitoring), a default severity and a four-part doc in Chinese and English (what it
//! checks, why it matters, an example, how to fix). The docs feed `kpi explain CODE` and the
//! generated `docs/rules.md`. K01 and K02 are reported while lowering (`src/lower.rs`,
//! `src/syntax/`); the checker documents them and applies configuration to them like to its own.
//! K11 (xlsx templates and output) and K12 (import) are about workbooks, not `.kpi` text: they
//! are reported by `kpi build --to xlsx` and `kpi import`, and documented here too.
//!
//! One file per family; each exports its `RULES` and a `check` function.

mod completeness;
mod cross;
mod dates;
mod docs;
pub mod gitlab;
mod money;
mod national;
pub mod report;
mod scores;
mod suppress;
mod text;
mod values;
mod weights;
mod words;

use rust_decimal::Decimal;

use crate::diag::{self, Diagnostic};
use crate::filing::Loaded;
use crate::model::{Filing, Quantity};
use crate::source::{FileId, SourceFile, Span};

pub use crate::config::{Config, Level, Profile};
pub use crate::diag::{family_of, Doc, Family, Rule, FAMILIES};
pub use docs::{explain, rules_markdown};
pub use national::{join, Checked};

/// Every rule, in code order: the registry that `kpi explain`, `docs/rules.md`, SARIF's rule
/// list and `kpi.toml` validation read. Built once.
pub fn rules() -> Vec<&'static Rule> {
    static ALL: std::sync::OnceLock<Vec<&'static Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static Rule> = [
            crate::syntax::rules::RULES,
            crate::lower::rules::RULES,
            money::RULES,
            cross::RULES,
            national::RULES,
            completeness::RULES,
            values::RULES,
            text::RULES,
            dates::RULES,
            weights::RULES,
            scores::RULES,
            crate::config::RULES,
            crate::emit::xlsx::rules::RULES,
            crate::import::rules::RULES,
        ]
        .iter()
        .flat_map(|r| r.iter().copied())
        .collect();
        all.sort_by_key(|r| r.code);
        all
    })
    .clone()
}

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    rules()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

/// A rule that `kpi.toml` and suppression comments may name: any code `kpi check` reports
/// (the workbook families K11/K12 are reported by `kpi build --to xlsx` and `kpi import`,
/// where a severity or a suppression would have no effect).
pub(crate) fn checkable_rule(code: &str) -> Option<&'static Rule> {
    rule(code).filter(|r| family_of(r.code).is_some_and(|f| !f.workbook))
}

/// What the rules look at: the filing, its sources and the configuration.
pub(crate) struct Ctx<'a> {
    pub filing: &'a Filing,
    pub sources: &'a diag::Sources,
    pub config: &'a Config,
    /// The syntax (comments) of each file (`None` for `kpi.toml`).
    pub syntax: &'a [Option<crate::lower::FileSyntax>],
    /// What the filing's names refer to (funds lines → forms).
    pub resolution: crate::resolve::Resolution,
}

impl Ctx<'_> {
    /// The budget year of a form: `kpi.toml`, else the form's own `year`, else the
    /// department's.
    pub fn budget_year(&self, form_year: Option<i32>) -> Option<i32> {
        crate::resolve::budget_year(self.config.year, form_year, self.filing)
    }

    /// The source text of a file.
    pub fn source(&self, file: FileId) -> &SourceFile {
        self.sources.get(file)
    }
}

/// Runs every rule on a loaded filing. `config_file` is the text of `kpi.toml` when there is
/// one: it is added to the sources (so its own problems can point into it). Returns the
/// lowering diagnostics and the findings together, with the configured severities, inline
/// suppressions applied, in a stable order.
pub fn run(loaded: &mut Loaded, config_file: Option<SourceFile>) -> (Config, Vec<Diagnostic>) {
    let lowered = loaded.diagnostics.clone();
    let mut diags = lowered.clone();
    let config = match config_file {
        Some(file) => {
            let index = loaded.sources.add(file);
            let (config, problems) =
                crate::config::parse(loaded.sources.get(index), index, &checkable_rule);
            diags.extend(problems);
            config
        }
        None => Config::default(),
    };
    let cx = Ctx {
        filing: &loaded.filing,
        sources: &loaded.sources,
        config: &config,
        syntax: &loaded.syntax,
        resolution: crate::resolve::Resolution::of(&loaded.filing),
    };
    money::check(&cx, &mut diags);
    cross::check(&cx, &mut diags);
    completeness::check(&cx, &mut diags);
    values::check(&cx, &mut diags);
    text::check(&cx, &mut diags);
    dates::check(&cx, &mut diags);
    weights::check(&cx, &mut diags);
    scores::check(&cx, &mut diags);
    let mut diags = suppress::apply(&cx, diags);
    diags = config.apply_levels(diags);
    diag::sort(&mut diags);
    diags.dedup();
    (config, diags)
}

/// A sum that stops at overflow instead of panicking (issue 14): `None` when the amounts add
/// up to more than an exact decimal holds, which the caller reports as K0208.
pub(crate) fn checked_sum(amounts: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    amounts
        .into_iter()
        .try_fold(Decimal::ZERO, |sum, a| sum.checked_add(a))
}

/// Money in 万元 as a form writes it: `1238.68万元`.
pub(crate) fn wan(yuan: Decimal) -> String {
    format!("{}万元", (yuan / Decimal::from(10_000)).normalize())
}

/// The span of the first occurrence of `needle` inside `within`, or `within` itself.
pub(crate) fn find_in(source: &SourceFile, within: Span, needle: &str) -> Span {
    let end = within.end.min(source.text.len());
    let start = within.start.min(end);
    if needle.is_empty()
        || !source.text.is_char_boundary(start)
        || !source.text.is_char_boundary(end)
    {
        return within;
    }
    match source.text[start..end].find(needle) {
        Some(i) => Span::new(start + i, start + i + needle.len()),
        None => within,
    }
}

/// The span of a quantity's number inside a statement (skipping the keyword before it).
pub(crate) fn number_span(source: &SourceFile, within: Span, q: &Quantity) -> Span {
    let number = q.value.to_string();
    let s = find_in(source, within, &number);
    if s == within {
        return s;
    }
    // Extend over the unit written right after the number (spaces allowed).
    let text = &source.text;
    let mut end = s.end;
    let rest = &text[end..within.end.min(text.len())];
    let trimmed = rest.trim_start();
    let skipped = rest.len() - trimmed.len();
    let unit: usize = trimmed
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ';' | '；' | '{' | '}' | ',' | '"'))
        .map(char::len_utf8)
        .sum();
    if unit > 0 {
        end += skipped + unit;
    }
    Span::new(s.start, end)
}
