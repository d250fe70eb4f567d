// Import rules of the house (ARCHITECTURE.md, "Rules of the house" 1 and 2), checked by
// `npx depcruise src --config .dependency-cruiser.cjs` in `npm test`.
// Reading process.env outside src/config.ts is checked by scripts/test.ts: imports cannot show it.

const AREAS = ['shops', 'members', 'catalogue', 'places', 'orders', 'rounds', 'requests', 'settlement', 'notifications', 'reports'];

// The only arrows between areas. `reports` reads any area, so it has no entry.
const ALLOWED_ARROWS = {
  shops: [],
  members: [],
  places: [],
  notifications: [],
  catalogue: ['shops'],
  orders: ['catalogue', 'members', 'places', 'notifications'],
  rounds: ['orders', 'places', 'shops'],
  // A mail of the inbox can become a service request.
  requests: ['members', 'shops', 'orders', 'notifications'],
  // The accounting export names the members its money facts are about.
  settlement: ['orders', 'shops', 'members'],
};

// Areas past ~30 files split into sub-areas (ARCHITECTURE.md, "Layout"): a sub-area imports
// its area's root and no sibling, except these directions, each there for a reason.
const SUB_AREAS = {
  shops: {
    // The CRM (stages, contacts, interactions, tasks, campaigns) and the import of the town's list.
    crm: [],
    import: [],
  },
  orders: {
    // The resident's site: basket, checkout, « Mes commandes »; checkout starts online payment.
    site: ['money'],
    // The concierge's desk takes orders for a member through the site's basket and checkout.
    desk: ['site'],
    // The counter takes payments and hands over, which are money facts.
    counter: ['money'],
    money: [],
    portal: [],
    // A delivery at the door is a hand-over paid as at the counter.
    delivery: ['counter', 'money'],
    // A service (a repair, an accepted quote) is sold as an order of one line from its provider.
    services: [],
  },
  requests: {
    // Each kind of request is its own sub-area; they share the root's requests, history and mails.
    repairs: [],
    quotes: [],
    appointments: [],
  },
  rounds: {
    // Delivery runs share the route solver and the round's rules of the root.
    runs: [],
  },
  settlement: {
    // Closing a period reads the rates and the payee in force.
    statements: ['terms'],
    // A statement's invoices are matched against it, at the shop's rate.
    invoices: ['statements', 'terms'],
    // A payout pays settled statements to the shop's bank details.
    payouts: ['statements', 'terms'],
    terms: [],
    // The accounting export and the town's figures read the ledger at the root.
    exports: [],
  },
};

const anyArea = `^src/(${AREAS.join('|')})/`;

function subAreaRules(area, subAreas) {
  const names = Object.keys(subAreas);
  const siblings = Object.entries(subAreas)
    .map(([sub, allowed]) => ({ sub, forbidden: names.filter((other) => other !== sub && !allowed.includes(other)) }))
    .filter(({ forbidden }) => forbidden.length > 0)
    .map(({ sub, forbidden }) => ({
      name: `sub-area-arrows-${area}-${sub}`,
      severity: 'error',
      comment: `${area}/${sub} imports ${area}'s root and ${subAreas[sub].length ? `only these siblings: ${subAreas[sub].join(', ')}` : 'no sibling'} (ARCHITECTURE.md, "Layout").`,
      from: { path: `^src/${area}/${sub}/` },
      to: { path: `^src/${area}/(${forbidden.join('|')})/` },
    }));
  return [
    ...siblings,
    {
      name: `sub-area-core-${area}`,
      severity: 'error',
      comment: `${area}'s root is the shared core: only its index.ts and its routes plugin reach into the sub-areas.`,
      from: { path: `^src/${area}/[^/]+$`, pathNot: `^src/${area}/(index\\.ts|${area}\\.routes\\.ts)$` },
      to: { path: `^src/${area}/[^/]+/` },
    },
    {
      name: `sub-area-known-${area}`,
      severity: 'error',
      comment: `Every sub-folder of ${area} is a sub-area written down in .dependency-cruiser.cjs.`,
      from: { path: `^src/${area}/(?!(${names.join('|')})/)[^/]+/` },
      to: {},
    },
  ];
}

function arrowRule(area, allowed) {
  const forbidden = AREAS.filter((other) => other !== area && !allowed.includes(other));
  return {
    name: `area-arrows-${area}`,
    severity: 'error',
    comment: allowed.length
      ? `${area} may import only these areas: ${allowed.join(', ')} (ARCHITECTURE.md, rule 1). A needed arrow that breaks this order means the concept belongs elsewhere.`
      : `${area} imports no other area (ARCHITECTURE.md, rule 1).`,
    from: { path: `^src/${area}/` },
    to: { path: `^src/(${forbidden.join('|')})/` },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'area-through-index',
      severity: 'error',
      comment: 'Another area is reached only through its index.ts (ARCHITECTURE.md, rule 1).',
      from: { path: '^src/([^/]+)/' },
      to: { path: `${anyArea}(?!index\\.ts$)`, pathNot: '^src/$1/' },
    },
    {
      name: 'top-level-through-index',
      severity: 'error',
      comment: 'main.ts, config.ts and the like reach an area only through its index.ts.',
      from: { path: '^src/[^/]+$', pathNot: '^src/app\\.ts$' },
      to: { path: `${anyArea}(?!index\\.ts$)` },
    },
    {
      name: 'app-through-index-or-routes',
      severity: 'error',
      comment: 'src/app.ts registers route plugins and may read indexes; nothing else of an area.',
      from: { path: '^src/app\\.ts$' },
      to: { path: `${anyArea}(?!index\\.ts$|[^/]+\\.routes\\.tsx?$)` },
    },
    ...Object.entries(ALLOWED_ARROWS).map(([area, allowed]) => arrowRule(area, allowed)),
    ...Object.entries(SUB_AREAS).flatMap(([area, subAreas]) => subAreaRules(area, subAreas)),
    {
      name: 'foundations-import-no-area',
      severity: 'error',
      comment: 'platform, ui and db hold no business rules: they import no area.',
      from: { path: '^src/(platform|ui|db)/' },
      to: { path: anyArea },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules form no cycle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-app',
      severity: 'error',
      comment: 'Application code never imports tests or test helpers.',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: ['^test/', '\\.test\\.tsx?$'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|data|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
