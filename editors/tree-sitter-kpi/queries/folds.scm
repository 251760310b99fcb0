; Folding: a form, a funds table, a budget split and an indicator's attributes.
[
  (project)
  (department)
  (funds_statement)
  (split)
  (attributes)
  (block_comment)
] @fold
