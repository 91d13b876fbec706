import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import multipart from '@fastify/multipart';
import { policy } from '../../plugins/access.js';
import type { UserActor } from '../../types.js';
import { parseForm } from '../../views/forms.js';
import { belongsOnForm, pageId, withoutEmpty } from '../../views/params.js';
import { blankForm, problemForm, refusedForm, type FormState } from '../../views/form-state.js';
import { doneNotice, type OneTimePassword, type PageNotice } from '../../views/notices.js';
import { decimalInt } from '../../ids.js';
import { notFound, Problem } from '../../problem.js';
import { t } from '../../i18n/messages.js';
import { createUserSchema } from '../users/schema.js';
import { CHARTER_LIMITS, approveInputSchema, carrierInputSchema, needInputSchema, rejectInputSchema, revokePassInputSchema, runInputSchema } from './schema.js';
import { CharterPrintPage, PassErasedPage } from './print.js';
import { charterQrSvg } from './qr.js';
import { BureauRunsPage, CarrierBoardPage, CarriersPage, EnterpriseBoardPage, EnterpriseRunPage, RunPage } from './views.js';

/** The chosen file (an .xlsx is a zip: it starts `PK`), else the pasted CSV text; null when neither was given. */
function manifestUpload(body: { csv?: unknown; file?: unknown }): { format: 'csv' | 'xlsx'; content: string } | null {
  if (Buffer.isBuffer(body.file) && body.file.length > 0) {
    const zip = body.file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    return { format: zip ? 'xlsx' : 'csv', content: body.file.toString('base64') };
  }
  if (typeof body.csv === 'string' && body.csv.trim() !== '') return { format: 'csv', content: Buffer.from(body.csv, 'utf8').toString('base64') };
  return null;
}

const DONE = {
  need_posted: 'charter.done.need_posted',
  need_cancelled: 'charter.done.need_cancelled',
  run_planned: 'charter.done.run_planned',
  manifest_saved: 'charter.done.manifest_saved',
  confirmed: 'charter.done.confirmed',
  approved: 'charter.done.approved',
  rejected: 'charter.done.rejected',
  carrier_added: 'charter.done.carrier_added',
  pass_revoked: 'charter.done.pass_revoked',
} as const;

// Forms send text: numbers and China-local datetimes are turned into what the API takes.
const needForm = z.preprocess((b) => ({ ...(b as object), workers: Number((b as { workers?: string }).workers) }), needInputSchema);
const localToIso = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00+08:00` : v);
/** `12:30` per line → [{ needId: 12, seats: 30 }]; anything else is left for the schema to refuse. */
const needLines = (v: unknown) =>
  typeof v !== 'string' ? v : v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => {
    const m = /^(\d+)\s*[:：]\s*(\d+)$/.exec(l);
    return m ? { needId: Number(m[1]), seats: Number(m[2]) } : { needId: l, seats: 0 };
  });
const runForm = z.preprocess((b) => {
  const o = b as Record<string, unknown>;
  return { ...o, departureAt: localToIso(o.departureAt), arrivalBy: localToIso(o.arrivalBy), needs: needLines(o.needs) };
}, runInputSchema);
/** Checkboxes send one value or several (or none): always a list of numbers for the API schema. */
const approveForm = z.preprocess((b) => {
  const o = (b ?? {}) as Record<string, unknown>;
  return { ...o, checkpointIds: o.checkpointIds === undefined ? [] : [o.checkpointIds].flat().map((v) => Number(v)) };
}, approveInputSchema);
const needParam = z.object({ needId: decimalInt({ min: 1 }) });

/** `rows.13.idNumber` → `第 13 行 · 身份证号` / `Row 13 · idNumber`: the row as the user sees it in the file. */
function rowLabel(path: string, locale: 'zh' | 'en'): string {
  const m = /^rows\.(\d+)\.(\w+)$/.exec(path);
  if (!m) return path;
  const column = locale === 'zh' ? (COLUMN_ZH[m[2]!] ?? m[2]!) : m[2]!;
  return `${t(locale, 'charter.row_errors', { row: Number(m[1]) })} · ${column}`;
}
const COLUMN_ZH: Record<string, string> = { name: '姓名', idNumber: '身份证号', phone: '手机', originRegion: '始发地区划', stays: '途经重点地区', file: '文件' };

export const charterPages: FastifyPluginAsync = async (app) => {
  const svc = app.services.charter;

  /** Parse, act, redirect; a refusal re-renders with the form's errors. */
  async function handle<S extends z.ZodType>(schema: S, body: unknown, locale: 'zh' | 'en', act: (data: z.output<S>) => unknown, refused: (form: FormState, status: number) => unknown) {
    const parsed = parseForm(schema, withoutEmpty(body), locale);
    if (!parsed.ok) return refused(refusedForm(parsed, body), 400);
    try {
      await act(parsed.data);
    } catch (err) {
      if (!belongsOnForm(err)) throw err;
      return refused(problemForm(err, locale, body), err.status);
    }
    return null;
  }

  // ── enterprise ──
  const enterpriseBoard = async (reply: FastifyReply, form: FormState = blankForm(), notice?: PageNotice, status = 200) => {
    const actor = reply.request.actor!;
    return reply.page(<EnterpriseBoardPage needs={await svc.listNeeds(actor)} runs={await svc.listRuns(actor)} form={form} notice={notice} />, status);
  };
  app.get('/enterprise/charter', { config: { access: policy.enterprise } }, async (request, reply) => enterpriseBoard(reply, blankForm(), doneNotice(request.locale, request.query, DONE)));
  app.post('/enterprise/charter/needs', { config: { access: policy.enterprise } }, async (request, reply) =>
    (await handle(needForm, request.body, request.locale, (d) => svc.postNeed(request.actor!, d, request.ip), (f, s) => enterpriseBoard(reply, f, undefined, s)))
    ?? reply.redirect('/enterprise/charter?done=need_posted', 303));
  app.post('/enterprise/charter/needs/:id/cancel', { config: { access: policy.enterprise } }, async (request, reply) => {
    await svc.cancelNeed(request.actor!, pageId(request.params), request.ip);
    return reply.redirect('/enterprise/charter?done=need_cancelled', 303);
  });

  const enterpriseRun = async (reply: FastifyReply, id: number, form: FormState = blankForm(), notice?: PageNotice, status = 200) =>
    reply.page(<EnterpriseRunPage run={await svc.getRun(reply.request.actor!, id)} form={form} notice={notice} />, status);
  app.get('/enterprise/charter/runs/:id', { config: { access: policy.enterprise } }, async (request, reply) =>
    enterpriseRun(reply, pageId(request.params), blankForm(), doneNotice(request.locale, request.query, DONE)));
  // The manifest form sends a file (CSV or XLSX) or pasted CSV text as multipart/form-data: the
  // parser is registered for this route's scope only, fields as plain values, the file as a Buffer.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      // The service refuses a file over its limit with a message on the form; this only bounds what is read.
      limits: { fileSize: 2 * CHARTER_LIMITS.maxUploadBytes, files: 1, fields: 8, fieldSize: CHARTER_LIMITS.maxUploadBytes },
    });
    scope.post('/enterprise/charter/runs/:id/needs/:needId/manifest', { config: { access: policy.enterprise } }, async (request, reply) => {
      const id = pageId(request.params);
      const parsed = needParam.safeParse(request.params);
      if (!parsed.success) throw notFound();
      const body = (request.body ?? {}) as { csv?: unknown; file?: unknown };
      const upload = manifestUpload(body);
      try {
        if (!upload) throw new Problem('manifest_invalid', { errors: [{ path: 'body.rows.file', message: 'charter.err.no_file' }] });
        await svc.uploadManifest(request.actor!, id, parsed.data.needId, upload.format, upload.content, request.ip);
      } catch (err) {
        if (!(err instanceof Problem) || !belongsOnForm(err)) throw err;
        const form = problemForm(err, request.locale, { csv: typeof body.csv === 'string' ? body.csv : '' });
        return enterpriseRun(reply, id, { ...form, errors: form.errors?.map((e) => ({ ...e, path: rowLabel(e.path, request.locale) })) }, undefined, err.status);
      }
      return reply.redirect(`/enterprise/charter/runs/${id}?done=manifest_saved`, 303);
    });
  });
  app.post('/enterprise/charter/runs/:id/confirm', { config: { access: policy.enterprise } }, async (request, reply) => {
    const id = pageId(request.params);
    try {
      await svc.confirmRun(request.actor!, id, request.ip);
    } catch (err) {
      if (!belongsOnForm(err)) throw err;
      return enterpriseRun(reply, id, problemForm(err, request.locale, request.body), undefined, err.status);
    }
    return reply.redirect(`/enterprise/charter/runs/${id}?done=confirmed`, 303);
  });

  // ── carrier ──
  const carrierBoard = async (reply: FastifyReply, form: FormState = blankForm(), notice?: PageNotice, status = 200) => {
    const actor = reply.request.actor!;
    return reply.page(<CarrierBoardPage needs={await svc.listNeeds(actor)} runs={await svc.listRuns(actor)} form={form} notice={notice} />, status);
  };
  app.get('/carrier', { config: { access: policy.carrier } }, async (request, reply) => carrierBoard(reply, blankForm(), doneNotice(request.locale, request.query, DONE)));
  app.post('/carrier/runs', { config: { access: policy.carrier } }, async (request, reply) => {
    let created = 0;
    return (await handle(runForm, request.body, request.locale, async (d) => { created = (await svc.planRun(request.actor!, d, request.ip)).id; }, (f, s) => carrierBoard(reply, f, undefined, s)))
      ?? reply.redirect(`/carrier/runs/${created}?done=run_planned`, 303);
  });
  app.get('/carrier/runs/:id', { config: { access: policy.carrier } }, async (request, reply) => {
    const run = await svc.getRun(request.actor!, pageId(request.params));
    return reply.page(<RunPage run={run} cancel printHref={`/carrier/runs/${run.id}/pass`} notice={doneNotice(request.locale, request.query, DONE)} />);
  });

  // ── the printed charter pass: the carrier (own runs) and the bureau ──
  const printPass = async (reply: FastifyReply, id: number, back: string) => {
    let pass: Awaited<ReturnType<typeof svc.printablePass>>;
    try {
      pass = await svc.printablePass(reply.request.actor!, id, reply.request.ip);
    } catch (e) {
      // Past the retention period the pass is gone for good: say so, rather than the generic "wrong step".
      if (e instanceof Problem && e.detail === 'charter.err.pass_erased') return reply.page(<PassErasedPage back={back} />, e.status);
      throw e;
    }
    return reply.page(<CharterPrintPage pass={pass} qrSvg={await charterQrSvg(pass.jws)} back={back} />);
  };
  app.get('/carrier/runs/:id/pass', { config: { access: policy.carrier } }, async (request, reply) => {
    const id = pageId(request.params);
    return printPass(reply, id, `/carrier/runs/${id}`);
  });
  app.get('/bureau/charter/runs/:id/pass', { config: { access: policy.bureau } }, async (request, reply) => {
    const id = pageId(request.params);
    return printPass(reply, id, `/bureau/charter/runs/${id}`);
  });
  app.post('/carrier/runs/:id/cancel', { config: { access: policy.carrier } }, async (request, reply) => {
    const id = pageId(request.params);
    await svc.cancelRun(request.actor!, id, request.ip);
    return reply.redirect(`/carrier/runs/${id}`, 303);
  });

  // ── bureau ──
  app.get('/bureau/charter', { config: { access: policy.bureau } }, async (request, reply) => {
    const actor = request.actor!;
    const all = await svc.listRuns(actor);
    return reply.page(<BureauRunsPage waiting={all.filter((r) => r.status === 'confirmed')} others={all.filter((r) => r.status !== 'confirmed')} needs={await svc.listNeeds(actor)} />);
  });
  const bureauRun = async (reply: FastifyReply, id: number, notice?: PageNotice, status = 200) => {
    const run = await svc.getRun(reply.request.actor!, id);
    const checkpoints = (await app.repos.checkpoints.list({ status: 'active' })).map((c) => ({ id: c.id, name: c.name }));
    return reply.page(<RunPage run={run} decide notice={notice} printHref={`/bureau/charter/runs/${id}/pass`} checkpoints={checkpoints} />, status);
  };
  const formError = (err: Problem, locale: 'zh' | 'en', body: unknown): PageNotice => {
    const f = problemForm(err, locale, body);
    return { kind: 'error', text: [f.errors?.map((e) => e.message).join(' '), err.detail ? t(locale, err.detail, err.params) : ''].filter(Boolean).join(' '), errors: f.errors };
  };
  app.get('/bureau/charter/runs/:id', { config: { access: policy.bureau } }, async (request, reply) =>
    bureauRun(reply, pageId(request.params), doneNotice(request.locale, request.query, DONE)));
  const decision = (path: string, schema: z.ZodType<{ reason?: string | undefined }>, done: 'approved' | 'rejected', act: (actor: UserActor, id: number, reason: string | undefined, ip: string) => unknown) =>
    app.post(path, { config: { access: policy.bureau } }, async (request, reply) => {
      const id = pageId(request.params);
      const out = await handle(schema, request.body, request.locale, (d) => act(request.actor!, id, d.reason, request.ip), (f, s) =>
        bureauRun(reply, id, { kind: 'error', text: f.errors?.map((e) => e.message).join(' ') ?? '', errors: f.errors }, s));
      return out ?? reply.redirect(`/bureau/charter/runs/${id}?done=${done}`, 303);
    });
  // Approval signs the charter pass (asynchronous), so it does not go through `decision`.
  app.post('/bureau/charter/runs/:id/approve', { config: { access: policy.bureau } }, async (request, reply) => {
    const id = pageId(request.params);
    const parsed = parseForm(approveForm, withoutEmpty(request.body), request.locale);
    if (!parsed.ok) return bureauRun(reply, id, { kind: 'error', text: parsed.errors.map((e) => e.message).join(' '), errors: parsed.errors }, 400);
    try {
      await svc.approveRun(request.actor!, id, parsed.data, request.ip);
    } catch (err) {
      if (!belongsOnForm(err)) throw err;
      return bureauRun(reply, id, formError(err, request.locale, request.body), err.status);
    }
    return reply.redirect(`/bureau/charter/runs/${id}?done=approved`, 303);
  });
  app.post('/bureau/charter/runs/:id/pass/revoke', { config: { access: policy.bureau } }, async (request, reply) => {
    const id = pageId(request.params);
    const out = await handle(revokePassInputSchema, request.body, request.locale, (d) => svc.revokePass(request.actor!, id, d.reason, request.ip), (f, s) =>
      bureauRun(reply, id, { kind: 'error', text: f.errors?.map((e) => e.message).join(' ') ?? '', errors: f.errors }, s));
    return out ?? reply.redirect(`/bureau/charter/runs/${id}?done=pass_revoked`, 303);
  });
  decision('/bureau/charter/runs/:id/reject', rejectInputSchema, 'rejected', (actor, id, reason, ip) => svc.rejectRun(actor, id, reason ?? '', ip));

  const carriersPage = async (reply: FastifyReply, form: FormState = blankForm(), notice?: PageNotice, oneTime?: OneTimePassword, status = 200) => {
    const carriers = await Promise.all((await svc.listCarriers()).map(async (carrier) => ({ carrier, users: await svc.listCarrierUsers(carrier.id) })));
    return reply.page(<CarriersPage carriers={carriers} form={form} notice={notice} oneTime={oneTime} />, status);
  };
  app.get('/bureau/carriers', { config: { access: policy.bureau } }, async (request, reply) => carriersPage(reply, blankForm(), doneNotice(request.locale, request.query, DONE)));
  app.post('/bureau/carriers', { config: { access: policy.bureau } }, async (request, reply) =>
    (await handle(carrierInputSchema, request.body, request.locale, (d) => svc.registerCarrier(request.actor!, d, request.ip), (f, s) => carriersPage(reply, f, undefined, undefined, s)))
    ?? reply.redirect('/bureau/carriers?done=carrier_added', 303));
  // The one-time password is shown in this response only, as for enterprise accounts.
  app.post('/bureau/carriers/:id/users', { config: { access: policy.bureau } }, async (request, reply) => {
    const id = pageId(request.params);
    const parsed = parseForm(createUserSchema, withoutEmpty(request.body), request.locale);
    if (!parsed.ok) return carriersPage(reply, blankForm(), { kind: 'error', text: parsed.errors.map((e) => e.message).join(' '), errors: parsed.errors }, undefined, 400);
    try {
      const { user, oneTimePassword } = await svc.createCarrierUser(request.actor!, id, parsed.data, request.ip);
      return carriersPage(reply, blankForm(), undefined, { kind: 'created', username: user.username, password: oneTimePassword });
    } catch (err) {
      if (!belongsOnForm(err)) throw err;
      const f = problemForm(err, request.locale, request.body);
      return carriersPage(reply, blankForm(), { kind: 'error', text: f.errors?.map((e) => e.message).join(' ') ?? '', errors: f.errors }, undefined, err.status);
    }
  });
};
