/**
 * The dependency rule. Layers point inward:
 *   domain <- application <- adapters-* <- bootstrap <- http, worker <- app
 * The domain may use only decimal.js and date-fns(-tz) (its QA kit adds fast-check); adapters never import
 * one another; every npm import must be declared in the importing package's
 * own package.json.
 */
// Workspace packages are reached through their node_modules/@tradesense link
// (symlinks are preserved so npm dependency types stay meaningful).
const pkg = (name) => `(^packages/|(^|/)node_modules/@tradesense/)(${name})/`;
// The bounded contexts of the application package, one folder each under src/.
const app = '^packages/application/src/';
const contexts = `(${[
  'identity',
  'commerce',
  'challenges',
  'funding',
  'community',
  'trading',
  'signals',
  'operations',
  'risk',
  'trading-accounts',
  'economic-calendar',
].join('|')})`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make layers meaningless and initialisation order fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain may import only decimal.js, date-fns and date-fns-tz (and itself).',
      from: { path: pkg('domain'), pathNot: ['\\.test\\.ts$', `${pkg('domain')}src/testing/`] },
      to: {
        pathNot: [pkg('domain'), '(^|/)node_modules/(decimal\\.js|date-fns|date-fns-tz)/'],
      },
    },
    {
      name: 'domain-qa-kit-adds-only-fast-check',
      severity: 'error',
      comment:
        'The QA kit (@tradesense/domain/testing) hands QA engineers fast-check arbitraries over the domain, so it ' +
        'alone may import fast-check, an optional peer dependency that only the kit needs; otherwise it is held to ' +
        'the domain\'s purity (no I/O, no other library).',
      from: { path: `${pkg('domain')}src/testing/`, pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: [pkg('domain'), '(^|/)node_modules/(decimal\\.js|date-fns|date-fns-tz|fast-check)/'],
      },
    },
    {
      name: 'domain-does-not-use-its-qa-kit',
      severity: 'error',
      comment: 'Through the QA kit the domain would reach fast-check: only tests may use the kit.',
      from: { path: pkg('domain'), pathNot: ['\\.test\\.ts$', `${pkg('domain')}src/testing/`] },
      to: { path: `${pkg('domain')}src/testing/` },
    },
    {
      name: 'domain-tests-stay-local',
      severity: 'error',
      comment: 'Domain tests may add fast-check and vitest, nothing else.',
      from: { path: `${pkg('domain')}.*\\.test\\.ts$` },
      to: {
        pathNot: [pkg('domain'), '(^|/)node_modules/(decimal\\.js|date-fns|date-fns-tz|fast-check|vitest|@vitest)/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'application-knows-only-domain',
      severity: 'error',
      from: { path: pkg('application') },
      to: { path: pkg('[^/]+'), pathNot: [pkg('application'), pkg('domain')] },
    },
    {
      name: 'application-uses-no-adapter-library',
      severity: 'error',
      comment: 'Use cases speak to the world only through ports; libraries belong to adapters.',
      from: { path: pkg('application'), pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: [pkg('domain'), '(^|/)node_modules/(decimal\\.js|date-fns|date-fns-tz)/'],
      },
    },
    {
      name: 'contexts-meet-through-published-ports',
      severity: 'error',
      comment:
        'A context may use another context only through what that context publishes: its ports/ and its events. ' +
        'shared-kernel/, ports/, shared/ and errors/ serve every context; the wiring files at the package root ' +
        '(index.ts, use-cases.ts, use-case-dependencies.ts) are outside every context and may ' +
        'import anything. Tests are held to the rule too: fixtures several contexts need belong in src/testing/.',
      from: { path: `${app}${contexts}/` },
      to: {
        path: `${app}${contexts}/`,
        pathNot: [`${app}$1/`, `${app}${contexts}/(ports/|events/|events\\.ts$)`],
      },
    },
    {
      name: 'shared-kernel-knows-no-context',
      severity: 'error',
      comment:
        'Every context builds on the shared kernel, so the kernel itself may use the domain, ports/, errors/ and ' +
        'shared/, never a context: otherwise contexts would reach each other through it.',
      from: { path: `${app}shared-kernel/` },
      to: { path: `${app}${contexts}/` },
    },
    {
      name: 'adapters-point-inward',
      severity: 'error',
      comment: 'An adapter may use the application and the domain, never another adapter or an outer layer.',
      from: { path: '^packages/(adapters-[^/]+)/' },
      to: { path: pkg('[^/]+'), pathNot: [pkg('$1'), pkg('application'), pkg('domain')] },
    },
    {
      name: 'bootstrap-below-entry-points',
      severity: 'error',
      from: { path: pkg('bootstrap') },
      to: { path: pkg('http|worker|app') },
    },
    {
      name: 'http-and-worker-through-bootstrap',
      severity: 'error',
      comment: 'Entry points reach adapters only through the composition root, and not each other.',
      from: { path: '^packages/(http|worker)/' },
      to: { path: pkg('adapters-[^/]+|app|http|worker'), pathNot: pkg('$1') },
    },
    {
      name: 'declared-dependencies-only',
      severity: 'error',
      comment: 'Every npm import must be declared in the package.json of the importing package.',
      from: {},
      to: {
        dependencyTypes: ['npm-no-pkg', 'npm-unknown', 'unknown', 'undetermined'],
        // dependency-cruiser reads every package.json key containing "ependencies", so a package named in
        // peerDependenciesMeta (the domain's optional fast-check) is reported as npm-no-pkg too; one that a
        // real dependency section declares is declared.
        dependencyTypesNot: ['npm', 'npm-dev', 'npm-peer', 'npm-optional'],
      },
    },
    {
      name: 'no-dev-dependencies-in-production-code',
      severity: 'error',
      comment:
        'A package declared as a peer too is not dev-only: the domain QA kit needs fast-check as its (optional) peer ' +
        'dependency, and the domain\'s own tests need it installed as a devDependency.',
      from: { path: '^packages/[^/]+/src/', pathNot: ['\\.test\\.ts$', '/testing/'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['npm', 'npm-peer'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    exclude: { path: ['^packages/[^/]+/dist/', '^packages/[^/]+/\\.turbo/'] },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    preserveSymlinks: true,
    combinedDependencies: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@tradesense/source', 'import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
