// Shell completion: `llm-pick completion bash|zsh|fish` prints a script that asks
// `llm-pick __complete WORDS...` for candidates at each TAB, so the values (model
// ids and tags, GPUs, quantizations, use cases, engines) come from the installed
// catalog and the option table and stay current. The candidate logic is pure.
import type { Catalog } from '../catalog/schema.js';
import { COMMANDS, GLOBAL_OPTIONS, optionsOf } from '../options/table.js';
import type { OptionSpec } from '../options/types.js';

/** Commands that are not in the option table (they take no flags of their own). */
export const OTHER_COMMANDS = ['mcp', 'schema', 'catalog', 'completion', 'config', 'help'];
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
/** Printed instead of candidates when the word is a file path: the shell completes files. */
export const FILES = '__files__';

function valuesOf(o: OptionSpec, catalog: Catalog): string[] {
  if (o.type === 'choice') return o.choices.map((c) => c.value);
  if (o.type !== 'string') return [];
  const local = () => catalog.models.filter((m) => m.type !== 'api');
  switch (o.complete) {
    case 'file':
      return [FILES];
    case 'gpu':
      return catalog.gpus.map((g) => g.id);
    case 'quant':
      return catalog.quants.flatMap((q) => [q.id, ...q.aliases]);
    case 'local-model':
      return local().flatMap((m) => [m.id, ...('ollama' in m ? m.ollama.map((t) => t.tag) : [])]);
    case 'api-model':
      return catalog.models.filter((m) => m.type === 'api').map((m) => m.id);
    case 'model':
      return catalog.models.map((m) => m.id);
    case 'provider':
      return [...new Set(catalog.models.flatMap((m) => ('provider' in m ? [m.provider as string] : [])))];
    default:
      return [];
  }
}

/**
 * Candidates for the last word of `words` (the words after `llm-pick`, the last one
 * being typed, possibly empty). The shell filters them by what was typed.
 */
export function candidates(words: readonly string[], catalog: Catalog): string[] {
  const current = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const command = before.find((w) => !w.startsWith('-'));
  const specs = [...(command && COMMANDS.some((c) => c.name === command) ? optionsOf(command) : []), ...GLOBAL_OPTIONS];
  const previous = before[before.length - 1];
  const taking = specs.find((o) => o.flag === previous && o.type !== 'boolean');
  if (taking) return valuesOf(taking, catalog);
  if (current.startsWith('-')) return specs.map((o) => o.flag).concat('--help');
  if (!command) return [...COMMANDS.map((c) => c.name), ...OTHER_COMMANDS];
  if (command === 'completion' && before.length === 1) return [...SHELLS];
  if (command === 'schema' && before.length === 1) return [...COMMANDS.map((c) => c.name), ...COMMANDS.map((c) => `${c.name}-options`)];
  if (command === 'catalog' && before.length === 1) return ['validate'];
  if (command === 'config' && before.length === 1) return ['show', 'path', 'set'];
  if (command === 'help' && before.length === 1) return COMMANDS.map((c) => c.name);
  if (command === 'catalog') return [FILES];
  return [];
}

export function completionScript(shell: (typeof SHELLS)[number]): string {
  switch (shell) {
    case 'bash':
      return `# llm-pick completion for bash: eval "$(llm-pick completion bash)" (e.g. in ~/.bashrc)
_llm_pick() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" IFS=$'\\n' out
  out=$(llm-pick __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
  if [[ "$out" == "${FILES}" ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$out" -- "$cur"))
  fi
}
complete -F _llm_pick llm-pick
`;
    case 'zsh':
      return `#compdef llm-pick
# llm-pick completion for zsh: eval "$(llm-pick completion zsh)" (e.g. in ~/.zshrc, after compinit)
_llm_pick() {
  local -a out
  out=("\${(@f)$(llm-pick __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ "\${out[1]}" == "${FILES}" ]]; then
    _files
  else
    compadd -- "\${out[@]}"
  fi
}
compdef _llm_pick llm-pick
`;
    case 'fish':
      return `# llm-pick completion for fish: llm-pick completion fish > ~/.config/fish/completions/llm-pick.fish
function __llm_pick_complete
    set -l words (commandline -opc)[2..-1] (commandline -ct)
    set -l out (llm-pick __complete $words 2>/dev/null)
    if test "$out" = "${FILES}"
        __fish_complete_path (commandline -ct)
    else
        printf '%s\\n' $out
    end
end
complete -c llm-pick -f -a '(__llm_pick_complete)'
`;
  }
}
