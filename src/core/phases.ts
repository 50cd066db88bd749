// Start-up phase timings for bench/startup.ts: with LLM_PICK_PHASES=1 the process writes
// one line on stderr at exit, `phases: load=… catalog=… probe=… compute=… render=… total=…`
// (milliseconds since the process started, performance.now()). Unset, every call is one
// boolean test: nothing is recorded and nothing is printed, and `performance` is never touched
// (its first use loads perf_hooks: 3 M instructions, a twentieth of `node -e 0`; callgrind).
//
// load: process start until main() runs, plus importing the command's module;
// catalog and probe: their own spans (the probe may overlap the others);
// compute: the command's run less the catalog and probe spans inside it; render: output.
export type Phase = 'load' | 'catalog' | 'probe' | 'compute' | 'render';

const enabled = process.env.LLM_PICK_PHASES === '1';
const spans: { phase: Phase; start: number; end: number }[] = [];
let mainStart: number | null = null;

export function phasesEnabled(): boolean {
  return enabled;
}

/** Now, in ms since the process started, when phases are timed; 0 when they are not. */
export function phaseClock(): number {
  return enabled ? performance.now() : 0;
}

/** Records one span of a phase; a no-op unless LLM_PICK_PHASES=1. */
export function recordPhase(phase: Phase, start: number, end: number = phaseClock()): void {
  if (enabled) spans.push({ phase, start, end });
}

/** Times a promise as one phase (the promise itself, untouched, when timing is off). */
export function timePhase<T>(phase: Phase, promise: () => Promise<T>): Promise<T> {
  if (!enabled) return promise();
  const start = performance.now();
  return promise().finally(() => recordPhase(phase, start));
}

/** Length of the union of spans (overlapping spans count once). */
function covered(list: readonly { start: number; end: number }[]): number {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  let total = 0;
  let end = -Infinity;
  for (const s of sorted) {
    const from = Math.max(s.start, end);
    if (s.end > from) total += s.end - from;
    end = Math.max(end, s.end);
  }
  return total;
}

/** The phases line: each phase's covered time, compute as the run spans less catalog and probe inside them. */
export function phasesLine(now: number = performance.now()): string {
  const of = (p: Phase) => spans.filter((s) => s.phase === p);
  const runs = of('compute');
  const inside = (list: typeof spans) =>
    list.flatMap((s) => runs.map((r) => ({ start: Math.max(s.start, r.start), end: Math.min(s.end, r.end) })).filter((x) => x.end > x.start));
  const waits = covered(inside([...of('catalog'), ...of('probe')]));
  const values: Record<Phase, number> = {
    load: (mainStart ?? now) + covered(of('load')),
    catalog: covered(of('catalog')),
    probe: covered(of('probe')),
    compute: Math.max(0, covered(runs) - waits),
    render: covered(of('render')),
  };
  const parts = (Object.keys(values) as Phase[]).map((p) => `${p}=${values[p].toFixed(1)}`);
  return `phases: ${parts.join(' ')} total=${now.toFixed(1)}`;
}

/** Called first thing in main(): marks the end of module loading and prints the line at exit. */
export function startPhases(): void {
  if (!enabled || mainStart !== null) return;
  mainStart = performance.now();
  process.on('exit', () => process.stderr.write(`${phasesLine()}\n`));
}
