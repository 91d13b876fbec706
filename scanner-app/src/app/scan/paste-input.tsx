/** Typing or pasting the QR text, for when neither camera nor scanner can read it. */
import { useId, useState } from 'preact/hooks';
import { t, useLocale } from '../i18n/index.js';

export interface PasteInputProps {
  onSubmit: (text: string) => void;
  disabled?: boolean;
}

export function PasteInput({ onSubmit, disabled = false }: PasteInputProps) {
  useLocale();
  const [value, setValue] = useState('');
  const [empty, setEmpty] = useState(false);
  const id = useId();

  const submit = (event: Event) => {
    event.preventDefault();
    const text = value.trim();
    if (!text) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    setValue('');
    onSubmit(text);
  };

  return (
    <form class="paste-input" onSubmit={submit}>
      <label for={id}>{t('scan.paste.label')}</label>
      <div class="paste-row">
        <input
          id={id}
          type="text"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          value={value}
          disabled={disabled}
          aria-invalid={empty}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={disabled}>
          {t('scan.paste.submit')}
        </button>
      </div>
      {empty && <p role="alert">{t('scan.paste.empty')}</p>}
    </form>
  );
}
