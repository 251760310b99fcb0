//! 词汇表 — the one vocabulary of the language: every keyword with its English spelling, its
//! canonical Chinese spelling, every spelling the grammar accepts, and what it means.
//!
//! Everything that names a keyword reads [`WORDS`]: `kpi fmt --keywords zh|en`, "did you mean"
//! suggestions, the model's names for its categories, sources and attributes, the xlsx cells
//! and `kpi import`. A new keyword is one row here plus its `kw_*` rule in `grammar/kpi.pest`
//! (the grammar stays a static pest file; `tests/vocabulary.rs` fails until the two agree),
//! and its spellings in `docs/language.md` and the editor syntax files (whose tests hold them
//! to the grammar). A new category, source or project kind is also a value of its model enum.
//!
//! Which pest rule is which row is `syntax`'s business (`syntax::keyword`): the row only
//! names its rule, so that the vocabulary depends on nothing but the model's enums.

use std::sync::LazyLock;

use super::{
    Cause, Direction, Grade, Level1, Level2, Likelihood, LineCategory, ProjectKind, Source,
};
use Meaning as M;
use Meaning::{Attribute, Statement};

/// What a keyword means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// A form or one of its statements (`project`, `budget`, `goal`, `total` …).
    Statement,
    /// 支出类别 — a line of the funds table: 基本支出 or 项目支出.
    Line(LineCategory),
    /// 资金来源 — a funding source.
    Source(Source),
    /// 一级指标
    Level1(Level1),
    /// 二级指标
    Level2(Level2),
    /// An indicator's attribute (分值, 指标解释, 评分标准, 绩效标准, 指标方向).
    Attribute,
    /// 指标方向 — 正向 or 反向.
    Direction(Direction),
    /// 项目属性 — one-off, recurring …
    ProjectKind(ProjectKind),
    /// 达成度 — achieved, partial, missed.
    Grade(Grade),
    /// 偏差原因 kind on a monitoring form.
    Cause(Cause),
    /// 完成目标可能性.
    Likelihood(Likelihood),
}

/// A level-2 category's names under 成本指标, where they differ from those under 效益指标
/// (经济成本 vs 经济效益).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnderCost {
    /// What `kpi fmt --keywords zh` writes under `cost`: 经济成本.
    pub zh: &'static str,
    /// The name on the form under 成本指标: 经济成本指标.
    pub form: &'static str,
}

/// One keyword of the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// The grammar rule that spells it (`kw_economic`).
    pub rule: &'static str,
    pub meaning: Meaning,
    /// The English keyword: the first spelling of its rule.
    pub en: &'static str,
    /// The canonical Chinese spelling, as `kpi fmt --keywords zh` writes it: 产出, 经济效益.
    pub zh: &'static str,
    /// Every spelling the grammar accepts, in the grammar's order (English first, then the
    /// longest Chinese spelling first so that pest does not stop at a prefix).
    pub spellings: &'static [&'static str],
    /// The name printed on a form (xlsx cells, messages): 产出指标, 服务对象满意度指标. The
    /// canonical spelling when nothing else is set.
    pub form: &'static str,
    /// Its names under 成本指标, for the level-2 categories that change name there.
    pub under_cost: Option<UnderCost>,
    /// The Chinese spelling offered by "did you mean" for a misspelt statement keyword, and
    /// which makes the word count as a keyword out of place; `None` when it is not offered.
    pub suggest: Option<&'static str>,
    /// The words that name it in a form's free text (a 项目属性 cell such as “一次性新增项目”,
    /// an 二级指标 cell of an imported sheet), when they are not just its shortest Chinese
    /// spelling: see [`Word::stems`].
    stems: &'static [&'static str],
}

/// A row: the English keyword is the first spelling; the form's name and the suggestion are
/// the canonical spelling unless set otherwise. Values (project kinds, directions) are not
/// statement keywords and are not suggested.
const fn w(
    rule: &'static str,
    meaning: Meaning,
    zh: &'static str,
    spellings: &'static [&'static str],
) -> Word {
    let value = matches!(
        meaning,
        Meaning::ProjectKind(_)
            | Meaning::Direction(_)
            | Meaning::Grade(_)
            | Meaning::Cause(_)
            | Meaning::Likelihood(_)
    );
    Word {
        rule,
        meaning,
        en: spellings[0],
        zh,
        spellings,
        form: zh,
        under_cost: None,
        suggest: if value { None } else { Some(zh) },
        stems: &[],
    }
}

impl Word {
    const fn form(mut self, form: &'static str) -> Word {
        self.form = form;
        self
    }

    const fn under_cost(mut self, zh: &'static str, form: &'static str) -> Word {
        self.under_cost = Some(UnderCost { zh, form });
        self
    }

    const fn suggest(mut self, zh: &'static str) -> Word {
        self.suggest = Some(zh);
        self
    }

    const fn unsuggested(mut self) -> Word {
        self.suggest = None;
        self
    }

    const fn with_stems(mut self, stems: &'static [&'static str]) -> Word {
        self.stems = stems;
        self
    }
}

/// The vocabulary. The order matters in one place: "did you mean" prefers the earlier of two
/// equally close keywords (the order of the list it replaced).
#[rustfmt::skip]
pub const WORDS: &[Word] = &[
    // ── forms and their statements ──
    w("kw_project",      Statement, "项目",         &["project", "项目"]),
    w("kw_department",   Statement, "部门",         &["department", "部门"]),
    // `department` in a project form: its English spelling is offered once, as the form.
    w("kw_supervisor",   Statement, "主管部门",     &["department", "主管部门", "部门"]).unsuggested(),
    w("kw_code",         Statement, "代码",         &["code", "代码"]),
    w("kw_unit",         Statement, "实施单位",     &["unit", "实施单位"]),
    w("kw_kind",         Statement, "项目属性",     &["kind", "项目属性"]),
    w("kw_period",       Statement, "项目期",       &["period", "项目期"]),
    w("kw_budget",       Statement, "年度资金总额", &["budget", "年度资金总额", "年初预算数", "预算"]),
    w("kw_filed",        Statement, "填报日期",     &["filed", "填报日期"]),
    w("kw_by",           Statement, "填报人",       &["by", "填报人"]),
    w("kw_phone",        Statement, "联系电话",     &["phone", "联系电话"]),
    w("kw_year",         Statement, "年度",         &["year", "年度"]),
    w("kw_goal",         Statement, "目标",         &["goal", "年度总体目标", "总体目标", "年度目标", "目标"]),
    w("kw_funds",        Statement, "资金表",       &["funds", "资金表"]),
    // ── the funds table ──
    w("kw_basic",        M::Line(LineCategory::Basic),   "基本支出", &["basic", "基本支出"]),
    // `project` in the funds table: offered once, as the form.
    w("kw_project_line", M::Line(LineCategory::Project), "项目支出", &["project", "项目支出"]).unsuggested(),
    w("kw_total",        Statement,                      "合计",     &["total", "合计"]),
    // ── 资金来源 ──
    w("kw_fiscal",       M::Source(Source::Fiscal),   "财政拨款",   &["fiscal", "财政拨款"]),
    w("kw_transfer",     M::Source(Source::Transfer), "转移性资金", &["transfer", "转移性资金"]),
    w("kw_carryover",    M::Source(Source::Carryover), "上年结转资金", &["carryover", "上年结转资金", "上年结转"]),
    w("kw_other",        M::Source(Source::Other),    "其他资金",   &["other", "其他资金"]),
    // ── 一级指标 ──
    w("kw_output",       M::Level1(Level1::Output), "产出", &["output", "产出指标", "产出"]).form("产出指标"),
    w("kw_cost",         M::Level1(Level1::Cost),   "成本", &["cost", "成本指标", "成本"]).form("成本指标"),
    w("kw_effect",       M::Level1(Level1::Effect), "效益", &["effect", "效益指标", "效益"]).form("效益指标"),
    // An imported 一级指标 cell only has to start with 满意.
    w("kw_satisfaction", M::Level1(Level1::Satisfaction), "满意度", &["satisfaction", "满意度指标", "满意度"])
        .form("满意度指标").with_stems(&["满意"]),
    // ── 二级指标 ──
    w("kw_quantity",     M::Level2(Level2::Quantity),   "数量", &["quantity", "数量指标", "数量"]).form("数量指标"),
    w("kw_quality",      M::Level2(Level2::Quality),    "质量", &["quality", "质量指标", "质量"]).form("质量指标"),
    w("kw_timeliness",   M::Level2(Level2::Timeliness), "时效", &["timeliness", "时效指标", "时效"]).form("时效指标"),
    // 成本指标 under 产出指标 (2015–2020 forms): `cost` is offered once, as the level 1.
    w("kw_cost2",        M::Level2(Level2::Cost),       "成本", &["cost", "成本指标", "成本"]).form("成本指标").unsuggested(),
    // Named 经济效益 under 效益 and 经济成本 under 成本; suggested by the word the two share.
    w("kw_economic",     M::Level2(Level2::Economic), "经济效益",
        &["economic", "经济效益指标", "经济效益", "经济成本指标", "经济成本", "经济"])
        .form("经济效益指标").under_cost("经济成本", "经济成本指标").suggest("经济"),
    w("kw_social",       M::Level2(Level2::Social), "社会效益",
        &["social", "社会效益指标", "社会效益", "社会成本指标", "社会成本", "社会"])
        .form("社会效益指标").under_cost("社会成本", "社会成本指标").suggest("社会"),
    // Forms also say 环境效益.
    w("kw_ecological",   M::Level2(Level2::Ecological), "生态效益",
        &["ecological", "生态效益指标", "生态效益", "生态环境成本指标", "生态环境成本", "环境效益指标", "环境效益", "生态"])
        .form("生态效益指标").under_cost("生态环境成本", "生态环境成本指标").suggest("生态").with_stems(&["生态", "环境"]),
    // An imported cell naming 可持续 anything is this category.
    w("kw_sustainable",  M::Level2(Level2::Sustainable), "可持续影响", &["sustainable", "可持续影响指标", "可持续影响"])
        .form("可持续影响指标").with_stems(&["可持续"]),
    w("kw_service",      M::Level2(Level2::Service), "服务对象",
        &["service", "社会公众或服务对象满意度指标", "社会公众或服务对象满意度", "服务对象或社会公众满意度指标",
          "服务对象或社会公众满意度", "服务对象满意度指标", "服务对象满意度", "服务对象"])
        .form("服务对象满意度指标"),
    w("kw_public",       M::Level2(Level2::Public), "社会公众", &["public", "社会公众满意度指标", "社会公众满意度", "社会公众"])
        .form("社会公众满意度指标"),
    // ── indicator attributes ──
    w("kw_weight",       Attribute, "分值",     &["weight", "分值", "权重"]),
    w("kw_explanation",  Attribute, "指标解释", &["explanation", "指标解释"]),
    w("kw_scoring",      Attribute, "评分标准", &["scoring", "评分标准"]),
    // Not offered by "did you mean" nor taken for a keyword out of place: the list this
    // replaced predates `standard`, and offering it would change messages. Drop
    // `.unsuggested()` to offer it.
    w("kw_standard",     Attribute, "绩效标准", &["standard", "绩效标准"]).unsuggested(),
    w("kw_direction",    Attribute, "指标方向", &["direction", "指标方向"]),
    // ── 指标方向 ──
    w("kw_positive",     M::Direction(Direction::Positive), "正向", &["positive", "正向"]),
    w("kw_negative",     M::Direction(Direction::Negative), "反向", &["negative", "反向"]),
    // ── 项目属性 ──
    w("kw_one_off",      M::ProjectKind(ProjectKind::OneOff),     "一次性",   &["one-off", "一次性"]),
    w("kw_recurring",    M::ProjectKind(ProjectKind::Recurring),  "经常性",   &["recurring", "经常性"]),
    w("kw_subsidy",      M::ProjectKind(ProjectKind::Subsidy),    "补助资金", &["subsidy", "补助资金", "补助"]),
    w("kw_new",          M::ProjectKind(ProjectKind::New),        "新增",     &["new", "新增", "新"]),
    w("kw_continuing",   M::ProjectKind(ProjectKind::Continuing), "延续",     &["continuing", "延续"]),
    // ── 绩效运行监控 and 绩效自评: the form's execution ──
    w("kw_adjusted",        Statement, "全年预算数",   &["adjusted", "全年预算数", "调整后预算数"]),
    w("kw_executed",        Statement, "全年执行数",   &["executed", "全年执行数", "执行数"]),
    w("kw_execution_score", Statement, "执行率得分",   &["execution-score", "执行率得分"]),
    w("kw_total_score",     Statement, "总分",         &["total-score", "总分"]),
    w("kw_outcome",         Statement, "目标完成情况", &["outcome", "目标完成情况", "实际完成情况"]),
    // ── … and each indicator's (both statements and attributes: 1-7月执行数 of the form,
    // 1-7月执行情况 of an indicator) ──
    w("kw_midyear",         Attribute, "1-7月执行情况",    &["midyear", "1-7月执行情况", "1-7月执行数"]),
    w("kw_forecast",        Attribute, "全年预计完成情况", &["forecast", "全年预计完成情况", "全年预计执行数"]),
    w("kw_actual",          Attribute, "实际完成值",       &["actual", "实际完成值", "实际值", "完成值"]),
    w("kw_score",           Attribute, "得分",             &["score", "得分"]),
    w("kw_grade",           Attribute, "达成度",           &["grade", "达成度"]),
    w("kw_reason",          Attribute, "偏差原因",         &["reason", "偏差原因分析及改进措施", "偏差原因"]),
    w("kw_cause",           Attribute, "偏差类型",         &["cause", "偏差类型"]),
    w("kw_likelihood",      Attribute, "完成可能性",       &["likelihood", "完成目标可能性", "完成可能性"]),
    // ── 达成度 ──
    w("kw_achieved",     M::Grade(Grade::Achieved), "达成",     &["achieved", "达成"]),
    w("kw_partial",      M::Grade(Grade::Partial),  "部分达成", &["partial", "部分达成"]),
    w("kw_missed",       M::Grade(Grade::Missed),   "未达成",   &["missed", "未达成"]),
    // ── 偏差原因 kinds ──
    w("kw_funding",      M::Cause(Cause::Funding),     "经费保障",     &["funding", "经费保障"]),
    w("kw_institution",  M::Cause(Cause::Institution), "制度保障",     &["institution", "制度保障"]),
    w("kw_staffing",     M::Cause(Cause::Staffing),    "人员保障",     &["staffing", "人员保障"]),
    w("kw_hardware",     M::Cause(Cause::Hardware),    "硬件条件保障", &["hardware", "硬件条件保障"]),
    w("kw_cause_other",  M::Cause(Cause::Other),       "其他",         &["other", "其他"]),
    // ── 完成目标可能性 ──
    w("kw_certain",      M::Likelihood(Likelihood::Certain),    "确定能",     &["certain", "确定能"]),
    w("kw_possible",     M::Likelihood(Likelihood::Possible),   "有可能",     &["possible", "有可能"]),
    w("kw_impossible",   M::Likelihood(Likelihood::Impossible), "完全不可能", &["impossible", "完全不可能"]),
];

/// The separator between several project attributes in one cell: 一次性、新增.
pub const KIND_SEPARATOR: &str = "、";

/// 项目属性 as a form writes several of them: 一次性、新增.
pub fn kinds_text(kinds: &[ProjectKind]) -> String {
    kinds
        .iter()
        .map(|k| k.chinese())
        .collect::<Vec<_>>()
        .join(KIND_SEPARATOR)
}

impl Word {
    /// The words that name it in a form's free text: set in the table, or else its shortest
    /// Chinese spelling (补助 for 补助资金, 新 for 新增).
    pub fn stems(&self) -> &'static [&'static str] {
        if !self.stems.is_empty() {
            return self.stems;
        }
        let spellings: &'static [&'static str] = self.spellings;
        spellings
            .iter()
            .filter(|s| !s.is_ascii())
            .min_by_key(|s| s.chars().count())
            .map_or(&[], std::slice::from_ref)
    }

    /// Whether `text` is one of its Chinese spellings.
    pub fn is_chinese_spelling(&self, text: &str) -> bool {
        self.spellings.iter().any(|s| !s.is_ascii() && *s == text)
    }
}

/// The word with this meaning. Every value of the model's enums named here has a row (a
/// unit test holds that), so this does not fail.
pub fn word_of(meaning: Meaning) -> &'static Word {
    WORDS
        .iter()
        .find(|w| w.meaning == meaning)
        .unwrap_or_else(|| panic!("no keyword means {meaning:?}"))
}

/// The words with a meaning of a kind (`|m| matches!(m, Meaning::Source(_))`), in table order.
pub fn words_where(f: impl Fn(Meaning) -> bool) -> impl Iterator<Item = &'static Word> {
    WORDS.iter().filter(move |w| f(w.meaning))
}

/// 资金来源, in the order of the form's columns (财政拨款, 转移性资金, 其他资金).
pub fn sources() -> impl Iterator<Item = Source> {
    words_where(|m| matches!(m, Meaning::Source(_))).filter_map(|w| match w.meaning {
        Meaning::Source(s) => Some(s),
        _ => None,
    })
}

impl Level1 {
    /// The English keyword.
    pub fn keyword(self) -> &'static str {
        word_of(Meaning::Level1(self)).en
    }

    /// The level 1 for its English keyword (`output`, `cost`, `effect`, `satisfaction`).
    pub fn from_keyword(word: &str) -> Option<Level1> {
        WORDS.iter().find_map(|w| match w.meaning {
            Meaning::Level1(l) if w.en == word => Some(l),
            _ => None,
        })
    }

    /// The name on the form: 产出指标.
    pub fn chinese(self) -> &'static str {
        word_of(Meaning::Level1(self)).form
    }
}

/// 经济效益/经济成本指标: a level-2 category named apart from its level 1.
static EITHER_NAME: LazyLock<Vec<(Level2, String)>> = LazyLock::new(|| {
    WORDS
        .iter()
        .filter_map(|w| match (w.meaning, w.under_cost) {
            (Meaning::Level2(l), Some(u)) => Some((l, format!("{}/{}", w.zh, u.form))),
            _ => None,
        })
        .collect()
});

impl Level2 {
    /// The level 2 for its English keyword (`quantity`, `social` …).
    pub fn from_keyword(word: &str) -> Option<Level2> {
        WORDS.iter().find_map(|w| match w.meaning {
            Meaning::Level2(l) if w.en == word => Some(l),
            _ => None,
        })
    }

    /// The Chinese name under a given level 1: 经济成本指标 under 成本, 经济效益指标 under 效益.
    pub fn chinese_under(self, level1: Level1) -> &'static str {
        let word = word_of(Meaning::Level2(self));
        match word.under_cost {
            Some(u) if level1 == Level1::Cost => u.form,
            _ => word.form,
        }
    }

    /// The English keyword.
    pub fn keyword(self) -> &'static str {
        word_of(Meaning::Level2(self)).en
    }

    /// The name on the form, when the level 1 is not known: 数量指标, 经济效益/经济成本指标.
    pub fn chinese(self) -> &'static str {
        EITHER_NAME
            .iter()
            .find(|(l, _)| *l == self)
            .map_or_else(|| word_of(Meaning::Level2(self)).form, |(_, n)| n.as_str())
    }
}

impl Source {
    /// The English keyword: `fiscal`.
    pub fn keyword(self) -> &'static str {
        word_of(Meaning::Source(self)).en
    }

    /// The name on the form: 财政拨款.
    pub fn chinese(self) -> &'static str {
        word_of(Meaning::Source(self)).form
    }
}

impl ProjectKind {
    /// The English keyword: `one-off`.
    pub fn keyword(self) -> &'static str {
        word_of(Meaning::ProjectKind(self)).en
    }

    /// The word on the form: 一次性.
    pub fn chinese(self) -> &'static str {
        word_of(Meaning::ProjectKind(self)).form
    }
}

impl Direction {
    /// The English keyword: `positive`.
    pub fn keyword(self) -> &'static str {
        word_of(Meaning::Direction(self)).en
    }

    /// The word on the form: 正向.
    pub fn chinese(self) -> &'static str {
        word_of(Meaning::Direction(self)).form
    }
}

/// The English keyword and the word on the form of a grade, cause or likelihood.
macro_rules! value_words {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// The English keyword.
            pub fn keyword(self) -> &'static str {
                word_of(Meaning::$ty(self)).en
            }

            /// The word on the form.
            pub fn chinese(self) -> &'static str {
                word_of(Meaning::$ty(self)).form
            }
        }
    )*};
}
value_words!(Grade, Cause, Likelihood);

impl LineCategory {
    /// The English keyword: `basic`.
    pub fn keyword(self) -> &'static str {
        word_of(Meaning::Line(self)).en
    }

    /// The words on the form: 基本支出.
    pub fn chinese(self) -> &'static str {
        word_of(Meaning::Line(self)).form
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value the model names has its row, exactly one.
    #[test]
    fn every_meaning_has_one_word() {
        use Level1 as L1;
        let mut meanings: Vec<Meaning> = Vec::new();
        meanings.extend([L1::Output, L1::Cost, L1::Effect, L1::Satisfaction].map(Meaning::Level1));
        for l1 in [L1::Output, L1::Cost, L1::Effect, L1::Satisfaction] {
            meanings.extend(l1.children().iter().map(|l| Meaning::Level2(*l)));
        }
        meanings.extend(
            [
                Source::Fiscal,
                Source::Transfer,
                Source::Carryover,
                Source::Other,
            ]
            .map(Meaning::Source),
        );
        meanings.extend([Grade::Achieved, Grade::Partial, Grade::Missed].map(Meaning::Grade));
        meanings.extend(
            [
                Cause::Funding,
                Cause::Institution,
                Cause::Staffing,
                Cause::Hardware,
                Cause::Other,
            ]
            .map(Meaning::Cause),
        );
        meanings.extend(
            [
                Likelihood::Certain,
                Likelihood::Possible,
                Likelihood::Impossible,
            ]
            .map(Meaning::Likelihood),
        );
        meanings.extend([Direction::Positive, Direction::Negative].map(Meaning::Direction));
        meanings.extend([LineCategory::Basic, LineCategory::Project].map(Meaning::Line));
        meanings.extend(
            [
                ProjectKind::OneOff,
                ProjectKind::Recurring,
                ProjectKind::Subsidy,
                ProjectKind::New,
                ProjectKind::Continuing,
            ]
            .map(Meaning::ProjectKind),
        );
        for m in meanings {
            assert_eq!(WORDS.iter().filter(|w| w.meaning == m).count(), 1, "{m:?}");
        }
    }

    /// What a word is written as is a spelling the grammar accepts (else `kpi fmt` would write
    /// what does not parse), and its English spelling comes first.
    #[test]
    fn names_are_accepted_spellings() {
        for w in WORDS {
            assert!(w.rule.starts_with("kw_"), "{}", w.rule);
            assert!(w.en.is_ascii() && w.spellings[0] == w.en, "{}", w.rule);
            assert!(w.spellings[1..].iter().all(|s| !s.is_ascii()), "{}", w.rule);
            let mut names = vec![w.zh, w.form];
            names.extend(w.suggest);
            names.extend(w.under_cost.iter().flat_map(|u| [u.zh, u.form]));
            for n in names {
                assert!(w.is_chinese_spelling(n), "{}: {n}", w.rule);
            }
            assert!(!w.stems().is_empty(), "{}", w.rule);
        }
        let mut rules: Vec<&str> = WORDS.iter().map(|w| w.rule).collect();
        rules.sort_unstable();
        let n = rules.len();
        rules.dedup();
        assert_eq!(rules.len(), n, "a rule has two rows");
    }

    #[test]
    fn names() {
        assert_eq!(Level1::Satisfaction.chinese(), "满意度指标");
        assert_eq!(Level2::Economic.chinese(), "经济效益/经济成本指标");
        assert_eq!(
            Level2::Ecological.chinese_under(Level1::Cost),
            "生态环境成本指标"
        );
        assert_eq!(
            Level2::Ecological.chinese_under(Level1::Effect),
            "生态效益指标"
        );
        assert_eq!(Level2::Service.chinese(), "服务对象满意度指标");
        assert_eq!(Level2::from_keyword("cost"), Some(Level2::Cost));
        assert_eq!(Level1::from_keyword("cost"), Some(Level1::Cost));
        assert_eq!(Level2::from_keyword("output"), None);
        assert_eq!(
            word_of(Meaning::ProjectKind(ProjectKind::Subsidy)).stems(),
            ["补助"]
        );
        assert_eq!(
            sources().collect::<Vec<_>>(),
            [
                Source::Fiscal,
                Source::Transfer,
                Source::Carryover,
                Source::Other
            ]
        );
    }
}
