import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { policy } from '../../plugins/access.js';
import { parseForm } from '../../views/forms.js';
import { renderEnterpriseDetail } from '../enterprises/pages.js';
import { belongsOnForm, pageId } from '../../views/params.js';
import { enterprisesService } from '../enterprises/service.js';
import { BUREAU_ROLES, createUserSchema, type User } from './schema.js';
import { usersService } from './service.js';
import { StaffPage } from './views.js';
import { blankForm, problemForm, refusedForm, type FormState } from '../../views/form-state.js';
import { doneNotice, type OneTimePassword, type PageNotice } from '../../views/notices.js';

const staffForm = createUserSchema.extend({ role: z.enum(BUREAU_ROLES) });

/** Where an account is managed: bureau accounts on the staff page, enterprise accounts on their enterprise's page. */
const homeOf = (user: User) =>
  user.carrierId !== null ? '/bureau/carriers' : user.enterpriseId === null ? '/bureau/staff' : `/bureau/enterprises/${user.enterpriseId}`;

/** What the page after a POST-redirect-GET says happened. */
const DONE = {
  registered: 'enterprise.registered_ok',
  status: 'enterprise.status_changed',
  saved: 'common.saved',
  disabled: 'user.disabled_ok',
  enabled: 'user.enabled_ok',
} as const;

export const usersPages: FastifyPluginAsync = async (app) => {
  const svc = app.services.users;
  const enterprises = app.services.enterprises;

  const renderStaff = async (reply: FastifyReply, opts: { form?: FormState; notice?: PageNotice | undefined; oneTime?: OneTimePassword }, status = 200) =>
    reply.page(<StaffPage users={await svc.listBureau()} form={opts.form ?? blankForm()} notice={opts.notice} oneTime={opts.oneTime} />, status);

  app.get('/bureau/staff', { config: { access: policy.admin } }, async (request, reply) => {
    return renderStaff(reply, { notice: doneNotice(request.locale, request.query, DONE) });
  });

  // The one-time password is shown in this response only: never in a URL, a cookie or the log.
  app.post('/bureau/staff', { config: { access: policy.admin } }, async (request, reply) => {
    const body = request.body;
    const form = parseForm(staffForm, body, request.locale);
    if (!form.ok) return renderStaff(reply, { form: refusedForm(form, body) }, 400);
    try {
      const { user, oneTimePassword } = await svc.create(request.actor!, { ...form.data, enterpriseId: null }, request.ip);
      return renderStaff(reply, { oneTime: { kind: 'created', username: user.username, password: oneTimePassword } }, 201);
    } catch (err) {
      if (!belongsOnForm(err)) throw err;
      const field = err.code === 'username_taken' ? 'username' : undefined;
      return renderStaff(reply, { form: problemForm(err, request.locale, body, field) }, err.status);
    }
  });

  // Whether the actor may manage the account (bureau accounts: admin only) is the service's decision.
  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/bureau/users/:id/${action}`, { config: { access: policy.bureau } }, async (request, reply) => {
      const user = await svc.setDisabled(request.actor!, pageId(request.params), disabled, request.ip);
      return reply.redirect(`${homeOf(user)}?done=${disabled ? 'disabled' : 'enabled'}`, 303);
    });
  }

  app.post('/bureau/users/:id/reset-password', { config: { access: policy.bureau } }, async (request, reply) => {
    const { user, oneTimePassword } = await svc.resetPassword(request.actor!, pageId(request.params), request.ip);
    const oneTime: OneTimePassword = { kind: 'reset', username: user.username, password: oneTimePassword };
    if (user.enterpriseId === null) return renderStaff(reply, { oneTime });
    return renderEnterpriseDetail(reply, enterprises, request.actor!, user.enterpriseId, { oneTime });
  });
};
