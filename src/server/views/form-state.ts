import { renderFieldErrors, type FieldError, type Problem } from '../problem.js';
import { t as translate } from '../i18n/messages.js';
import type { Locale } from '../i18n/locale.js';
import { formValues } from './forms.js';

/** A form as the viewer last saw it: what they typed and what was wrong with it. */
export interface FormState {
  values: Record<string, string>;
  errors?: FieldError[] | undefined;
  fieldErrors: Record<string, string>;
}

export const blankForm = (values: Record<string, string> = {}): FormState => ({ values, fieldErrors: {} });

/** A form parseForm refused: its messages, and everything the user typed except passwords. */
export function refusedForm(result: { errors: FieldError[]; fieldErrors: Record<string, string> }, body: unknown): FormState {
  return { values: formValues(body), errors: result.errors, fieldErrors: result.fieldErrors };
}

/**
 * A form a service refused with a Problem: its field messages (translated when they are
 * catalogue keys) or else its title, put next to `field` when the caller knows which one it is about.
 */
export function problemForm(err: Problem, locale: Locale, body: unknown, field?: string): FormState {
  const errors: FieldError[] = err.errors?.length
    ? renderFieldErrors(err, locale)!
    : [{ path: field ?? '', message: translate(locale, err.titleKey) }];
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) if (e.path) fieldErrors[e.path] ??= e.message;
  return { values: formValues(body), errors, fieldErrors };
}

/** Replaces field paths by their visible labels in the error summary. */
export function labelErrors(errors: FieldError[] | undefined, labels: Record<string, string>): FieldError[] | undefined {
  return errors?.map((e) => ({ ...e, path: labels[e.path] ?? e.path }));
}
