import type { ComponentChildren } from 'preact';

/** What a FieldShell hands its control: the id the label points at and the ARIA state. */
export interface ControlProps {
  id: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

/**
 * The frame every form field shares: the label, an optional hint above the
 * control, the error below it, and the ids that tie them together. The control
 * itself comes from `children`, given the id and ARIA attributes to put on it.
 */
export function FieldShell(props: {
  name: string;
  label: string;
  /** A short help text under the label, read out with the control. */
  hint?: string | undefined;
  error?: string | undefined;
  children: (control: ControlProps) => ComponentChildren;
}) {
  const id = `f-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.children({ id, 'aria-invalid': props.error ? 'true' : undefined, 'aria-describedby': describedBy || undefined })}
      {props.error && (
        <p class="field-error" id={`${id}-err`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A labelled input; keeps the submitted value so a refused form loses nothing. */
export function Field(props: {
  name: string;
  label: string;
  value?: string | undefined;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  placeholder?: string;
  error?: string | undefined;
  inputmode?: string;
  /** A short help text under the label, read out with the input. */
  hint?: string;
  maxlength?: number;
  minlength?: number;
  pattern?: string;
  autocapitalize?: 'none' | 'off' | 'on' | 'sentences' | 'words' | 'characters';
}) {
  return (
    <FieldShell name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {({ id, ...aria }) => (
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.value ?? ''}
          required={props.required}
          autocomplete={props.autocomplete}
          placeholder={props.placeholder}
          inputMode={props.inputmode as never}
          maxLength={props.maxlength}
          minLength={props.minlength}
          pattern={props.pattern}
          autocapitalize={props.autocapitalize}
          {...aria}
        />
      )}
    </FieldShell>
  );
}

export type Option = [value: string, label: string];

/** A labelled select: plain options, then optgroups (empty groups left out), after an optional empty first choice. */
export function SelectField(props: {
  name: string;
  label: string;
  value?: string | undefined;
  options?: Option[];
  groups?: Array<{ label: string; options: Option[] }>;
  /** The first, empty choice. */
  placeholder?: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}) {
  const value = props.value ?? '';
  const opt = ([v, label]: Option) => (
    <option value={v} selected={v === value}>
      {label}
    </option>
  );
  return (
    <FieldShell name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {({ id, ...aria }) => (
        <select id={id} name={props.name} required={props.required} {...aria}>
          {props.placeholder !== undefined && opt(['', props.placeholder])}
          {props.options?.map(opt)}
          {props.groups
            ?.filter((g) => g.options.length)
            .map((g) => (
              <optgroup label={g.label}>{g.options.map(opt)}</optgroup>
            ))}
        </select>
      )}
    </FieldShell>
  );
}

/** A labelled textarea, two rows unless told otherwise. */
/** A file to upload; its form needs `enctype="multipart/form-data"` and a route that parses it. */
export function FileField(props: { name: string; label: string; accept: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <FieldShell name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {({ id, ...aria }) => <input id={id} type="file" name={props.name} accept={props.accept} {...aria} />}
    </FieldShell>
  );
}

export function TextAreaField(props: {
  name: string;
  label: string;
  value?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  maxlength?: number;
  rows?: number;
}) {
  return (
    <FieldShell name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {({ id, ...aria }) => (
        <textarea id={id} name={props.name} rows={props.rows ?? 2} required={props.required} maxLength={props.maxlength} {...aria}>
          {props.value ?? ''}
        </textarea>
      )}
    </FieldShell>
  );
}

/**
 * A required labelled input with an id of its own: for forms repeated on every
 * table row, or a second field of one name on a page (the shared Field uses
 * the name as id, which would then repeat).
 */
export function FieldWithId(props: {
  id: string;
  name: string;
  label: string;
  value?: string | undefined;
  hint?: string | undefined;
  type?: string;
  placeholder?: string;
  minlength?: number;
  maxlength?: number;
  pattern?: string;
  inputmode?: string;
  autocomplete?: string;
  error?: string | undefined;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required
        placeholder={props.placeholder}
        minLength={props.minlength}
        maxLength={props.maxlength}
        pattern={props.pattern}
        inputMode={props.inputmode as never}
        autocomplete={props.autocomplete ?? 'off'}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error && (
        <p class="field-error" id={`${props.id}-err`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
