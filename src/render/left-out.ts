// The models recommend left out, in words: one line of counts by why, or (with
// --explain) the list grouped by why, short: what the group shares is said once.
import type { Ui } from '../core/ui.js';
import type { Origin } from '../decide/origin.js';
import { EXCLUDED_KINDS, type Excluded, type RecommendResult } from '../decide/output-schema.js';
import { contextWords, gib } from '../decide/words.js';
import { heading } from './table.js';

type Kind = Excluded['kind'];
type Words = (o: Origin) => string;

/** Why, after a count ("13 too large…"); the option behind it, named by `words`, where there is one. */
function why(kind: Kind, words: Words): string {
  switch (kind) {
    case 'memory':
      return 'too large for the memory available';
    case 'runtime':
      return 'with no build that runs here';
    case 'context':
      return 'with a context window under the context needed';
    case 'licence':
      return `with a licence that does not allow commercial use (${words({ option: 'commercial', value: null, given: true })})`;
    case 'retired':
      return 'retired by the provider';
    case 'spending':
      return `over the spending limit (${words({ option: 'budget', value: null, given: true })})`;
  }
}

function byKind(excluded: readonly Excluded[]): [Kind, Excluded[]][] {
  return EXCLUDED_KINDS.map((k) => [k, excluded.filter((e) => e.kind === k)] as [Kind, Excluded[]]).filter(([, list]) => list.length > 0);
}

const models = (n: number) => `${n} model${n === 1 ? '' : 's'}`;

/** "28 models left out: 13 too large for the memory available, 15 with no build that runs here". */
export function leftOutSummary(excluded: readonly Excluded[], words: Words): string {
  const groups = byKind(excluded).map(([k, list]) => `${list.length} ${why(k, words)}`);
  return `${models(excluded.length)} left out: ${groups.join(', ')}`;
}

/** What the memory group shares: the memory available and the context it was sized at. */
function memoryHeading(r: RecommendResult): string {
  const b = r.hardware.budgetBytes;
  const where = r.hardware.cpuOnly ? 'RAM' : 'GPU memory';
  return b === null ? '' : ` (${gib(b)} of ${where} at ${contextWords(r.inputs.contextLength)} tokens of context)`;
}

function memoryLine(e: Excluded): string {
  if (e.needBytes === undefined) return `${e.modelId}: ${e.reason}`;
  return `${e.modelId}: needs ${gib(e.needBytes)} even at ${e.quant}${e.offloadPossible ? '; runs partly from system RAM with --allow-offload' : ''}`;
}

/** Models sharing one reason are listed after it, once (only the names when the group's heading already says it); the others each with their own. */
function sharedReasons(list: readonly Excluded[], heading: string): string[] {
  const byReason = new Map<string, string[]>();
  for (const e of list) byReason.set(e.reason, [...(byReason.get(e.reason) ?? []), e.modelId]);
  return [...byReason].map(([reason, ids]) =>
    reason === heading ? ids.join(', ') : ids.length > 1 ? `${reason}: ${ids.join(', ')}` : `${ids[0]}: ${reason}`,
  );
}

/** --explain: each group under its why. */
export function leftOutSection(r: RecommendResult, ui: Ui, words: Words): string[] {
  if (r.excluded.length === 0) return ['', heading('Left out', ui), '  none: every model suited to the use case was ranked'];
  const out = ['', heading(`Left out: ${models(r.excluded.length)}`, ui)];
  for (const [kind, list] of byKind(r.excluded)) {
    out.push(`  ${list.length} ${why(kind, words)}${kind === 'memory' ? memoryHeading(r) : ''}:`);
    const items = kind === 'memory' ? list.map(memoryLine) : sharedReasons(list, why(kind, words));
    for (const item of items) out.push(`    - ${item}`);
  }
  return out;
}
