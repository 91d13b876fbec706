// The mutation-testing areas. Each area is one Stryker run with its own
// incremental file and report, so a run on a small machine ends (and records
// its results) area by area instead of losing hours of work to one cut-off run.
// An area without testFiles runs the core tests (area.config.mjs), except the
// browser-bundle tests, which check that a bundle builds, not what code decides.
export const CORE_TESTS = ['test/core/**/!(browser-bundle|browser-budget).test.ts'];

export const areas = {
  rules: {
    mutate: ['src/core/rules/**/*.ts'],
  },
  'pass-jws': {
    mutate: ['src/core/pass/**/*.ts', 'src/core/jws/**/*.ts'],
  },
  'events-audit-sync': {
    mutate: ['src/core/events/**/*.ts', 'src/core/audit/**/*.ts', 'src/core/sync/**/*.ts'],
  },
  'device-trust': {
    mutate: ['src/core/device/**/*.ts', 'src/core/trust/**/*.ts'],
  },
  'validate-charter-charts': {
    // region-data.ts is generated data (the GB/T 2260 table), not logic.
    mutate: ['src/core/validate/**/*.ts', '!src/core/validate/region-data.ts', 'src/core/charter/**/*.ts', 'src/core/charts/**/*.ts'],
  },
  server: {
    mutate: [
      'src/server/plugins/access.ts',
      'src/server/plugins/device-auth.ts',
      'src/server/features/enterprises/scope.ts',
      'src/server/features/ingest/service.ts',
    ],
    testFiles: [
      'test/server/enterprises/scope.test.ts',
      'test/server/access-matrix.test.ts',
      'test/server/route-policy.test.ts',
      'test/server/auth.test.ts',
      'test/server/devices/*.test.ts',
      'test/server/ingest/*.test.ts',
      'test/server/passes/lifecycle.test.ts',
      'test/server/vehicles/vehicles.test.ts',
      'test/server/people/people.test.ts',
      'test/server/checks/evaluate.test.ts',
    ],
    // A server test file builds an app and a database: slower than a core one.
    timeoutMS: 30000,
  },
};
