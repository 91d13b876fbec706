import t from 'tap';
import { e2e, watchPage } from '../helpers/browser.js';

/** The interactive API reference renders in a real browser under the app's CSP, with nothing from outside. */
t.test('API reference page: Swagger UI, offline, under the strict CSP', async (t) => {
  const { server, newPage } = await e2e(t);
  const { page } = await newPage();
  const problems: string[] = [];
  watchPage(page, problems);
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.baseUrl) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });

  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
  });
  await page.goto('/api/docs');
  // The bundle is large: give a busy machine time to render it.
  await page.locator('.swagger-ui .info .title').waitFor({ timeout: 45_000 });
  t.match(await page.locator('.swagger-ui .info .title').innerText(), /Kakou/);
  // Every tag is listed, closed; a tag opens on a click and lists its operations (the audit console's too).
  t.ok((await page.locator('.opblock-tag').count()) > 15, 'the tags are listed', { tags: await page.locator('.opblock-tag').count() });
  t.ok(await page.locator('button.authorize').isVisible(), 'an Authorize button (security schemes declared)');
  await page.locator('.opblock-tag', { hasText: /^audit/ }).click();
  await page.locator('.opblock-summary-path', { hasText: '/api/v1/audit/checks' }).waitFor();
  await page.locator('.opblock-tag', { hasText: /^session/ }).click();
  t.ok((await page.locator('.opblock').count()) >= 5, 'operations listed once their tags are open');
  await page.locator('.opblock-summary-path', { hasText: '/api/v1/session' }).first().click();
  await page.locator('.opblock-body').first().waitFor();

  t.same(csp, [], 'no CSP refusal');
  t.same(problems, [], 'no script error');
  t.same(foreign, [], 'nothing loaded from another origin');
});
