// Cross-field checks on a whole catalog, as small named rules. Each finding
// names the entry (section + index) and the field; callers map it to file:line.
import type { Catalog } from './schema.js';
import type { PathPart, Section } from './parse.js';

export interface Finding {
  section: Section;
  index: number;
  path: PathPart[];
  message: string;
}

export type Rule = (catalog: Catalog) => Finding[];

const norm = (s: string): string => s.toLowerCase();

export const duplicateIds: Rule = (catalog) => {
  const findings: Finding[] = [];
  for (const section of ['models', 'gpus', 'quants', 'engines'] as const) {
    const seen = new Map<string, number>();
    catalog[section].forEach((entry, index) => {
      const key = norm(entry.id);
      const first = seen.get(key);
      if (first !== undefined) {
        findings.push({ section, index, path: ['id'], message: `duplicate id "${entry.id}" (also at ${section}[${first}])` });
      } else seen.set(key, index);
    });
  }
  return findings;
};

export const unknownSuccessor: Rule = (catalog) => {
  const ids = new Set(catalog.models.map((m) => m.id));
  return catalog.models.flatMap((m, index) =>
    m.supersededBy && !ids.has(m.supersededBy)
      ? [{ section: 'models' as const, index, path: ['supersededBy'], message: `unknown model id "${m.supersededBy}"` }]
      : [],
  );
};

export const unknownQuantEngine: Rule = (catalog) => {
  const engines = new Set(catalog.engines.map((e) => e.id));
  return catalog.quants.flatMap((q, index) =>
    q.engines.flatMap((engine, i) =>
      engines.has(engine)
        ? []
        : [{ section: 'quants' as const, index, path: ['engines', i], message: `unknown engine "${engine}"; known: ${[...engines].join(', ')}` }],
    ),
  );
};

export const unknownModelQuant: Rule = (catalog) => {
  const quants = new Set(catalog.quants.map((q) => norm(q.id)));
  if (quants.size === 0) return [];
  const findings: Finding[] = [];
  catalog.models.forEach((m, index) => {
    if (m.type === 'api') return;
    m.ollama.forEach((tag, i) => {
      if (!quants.has(norm(tag.quant))) {
        findings.push({ section: 'models', index, path: ['ollama', i, 'quant'], message: `unknown quant "${tag.quant}"` });
      }
    });
    m.hf.ggufQuants.forEach((q, i) => {
      if (!quants.has(norm(q))) findings.push({ section: 'models', index, path: ['hf', 'ggufQuants', i], message: `unknown quant "${q}"` });
    });
    m.ggufFiles.forEach((f, i) => {
      if (!quants.has(norm(f.quant))) findings.push({ section: 'models', index, path: ['ggufFiles', i, 'quant'], message: `unknown quant "${f.quant}"` });
    });
  });
  return findings;
};

export const ggufQuantsNeedRepo: Rule = (catalog) =>
  catalog.models.flatMap((m, index) =>
    m.type !== 'api' && m.hf.ggufQuants.length > 0 && !m.hf.ggufRepo
      ? [{ section: 'models' as const, index, path: ['hf', 'ggufQuants'], message: 'ggufQuants listed without a ggufRepo' }]
      : [],
  );

export const moeNeedsActiveParams: Rule = (catalog) =>
  catalog.models.flatMap((m, index) => {
    if (m.type === 'api') return [];
    const findings: Finding[] = [];
    if (m.architecture.moe && m.params.active === null) {
      findings.push({ section: 'models', index, path: ['params', 'active'], message: 'a MoE model needs params.active (parameters used per token)' });
    }
    if (m.architecture.moe && m.architecture.moe.activeExperts > m.architecture.moe.experts) {
      findings.push({ section: 'models', index, path: ['architecture', 'moe', 'activeExperts'], message: 'more active experts than experts' });
    }
    if (m.params.active !== null && m.params.active > m.params.total) {
      findings.push({ section: 'models', index, path: ['params', 'active'], message: 'active parameters exceed the total' });
    }
    return findings;
  });

export const headsDivide: Rule = (catalog) =>
  catalog.models.flatMap((m, index) => {
    if (m.type === 'api') return [];
    const a = m.architecture;
    const findings: Finding[] = [];
    if (a.attentionHeads % a.kvHeads !== 0) {
      findings.push({ section: 'models', index, path: ['architecture', 'kvHeads'], message: `kvHeads (${a.kvHeads}) must divide attentionHeads (${a.attentionHeads})` });
    }
    if (a.slidingWindow && a.slidingWindow.slidingLayers > a.layers) {
      findings.push({ section: 'models', index, path: ['architecture', 'slidingWindow', 'slidingLayers'], message: `more sliding layers than layers (${a.layers})` });
    }
    return findings;
  });

export const gpuAliasClash: Rule = (catalog) => {
  const owner = new Map<string, number>();
  const findings: Finding[] = [];
  catalog.gpus.forEach((g, index) => {
    for (const [i, name] of [g.id, g.name, ...g.aliases].entries()) {
      const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
      const other = owner.get(key);
      if (other !== undefined && other !== index) {
        const path: PathPart[] = i === 0 ? ['id'] : i === 1 ? ['name'] : ['aliases', i - 2];
        findings.push({ section: 'gpus', index, path, message: `"${name}" also names ${catalog.gpus[other]!.id}` });
      } else owner.set(key, index);
    }
  });
  return findings;
};

export const RULES: readonly Rule[] = [
  duplicateIds,
  unknownSuccessor,
  unknownQuantEngine,
  unknownModelQuant,
  ggufQuantsNeedRepo,
  moeNeedsActiveParams,
  headsDivide,
  gpuAliasClash,
];

export function runRules(catalog: Catalog, rules: readonly Rule[] = RULES): Finding[] {
  return rules.flatMap((rule) => rule(catalog));
}
