// The mutation-testing areas. Each area is one Stryker run with its own
// incremental file and report, so a run on a small machine ends (and records
// its results) area by area instead of losing hours of work to one cut-off run.
//
// The tap runner starts a process per test file and per mutant, about 1.5 s
// each here, and Stryker runs every test file that reaches a mutant. Signed
// passes and tokens are fixtures of most core tests, so with all core tests a
// pass or JWS mutant ran about 20 files: the first pass-jws run managed 3 to 6
// mutants a minute and could not end in a session. So each core area runs the
// tests of its own folders: its score says whether its own tests catch a
// change, not whether some other module's test trips over it. (rules ran with
// all core tests until 2026-12-02, so every change to any core test retested
// most of its mutants.) Browser-bundle tests check that a bundle builds, not
// what code decides.
const own = (...folders) => folders.map((f) => `test/core/${f}/**/!(browser-bundle).test.ts`);

export const areas = {
  rules: {
    mutate: ['src/core/rules/**/*.ts'],
    testFiles: own('rules'),
  },
  'pass-jws': {
    mutate: ['src/core/pass/**/*.ts', 'src/core/jws/**/*.ts'],
    testFiles: own('pass', 'jws'),
  },
  'events-audit-sync': {
    mutate: ['src/core/events/**/*.ts', 'src/core/audit/**/*.ts', 'src/core/sync/**/*.ts'],
    testFiles: [...own('events', 'audit'), 'test/core/sync.test.ts'],
  },
  'device-trust': {
    mutate: ['src/core/device/**/*.ts', 'src/core/trust/**/*.ts'],
    // The PIN, enrollment and checkpoint-data formats are tested where they are used, in the server's
    // device tests: without those, the first run found 385 of these mutants reached by no test.
    testFiles: [
      ...own('device', 'trust'),
      'test/server/devices/pin-and-formats.test.ts',
      'test/server/devices/checkpoint-data.test.ts',
      'test/server/devices/enrollment.test.ts',
    ],
    timeoutMS: 30000,
  },
  'validate-charter-charts': {
    // region-data.ts is generated data (the GB/T 2260 table), not logic.
    mutate: ['src/core/validate/**/*.ts', '!src/core/validate/region-data.ts', 'src/core/charter/**/*.ts', 'src/core/charts/**/*.ts'],
    testFiles: own('validate', 'charter', 'charts'),
  },
  // The server's modules run three areas, each with the server test files that reach it: a server
  // test file builds an app and a database (5 to 30 s here), and access.ts is reached by every one,
  // so one area with all of them would run for hours and, cut off, record nothing.
  'server-access': {
    mutate: ['src/server/plugins/access.ts', 'src/server/features/enterprises/scope.ts'],
    testFiles: [
      'test/server/plugins/access.test.ts',
      'test/server/enterprises/scope.test.ts',
      'test/server/route-policy.test.ts',
      'test/server/access-matrix.test.ts',
      'test/server/auth.test.ts',
      'test/server/passes/lifecycle.test.ts',
      'test/server/vehicles/vehicles.test.ts',
      'test/server/people/people.test.ts',
    ],
    timeoutMS: 30000,
  },
  'server-device-auth': {
    mutate: ['src/server/plugins/device-auth.ts'],
    testFiles: [
      'test/server/devices/signed-requests.test.ts',
      'test/server/devices/device-routes.test.ts',
      'test/server/route-policy.test.ts',
      'test/server/ingest/http.test.ts',
    ],
    timeoutMS: 30000,
  },
  'server-ingest': {
    mutate: ['src/server/features/ingest/service.ts'],
    testFiles: [
      'test/server/ingest/service.test.ts',
      'test/server/ingest/http.test.ts',
      'test/server/ingest/signature.test.ts',
      'test/server/ingest/property.test.ts',
      'test/server/ingest/repository-engines.test.ts',
    ],
    timeoutMS: 30000,
  },
};
