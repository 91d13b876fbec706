import { CsrfField, Field, FormErrors, Layout, Notice } from '../../views/layout.js';
import { SelectField, TextAreaField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge } from '../../views/badge.js';
import { DateTime } from '../../views/time.js';
import { labelErrors, type FormState } from '../../views/form-state.js';
import { ArchivedBadge, RegistryListPage, type RegistryListProps } from '../vehicles/views.js';
import { PERSON_ROLES, type Person, type Revealed } from './schema.js';

function roleOptions(t: ReturnType<typeof useView>['t']): Array<[string, string]> {
  return PERSON_ROLES.map((r): [string, string] => [r, t(`person.role.${r}`)]);
}

/** Declared places with names, and when; "not declared" when there is no declaration at all. */
export function Stays({ person }: { person: Person }) {
  const { t } = useView();
  if (!person.staysDeclaredAt) return <Badge tone="pending">{t('person.not_declared')}</Badge>;
  return (
    <>
      {person.stays.length === 0 ? (
        <span class="muted">{t('person.stays_none')}</span>
      ) : (
        <ul class="stays">
          {person.stays.map((s) => (
            <li>
              <span class="mono">{s.code}</span> {s.name}
            </li>
          ))}
        </ul>
      )}
      <p class="muted small">
        {t('person.stays_declared_at')}: <DateTime value={person.staysDeclaredAt} />
      </p>
    </>
  );
}

export function PersonListPage(props: RegistryListProps<Person>) {
  const { t } = useView();
  const bureau = props.mode === 'bureau';
  const f = props.filters;
  return (
    <RegistryListPage
      {...props}
      segment="people"
      title={bureau ? t('person.bureau_list_title') : t('person.list_title')}
      filterFields={
        <>
          <Field name="q" type="search" label={t('person.name')} placeholder={t('person.search_placeholder')} value={f.q} maxlength={30} />
          <SelectField name="role" label={t('person.role')} value={f.role ?? ''} options={[['', t('registry.all_types')], ...roleOptions(t)]} />
        </>
      }
      addLabel={t('person.add')}
      nameColumn={{ label: t('person.name'), cell: (p) => (bureau ? <a href={`/bureau/people/${p.id}`}>{p.name}</a> : p.name) }}
      columns={[
        { label: t('person.role'), cell: (p) => t(`person.role.${p.role}`) },
        { label: t('person.id_number'), class: 'mono', cell: (p) => p.idMasked },
        { label: t('person.phone'), class: 'mono', cell: (p) => p.phoneMasked },
        { label: t('person.stays'), cell: (p) => <Stays person={p} /> },
      ]}
      actionLabels={{ edit: t('person.edit'), restore: t('person.restore'), archive: t('person.archive') }}
    />
  );
}

/**
 * Register or edit one of the viewer's enterprise's people. Once saved, the ID
 * number and phone are never shown in full again: the edit form leaves them
 * blank (blank keeps the stored value) and shows the masked form as a hint.
 */
export function PersonFormPage(props: { person?: Person; form: FormState }) {
  const { t } = useView();
  const { form, person } = props;
  const v = form.values;
  const fe = form.fieldErrors;
  const fieldError = (name: string) => fe[name] ?? Object.entries(fe).find(([k]) => k.startsWith(`${name}.`))?.[1];
  const labels: Record<string, string> = {
    name: t('person.name'),
    role: t('person.role'),
    idNumber: t('person.id_number'),
    phone: t('person.phone'),
    stays: t('person.stays'),
    declare: t('person.stays'),
    staysDeclaredAt: t('person.stays_declared_at'),
  };
  const errors = labelErrors(
    form.errors?.map((e) => ({ ...e, path: e.path.split('.')[0] ?? e.path })),
    labels,
  );
  return (
    <Layout title={person ? t('person.edit_title') : t('person.new_title')}>
      <p class="back">
        <a href="/enterprise/people">← {t('person.list_title')}</a>
      </p>
      <FormErrors errors={errors} />
      <form method="post" action={person ? `/enterprise/people/${person.id}` : '/enterprise/people'} class="card form" autocomplete="off">
        <CsrfField />
        <p class="muted">{t('person.sensitive_hint')}</p>
        <Field name="name" label={t('person.name')} value={v.name} error={fieldError('name')} required maxlength={50} autocomplete="off" />
        <SelectField name="role" label={t('person.role')} value={v.role} options={roleOptions(t)} error={fieldError('role')} required />
        <Field
          name="idNumber"
          label={t('person.id_number')}
          hint={person ? t('person.keep_hint', { value: person.idMasked }) : undefined}
          value={v.idNumber}
          error={fieldError('idNumber')}
          required={!person}
          maxlength={22}
          autocomplete="off"
          autocapitalize="characters"
        />
        <Field
          name="phone"
          type="tel"
          label={t('person.phone')}
          hint={person ? t('person.keep_hint', { value: person.phoneMasked }) : undefined}
          value={v.phone}
          error={fieldError('phone')}
          required={!person}
          maxlength={20}
          autocomplete="off"
        />
        <fieldset class="stays">
          <legend>{t('person.stays')}</legend>
          {person && (
            <div class="current">
              <Stays person={person} />
            </div>
          )}
          <TextAreaField name="stays" label={t('person.stays_hint')} value={v.stays} error={fieldError('stays')} maxlength={400} />
          <div class={fieldError('declare') ? 'field checkbox has-error' : 'field checkbox'}>
            <label>
              <input type="checkbox" name="declare" value="on" checked={v.declare === 'on'} /> {t('person.declare')}
            </label>
            {fieldError('declare') && <p class="field-error">{fieldError('declare')}</p>}
          </div>
        </fieldset>
        <div class="buttons">
          <button type="submit" class="primary">
            {person ? t('common.save') : t('common.create')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** Bureau view of one person; full values only on the page that answers the audited reveal POST. */
export function PersonDetailPage({ person, revealed }: { person: Person; revealed?: Revealed | undefined }) {
  const { t } = useView();
  return (
    <Layout title={t('person.detail_title')}>
      <p class="back">
        <a href={`/bureau/people?enterpriseId=${person.enterpriseId}`}>← {t('person.bureau_list_title')}</a>
      </p>
      {revealed && (
        <Notice kind="warn">
          <p>{t('person.reveal_warning')}</p>
        </Notice>
      )}
      <dl class="card details">
        <dt>{t('person.name')}</dt>
        <dd>{person.name}</dd>
        <dt>{t('person.enterprise')}</dt>
        <dd>
          <a href={`/bureau/enterprises/${person.enterpriseId}`}>{person.enterpriseName}</a>
        </dd>
        <dt>{t('person.role')}</dt>
        <dd>{t(`person.role.${person.role}`)}</dd>
        <dt>{t('person.id_number')}</dt>
        <dd class="mono">{revealed ? revealed.idNumber : person.idMasked}</dd>
        <dt>{t('person.phone')}</dt>
        <dd class="mono">{revealed ? revealed.phone : person.phoneMasked}</dd>
        <dt>{t('person.stays')}</dt>
        <dd>
          <Stays person={person} />
        </dd>
        <dt>{t('registry.status')}</dt>
        <dd>
          <ArchivedBadge archived={person.archived} />
        </dd>
      </dl>
      {!revealed && (
        <form method="post" action={`/bureau/people/${person.id}/reveal`} class="card form">
          <CsrfField />
          <Field name="reason" label={t('person.reveal_reason')} maxlength={500} autocomplete="off" />
          <div class="buttons">
            <button type="submit" class="secondary">
              {t('person.reveal')}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}
