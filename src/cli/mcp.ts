// `llm-pick mcp`: a Model Context Protocol server over stdio, built on the
// official SDK. Each tool is a command: its input schema is the command's
// options schema (generated from the option table, as `llm-pick schema
// fit-options` prints it), its result is the command's --json document (as
// structured content and as text), and a bad argument is a tool error with the
// command line's own one-line message. stdout carries protocol messages only.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CliError, UsageError } from '../core/errors.js';
import { COMMANDS } from '../options/table.js';
import type { CommandContext } from './context.js';
import { COMMAND_MODULES } from './modules.js';

/** The commands served as tools (every command with a --json document; calibrate writes the user's files and is left to the command line). */
export const MCP_TOOLS = COMMANDS.map((c) => c.name).filter((name) => name in COMMAND_MODULES && name !== 'calibrate');

interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** A command's positional arguments as named tool inputs: `[name]` → `name` (a string). */
function positionalArguments(command: string): { name: string; description: string }[] {
  const spec = COMMANDS.find((c) => c.name === command);
  return (spec?.arguments ?? []).map((a) => ({ name: a.syntax.replace(/[[\]<>.]/g, ''), description: a.description }));
}

/** One tool call: the same run as `llm-pick <tool> ... --json`. */
export async function callTool(name: string, args: Record<string, unknown>, catalogFiles: string[]): Promise<ToolResult> {
  const fail = (message: string): ToolResult => ({ content: [{ type: 'text', text: `llm-pick: ${message}` }], isError: true });
  const load = COMMAND_MODULES[name];
  if (!load || !MCP_TOOLS.includes(name)) return fail(`unknown tool "${name}"; tools: ${MCP_TOOLS.join(', ')}`);
  try {
    const { optionsFromObject } = await import('../options/object.js');
    const positional = positionalArguments(name).map((a) => a.name);
    const named: Record<string, unknown> = {};
    const rest: string[] = [];
    for (const [key, value] of Object.entries(args)) {
      if (!positional.includes(key)) named[key] = value;
      else if (value !== undefined && value !== null) {
        if (typeof value !== 'string') throw new UsageError(`${key} takes a string; got ${JSON.stringify(value)}`);
        rest.push(value);
      }
    }
    const options = { ...optionsFromObject(name, named), args: rest };
    const ctx: CommandContext = { json: true, debug: false, catalogFiles };
    const mod = await load();
    const { stamped } = await import('../catalog/as-of.js');
    const doc = stamped(await mod.run(options as never, ctx)) as unknown as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(doc, null, 2) }], structuredContent: doc };
  } catch (error) {
    if (error instanceof CliError) return fail(error.message);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return fail(`unexpected error: ${message}`);
  }
}

/** Each tool's description and input schema (the command's options schema), made on the first tools/list. */
async function toolList(): Promise<{ name: string; description: string; inputSchema: { type: 'object' } }[]> {
  const { jsonSchemaOf } = await import('../schemas/index.js');
  return Promise.all(
    MCP_TOOLS.map(async (name) => {
      const { $schema: _drop, title: _title, ...inputSchema } = await jsonSchemaOf(`${name}-options`).catch(() => ({ type: 'object', properties: {} }) as Record<string, unknown>);
      const spec = COMMANDS.find((c) => c.name === name)!;
      const properties = { ...((inputSchema as { properties?: Record<string, unknown> }).properties ?? {}) };
      for (const a of positionalArguments(name)) properties[a.name] = { type: 'string', description: a.description };
      inputSchema.properties = properties;
      return { name, description: `${spec.description} (the same JSON document as \`llm-pick ${name} --json\`)`, inputSchema: inputSchema as { type: 'object' } };
    }),
  );
}

/** The SDK: the pre-bundled file beside the built CLI when there is one, else the package itself. */
async function loadSdk(): Promise<typeof import('./mcp-sdk.js')> {
  const bundled = new URL('./mcp-sdk.cjs', import.meta.url);
  if (existsSync(bundled)) return createRequire(import.meta.url)(fileURLToPath(bundled)) as typeof import('./mcp-sdk.js');
  return import('./mcp-sdk.js');
}

export async function serveMcp(version: string, catalogFiles: string[]): Promise<void> {
  const { Server, StdioServerTransport, CallToolRequestSchema, ListToolsRequestSchema } = await loadSdk();
  const server = new Server({ name: 'llm-pick', version }, { capabilities: { tools: {} } });
  // The schemas are made after the server answers initialize, on the first tools/list.
  let tools: ReturnType<typeof toolList> | undefined;
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await (tools ??= toolList()) }));
  server.setRequestHandler(CallToolRequestSchema, async (request) =>
    callTool(request.params.name, (request.params.arguments ?? {}) as Record<string, unknown>, catalogFiles),
  );
  const transport = new StdioServerTransport();
  // stdin closed: the client is gone; finish cleanly.
  process.stdin.on('end', () => void server.close().finally(() => (process.exitCode = process.exitCode ?? 0)));
  await server.connect(transport);
}
