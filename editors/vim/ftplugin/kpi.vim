" Vim filetype plugin for .kpi forms (预算绩效目标表).
"   gq / = with formatprg: `kpi fmt -` (the canonical layout)
"   :make                  `kpi check --format short %`, errors in the quickfix list
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

let s:cpo_save = &cpo
set cpo&vim

setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://
setlocal formatoptions-=t formatoptions+=croql
setlocal expandtab shiftwidth=2 softtabstop=2
setlocal suffixesadd=.kpi
setlocal formatprg=kpi\ fmt\ -
setlocal makeprg=kpi\ check\ --format\ short\ %
" `path:line:col: severity[CODE] message` (severity in English or Chinese): the quickfix text
" is `[CODE] message`, errors and warnings typed E and W. Other lines (the summary) are ignored.
setlocal errorformat=%f:%l:%c:\ %trror%m,
                    \%f:%l:%c:\ %tarning%m,
                    \%f:%l:%c:\ 错误%m,
                    \%f:%l:%c:\ 警告%m,
                    \%f:%l:%c:\ %m,
                    \%-G%.%#

let b:undo_ftplugin = "setlocal commentstring< comments< formatoptions< expandtab< shiftwidth<"
      \ . " softtabstop< suffixesadd< formatprg< makeprg< errorformat<"

let &cpo = s:cpo_save
unlet s:cpo_save
