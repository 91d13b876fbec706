import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { searchRegions } from '../../../core/validate/index.js';
import { policy } from '../../plugins/access.js';
import { notFound, Problem, renderFieldMessage, type FieldError, type FieldIssue } from '../../problem.js';
import { isMessageKey, t } from '../../i18n/messages.js';
import type { Locale } from '../../i18n/locale.js';
import { formValues } from '../../views/forms.js';
import type { FormState } from '../../views/form-state.js';
import type { PageNotice } from '../../views/notices.js';
import { chinaDateTime } from '../../views/time.js';
import { PlaygroundPage } from './playground.js';
import { exampleValues, isExample, parseScenario, runScenario, scenarioValues } from './scenario.js';
import { versionParamsSchema, type DraftFields, type EditableField } from './schema.js';
import { byUser, regionRef, type RulesService } from './service.js';
import { VersionPage, VersionsPage } from './views.js';
import { DraftPage, SETTINGS_FORM_FIELDS, type DraftPageProps } from './draft-view.js';

const SEARCH_LIMIT = 20;
const DONE = ['saved', 'added', 'removed', 'discarded'] as const;

const draftQuery = z.object({
  q: z.string().catch('').transform((s) => s.trim().slice(0, 40)),
  done: z.enum(DONE).optional().catch(undefined),
  code: z.string().regex(/^\d{6}$/).optional().catch(undefined),
});
const areaForm = z.object({ code: z.string().catch(''), q: z.string().catch('') });
const publishedQuery = z.object({ done: z.literal('published') });

/** A `datetime-local` value is China time; the service wants an instant. */
const CHINA_LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/;

/** Field errors as the form shows them: messages in the reader's language, paths renamed to the form's inputs. */
function formState(errors: (FieldIssue | FieldError)[], body: unknown, locale: Locale, rename: Record<string, string> = {}): FormState {
  const translated = errors.map((e) => ({ path: rename[e.path] ?? e.path, message: renderFieldMessage(e, locale) }));
  const fieldErrors: Record<string, string> = {};
  for (const e of translated) if (e.path) fieldErrors[e.path] ??= e.message;
  return { values: formValues(body), errors: translated, fieldErrors };
}

const problemErrors = (err: Problem): FieldIssue[] => (err.errors?.length ? err.errors : [{ path: '', message: err.titleKey }]);

/** Numbers as typed in the settings form (a decimal comma is fine); the service checks the bounds. */
function settingsFromForm(body: Record<string, unknown>, current: DraftFields): { fields: DraftFields } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const read = (field: Exclude<EditableField, 'keyAreas' | 'retestRequired'>, scale = 1): number => {
    const raw = body[SETTINGS_FORM_FIELDS[field]];
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim().replace(',', '.')) : NaN;
    if (!Number.isFinite(n)) errors.push({ path: field, message: `rules.err.${field}` });
    // Hours in the form, seconds in the rule set; whole seconds, as the core wants.
    return scale === 1 ? n : Math.round(n * scale);
  };
  const absent = (field: keyof typeof SETTINGS_FORM_FIELDS) => body[SETTINGS_FORM_FIELDS[field]] === undefined;
  const fields: DraftFields = {
    feverThresholdC: read('feverThresholdC'),
    plausibleMinC: read('plausibleMinC'),
    plausibleMaxC: read('plausibleMaxC'),
    retestRequired: body.retestRequired !== 'no',
    keyAreas: current.keyAreas,
    stayLookbackDays: read('stayLookbackDays'),
    clockToleranceSec: read('clockToleranceSec'),
    trustWarnAgeSec: read('trustWarnAgeSec', 3600),
    trustMaxAgeSec: read('trustMaxAgeSec', 3600),
    // Absent from a form written before the escort limits existed: keep what the draft has.
    maxCheckpointWaitSec: absent('maxCheckpointWaitSec') ? current.maxCheckpointWaitSec : read('maxCheckpointWaitSec', 3600),
    maxTransitSec: absent('maxTransitSec') ? current.maxTransitSec : read('maxTransitSec', 3600),
    isolationDays: absent('isolationDays') ? current.isolationDays : read('isolationDays'),
  };
  return errors.length ? { errors } : { fields };
}

export const rulesPages =
  (rules: RulesService): FastifyPluginAsync =>
  async (app) => {
    const renderDraft = async (reply: FastifyReply, extra: Partial<DraftPageProps> & { q?: string }, status = 200) => {
      const now = new Date();
      const q = extra.q ?? '';
      const props: DraftPageProps = {
        draft: await rules.getDraft(now),
        versions: rules.list(now),
        q,
        results: q ? searchRegions(q, SEARCH_LIMIT).map((r) => regionRef(r.code)) : null,
        minEffective: chinaDateTime(now.toISOString()).replace(' ', 'T'),
        ...extra,
      };
      return reply.page(<DraftPage {...props} />, status);
    };

    const draftUrl = (params: Record<string, string>) => {
      const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
      return `/bureau/rules/draft${qs ? `?${qs}` : ''}`;
    };

    app.get('/bureau/rules', { config: { access: policy.admin } }, async (_request, reply) => reply.page(<VersionsPage versions={rules.list()} />));

    app.get('/bureau/rules/draft', { config: { access: policy.admin } }, async (request, reply) => {
      const query = draftQuery.parse(request.query ?? {});
      const notice: PageNotice | undefined = query.done
        ? { kind: 'ok', text: t(request.locale, `rules.done.${query.done}`, { code: query.code ?? '' }) }
        : undefined;
      return renderDraft(reply, { q: query.q, notice });
    });

    app.post('/bureau/rules/draft', { config: { access: policy.admin } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const rename: Record<string, string> = SETTINGS_FORM_FIELDS;
      const parsed = settingsFromForm(body, (await rules.getDraft()).fields);
      if ('errors' in parsed) return renderDraft(reply, { settingsForm: formState(parsed.errors, body, request.locale, rename) }, 400);
      try {
        await rules.saveDraft(byUser(request.actor!, request.ip), parsed.fields);
      } catch (err) {
        if (!(err instanceof Problem)) throw err;
        return renderDraft(reply, { settingsForm: formState(problemErrors(err), body, request.locale, rename) }, err.status);
      }
      return reply.redirect(draftUrl({ done: 'saved' }), 303);
    });

    for (const op of ['add', 'remove'] as const) {
      app.post(`/bureau/rules/draft/areas/${op}`, { config: { access: policy.admin } }, async (request, reply) => {
        const form = areaForm.parse(request.body ?? {});
        const code = form.code.trim();
        const q = form.q.trim().slice(0, 40);
        try {
          const by = byUser(request.actor!, request.ip);
          if (op === 'add') await rules.addKeyArea(by, code);
          else await rules.removeKeyArea(by, code);
        } catch (err) {
          if (!(err instanceof Problem)) throw err;
          return renderDraft(reply, { q, areasForm: formState(problemErrors(err), request.body, request.locale) }, err.status);
        }
        return reply.redirect(`${draftUrl({ q, done: op === 'add' ? 'added' : 'removed', code })}#areas`, 303);
      });
    }

    app.post('/bureau/rules/draft/discard', { config: { access: policy.admin } }, async (request, reply) => {
      await rules.discardDraft(byUser(request.actor!, request.ip));
      return reply.redirect(draftUrl({ done: 'discarded' }), 303);
    });

    app.post('/bureau/rules/draft/publish', { config: { access: policy.admin } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const reason = typeof body.reason === 'string' ? body.reason : '';
      const local = typeof body.effectiveFrom === 'string' ? body.effectiveFrom.trim() : '';
      const m = CHINA_LOCAL.exec(local);
      if (local && !m) {
        return renderDraft(reply, { publishForm: formState([{ path: 'effectiveFrom', message: 'rules.err.effectiveFrom' }], body, request.locale) }, 400);
      }
      try {
        const published = await rules.publish(byUser(request.actor!, request.ip), {
          reason,
          effectiveFrom: m ? `${m[1]}T${m[2]}${m[3] ?? ':00'}+08:00` : undefined,
        });
        return reply.redirect(`/bureau/rules/${published.version}?done=published`, 303);
      } catch (err) {
        if (!(err instanceof Problem)) throw err;
        return renderDraft(reply, { publishForm: formState(problemErrors(err), body, request.locale) }, err.status);
      }
    });

    app.get('/bureau/rules/playground', { config: { access: policy.bureau } }, async (request, reply) => {
      const now = new Date();
      const example = (request.query as { example?: unknown } | undefined)?.example;
      const values = isExample(example) ? exampleValues(example, now.getTime()) : scenarioValues(request.query);
      const parsed = parseScenario(values);
      const run = parsed.scenario ? runScenario(parsed.scenario, await rules.draftRuleSet(now), rules.activeRuleSet(now), now.getTime()) : null;
      return reply.page(<PlaygroundPage values={values} errors={parsed.errors ?? {}} run={run} />, parsed.errors ? 400 : 200);
    });

    app.get('/bureau/rules/:version', { config: { access: policy.bureau } }, async (request, reply) => {
      const params = versionParamsSchema.safeParse(request.params);
      if (!params.success) throw notFound();
      const version = rules.get(params.data.version);
      if (!version) throw notFound();
      const n = version.version;
      const notice: PageNotice | undefined = publishedQuery.safeParse(request.query).success
        ? { kind: 'ok', text: t(request.locale, 'rules.published_ok', { n }) }
        : undefined;
      return reply.page(
        <VersionPage
          version={version}
          keyAreas={version.ruleSet.keyAreas.map(regionRef)}
          coveredCounties={rules.coveredCounties(version.ruleSet.keyAreas)}
          changes={n > 1 ? await rules.compare(n - 1, n) : undefined}
          notice={notice}
        />,
      );
    });
  };
