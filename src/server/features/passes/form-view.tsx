/** The pass application form (new, edit, amend). */
import { CsrfField, FormErrors, Layout, Notice } from '../../views/layout.js';
import { Field, SelectField, TextAreaField, type Option } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import type { FormState } from '../../views/form-state.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import type { Pass } from './schema.js';
import { CARGO } from './view-parts.js';

// ---------------------------------------------------------------------------
// Application form

export interface Choices {
  vehicles: Array<{ id: number; plate: string }>;
  people: Array<{ id: number; name: string; role: 'driver' | 'escort'; idMasked: string }>;
}

export const ESCORT_FIELDS = ['escort1', 'escort2', 'escort3'] as const;

export interface FormPageProps {
  /** The draft being edited; none for a new application. */
  pass?: Pass | undefined;
  replaces?: Pass | undefined;
  form: FormState;
  choices: Choices;
  maxDays: number;
  notApproved?: boolean;
  notice?: PageNotice | undefined;
}

export function PassFormPage(props: FormPageProps) {
  const { t } = useView();
  const { form, pass, choices } = props;
  const v = form.values;
  const fe = form.fieldErrors;
  const action = pass ? `/enterprise/passes/${pass.id}/edit` : '/enterprise/passes';
  const back = pass ? `/enterprise/passes/${pass.id}` : '/enterprise/passes';
  const person = (p: Choices['people'][number]): Option => [String(p.id), `${p.name}(${p.idMasked.slice(-4)})`];
  const drivers = choices.people.filter((p) => p.role === 'driver');
  const escorts = choices.people.filter((p) => p.role === 'escort');
  const labels: Record<string, string> = {
    vehicleId: t('pass.vehicle'),
    driverId: t('pass.driver'),
    escort1: t('pass.escort_n', { n: 1 }),
    escort2: t('pass.escort_n', { n: 2 }),
    escort3: t('pass.escort_n', { n: 3 }),
    validFrom: t('pass.valid_from'),
    validTo: t('pass.valid_to'),
    originRegion: t('pass.origin'),
    destination: t('pass.destination'),
    cargoCategory: t('pass.cargo'),
    routeNote: t('pass.route_note'),
  };
  return (
    <Layout title={pass ? t('pass.edit_title') : t('pass.new_title')}>
      <p class="back">
        <a href={back}>← {pass ? pass.passNo : t('pass.back_to_list')}</a>
      </p>
      <Notices notice={props.notice} />
      {props.notApproved && (
        <Notice kind="warn">
          <p>{t('pass.not_approved')}</p>
        </Notice>
      )}
      {props.replaces && (
        <Notice kind="info">
          <p>{t('pass.replacement_draft', { passNo: props.replaces.passNo })}</p>
        </Notice>
      )}
      {choices.vehicles.length === 0 && (
        <Notice kind="warn">
          <p>{t('pass.no_vehicles')}</p>
        </Notice>
      )}
      {drivers.length === 0 && (
        <Notice kind="warn">
          <p>{t('pass.no_drivers')}</p>
        </Notice>
      )}
      <FormErrors errors={form.errors?.map((e) => ({ ...e, path: labels[e.path] ?? e.path }))} />
      <form method="post" action={action} class="card form pass-form">
        <CsrfField />
        <h3 class="form-group">{t('pass.vehicle')}</h3>
        <SelectField
          name="vehicleId"
          label={t('pass.plate')}
          value={v.vehicleId}
          error={fe.vehicleId}
          required
          placeholder={t('pass.choose')}
          options={choices.vehicles.map((x): Option => [String(x.id), x.plate])}
        />
        <h3 class="form-group">{t('pass.people')}</h3>
        <SelectField name="driverId" label={t('pass.driver')} value={v.driverId} error={fe.driverId} required placeholder={t('pass.choose')} options={drivers.map(person)} />
        <div class="field-row">
          {ESCORT_FIELDS.map((name, i) => (
            <SelectField
              name={name}
              label={t('pass.escort_n', { n: i + 1 })}
              value={v[name]}
              error={fe[name]}
              placeholder={t('pass.no_escort')}
              groups={[
                { label: t('pass.role.escort'), options: escorts.map(person) },
                { label: t('pass.role.driver'), options: drivers.map(person) },
              ]}
            />
          ))}
        </div>
        <h3 class="form-group">{t('pass.validity')}</h3>
        <p class="field-hint">{t('pass.validity_hint', { days: props.maxDays })}</p>
        <div class="field-row">
          <Field name="validFrom" type="date" label={t('pass.valid_from')} value={v.validFrom} error={fe.validFrom} required />
          <Field name="validTo" type="date" label={t('pass.valid_to')} value={v.validTo} error={fe.validTo} required />
        </div>
        <h3 class="form-group">{t('pass.trip')}</h3>
        <Field
          name="originRegion"
          label={t('pass.origin')}
          hint={t('pass.origin_hint')}
          value={v.originRegion}
          error={fe.originRegion}
          required
          inputmode="numeric"
          pattern="[0-9]{6}"
          maxlength={6}
          minlength={6}
          autocomplete="off"
        />
        <Field
          name="destination"
          label={t('pass.destination')}
          hint={t('pass.destination_hint')}
          value={v.destination}
          error={fe.destination}
          required
          minlength={2}
          maxlength={200}
        />
        <SelectField
          name="cargoCategory"
          label={t('pass.cargo')}
          value={v.cargoCategory}
          error={fe.cargoCategory}
          required
          placeholder={t('pass.choose')}
          options={CARGO.map((c): Option => [c, t(`pass.cargo.${c}`)])}
        />
        <TextAreaField name="routeNote" label={t('pass.route_note')} hint={t('pass.route_note_hint')} value={v.routeNote} error={fe.routeNote} maxlength={500} />
        <p class="muted small">{t('pass.draft_hint')}</p>
        <div class="buttons">
          <button type="submit" class="primary">
            {t('pass.save_draft')}
          </button>
          <a href={back} class="button secondary">
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
