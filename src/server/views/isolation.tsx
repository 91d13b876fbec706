/** The isolation record's form parts (features/isolation), shared by the escort loop and the custody tasks: same fields, same labels. */
import { CsrfField } from './layout.js';
import { Field } from './fields.js';
import { useView } from './context.js';
import type { FormState } from './form-state.js';

/** Place, start, planned end and responsible person: the fields of isolationArrangementShape. */
export function IsolationFields({ values, form }: { values: Record<string, string | undefined>; form?: FormState | undefined }) {
  const { t } = useView();
  return (
    <>
      <Field name="place" label={t('escort.place')} value={values.place} error={form?.fieldErrors.place} required maxlength={200} />
      <Field name="startDate" label={t('escort.start_date')} type="date" value={values.startDate} error={form?.fieldErrors.startDate} required />
      <Field name="plannedEnd" label={t('escort.planned_end')} type="date" value={values.plannedEnd} error={form?.fieldErrors.plannedEnd} required />
      <Field name="responsible" label={t('escort.responsible')} value={values.responsible} error={form?.fieldErrors.responsible} required maxlength={40} />
    </>
  );
}

/** The one-line form recording the day an isolation ended. */
export function IsolationEndForm({ action, inputId, value }: { action: string; inputId: string; value: string }) {
  const { t } = useView();
  return (
    <form method="post" action={action} class="inline">
      <CsrfField />
      <label class="visually-hidden" for={inputId}>{t('escort.ended_on')}</label>
      <input id={inputId} type="date" name="endedOn" value={value} required />
      <button type="submit" class="secondary">{t('escort.isolation_end_submit')}</button>
    </form>
  );
}
