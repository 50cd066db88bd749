// vLLM's rule for a tensor-parallel size (pure): which numbers of GPUs can split this model's heads.
// "Total number of attention heads must be divisible by tensor parallel size"
// (vllm/config.py verify_with_parallel_config @ c0c2335c), and KV heads are split or replicated:
// kvHeads % T == 0 when T < kvHeads, else T % kvHeads == 0 (QKVParallelLinear in
// vllm/model_executor/layers/linear.py, `divide()` asserts). When no TP size is valid vLLM's docs
// suggest pipeline parallelism alone (T = 1, P = GPUs).

/** vLLM accepts tensor-parallel size `t` for this shape (attention heads and KV heads divide evenly). */
export function validTensorParallel(t: number, attentionHeads: number, kvHeads: number): boolean {
  if (!Number.isInteger(t) || t < 1) return false;
  if (attentionHeads % t !== 0) return false;
  return t >= kvHeads ? t % kvHeads === 0 : kvHeads % t === 0;
}
