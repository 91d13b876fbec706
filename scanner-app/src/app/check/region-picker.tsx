/**
 * Province → city → county, offline, from the core's region table. The table
 * is loaded on first use (`import('./regions.js')`), so it stays out of the
 * main bundle; the service worker precaches the chunk like the rest.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, useLocale } from '../i18n/index.js';

type Regions = typeof import('./regions.js');
let loading: Promise<Regions> | null = null;
/** One load per page, shared by every picker and the pass card. */
export function loadRegions(): Promise<Regions> {
  loading ??= import('./regions.js');
  return loading;
}

/** The loaded module once available (re-renders when it arrives). */
export function useRegions(): Regions | null {
  const [mod, setMod] = useState<Regions | null>(null);
  useEffect(() => {
    let live = true;
    void loadRegions().then((m) => live && setMod(m));
    return () => {
      live = false;
    };
  }, []);
  return mod;
}

export interface RegionPickerProps {
  /** The most specific code chosen so far ('' = none): a stay may be known only to the province or city. */
  value: string;
  onChange: (code: string) => void;
  testid?: string;
}

export function RegionPicker({ value, onChange, testid = 'region' }: RegionPickerProps) {
  useLocale();
  const regions = useRegions();
  if (!regions) return <p data-testid={`${testid}-loading`}>{t('check.region.loading')}</p>;
  const province = value ? `${value.slice(0, 2)}0000` : '';
  const city = value && !value.endsWith('0000') ? `${value.slice(0, 4)}00` : '';
  const county = value && !value.endsWith('00') ? value : '';
  const cities = province ? regions.citiesOf(province) : [];
  const counties = city ? regions.countiesOf(city) : [];
  return (
    <div class="region-picker" data-testid={testid}>
      <label>
        <span>{t('check.region.province')}</span>
        <select data-testid={`${testid}-province`} value={province} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">{t('check.region.choose')}</option>
          {regions.provinces().map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
        </select>
      </label>
      {cities.length > 0 && (
        <label>
          <span>{t('check.region.city')}</span>
          <select data-testid={`${testid}-city`} value={city} onChange={(e) => onChange(e.currentTarget.value || province)}>
            <option value="">{t('check.region.all')}</option>
            {cities.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
          </select>
        </label>
      )}
      {counties.length > 0 && (
        <label>
          <span>{t('check.region.county')}</span>
          <select data-testid={`${testid}-county`} value={county} onChange={(e) => onChange(e.currentTarget.value || city)}>
            <option value="">{t('check.region.all')}</option>
            {counties.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
          </select>
        </label>
      )}
    </div>
  );
}

/** "湖北省 武汉市" once the table is loaded; the bare code until then or when the table lacks it. */
export function RegionName({ code }: { code: string }) {
  const regions = useRegions();
  const path = regions?.regionPath(code);
  return <span>{path ? `${path}（${code}）` : code}</span>;
}
