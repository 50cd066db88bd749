// The parts of the MCP SDK the server uses, in one module: the build bundles it (with the SDK's
// own dependencies) into dist/bin/mcp-sdk.cjs, so `llm-pick mcp` loads one file instead of a few
// hundred and answers initialize sooner (scripts/bundle.mjs).
export { Server } from '@modelcontextprotocol/sdk/server/index.js';
export { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
export { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
