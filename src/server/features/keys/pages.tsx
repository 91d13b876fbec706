import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { Problem, renderDetail } from '../../problem.js';
import { t } from '../../i18n/messages.js';
import { keyPurposeSchema } from './schema.js';
import { byUser } from './service.js';
import { KeysPage, type KeysPageNotice } from './views.js';

const purposeForm = z.object({ purpose: keyPurposeSchema });
const promoteForm = purposeForm.extend({ confirm: z.literal('yes') });
const doneQuery = z.object({ done: z.enum(['added', 'promoted']), kid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const keysPages: FastifyPluginAsync = async (app) => {
  const keys = app.services.keys;

  const render = async (reply: FastifyReply, notice?: KeysPageNotice, status = 200) => {
    const now = new Date();
    return reply.page(<KeysPage keys={await keys.list(now)} now={now} notice={notice} />, status);
  };

  /** Runs a key change from a form; a refused change is shown on the page, a done one redirects (POST-redirect-GET). */
  const act = async (request: FastifyRequest, reply: FastifyReply, change: () => Promise<{ done: 'added' | 'promoted'; kid: string }>) => {
    try {
      const { done, kid } = await change();
      return reply.redirect(`/bureau/keys?done=${done}&kid=${encodeURIComponent(kid)}`, 303);
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      return render(reply, { kind: 'error', text: t(request.locale, err.titleKey) + (err.detail ? ` (${renderDetail(err, request.locale)})` : '') }, err.status);
    }
  };

  app.get('/bureau/keys', { config: { access: policy.admin } }, async (request, reply) => {
    const q = doneQuery.safeParse(request.query);
    const notice: KeysPageNotice | undefined = q.success
      ? { kind: 'ok', text: t(request.locale, q.data.done === 'added' ? 'keys.added' : 'keys.promoted', { kid: q.data.kid }) }
      : undefined;
    return render(reply, notice);
  });

  app.post('/bureau/keys/next', { config: { access: policy.admin } }, async (request, reply) =>
    act(request, reply, async () => {
      const form = purposeForm.safeParse(request.body);
      if (!form.success) throw new Problem('validation');
      const key = await keys.addNextKey(form.data.purpose, { by: byUser(request.actor!, request.ip) });
      return { done: 'added', kid: key.kid };
    }),
  );

  app.post('/bureau/keys/promote', { config: { access: policy.admin } }, async (request, reply) =>
    act(request, reply, async () => {
      const form = promoteForm.safeParse(request.body);
      if (!form.success) {
        const unconfirmed = form.error.issues.some((i) => i.path[0] === 'confirm');
        throw new Problem('validation', unconfirmed ? { detail: 'keys.promote_confirm_required' } : {});
      }
      const { active } = await keys.promoteNext(form.data.purpose, { by: byUser(request.actor!, request.ip) });
      return { done: 'promoted', kid: active.kid };
    }),
  );
};
