// Use cases under the words people and the guide use for them: "Classification /
// Extraction", "long context", "coding". Data, read by the option table's --use-case
// choice (src/options/table.ts); its parser forgives case, spaces and separators.
import { RECOMMEND_USE_CASES, type RecommendUseCase } from './types.js';

/** Other names of each use case (the canonical name is always accepted). */
export const USE_CASE_ALIASES: Readonly<Record<RecommendUseCase, readonly string[]>> = {
  chat: ['assistant', 'chat / assistant', 'chatbot', 'general', 'general chat', 'conversation', 'writing', 'general purpose', 'general-purpose'],
  code: ['coding', 'programming', 'code generation', 'code completion', 'coding assistant', 'coding agent', 'code review', 'software engineering'],
  rag: ['retrieval', 'retrieval-augmented generation', 'retrieval augmented generation', 'document qa', 'document q&a', 'question answering', 'qa over documents'],
  extraction: [
    'classification',
    'classify',
    'classification / extraction',
    'classification/extraction',
    'extraction / classification',
    'extraction/classification',
    'structured output',
    'structured extraction',
    'information extraction',
    'tagging',
    'labeling',
    'labelling',
  ],
  summarization: ['summarisation', 'summary', 'summaries', 'summarize', 'summarise'],
  embedding: ['embeddings', 'embed', 'vectors', 'semantic search', 'search', 'similarity'],
  'long-context': ['long context', 'long documents', 'long document', 'long-document', 'long docs', 'long-context analysis', 'long input'],
};

/** "extraction (classification, ...)" lines for help texts. */
export function useCaseHelp(): string {
  return RECOMMEND_USE_CASES.map((u) => `${u}${USE_CASE_ALIASES[u].length > 0 ? ` (also: ${USE_CASE_ALIASES[u].slice(0, 4).join(', ')})` : ''}`).join('; ');
}
