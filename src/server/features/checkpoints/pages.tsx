import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { policy } from '../../plugins/access.js';
import { notFound, Problem } from '../../problem.js';
import { parseForm } from '../../views/forms.js';
import { t } from '../../i18n/messages.js';
import { blankForm, problemForm, refusedForm, type FormState } from '../../views/form-state.js';
import { type PageNotice } from '../../views/notices.js';
import { doneNotice } from '../../views/notices.js';
import { idParam, pageId } from '../../views/params.js';
import type { DevicesService } from '../devices/service.js';
import type { EnrollmentCodeResponse } from '../devices/schema.js';
import { checkpointInputSchema, staffInputSchema, staffPinSchema, type Checkpoint } from './schema.js';
import type { CheckpointsService } from './service.js';
import { CheckpointListPage, CheckpointPage, type CheckpointPageProps } from './views.js';

const DONE = {
  created: 'checkpoint.created_notice',
  saved: 'common.saved',
  closed: 'checkpoint.closed_notice',
  reopened: 'checkpoint.reopened_notice',
  staff_saved: 'cpstaff.saved_notice',
  pin: 'cpstaff.pin_notice',
  staff_disabled: 'cpstaff.disabled_notice',
  staff_enabled: 'cpstaff.enabled_notice',
} as const;

const checkpointValues = (c: Checkpoint) => ({ name: c.name, location: c.location, regionCode: c.regionCode, direction: c.direction });

const staffIdParam = (request: FastifyRequest): number => pageId(request.params, 'staffId');

/** Error correction M and a quiet zone: read from a screen by a phone camera. */
async function qrDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export function checkpointsPages(svc: CheckpointsService, devices: DevicesService): FastifyPluginAsync {
  return async (app) => {
    const admin = { config: { access: policy.admin } };

    /** The checkpoint page; a refused form comes back filled in with its messages, the others blank. */
    const detail = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: number,
      extra: Partial<Pick<CheckpointPageProps, 'editForm' | 'staffForm' | 'pinForm' | 'notice'>> & { enrollment?: EnrollmentCodeResponse } = {},
      status = 200,
    ) => {
      const checkpoint = await svc.get(id);
      return reply.page(
        <CheckpointPage
          checkpoint={checkpoint}
          staff={await svc.listStaff(id)}
          devices={await devices.list({ checkpointId: id })}
          pendingCodes={await devices.pendingCodes(id)}
          editForm={extra.editForm ?? blankForm(checkpointValues(checkpoint))}
          staffForm={extra.staffForm ?? blankForm()}
          pinForm={extra.pinForm}
          notice={extra.notice ?? doneNotice(request.locale, request.query, DONE)}
          enrollment={extra.enrollment && { code: extra.enrollment, qrDataUri: await qrDataUri(extra.enrollment.qrText) }}
        />,
        status,
      );
    };

    /** Runs a change that may be refused with field errors; a refusal re-renders the page with `place` holding the form. */
    const refusable = async (request: FastifyRequest, reply: FastifyReply, id: number, change: () => unknown | Promise<unknown>, place: (form: FormState) => Parameters<typeof detail>[3], done: keyof typeof DONE) => {
      try {
        await change();
      } catch (err) {
        if (!(err instanceof Problem) || !err.errors) throw err;
        return detail(request, reply, id, place(problemForm(err, request.locale, request.body)), err.status);
      }
      return reply.redirect(`/bureau/checkpoints/${id}?done=${done}`, 303);
    };

    app.get('/bureau/checkpoints', admin, async (request, reply) => {
      const notice: PageNotice | undefined = doneNotice(request.locale, request.query, DONE);
      return reply.page(<CheckpointListPage checkpoints={await svc.list()} form={blankForm({ direction: 'both' })} notice={notice} />);
    });

    app.post('/bureau/checkpoints', admin, async (request, reply) => {
      const form = parseForm(checkpointInputSchema, request.body, request.locale);
      if (!form.ok) return reply.page(<CheckpointListPage checkpoints={await svc.list()} form={refusedForm(form, request.body)} />, 400);
      let created: Checkpoint;
      try {
        created = await svc.create(request.actor!, form.data, request.ip);
      } catch (err) {
        if (!(err instanceof Problem) || !err.errors) throw err;
        return reply.page(<CheckpointListPage checkpoints={await svc.list()} form={problemForm(err, request.locale, request.body)} />, err.status);
      }
      return reply.redirect(`/bureau/checkpoints/${created.id}?done=created`, 303);
    });

    app.get('/bureau/checkpoints/:id', admin, async (request, reply) => detail(request, reply, idParam(request)));

    app.post('/bureau/checkpoints/:id', admin, async (request, reply) => {
      const id = idParam(request);
      await svc.get(id);
      const form = parseForm(checkpointInputSchema, request.body, request.locale);
      if (!form.ok) return detail(request, reply, id, { editForm: refusedForm(form, request.body) }, 400);
      return refusable(request, reply, id, () => svc.update(request.actor!, id, form.data, request.ip), (f) => ({ editForm: f }), 'saved');
    });

    app.post('/bureau/checkpoints/:id/close', admin, async (request, reply) => {
      const id = idParam(request);
      await svc.close(request.actor!, id, request.ip);
      return reply.redirect(`/bureau/checkpoints/${id}?done=closed`, 303);
    });

    app.post('/bureau/checkpoints/:id/reopen', admin, async (request, reply) => {
      const id = idParam(request);
      await svc.reopen(request.actor!, id, request.ip);
      return reply.redirect(`/bureau/checkpoints/${id}?done=reopened`, 303);
    });

    app.post('/bureau/checkpoints/:id/staff', admin, async (request, reply) => {
      const id = idParam(request);
      await svc.get(id);
      const form = parseForm(staffInputSchema, request.body, request.locale);
      if (!form.ok) return detail(request, reply, id, { staffForm: withoutPin(refusedForm(form, request.body)) }, 400);
      return refusable(request, reply, id, () => svc.createStaff(request.actor!, id, form.data, request.ip), (f) => ({ staffForm: withoutPin(f) }), 'staff_saved');
    });

    app.post('/bureau/checkpoints/:id/staff/:staffId/pin', admin, async (request, reply) => {
      const id = idParam(request);
      const staffId = staffIdParam(request);
      await svc.getStaff(id, staffId);
      const form = parseForm(staffPinSchema, request.body, request.locale);
      if (!form.ok) return detail(request, reply, id, { pinForm: { staffId, form: withoutPin(refusedForm(form, request.body)) } }, 400);
      await svc.resetPin(request.actor!, id, staffId, form.data.pin, request.ip);
      return reply.redirect(`/bureau/checkpoints/${id}?done=pin`, 303);
    });

    app.post('/bureau/checkpoints/:id/staff/:staffId/disable', admin, async (request, reply) => {
      const id = idParam(request);
      await svc.disableStaff(request.actor!, id, staffIdParam(request), request.ip);
      return reply.redirect(`/bureau/checkpoints/${id}?done=staff_disabled`, 303);
    });

    app.post('/bureau/checkpoints/:id/staff/:staffId/enable', admin, async (request, reply) => {
      const id = idParam(request);
      await svc.enableStaff(request.actor!, id, staffIdParam(request), request.ip);
      return reply.redirect(`/bureau/checkpoints/${id}?done=staff_enabled`, 303);
    });

    // Answers with the page itself, not a redirect: the code is shown this once and never stored in the clear.
    app.post('/bureau/checkpoints/:id/enrollment-codes', admin, async (request, reply) => {
      const id = idParam(request);
      try {
        const enrollment = await devices.createEnrollmentCode(request.actor!, id, request.ip);
        return await detail(request, reply, id, { enrollment });
      } catch (err) {
        if (!(err instanceof Problem) || err.status !== 409) throw err;
        return detail(request, reply, id, { notice: { kind: 'error', text: t(request.locale, 'device.enroll.checkpoint_closed') } }, 409);
      }
    });
  };
}

/** A PIN is never put back into a page, not even a refused one. */
function withoutPin(form: FormState): FormState {
  const { pin: _pin, ...values } = form.values;
  return { ...form, values };
}
