// The decision engine's public surface: what the CLI commands and the wizard call.
// Pure: no terminal, disk, environment or processes (the estimator is injected).
export { recommend, checkInput, DecisionInputError } from './recommend.js';
export { costReport, type CostInput, type CostDeps } from './cost-report.js';
export { realEstimator } from './estimator.js';
export type { EstimatorPort, PlacementPlan, Placement, RunnableModel } from './port.js';
export type { RecommendInput, RecommendDeps, RecommendUseCase, Priority } from './types.js';
export { DEFAULT_INPUT_SHARE, RECOMMEND_USE_CASES, PRIORITIES } from './types.js';
export { DEFAULT_CONTEXT, DEFAULT_LONG_CONTEXT, DEFAULT_TOP } from './context.js';
export type { RecommendResult, CostResult, LocalPick, ApiPick, RuleHit } from './output-schema.js';
export { DEPLOYMENT_RULES } from './rules.js';
