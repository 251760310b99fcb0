; Highlights for .kpi forms. Capture names are the common ones of nvim-treesitter, Helix and
; Zed (@keyword, @type, @string, @number, @operator, @comment, @punctuation.*).

; Statement keywords, both languages: project 项目, budget 年度资金总额, goal 目标, and a
; self-evaluation's or monitoring form's executed 全年执行数, midyear 1-7月执行数, total-score 总分 …
(keyword) @keyword

; 一级指标 and 二级指标: output 产出, quantity 数量 …
(level1) @type
(level2) @type

; Values the language knows: sources (carryover 上年结转 too), funds-table lines, project kinds,
; directions, and a self-evaluation's grades and a monitoring form's causes and likelihoods
(source) @constant.builtin
(line_category) @constant.builtin
(project_kind) @constant.builtin
(direction) @constant.builtin
(grade) @constant.builtin
(cause) @constant.builtin
(likelihood) @constant.builtin

; An indicator's attributes: weight 分值, explanation 指标解释, actual 实际完成值, score 得分 …
(attribute_name) @property

(project name: (string) @label)
(department name: (string) @label)
(string) @string

(number) @number
(unit) @type.builtin
(date) @string.special
(date_range) @string.special
(month) @string.special
(year) @number

(comparator) @operator
(link ["->" "→"] @operator)

["{" "}" "｛" "｝" "<" ">" "＜" "＞"] @punctuation.bracket
[";" "；"] @punctuation.delimiter

(line_comment) @comment
(block_comment) @comment
