import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { byUser } from '../../security/actor.js';
import { CHECKPOINT_EVERY_MS } from './integrity.js';
import { IntegrityPage } from './views.js';

const doneQuery = z.object({ done: z.enum(['verified', 'signed']) });

/**
 * The tamper-evident log's page and its background signer: a checkpoint every
 * CHECKPOINT_EVERY_MS when the log grew (like the escorts' overdue sweep).
 */
const auditFeature: FastifyPluginAsync = async (app) => {
  const integrity = app.services.auditIntegrity;

  app.get('/bureau/audit/integrity', { config: { access: policy.bureau } }, async (request, reply) => {
    const q = doneQuery.safeParse(request.query);
    return reply.page(
      <IntegrityPage
        last={await integrity.lastVerification()}
        checkpoint={await integrity.latestCheckpoint()}
        canRun={request.actor?.kind === 'user' && request.actor.user.role === 'bureau_admin'}
        done={q.success ? q.data.done : undefined}
      />,
    );
  });

  app.post('/bureau/audit/integrity/verify', { config: { access: policy.admin } }, async (request, reply) => {
    await integrity.verify({ by: byUser(request.actor!, request.ip) });
    return reply.redirect('/bureau/audit/integrity?done=verified', 303);
  });

  app.post('/bureau/audit/integrity/checkpoint', { config: { access: policy.admin } }, async (request, reply) => {
    await integrity.signCheckpoint({ force: true, by: byUser(request.actor!, request.ip) });
    return reply.redirect('/bureau/audit/integrity?done=signed', 303);
  });

  // Once across the cluster (app.jobs), one run at a time; a failure is logged and the next period tries again.
  app.jobs.every('audit.checkpoint', CHECKPOINT_EVERY_MS, () => integrity.signCheckpoint());
};
export default auditFeature;
