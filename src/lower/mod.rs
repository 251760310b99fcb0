//! Lowering and type-checking (降级与类型检查): pest syntax tree → typed model.
//!
//! Reads every statement into the model exactly as written and reports what cannot mean
//! anything: unknown units, a level 2 under the wrong level 1, a cost that is not money, a
//! date that does not exist. Whether a form is complete or consistent is the checker's job.

use std::str::FromStr;

use pest::iterators::{Pair, Pairs};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

pub mod rules;

use crate::diag::{Diagnostic, Finding, Text};
use crate::model::vocab::{Meaning, WORDS};
use crate::model::*;
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::{self, children, string_value, ParsedFile, Rule, SyntaxTree};

/// What lowering one file gives: its forms, its diagnostics (syntax and type errors), its
/// comments and, when asked for, its lossless syntax tree. Each file is lowered on its own, so
/// a result can be kept and recombined into a filing ([`LoweredFile::into_filing`]) when
/// another file changes.
#[derive(Debug, Clone)]
pub struct LoweredFile {
    /// The file's index in its run's sources.
    pub file: FileId,
    pub projects: Vec<Project>,
    pub departments: Vec<Department>,
    pub diagnostics: Vec<Diagnostic>,
    pub syntax: FileSyntax,
}

/// What a run keeps of a `.kpi` file's syntax once it is lowered.
#[derive(Debug, Clone, Default)]
pub struct FileSyntax {
    /// The comments, in file order: their span and text (suppressions read them).
    pub comments: Vec<(Span, String)>,
    /// The lossless tree, for the language server ([`lower_source_with_tree`]).
    pub tree: Option<SyntaxTree>,
}

impl LoweredFile {
    /// Adds the file's forms to a filing; returns its diagnostics and syntax.
    pub fn into_filing(self, filing: &mut Filing) -> (Vec<Diagnostic>, FileSyntax) {
        filing.projects.extend(self.projects);
        filing.departments.extend(self.departments);
        (self.diagnostics, self.syntax)
    }
}

/// Parses and lowers one file; its lossless tree is not built (check, build).
pub fn lower_source(source: &SourceFile, file: FileId, units: &CustomUnits) -> LoweredFile {
    let parsed = syntax::parse_file_without_tree(&source.text, file);
    lower_parsed(source, &parsed, file, units)
}

/// [`lower_source`], keeping the file's lossless tree (the language server).
pub fn lower_source_with_tree(
    source: &SourceFile,
    file: FileId,
    units: &CustomUnits,
) -> LoweredFile {
    let parsed = syntax::parse_file(&source.text, file);
    lower_parsed(source, &parsed, file, units)
}

/// Lowers a file already parsed (the formatter parses once and both lowers and prints).
pub fn lower_parsed(
    source: &SourceFile,
    parsed: &ParsedFile<'_>,
    file: FileId,
    units: &CustomUnits,
) -> LoweredFile {
    let mut cx = Lowerer {
        source,
        file,
        diags: parsed.diagnostics.clone(),
        units,
    };
    let (mut projects, mut departments) = (Vec::new(), Vec::new());
    for item in &parsed.items {
        cx.full_width_warnings(item);
        match item.as_rule() {
            Rule::project_item => projects.push(cx.project(item.clone())),
            Rule::department_item => departments.push(cx.department(item.clone())),
            _ => {}
        }
    }
    LoweredFile {
        file,
        projects,
        departments,
        diagnostics: cx.diags,
        syntax: FileSyntax {
            comments: parsed.comment_spans(),
            tree: parsed.tree.clone(),
        },
    }
}

/// Lowers one file into the filing; returns the file's diagnostics (syntax and type errors).
pub fn lower_file(source: &SourceFile, file: FileId, filing: &mut Filing) -> Vec<Diagnostic> {
    lower_file_with(source, file, filing, &CustomUnits::new())
}

/// [`lower_file`] with the units the filing declares in `kpi.toml` `[units]`.
pub fn lower_file_with(
    source: &SourceFile,
    file: FileId,
    filing: &mut Filing,
    units: &CustomUnits,
) -> Vec<Diagnostic> {
    lower_source(source, file, units).into_filing(filing).0
}

struct Lowerer<'s> {
    source: &'s SourceFile,
    file: FileId,
    diags: Vec<Diagnostic>,
    units: &'s CustomUnits,
}

/// Where a quantity stands, which decides what units it may have.
#[derive(Clone, Copy, PartialEq)]
enum Position {
    /// A budget or funds amount: must be money; `万` alone means 万元.
    Money,
    /// An indicator value.
    Indicator(Level1, Option<Level2>),
    /// A project period.
    Period,
}

impl<'s> Lowerer<'s> {
    fn line(&self, span: Span) -> usize {
        self.source.line_col(span.start).0
    }

    /// A finding of one of the rules lowering reports (K01, K02).
    fn report(&mut self, finding: impl Finding, span: Span) {
        self.diags.push(finding.at(self.file, span));
    }

    /// K0207: a five-digit number where a date belongs, read as the Excel date serial it is.
    fn excel_serial(&mut self, pair: &Pair<'_, Rule>) -> Option<Date> {
        let text = pair.as_str().trim();
        let date = text.parse::<i64>().ok().and_then(Date::from_excel_serial);
        let span: Span = pair.as_span().into();
        match date {
            Some(d) => {
                self.report(
                    rules::ExcelDateSerial {
                        written: text,
                        date: d,
                    },
                    span,
                );
                Some(d)
            }
            None => {
                self.bad_date(span, text);
                None
            }
        }
    }

    /// Full-width `；｛｝＜＞` are accepted, with a warning that says what to type instead.
    ///
    /// Found from where the characters are, not by walking every pair of the form (2% of a
    /// check; issue 14): each of the five is a three-byte sequence with the lead byte 0xEF
    /// (EF BC 9B, EF BD 9B, EF BD 9D, EF BC 9C, EF BC 9E), found with memchr; then only the
    /// pairs that hold one are walked into, to see whether a punctuation pair begins there
    /// (in a quoted text or a comment none does). Same findings, in the same order.
    fn full_width_warnings(&mut self, item: &Pair<'_, Rule>) {
        let base = item.as_span().start();
        let bytes = item.as_str().as_bytes();
        let positions: Vec<usize> = memchr::memchr_iter(0xEF, bytes)
            .filter(|&at| {
                matches!(
                    bytes.get(at + 1..at + 3),
                    Some([0xBC, 0x9B | 0x9C | 0x9E] | [0xBD, 0x9B | 0x9D])
                )
            })
            .map(|at| base + at)
            .collect();
        if positions.is_empty() {
            return;
        }
        let mut found = Vec::new();
        punctuation_at(item.clone().into_inner(), &positions, &mut found);
        for p in found {
            let s = p.as_str();
            let ascii = match s {
                "；" => ";",
                "｛" => "{",
                "｝" => "}",
                "＜" => "<",
                "＞" => ">",
                _ => continue,
            };
            let finding = crate::syntax::rules::FullWidth { found: s, ascii };
            self.diags.push(
                finding
                    .at(self.file, p.as_span().into())
                    .with_fix(crate::diag::Fix {
                        title: Text::new(
                            format!("Replace `{s}` with `{ascii}`"),
                            format!("将“{s}”改为 `{ascii}`"),
                        ),
                        span: p.as_span().into(),
                        replacement: ascii.to_string(),
                        // The full-width sign and the ASCII one mean the same to the parser.
                        safe: true,
                    }),
            );
        }
    }

    fn origin(&self, item: &Pair<'_, Rule>, name: &Pair<'_, Rule>) -> Origin {
        let span: Span = item.as_span().into();
        Origin {
            file: self.source.name.clone(),
            line: self.line(span),
            file_id: self.file,
            span,
            name_span: name.as_span().into(),
        }
    }

    fn duplicate(&mut self, span: Span, what: &str, what_zh: &str) {
        let field = (what, what_zh);
        self.report(crate::syntax::rules::FieldGivenTwice { field }, span);
    }

    /// The form's header with its name and origin, and its statements (the item's children
    /// after the name), which fill the rest.
    fn form_header<'i>(
        &self,
        item: &Pair<'i, Rule>,
    ) -> Option<(FormHeader, impl Iterator<Item = Pair<'i, Rule>>)> {
        let mut parts = children(item);
        let _kw = parts.next();
        let name_pair = parts.next()?;
        let header = FormHeader {
            name: string_value(&name_pair),
            origin: self.origin(item, &name_pair),
            ..FormHeader::default()
        };
        Some((header, parts))
    }

    fn project(&mut self, item: Pair<'_, Rule>) -> Project {
        let Some((header, parts)) = self.form_header(&item) else {
            return Project::default();
        };
        let mut p = Project {
            header,
            ..Project::default()
        };
        for stmt in parts {
            match stmt.as_rule() {
                Rule::project_stmt => {
                    let Some(inner) = children(&stmt).next() else {
                        continue;
                    };
                    let span: Span = inner.as_span().into();
                    match inner.as_rule() {
                        Rule::supervisor_stmt => {
                            if p.department.is_some() {
                                self.duplicate(span, "department", "主管部门");
                            }
                            let strings: Vec<_> = children(&inner)
                                .filter(|c| c.as_rule() == Rule::string)
                                .collect();
                            p.department = strings.first().map(string_value);
                            if let Some(code) = strings.get(1) {
                                if p.code.is_some() {
                                    self.duplicate(span, "code", "代码");
                                }
                                p.code = Some(string_value(code));
                            }
                        }
                        Rule::kind_stmt => {
                            if p.kind.is_some() {
                                self.duplicate(span, "kind", "项目属性");
                            }
                            p.kind = Some(self.kind(&inner));
                        }
                        Rule::period_stmt => {
                            if p.period.is_some() {
                                self.duplicate(span, "period", "项目期");
                            }
                            p.period = self.period(&inner);
                            if p.period.is_none() {
                                p.unread.push(Unread::Field("period"));
                            }
                        }
                        Rule::budget_stmt => {
                            if p.budget.is_some() {
                                self.duplicate(span, "budget", "年度资金总额");
                            }
                            p.budget = self.budget(&inner);
                            if p.budget.is_none() {
                                // Its amount was reported (K0204 …): not also "no budget".
                                p.unread.push(Unread::Field("budget"));
                            }
                        }
                        Rule::execution_stmt => self.execution(&inner, &mut p.execution),
                        Rule::score_stmt => {
                            let mut parts = children(&inner);
                            let (Some(kw), Some(n)) = (parts.next(), parts.next()) else {
                                continue;
                            };
                            let (slot, en, zh) = if kw.as_rule() == Rule::kw_total_score {
                                (&mut p.execution.total_score, "total-score", "总分")
                            } else {
                                (&mut p.execution.score, "execution-score", "执行率得分")
                            };
                            if slot.is_some() {
                                self.duplicate(span, en, zh);
                            }
                            *slot = self.number(&n).map(|v| Spanned::new(v, n.as_span().into()));
                        }
                        Rule::outcome_stmt | Rule::reason_stmt => {
                            let (slot, en, zh) = if inner.as_rule() == Rule::outcome_stmt {
                                (&mut p.execution.outcome, "outcome", "目标完成情况")
                            } else {
                                (&mut p.execution.reason, "reason", "偏差原因")
                            };
                            if slot.is_some() {
                                self.duplicate(span, en, zh);
                            }
                            *slot = children(&inner)
                                .find(|c| c.as_rule() == Rule::string)
                                .map(|c| Spanned::new(string_value(&c), c.as_span().into()));
                        }
                        _ => self.common(&inner, &mut p.header),
                    }
                }
                Rule::recover_stmt => {
                    self.recovered(&stmt, Rule::project_stmt_only);
                    p.unread.push(unread(stmt.as_str()));
                }
                _ => {}
            }
        }
        p
    }

    fn department(&mut self, item: Pair<'_, Rule>) -> Department {
        let Some((header, parts)) = self.form_header(&item) else {
            return Department::default();
        };
        let mut d = Department {
            header,
            ..Department::default()
        };
        for stmt in parts {
            match stmt.as_rule() {
                Rule::department_stmt => {
                    let Some(inner) = children(&stmt).next() else {
                        continue;
                    };
                    if inner.as_rule() == Rule::funds_stmt {
                        if d.funds.is_some() {
                            self.duplicate(inner.as_span().into(), "funds", "资金表");
                        }
                        d.funds = Some(self.funds(&inner));
                    } else {
                        self.common(&inner, &mut d.header);
                    }
                }
                Rule::recover_stmt => {
                    self.recovered(&stmt, Rule::department_stmt_only);
                    d.unread.push(unread(stmt.as_str()));
                }
                _ => {}
            }
        }
        d
    }

    /// The statements both kinds of form have: code, unit, year, filing, goals, indicators.
    fn common(&mut self, inner: &Pair<'_, Rule>, c: &mut FormHeader) {
        let span: Span = inner.as_span().into();
        match inner.as_rule() {
            Rule::code_stmt => {
                if c.code.is_some() {
                    self.duplicate(span, "code", "代码");
                }
                c.code = self.string_arg(inner);
            }
            Rule::unit_stmt => {
                if c.implementing_unit.is_some() {
                    self.duplicate(span, "unit", "实施单位");
                }
                c.implementing_unit = self.string_arg(inner);
            }
            Rule::year_stmt => {
                if c.year.is_some() {
                    self.duplicate(span, "year", "年度");
                }
                c.year = self.year(inner);
            }
            Rule::filed_stmt => self.filed(inner, &mut c.filed),
            Rule::goal_stmt => c.goals.push(self.goal(inner)),
            Rule::indicator_stmt => {
                if let Some(ind) = self.indicator(inner) {
                    c.indicators.push(ind);
                }
            }
            _ => {}
        }
    }

    /// A statement the tolerant grammar swallowed: report its exact syntax error.
    fn recovered(&mut self, stmt: &Pair<'_, Rule>, strict: Rule) {
        let d = syntax::strict_error(&self.source.text, stmt.as_span().into(), strict, self.file);
        self.diags.push(d);
    }

    fn string_arg(&self, stmt: &Pair<'_, Rule>) -> Option<String> {
        children(stmt)
            .find(|c| c.as_rule() == Rule::string)
            .map(|c| string_value(&c))
    }

    fn kind(&mut self, stmt: &Pair<'_, Rule>) -> Kind {
        let mut kind = Kind {
            span: stmt.as_span().into(),
            ..Kind::default()
        };
        for v in children(stmt).filter(|c| c.as_rule() == Rule::kind_value) {
            let Some(inner) = children(&v).next() else {
                continue;
            };
            let push = |k: ProjectKind, kinds: &mut Vec<ProjectKind>| {
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            };
            match inner.as_rule() {
                Rule::string => {
                    let text = string_value(&inner);
                    // Recognise the words a form writes, in the order they appear.
                    let mut found: Vec<(usize, ProjectKind)> = WORDS
                        .iter()
                        .filter_map(|w| match w.meaning {
                            Meaning::ProjectKind(k) => {
                                let at = w.stems().iter().filter_map(|s| text.find(s)).min();
                                at.map(|i| (i, k))
                            }
                            _ => None,
                        })
                        .collect();
                    found.sort_by_key(|(i, _)| *i);
                    for (_, k) in found {
                        push(k, &mut kind.kinds);
                    }
                    kind.text = Some(text);
                }
                rule => {
                    if let Some(Meaning::ProjectKind(k)) = syntax::meaning(rule) {
                        push(k, &mut kind.kinds);
                    }
                }
            }
        }
        kind
    }

    fn year(&mut self, stmt: &Pair<'_, Rule>) -> Option<i32> {
        let y = children(stmt).find(|c| c.as_rule() == Rule::year_value)?;
        self.year_value(&y)
    }

    fn year_value(&mut self, y: &Pair<'_, Rule>) -> Option<i32> {
        let digits: String = y
            .as_str()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let year: i32 = digits.parse().ok()?;
        if !(1900..=2999).contains(&year) {
            self.bad_date(y.as_span().into(), y.as_str());
            return None;
        }
        Some(year)
    }

    fn bad_date(&mut self, span: Span, text: &str) {
        self.report(rules::ImpossibleDate::NoSuchDate { written: text }, span);
    }

    /// A `date` or `month` pair → a calendar date.
    fn date(&mut self, pair: &Pair<'_, Rule>) -> Option<Date> {
        let text = pair.as_str();
        let parsed = date_parts(text).and_then(|(y, m, d)| Date::new(y, m, d));
        if parsed.is_none() {
            self.bad_date(pair.as_span().into(), text);
        }
        parsed
    }

    fn date_range(&mut self, pair: &Pair<'_, Rule>) -> Option<(Date, Date)> {
        let (from, to) = match children(pair).next() {
            // `2023年1-12月`, `2023年1月-12月`: months of one year.
            Some(span) if span.as_rule() == Rule::month_span => {
                let nums: Vec<u32> = span
                    .as_str()
                    .split(|c: char| !c.is_ascii_digit())
                    .filter_map(|n| n.parse().ok())
                    .collect();
                let (year, m1, m2) = (*nums.first()? as i32, *nums.get(1)?, *nums.get(2)?);
                let (from, to) = (Date::new(year, m1, None), Date::new(year, m2, None));
                if from.is_none() || to.is_none() {
                    self.bad_date(span.as_span().into(), span.as_str());
                }
                (from?, to?)
            }
            _ => {
                let ends: Vec<_> = children(pair)
                    .filter(|c| c.as_rule() == Rule::range_end)
                    .filter_map(|e| children(&e).next())
                    .collect();
                let from = self.date(ends.first()?);
                let to = self.date(ends.get(1)?);
                (from?, to?)
            }
        };
        let end_of = |d: Date| (d.year, d.month, d.day.unwrap_or(31));
        let start_of = |d: Date| (d.year, d.month, d.day.unwrap_or(1));
        if start_of(from) > end_of(to) {
            self.report(
                rules::ImpossibleDate::EndsBeforeStart,
                pair.as_span().into(),
            );
        }
        Some((from, to))
    }

    fn period(&mut self, stmt: &Pair<'_, Rule>) -> Option<Spanned<Period>> {
        let value = children(stmt).find(|c| c.as_rule() == Rule::period_value)?;
        let span: Span = value.as_span().into();
        let inner = children(&value).next()?;
        let period = match inner.as_rule() {
            Rule::date_range => {
                let (from, to) = self.date_range(&inner)?;
                Period::Range { from, to }
            }
            Rule::date => Period::Date {
                date: self.date(&children(&inner).next()?)?,
            },
            Rule::year_value => Period::Year {
                year: self.year_value(&inner)?,
            },
            Rule::date_serial => Period::Date {
                date: self.excel_serial(&inner)?,
            },
            Rule::quantity => {
                let q = self.quantity(&inner, Position::Period)?;
                if q.dimension() != Some(Dimension::Time) {
                    let written = inner.as_str();
                    self.report(rules::NotAPeriod { written }, span);
                    return None;
                }
                Period::Duration { length: q }
            }
            Rule::string => Period::Text {
                text: string_value(&inner),
            },
            _ => return None,
        };
        Some(Spanned::new(period, span))
    }

    fn split(&mut self, pair: &Pair<'_, Rule>) -> Split {
        let mut split = Split::default();
        for entry in children(pair).filter(|c| c.as_rule() == Rule::split_entry) {
            let span: Span = entry.as_span().into();
            let mut source = None;
            let mut amount = None;
            for c in children(&entry) {
                match c.as_rule() {
                    Rule::source => source = self.source_of(&c),
                    Rule::quantity => amount = self.quantity(&c, Position::Money),
                    _ => {}
                }
            }
            let Some(source) = source else { continue };
            let slot = split.slot(source);
            if slot.is_some() {
                self.duplicate(span, source.keyword(), source.chinese());
            }
            *slot = Some(Entry { amount, span });
        }
        split
    }

    fn source_of(&self, pair: &Pair<'_, Rule>) -> Option<Source> {
        match syntax::meaning(children(pair).next()?.as_rule())? {
            Meaning::Source(s) => Some(s),
            _ => None,
        }
    }

    fn budget(&mut self, stmt: &Pair<'_, Rule>) -> Option<Budget> {
        let mut total = None;
        let mut split = Split::default();
        for c in children(stmt) {
            match c.as_rule() {
                Rule::quantity => total = self.quantity(&c, Position::Money),
                Rule::split => split = self.split(&c),
                _ => {}
            }
        }
        Some(Budget {
            total: total?,
            split,
            span: stmt.as_span().into(),
        })
    }

    /// 全年预算数, 全年执行数, 1-7月执行数, 全年预计执行数: an amount and its split, like the
    /// budget.
    fn execution(&mut self, stmt: &Pair<'_, Rule>, execution: &mut Execution) {
        let Some(kind) = children(stmt)
            .find(|c| c.as_rule() == Rule::execution_kind)
            .and_then(|k| children(&k).next())
        else {
            return;
        };
        let (slot, en, zh) = match kind.as_rule() {
            Rule::kw_adjusted => (&mut execution.adjusted, "adjusted", "全年预算数"),
            Rule::kw_executed => (&mut execution.executed, "executed", "全年执行数"),
            Rule::kw_midyear => (&mut execution.midyear, "midyear", "1-7月执行数"),
            _ => (&mut execution.forecast, "forecast", "全年预计执行数"),
        };
        if slot.is_some() {
            self.duplicate(stmt.as_span().into(), en, zh);
        }
        *slot = self.budget(stmt);
    }

    /// A decimal as written in a score or weight (`9.5`, `１０`, `1,000`): exact, or `None`
    /// (the grammar only lets digits through, so this fails only past Decimal's range).
    fn number(&self, pair: &Pair<'_, Rule>) -> Option<Decimal> {
        let text: String = pair
            .as_str()
            .chars()
            .filter(|c| *c != ',')
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                c => c,
            })
            .collect();
        Decimal::from_str(text.trim_end_matches('.')).ok()
    }

    fn filed(&mut self, stmt: &Pair<'_, Rule>, slot: &mut Option<Filed>) {
        let filed = slot.get_or_insert_with(|| Filed {
            span: stmt.as_span().into(),
            ..Filed::default()
        });
        let mut last_kw = Rule::kw_filed;
        let mut twice = false;
        for c in children(stmt) {
            match c.as_rule() {
                Rule::kw_filed | Rule::kw_by | Rule::kw_phone => last_kw = c.as_rule(),
                Rule::date => {
                    let span: Span = c.as_span().into();
                    if let Some(inner) = children(&c).next() {
                        if let Some(d) = self.date(&inner) {
                            twice |= filed.date.is_some();
                            filed.date = Some(Spanned::new(d, span));
                        }
                    }
                }
                Rule::date_serial => {
                    if let Some(d) = self.excel_serial(&c) {
                        twice |= filed.date.is_some();
                        filed.date = Some(Spanned::new(d, c.as_span().into()));
                    }
                }
                Rule::string => {
                    let v = string_value(&c);
                    if last_kw == Rule::kw_by {
                        twice |= filed.filer.is_some();
                        filed.filer = Some(v);
                    } else {
                        twice |= filed.phone.is_some();
                        filed.phone = Some(v);
                    }
                }
                _ => {}
            }
        }
        if twice {
            self.duplicate(stmt.as_span().into(), "filed", "填报信息");
        }
    }

    fn goal(&self, stmt: &Pair<'_, Rule>) -> Goal {
        Goal {
            text: self.string_arg(stmt).unwrap_or_default(),
            span: stmt.as_span().into(),
        }
    }

    fn funds(&mut self, stmt: &Pair<'_, Rule>) -> Funds {
        let mut funds = Funds {
            span: stmt.as_span().into(),
            ..Funds::default()
        };
        for entry in children(stmt).filter(|c| c.as_rule() == Rule::funds_entry) {
            let Some(inner) = children(&entry).next() else {
                continue;
            };
            let span: Span = inner.as_span().into();
            let mut category = None;
            let mut name = None;
            let mut amount = None;
            let mut amount_span = span;
            let mut split = Split::default();
            let mut link = None;
            let mut link_span = None;
            for c in children(&inner) {
                match c.as_rule() {
                    Rule::line_category => {
                        category = children(&c).next().map(|k| match k.as_rule() {
                            Rule::kw_basic => LineCategory::Basic,
                            _ => LineCategory::Project,
                        })
                    }
                    Rule::string => name = Some((string_value(&c), Span::from(c.as_span()))),
                    Rule::quantity => {
                        amount_span = c.as_span().into();
                        amount = self.quantity(&c, Position::Money);
                    }
                    Rule::split => split = self.split(&c),
                    Rule::source => {
                        // `72.68万元 fiscal`: the whole amount comes from one source.
                        if let (Some(src), Some(a)) = (self.source_of(&c), amount.clone()) {
                            *split.slot(src) = Some(Entry {
                                amount: Some(a),
                                span: c.as_span().into(),
                            });
                        }
                    }
                    Rule::link => {
                        if let Some(s) = children(&c).find(|s| s.as_rule() == Rule::string) {
                            link = Some(string_value(&s));
                            link_span = Some(Span::from(s.as_span()));
                        }
                    }
                    _ => {}
                }
            }
            let Some(amount) = amount else { continue };
            let line = self.line(span);
            if inner.as_rule() == Rule::funds_line {
                let (Some(category), Some((name, name_span))) = (category, name) else {
                    continue;
                };
                funds.lines.push(FundsLine {
                    category,
                    name,
                    amount,
                    split,
                    link,
                    link_span,
                    line,
                    span,
                    name_span,
                    amount_span,
                });
            } else {
                funds.totals.push(StatedTotal {
                    category,
                    amount,
                    split,
                    line,
                    span,
                    amount_span,
                });
            }
        }
        funds
    }

    fn indicator(&mut self, stmt: &Pair<'_, Rule>) -> Option<Indicator> {
        let span: Span = stmt.as_span().into();
        let mut level1 = None;
        let mut level2 = None;
        let mut level2_span = span;
        let mut name = None;
        let mut value = None;
        let mut value_span = Span::new(span.end, span.end);
        let mut attrs = None;
        for c in children(stmt) {
            match c.as_rule() {
                Rule::level1 => level1 = children(&c).next().map(|k| level1_of(k.as_rule())),
                Rule::level2 => {
                    level2_span = c.as_span().into();
                    level2 = children(&c).next().and_then(|k| level2_of(k.as_rule()));
                }
                Rule::string => name = Some((string_value(&c), Span::from(c.as_span()))),
                Rule::value => value = Some(c),
                Rule::attributes => attrs = Some(c),
                _ => {}
            }
        }
        let level1 = level1?;
        let (name, name_span) = name?;
        if let Some(l2) = level2 {
            if !level1.children().contains(&l2) {
                let parents: Vec<&str> = [
                    Level1::Output,
                    Level1::Cost,
                    Level1::Effect,
                    Level1::Satisfaction,
                ]
                .into_iter()
                .filter(|l| l.children().contains(&l2))
                .map(Level1::keyword)
                .collect();
                let parents_zh: Vec<&str> = [
                    Level1::Output,
                    Level1::Cost,
                    Level1::Effect,
                    Level1::Satisfaction,
                ]
                .into_iter()
                .filter(|l| l.children().contains(&l2))
                .map(Level1::chinese)
                .collect();
                let allowed: Vec<&str> = level1.children().iter().map(|l| l.keyword()).collect();
                let allowed_zh: Vec<&str> = level1.children().iter().map(|l| l.chinese()).collect();
                let finding = rules::Level2UnderWrongLevel1 {
                    level2: l2,
                    level1,
                    belongs: (parents, parents_zh),
                    allowed: (allowed, allowed_zh),
                };
                self.report(finding, level2_span);
                return None;
            }
        }
        let mut ind = Indicator {
            level1,
            level2,
            name,
            value: None,
            weight: None,
            explanation: None,
            scoring: None,
            standard: None,
            direction: None,
            assessment: None,
            line: self.line(span),
            span,
            name_span,
            value_span,
        };
        if let Some(v) = value {
            value_span = v.as_span().into();
            ind.value_span = value_span;
            ind.value = self.value(&v, level1, level2);
        }
        if let Some(a) = attrs {
            self.attributes(&a, &mut ind);
        }
        Some(ind)
    }

    /// An actual, a 1-7月 figure or a forecast: read like the target, in the same category.
    fn assessed_value(&mut self, pair: &Pair<'_, Rule>, ind: &Indicator) -> Option<Spanned<Value>> {
        let span: Span = pair.as_span().into();
        // The category's units are judged on the target (K0202); the actual is compared with
        // the target instead (K1306), so that one misfit is not reported twice.
        self.read_value(pair, ind.level1, ind.level2)
            .map(|v| Spanned::new(v, span))
    }

    /// A target, with its unit judged against the category (K0202).
    fn value(
        &mut self,
        pair: &Pair<'_, Rule>,
        level1: Level1,
        level2: Option<Level2>,
    ) -> Option<Value> {
        let value = self.read_value(pair, level1, level2)?;
        self.type_check(&value, level1, level2, pair.as_span().into());
        Some(value)
    }

    /// A value as written: a comparison with a quantity, a date, a period or a phrase.
    fn read_value(
        &mut self,
        pair: &Pair<'_, Rule>,
        level1: Level1,
        level2: Option<Level2>,
    ) -> Option<Value> {
        let mut comparator = None;
        let mut result = None;
        for c in children(pair) {
            match c.as_rule() {
                Rule::comparator => comparator = Comparator::from_symbol(c.as_str()),
                Rule::string => {
                    return Some(Value::Qualitative {
                        text: string_value(&c),
                    })
                }
                Rule::quantity => {
                    let q = self.quantity(&c, Position::Indicator(level1, level2))?;
                    let serial = level2 == Some(Level2::Timeliness)
                        && q.unit.is_none()
                        && q.multiplier.is_none()
                        && q.value.is_integer()
                        && c.as_str().trim().len() == 5;
                    if serial && q.value.to_i64().and_then(Date::from_excel_serial).is_some() {
                        // A date cell pasted as its serial number (`45291`).
                        let date = self.excel_serial(&c)?;
                        result = Some(Value::Date {
                            comparator: comparator.unwrap_or(Comparator::Equal),
                            explicit: comparator.is_some(),
                            date,
                        });
                        continue;
                    }
                    result = Some(Value::Quantitative {
                        comparator: comparator.unwrap_or(Comparator::Equal),
                        explicit: comparator.is_some(),
                        quantity: q,
                    });
                }
                Rule::month_date => {
                    let d = self.date(&c)?;
                    result = Some(Value::Date {
                        comparator: comparator.unwrap_or(Comparator::Equal),
                        explicit: comparator.is_some(),
                        date: d,
                    });
                }
                Rule::date => {
                    let d = self.date(&children(&c).next()?)?;
                    result = Some(Value::Date {
                        comparator: comparator.unwrap_or(Comparator::Equal),
                        explicit: comparator.is_some(),
                        date: d,
                    });
                }
                Rule::date_range => {
                    let (from, to) = self.date_range(&c)?;
                    result = Some(Value::Period {
                        comparator: comparator.unwrap_or(Comparator::Equal),
                        explicit: comparator.is_some(),
                        from,
                        to,
                    });
                }
                _ => {}
            }
        }
        result
    }

    /// K0202: a unit that cannot measure the category (cost in %, satisfaction in 个, a
    /// timeliness that is not a time, a date or %).
    fn type_check(&mut self, value: &Value, level1: Level1, level2: Option<Level2>, span: Span) {
        let is_cost = level1 == Level1::Cost || level2 == Some(Level2::Cost);
        let is_satisfaction = level1 == Level1::Satisfaction;
        let is_timeliness = level2 == Some(Level2::Timeliness);
        let (written, dim, unit) = match value {
            Value::Quantitative { quantity, .. } => match &quantity.unit {
                // An unknown unit was reported once (K0201); judging its fit would repeat it.
                Some(u) if u.dimension == Dimension::Other => return,
                // `28.40/株`: the money unit is missing, which the checker reports (K0306).
                Some(u) if u.symbol.starts_with('/') && is_cost_position(level1, level2) => return,
                Some(u) => (
                    quantity.written(),
                    Some(u.dimension),
                    Some(u.symbol.clone()),
                ),
                None => return,
            },
            Value::Date { .. } | Value::Period { .. } => (String::new(), None, None),
            Value::Qualitative { .. } => return,
        };
        let money_rate = unit
            .as_deref()
            .and_then(|u| u.split_once('/'))
            .and_then(|(num, _)| parse_unit(num))
            .and_then(|p| p.unit)
            .is_some_and(|u| u.dimension == Dimension::Money);
        let (ok, cat_en, cat_zh, want_en, want_zh) = if is_cost {
            (
                dim == Some(Dimension::Money) || money_rate,
                "a cost",
                "成本指标",
                "an amount of money (元, 万元)",
                "金额（元、万元）",
            )
        } else if is_satisfaction {
            (
                dim == Some(Dimension::Percent),
                "a satisfaction",
                "满意度指标",
                "a percentage (≥90%)",
                "百分比（≥90%）",
            )
        } else if is_timeliness {
            (
                matches!(dim, None | Some(Dimension::Time) | Some(Dimension::Percent)),
                "a timeliness",
                "时效指标",
                "a time (天, 月), a date, a period or a percentage",
                "时间（天、月）、日期、期间或百分比",
            )
        } else {
            return;
        };
        if ok {
            return;
        }
        let what = if written.is_empty() {
            "a date".to_string()
        } else {
            format!("`{written}`")
        };
        let what_zh = if written.is_empty() {
            "日期".to_string()
        } else {
            format!("“{written}”")
        };
        let finding = rules::UnitDoesNotFit {
            category: (cat_en, cat_zh),
            written: (&what, &what_zh),
            wanted: (want_en, want_zh),
        };
        self.report(finding, span);
    }

    fn attributes(&mut self, pair: &Pair<'_, Rule>, ind: &mut Indicator) {
        for a in children(pair).filter(|c| c.as_rule() == Rule::attribute) {
            let mut parts = children(&a);
            let Some(kw) = parts.next() else { continue };
            let Some(arg) = parts.next() else { continue };
            match kw.as_rule() {
                Rule::kw_weight => ind.weight = Decimal::from_str(arg.as_str()).ok(),
                Rule::kw_explanation => ind.explanation = Some(string_value(&arg)),
                Rule::kw_scoring => ind.scoring = Some(string_value(&arg)),
                Rule::kw_standard => ind.standard = Some(string_value(&arg)),
                Rule::kw_direction => {
                    ind.direction = children(&arg).next().map(|d| match d.as_rule() {
                        Rule::kw_negative => Direction::Negative,
                        _ => Direction::Positive,
                    })
                }
                Rule::kw_actual => {
                    let value = self.assessed_value(&arg, ind);
                    ind.assessment_mut().actual = value;
                }
                Rule::kw_midyear => {
                    let value = self.assessed_value(&arg, ind);
                    ind.assessment_mut().midyear = value;
                }
                Rule::kw_forecast => {
                    let value = self.assessed_value(&arg, ind);
                    ind.assessment_mut().forecast = value;
                }
                Rule::kw_score => {
                    ind.assessment_mut().score = self
                        .number(&arg)
                        .map(|v| Spanned::new(v, arg.as_span().into()))
                }
                Rule::kw_reason => {
                    ind.assessment_mut().reason =
                        Some(Spanned::new(string_value(&arg), arg.as_span().into()))
                }
                Rule::kw_grade | Rule::kw_cause | Rule::kw_likelihood => {
                    let span: Span = arg.as_span().into();
                    let meaning = children(&arg)
                        .next()
                        .and_then(|k| syntax::meaning(k.as_rule()));
                    let a = ind.assessment_mut();
                    match meaning {
                        Some(Meaning::Grade(g)) => a.grade = Some(Spanned::new(g, span)),
                        Some(Meaning::Cause(c)) => a.cause = Some(Spanned::new(c, span)),
                        Some(Meaning::Likelihood(l)) => a.likelihood = Some(Spanned::new(l, span)),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        // An assessment attribute whose value did not read leaves nothing: no empty box, so
        // that a model is the same however its attributes failed.
        if ind.assessment.as_ref().is_some_and(|a| a.is_empty()) {
            ind.assessment = None;
        }
    }

    /// K0201: a unit kpi does not know. The value is kept with the unit as written (nothing
    /// the form says is lost), so this is the only finding about it.
    fn unknown_unit(&mut self, u: &Pair<'_, Rule>) {
        let known = known_units();
        let finding = rules::UnknownUnit {
            unit: u.as_str(),
            known: &known,
        };
        self.report(finding, u.as_span().into());
    }

    fn quantity(&mut self, pair: &Pair<'_, Rule>, position: Position) -> Option<Quantity> {
        let mut number = None;
        let mut unit_pair = None;
        for c in children(pair) {
            match c.as_rule() {
                Rule::number => number = Some(c),
                Rule::unit => unit_pair = Some(c),
                _ => {}
            }
        }
        let number = number?;
        let Ok(value) = Decimal::from_str(&canonical_number(number.as_str())) else {
            let literal = number.as_str();
            let finding = crate::syntax::rules::InvalidNumber::TooPrecise { literal };
            self.report(finding, number.as_span().into());
            return None;
        };
        let mut q = Quantity {
            value,
            multiplier: None,
            unit: None,
        };
        if let Some(u) = &unit_pair {
            let parsed = match parse_unit_with(u.as_str(), self.units) {
                Some(parsed) => parsed,
                None => {
                    self.unknown_unit(u);
                    unknown_unit(u.as_str())
                }
            };
            q.multiplier = parsed.multiplier;
            q.unit = parsed.unit;
        }
        if q.overflows() {
            let written = pair.as_str().trim_end();
            self.report(
                rules::NumberTooLarge::Written { written },
                pair.as_span().into(),
            );
            return None;
        }
        let money_position = match position {
            Position::Money => true,
            Position::Indicator(l1, l2) => l1 == Level1::Cost || l2 == Some(Level2::Cost),
            Position::Period => false,
        };
        // `5万` in a money position means 5万元.
        if money_position && q.unit.is_none() {
            if let Some(m) = q.multiplier.take() {
                q.unit = parse_unit(&format!("{}元", m.as_char())).and_then(|p| p.unit);
            }
        }
        if position == Position::Money && q.dimension() != Some(Dimension::Other) {
            let is_money = q.dimension() == Some(Dimension::Money);
            let bare_zero = q.unit.is_none() && q.value.is_zero();
            if !is_money && !bare_zero {
                let written = pair.as_str();
                self.report(rules::AmountNotMoney { written }, pair.as_span().into());
                return None;
            }
        }
        Some(q)
    }
}

/// The statements of a project form in `snippet` read on their own, or `None` when reading
/// them loses data (a statement that does not parse, an impossible date …): how `kpi import`
/// and the xlsx writer ask "what does this text mean?" without a parser of their own.
pub fn lowers(snippet: &str) -> Option<Project> {
    let text = format!("project \"t\" {{\n{snippet}\n}}\n");
    let mut filing = Filing::default();
    let diags = lower_file(
        &SourceFile::new("snippet.kpi", text),
        FileId::default(),
        &mut filing,
    );
    if diags.iter().any(Diagnostic::loses_data) {
        return None;
    }
    filing.projects.into_iter().next()
}

/// True when `text` written bare after an indicator of category `level` (`output quantity`)
/// reads as a quantity, date or period: an xlsx cell that must be quoted to stay text.
///
/// The grammar's `value` rule reads the cell's text alone (no form is built around it) and the
/// lowerer's own `read_value` judges what it read, so the answer is the one a `.kpi` file would
/// get: a number with a unit kpi does not know (`2021年初次认定的企业`), an impossible date or a
/// number too large is text.
pub fn reads_as_value(text: &str, level: &str) -> bool {
    use pest::Parser;
    let text = text.trim();
    let mut words = level.split_whitespace();
    let Some(level1) = words.next().and_then(Level1::from_keyword) else {
        return false;
    };
    let level2 = words.next().and_then(Level2::from_keyword);
    let Some(pair) = syntax::KpiParser::parse(Rule::value, text)
        .ok()
        .and_then(|mut p| p.next())
    else {
        return false;
    };
    if pair.as_str().len() != text.len() {
        return false;
    }
    let source = SourceFile::new("<cell>", text);
    let units = CustomUnits::new();
    let mut cx = Lowerer {
        source: &source,
        file: FileId::default(),
        diags: Vec::new(),
        units: &units,
    };
    let value = cx.read_value(&pair, level1, level2);
    if cx.diags.iter().any(Diagnostic::loses_data) {
        return false;
    }
    match value {
        Some(Value::Qualitative { .. }) | None => false,
        Some(Value::Quantitative { quantity, .. }) => {
            quantity.dimension() != Some(Dimension::Other)
        }
        Some(_) => true,
    }
}

/// What a statement that did not parse would have said, from its first keywords.
fn unread(text: &str) -> Unread {
    use pest::Parser;
    let text = text.trim_start();
    let head = |rule: Rule, t: &str| {
        syntax::KpiParser::parse(rule, t)
            .ok()
            .and_then(|mut p| p.next())
            .map(|p| (p.as_str().len(), p.into_inner().next().map(|k| k.as_rule())))
    };
    if let Some((len, Some(l1))) = head(Rule::level1, text) {
        let rest = text[len..].trim_start();
        let l2 = head(Rule::level2, rest)
            .and_then(|(_, k)| k)
            .and_then(level2_of);
        return Unread::Indicator(level1_of(l1), l2);
    }
    let fields = [
        (Rule::kw_unit, "unit"),
        (Rule::kw_period, "period"),
        (Rule::kw_budget, "budget"),
        (Rule::kw_supervisor, "department"),
        (Rule::kw_code, "code"),
        (Rule::kw_filed, "filed"),
        (Rule::kw_by, "contact"),
        (Rule::kw_phone, "contact"),
        (Rule::kw_goal, "goal"),
        (Rule::kw_kind, "kind"),
        (Rule::kw_year, "year"),
        (Rule::kw_funds, "funds"),
    ];
    fields
        .iter()
        .find(|(rule, _)| syntax::KpiParser::parse(*rule, text).is_ok())
        .map_or(Unread::Unknown, |(_, name)| Unread::Field(name))
}

fn is_cost_position(level1: Level1, level2: Option<Level2>) -> bool {
    level1 == Level1::Cost || level2 == Some(Level2::Cost)
}

fn level1_of(rule: Rule) -> Level1 {
    match syntax::meaning(rule) {
        Some(Meaning::Level1(l)) => l,
        _ => Level1::Output,
    }
}

fn level2_of(rule: Rule) -> Option<Level2> {
    match syntax::meaning(rule)? {
        Meaning::Level2(l) => Some(l),
        _ => None,
    }
}

/// The punctuation pairs (`semi`, braces, block delimiters) among `pairs` and their insides
/// that begin at one of `positions` (byte offsets in the file, ascending), in order. Walks
/// into a pair only when a position lies inside it, and stops when none is left.
fn punctuation_at<'i>(pairs: Pairs<'i, Rule>, positions: &[usize], out: &mut Vec<Pair<'i, Rule>>) {
    let mut rest = positions;
    for pair in pairs {
        if rest.is_empty() {
            return;
        }
        let span = pair.as_span();
        // The pairs of a level are in order and do not overlap: positions before this one lie
        // in none of them.
        rest = &rest[rest.partition_point(|&x| x < span.start())..];
        let inside = rest.partition_point(|&x| x < span.end());
        if inside == 0 {
            continue;
        }
        if rest[0] == span.start()
            && matches!(
                pair.as_rule(),
                Rule::semi | Rule::lbrace | Rule::rbrace | Rule::block_open | Rule::block_close
            )
        {
            // One character, nothing inside.
            out.push(pair);
        } else {
            punctuation_at(pair.into_inner(), &rest[..inside], out);
        }
        rest = &rest[inside..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `reads_as_value` replaced: the text written bare after an indicator in a
    /// whole project form, lowered.
    fn reads_in_a_form(text: &str, level: &str) -> bool {
        lowers(&format!("{level} \"n\" {text};")).is_some_and(|p| {
            p.indicators.first().is_some_and(|i| match &i.value {
                Some(Value::Qualitative { .. }) | None => false,
                Some(Value::Quantitative { quantity, .. }) => {
                    quantity.dimension() != Some(Dimension::Other)
                }
                Some(_) => true,
            })
        })
    }

    #[test]
    fn a_cell_reads_as_a_value_exactly_when_it_does_in_a_form() {
        let cells = [
            "≥90%",
            "有所提升",
            "7家",
            "≥10%",
            "5万",
            "≤1238.68万元",
            "2023-12-31",
            "2023-13-45",
            "2023-01..2023-12",
            "2023年12月",
            "≤2023年12月",
            "45291",
            "2021年初次认定的企业",
            "1,238.68",
            "12.3.4",
            "99999999999999999999999999999万元",
            "≥ 95 %",
            "100",
            "",
            "达成预期指标",
            "“90%”",
            "90%以上",
            "5个;",
            "}",
            "≥",
            "3天",
            "1年",
            "365天",
            "2023",
            "≥98",
            "0",
            "-5",
            "≥-5%",
            "12月31日前",
            "=100%",
            "<5%",
            ">0",
        ];
        let levels = [
            "output quantity",
            "output quality",
            "output timeliness",
            "output cost",
            "cost",
            "effect social",
            "satisfaction service",
        ];
        for level in levels {
            for cell in cells {
                assert_eq!(
                    reads_as_value(cell, level),
                    reads_in_a_form(cell, level),
                    "{cell:?} under {level}"
                );
            }
        }
    }
}
