// Each command's module, imported only when it runs: the commander program and
// the MCP server (src/cli/mcp.ts) run the same modules.
import type { CommandModule, JsonDocument } from './context.js';

type Loader = () => Promise<CommandModule<never, JsonDocument>>;

export const COMMAND_MODULES: Record<string, Loader> = {
  fit: () => import('./commands/fit.js') as never,
  recommend: () => import('./commands/recommend.js') as never,
  hardware: () => import('./commands/hardware.js') as never,
  models: () => import('./commands/models.js') as never,
  quants: () => import('./commands/quants.js') as never,
  engines: () => import('./commands/engines.js') as never,
  cost: () => import('./commands/cost.js') as never,
  installed: () => import('./commands/installed.js') as never,
  calibrate: () => import('./commands/calibrate.js') as never,
};
