// Prose and commands made to fit a width: breaks at spaces only, hanging indents, colour
// codes not counted, commands broken between shell words with ` \` and read back whole.
import { describe, expect, it } from 'vitest';
import { fitText, shellWords, visibleLength, wrap, wrapCommand } from '../../src/render/wrap.js';

const joinCommand = (lines: string[]) => lines.join('\n').replace(/ \\\n */g, ' ');

describe('wrap', () => {
  it('keeps a number with its unit: "17.0 GiB" and "39.8 tok/s" never break between them', () => {
    const text = 'qwen-3.6-27b at Q4_K_M needs 17.0 GiB of 23.5 GiB of GPU memory at 8K tokens, ≈ 39.8 tok/s';
    for (let width = 20; width <= text.length; width += 1) {
      const lines = wrap(text, width);
      expect(lines.join(' ').replace(/ +/g, ' ')).toBe(text);
      for (const l of lines) expect(l).not.toMatch(/^\s*(GiB|tok\/s)\b/);
      for (const l of lines) expect(l).not.toMatch(/\d$/);
    }
  });

  it('breaks at spaces only and keeps every token whole', () => {
    const text = 'use Q4_K_M with --tensor-parallel-size 2 on two cards, or Q5_K_M with --pipeline-parallel-size 2';
    for (const width of [30, 45]) {
      const lines = wrap(text, width, '  ');
      for (const l of lines) expect(visibleLength(l)).toBeLessThanOrEqual(width);
      expect(lines.map((l) => l.trim()).join(' ')).toBe(text);
      for (const token of ['Q4_K_M', '--tensor-parallel-size', 'Q5_K_M', '--pipeline-parallel-size']) {
        expect(lines.some((l) => l.includes(token))).toBe(true);
      }
    }
  });

  it('keeps the hanging indent and the leading indent', () => {
    expect(wrap('  - one two three four five six', 14, '    ')).toEqual(['  - one two', '    three four', '    five six']);
  });

  it('leaves a line that fits as it is, spaces included', () => {
    expect(wrap('a    b', 10)).toEqual(['a    b']);
  });

  it('counts visible characters only and carries colour over a break', () => {
    const red = (s: string) => `\u001b[31m${s}\u001b[39m`;
    const lines = wrap(red('alpha beta gamma delta'), 11);
    expect(lines.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''))).toEqual(['alpha beta', 'gamma delta']);
    expect(lines[0]).toBe('\u001b[31malpha beta\u001b[0m');
    expect(lines[1]).toBe('\u001b[31mgamma delta\u001b[39m');
  });

  it('gives a token wider than the line a line of its own, cut after a / when it must be', () => {
    const lines = wrap('see https://example.com/a/very/long/path/to/a/page for more', 24);
    for (const l of lines) expect(visibleLength(l)).toBeLessThanOrEqual(24);
    expect(lines.join('')).toContain('https://example.com/a/');
  });
});

describe('wrapCommand', () => {
  const cmd = 'vllm serve meta-llama/Llama-3.1-70B-Instruct --tensor-parallel-size 2 --max-model-len 8192 --gpu-memory-utilization 0.9';

  it('breaks between shell words with a continuation, and the lines read back as the command', () => {
    for (const width of [50, 60, 80]) {
      const lines = wrapCommand(cmd, width, '  $ ');
      expect(lines[1]).toMatch(/^ {6}\S/);
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(visibleLength(l)).toBeLessThanOrEqual(width);
      for (const l of lines.slice(0, -1)) expect(l.endsWith(' \\')).toBe(true);
      expect(joinCommand(lines)).toBe(`  $ ${cmd}`);
    }
  });

  it('keeps a quoted argument whole', () => {
    const line = 'export GEMINI_API_KEY="<your google API key>" && hf download org/repo --include "*Q4_K_M*"';
    expect(shellWords(line)).toEqual(['export', 'GEMINI_API_KEY="<your google API key>"', '&&', 'hf', 'download', 'org/repo', '--include', '"*Q4_K_M*"']);
    const lines = wrapCommand(line, 40, '  $ ');
    expect(lines.some((l) => l.includes('GEMINI_API_KEY="<your google API key>"'))).toBe(true);
    expect(joinCommand(lines)).toBe(`  $ ${line}`);
  });

  it('prints a command that fits on one line unchanged', () => {
    expect(wrapCommand('ollama run qwen3:8b', 60, '  $ ')).toEqual(['  $ ollama run qwen3:8b']);
  });
});

describe('fitText', () => {
  it('wraps prose, commands and comments each in their own way and leaves table lines alone', () => {
    const text = [
      '┌────┐ a table line that is much longer than the width given here',
      '  $ llama-server -m model.gguf -ngl 99 --split-mode layer -c 8192 -np 1',
      '  # a comment long enough that it has to be wrapped onto more lines',
      '  - a bullet long enough that it has to be wrapped onto more lines',
    ].join('\n');
    const lines = fitText(text, 30).split('\n');
    expect(lines[0]).toMatch(/^┌/);
    for (const l of lines.slice(1)) expect(visibleLength(l)).toBeLessThanOrEqual(30);
    const command = lines.filter((l) => l.startsWith('  $ ') || l.startsWith('      '));
    expect(joinCommand(command)).toBe('  $ llama-server -m model.gguf -ngl 99 --split-mode layer -c 8192 -np 1');
    const comment = lines.filter((l) => l.startsWith('  # '));
    expect(comment.length).toBeGreaterThan(1);
    expect(lines.filter((l) => l.startsWith('    ') && !l.startsWith('      ')).length).toBeGreaterThan(0);
  });

  it('is idempotent', () => {
    const once = fitText('  - score 0.723 (priority balanced: score = quality × (0.6 + 0.4 × speed score))', 30);
    expect(fitText(once, 30)).toBe(once);
  });
});
