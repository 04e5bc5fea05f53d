-- serverless-ls for Neovim 0.11+: the `lsp/serverless_ls.lua` config in nvim-lspconfig's shape.
-- Attaches to Serverless Framework config files (serverless.yml/.yaml/.json) and to the YAML and
-- JSON files under a folder holding one (files a config may include through `${file(...)}`: the
-- server answers for those in the context of the config that includes them, and for nothing
-- else), although the filetypes are the generic yaml and json, and handles the server's
-- `serverless-ls.previewCloudFormation` command on the client side: it asks the server for the
-- template's text (`show = false, text = true`) and opens it in a read-only scratch JSON buffer;
-- `:LspServerlessPreview` runs it for the current buffer.

local CONFIG_FILES = { 'serverless.yml', 'serverless.yaml', 'serverless.json' }

local function is_config_file(bufnr)
  return vim.tbl_contains(CONFIG_FILES, vim.fs.basename(vim.api.nvim_buf_get_name(bufnr)))
end

--- Shows the template's `text` in a read-only scratch buffer named after `source_uri` (reused by
--- later previews) in a split beside the current window; returns the buffer.
local function show_template(source_uri, text)
  local name = vim.uri_to_fname(source_uri) .. '.cloudformation.json'
  local buf = vim.fn.bufnr(name)
  if buf == -1 then
    buf = vim.api.nvim_create_buf(true, true)
    vim.api.nvim_buf_set_name(buf, name)
    vim.bo[buf].bufhidden = 'hide'
    vim.bo[buf].filetype = 'json'
  end
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split((text:gsub('\n$', '')), '\n', { plain = true }))
  vim.bo[buf].modifiable = false
  if vim.fn.bufwinid(buf) == -1 then
    vim.cmd('vsplit')
    vim.api.nvim_win_set_buf(0, buf)
  end
  return buf
end

local PREVIEW_COMMAND = 'serverless-ls.previewCloudFormation'

---@type vim.lsp.Config
return {
  cmd = { 'serverless-ls' },
  filetypes = { 'yaml', 'json' },
  root_markers = CONFIG_FILES,
  root_dir = function(bufnr, on_dir)
    local root = vim.fs.root(bufnr, CONFIG_FILES)
    if is_config_file(bufnr) then
      on_dir(root or vim.fs.dirname(vim.api.nvim_buf_get_name(bufnr)))
    elseif root then
      on_dir(root)
    end
  end,
  on_attach = function(client, bufnr)
    vim.api.nvim_buf_create_user_command(bufnr, 'LspServerlessPreview', function()
      local command = { title = 'Preview compiled CloudFormation', command = PREVIEW_COMMAND, arguments = { vim.uri_from_bufnr(bufnr) } }
      client:exec_cmd(command, { bufnr = bufnr })
    end, { desc = 'serverless-ls: preview the compiled CloudFormation template' })
  end,
  commands = {
    [PREVIEW_COMMAND] = function(command, ctx)
      local client = assert(vim.lsp.get_client_by_id(ctx.client_id))
      local uri = (command.arguments or {})[1] or vim.uri_from_bufnr(ctx.bufnr)
      -- The template's text as `serverless-ls compile` prints it (a decoded table would lose
      -- the framework's key order and tell `{}` from `[]` no more).
      local params = { command = command.command, arguments = { uri, { show = false, text = true } } }
      client:request('workspace/executeCommand', params, function(err, text)
        if err or type(text) ~= 'string' then
          vim.notify('serverless-ls: could not compile the template: ' .. (err and err.message or 'no result'), vim.log.levels.ERROR)
          return
        end
        show_template(uri, text)
      end, ctx.bufnr)
    end,
  },
}
