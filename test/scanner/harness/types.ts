/** What the harness page exposes to the tests and the benchmark (kept apart so Node code imports no page code). */

export interface ReportedCode {
  text: string;
  // ScanSource, spelled out so Node code (tests, bench) compiles no scanner code; main.tsx checks the two agree.
  source: 'camera' | 'wedge' | 'paste';
  at: number;
}

export interface BenchRun {
  /** Round trip page → worker → page per frame (ms). */
  decodeMs: number[];
  /** Time inside the worker per frame (ms). */
  workerMs: number[];
  /** getImageData of the same frame from a willReadFrequently canvas (ms): what the camera loop pays per frame anyway. */
  grabMs: number[];
  /** Distinct texts decoded over all runs (null: nothing found). */
  texts: Array<string | null>;
}

export interface Bench {
  run(lumaBase64: string, width: number, height: number, runs: number): Promise<BenchRun>;
}

declare global {
  interface Window {
    __codes: ReportedCode[];
    __bench: Bench;
  }
}
