/** The pass as verified: valid or why not, plate in very large type, who, which enterprise, validity, origin. */
import type { EnterpriseInfo } from '../../../../src/core/trust/bundle.js';
import { pick, t, useLocale } from '../i18n/index.js';
import { formatChinaTime, telHref } from './pass-card-model.js';
import type { PassCardModel } from './pass-card-model.js';
import { RegionName } from './region-picker.js';
import './check.css';

export function EnterpriseLine({ enterprise, testid }: { enterprise: EnterpriseInfo; testid: string }) {
  return (
    <div class="enterprise" data-testid={testid}>
      <div class="enterprise-name">{enterprise.name}</div>
      <a class="tel" href={telHref(enterprise.dutyPhone)} data-testid={`${testid}-call`}>
        ☎ {t('check.pass.call', { phone: enterprise.dutyPhone })}
      </a>
    </div>
  );
}

export function PassCard({ model }: { model: PassCardModel }) {
  const l = useLocale();
  const d = model.details;
  return (
    <section class={`pass-card ${model.valid ? 'pass-card--valid' : 'pass-card--invalid'}`} data-testid="pass-card" aria-labelledby="pass-card-status">
      <h2 id="pass-card-status" class="pass-card-status" data-testid="pass-status">
        {model.valid ? `✔ ${t('check.pass.valid')}` : `✖ ${t('check.pass.invalid')}`}
      </h2>
      {model.problem && (
        <p class="pass-card-problem" data-testid="pass-problem">
          {pick(model.problem, l)}
        </p>
      )}
      {!d && <p>{t('check.pass.unreadable')}</p>}
      {d && (
        <>
          <div class="plate-big" data-testid="pass-plate" lang="zh-CN">{d.plate}</div>
          <p class="muted">{t('check.pass.no', { passNo: d.passNo })}</p>
          <ul class="pass-people" aria-label={t('check.pass.people')}>
            {d.people.map((p) => (
              <li key={p.passIndex} data-testid={`pass-person-${p.passIndex}`}>
                <span class="pass-person-name">{p.name}</span>
                <span class="pass-person-id4">…{p.id4}</span>
                <span class="role">{t(p.role === 'driver' ? 'check.role.driver' : 'check.role.escort')}</span>
              </li>
            ))}
          </ul>
          <dl class="pass-facts">
            <dt>{t('check.pass.enterprise')}</dt>
            <dd>
              {d.enterprise ? (
                <EnterpriseLine enterprise={d.enterprise} testid="pass-enterprise" />
              ) : (
                <span data-testid="pass-enterprise-unknown">{t('check.pass.enterprise_unknown', { uscc: d.enterpriseUscc })}</span>
              )}
            </dd>
            <dt>{t('check.pass.validity')}</dt>
            <dd data-testid="pass-validity">
              {t('check.pass.valid_range', { from: formatChinaTime(d.validFrom * 1000), until: formatChinaTime(d.validUntil * 1000) })}
            </dd>
            <dt>{t('check.pass.origin')}</dt>
            <dd data-testid="pass-origin"><RegionName code={d.origin} /></dd>
          </dl>
        </>
      )}
    </section>
  );
}
