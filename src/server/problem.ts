import { z } from 'zod';
import type { MessageKey } from './i18n/messages.js';

/** Stable problem codes; each has a catalogue title `problem.<code>`. */
export const problemCodes = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'csrf',
  'rate_limited',
  'login_failed',
  'password_change_required',
  'wrong_password',
  'password_reused',
  'enterprise_exists',
  'username_taken',
  'unsupported_media_type',
  'payload_too_large',
  'bad_request',
  'enterprise_not_approved',
  'invalid_state',
  'no_rule_set',
  'device_auth_failed',
  'device_clock_skew',
  'device_revoked',
  'enrollment_refused',
  'internal',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export const problemTypeUri = (code: ProblemCode) => `urn:kakou:problem:${code}`;

export interface FieldError {
  path: string;
  message: string;
}

/** Throw from a service or route; the error plugin turns it into application/problem+json. */
export class Problem extends Error {
  override name = 'Problem';
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? code);
  }
  get titleKey(): MessageKey {
    return `problem.${this.code}`;
  }
}

/** 429 with the seconds until a slot frees, sent as Retry-After. */
export class RateLimited extends Problem {
  constructor(readonly retryAfterSec: number) {
    super(429, 'rate_limited');
  }
}

export const notFound = () => new Problem(404, 'not_found');
export const forbidden = () => new Problem(403, 'forbidden');

/** The response body, documented in OpenAPI for every error status. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(problemCodes),
    detail: z.string().optional(),
    instance: z.string().optional(),
    messages: z.object({ zh: z.string(), en: z.string() }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type ProblemBody = z.infer<typeof problemSchema>;
