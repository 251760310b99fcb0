" Vim syntax file
" Language:    kpi — budget performance-target forms (预算绩效目标表), *.kpi
" Maintainer:  the kpi project
" Keywords are the kw_* rules of grammar/kpi.pest (English and Chinese spellings);
" tests/vim_syntax.rs checks every keyword, unit, comparator and string of the examples.

if exists("b:current_syntax")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" Numbers and their units: 1238.68万元, 2万件(册), 95%, 365 天. A keyword is never a unit
" (`5万元 fiscal`). Defined first: later items win at the same position.
syn match kpiNumber /\d\+\%(\.\d\+\)\=/ nextgroup=kpiUnit skipwhite

syn match kpiUnit #\%(\%(execution-score\|服务对象或社会公众满意度指标\|社会公众或服务对象满意度指标\|satisfaction\|服务对象或社会公众满意度\|社会公众或服务对象满意度\|explanation\|institution\|sustainable\|total-score\|偏差原因分析及改进措施\|continuing\|department\|ecological\|impossible\|likelihood\|timeliness\|carryover\|direction\|recurring\|服务对象满意度指标\|社会公众满意度指标\|1-7月执行情况\|achieved\|adjusted\|economic\|executed\|forecast\|hardware\|negative\|positive\|possible\|quantity\|staffing\|standard\|transfer\|全年预计完成情况\|生态环境成本指标\|1-7月执行数\|certain\|funding\|midyear\|one-off\|outcome\|partial\|project\|quality\|scoring\|service\|subsidy\|全年预计执行数\|可持续影响指标\|完成目标可能性\|服务对象满意度\|社会公众满意度\|actual\|budget\|effect\|fiscal\|missed\|output\|period\|public\|reason\|social\|weight\|上年结转资金\|实际完成情况\|年度总体目标\|年度资金总额\|环境效益指标\|生态效益指标\|生态环境成本\|目标完成情况\|硬件条件保障\|社会成本指标\|社会效益指标\|经济成本指标\|经济效益指标\|调整后预算数\|basic\|cause\|filed\|funds\|grade\|other\|phone\|score\|total\|全年执行数\|全年预算数\|可持续影响\|完全不可能\|完成可能性\|实际完成值\|年初预算数\|执行率得分\|满意度指标\|转移性资金\|code\|cost\|goal\|kind\|unit\|year\|上年结转\|主管部门\|产出指标\|人员保障\|偏差原因\|偏差类型\|其他资金\|制度保障\|基本支出\|填报日期\|实施单位\|年度目标\|总体目标\|成本指标\|指标方向\|指标解释\|效益指标\|数量指标\|时效指标\|服务对象\|环境效益\|生态效益\|社会公众\|社会成本\|社会效益\|经济成本\|经济效益\|经费保障\|绩效标准\|联系电话\|补助资金\|评分标准\|财政拨款\|质量指标\|部分达成\|项目属性\|项目支出\|new\|一次性\|填报人\|完成值\|实际值\|执行数\|有可能\|未达成\|满意度\|确定能\|经常性\|资金表\|达成度\|项目期\|by\|产出\|代码\|其他\|分值\|反向\|合计\|年度\|延续\|得分\|总分\|成本\|效益\|数量\|新增\|时效\|权重\|正向\|生态\|目标\|社会\|经济\|补助\|质量\|达成\|部门\|项目\|预算\|新\)[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9_]\@!\)\@!\%([千万亿][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z%％‰/／()（）²³㎡]\@=\)\=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z%％‰/／()（）²³㎡]\+# contained contains=kpiMultiplier
syn match kpiMultiplier #\%(^\|\s\|\d\)\@<=[千万亿][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z%％‰/／()（）²³㎡]\@=# contained

" Dates, months and years: 2023-01-28, 2023.01.03, 2023年11月28日, 2023.07-2024.01, 2023年.
syn match kpiDate /\d\{4}年\%([0-9\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]\)\@!/
syn match kpiDate /\d\{4}-\d\{1,2}\%(-\d\{1,2}\)\=\d\@!/
syn match kpiDate /\d\{4}\.\d\{1,2}\.\d\{1,2}\d\@!/
syn match kpiDate /\d\{4}\.\d\{1,2}\ze\s*\%(\.\.\|[-~～至—–]\)\s*\d\{4}/
syn match kpiDate /\d\{4}年\d\{1,2}月\%(\d\{1,2}[日号]\)\=/

" Keywords (syn keyword matches whole words; Chinese characters are word characters).
syn keyword kpiField 主管部门 code 代码 unit 实施单位 kind 项目属性 period
syn keyword kpiField 项目期 budget 年度资金总额 预算 filed 填报日期 by 填报人
syn keyword kpiField phone 联系电话 goal 年度总体目标 总体目标 年度目标 目标 year
syn keyword kpiField 年度 funds 资金表 basic 基本支出 项目支出 total 合计
syn keyword kpiField weight 分值 权重 explanation 指标解释 scoring 评分标准 standard 绩效标准 direction
syn keyword kpiField 指标方向
syn keyword kpiLevel1 output 产出指标 产出 effect 效益指标 效益 satisfaction 满意度指标
syn keyword kpiLevel1 满意度
syn keyword kpiLevel2 quantity 数量指标 数量 quality 质量指标 质量 timeliness 时效指标
syn keyword kpiLevel2 时效 cost 成本指标 成本 economic 经济效益指标 经济效益 经济成本指标
syn keyword kpiLevel2 经济成本 经济 social 社会效益指标 社会效益 社会成本指标 社会成本 社会
syn keyword kpiLevel2 ecological 生态效益指标 生态效益 生态环境成本指标 生态环境成本 环境效益指标 环境效益 生态
syn keyword kpiLevel2 sustainable 可持续影响指标 可持续影响 service 服务对象满意度指标 服务对象满意度 服务对象 public
syn keyword kpiLevel2 社会公众满意度指标 社会公众满意度 社会公众
syn keyword kpiLevel2 社会公众或服务对象满意度指标 社会公众或服务对象满意度
syn keyword kpiLevel2 服务对象或社会公众满意度指标 服务对象或社会公众满意度
syn keyword kpiSource fiscal 财政拨款 transfer 转移性资金 other 其他资金
syn keyword kpiKind 一次性 recurring 经常性 subsidy 补助资金 补助 new 新增
syn keyword kpiKind 新 continuing 延续
syn keyword kpiDirection positive 正向 negative 反向
syn keyword kpiDeclaration project 项目 department 部门
syn match kpiKind /\<one-off\>/

" Monitoring and self-evaluation (绩效运行监控, 绩效自评).
syn keyword kpiField 年初预算数 adjusted 全年预算数 调整后预算数 executed 全年执行数 执行数 midyear forecast 全年预计完成情况 全年预计执行数 执行率得分 总分 outcome 目标完成情况 实际完成情况 actual 实际完成值 实际值 完成值 score 得分 grade 达成度 reason 偏差原因分析及改进措施 偏差原因 cause 偏差类型 likelihood 完成目标可能性 完成可能性
" `total-score` would otherwise be the keyword `total` and a dash: a keyword outranks a
" match, so the dashed keywords are keywords too, with `-` a keyword character.
syn iskeyword @,48-57,_,192-255,-
syn keyword kpiField 1-7月执行情况 1-7月执行数 execution-score total-score
syn keyword kpiSource carryover 上年结转资金 上年结转
syn keyword kpiDirection achieved 达成 partial 部分达成 missed 未达成 funding 经费保障 institution 制度保障 staffing 人员保障 hardware 硬件条件保障 其他 certain 确定能 possible 有可能 impossible 完全不可能

" Comparators; `<` `>` are block brackets unless a value follows.
syn match kpiComparator /＞＝\|＜＝\|>=\|<=\|==\|[≥≤≧≦⩾⩽=＝]\|[<>＜＞]\%(\s*\d\)\@=/
syn match kpiArrow /->\|→/
syn match kpiDelimiter /[;；{}｛｝]/
syn match kpiBracket /[<>＜＞]\%(\s*[=＝0-9]\)\@!/

" Strings: "…" with escapes, or “…”; both may span lines.
syn region kpiString start=/"/ skip=/\\./ end=/"/ contains=kpiEscape
syn match kpiEscape /\\./ contained
syn region kpiString start=/“/ end=/”/

" Comments
syn keyword kpiTodo TODO FIXME XXX NOTE contained
syn match kpiComment "//.*$" contains=kpiTodo,@Spell
syn region kpiComment start="/\*" end="\*/" contains=kpiTodo,@Spell

syn sync minlines=200

hi def link kpiDeclaration Statement
hi def link kpiField       Keyword
hi def link kpiLevel1      Type
hi def link kpiLevel2      Type
hi def link kpiSource      Constant
hi def link kpiKind        Constant
hi def link kpiDirection   Constant
hi def link kpiNumber      Number
hi def link kpiUnit        Special
hi def link kpiMultiplier  Special
hi def link kpiDate        Number
hi def link kpiComparator  Operator
hi def link kpiArrow       Operator
hi def link kpiDelimiter   Delimiter
hi def link kpiBracket     Delimiter
hi def link kpiString      String
hi def link kpiEscape      SpecialChar
hi def link kpiComment     Comment
hi def link kpiTodo        Todo

let b:current_syntax = "kpi"

let &cpo = s:cpo_save
unlet s:cpo_save
