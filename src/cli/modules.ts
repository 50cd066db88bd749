// Every module the program loads lazily, in one place: each command's module, imported only when
// it runs (the commander program and the MCP server, src/cli/mcp.ts, run the same modules), and
// the modules behind the program's other actions (src/cli/program-modules.ts).
//
// One-command bundles (scripts/bundle.mjs: `fit` and `recommend`, which bin/llm-pick.cjs loads for
// a command line that starts with that command) define __LLM_PICK_ONLY__ as the command's name:
// esbuild folds each test below to a constant and leaves every other module out of that bundle.
// The test is written out in each entry: held in a constant, it was not folded in the bundle
// (every module stayed in), so the one-command bundles would hold everything again.
// The full bundle, tsc's output and the tests do not define it: every module is here.
import type { CommandModule, JsonDocument } from './context.js';
import { CliError } from '../core/errors.js';

declare const __LLM_PICK_ONLY__: string;


type Loader = () => Promise<CommandModule<never, JsonDocument>>;

/** A module left out of this one-command bundle: the dispatcher never sends its command line here. */
export function absent(name: string): () => Promise<never> {
  return () => Promise.reject(new CliError(`internal: ${name} is not in this one-command bundle (dist/bin/llm-pick.${__LLM_PICK_ONLY__}.cjs)`, 1));
}

export const COMMAND_MODULES: Record<string, Loader> = {
  fit: typeof __LLM_PICK_ONLY__ !== 'string' || __LLM_PICK_ONLY__ === 'fit' ? () => import('./commands/fit.js') as never : absent('fit'),
  recommend:
    typeof __LLM_PICK_ONLY__ !== 'string' || __LLM_PICK_ONLY__ === 'recommend' ? () => import('./commands/recommend.js') as never : absent('recommend'),
  hardware: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/hardware.js') as never : absent('hardware'),
  models: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/models.js') as never : absent('models'),
  quants: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/quants.js') as never : absent('quants'),
  engines: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/engines.js') as never : absent('engines'),
  cost: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/cost.js') as never : absent('cost'),
  installed: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/installed.js') as never : absent('installed'),
  calibrate: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/calibrate.js') as never : absent('calibrate'),
};
