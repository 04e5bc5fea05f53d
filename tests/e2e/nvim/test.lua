-- Neovim 0.11 headless end-to-end test of the shipped config editors/neovim/lsp/serverless_ls.lua.
-- Run by run.sh as `nvim --headless --clean -l test.lua`; the server is whatever `serverless-ls`
-- is first on PATH (the shipped `cmd` is used unchanged). Prints one TAP line per check, writes
-- details to $E2E_RESULT as JSON, and exits non-zero when a check fails.
-- Inputs: E2E_CONFIG_DIR (editors/neovim), E2E_WORKSPACE (copy of the fixture), E2E_RESULT,
-- E2E_TIMEOUT_MS (per wait).

local config_dir = assert(os.getenv('E2E_CONFIG_DIR'), 'E2E_CONFIG_DIR')
local workspace = assert(os.getenv('E2E_WORKSPACE'), 'E2E_WORKSPACE')
local result_file = os.getenv('E2E_RESULT')
local timeout = tonumber(os.getenv('E2E_TIMEOUT_MS') or '20000')
local PREVIEW_COMMAND = 'serverless-ls.previewCloudFormation'

local result = { checks = {}, notifications = {} }
local attached = {} -- bufnr -> client name
local count, failed = 0, 0

vim.notify = function(msg, level)
  table.insert(result.notifications, { level = level, msg = msg })
end

local function wait(what, cond)
  if not vim.wait(timeout, cond, 20) then
    error(('timed out after %d ms waiting for %s'):format(timeout, what), 0)
  end
end

local function check(name, fn)
  count = count + 1
  local ok, err = xpcall(fn, debug.traceback)
  table.insert(result.checks, { name = name, ok = ok, error = not ok and err or nil })
  if ok then
    io.stdout:write(('ok %d - %s\n'):format(count, name))
  else
    failed = failed + 1
    io.stdout:write(('not ok %d - %s\n  # %s\n'):format(count, name, (err:gsub('\n', '\n  # '))))
  end
end

--- 0-based line and column of `needle` on the first line matching `line_pattern`, plus `offset`.
local function position_of(buf, line_pattern, needle, offset)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:match(line_pattern) then
      return { line = i - 1, character = assert(line:find(needle, 1, true)) - 1 + (offset or 0) }
    end
  end
  error('no line matches ' .. line_pattern)
end

local function with_code(buf, code)
  return vim.tbl_filter(function(d)
    local lsp = d.user_data and d.user_data.lsp or {}
    return lsp.code == code
  end, vim.diagnostic.get(buf))
end

local function sls104(buf) return with_code(buf, 'SLS104') end

--- Opens `path` in the current window and waits for serverless_ls to attach; returns the buffer.
local function open_attached(path)
  vim.cmd.edit(path)
  local buf = vim.api.nvim_get_current_buf()
  wait('the client to attach to ' .. vim.fs.basename(path), function() return attached[buf] == 'serverless_ls' end)
  return buf
end

--- Sends `method` to the buffer's client and returns its result (fails on error or timeout).
local function request(buf, method, position)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = position }
  local responses = vim.lsp.buf_request_sync(buf, method, params, timeout)
  assert(responses, method .. ': no response within the timeout')
  local _, response = next(responses)
  assert(response and not response.err, method .. ' failed: ' .. vim.inspect(response and response.err))
  return response.result
end

--- Applies the one code action at the cursor whose title matches `pattern`, as `:lua vim.lsp.buf.code_action()` does.
local function apply_code_action(pattern)
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action) return action.title:match(pattern) ~= nil end,
  })
end

local function main()
  vim.opt.runtimepath:prepend(config_dir)
  vim.api.nvim_create_autocmd('LspAttach', {
    callback = function(ev) attached[ev.buf] = vim.lsp.get_client_by_id(ev.data.client_id).name end,
  })
  vim.lsp.enable('serverless_ls')

  local sls, other
  check('attaches serverless_ls to serverless.yml', function()
    vim.cmd.edit(vim.fs.joinpath(workspace, 'serverless.yml'))
    sls = vim.api.nvim_get_current_buf()
    assert(vim.bo[sls].filetype == 'yaml', 'filetype ' .. vim.bo[sls].filetype)
    wait('the client to attach', function() return attached[sls] == 'serverless_ls' end)
    local client = vim.lsp.get_clients({ bufnr = sls })[1]
    assert(client.config.root_dir == workspace, 'root_dir ' .. tostring(client.config.root_dir))
    result.server_info = client.server_info
  end)

  check('other.yml in the same folder gets nothing: no diagnostics, completion or hover', function()
    -- The config attaches to YAML files beside a serverless.yml (they may be included through
    -- ${file(...)}); the server answers for a file only when a config includes it.
    local ok, err = pcall(function()
      other = open_attached(vim.fs.joinpath(workspace, 'other.yml'))
      local at = position_of(other, '^%s*level: error', 'error')
      local items = request(other, 'textDocument/completion', at)
      local count = items and #(items.items or items) or 0
      assert(count == 0, 'completion on other.yml: ' .. vim.inspect(items))
      assert(request(other, 'textDocument/hover', position_of(other, '^%s*level: error', 'level', 2)) == nil, 'hover on other.yml')
      assert(#vim.diagnostic.get(other) == 0, 'other.yml got diagnostics')
    end)
    vim.cmd.buffer(sls)
    assert(ok, err)
  end)

  check('publishes SLS104 from serverless-ls', function()
    wait('an SLS104 diagnostic', function() return #sls104(sls) > 0 end)
    local d = sls104(sls)[1]
    assert(d.source == 'serverless-ls', 'source ' .. tostring(d.source))
    assert(d.severity == vim.diagnostic.severity.ERROR, 'severity ' .. d.severity)
    assert(d.lnum == position_of(sls, '^%s*level: error', 'error').line, 'line ' .. d.lnum)
    assert(#vim.diagnostic.get(other) == 0, 'other.yml got diagnostics')
  end)

  check('completion at a route value lists the route keys', function()
    local items = request(sls, 'textDocument/completion', position_of(sls, '^%s*route: %$default', '$default'))
    local labels = {}
    for _, item in ipairs(items.items or items) do labels[item.label] = true end
    for _, key in ipairs({ '$connect', '$disconnect', '$default' }) do
      assert(labels[key], key .. ' missing from ' .. vim.inspect(vim.tbl_keys(labels)))
    end
  end)

  check('hover on route shows markdown docs', function()
    local hover = request(sls, 'textDocument/hover', position_of(sls, '^%s*route: %$default', 'route', 2))
    assert(hover and hover.contents, 'no hover')
    local text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(hover.contents), '\n')
    assert(#vim.trim(text) > 20, 'hover text: ' .. text)
  end)

  check('completion and hover inside an http event come from the framework schema', function()
    local at = position_of(sls, '^%s*method: get', 'method')
    local items = request(sls, 'textDocument/completion', at)
    local labels = {}
    for _, item in ipairs(items.items or items) do labels[item.label] = item end
    for _, key in ipairs({ 'cors', 'authorizer', 'integration' }) do
      assert(labels[key], key .. ' missing from ' .. vim.inspect(vim.tbl_keys(labels)))
    end
    local hover = request(sls, 'textDocument/hover', position_of(sls, '^%s*method: get', 'method', 2))
    assert(hover and hover.contents, 'no hover on method')
    local text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(hover.contents), '\n')
    assert(text:find('HTTP method', 1, true), 'hover text: ' .. text)
  end)

  check('the quick fix applies and the diagnostic clears', function()
    local d = sls104(sls)[1]
    assert(d, 'no SLS104 to fix')
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    apply_code_action('ERROR')
    wait('the fix to change the text', function()
      return vim.api.nvim_buf_get_lines(sls, d.lnum, d.lnum + 1, false)[1]:match('level: ERROR') ~= nil
    end)
    wait('SLS104 to clear', function() return #sls104(sls) == 0 end)
  end)

  check('the preview code action opens the template in a JSON buffer', function()
    vim.api.nvim_win_set_cursor(0, { 1, 0 })
    apply_code_action('CloudFormation')
    local name = vim.api.nvim_buf_get_name(sls) .. '.cloudformation.json'
    wait('the preview buffer', function()
      local buf = vim.fn.bufnr(name)
      return buf ~= -1 and vim.api.nvim_buf_line_count(buf) > 1
    end)
    local buf = vim.fn.bufnr(name)
    assert(vim.bo[buf].filetype == 'json' and not vim.bo[buf].modifiable, 'a read-only json buffer')
    local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
    local template = vim.json.decode(text)
    -- The framework's key order (a decoded table would have lost it): Resources before Outputs.
    local resources, outputs = text:find('\n  "Resources": {', 1, true), text:find('\n  "Outputs": {', 1, true)
    assert(resources and outputs and resources < outputs, 'Resources before Outputs in ' .. text:sub(1, 200))
    local types = {}
    for _, resource in pairs(template.Resources) do types[resource.Type] = true end
    assert(types['AWS::ApiGatewayV2::Api'], 'resource types ' .. vim.inspect(vim.tbl_keys(types)))
  end)

  check(':LspServerlessPreview refreshes the template after an edit', function()
    local name = vim.api.nvim_buf_get_name(sls) .. '.cloudformation.json'
    local preview = vim.fn.bufnr(name)
    local function text() return table.concat(vim.api.nvim_buf_get_lines(preview, 0, -1, false), '\n') end
    local before = text()
    vim.api.nvim_set_current_buf(sls)
    local line = position_of(sls, '^service: chat%-app$', 'chat-app').line
    vim.api.nvim_buf_set_lines(sls, line, line + 1, false, { 'service: chat-room' })
    vim.cmd('LspServerlessPreview')
    wait('the preview to show the edit', function() return text() ~= before and text():find('chat-room', 1, true) ~= nil end)
  end)

  check('go to definition from ${self:custom.messagesDescription} lands on the custom key', function()
    vim.api.nvim_set_current_buf(sls)
    local from = position_of(sls, '^%s*description: %${self:custom', 'messagesDescription', 3)
    local target = position_of(sls, '^  messagesDescription:', 'messagesDescription')
    vim.api.nvim_win_set_cursor(0, { from.line + 1, from.character })
    vim.lsp.buf.definition()
    wait('the cursor to move to the custom key', function()
      local cursor = vim.api.nvim_win_get_cursor(0)
      return vim.api.nvim_get_current_buf() == sls and cursor[1] == target.line + 1 and cursor[2] == target.character
    end)
  end)

  check('a file included through ${file(...)} gets diagnostics that follow its edits', function()
    local ok, err = pcall(function()
      open_attached(vim.fs.joinpath(workspace, 'included', 'serverless.yml'))
      local functions = open_attached(vim.fs.joinpath(workspace, 'included', 'functions.yml'))
      wait('SLS201 inside functions.yml', function() return #with_code(functions, 'SLS201') > 0 end)
      local d = with_code(functions, 'SLS201')[1]
      assert(d.lnum == position_of(functions, '^%s*authorizer: auth', 'authorizer').line, 'line ' .. d.lnum)
      local line = position_of(functions, '^%s*route: %$disconnect', '$disconnect').line
      vim.api.nvim_buf_set_lines(functions, line, line + 1, false, { '        route: $connect' })
      wait('SLS201 to clear after the fix', function() return #with_code(functions, 'SLS201') == 0 end)
    end)
    vim.cmd.buffer(sls)
    assert(ok, err)
  end)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  failed = failed + 1
  io.stdout:write('not ok - test script error\n  # ' .. err:gsub('\n', '\n  # ') .. '\n')
  result.error = err
end
if failed > 0 then
  local f = io.open(vim.lsp.log.get_filename(), 'r')
  if f then
    local lines = vim.split(f:read('*a'), '\n', { trimempty = true })
    f:close()
    result.lsp_log_tail = vim.list_slice(lines, math.max(1, #lines - 19))
  end
end
if result_file then
  local f = assert(io.open(result_file, 'w'))
  f:write(vim.json.encode(result), '\n')
  f:close()
end
for _, client in ipairs(vim.lsp.get_clients()) do client:stop() end
vim.wait(3000, function() return #vim.lsp.get_clients() == 0 end, 20)
os.exit(failed == 0 and 0 or 1)
