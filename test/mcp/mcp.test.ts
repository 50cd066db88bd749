// `llm-pick mcp` as agents meet it: the built binary started as a real process,
// driven by the MCP SDK's own client over stdio.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runBin } from '../helpers/bin.js';

let client: Client;
let transport: StdioClientTransport;
let stderr = '';

beforeAll(async () => {
  transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp'],
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), NO_COLOR: '1' },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  client = new Client({ name: 'llm-pick-test', version: '1.0.0' });
  await client.connect(transport);
}, 30_000);

afterAll(async () => {
  await client?.close();
});

const text = (r: unknown) => ((r as { content: { type: string; text: string }[] }).content)[0]!.text;

describe('llm-pick mcp', () => {
  it('lists every command as a tool with an input schema from the option table', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual(['cost', 'engines', 'fit', 'hardware', 'installed', 'models', 'quants', 'recommend']);
    const fit = tools.find((t) => t.name === 'fit')!;
    expect(fit.inputSchema.properties).toHaveProperty('params');
    expect(fit.inputSchema.properties).toHaveProperty('kvQuant');
    expect((fit.inputSchema.properties as Record<string, { maximum?: number }>).params!.maximum).toBe(10000);
  });

  it('fit returns exactly what fit --json prints', async () => {
    const args = ['fit', '--params', '70', '--quant', 'q4', '--vram', '48', '--ram', '64', '--json'];
    const cli = runBin(args);
    expect(cli.status).toBe(0);
    const r = await client.callTool({ name: 'fit', arguments: { params: 70, quant: 'q4', vram: 48, ram: 64 } });
    expect(r.isError).toBeFalsy();
    expect(`${text(r)}\n`).toBe(cli.stdout);
    expect(r.structuredContent).toEqual(JSON.parse(cli.stdout));
  });

  it('takes numbers as people type them and aliases, as the flags do', async () => {
    const r = await client.callTool({ name: 'fit', arguments: { params: '70B', quant: 'q4', vram: '48GB', ram: 64, ctx: '32k', kvQuant: 'q8' } });
    expect(r.isError).toBeFalsy();
    const doc = r.structuredContent as { contextLength: number };
    expect(doc.contextLength).toBe(32768);
  });

  it('a bad argument is a tool error with the command line message, naming the field', async () => {
    const r = await client.callTool({ name: 'fit', arguments: { params: -1, quant: 'q4' } });
    expect(r.isError).toBe(true);
    const cli = runBin(['fit', '--params', '-1', '--quant', 'q4']);
    expect(`${text(r)}\n`).toBe(cli.stderr);
    const unknown = await client.callTool({ name: 'fit', arguments: { parms: 70 } });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/unknown argument "parms" for fit \(did you mean params\?\)/);
    const wrongType = await client.callTool({ name: 'recommend', arguments: { privacy: 'yes' } });
    expect(text(wrongType)).toMatch(/privacy takes true or false/);
  });

  it('is still answering after a tool error', async () => {
    const r = await client.callTool({ name: 'models', arguments: { type: 'api', provider: 'anthropic' } });
    expect(r.isError).toBeFalsy();
    const doc = r.structuredContent as { models: { provider: string }[] };
    expect(doc.models.length).toBeGreaterThan(0);
    expect(doc.models.every((m) => m.provider === 'anthropic')).toBe(true);
  });

  it('takes a command\'s positional argument by name: models {name} is `llm-pick models NAME --json`', async () => {
    const { tools } = await client.listTools();
    const models = tools.find((t) => t.name === 'models')!;
    expect(Object.keys(models.inputSchema.properties ?? {})).toContain('name');
    const r = await client.callTool({ name: 'models', arguments: { name: 'llama3.1:8b' } });
    expect(r.isError).toBeFalsy();
    const cli = runBin(['models', 'llama3.1:8b', '--json']);
    const { catalogAsOf: _a, ...fromTool } = r.structuredContent as Record<string, unknown>;
    const { catalogAsOf: _b, ...fromCli } = JSON.parse(cli.stdout) as Record<string, unknown>;
    expect(fromTool).toEqual(fromCli);
    const bad = await client.callTool({ name: 'models', arguments: { name: 7 } });
    expect(text(bad)).toMatch(/name takes a string/);
  });

  it('writes nothing but protocol messages on stdout (logs go to stderr)', () => {
    expect(stderr).not.toMatch(/unexpected error/);
  });
});

describe('llm-pick mcp process', () => {
  it('answers initialize and exits 0 when stdin closes', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    };
    child.stdin.write(`${JSON.stringify(init)}\n`);
    await new Promise<void>((resolve) => {
      const check = () => (out.includes('\n') ? resolve() : setTimeout(check, 20));
      check();
    });
    const reply = JSON.parse(out.split('\n')[0]!);
    expect(reply.result.serverInfo.name).toBe('llm-pick');
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
  }, 20_000);
});
