// The engines a serving plan is made for: a constant on its own, so that the option table
// (src/options/table.ts, loaded at every start) does not load the serving model with it.
export const SERVING_ENGINES = ['llama.cpp', 'vllm', 'sglang', 'ollama'] as const;
export type ServingEngine = (typeof SERVING_ENGINES)[number];
