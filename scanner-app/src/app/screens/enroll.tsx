import { useState } from 'preact/hooks';
import { t, useLocale } from '../i18n/index.js';
import { enroll, readEnrollmentInput } from '../session/enroll.js';
import { SyncError } from '../sync/http.js';
import type { Db } from '../storage/db.js';
import type { DeviceRecord } from '../storage/schema.js';
import type { ComponentType } from 'preact';

export interface EnrollProps {
  db: Db;
  onEnrolled: (device: DeviceRecord) => void;
  /** the scan panel (camera, wedge, paste), to read the KKENROLL: QR */
  Scanner: ComponentType<{ onCode: (text: string) => void; active: boolean }>;
}

export function EnrollScreen({ db, onEnrolled, Scanner }: EnrollProps) {
  useLocale();
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);

  const submit = async (text: string) => {
    setError(null);
    const read = readEnrollmentInput(text, location.origin);
    if (!read.ok) {
      setError(read.error === 'other_server' ? t('enroll.other_server', { baseUrl: read.baseUrl ?? '' }) : t('enroll.code_format'));
      return;
    }
    if (!globalThis.isSecureContext || !crypto.subtle) {
      setError(t('enroll.secure'));
      return;
    }
    setBusy(true);
    try {
      const device = await enroll(db, { code: read.code, baseUrl: location.origin, ...(label.trim() ? { label: label.trim() } : {}) });
      onEnrolled(device);
    } catch (e) {
      if (e instanceof SyncError && e.kind === 'network') setError(t('enroll.network'));
      else if (e instanceof SyncError && (e.code === 'enrollment_refused' || e.status === 403)) setError(t('enroll.refused'));
      else setError(t('enroll.failed', { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="screen enroll" data-testid="enroll-screen">
      <h1>{t('enroll.title')}</h1>
      <p>{t('enroll.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(code);
        }}
      >
        <label>
          {t('enroll.code')}
          <input
            data-testid="enroll-code"
            value={code}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            onInput={(e) => setCode(e.currentTarget.value)}
            required
          />
        </label>
        <label>
          {t('enroll.label')}
          <input data-testid="enroll-label" value={label} maxLength={60} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <button class="primary wide" type="submit" data-testid="enroll-submit" disabled={busy}>
          {busy ? t('enroll.working') : t('enroll.submit')}
        </button>
      </form>
      {error ? (
        <p class="error" role="alert" data-testid="enroll-error">
          {error}
        </p>
      ) : null}
      <button type="button" class="wide" data-testid="enroll-scan" onClick={() => setScanning(!scanning)}>
        {t('enroll.scan')}
      </button>
      {scanning ? <Scanner active={!busy} onCode={(text) => void submit(text)} /> : null}
    </main>
  );
}
