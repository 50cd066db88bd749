// `npm run bench`: every benchmark in turn — memory accuracy, speed accuracy, startup (and its first-run split).
// Each prints its own table; figures in the README come from this output.
const benches: [string, string][] = [
  ['memory accuracy', './memory.ts'],
  ['speed accuracy', './speed.ts'],
  ['quality estimates', './quality.ts'],
  ['startup', './startup.ts'],
  ['startup: first run against later runs', './warm.ts'],
  ['installed-models scan', './installed.ts'],
];

for (const [label, path] of benches) {
  const url = new URL(path, import.meta.url);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url.href)) as Record<string, unknown>;
  } catch (error) {
    console.log(`## ${label}: not available (${(error as Error).message.split('\n')[0]})\n`);
    continue;
  }
  const fn = Object.entries(mod).find(([name, v]) => name.startsWith('run') && typeof v === 'function')?.[1] as
    | (() => string | Promise<string>)
    | undefined;
  console.log(`## ${label}\n`);
  if (fn) console.log(`${await fn()}\n`);
}
