import type { FastifyRequest } from 'fastify';
import { notFound, Problem } from '../problem.js';
import { parsePageId } from '../ids.js';

/** The :id of a page URL; anything but canonical decimal (src/server/ids.ts) is a page that does not exist. */
export function pageId(params: unknown, name = 'id'): number {
  const id = parsePageId((params as Record<string, unknown> | undefined)?.[name]);
  if (id === undefined) throw notFound();
  return id;
}

/** The :id of a registry page (vehicles, people, checkpoints): the same rule as `pageId`. */
export function idParam(request: FastifyRequest): number {
  return pageId(request.params);
}

/** A GET form sends empty fields for "any"; they mean absent, not invalid. */
export function withoutEmpty(query: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (query && typeof query === 'object') for (const [k, v] of Object.entries(query)) if (v !== '' && v !== undefined) out[k] = v;
  return out;
}

/** Service refusals that mean "not yours" or "not there" go to the error page; the rest belong on the form. */
export const belongsOnForm = (err: unknown): err is Problem => err instanceof Problem && err.status !== 403 && err.status !== 404;
