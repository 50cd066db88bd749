// The modules behind the program's own actions (src/cli/index.ts): the wizard, catalog validate,
// schema, completion, mcp, config. Left out of the one-command bundles (src/cli/modules.ts says how).
import { absent } from './modules.js';

declare const __LLM_PICK_ONLY__: string;

export const PROGRAM_MODULES = {
  wizard: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/wizard.js') : absent('the wizard'),
  catalogValidate: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/catalog-validate.js') : absent('catalog validate'),
  schema: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/schema.js') : absent('schema'),
  completion: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./completion.js') : absent('completion'),
  catalog: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('../catalog/load.js') : absent('the catalog loader'),
  mcp: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./mcp.js') : absent('mcp'),
  config: typeof __LLM_PICK_ONLY__ !== 'string' ? () => import('./commands/config.js') : absent('config'),
};
