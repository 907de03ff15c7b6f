import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { featureCycles } from '../../scripts/layering.mjs';
import { tempDir } from '../helpers/temp';

const root = path.resolve(__dirname, '../..');

/** Runs the project's dependency-cruiser rules over a small tree of files (path -> source). */
function cruise(files: Record<string, string>): string[] {
  const dir = tempDir('tribune-layering-');
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx' } }));
  fs.copyFileSync(path.join(root, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  const run = spawnSync(path.join(root, 'node_modules/.bin/depcruise'), ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  const output = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string } }[] } };
  return output.summary.violations.map((v) => v.rule.name);
}

describe('layering inside the renderer', () => {
  it('refuses a store that imports a feature, a pure model that imports a store, a shared component that imports a feature', () => {
    expect(
      cruise({
        'src/renderer/stores/posts.ts': "import { sortSent } from '../features/posts/postModel';\nexport const x = sortSent;\n",
        'src/renderer/features/posts/postModel.ts': 'export const sortSent = 1;\n',
        'src/renderer/model/content.ts': "import { x } from '../stores/posts';\nexport const y = x;\n",
        'src/renderer/components/Column.tsx': "import { sortSent } from '../features/posts/postModel';\nexport const z = sortSent;\n",
      }).sort(),
    ).toEqual(['renderer-components-below-features', 'renderer-model-is-pure', 'renderer-stores-below-features']);
  }, 60_000); // depcruise runs as a process: slow on a loaded machine

  it('accepts features that import stores, models and components', () => {
    expect(
      cruise({
        'src/renderer/features/posts/PostsColumn.tsx': "import { x } from '../../stores/posts';\nimport { c } from '../../components/Column';\nimport { m } from '../../model/postModel';\nexport const all = [x, c, m];\n",
        'src/renderer/stores/posts.ts': "import { m } from '../model/postModel';\nexport const x = m;\n",
        'src/renderer/components/Column.tsx': 'export const c = 1;\n',
        'src/renderer/model/postModel.ts': 'export const m = 1;\n',
      }),
    ).toEqual([]);
  }, 60_000); // depcruise runs as a process: slow on a loaded machine
});

describe('feature folders', () => {
  const mod = (source: string, ...deps: string[]) => ({ source, dependencies: deps.map((resolved) => ({ resolved })) });

  it('may not import each other in a cycle, even when no single file does', () => {
    const cycles = featureCycles([
      mod('src/renderer/features/posts/TargetStatusList.tsx', 'src/renderer/features/publishing/MissedDialog.tsx'),
      mod('src/renderer/features/publishing/MissedDialog.tsx', 'src/renderer/features/posts/postModel.ts'),
      mod('src/renderer/features/posts/postModel.ts'),
    ]) as string[];
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toContain('features/posts imports features/publishing');
  });

  it('finds longer cycles and leaves one-way imports alone', () => {
    expect(
      featureCycles([
        mod('src/renderer/features/board/Board.tsx', 'src/renderer/features/drafts/DraftsColumn.tsx'),
        mod('src/renderer/features/drafts/DraftsColumn.tsx', 'src/renderer/features/composer/Composer.tsx'),
        mod('src/renderer/features/composer/Composer.tsx', 'src/renderer/features/board/Column.tsx'),
      ]),
    ).toHaveLength(1);
    expect(
      featureCycles([
        mod('src/renderer/features/board/Board.tsx', 'src/renderer/features/drafts/DraftsColumn.tsx', 'src/renderer/features/posts/PostsColumn.tsx'),
        mod('src/renderer/features/posts/PostsColumn.tsx', 'src/renderer/features/publishing/scheduleTime.ts', 'src/renderer/stores/posts.ts'),
      ]),
    ).toEqual([]);
  });
});
