/** Pieces the pass list, form and detail views share: validity, status badge, region name, reason form. */
import { CsrfField } from '../../views/layout.js';
import { TextAreaField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge, type BadgeTone } from '../../views/badge.js';
import { chinaDate, chinaDateTime, atChinaMidnight, lastDay, validityEnd } from '../../views/time.js';
import { blankForm, type FormState } from '../../views/form-state.js';
import { lookupRegion } from '../../../core/validate/index.js';
import { cargoCategorySchema, passListFilterSchema, type DisplayStatus, type Pass } from './schema.js';

// ---------------------------------------------------------------------------
// Time

export function When({ value }: { value: string | null }) {
  if (!value) return <span class="muted">—</span>;
  return <time dateTime={value}>{chinaDateTime(value)}</time>;
}

/** Whole China-time days (the usual case) read as dates only, e.g. in a list. */
export function ValidityDays({ pass }: { pass: Pick<Pass, 'validFrom' | 'validTo'> }) {
  const from = new Date(pass.validFrom);
  const to = new Date(pass.validTo);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return <Validity pass={pass} />;
  if (!atChinaMidnight(pass.validFrom) || !atChinaMidnight(pass.validTo)) return <Validity pass={pass} />;
  return (
    <span class="validity">
      <time dateTime={pass.validFrom}>{chinaDate(pass.validFrom)}</time>
      {' – '}
      <time dateTime={pass.validTo}>{lastDay(pass.validTo)}</time>
    </span>
  );
}

export function Validity({ pass }: { pass: Pick<Pass, 'validFrom' | 'validTo'> }) {
  return (
    <span class="validity">
      <time dateTime={pass.validFrom}>{chinaDateTime(pass.validFrom)}</time>
      {' – '}
      <time dateTime={pass.validTo}>{validityEnd(pass.validTo)}</time>
    </span>
  );
}

// ---------------------------------------------------------------------------
// Small pieces

export const CARGO = cargoCategorySchema.options;
export const STATUSES = passListFilterSchema.options;

/** The portal's shared badge colours; a draft stays neutral. */
const BADGE_TONE: Record<DisplayStatus, BadgeTone | undefined> = {
  draft: undefined,
  submitted: 'pending',
  issued: 'ok',
  rejected: 'off',
  revoked: 'off',
  expired: 'off',
};

export function PassStatusBadge({ status }: { status: DisplayStatus }) {
  const { t } = useView();
  return (
    <Badge class={`badge-pass-${status}`} tone={BADGE_TONE[status]}>
      {t(`pass.status.${status}`)}
    </Badge>
  );
}

export function RegionName({ code }: { code: string }) {
  const region = lookupRegion(code);
  return (
    <>
      <span class="mono">{code}</span>
      {region && <span class="muted"> {[...region.parents.map((p) => p.name), region.name].join(' ')}</span>}
    </>
  );
}

/** A reason and one button: reject, revoke, ask for cancellation. */
export function ReasonForm(props: { action: string; id: string; title: string; hint?: string; button: string; kind: 'primary' | 'danger' | 'secondary'; form?: FormState | undefined }) {
  const { t } = useView();
  const form = props.form ?? blankForm();
  return (
    <form method="post" action={props.action} class="form reason-form" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {props.hint && <p class="muted small">{props.hint}</p>}
      <CsrfField />
      <TextAreaField name="reason" label={t('pass.reason')} value={form.values.reason} error={form.fieldErrors.reason} required maxlength={500} />
      <div class="buttons">
        <button type="submit" class={props.kind}>
          {props.button}
        </button>
      </div>
    </form>
  );
}

export const driverOf = (p: Pass) => p.people.find((x) => x.role === 'driver');
