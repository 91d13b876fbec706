import type { FastifyRequest } from 'fastify';
import { notFound, Problem } from '../problem.js';

/** The :id of a page URL; anything but a plain positive number is a page that does not exist. */
export function pageId(params: unknown): number {
  const raw = (params as { id?: unknown } | undefined)?.id;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

/**
 * The :id of a registry page (vehicles, people, checkpoints). Looser than
 * `pageId` (any spelling Number() reads as a positive integer); kept as it was
 * so this refactor changes no answer — one rule for both is a follow-up.
 */
export function idParam(request: FastifyRequest): number {
  const id = Number((request.params as { id?: string }).id);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

/** A GET form sends empty fields for "any"; they mean absent, not invalid. */
export function withoutEmpty(query: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (query && typeof query === 'object') for (const [k, v] of Object.entries(query)) if (v !== '' && v !== undefined) out[k] = v;
  return out;
}

/** Service refusals that mean "not yours" or "not there" go to the error page; the rest belong on the form. */
export const belongsOnForm = (err: unknown): err is Problem => err instanceof Problem && err.status !== 403 && err.status !== 404;
