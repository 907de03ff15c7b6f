/**
 * Layering rules (see ARCHITECTURE.md). Checked by `npm test` through scripts/layering.mjs, which
 * adds the one rule dependency-cruiser cannot say: no import cycle between renderer feature folders.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-standalone',
      comment: 'src/shared runs anywhere: it imports neither main nor renderer code.',
      severity: 'error',
      from: { path: '^src/shared' },
      to: { path: '^src/(main|renderer)' },
    },
    {
      name: 'core-without-electron',
      comment: 'The core, the security policy and the web host are plain Node: no Electron.',
      severity: 'error',
      from: { path: '^src/main/(core|security|web)' },
      to: { path: '^electron$|node_modules/electron/', dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core', 'unknown', 'undetermined', 'local'] },
    },
    {
      name: 'only-desktop-touches-electron',
      comment: 'Only src/main/desktop may import electron.',
      severity: 'error',
      from: { pathNot: '^src/main/desktop' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'core-does-not-know-its-hosts',
      comment: 'The core never imports a host (desktop shell or web host).',
      severity: 'error',
      from: { path: '^src/main/(core|security)' },
      to: { path: '^src/main/(desktop|web)' },
    },
    {
      name: 'renderer-never-imports-main',
      comment: 'The renderer talks to the core only through the contract.',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { path: '^src/main' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer is sandboxed: no Node built-ins.',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-stores-below-features',
      comment: 'Stores hold state for the features; they never import a feature (features import stores).',
      severity: 'error',
      from: { path: '^src/renderer/stores' },
      to: { path: '^src/renderer/features' },
    },
    {
      name: 'renderer-model-is-pure',
      comment: 'src/renderer/model: pure functions over the shared types, below stores, components and features.',
      severity: 'error',
      from: { path: '^src/renderer/model' },
      to: { path: '^src/renderer/(features|stores|components)|^react' },
    },
    {
      name: 'renderer-components-below-features',
      comment: 'Shared components (a column, a dialog, an avatar) know no feature.',
      severity: 'error',
      from: { path: '^src/renderer/components' },
      to: { path: '^src/renderer/features' },
    },
    {
      name: 'connectors-below-publishing',
      comment: 'The connector contract stands alone: connectors/ never imports publishing/ (publishing uses connectors).',
      severity: 'error',
      from: { path: '^src/main/core/connectors/' },
      to: { path: '^src/main/core/publishing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.(json|css|svg|png)$' },
  },
};
