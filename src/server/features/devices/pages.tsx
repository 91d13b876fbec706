import type { FastifyPluginAsync } from 'fastify';
import { policy } from '../../plugins/access.js';
import { Problem } from '../../problem.js';
import { t } from '../../i18n/messages.js';
import { doneNotice } from '../../views/notices.js';
import { withoutEmpty } from '../../views/params.js';
import { deviceListQuerySchema, revokeBodySchema } from './schema.js';
import type { DevicesService } from './service.js';
import { DeviceListPage } from './views.js';

const DONE = { revoked: 'device.revoked_notice' } as const;

export function devicesPages(svc: DevicesService): FastifyPluginAsync {
  return async (app) => {
    app.get('/bureau/devices', { config: { access: policy.admin } }, async (request, reply) => {
      const parsed = deviceListQuerySchema.safeParse(withoutEmpty(request.query));
      const filters = parsed.success ? parsed.data : deviceListQuerySchema.parse({});
      const checkpoints = (await app.repos.checkpoints.list()).map((c) => ({ id: c.id, name: c.name }));
      return reply.page(<DeviceListPage devices={await svc.list(filters)} checkpoints={checkpoints} filters={filters} notice={doneNotice(request.locale, request.query, DONE)} />);
    });

    app.post('/bureau/devices/:id/revoke', { config: { access: policy.admin } }, async (request, reply) => {
      const id = String((request.params as { id?: string }).id ?? '');
      const form = revokeBodySchema.safeParse(request.body);
      if (!form.success) throw new Problem('validation', { detail: 'device.revoke_reason_required' });
      const device = await svc.revoke(request.actor!, id, form.data.reason, request.ip);
      return reply.redirect(`/bureau/devices?checkpointId=${device.checkpointId}&done=revoked`, 303);
    });
  };
}
