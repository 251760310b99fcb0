" Vim filetype plugin for .kpi forms (预算绩效目标表).
"   gq (gggqG: the whole file) `kpi fmt -` (the canonical layout)
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
" gq runs 'formatprg' through 'formatexpr', so that a form with syntax errors is left as it is
" (as a plain filter, the error messages would replace the text).
setlocal formatexpr=KpiFormatExpr()
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
      \ . " softtabstop< suffixesadd< formatprg< formatexpr< makeprg< errorformat<"

if !exists("*KpiFormatExpr")
  " Formats lines v:lnum .. v:lnum + v:count - 1 with 'formatprg'; on failure (syntax errors)
  " leaves them unchanged and says so.
  function KpiFormatExpr() abort
    if mode() =~# '^[iR]'
      " Wrapping while typing: Vim's own formatting.
      return 1
    endif
    let l:first = v:lnum
    let l:last = v:lnum + v:count - 1
    let l:null = has("win32") ? "NUL" : "/dev/null"
    let l:out = systemlist(&l:formatprg . " 2>" . l:null, getline(l:first, l:last))
    if v:shell_error != 0
      echohl WarningMsg
      echomsg "kpi fmt: not formatted (syntax errors? :make lists them)"
      echohl None
      return 0
    endif
    let l:n = l:last - l:first + 1
    if len(l:out) > l:n
      call append(l:last, repeat([""], len(l:out) - l:n))
    elseif len(l:out) < l:n
      silent execute (l:first + len(l:out)) . "," . l:last . "delete _"
    endif
    call setline(l:first, l:out)
    return 0
  endfunction
endif

let &cpo = s:cpo_save
unlet s:cpo_save
