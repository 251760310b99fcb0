" .kpi files are budget performance-target forms (预算绩效目标表).
autocmd BufNewFile,BufRead *.kpi setfiletype kpi
