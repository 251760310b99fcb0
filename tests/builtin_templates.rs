//! The generator of the built-in templates (`templates/kpi-forms.xlsx`) and the test that the
//! committed file is what the generator makes.
//!
//! Regenerate after changing the layout:
//!     KPI_REGENERATE_TEMPLATES=1 cargo test --test it builtin_templates::

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/kpi-forms.xlsx");
const CUSTOM_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/templates/with-weights.xlsx"
);
const HUBEI_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/templates/hubei-self-evaluation.xlsx"
);

/// The font the official forms use; LibreOffice and WPS fall back to an installed CJK font.
const FONT: &str = "宋体";

/// Display width of text in Excel's column units: a CJK (wide) character counts 2, others 1.
fn display_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1.0 } else { 2.0 })
        .sum()
}

/// A column width that fits the widest of `texts` plus padding, at least `min`.
fn fit(texts: &[&str], min: f64) -> f64 {
    texts
        .iter()
        .map(|t| display_width(t) + 2.0)
        .fold(min, f64::max)
}

struct Formats {
    title: Format,
    subtitle: Format,
    unit: Format,
    label: Format,
    head: Format,
    text: Format,
    center: Format,
    money: Format,
    plain: Format,
}

fn formats() -> Formats {
    let base = Format::new().set_font_name(FONT).set_font_size(10.5);
    let cell = base
        .clone()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    Formats {
        title: base
            .clone()
            .set_font_size(16)
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        subtitle: base.clone().set_align(FormatAlign::Center),
        unit: base.clone().set_align(FormatAlign::Right),
        label: cell.clone().set_align(FormatAlign::Center).set_bold(),
        head: cell.clone().set_align(FormatAlign::Center).set_bold(),
        text: cell.clone().set_align(FormatAlign::Left),
        center: cell.clone().set_align(FormatAlign::Center),
        money: cell
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format("0.00"),
        plain: base,
    }
}

fn page_setup(ws: &mut Worksheet, last_col: u16) -> Result<(), XlsxError> {
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    page_common(ws, last_col)
}

/// Wide forms (self-evaluation, monitoring): A4 landscape.
fn page_setup_landscape(ws: &mut Worksheet, last_col: u16) -> Result<(), XlsxError> {
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    page_common(ws, last_col)
}

fn page_common(ws: &mut Worksheet, last_col: u16) -> Result<(), XlsxError> {
    ws.set_print_fit_to_pages(1, 0); // one page wide, as many tall as needed
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.6, 0.6, 0.75, 0.75, 0.3, 0.3);
    ws.set_repeat_rows(0, 2)?; // title, year and unit on every printed page
    ws.set_footer("&C第 &P 页，共 &N 页");
    let _ = last_col;
    Ok(())
}

/// 项目支出绩效目标表: columns A 绩效指标, B 一级, C 二级, D:E 三级, F 指标值.
fn project_sheet(ws: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("项目支出绩效目标表")?;
    let widths = [
        fit(&["绩效指标"], 10.0),
        fit(&["一级指标", "满意度指标"], 12.0),
        fit(&["二级指标", "服务对象满意度指标"], 12.0),
        22.0,
        fit(&["实施单位", "项目期"], 12.0),
        // 实施单位 values such as 高新技术与成果转化科 sit in this column too.
        fit(&["指标值", "≥1238.68万元", "高新技术与成果转化科"], 18.0),
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_default_row_height(18.0);
    ws.merge_range(0, 0, 0, 5, "项目支出绩效目标表", &f.title)?;
    ws.set_row_height(0, 30.0)?;
    ws.merge_range(1, 0, 1, 5, "（{{year}}年度）", &f.subtitle)?;
    ws.write_string_with_format(2, 5, "单位：万元", &f.unit)?;
    ws.write_blank(2, 0, &f.plain)?;

    // Header block.
    ws.merge_range(3, 0, 3, 1, "项目名称", &f.label)?;
    ws.merge_range(3, 2, 3, 5, "{{project.name}}", &f.text)?;
    ws.merge_range(4, 0, 4, 1, "主管部门及代码", &f.label)?;
    ws.merge_range(4, 2, 4, 3, "{{project.department_and_code}}", &f.text)?;
    ws.write_string_with_format(4, 4, "实施单位", &f.label)?;
    ws.write_string_with_format(4, 5, "{{project.unit}}", &f.text)?;
    ws.merge_range(5, 0, 5, 1, "项目属性", &f.label)?;
    ws.merge_range(5, 2, 5, 3, "{{project.kind}}", &f.text)?;
    ws.write_string_with_format(5, 4, "项目期", &f.label)?;
    ws.write_string_with_format(5, 5, "{{project.period}}", &f.text)?;
    // 项目资金: the total, then one row per source the form states (其中：财政拨款 …).
    ws.merge_range(6, 0, 7, 0, "项目资金（万元）", &f.label)?;
    ws.merge_range(6, 1, 6, 3, "年度资金总额", &f.label)?;
    ws.merge_range(6, 4, 6, 5, "{{budget.total}}", &f.money)?;
    ws.merge_range(
        7,
        1,
        7,
        3,
        "{{#each budget.split}}{{split.label}}",
        &f.label,
    )?;
    ws.merge_range(7, 4, 7, 5, "{{split.amount}}", &f.money)?;
    // 年度总体目标: the label spans the goal rows.
    ws.merge_range(8, 0, 8, 1, "年度总体目标", &f.label)?;
    ws.merge_range(8, 2, 8, 5, "{{#each goals}}{{goal.text}}", &f.text)?;
    // 绩效指标
    ws.merge_range(9, 0, 10, 0, "绩效指标", &f.label)?;
    ws.write_string_with_format(9, 1, "一级指标", &f.head)?;
    ws.write_string_with_format(9, 2, "二级指标", &f.head)?;
    ws.merge_range(9, 3, 9, 4, "三级指标", &f.head)?;
    ws.write_string_with_format(9, 5, "指标值", &f.head)?;
    ws.write_string_with_format(
        10,
        1,
        "{{#each indicators}}{{indicator.level1|merge}}",
        &f.center,
    )?;
    ws.write_string_with_format(10, 2, "{{indicator.level2|merge}}", &f.center)?;
    ws.merge_range(10, 3, 10, 4, "{{indicator.name}}", &f.text)?;
    ws.write_string_with_format(10, 5, "{{indicator.value}}", &f.center)?;
    // 填报信息
    ws.merge_range(11, 0, 11, 1, "填报人", &f.label)?;
    ws.merge_range(11, 2, 11, 3, "{{filed.filer}}", &f.text)?;
    ws.write_string_with_format(11, 4, "联系电话", &f.label)?;
    ws.write_string_with_format(11, 5, "{{filed.phone}}", &f.text)?;
    ws.merge_range(12, 0, 12, 1, "填报日期", &f.label)?;
    ws.merge_range(12, 2, 12, 5, "{{filed.date}}", &f.text)?;
    page_setup(ws, 5)
}

/// 部门整体支出绩效目标表: the funds table A 任务名称, B:C 主要内容, D 总额, E 财政拨款,
/// F 转移性资金, G 其他资金; indicators A 年度绩效指标, B 一级, C 二级, D:F 三级, G 指标值.
fn department_sheet(ws: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("部门整体支出绩效目标表")?;
    let money = fit(&["转移性资金", "1238.68"], 11.0);
    let widths = [
        fit(&["任务名称", "基本支出合计"], 12.0),
        fit(&["一级指标", "满意度指标"], 12.0),
        fit(&["二级指标", "服务对象满意度指标"], 12.0),
        money,
        money,
        money,
        fit(&["指标值", "≥1238.68万元"], 14.0),
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_default_row_height(18.0);
    ws.merge_range(0, 0, 0, 6, "部门整体支出绩效目标表", &f.title)?;
    ws.set_row_height(0, 30.0)?;
    ws.merge_range(1, 0, 1, 6, "（{{year}}年度）", &f.subtitle)?;
    ws.write_string_with_format(2, 6, "单位：万元", &f.unit)?;
    ws.write_blank(2, 0, &f.plain)?;

    ws.merge_range(3, 0, 3, 1, "部门（单位）名称", &f.label)?;
    ws.merge_range(3, 2, 3, 4, "{{department.name}}", &f.text)?;
    ws.write_string_with_format(3, 5, "部门代码", &f.label)?;
    ws.write_string_with_format(3, 6, "{{department.code}}", &f.text)?;
    ws.merge_range(4, 0, 4, 1, "实施单位", &f.label)?;
    ws.merge_range(4, 2, 4, 6, "{{department.unit}}", &f.text)?;

    // 年度主要任务
    ws.merge_range(5, 0, 6, 0, "任务名称", &f.head)?;
    ws.merge_range(5, 1, 6, 2, "主要内容", &f.head)?;
    ws.merge_range(5, 3, 5, 6, "预算金额（万元）", &f.head)?;
    ws.write_string_with_format(6, 3, "总额", &f.head)?;
    ws.write_string_with_format(6, 4, "财政拨款", &f.head)?;
    ws.write_string_with_format(6, 5, "转移性资金", &f.head)?;
    ws.write_string_with_format(6, 6, "其他资金", &f.head)?;
    ws.write_string_with_format(7, 0, "{{#each funds}}{{line.category|merge}}", &f.center)?;
    ws.merge_range(7, 1, 7, 2, "{{line.name}}", &f.text)?;
    ws.write_string_with_format(7, 3, "{{line.amount}}", &f.money)?;
    ws.write_string_with_format(7, 4, "{{line.fiscal}}", &f.money)?;
    ws.write_string_with_format(7, 5, "{{line.transfer}}", &f.money)?;
    ws.write_string_with_format(7, 6, "{{line.other}}", &f.money)?;
    ws.merge_range(8, 0, 8, 2, "{{#each totals}}{{total.label}}", &f.label)?;
    ws.write_string_with_format(8, 3, "{{total.amount}}", &f.money)?;
    ws.write_string_with_format(8, 4, "{{total.fiscal}}", &f.money)?;
    ws.write_string_with_format(8, 5, "{{total.transfer}}", &f.money)?;
    ws.write_string_with_format(8, 6, "{{total.other}}", &f.money)?;

    // 年度总体目标
    ws.write_string_with_format(9, 0, "年度总体目标", &f.label)?;
    ws.merge_range(9, 1, 9, 6, "{{#each goals}}{{goal.text}}", &f.text)?;

    // 年度绩效指标
    ws.merge_range(10, 0, 11, 0, "年度绩效指标", &f.label)?;
    ws.write_string_with_format(10, 1, "一级指标", &f.head)?;
    ws.write_string_with_format(10, 2, "二级指标", &f.head)?;
    ws.merge_range(10, 3, 10, 5, "三级指标", &f.head)?;
    ws.write_string_with_format(10, 6, "指标值", &f.head)?;
    ws.write_string_with_format(
        11,
        1,
        "{{#each indicators}}{{indicator.level1|merge}}",
        &f.center,
    )?;
    ws.write_string_with_format(11, 2, "{{indicator.level2|merge}}", &f.center)?;
    ws.merge_range(11, 3, 11, 5, "{{indicator.name}}", &f.text)?;
    ws.write_string_with_format(11, 6, "{{indicator.value}}", &f.center)?;

    ws.write_string_with_format(12, 0, "填报人", &f.label)?;
    ws.merge_range(12, 1, 12, 2, "{{filed.filer}}", &f.text)?;
    ws.write_string_with_format(12, 3, "联系电话", &f.label)?;
    ws.merge_range(12, 4, 12, 6, "{{filed.phone}}", &f.text)?;
    ws.write_string_with_format(13, 0, "填报日期", &f.label)?;
    ws.merge_range(13, 1, 13, 6, "{{filed.date}}", &f.text)?;
    page_setup(ws, 6)
}

/// 项目支出绩效自评表 (the national layout of 财预〔2020〕10号): A 项目资金 / 年度总体目标 /
/// 绩效指标 labels, B 一级, C 二级, D 三级, E 年度指标值, F 实际完成值, G 分值, H 得分,
/// I 偏差原因分析及改进措施; the funds block D 年初预算数, E 全年预算数, F 全年执行数,
/// G 分值, H 执行率, I 得分.
fn self_evaluation_sheet(ws: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("项目支出绩效自评表")?;
    let widths = [
        fit(&["绩效指标"], 10.0),
        fit(&["一级指标", "满意度指标"], 12.0),
        fit(&["二级指标", "服务对象满意度指标"], 12.0),
        // 三级指标 names run long (指标1:年度资金支付完成率100%); the page is landscape.
        28.0,
        fit(&["年度指标值", "≥1238.68万元"], 12.0),
        fit(&["实际完成值", "1238.68万元"], 12.0),
        fit(&["分值"], 7.0),
        fit(&["执行率", "100%"], 8.0),
        26.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_default_row_height(18.0);
    ws.merge_range(0, 0, 0, 8, "项目支出绩效自评表", &f.title)?;
    ws.set_row_height(0, 30.0)?;
    ws.merge_range(1, 0, 1, 8, "（{{year}}年度）", &f.subtitle)?;
    ws.write_string_with_format(2, 8, "单位：万元", &f.unit)?;
    ws.write_blank(2, 0, &f.plain)?;

    ws.merge_range(3, 0, 3, 1, "项目名称", &f.label)?;
    ws.merge_range(3, 2, 3, 8, "{{project.name}}", &f.text)?;
    ws.merge_range(4, 0, 4, 1, "主管部门", &f.label)?;
    ws.merge_range(4, 2, 4, 4, "{{project.department_and_code}}", &f.text)?;
    ws.write_string_with_format(4, 5, "实施单位", &f.label)?;
    ws.merge_range(4, 6, 4, 8, "{{project.unit}}", &f.text)?;
    ws.merge_range(5, 0, 5, 1, "项目属性", &f.label)?;
    ws.merge_range(5, 2, 5, 4, "{{project.kind}}", &f.text)?;
    ws.write_string_with_format(5, 5, "项目期", &f.label)?;
    ws.merge_range(5, 6, 5, 8, "{{project.period}}", &f.text)?;

    // 项目资金: the totals with the execution score, a row per source, the deviation reason.
    ws.merge_range(6, 0, 9, 0, "项目资金（万元）", &f.label)?;
    ws.merge_range(6, 1, 6, 2, "", &f.head)?;
    for (c, h) in [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(6, 3 + c as u16, *h, &f.head)?;
    }
    ws.merge_range(7, 1, 7, 2, "年度资金总额", &f.label)?;
    ws.write_string_with_format(7, 3, "{{budget.total}}", &f.money)?;
    ws.write_string_with_format(7, 4, "{{execution.adjusted}}", &f.money)?;
    ws.write_string_with_format(7, 5, "{{execution.executed}}", &f.money)?;
    ws.write_string_with_format(7, 6, "{{execution.weight}}", &f.center)?;
    ws.write_string_with_format(7, 7, "{{execution.rate}}", &f.center)?;
    ws.write_string_with_format(7, 8, "{{execution.score}}", &f.center)?;
    ws.merge_range(
        8,
        1,
        8,
        2,
        "{{#each execution.split}}{{source.label}}",
        &f.label,
    )?;
    ws.write_string_with_format(8, 3, "{{source.budget}}", &f.money)?;
    ws.write_string_with_format(8, 4, "{{source.adjusted}}", &f.money)?;
    ws.write_string_with_format(8, 5, "{{source.executed}}", &f.money)?;
    ws.write_string_with_format(8, 6, "—", &f.center)?;
    ws.write_string_with_format(8, 7, "{{source.rate}}", &f.center)?;
    ws.write_string_with_format(8, 8, "—", &f.center)?;
    ws.merge_range(9, 1, 9, 2, "执行偏差原因及改进措施", &f.label)?;
    ws.merge_range(9, 3, 9, 8, "{{execution.reason}}", &f.text)?;

    // 年度总体目标: 预期目标 a row per goal, 实际完成情况 merged beside them.
    ws.merge_range(10, 0, 11, 0, "年度总体目标", &f.label)?;
    ws.merge_range(10, 1, 10, 4, "预期目标", &f.head)?;
    ws.merge_range(10, 5, 10, 8, "实际完成情况", &f.head)?;
    ws.merge_range(11, 1, 11, 4, "{{#each goals}}{{goal.text}}", &f.text)?;
    ws.merge_range(11, 5, 11, 8, "{{execution.outcome|merge}}", &f.text)?;

    // 绩效指标
    ws.merge_range(12, 0, 13, 0, "绩效指标", &f.label)?;
    for (c, h) in [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(12, 1 + c as u16, *h, &f.head)?;
    }
    ws.write_string_with_format(
        13,
        1,
        "{{#each indicators}}{{indicator.level1|merge}}",
        &f.center,
    )?;
    ws.write_string_with_format(13, 2, "{{indicator.level2|merge}}", &f.center)?;
    ws.write_string_with_format(13, 3, "{{indicator.name}}", &f.text)?;
    ws.write_string_with_format(13, 4, "{{indicator.value}}", &f.center)?;
    ws.write_string_with_format(13, 5, "{{indicator.actual}}", &f.center)?;
    ws.write_string_with_format(13, 6, "{{indicator.weight}}", &f.center)?;
    ws.write_string_with_format(13, 7, "{{indicator.score}}", &f.center)?;
    ws.write_string_with_format(13, 8, "{{indicator.reason}}", &f.text)?;
    ws.merge_range(14, 0, 14, 5, "总分", &f.label)?;
    ws.write_string_with_format(14, 6, "{{total_weight}}", &f.center)?;
    ws.write_string_with_format(14, 7, "{{total_score}}", &f.center)?;
    ws.write_blank(14, 8, &f.text)?;

    ws.merge_range(15, 0, 15, 1, "填报人", &f.label)?;
    ws.merge_range(15, 2, 15, 4, "{{filed.filer}}", &f.text)?;
    ws.write_string_with_format(15, 5, "联系电话", &f.label)?;
    ws.merge_range(15, 6, 15, 8, "{{filed.phone}}", &f.text)?;
    ws.merge_range(16, 0, 16, 1, "填报日期", &f.label)?;
    ws.merge_range(16, 2, 16, 8, "{{filed.date}}", &f.text)?;
    page_setup_landscape(ws, 8)
}

/// 绩效运行监控表: the funds block D:E 年初预算数, F:G 全年预算数, H:I 1-7月执行数, J:K
/// 1-7月执行率, L:M 全年预计执行数, N:P 偏差原因; the indicators B 一级, C 二级, D 三级,
/// E 年度指标值, F 1-7月执行情况, G 全年预计完成情况, H:L 偏差原因 (a ✓ under its kind),
/// M:O 完成目标可能性, P 原因说明.
fn monitoring_sheet(ws: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("绩效运行监控表")?;
    // The tick columns are narrow: their headings (经费保障, 硬件条件保障) wrap; two of them
    // hold 全年预计执行数 in the funds block on one line.
    let tick = 7.5;
    let widths = [
        fit(&["绩效指标"], 8.0),
        fit(&["一级指标"], 10.0),
        fit(&["二级指标"], 12.0),
        20.0,
        fit(&["年度指标值"], 10.0),
        // 1-7月执行情况 is often a sentence.
        16.0,
        12.0,
        tick,
        tick,
        tick,
        tick,
        tick,
        tick,
        tick,
        tick,
        18.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_default_row_height(18.0);
    ws.merge_range(0, 0, 0, 15, "项目支出绩效运行监控表", &f.title)?;
    ws.set_row_height(0, 30.0)?;
    ws.merge_range(1, 0, 1, 15, "（{{year}}年度）", &f.subtitle)?;
    ws.write_string_with_format(2, 15, "单位：万元", &f.unit)?;
    ws.write_blank(2, 0, &f.plain)?;

    ws.merge_range(3, 0, 3, 1, "项目名称", &f.label)?;
    ws.merge_range(3, 2, 3, 15, "{{project.name}}", &f.text)?;
    ws.merge_range(4, 0, 4, 1, "主管部门", &f.label)?;
    ws.merge_range(4, 2, 4, 6, "{{project.department_and_code}}", &f.text)?;
    ws.merge_range(4, 7, 4, 9, "实施单位", &f.label)?;
    ws.merge_range(4, 10, 4, 15, "{{project.unit}}", &f.text)?;
    ws.merge_range(5, 0, 5, 1, "项目属性", &f.label)?;
    ws.merge_range(5, 2, 5, 6, "{{project.kind}}", &f.text)?;
    ws.merge_range(5, 7, 5, 9, "项目期", &f.label)?;
    ws.merge_range(5, 10, 5, 15, "{{project.period}}", &f.text)?;

    // 项目资金
    ws.merge_range(6, 0, 8, 0, "项目资金（万元）", &f.label)?;
    ws.merge_range(6, 1, 6, 2, "", &f.head)?;
    for (c, h) in [
        "年初预算数",
        "全年预算数",
        "1-7月执行数",
        "1-7月执行率",
        "全年预计执行数",
    ]
    .iter()
    .enumerate()
    {
        let c = 3 + 2 * c as u16;
        ws.merge_range(6, c, 6, c + 1, h, &f.head)?;
    }
    ws.merge_range(6, 13, 6, 15, "偏差原因分析", &f.head)?;
    ws.merge_range(7, 1, 7, 2, "年度资金总额", &f.label)?;
    for (c, p) in [
        "{{budget.total}}",
        "{{execution.adjusted}}",
        "{{execution.midyear}}",
        "{{execution.midyear_rate}}",
        "{{execution.forecast}}",
    ]
    .iter()
    .enumerate()
    {
        let c = 3 + 2 * c as u16;
        let fmt = if p.contains("rate") {
            &f.center
        } else {
            &f.money
        };
        ws.merge_range(7, c, 7, c + 1, p, fmt)?;
    }
    ws.merge_range(7, 13, 8, 15, "{{execution.reason}}", &f.text)?;
    ws.merge_range(
        8,
        1,
        8,
        2,
        "{{#each execution.split}}{{source.label}}",
        &f.label,
    )?;
    for (c, p) in [
        "{{source.budget}}",
        "{{source.adjusted}}",
        "{{source.midyear}}",
        "{{source.midyear_rate}}",
        "{{source.forecast}}",
    ]
    .iter()
    .enumerate()
    {
        let c = 3 + 2 * c as u16;
        let fmt = if p.contains("rate") {
            &f.center
        } else {
            &f.money
        };
        ws.merge_range(8, c, 8, c + 1, p, fmt)?;
    }

    // 年度总体目标
    ws.merge_range(9, 0, 10, 0, "年度总体目标", &f.label)?;
    ws.merge_range(9, 1, 9, 6, "年度目标", &f.head)?;
    ws.merge_range(9, 7, 9, 15, "1-7月执行情况", &f.head)?;
    ws.merge_range(10, 1, 10, 6, "{{#each goals}}{{goal.text}}", &f.text)?;
    ws.merge_range(10, 7, 10, 15, "{{execution.outcome|merge}}", &f.text)?;

    // 绩效指标: two header rows (偏差原因 and 完成目标可能性 have their kinds below them).
    ws.merge_range(11, 0, 13, 0, "绩效指标", &f.label)?;
    for (c, h) in [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "1-7月执行情况",
        "全年预计完成情况",
    ]
    .iter()
    .enumerate()
    {
        let c = 1 + c as u16;
        ws.merge_range(11, c, 12, c, h, &f.head)?;
    }
    ws.merge_range(11, 7, 11, 11, "偏差原因", &f.head)?;
    ws.merge_range(11, 12, 11, 14, "完成目标可能性", &f.head)?;
    ws.merge_range(11, 15, 12, 15, "原因说明及改进措施", &f.head)?;
    for (c, h) in [
        "经费保障",
        "制度保障",
        "人员保障",
        "硬件条件保障",
        "其他",
        "确定能",
        "有可能",
        "完全不可能",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(12, 7 + c as u16, *h, &f.head)?;
    }
    let row = [
        "{{#each indicators}}{{indicator.level1|merge}}",
        "{{indicator.level2|merge}}",
        "{{indicator.name}}",
        "{{indicator.value}}",
        "{{indicator.midyear}}",
        "{{indicator.forecast}}",
        "{{indicator.cause_funding}}",
        "{{indicator.cause_institution}}",
        "{{indicator.cause_staffing}}",
        "{{indicator.cause_hardware}}",
        "{{indicator.cause_other}}",
        "{{indicator.likely_certain}}",
        "{{indicator.likely_possible}}",
        "{{indicator.likely_impossible}}",
        "{{indicator.reason}}",
    ];
    for (c, t) in row.iter().enumerate() {
        let fmt = if c == 2 || c == 14 {
            &f.text
        } else {
            &f.center
        };
        ws.write_string_with_format(13, 1 + c as u16, *t, fmt)?;
    }

    ws.merge_range(14, 0, 14, 1, "填报人", &f.label)?;
    ws.merge_range(14, 2, 14, 6, "{{filed.filer}}", &f.text)?;
    ws.merge_range(14, 7, 14, 9, "联系电话", &f.label)?;
    ws.merge_range(14, 10, 14, 15, "{{filed.phone}}", &f.text)?;
    ws.merge_range(15, 0, 15, 1, "填报日期", &f.label)?;
    ws.merge_range(15, 2, 15, 15, "{{filed.date}}", &f.text)?;
    page_setup_landscape(ws, 15)
}

/// The built-in template workbook's bytes.
fn generate() -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let f = formats();
    project_sheet(wb.add_worksheet(), &f)?;
    department_sheet(wb.add_worksheet(), &f)?;
    self_evaluation_sheet(wb.add_worksheet(), &f)?;
    monitoring_sheet(wb.add_worksheet(), &f)?;
    let when = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("kpi 绩效目标表模板")
            .set_author("kpi")
            .set_creation_datetime(&when),
    );
    wb.save_to_buffer()
}

/// The example of a custom template (`examples/templates/with-weights.xlsx`): a landscape
/// project form with 分值, 指标解释, 评分标准 and 指标方向 columns, placeholders inside text,
/// and no department sheet (department forms then use the built-in one).
fn generate_custom() -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let f = formats();
    let ws = wb.add_worksheet();
    ws.set_name("项目绩效目标（含分值）")?;
    let widths = [12.0, 16.0, 30.0, 14.0, 8.0, 20.0, 20.0, 10.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.merge_range(
        0,
        0,
        0,
        7,
        "{{project.name}} 绩效目标表（含分值）",
        &f.title,
    )?;
    ws.set_row_height(0, 30.0)?;
    ws.merge_range(1, 0, 1, 7, "（{{year}}年度）", &f.subtitle)?;
    ws.write_string_with_format(2, 7, "单位：万元", &f.unit)?;
    ws.write_string_with_format(3, 0, "项目名称", &f.label)?;
    ws.merge_range(3, 1, 3, 3, "{{project.name}}", &f.text)?;
    ws.write_string_with_format(3, 4, "主管部门", &f.label)?;
    ws.merge_range(3, 5, 3, 7, "{{project.department_and_code}}", &f.text)?;
    ws.write_string_with_format(4, 0, "年度资金总额", &f.label)?;
    ws.merge_range(4, 1, 4, 3, "{{budget.total}}", &f.money)?;
    ws.write_string_with_format(4, 4, "实施单位", &f.label)?;
    ws.merge_range(4, 5, 4, 7, "{{project.unit}}", &f.text)?;
    ws.write_string_with_format(5, 0, "{{#each budget.split}}{{split.source}}", &f.label)?;
    ws.merge_range(5, 1, 5, 3, "{{split.amount}}", &f.money)?;
    ws.merge_range(5, 4, 5, 7, "", &f.text)?;
    ws.write_string_with_format(6, 0, "年度总体目标", &f.label)?;
    ws.merge_range(6, 1, 6, 7, "{{#each goals}}{{goal.text}}", &f.text)?;
    let heads = [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "分值",
        "指标解释",
        "评分标准",
        "指标方向",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(7, c as u16, *h, &f.head)?;
    }
    let row = [
        "{{#each indicators}}{{indicator.level1|merge}}",
        "{{indicator.level2|merge}}",
        "{{indicator.name}}",
        "{{indicator.value}}",
        "{{indicator.weight}}",
        "{{indicator.explanation}}",
        "{{indicator.scoring}}",
        "{{indicator.direction}}",
    ];
    for (c, t) in row.iter().enumerate() {
        let fmt = if c == 2 || c == 5 || c == 6 {
            &f.text
        } else {
            &f.center
        };
        ws.write_string_with_format(8, c as u16, *t, fmt)?;
    }
    ws.write_string_with_format(9, 0, "填报日期", &f.label)?;
    ws.write_string_with_format(9, 1, "{{filed.date}}", &f.text)?;
    ws.write_string_with_format(9, 2, "填报人：{{filed.filer}}", &f.text)?;
    ws.write_string_with_format(9, 3, "联系电话", &f.label)?;
    ws.merge_range(9, 4, 9, 7, "{{filed.phone}}", &f.text)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(7, 7)?; // the indicator table's header on every page
    ws.set_print_area(0, 0, 9, 7)?; // moves down with the repeated rows
    let when = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_author("kpi")
            .set_creation_datetime(&when),
    );
    wb.save_to_buffer()
}

/// The example of a custom self-evaluation template for a provincial layout
/// (`examples/templates/hubei-self-evaluation.xlsx`): the Hubei table with 预算执行情况 (its
/// weight from the scoring profile, 20 under `hubei-2022`) above 绩效指标, no rows per funding
/// source, and kpi's own columns beside the claimed ones: 复核得分 (the score the profile's
/// rules give) and 达成度. Recognised as a self-evaluation sheet by its placeholders
/// (`{{execution.executed}}`, `{{indicator.actual}}`, `{{total_score}}` …); the other kinds
/// of form come from the built-in sheets.
fn generate_hubei() -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let f = formats();
    let ws = wb.add_worksheet();
    ws.set_name("项目支出绩效自评表（湖北）")?;
    let widths = [14.0, 14.0, 24.0, 12.0, 12.0, 8.0, 8.0, 9.0, 10.0, 26.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_default_row_height(18.0);
    ws.merge_range(0, 0, 0, 9, "{{year}}年度项目支出绩效自评表", &f.title)?;
    ws.set_row_height(0, 30.0)?;
    ws.write_string_with_format(1, 9, "单位：万元", &f.unit)?;
    ws.write_string_with_format(2, 0, "项目名称", &f.label)?;
    ws.merge_range(2, 1, 2, 9, "{{project.name}}", &f.text)?;
    ws.write_string_with_format(3, 0, "主管部门", &f.label)?;
    ws.merge_range(3, 1, 3, 4, "{{project.department}}", &f.text)?;
    ws.write_string_with_format(3, 5, "实施单位", &f.label)?;
    ws.merge_range(3, 6, 3, 9, "{{project.unit}}", &f.text)?;
    // 预算执行情况（20分）: the weight is the profile's.
    ws.merge_range(
        4,
        0,
        5,
        0,
        "预算执行情况\n（{{execution.weight}}分）",
        &f.label,
    )?;
    for (c, h) in [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "执行率",
        "分值",
        "得分",
        "复核得分",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(4, 1 + c as u16, *h, &f.head)?;
    }
    ws.merge_range(4, 8, 4, 9, "偏差原因分析及改进措施", &f.head)?;
    ws.write_string_with_format(5, 1, "{{budget.total}}", &f.money)?;
    ws.write_string_with_format(5, 2, "{{execution.adjusted}}", &f.money)?;
    ws.write_string_with_format(5, 3, "{{execution.executed}}", &f.money)?;
    ws.write_string_with_format(5, 4, "{{execution.rate}}", &f.center)?;
    ws.write_string_with_format(5, 5, "{{execution.weight}}", &f.center)?;
    ws.write_string_with_format(5, 6, "{{execution.score}}", &f.center)?;
    ws.write_string_with_format(5, 7, "{{execution.computed}}", &f.center)?;
    ws.merge_range(5, 8, 5, 9, "{{execution.reason}}", &f.text)?;
    ws.write_string_with_format(6, 0, "年度总体目标", &f.label)?;
    ws.merge_range(6, 1, 6, 4, "{{#each goals}}{{goal.text}}", &f.text)?;
    ws.merge_range(6, 5, 6, 9, "{{execution.outcome|merge}}", &f.text)?;
    let heads = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "复核得分",
        "达成度",
        "偏差原因分析及改进措施",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(7, c as u16, *h, &f.head)?;
    }
    let row = [
        "{{#each indicators}}{{indicator.level1|merge}}",
        "{{indicator.level2|merge}}",
        "{{indicator.name}}",
        "{{indicator.value}}",
        "{{indicator.actual}}",
        "{{indicator.weight}}",
        "{{indicator.score}}",
        "{{indicator.computed}}",
        "{{indicator.grade}}",
        "{{indicator.reason}}",
    ];
    for (c, t) in row.iter().enumerate() {
        let fmt = if c == 2 || c == 9 { &f.text } else { &f.center };
        ws.write_string_with_format(8, c as u16, *t, fmt)?;
    }
    ws.merge_range(9, 0, 9, 4, "总分", &f.label)?;
    ws.write_string_with_format(9, 5, "{{total_weight}}", &f.center)?;
    ws.write_string_with_format(9, 6, "{{total_score}}", &f.center)?;
    ws.write_string_with_format(9, 7, "{{total_computed}}", &f.center)?;
    ws.merge_range(9, 8, 9, 9, "", &f.text)?;
    ws.write_string_with_format(10, 0, "填报日期", &f.label)?;
    ws.merge_range(10, 1, 10, 4, "{{filed.date}}", &f.text)?;
    ws.write_string_with_format(10, 5, "联系电话", &f.label)?;
    ws.merge_range(10, 6, 10, 9, "{{filed.phone}}", &f.text)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(7, 7)?; // the indicator table's header on every page
    ws.set_footer("&C第 &P 页，共 &N 页");
    let when = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_author("kpi")
            .set_creation_datetime(&when),
    );
    wb.save_to_buffer()
}

#[test]
fn committed_hubei_template_example_is_what_the_generator_makes() {
    let bytes = generate_hubei().unwrap();
    if std::env::var_os("KPI_REGENERATE_TEMPLATES").is_some() {
        std::fs::create_dir_all(std::path::Path::new(HUBEI_PATH).parent().unwrap()).unwrap();
        std::fs::write(HUBEI_PATH, &bytes).unwrap();
    }
    let committed = std::fs::read(HUBEI_PATH)
        .expect("examples/templates/hubei-self-evaluation.xlsx is missing");
    assert!(
        committed == bytes,
        "examples/templates/hubei-self-evaluation.xlsx differs from the generator"
    );
}

#[test]
fn committed_custom_template_example_is_what_the_generator_makes() {
    let bytes = generate_custom().unwrap();
    if std::env::var_os("KPI_REGENERATE_TEMPLATES").is_some() {
        std::fs::create_dir_all(std::path::Path::new(CUSTOM_PATH).parent().unwrap()).unwrap();
        std::fs::write(CUSTOM_PATH, &bytes).unwrap();
    }
    let committed =
        std::fs::read(CUSTOM_PATH).expect("examples/templates/with-weights.xlsx is missing");
    assert!(
        committed == bytes,
        "examples/templates/with-weights.xlsx differs from the generator"
    );
}

#[test]
fn committed_builtin_templates_are_what_the_generator_makes() {
    let bytes = generate().unwrap();
    assert_eq!(
        bytes,
        generate().unwrap(),
        "the generator must be deterministic"
    );
    if std::env::var_os("KPI_REGENERATE_TEMPLATES").is_some() {
        std::fs::create_dir_all(std::path::Path::new(PATH).parent().unwrap()).unwrap();
        std::fs::write(PATH, &bytes).unwrap();
    }
    let committed = std::fs::read(PATH)
        .expect("templates/kpi-forms.xlsx is missing: run with KPI_REGENERATE_TEMPLATES=1");
    assert!(
        committed == bytes,
        "templates/kpi-forms.xlsx differs from the generator: run KPI_REGENERATE_TEMPLATES=1 cargo test --test it builtin_templates::"
    );
}

#[test]
fn widths_count_cjk_as_two() {
    assert_eq!(display_width("一级指标"), 8.0);
    assert_eq!(display_width("≥90%"), 5.0);
    assert_eq!(fit(&["服务对象满意度指标"], 10.0), 20.0);
}
