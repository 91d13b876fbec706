/**
 * Runs in Chromium: the same scan as in Node (bench/verify-decide-scan.ts,
 * the scanner's trust-view functions and the rules engine), bundled by vite
 * as the scanner app is, against WebCrypto Ed25519 verify of the same token.
 */
import { measureScans, type ScanData } from '../../verify-decide-scan.js';

(window as unknown as { kakouBench: unknown }).kakouBench = {
  verifyDecide: (data: ScanData, runs: number) => measureScans(data, runs),
};
