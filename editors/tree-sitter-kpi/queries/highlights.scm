; Highlights for .kpi forms. Capture names are the common ones of nvim-treesitter, Helix and
; Zed (@keyword, @type, @string, @number, @operator, @comment, @punctuation.*).

; Statement keywords, both languages: project 项目, budget 年度资金总额, goal 目标 …
(keyword) @keyword

; 一级指标 and 二级指标: output 产出, quantity 数量 …
(level1) @type
(level2) @type

; Values the language knows: sources, funds-table lines, project kinds, directions
(source) @constant.builtin
(line_category) @constant.builtin
(project_kind) @constant.builtin
(direction) @constant.builtin

; An indicator's attributes: weight 分值, explanation 指标解释 …
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
