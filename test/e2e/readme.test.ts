// The README's examples, run as written (scripts/readme-examples.mjs): each `$ llm-pick ...`
// line in a console block prints what the README shows under it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { difference, examples, run } from '../../scripts/readme-examples.mjs';
import { ROOT } from '../helpers/bin.js';

interface Example { command: string; args: string[]; piped: boolean; cut: boolean; shown: string[] }

const found = (examples(readFileSync(`${ROOT}README.md`, 'utf8')) as Example[]).filter((e) => !e.piped);

describe('README examples reproduce', () => {
  it('has examples for every command the README lists', () => {
    const commands = new Set(found.map((e) => e.args[0]));
    for (const c of ['fit', 'recommend', 'cost', 'hardware', 'models', 'quants', 'engines', 'installed', 'calibrate', 'config', 'catalog']) expect(commands).toContain(c);
  });

  for (const e of found) {
    it(e.command, () => {
      expect(difference(e, run(e.args))).toBeNull();
    }, 30_000);
  }
});
