; Indentation, nvim-treesitter style: one level (kpi fmt's 2 spaces) inside every block, and
; back out at its closing bracket.
[
  (project)
  (department)
  (funds_statement)
  (split)
  (attributes)
] @indent.begin

["}" "｝" ">" "＞"] @indent.branch @indent.end

(block_comment) @indent.auto
