-- Run by test/neovim.test.ts in `nvim --headless`: starts the tariff server as a real
-- third-party LSP client (Neovim 0.7, vim.lsp.start_client), opens a rule file and writes
-- the diagnostics Neovim received as JSON.
local root = os.getenv('ROOT')
local client_id = vim.lsp.start_client({
  cmd = { os.getenv('NODE'), os.getenv('SERVER'), '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'rules' } },
})
vim.cmd('edit ' .. os.getenv('FILE'))
vim.lsp.buf_attach_client(0, client_id)
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local f = io.open(os.getenv('OUT'), 'w')
f:write(vim.fn.json_encode(vim.diagnostic.get(0)))
f:close()
vim.cmd('qa!')
