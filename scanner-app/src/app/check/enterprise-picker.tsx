/** Picking the receiving enterprise of a vehicle with no pass, from the bundle's directory. */
import { useMemo, useState } from 'preact/hooks';
import type { EnterpriseInfo } from '../../../../src/core/trust/bundle.js';
import { t, useLocale } from '../i18n/index.js';
import { searchDirectory } from './directory.js';
import { EnterpriseLine } from './pass-card.js';
import './check.css';

export interface EnterprisePickerProps {
  directory: ReadonlyMap<string, EnterpriseInfo>;
  /** Credit code picked, or null. */
  value: string | null;
  onChange: (uscc: string | null) => void;
}

export function EnterprisePicker({ directory, value, onChange }: EnterprisePickerProps) {
  useLocale();
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchDirectory(directory, query), [directory, query]);
  const picked = value ? directory.get(value) : undefined;
  return (
    <section class="receiver" data-testid="receiver">
      <h3>{t('check.receiver.title')}</h3>
      <p class="muted">{t('check.receiver.hint')}</p>
      {picked ? (
        <div class="row">
          <EnterpriseLine enterprise={picked} testid="receiver-picked" />
          <button type="button" data-testid="receiver-change" onClick={() => onChange(null)}>{t('check.receiver.change')}</button>
        </div>
      ) : (
        <>
          <input
            type="search"
            data-testid="receiver-search"
            aria-label={t('check.receiver.search')}
            placeholder={t('check.receiver.search')}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          {query.trim() !== '' && results.length === 0 && <p data-testid="receiver-none">{t('check.receiver.none_found')}</p>}
          <ul class="choices">
            {results.map((e) => (
              <li key={e.uscc}>
                <button type="button" class="choice" data-testid={`receiver-option-${e.uscc}`} onClick={() => onChange(e.uscc)}>
                  <span class="enterprise-name">{e.name}</span>
                  <span class="muted mono">{e.uscc}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
