// Ranking of local picks for a use case and a priority.
//
// For every catalog model suited to the use case: the best (quant, engine) that
// fits (candidates.ts), its speed from the estimator, its use-case quality from
// task scores (quality.ts) less the quantization's cost (quant-cost.ts), and one
// score per priority (ranking.ts) that orders the list; superseded models and
// same-model variants are shown under the pick they lose to. For rag, an
// embedding model is chosen first and the generators ranked in what is left.
import type { HardwarePlan } from '../hardware/types.js';
import type { SpeedHardware } from '../estimate/types.js';
import type { LocalModel, Quant } from '../catalog/schema.js';
import {
  type Candidate,
  type CandidateEnv,
  ggufCandidate,
  smallestNeed,
  vllmCandidate,
} from './candidates.js';
import { modelContext } from './context.js';
import { budgetBytes, gpuCount, isCpuOnly, speedHardware } from './hardware-view.js';
import type { Excluded, LocalPick } from './output-schema.js';
import { installedMark, installedOf, installedTieBreak, type InstalledInput } from './installed.js';
import type { RunnableModel } from './port.js';
import { taskJson, useCaseNumbers, useCaseQuality, type UseCaseNumbers, type UseCaseQuality } from './quality.js';
import { GGUF_CEILING, quantTable } from './quants.js';
import { quantLoss, type QuantLoss } from './quant-cost.js';
import { chooseEmbedder, isReranker, type EmbedderChoice } from './rag.js';
import { arrange, ESTIMATE_RISK, rankScore, scoreWords, SPEED_QUALITY_FLOOR } from './ranking.js';
import { setupFor } from './pick-setup.js';
import type { Setup } from './setup.js';
import { qualityTable, type QualityTable } from './task-fit.js';
import {
  ENGINE_BONUS,
  HIGH_VOLUME_TOKENS_PER_DAY,
  SLOW_DECODE_TOKENS_PER_SECOND,
  SPEED_CEILING,
  EMBEDDING_SPEED_SCALE,
  SPEED_FLOOR,
} from './thresholds.js';
import type { RecommendDeps, RecommendUseCase, ResolvedInput } from './types.js';
import { contextWords, gib, tokens, tps } from './words.js';
import { compareIds } from '../util/compare-ids.js';

export interface LocalRanking {
  /** Ranked picks, already cut to input.top. */
  picks: LocalPick[];
  /** How many models had a candidate that fits entirely / only with offload. */
  fittingCount: number;
  offloadCount: number;
  excluded: Excluded[];
  notes: string[];
}

/** How a model relates to the use case: listed for it, usable as a general model, or not suited. */
export function useCaseFit(model: RunnableModel, useCase: RecommendUseCase): 'listed' | 'general' | null {
  if (useCase === 'embedding') return model.type === 'embedding' ? 'listed' : null;
  if (model.type !== 'local') return null;
  if (model.useCases.includes(useCase)) return 'listed';
  // Chat models are general: usable for every text task, with a stated penalty.
  if (model.useCases.includes('chat')) return 'general';
  return null;
}

export function speedScore(decodeTokensPerSecond: number): number {
  if (decodeTokensPerSecond <= SPEED_FLOOR) return 0;
  const s = Math.log(decodeTokensPerSecond / SPEED_FLOOR) / Math.log(SPEED_CEILING / SPEED_FLOOR);
  return Math.min(1, s);
}

function commercialWords(model: RunnableModel): string {
  const l = model.license;
  if (l.commercial === 'yes') return `licence ${l.id}: commercial use allowed`;
  if (l.commercial === 'restricted') return `licence ${l.id}: commercial use restricted (${l.terms})`;
  return `licence ${l.id}: commercial use not allowed`;
}

interface Scored {
  candidate: Candidate;
  /** The use case's quality numbers (toPick words them for the picks shown). */
  quality: UseCaseNumbers;
  loss: QuantLoss;
  /** quality.score × (1 − loss). */
  adjusted: number;
  fit: 'listed' | 'general';
  speedPart: number;
  /** Decides between candidates of one model (engine bonus included). */
  choice: number;
  score: number;
}

/** `hw`: speedHardware of the plan, worked out once per ranking. */
function withSpeed(c: Candidate, hw: SpeedHardware | null, env: CandidateEnv): Candidate {
  if (!hw || c.plan.placement === 'none') return c;
  const gpuLayers = c.plan.placement === 'gpu' ? c.plan.totalLayers : c.plan.placement === 'cpu' ? 0 : c.plan.gpuLayers;
  const speed = env.estimator.speed({
    hardware: hw,
    weights: c.plan.weights,
    kvCacheBytes: c.plan.memory.kvCacheBytes,
    contextLength: c.contextLength,
    activeParams: env.estimator.activeParams(c.model),
    quant: c.quant.id,
    gpuLayers,
    totalLayers: c.plan.totalLayers,
    multiGpu: c.engine === 'vllm' ? 'tensor-parallel' : 'layer-split',
    experts: c.plan.experts,
  });
  return { ...c, speed };
}

/** Speed scores: from tok/s when known; else by bytes read per token among the candidates (fewer is faster). */
function speedParts(cands: readonly Candidate[]): Map<Candidate, number> {
  const out = new Map<Candidate, number>();
  const reads = cands.map((c) => c.plan.weights.bytesReadPerToken);
  for (const c of cands) {
    if (c.speed) {
      // An embedding model reads its input and writes no tokens: its speed is prompt processing.
      const rate = c.model.type === 'embedding' ? c.speed.promptTokensPerSecond / EMBEDDING_SPEED_SCALE : c.speed.decodeTokensPerSecond;
      out.set(c, speedScore(rate));
      continue;
    }
    // An embedding model's speed is prompt processing (compute-bound, batched), which the
    // bytes read per token do not order: with no speed known every embedder gets the same
    // middle score and retrieval quality decides (else the smallest one led on any card).
    if (c.model.type === 'embedding') {
      out.set(c, 0.5);
      continue;
    }
    const mine = c.plan.weights.bytesReadPerToken;
    const slower = reads.filter((r) => r > mine).length;
    const ties = reads.filter((r) => r === mine).length - 1;
    out.set(c, reads.length > 1 ? (slower + ties / 2) / (reads.length - 1) : 0.5);
  }
  return out;
}

function quantReason(c: Candidate, input: ResolvedInput, budget: number | null, cpuOnly: boolean): string {
  const where = cpuOnly ? `${budget !== null ? gib(budget) : 'the'} system RAM (CPU only)` : `${budget !== null ? gib(budget) : 'the'} of GPU memory`;
  const ctx = `${contextWords(c.contextLength)} tokens of context`;
  if (c.fits === null) return `${c.quant.id} at ${ctx} needs ${gib(c.plan.memory.totalBytes)}; the memory available is not known, so fit is not judged`;
  if (c.plan.placement === 'offload') {
    return `nothing fits ${where} at ${ctx}; with --allow-offload, ${c.quant.id} puts ${c.plan.gpuLayers} of ${c.plan.totalLayers} layers on the GPU and the rest in system RAM (${gib(c.plan.memory.totalBytes)} in all)`;
  }
  const ceiling = c.engine === 'vllm' || c.model.type === 'embedding' ? '' : ` up to ${GGUF_CEILING[input.priority]} (priority ${input.priority})`;
  const higher = c.rejected ? `; ${c.rejected.quant.id} would need ${gib(c.rejected.totalBytes)}` : '';
  return `${c.quant.id} (${c.quant.quality}) is the best quantization${ceiling} that fits ${where} at ${ctx}: ${gib(c.plan.memory.totalBytes)}${higher}`;
}

function engineReason(c: Candidate, input: ResolvedInput, hardware: HardwarePlan, env: CandidateEnv): string {
  if (c.engine === 'vllm') {
    const why = gpuCount(hardware) > 1 ? `${gpuCount(hardware)} GPUs (tensor parallel)` : `${tokens(input.tokensPerDay ?? 0)} tokens/day (continuous batching serves many requests at once)`;
    const native = env.estimator.nativeExpertType?.(c.model) ?? null;
    const as = native && c.quant.id !== 'FP8' ? ` (MoE experts in ${native}, as published)` : '';
    return `engine vLLM: ${why}; ${c.quant.id}${as} from the official weights (${c.model.hf.repo})`;
  }
  if (c.engine === 'ollama') return `engine Ollama: the catalog lists a tag for ${c.quant.id}`;
  if (c.plan.placement === 'offload') return 'engine llama.cpp: it takes the number of GPU layers (-ngl) of the offload plan';
  return `engine llama.cpp: ${c.model.hf.ggufRepo} lists ${c.quant.id}`;
}

function speedReason(c: Candidate, plan: HardwarePlan): string {
  if (c.speed && c.model.type === 'embedding') {
    return `≈ ${tps(c.speed.promptTokensPerSecond)} of input embedded (prompt processing; estimate: ${c.speed.explanation})`;
  }
  if (!c.speed) {
    return speedHardware(plan) === null
      ? `speed unknown: the memory bandwidth is not known (pass --gpu NAME); ${c.model.type === 'embedding' ? 'ranked by retrieval quality' : 'ranked by bytes read per token'}`
      : 'speed unknown';
  }
  const slow = c.speed.decodeTokensPerSecond < SLOW_DECODE_TOKENS_PER_SECOND ? ' (slow for interactive use)' : '';
  return `≈ ${tps(c.speed.decodeTokensPerSecond)} decode, ${tps(c.speed.promptTokensPerSecond)} prompt${slow} (estimate: ${c.speed.explanation})`;
}

function qualityReason(q: UseCaseQuality, useCase: RecommendUseCase): string {
  const tasks = q.tasks
    .map((t) => `${t.task} ${t.value.toFixed(2)} ×${t.weight} (${t.estimated ? `estimate ±${t.uncertainty.toFixed(2)}: ${t.basis}` : t.basis})`)
    .join('; ');
  const est = q.estimated ? ', mostly estimated' : q.estimatedShare > 0 ? `, ${Math.round(q.estimatedShare * 100)} % of it estimated` : '';
  return `${useCase} quality ${q.score.toFixed(2)}${est}: ${tasks}`;
}

function toPick(s: Scored, rank: number, input: ResolvedInput, env: CandidateEnv, alternatives: Candidate[], words: string, quality: QualityTable): LocalPick {
  const c = s.candidate;
  const q = useCaseQuality(quality.scoresOf(c.model.id) ?? new Map(), input.useCase);
  const plan = env.hardware;
  const budget = budgetBytes(plan);
  const setup = setupFor(c, input.kvCacheType, env);
  const reasons: string[] = [];
  reasons.push(
    `score ${s.score.toFixed(3)} (${words}; quality ${s.adjusted.toFixed(3)} = (${s.quality.score.toFixed(3)} − ${ESTIMATE_RISK} × uncertainty ${s.quality.uncertainty.toFixed(3)}) × (1 − quantization cost ${s.loss.fraction.toFixed(3)}))`,
  );
  reasons.push(qualityReason(q, input.useCase));
  reasons.push(s.loss.basis);
  reasons.push(s.fit === 'listed' ? `listed for ${input.useCase}` : `a general model, not listed for ${input.useCase}; ranked on its task scores`);
  reasons.push(quantReason(c, input, budget, isCpuOnly(plan)));
  if (c.contextLength < input.contextLength) {
    reasons.push(`context capped at the model's maximum, ${c.contextLength} tokens`);
  }
  reasons.push(speedReason(c, plan));
  reasons.push(engineReason(c, input, plan, env));
  reasons.push(commercialWords(c.model));
  const alts = alternatives
    .map((a) => ({ a, setup: setupFor(a, input.kvCacheType, env) }))
    .filter((x): x is { a: Candidate; setup: Setup } => x.setup !== null)
    .map((x) => ({ engine: x.setup.engine, quant: x.a.quant.id, setup: x.setup.commands }));
  return {
    rank,
    modelId: c.model.id,
    name: c.model.name,
    type: c.model.type,
    quant: c.quant.id,
    engine: c.engine,
    contextLength: c.contextLength,
    memory: {
      weightsBytes: Math.round(c.plan.memory.weightsBytes),
      kvCacheBytes: Math.round(c.plan.memory.kvCacheBytes),
      overheadBytes: Math.round(c.plan.memory.overheadBytes),
      totalBytes: Math.round(c.plan.memory.totalBytes),
      budgetBytes: budget === null ? null : Math.round(budget),
    },
    fits: c.fits,
    placement: c.fits === null ? 'unknown' : c.plan.placement === 'none' ? 'unknown' : c.plan.placement,
    offload:
      c.plan.placement === 'offload'
        ? { gpuLayers: c.plan.gpuLayers, totalLayers: c.plan.totalLayers, ...(c.plan.experts ? { cpuMoeLayers: c.plan.experts.cpuMoeLayers, gpuBytes: Math.round(c.plan.experts.gpuBytes), ramBytes: Math.round(c.plan.experts.ramBytes) } : {}) }
        : null,
    speed: c.speed
      ? {
          decodeTokensPerSecond: c.speed.decodeTokensPerSecond,
          promptTokensPerSecond: c.speed.promptTokensPerSecond,
          explanation: c.speed.explanation,
          calibrated: c.speed.calibrated === true,
        }
      : null,
    license: { id: c.model.license.id, commercial: c.model.license.commercial },
    quality: {
      score: round(s.adjusted),
      useCaseScore: round(s.quality.score),
      quantCost: round(s.loss.fraction),
      estimated: s.quality.estimated,
      estimatedShare: round(s.quality.estimatedShare),
      uncertainty: round(s.quality.uncertainty),
      basis: q.basis,
      tasks: q.tasks.map(taskJson),
    },
    score: round(s.score),
    setup: setup?.commands ?? [],
    setupNotes: setup?.notes ?? [],
    alternatives: alts,
    supersededBy: c.model.supersededBy,
    variants: [],
    pipeline: null,
    reasons,
    installed: null,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Models that are variants of one another: same family and size to two significant digits (Qwen3-30B-A3B instruct, thinking, coder). */
export function variantGroup(model: RunnableModel): string {
  return `${model.family}|${model.params.total.toPrecision(2)}`;
}

function decodeRate(c: Candidate): number | null {
  if (!c.speed) return null;
  return c.model.type === 'embedding' ? c.speed.promptTokensPerSecond : c.speed.decodeTokensPerSecond;
}

export function rankLocal(input: ResolvedInput, deps: RecommendDeps): LocalRanking {
  const { catalog, hardware, estimator } = deps;
  const table = quantTable(catalog.quants);
  const population = catalog.models.filter(
    (m): m is RunnableModel =>
      (input.useCase === 'embedding' ? m.type === 'embedding' && !isReranker(m) : m.type === 'local') &&
      (!deps.installed?.only || installedOf(m.id, deps.installed) !== null),
  );
  const quality = qualityTable(catalog);
  const baseEnv: CandidateEnv = {
    estimator,
    table,
    engines: catalog.engines,
    hardware,
    budget: hardware.budget,
    priority: input.priority,
    kvCacheType: input.kvCacheType,
    allowOffload: input.allowOffload,
    throughputWanted: gpuCount(hardware) > 1 || (input.tokensPerDay ?? 0) > HIGH_VOLUME_TOKENS_PER_DAY,
  };
  const notes: string[] = [];
  let embedder: EmbedderChoice | null = null;
  if (input.useCase === 'rag') {
    embedder = chooseEmbedder(catalog, baseEnv, input.kvCacheType);
    if (embedder) {
      const rr = embedder.reranker ? ` and the reranker ${embedder.reranker.modelId} (${gib(embedder.reranker.totalBytes)})` : '';
      const none = embedder.reranker ? '' : ' No reranker: none in the catalog pays with this much memory.';
      notes.push(`rag: each generator runs beside ${embedder.pipeline.modelId} (${embedder.pipeline.quant}, ${gib(embedder.pipeline.totalBytes)})${rr}; generators are ranked in the memory left.${none}`);
    } else notes.push('rag: no embedding model fits beside a generator; generators are ranked alone.');
  }
  const env: CandidateEnv = embedder ? { ...baseEnv, budget: embedder.rest } : baseEnv;
  const budget = budgetBytes(hardware);
  const excluded: Excluded[] = [];
  const perModel: { model: RunnableModel; fit: 'listed' | 'general'; cands: Candidate[] }[] = [];
  const speedHw = speedHardware(hardware);

  for (const model of population) {
    const fit = useCaseFit(model, input.useCase);
    if (!fit) continue;
    if (input.commercial && model.license.commercial === 'no') {
      excluded.push({ modelId: model.id, reason: `licence ${model.license.id} does not allow commercial use`, kind: 'licence' });
      continue;
    }
    const ctx = modelContext(model, input);
    if (!ctx.ok) {
      excluded.push({ modelId: model.id, reason: ctx.reason, kind: 'context' });
      continue;
    }
    const cands = [ggufCandidate(model, ctx.contextLength, env), vllmCandidate(model, ctx.contextLength, env)].filter(
      (c): c is Candidate => c !== null,
    );
    if (cands.length === 0) {
      excluded.push({ modelId: model.id, ...notFitReason(model, ctx.contextLength, env, budget) });
      continue;
    }
    perModel.push({ model, fit, cands: cands.map((c) => withSpeed(c, speedHw, env)) });
  }

  const all = perModel.flatMap((p) => p.cands);
  const speeds = speedParts(all);
  const qualityUseCase = input.useCase;
  const scoredModels = perModel.map((p) => {
    const q = useCaseNumbers(quality.numbersOf(p.model.id) ?? new Map(), qualityUseCase);
    const native = env.estimator.nativeExpertType?.(p.model) ?? null;
    return {
      p,
      cands: p.cands.map((c) => {
        const loss = quantLoss(c.quant.id, p.model.params.total, native);
        return { c, q, loss, adjusted: Math.max(0, q.score - ESTIMATE_RISK * q.uncertainty) * (1 - loss.fraction) };
      }),
    };
  });
  // Speed priority: the floor is a share of the best quality among picks that fit.
  const fitting = scoredModels.flatMap((m) => m.cands.filter((x) => x.c.fits !== false).map((x) => x.adjusted));
  const floor = SPEED_QUALITY_FLOOR * Math.max(0, ...fitting);
  const words = scoreWords(input.priority, floor, input.latencyCritical);
  const best: { scored: Scored; others: Candidate[] }[] = [];
  for (const { p, cands } of scoredModels) {
    const scored = cands.map(({ c, q, loss, adjusted }): Scored => {
      const speedPart = speeds.get(c) ?? 0;
      const rate = decodeRate(c);
      const slow = c.model.type === 'local' && rate !== null && rate < SLOW_DECODE_TOKENS_PER_SECOND;
      const score = rankScore(input.priority, { quality: adjusted, speed: speedPart, tokensPerSecond: rate, slow, offload: c.fits === false && !c.plan.experts }, floor, input.latencyCritical);
      const bonus = c.engine === 'vllm' ? (env.throughputWanted ? ENGINE_BONUS : -ENGINE_BONUS) : c.engine === 'ollama' ? ENGINE_BONUS / 2 : 0;
      return { candidate: c, quality: q, loss, adjusted, fit: p.fit, speedPart, choice: score + bonus, score };
    });
    scored.sort((a, b) => b.choice - a.choice);
    const [top, ...rest] = scored;
    if (top) best.push({ scored: top, others: rest.map((r) => r.candidate) });
  }

  // At equal merit a model already on disk comes first (the sort is stable, so arrange keeps it).
  best.sort((a, b) => installedTieBreak({ id: a.scored.candidate.model.id, score: a.scored.score }, { id: b.scored.candidate.model.id, score: b.scored.score }, deps.installed));
  const arranged = arrange(
    best.map((b) => ({
      ...b,
      modelId: b.scored.candidate.model.id,
      supersededBy: b.scored.candidate.model.supersededBy,
      variantGroup: variantGroup(b.scored.candidate.model),
      score: b.scored.score,
    })),
  );
  const picks = arranged.slice(0, input.top).map(({ item: b, under }, i) => {
    const alternatives = [...b.others, ...sameQuantAlternatives(b.scored.candidate, env)];
    const pick = withInstalled(toPick(b.scored, i + 1, input, env, alternatives, words, quality), deps.installed);
    pick.variants = under.map((u) => ({ modelId: u.item.modelId, quant: u.item.scored.candidate.quant.id, score: round(u.item.scored.score), why: u.why }));
    for (const u of under) pick.reasons.push(`${u.item.modelId} (score ${u.item.scored.score.toFixed(3)}) is shown under this pick: ${u.why}`);
    if (pick.supersededBy) pick.reasons.push(`superseded by ${pick.supersededBy}, which is not in this list (it does not fit, or is not suited here)`);
    if (embedder) {
      const rerankBytes = embedder.reranker?.totalBytes ?? 0;
      pick.pipeline = { embedding: embedder.pipeline, reranker: embedder.reranker, totalBytes: pick.memory.totalBytes + embedder.pipeline.totalBytes + rerankBytes };
      pick.reasons.push(embedder.pipeline.reason);
      if (embedder.reranker) pick.reasons.push(embedder.reranker.reason);
    }
    return pick;
  });
  if (budget === null) notes.push('The memory available is not known: memory is shown, fit is not judged. Pass --vram GiB, --gpu NAME or --cpu-only.');
  if (input.kvCacheType !== 'f16') notes.push(`KV cache planned as ${input.kvCacheType}.`);
  if (picks.some((p) => p.quality.estimated)) notes.push('~ marks a quality mostly estimated (no published result for the main task); see quality.tasks in --json.');
  return {
    picks,
    fittingCount: best.filter((b) => b.scored.candidate.fits !== false).length,
    offloadCount: best.filter((b) => b.scored.candidate.fits === false && !b.scored.candidate.plan.experts).length,
    excluded: excluded.sort((a, b) => compareIds(a.modelId, b.modelId)),
    notes,
  };
}

/** The pick's `installed` mark, and a reason naming the copy on disk. */
function withInstalled(pick: LocalPick, installed: InstalledInput | undefined): LocalPick {
  const ref = installedOf(pick.modelId, installed);
  if (ref) pick.reasons.push(`already on disk: ${ref.store} ${ref.name} (${ref.quant}), ${ref.path}`);
  return { ...pick, installed: installedMark(pick.modelId, installed) };
}

/** The same GGUF quant on the other GGUF engine (Ollama ↔ llama.cpp), when the catalog lists it there. */
function sameQuantAlternatives(c: Candidate, env: CandidateEnv): Candidate[] {
  if (c.engine === 'vllm') return [];
  const other = c.engine === 'ollama' ? 'llama.cpp' : 'ollama';
  return [{ ...c, engine: other }];
}

function notFitReason(model: RunnableModel, contextLength: number, env: CandidateEnv, budget: number | null): Omit<Excluded, 'modelId'> {
  const need = smallestNeed(model, contextLength, env);
  if (!need) {
    const reason =
      model.type === 'local' && (model as LocalModel).hf.ggufRepo === null && model.ollama.length === 0
        ? 'no GGUF build or Ollama tag in the catalog, and vLLM does not run here'
        : 'no quantization the catalog lists for it can be run here';
    return { reason, kind: 'runtime' };
  }
  if (need.plan.placement === 'gpu' || need.plan.placement === 'cpu') {
    // The smallest quantization would fit: what is missing is a build of it the ladder takes.
    return {
      reason: `${need.quant.id} would fit (${gib(need.plan.memory.totalBytes)} at ${contextWords(contextLength)} tokens of context), but no build the catalog lists at a quantization priority ${env.priority} takes runs here`,
      kind: 'runtime',
    };
  }
  const where = isCpuOnly(env.hardware) ? 'system RAM' : 'GPU memory';
  const offloadPossible = !env.allowOffload && need.plan.placement === 'offload';
  const offload = offloadPossible ? ' (--allow-offload would run it partly from system RAM, slowly)' : '';
  const q: Quant = need.quant;
  return {
    reason: `even ${q.id} at ${contextWords(contextLength)} tokens of context needs ${gib(need.plan.memory.totalBytes)}, more than the ${budget !== null ? gib(budget) : '?'} of ${where}${offload}`,
    kind: 'memory',
    needBytes: Math.round(need.plan.memory.totalBytes),
    quant: q.id,
    offloadPossible,
  };
}
