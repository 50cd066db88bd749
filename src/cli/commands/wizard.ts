// `llm-pick` with no command: the wizard. It asks, builds the options of
// `llm-pick recommend`, runs recommend and renders its answer, then prints the
// equivalent one-shot command line. No logic of its own.
import { loadCatalog } from '../../catalog/load.js';
import type { Gpu } from '../../catalog/schema.js';
import type { RecommendResult } from '../../decide/output-schema.js';
import { getHardwarePlan } from '../../hardware/index.js';
import type { HardwarePlan } from '../../hardware/types.js';
import { assertInteractive } from '../../wizard/guard.js';
import { renderCommandLine, wizardOrigin } from '../../wizard/render.js';
import { runWizard } from '../../wizard/session.js';
import { withSpinner } from '../../wizard/spinner.js';
import type { RecommendFlags } from '../../wizard/types.js';
import type { CommandContext, JsonDocument } from '../context.js';
import { writeOut } from '../output.js';
import type { Ui } from '../../core/ui.js';

export interface WizardResult extends JsonDocument {
  schemaVersion: 1;
  kind: 'wizard';
  options: RecommendFlags;
  commandLine: string;
  recommendation: RecommendResult;
}

/** This machine's hardware, or null when the probe fails (the wizard carries on; recommend says what it knows). */
async function probeHardware(gpus: readonly Gpu[]): Promise<HardwarePlan | null> {
  try {
    // The hardware layer probes at most once per process: recommend's run() reuses this probe.
    return await getHardwarePlan({}, gpus);
  } catch {
    return null;
  }
}

export async function run(_options: unknown, ctx: CommandContext): Promise<WizardResult> {
  assertInteractive({ json: ctx.json, stdinTty: Boolean(process.stdin.isTTY), stdoutTty: Boolean(process.stdout.isTTY) });
  // The catalog first, so a bad --catalog file fails before any question.
  const [catalog, recommend, { createPrompts }] = await Promise.all([
    loadCatalog(ctx.catalogFiles),
    import('./recommend.js'),
    import('../prompts.js'),
  ]);
  const outcome = await runWizard({
    prompts: createPrompts(),
    probe: () => withSpinner('Looking at this machine…', () => probeHardware(catalog.gpus)),
    gpus: catalog.gpus,
    recommend: (options) => recommend.run(options, ctx),
    say: writeOut,
    catalogFiles: ctx.catalogFiles,
  });
  return {
    schemaVersion: 1,
    kind: 'wizard',
    options: outcome.options,
    commandLine: outcome.commandLine,
    recommendation: outcome.recommendation,
  };
}

export async function render(result: WizardResult, ui: Ui): Promise<string> {
  const { renderRecommend } = await import('../../render/recommend.js');
  const answer = renderRecommend(result.recommendation, ui, {
    origin: wizardOrigin(result.options),
    leftOutHint: 'add --explain to the command below to list them and why',
  });
  return `\n${answer.replace(/\n+$/, '')}\n\n${renderCommandLine(result.commandLine, ui)}`;
}
