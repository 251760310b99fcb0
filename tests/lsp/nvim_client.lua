-- Neovim's built-in LSP client against the real `kpi lsp` (run by tests/lsp_clients.rs):
-- opens the file given on the command line, waits for diagnostics, asks for a hover and a
-- definition, formats, and writes what Neovim received to g:kpi_out, one `key<TAB>value`
-- line each.
--
-- Neovim 0.11+ would say `vim.lsp.config('kpi', {...})` + `vim.lsp.enable('kpi')` (see
-- docs/editors.md); Debian's Neovim (0.7.2) has neither, so the test uses what every version
-- since 0.5 has: `vim.lsp.start_client` and `vim.lsp.buf_attach_client`.
local out = {}
local function put(key, value)
  table.insert(out, key .. "\t" .. tostring(value):gsub("\n", "\\n"))
end
local function finish()
  vim.fn.writefile(out, vim.g.kpi_out)
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "kpi",
    cmd = { vim.g.kpi_bin, "--lang", "en", "lsp" },
    root_dir = vim.fn.expand("%:p:h"),
    init_options = { debounceMs = 0 },
  })
  put("client", client_id)
  vim.lsp.buf_attach_client(buf, client_id)

  -- Diagnostics arrive by themselves after didOpen.
  local got = vim.wait(30000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)
  put("diagnostics_arrived", got)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    -- lnum and col as Neovim stores them: 0-based line, byte column.
    put("diagnostic", string.format("%d:%d:%s", d.lnum, d.col, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""))
  end

  local uri = vim.uri_from_bufnr(buf)
  local function position_of(needle, plus)
    local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
    for i, line in ipairs(lines) do
      local s = line:find(needle, 1, true)
      if s then
        local byte = s - 1 + (plus or 0)
        return { line = i - 1, character = vim.str_utfindex(line, byte) }
      end
    end
  end

  local p = position_of(vim.g.kpi_hover, 3)
  local res = vim.lsp.buf_request_sync(buf, "textDocument/hover", { textDocument = { uri = uri }, position = p }, 10000)
  for _, r in pairs(res or {}) do
    if r.result then
      put("hover", r.result.contents.value)
    end
  end

  p = position_of(vim.g.kpi_definition, 3)
  res = vim.lsp.buf_request_sync(buf, "textDocument/definition", { textDocument = { uri = uri }, position = p }, 10000)
  for _, r in pairs(res or {}) do
    local loc = r.result and (r.result.uri and r.result or r.result[1])
    if loc then
      put("definition", vim.uri_to_fname(loc.uri) .. ":" .. loc.range.start.line)
    end
  end

  res = vim.lsp.buf_request_sync(buf, "textDocument/formatting",
    { textDocument = { uri = uri }, options = { tabSize = 2, insertSpaces = true } }, 10000)
  for _, r in pairs(res or {}) do
    if r.result then
      vim.lsp.util.apply_text_edits(r.result, buf, "utf-16")
    end
  end
  put("formatted", table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n"))
  vim.lsp.stop_client(client_id)
end)
if not ok then
  put("error", err)
end
finish()
