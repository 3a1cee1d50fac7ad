// The layer rule for src/ (README, "Architecture"): imports run one way,
//   base ← contract ← domain ← {hardware, main, cloud, renderer} ← hosts
// and demo (demo data, the fake WeChat) between them: it uses hardware and cloud, never main; only hosts use it.
// Each layer lists what it may import; an import into any other src/ folder fails `npm run deps`.
// Tests are out of scope (they may import anything). test/unit/layers.test.ts proves each rule fires.

/** Path patterns of the layers, relative to the cruise's base directory. */
const layer = {
  base: '^src/base/(?!node/)',
  baseNode: '^src/base/node/',
  contract: '^src/contract/',
  domain: '^src/domain/',
  hardware: '^src/hardware/',
  main: '^src/main/',
  cloud: '^src/cloud/',
  renderer: '^src/renderer/',
  demo: '^src/demo/',
  hosts: '^src/hosts/',
};

/** What each layer may import besides itself and npm packages. hosts may import anything. */
const mayImport = {
  base: ['base'],
  baseNode: ['base', 'baseNode'],
  contract: ['base', 'contract'],
  domain: ['base', 'contract', 'domain'],
  hardware: ['base', 'baseNode', 'contract', 'domain', 'hardware'],
  main: ['base', 'baseNode', 'contract', 'domain', 'hardware', 'main'],
  cloud: ['base', 'baseNode', 'contract', 'domain', 'cloud'],
  // the browser bundle: no Node, so no base/node either
  renderer: ['base', 'contract', 'domain', 'renderer'],
  // demo data and the WeChat sandbox run the embedded hub (cloud) and simulated devices (hardware)
  demo: ['base', 'baseNode', 'contract', 'domain', 'hardware', 'cloud', 'demo'],
};

/** Layers that run in the browser or on both sides: no Node built-ins. */
const nodeFree = ['base', 'contract', 'domain', 'renderer'];

const directionRules = Object.entries(mayImport).map(([from, allowed]) => ({
  name: `${from}-imports-only-${allowed.filter((name) => name !== from).join('-') || 'itself'}`,
  comment: `${layer[from]} may import only ${allowed.map((name) => layer[name]).join(', ')} inside src/`,
  severity: 'error',
  from: { path: layer[from] },
  to: { path: '^src/', pathNot: allowed.map((name) => layer[name]) },
}));

const nodeBuiltinRules = nodeFree.map((name) => ({
  name: `no-node-builtins-in-${name}`,
  comment: `${layer[name]} runs in the browser too: no Node built-in modules`,
  severity: 'error',
  from: { path: layer[name] },
  to: { dependencyTypes: ['core'] },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...directionRules,
    ...nodeBuiltinRules,
    {
      name: 'no-circular',
      comment: 'a cycle means two modules are one; split out what both need',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-unresolvable',
      comment: 'an import the checker cannot resolve is an import it cannot check',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports count too: a renderer importing a main type still couples the two
    tsPreCompilationDeps: true,
    tsConfig: { fileName: `${__dirname}/tsconfig.node.json` },
    // `./x.js` specifiers resolve to `./x.ts` (dependency-cruiser retries TypeScript extensions)
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
