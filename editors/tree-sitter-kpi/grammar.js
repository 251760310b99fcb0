/**
 * @file Tree-sitter grammar for .kpi budget performance forms: target forms (预算绩效目标表) and
 * what they grow into, monitoring forms (绩效运行监控表) and self-evaluations (绩效自评表)
 * @license MIT OR Apache-2.0
 *
 * Follows kpi's pest grammar (grammar/kpi.pest in the kpi repository), which stays the one
 * source of truth: tests/tree_sitter.rs parses every example and fixture with both (also
 * rewritten in each keyword language and full-width, and a list of edge cases) and fails
 * where they disagree on whether a text is valid. Where they knowingly differ:
 *
 * - A field given twice (K0111) and the checks after parsing are kpi's business, not the
 *   grammar's.
 * - A keyword run straight into a number (`预算5万元`, `1-7月执行数3万元`) is the keyword and the
 *   number here, as a word stops at a digit; kpi's `kw_end` refuses it.
 * - An Excel date serial (`45291`) or a compact date (`20230128`) where a number may also
 *   stand (a period, a target) is a number here; kpi reads a date. Both accept it.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// The vocabulary, rule by rule, exactly as grammar/kpi.pest spells it (tests/vocabulary.rs
// holds the two to the same spellings in the same order). Most spellings are words (`_word`
// below) and are lexed as words, then told apart; `1-7月执行情况` and `1-7月执行数` start with a
// digit and are tokens of their own, longer than the number `1` they start like.
const KEYWORDS = {
  kw_project: ['project', '项目'],
  kw_department: ['department', '部门'],
  kw_supervisor: ['department', '主管部门', '部门'],
  kw_code: ['code', '代码'],
  kw_unit: ['unit', '实施单位'],
  kw_kind: ['kind', '项目属性'],
  kw_period: ['period', '项目期'],
  kw_budget: ['budget', '年度资金总额', '年初预算数', '预算'],
  kw_fiscal: ['fiscal', '财政拨款'],
  kw_transfer: ['transfer', '转移性资金'],
  kw_other: ['other', '其他资金'],
  kw_carryover: ['carryover', '上年结转资金', '上年结转'],
  kw_filed: ['filed', '填报日期'],
  kw_by: ['by', '填报人'],
  kw_phone: ['phone', '联系电话'],
  kw_goal: ['goal', '年度总体目标', '总体目标', '年度目标', '目标'],
  kw_year: ['year', '年度'],
  kw_funds: ['funds', '资金表'],
  kw_basic: ['basic', '基本支出'],
  kw_project_line: ['project', '项目支出'],
  kw_total: ['total', '合计'],
  kw_output: ['output', '产出指标', '产出'],
  kw_cost: ['cost', '成本指标', '成本'],
  kw_effect: ['effect', '效益指标', '效益'],
  kw_satisfaction: ['satisfaction', '满意度指标', '满意度'],
  kw_quantity: ['quantity', '数量指标', '数量'],
  kw_quality: ['quality', '质量指标', '质量'],
  kw_timeliness: ['timeliness', '时效指标', '时效'],
  kw_cost2: ['cost', '成本指标', '成本'],
  kw_economic: ['economic', '经济效益指标', '经济效益', '经济成本指标', '经济成本', '经济'],
  kw_social: ['social', '社会效益指标', '社会效益', '社会成本指标', '社会成本', '社会'],
  kw_ecological: ['ecological', '生态效益指标', '生态效益', '生态环境成本指标', '生态环境成本', '环境效益指标', '环境效益', '生态'],
  kw_sustainable: ['sustainable', '可持续影响指标', '可持续影响'],
  kw_service: ['service', '社会公众或服务对象满意度指标', '社会公众或服务对象满意度', '服务对象或社会公众满意度指标', '服务对象或社会公众满意度', '服务对象满意度指标', '服务对象满意度', '服务对象'],
  kw_public: ['public', '社会公众满意度指标', '社会公众满意度', '社会公众'],
  kw_weight: ['weight', '分值', '权重'],
  kw_explanation: ['explanation', '指标解释'],
  kw_scoring: ['scoring', '评分标准'],
  kw_standard: ['standard', '绩效标准'],
  kw_direction: ['direction', '指标方向'],
  kw_positive: ['positive', '正向'],
  kw_negative: ['negative', '反向'],
  kw_one_off: ['one-off', '一次性'],
  kw_recurring: ['recurring', '经常性'],
  kw_subsidy: ['subsidy', '补助资金', '补助'],
  kw_new: ['new', '新增', '新'],
  kw_continuing: ['continuing', '延续'],
  // monitoring (绩效运行监控) and self-evaluation (绩效自评)
  kw_adjusted: ['adjusted', '全年预算数', '调整后预算数'],
  kw_executed: ['executed', '全年执行数', '执行数'],
  kw_midyear: ['midyear', '1-7月执行情况', '1-7月执行数'],
  kw_forecast: ['forecast', '全年预计完成情况', '全年预计执行数'],
  kw_execution_score: ['execution-score', '执行率得分'],
  kw_total_score: ['total-score', '总分'],
  kw_outcome: ['outcome', '目标完成情况', '实际完成情况'],
  kw_actual: ['actual', '实际完成值', '实际值', '完成值'],
  kw_score: ['score', '得分'],
  kw_grade: ['grade', '达成度'],
  kw_reason: ['reason', '偏差原因分析及改进措施', '偏差原因'],
  kw_cause: ['cause', '偏差类型'],
  kw_likelihood: ['likelihood', '完成目标可能性', '完成可能性'],
  kw_achieved: ['achieved', '达成'],
  kw_partial: ['partial', '部分达成'],
  kw_missed: ['missed', '未达成'],
  kw_funding: ['funding', '经费保障'],
  kw_institution: ['institution', '制度保障'],
  kw_staffing: ['staffing', '人员保障'],
  kw_hardware: ['hardware', '硬件条件保障'],
  kw_cause_other: ['other', '其他'],
  kw_certain: ['certain', '确定能'],
  kw_possible: ['possible', '有可能'],
  kw_impossible: ['impossible', '完全不可能'],
};

/** A keyword rule of the vocabulary, as a choice of its spellings. */
const kw = (/** @type {keyof typeof KEYWORDS} */ rule) => choice(...KEYWORDS[rule]);

// Pieces of the literal tokens (kpi.pest `literals`).
const D = '[0-9]';
const ZSP = '[ \\u3000]*'; // space a filer may leave inside a Chinese date
const DATE_ISO = `${D}{4}-${D}{1,2}-${D}{1,2}`;
const DATE_DOT = `${D}{4}\\.${D}{1,2}\\.${D}{1,2}`;
const DATE_SLASH = `${D}{4}/${D}{1,2}/${D}{1,2}`;
const DATE_ZH = `${D}{4}${ZSP}年${ZSP}${D}{1,2}${ZSP}月${ZSP}${D}{1,2}(${ZSP}[日号])?`;
const DATE_COMPACT = `(19|20)${D}{2}(0[1-9]|1[0-2])(0[1-9]|[12]${D}|3[01])`;
const DATE = `(${DATE_ISO}|${DATE_DOT}|${DATE_SLASH}|${DATE_ZH}|${DATE_COMPACT})`;
const MONTH = `(${D}{4}[-./]${D}{1,2}|${D}{4}${ZSP}年${ZSP}${D}{1,2}${ZSP}月)`;
const MONTH_COMPACT = `(19|20)${D}{2}(0[1-9]|1[0-2])`;
const RANGE_END = `(${DATE}|${MONTH}|${MONTH_COMPACT})`;
const RANGE_SEP = '(\\.\\.|~|～|至|—|–|-)';
const SPAN_SEP = '(-|~|～|至|—|–)';
const MONTH_SPAN = `${D}{4}${ZSP}年${ZSP}${D}{1,2}${ZSP}月?${ZSP}${SPAN_SEP}${ZSP}${D}{1,2}${ZSP}月`;
const WS = '[ \\t\\r\\n\\u3000]*';

module.exports = grammar({
  name: 'kpi',

  extras: ($) => [/[ \t\r\n\u3000\uFEFF\u00A0]/, $.line_comment, $.block_comment],

  // Keywords are read as whole words, as kpi's `kw_end` wants: `产出数量` is one word, not 产出
  // + 数量. After a number, a word that is not a keyword starts the number's unit (`365 天`).
  word: ($) => $._word,

  // …and a keyword is never a unit, even where it may not stand (`5 transfer` in an
  // indicator is an error, as in kpi's `unit = @{ !(keyword ~ kw_end) ~ … }`).
  reserved: {
    global: (_) => [...new Set(Object.values(KEYWORDS).flat())],
  },

  rules: {
    source_file: ($) => repeat($._item),

    _item: ($) => choice($.project, $.department),

    project: ($) =>
      seq(
        alias(kw('kw_project'), $.keyword),
        field('name', $.string),
        $._block_open,
        repeat($._project_statement),
        $._block_close,
      ),

    department: ($) =>
      seq(
        alias(kw('kw_department'), $.keyword),
        field('name', $.string),
        $._block_open,
        repeat($._department_statement),
        $._block_close,
      ),

    _block_open: (_) => choice('{', '｛', '<', '＜'),
    _block_close: (_) => choice('}', '｝', '>', '＞'),
    _lbrace: (_) => choice('{', '｛'),
    _rbrace: (_) => choice('}', '｝'),
    _semi: (_) => choice(';', '；'),

    _project_statement: ($) =>
      choice(
        $.supervisor_statement,
        $.code_statement,
        $.unit_statement,
        $.kind_statement,
        $.period_statement,
        $.budget_statement,
        $.execution_statement,
        $.score_statement,
        $.outcome_statement,
        $.reason_statement,
        $.filed_statement,
        $.year_statement,
        $.goal_statement,
        $.indicator,
      ),

    _department_statement: ($) =>
      choice(
        $.code_statement,
        $.unit_statement,
        $.year_statement,
        $.funds_statement,
        $.filed_statement,
        $.goal_statement,
        $.indicator,
      ),

    // 主管部门及代码
    supervisor_statement: ($) =>
      seq(
        alias(kw('kw_supervisor'), $.keyword),
        $.string,
        optional(seq(alias(kw('kw_code'), $.keyword), $.string)),
        $._semi,
      ),
    code_statement: ($) => seq(alias(kw('kw_code'), $.keyword), $.string, $._semi),
    // 实施单位
    unit_statement: ($) => seq(alias(kw('kw_unit'), $.keyword), $.string, $._semi),
    // 项目属性
    kind_statement: ($) => seq(alias(kw('kw_kind'), $.keyword), repeat1($._kind_value), $._semi),
    _kind_value: ($) =>
      choice(
        alias(
          choice(
            kw('kw_one_off'),
            kw('kw_recurring'),
            kw('kw_subsidy'),
            kw('kw_new'),
            kw('kw_continuing'),
          ),
          $.project_kind,
        ),
        $.string,
      ),
    // 项目期
    period_statement: ($) =>
      seq(
        alias(kw('kw_period'), $.keyword),
        choice($.date_range, $.date, $.quantity, $.string),
        $._semi,
      ),
    // 年度资金总额, with 其中 财政拨款 / 转移性资金 / 其他资金
    budget_statement: ($) =>
      seq(
        alias(kw('kw_budget'), $.keyword),
        $.quantity,
        choice(seq($.split, optional($._semi)), $._semi),
      ),
    split: ($) => seq($._lbrace, repeat($.split_entry), $._rbrace),
    split_entry: ($) => seq($.source, optional($.quantity), $._semi),
    source: (_) =>
      choice(kw('kw_fiscal'), kw('kw_transfer'), kw('kw_carryover'), kw('kw_other')),
    // 预算执行情况 (monitoring and self-evaluation): 全年预算数, 全年执行数, 1-7月执行数, 全年预计执行数
    execution_statement: ($) =>
      seq(
        alias(
          choice(kw('kw_adjusted'), kw('kw_executed'), kw('kw_midyear'), kw('kw_forecast')),
          $.keyword,
        ),
        $.quantity,
        choice(seq($.split, optional($._semi)), $._semi),
      ),
    // 执行率得分 / 总分 as claimed on a self-evaluation form
    score_statement: ($) =>
      seq(
        alias(choice(kw('kw_execution_score'), kw('kw_total_score')), $.keyword),
        $.number,
        $._semi,
      ),
    // 年度总体目标 实际完成情况
    outcome_statement: ($) => seq(alias(kw('kw_outcome'), $.keyword), $.string, $._semi),
    // 偏差原因 of the budget execution
    reason_statement: ($) => seq(alias(kw('kw_reason'), $.keyword), $.string, $._semi),
    // 填报日期, 填报人, 联系电话
    filed_statement: ($) =>
      seq(
        choice(
          seq(
            alias(kw('kw_filed'), $.keyword),
            optional(choice($.date, alias($._date_serial, $.date))),
            optional(seq(alias(kw('kw_by'), $.keyword), $.string)),
            optional(seq(alias(kw('kw_phone'), $.keyword), $.string)),
          ),
          seq(
            alias(kw('kw_by'), $.keyword),
            $.string,
            optional(seq(alias(kw('kw_phone'), $.keyword), $.string)),
          ),
          seq(alias(kw('kw_phone'), $.keyword), $.string),
        ),
        $._semi,
      ),
    year_statement: ($) =>
      seq(alias(kw('kw_year'), $.keyword), $.year, $._semi),
    // 年度总体目标
    goal_statement: ($) => seq(alias(kw('kw_goal'), $.keyword), $.string, $._semi),

    // 年度主要任务: the department's funds table
    funds_statement: ($) =>
      seq(
        alias(kw('kw_funds'), $.keyword),
        $._lbrace,
        repeat(choice($.funds_line, $.stated_total)),
        $._rbrace,
        optional($._semi),
      ),
    funds_line: ($) =>
      seq(
        $.line_category,
        field('name', $.string),
        $.quantity,
        choice(
          seq($.split, optional($.link), optional($._semi)),
          seq(optional($.source), optional($.link), $._semi),
        ),
      ),
    line_category: (_) => choice(kw('kw_basic'), kw('kw_project_line')),
    link: ($) => seq(choice('->', '→'), field('target', $.string)),
    // 基本支出 / 项目支出合计 / 金额合计 as stated on the form
    stated_total: ($) =>
      seq(
        alias(kw('kw_total'), $.keyword),
        optional($.line_category),
        $.quantity,
        choice(seq($.split, optional($._semi)), seq(optional($.source), $._semi)),
      ),

    // ── indicators ──
    indicator: ($) =>
      seq(
        $.level1,
        optional($.level2),
        field('name', $.string),
        optional($.value),
        choice(seq($.attributes, optional($._semi)), $._semi),
      ),
    level1: (_) =>
      choice(kw('kw_output'), kw('kw_cost'), kw('kw_effect'), kw('kw_satisfaction')),
    level2: (_) =>
      choice(
        kw('kw_quantity'),
        kw('kw_quality'),
        kw('kw_timeliness'),
        kw('kw_cost2'),
        kw('kw_economic'),
        kw('kw_social'),
        kw('kw_ecological'),
        kw('kw_sustainable'),
        kw('kw_service'),
        kw('kw_public'),
      ),
    value: ($) =>
      choice(
        seq(optional($.comparator), choice($.date_range, $.date, $.month, $.quantity)),
        $.string,
      ),
    // One token, so that `>` here is not the `>` that closes a form.
    comparator: (_) =>
      token(
        choice(
          '>=', '<=', '==', '≥', '≤', '≧', '≦', '⩾', '⩽', '＞＝', '＜＝',
          '=', '＝', '>', '<', '＞', '＜',
        ),
      ),
    attributes: ($) => seq($._lbrace, repeat($.attribute), $._rbrace),
    attribute: ($) =>
      seq(
        choice(
          seq(alias(kw('kw_weight'), $.attribute_name), $.number),
          seq(alias(kw('kw_explanation'), $.attribute_name), $.string),
          seq(alias(kw('kw_scoring'), $.attribute_name), $.string),
          seq(alias(kw('kw_standard'), $.attribute_name), $.string),
          seq(alias(kw('kw_direction'), $.attribute_name), $.direction),
          // a self-evaluation's actual (实际完成值), score, grade and 偏差原因
          seq(alias(kw('kw_actual'), $.attribute_name), $.value),
          seq(alias(kw('kw_score'), $.attribute_name), $.number),
          seq(alias(kw('kw_grade'), $.attribute_name), $.grade),
          seq(alias(kw('kw_reason'), $.attribute_name), $.string),
          // a monitoring form's 1-7月执行情况, 全年预计完成情况, 偏差类型, 完成目标可能性
          seq(alias(kw('kw_midyear'), $.attribute_name), $.value),
          seq(alias(kw('kw_forecast'), $.attribute_name), $.value),
          seq(alias(kw('kw_cause'), $.attribute_name), $.cause),
          seq(alias(kw('kw_likelihood'), $.attribute_name), $.likelihood),
        ),
        $._semi,
      ),
    direction: (_) => choice(kw('kw_positive'), kw('kw_negative')),
    // 达成度 of a qualitative indicator on a self-evaluation form
    grade: (_) => choice(kw('kw_partial'), kw('kw_missed'), kw('kw_achieved')),
    // 偏差原因 kinds on a monitoring form
    cause: (_) =>
      choice(
        kw('kw_funding'),
        kw('kw_institution'),
        kw('kw_staffing'),
        kw('kw_hardware'),
        kw('kw_cause_other'),
      ),
    // 完成目标可能性
    likelihood: (_) => choice(kw('kw_certain'), kw('kw_possible'), kw('kw_impossible')),

    // ── literals ──
    string: (_) =>
      token(choice(seq('"', /([^"\\]|\\[\s\S])*/, '"'), seq('“', /[^”]*/, '”'))),

    // 1238.68, 1,238.68, １２３, 100.
    number: (_) => token(/[0-9０-９]+(,[0-9０-９]{3})*(\.[0-9０-９]*)?/),
    quantity: ($) => seq($.number, optional($.unit)),
    // 万元, 万件(册), %, 人次/年, ㎡: a word or a sign, then more of them with no space between.
    unit: ($) => seq(choice($._word, $._unit_sign), optional($._unit_rest)),
    _word: (_) => /[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z-]*/,
    _unit_sign: (_) => /[%％‰/／()（）²³㎡]+/,
    _unit_rest: (_) => token.immediate(/[%％‰/／()（）²³㎡\p{Script=Han}A-Za-z]+/),

    year: (_) => token(prec(2, new RegExp(`${D}{4}(${ZSP}年)?`))),
    // 2023-01-28, 2023.1.28, 2023/1/28, 2023年1月28日; 20230128 too, but a number where one may
    // stand (`20230128万元` is a quantity, as in kpi).
    date: (_) =>
      choice(
        token(prec(2, new RegExp(`(${DATE_ISO}|${DATE_DOT}|${DATE_SLASH}|${DATE_ZH})`))),
        token(prec(-1, new RegExp(DATE_COMPACT))),
      ),
    _date_serial: (_) => token(prec(-1, new RegExp(`${D}{5}`))),
    // A month as a target: 2025年12月
    month: (_) => token(prec(2, new RegExp(`${D}{4}${ZSP}年${ZSP}${D}{1,2}${ZSP}月`))),
    // 2023-01-01..2023-12-31, 2023.07-2024.01, 2021年1月-2021年12月, 2023年1-12月
    date_range: (_) =>
      token(prec(3, new RegExp(`(${RANGE_END}${WS}${RANGE_SEP}${WS}${RANGE_END}|${MONTH_SPAN})`))),

    line_comment: (_) => token(seq('//', /[^\r\n]*/)),
    block_comment: (_) => token(seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/')),
  },
});
