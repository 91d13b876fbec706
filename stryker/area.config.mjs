// One Stryker configuration for every area in areas.mjs; STRYKER_AREA picks
// the area (stryker/run.mjs sets it). Barrel `index.ts` files only re-export.
import { areas } from './areas.mjs';

const name = process.env.STRYKER_AREA;
const area = areas[name];
if (!area) {
  throw new Error(`STRYKER_AREA must be one of: ${Object.keys(areas).join(', ')} (got ${JSON.stringify(name)})`);
}

export default {
  packageManager: 'npm',
  plugins: ['@stryker-mutator/tap-runner', './stryker/ignore-docs.mjs'],
  ignorers: ['documentation'],
  testRunner: 'tap',
  tap: {
    testFiles: area.testFiles,
    nodeArgs: ['--import=tsx', '-r', '{{hookFile}}', '{{testFile}}'],
  },
  mutate: [...area.mutate, '!src/**/index.ts'],
  ignorePatterns: ['dist', 'data', 'coverage', 'reports', 'scanner-app/dist', '.tap', 'stryker/incremental'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `stryker/incremental/${name}.json`,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 2,
  timeoutMS: area.timeoutMS ?? 10000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // Static mutants (values built once at module load: the message tables)
  // would need every test file in a fresh process each; see docs/testing.md.
  ignoreStatic: true,
};
