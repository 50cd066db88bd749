// Which command lines start the GPU probe before the command is parsed (src/cli/index.ts):
// only those that will detect the hardware whatever else happens.
import { describe, expect, it } from 'vitest';
import { surelyDetects } from '../../src/cli/index.js';

describe('surelyDetects', () => {
  it('fit, recommend and hardware with no hardware given detect', () => {
    expect(surelyDetects(['fit', '--params', '70', '--quant', 'q4', '--json'])).toBe(true);
    expect(surelyDetects(['recommend', '--json'])).toBe(true);
    expect(surelyDetects(['hardware'])).toBe(true);
    expect(surelyDetects(['recommend', '--gpus', '2'])).toBe(true);
  });

  it('hardware given, no hardware needed, or only help: nothing is started', () => {
    for (const args of [
      ['fit', '--params', '8', '--vram', '24'],
      ['fit', '--params', '8', '--vram=24'],
      ['fit', '--gpu', '4090'],
      ['recommend', '--cpu-only'],
      ['recommend', '--api-only'],
      ['hardware', '--list'],
      ['fit', '--help'],
      ['fit', '-h'],
      ['recommend', '--config-file', 'x.yaml'],
    ]) {
      expect(surelyDetects(args), args.join(' ')).toBe(false);
    }
  });

  it('other commands, no command, or a global option first: nothing is started', () => {
    for (const args of [[], ['models'], ['cost', '--tokens-per-day', '1000'], ['--json', 'fit'], ['--catalog', 'x.yaml', 'recommend']]) {
      expect(surelyDetects(args), args.join(' ')).toBe(false);
    }
  });
});
