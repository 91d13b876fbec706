import { t } from '../i18n/index.js';

/** "35 分钟" / "5 小时" / "3 天": bundle ages and waiting times, rounded down. */
export function formatAge(sec: number): string {
  if (sec < 3600) return t('age.minutes', { n: Math.max(0, Math.floor(sec / 60)) });
  if (sec < 2 * 86_400) return t('age.hours', { n: Math.floor(sec / 3600) });
  return t('age.days', { n: Math.floor(sec / 86_400) });
}

/** Local wall time, as staff read it. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
