import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { policy } from '../../plugins/access.js';
import { byUser } from '../../security/actor.js';
import { retentionDone, retentionForm } from './schema.js';
import { retentionSchedule } from './schedule.js';
import { RetentionPage } from './views.js';

/**
 * The retention page (/bureau/audit/retention) and the scheduled erasure: once
 * when the server is ready, then every RETENTION_EVERY_MS.
 */
const retentionFeature: FastifyPluginAsync = async (app) => {
  const retention = app.services.retention;
  const isAdmin = (actor: FastifyRequest['actor']): boolean => actor?.kind === 'user' && actor.user.role === 'bureau_admin';

  app.get('/bureau/audit/retention', { config: { access: policy.bureau } }, async (request, reply) => {
    const q = retentionDone.safeParse(request.query);
    return reply.page(
      <RetentionPage
        days={await retention.days()}
        cutoff={(await retention.cutoff(new Date())).at}
        last={await retention.lastRun()}
        canEdit={isAdmin(request.actor)}
        done={q.success ? { kind: q.data.done, n: q.data.n } : undefined}
      />,
    );
  });

  app.post('/bureau/audit/retention', { config: { access: policy.admin } }, async (request, reply) => {
    const form = retentionForm.safeParse(request.body);
    if (!form.success) {
      const value = String((request.body as { days?: unknown } | undefined)?.days ?? '');
      return reply.page(
        <RetentionPage
          days={await retention.days()}
          cutoff={(await retention.cutoff(new Date())).at}
          last={await retention.lastRun()}
          canEdit
          form={{ value, invalid: true }}
        />,
        400,
      );
    }
    await retention.setDays(form.data.days, byUser(request.actor!, request.ip));
    return reply.redirect('/bureau/audit/retention?done=saved', 303);
  });

  app.post('/bureau/audit/retention/run', { config: { access: policy.admin } }, async (request, reply) => {
    const r = await retention.run(new Date(), { by: byUser(request.actor!, request.ip) });
    return reply.redirect(`/bureau/audit/retention?done=run&n=${r.total}`, 303);
  });

  // Stopped with the other background jobs when the app closes (app.jobs).
  app.addHook('onReady', async () => {
    await retentionSchedule({ jobs: app.jobs, run: (now) => retention.run(now) });
  });
};
export default retentionFeature;
