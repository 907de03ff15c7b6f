// `npm run layering`: dependency-cruiser's rules (.dependency-cruiser.cjs), then one check its rules
// cannot express: the renderer's feature folders never import each other in a cycle (posts ->
// publishing -> posts), even when no single file does. Exits non-zero on any violation.
import { spawnSync } from 'node:child_process';

/**
 * Import cycles between renderer feature folders, each folder taken as one node: a -> b when a
 * file of a imports a file of b. Returns one sentence per cycle (empty: none). Exported for its test.
 */
export function featureCycles(modules) {
  const featureOf = (path) => /^src\/renderer\/features\/([^/]+)\//.exec(path ?? '')?.[1] ?? null;
  const edges = new Map();
  for (const module of modules) {
    const from = featureOf(module.source);
    if (!from) continue;
    for (const dep of module.dependencies) {
      const to = featureOf(dep.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${module.source} → ${dep.resolved}`);
    }
  }
  const reaches = (start, goal, seen = new Set()) => {
    for (const next of edges.get(start)?.keys() ?? []) {
      if (next === goal) return [next];
      if (seen.has(next)) continue;
      seen.add(next);
      const path = reaches(next, goal, seen);
      if (path) return [next, ...path];
    }
    return null;
  };
  const cycles = [];
  const reported = new Set();
  for (const [from, targets] of edges) {
    for (const [to, example] of targets) {
      const back = reaches(to, from);
      if (!back) continue;
      const key = [...new Set([from, to, ...back])].sort().join('|');
      if (reported.has(key)) continue;
      reported.add(key);
      cycles.push(`features/${from} imports features/${to} (${example}), and features/${to} leads back through ${back.join(' → ')}`);
    }
  }
  return cycles;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const run = spawnSync('depcruise', ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, shell: process.platform === 'win32' });
  if (run.error || !run.stdout) {
    console.error(run.error?.message ?? run.stderr);
    process.exit(2);
  }
  const output = JSON.parse(run.stdout);

  let failed = false;
  for (const v of output.summary.violations) {
    failed = true;
    const cycle = v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : '';
    console.error(`✖ ${v.rule.name}: ${v.from} → ${v.to}${cycle}`);
  }

  for (const cycle of featureCycles(output.modules)) {
    failed = true;
    console.error(`✖ features-without-cycles: ${cycle}`);
  }
  if (failed) process.exit(1);
  console.log(`✔ layering: no violation (${output.summary.totalCruised} modules, no cycle between renderer feature folders)`);
}
