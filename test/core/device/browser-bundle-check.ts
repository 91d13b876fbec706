// Shared by the browser-bundle tests of src/core/{trust,events,device} (no tests here; tap lists this file as skipped).
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface BrowserBundleReport {
  /** Node built-ins the module graph tried to import, with the importing file */
  builtins: string[];
  /** esbuild errors (an unresolvable import included) */
  errors: string[];
  bytes: number;
  /** the bundle, for further checks */
  code: string;
}

/**
 * Bundles `entry` for the browser the way a scanner page would. Node
 * built-ins are recorded (and kept external so one bad import does not hide
 * the rest); platform 'browser' also makes esbuild pick the browser builds
 * of dependencies such as jose.
 */
export async function bundleForBrowser(entry: URL): Promise<BrowserBundleReport> {
  const builtins: string[] = [];
  const flagBuiltins: Plugin = {
    name: 'flag-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || !isBuiltin(args.path)) return undefined;
        builtins.push(`${args.path} (from ${args.importer})`);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [flagBuiltins],
  }).catch((error: { errors?: { text: string }[] }) => ({ errors: error.errors ?? [{ text: String(error) }], outputFiles: [] as { text: string }[] }));
  const code = result.outputFiles?.[0]?.text ?? '';
  return { builtins, errors: result.errors.map((e) => e.text), bytes: new TextEncoder().encode(code).length, code };
}
