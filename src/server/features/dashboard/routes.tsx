import type { FastifyPluginAsync } from 'fastify';
import { policy } from '../../plugins/access.js';
import { dashboardQuerySchema } from './schema.js';
import { dashboardService, rangeOf } from './service.js';
import { DashboardPage } from './views.js';

const FORM_KEYS = ['day', 'period', 'checkpoint'] as const;

/**
 * Issue 14's dashboard for the bureau: one page of counts and charts (SVG drawn
 * on the server, no script) over a China day or week, each figure linked to the
 * records behind it. Reads only.
 */
const dashboardFeature: FastifyPluginAsync = async (app) => {
  const svc = dashboardService({ repos: app.repos, escorts: app.services.escorts, ruleSetAt: (now) => app.services.rules.activeRuleSet(now) });

  app.get('/bureau/dashboard', { config: { access: policy.bureau } }, async (request, reply) => {
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const k of FORM_KEYS) if (typeof raw[k] === 'string' && raw[k] !== '') values[k] = raw[k];
    const parsed = dashboardQuerySchema.safeParse(raw);
    const now = new Date();
    const checkpoints = (await app.repos.checkpoints.list()).map((c) => ({ id: c.id, name: c.name }));
    reply.header('cache-control', 'no-store');
    if (!parsed.success) {
      // The page still answers with today's figures, and says what was wrong.
      const data = await svc.data(rangeOf({}, now.getTime()), now);
      return reply.page(<DashboardPage data={data} checkpoints={checkpoints} values={{}} invalid />, 400);
    }
    const data = await svc.data(rangeOf(parsed.data, now.getTime()), now);
    return reply.page(<DashboardPage data={data} checkpoints={checkpoints} values={values} />);
  });
};
export default dashboardFeature;
