// Words that mean one thing (issue 16), through the built binary: the rules' points are a
// "rule score", not weights; GiB of memory is "memory available", USD/month is the "spending
// limit"; a reason names the option it comes from as the user gave it (a flag on the command
// line, the answer picked in the wizard); once APIs are ruled out no API or price is named and
// that is said once; no verdict repeats itself; --explain lists the models left out, grouped.
// `npm test` builds first (pretest); run `npm run build` before running this file alone.
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';
import { HAS_TMUX, TmuxRun } from '../wizard/tmux.js';

const HW = ['--gpu', 'RTX 3090', '--ram', '64'];

function recommend(...args: string[]): string {
  const r = runBin(['recommend', ...HW, ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** The verdict and its reasons: the lines before the first blank one. */
const verdictBlock = (out: string) => out.split('\n\n')[0]!;

describe('recommend: words that mean one thing', () => {
  it('the verdict says its choice once, and the balance of rules is a rule score, not weights', () => {
    const out = recommend();
    expect(out).toMatch(/^Verdict: (run it locally|use an API|either works)\n/);
    expect(out).not.toMatch(/Verdict: .*\((local|api|either)\)/);
    expect(out).not.toMatch(/weights: local/);
    expect(verdictBlock(out)).toMatch(/^ {2}- rule score: local \+\d+, API \+\d+; /m);
  });

  it('memory is "memory available" (GiB), money is the "spending limit" (USD/month); "budget" alone is never said', () => {
    const out = recommend('--tokens-per-day', '50M', '--budget', '50');
    expect(out).toMatch(/memory available: 23\.5 GiB/);
    expect(verdictBlock(out)).toMatch(/^ {2}- --budget: the cheapest suitable API, \S+, would cost \$[\d,.]+\/month, over the spending limit of \$50\.00\/month(;|$)/m);
    expect(out.replace(/--budget\b/g, '')).not.toMatch(/\bbudget\b/i);
  });

  it('--privacy --offline: the flags as typed, API models left out said once, no API named or priced after', () => {
    const out = recommend('--privacy', '--offline', '--tokens-per-day', '5M', '--budget', '50');
    const verdict = verdictBlock(out);
    expect(verdict).toMatch(/^ {2}- --privacy: data must not leave this machine$/m);
    expect(verdict).toMatch(/^ {2}- --offline: it must work without a network$/m);
    expect(out.match(/API models and their prices are left out/g)).toHaveLength(1);
    expect(out).not.toMatch(/API picks|USD\/1M|cheapest|pay-per-use|break-even|Comparable in quality|spending limit/);
    // The one price left is local electricity.
    expect(out.match(/\$[\d,.]+/g)?.every((p) => out.includes(`≈ ${p}/month of electricity`))).toBe(true);
  });

  it('without --explain: the models left out are counted by why, and --explain is named', () => {
    const out = recommend('--ctx', '200k');
    expect(out).toMatch(/^ {2}\d+ models left out: \d+ too large for the memory available, .*\(--explain lists them and why\)\.$/m);
    expect(out).not.toMatch(/^Left out/m);
  });

  it('--explain lists them grouped by why, each model once, short', () => {
    const out = recommend('--ctx', '200k', '--commercial', '--explain');
    const doc = JSON.parse(runBin(['recommend', ...HW, '--ctx', '200k', '--commercial', '--json']).stdout) as {
      excluded: { modelId: string; kind: string }[];
    };
    const section = out.slice(out.indexOf('\nLeft out: '));
    expect(section).toMatch(new RegExp(`^Left out: ${doc.excluded.length} models$`, 'm'));
    expect(section).toMatch(/^ {2}\d+ too large for the memory available \(23\.5 GiB of GPU memory at 200K tokens of context\):$/m);
    expect(section).toMatch(/^ {4}- devstral-2-123b: needs [\d.]+ GiB even at Q\d\w*$/m);
    expect(section).toMatch(/^ {2}\d+ with a context window under the context needed:$/m);
    for (const e of doc.excluded) expect(section).toContain(e.modelId);
    // One line per model, or per reason shared by several.
    expect(section.split('\n').length).toBeLessThan(doc.excluded.length);
    expect(new Set(doc.excluded.map((e) => e.kind))).toContain('memory');
  });

  it('--vram alone: the card is named by its memory once ("GPU with 24 GiB", not "GPU with 24 GiB (24.0 GiB")', () => {
    const r = runBin(['recommend', '--vram', '24', '--ram', '64']);
    expect(r.stdout).toMatch(/Hardware: GPU with 24 GiB \(bandwidth unknown\); memory available: 23\.5 GiB/);
    expect(r.stdout).not.toMatch(/GPU with 24 GiB \(24/);
  });

  it('fit and hardware call memory "memory available", never "budget"', () => {
    for (const args of [['fit', '--params', '8', '--quant', 'q4', '--vram', '24', '--ram', '64'], ['hardware', '--vram', '24', '--ram', '64']]) {
      const r = runBin(args);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/memory available/i);
      expect(r.stdout.replace(/--budget-from/g, '')).not.toMatch(/\bbudget\b/i);
    }
  });

  it('--explain changes nothing in --json', () => {
    const a = runBin(['recommend', ...HW, '--json']).stdout;
    const b = runBin(['recommend', ...HW, '--json', '--explain']).stdout;
    expect(b).toBe(a);
  });
});

describe.skipIf(!HAS_TMUX)('the wizard says its reasons in its own words (tmux)', () => {
  it('"Both: private and offline": the answer, not --privacy/--offline, one line, no API priced', async () => {
    const t = new TmuxRun();
    try {
      await t.waitFor(/Plan for which hardware\?/);
      t.keys('Down', 'Down', 'Enter'); // "A GPU with this much memory…": independent of this machine
      await t.waitFor(/GPU memory per card/);
      t.keys('Enter');
      await t.waitFor(/How many of these GPUs\?/);
      t.keys('Enter');
      await t.waitFor(/What is the model for\?/);
      t.keys('Enter');
      await t.waitFor(/What matters most\?/);
      t.keys('Enter');
      await t.waitFor(/Where may your data go\?/);
      t.keys('Down', 'Down', 'Down', 'Enter'); // Both: private and offline
      for (const q of [/How many tokens a day/, /How long are the prompts/, /Is it for commercial use\?/]) {
        await t.waitFor(q);
        t.keys('Enter');
      }
      const code = await t.exitCode();
      const screen = t.screen();
      expect(code, screen).toBe(0);
      const answer = screen.slice(screen.indexOf('Verdict:'));
      expect(answer).toMatch(/^ {2}- you chose “Both: private and offline”: data must not leave this machine; it must work without a network$/m);
      expect(answer).not.toMatch(/--privacy:|--offline:|weights:|\(local\)/);
      expect(answer).not.toMatch(/API picks|USD\/1M|cheapest|pay-per-use/);
      // The terminal's width wraps that line: read it with its continuation lines joined.
      expect(answer.replace(/\n +/g, ' ')).toMatch(/models left out: .*\(add --explain to the command below to list them and why\)\./);
      expect(answer).toContain('llm-pick recommend --privacy --offline --vram 24');
    } finally {
      t.stop();
    }
  });
});
