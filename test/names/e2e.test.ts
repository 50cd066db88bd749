// Names as people type them, through the built binary (npm run build first).
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const HW = ['--gpu', '3090'];

function json(args: string[]): Record<string, any> {
  const r = runBin([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, any>;
}

describe('model names in fit, cost and models (built bin)', () => {
  it('fit --model takes an Ollama tag, an HF repo and a display name, and echoes what was typed', () => {
    for (const typed of ['llama3.1:8b', 'meta-llama/Llama-3.1-8B-Instruct', 'Llama 3.1 8B']) {
      const doc = json(['fit', '--model', typed, '--quant', 'q4', '--vram', '24']);
      expect(doc.model.id).toBe('llama-3.1-8b');
      expect(doc.model.typed).toBe(typed);
    }
  });

  it('cost --api-model prices exactly the models named, as typed', () => {
    const doc = json(['cost', ...HW, '--api-model', 'claude-3.5-sonnet', '--api-model', 'anthropic/claude-sonnet-4-5', '--model', 'qwen2.5 coder 7b']);
    expect(doc.api.map((a: any) => [a.modelId, a.typed]).sort()).toEqual([
      ['claude-3-5-sonnet-20241022', 'claude-3.5-sonnet'],
      ['claude-sonnet-4-5', 'anthropic/claude-sonnet-4-5'],
    ]);
    expect(doc.local.modelId).toBe('qwen-2.5-coder-7b');
    expect(doc.local.typed).toBe('qwen2.5 coder 7b');
    expect(doc.notes.join(' ')).toMatch(/"claude-3.5-sonnet" names several snapshots; taken as the newest snapshot, claude-3-5-sonnet-20241022/);
  });

  it('cost with no model shows each provider\'s current flagship and value model, nothing retired or superseded; --all shows more', () => {
    const doc = json(['cost', ...HW]);
    for (const provider of ['openai', 'anthropic', 'google']) {
      expect(doc.api.filter((a: any) => a.provider === provider).map((a: any) => a.lineup).sort(), provider).toEqual(['flagship', 'value']);
    }
    expect(doc.api.every((a: any) => a.status === 'current')).toBe(true);
    expect(doc.api.some((a: any) => a.comparableToLocal === true)).toBe(true);
    expect(doc.api.map((a: any) => a.modelId)).toContain(doc.breakEvenAgainst);
    const all = json(['cost', ...HW, '--all']);
    expect(all.api.length).toBeGreaterThan(doc.api.length);
    expect(all.api.some((a: any) => a.status === 'superseded')).toBe(true);
    expect(all.api.some((a: any) => a.status === 'retired')).toBe(false);
  });

  it('recommend ranks the current line-ups; --all ranks every API model not retired', () => {
    const dflt = json(['recommend', '--api-only', '--top', '100']);
    const all = json(['recommend', '--api-only', '--top', '100', '--all']);
    expect(dflt.inputs.allApi).toBe(false);
    expect(all.inputs.allApi).toBe(true);
    expect(all.api.length).toBeGreaterThan(dflt.api.length);
    for (const provider of ['openai', 'anthropic', 'google']) expect(dflt.api.filter((p: any) => p.provider === provider)).toHaveLength(2);
  });

  it('models NAME shows one model by any of its names', () => {
    const doc = json(['models', 'Qwen/Qwen2.5-Coder-7B-Instruct']);
    expect(doc.query).toEqual({ typed: 'Qwen/Qwen2.5-Coder-7B-Instruct', modelId: 'qwen-2.5-coder-7b' });
    expect(doc.models.map((m: any) => m.id)).toEqual(['qwen-2.5-coder-7b']);
    expect(json(['models']).query).toBeNull();
  });

  it('a near miss suggests, an ambiguous name lists: exit 2, one line, nothing on stdout', () => {
    const near = runBin(['fit', '--model', 'lama3.1:8b', '--quant', 'q4']);
    expect(near.status).toBe(2);
    expect(near.stdout).toBe('');
    expect(near.stderr).toMatch(/^llm-pick: --model "lama3.1:8b" is not in the catalog; did you mean llama-3.1-8b.*\n$/);
    const amb = runBin(['fit', '--model', 'llama3.1', '--quant', 'q4']);
    expect(amb.status).toBe(2);
    expect(amb.stdout).toBe('');
    expect(amb.stderr).toMatch(/^llm-pick: --model "llama3.1" names several models: .*llama-3.1-8b.*llama-3.1-70b.*\n$/);
  });

  it('a 100 KB model name is refused in one short line', () => {
    const r = runBin(['cost', ...HW, '--api-model', 'x'.repeat(100_000)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('llm-pick: --api-model takes an API model name of at most 200 characters; got 100000\n');
  });
});

describe('use cases under the guide\'s words (built bin)', () => {
  it('recommend and models take classification, classification/extraction and long context', () => {
    const cases: [string, string][] = [
      ['classification', 'extraction'],
      ['classification/extraction', 'extraction'],
      ['long context', 'long-context'],
    ];
    for (const [typed, canonical] of cases) {
      const doc = json(['recommend', '--use-case', typed, '--api-only']);
      expect(doc.inputs.useCase).toBe(canonical);
      expect(json(['models', '--use-case', typed]).filters.useCase).toBe(canonical);
    }
  });

  it('recommend --help lists the use cases and their other names', () => {
    const r = runBin(['recommend', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/extraction \(also: classification, .*classification \/ extraction/);
    expect(r.stdout).toMatch(/long-context \(also: long context/);
  });
});
