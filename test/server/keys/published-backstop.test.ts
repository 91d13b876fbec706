import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { issuedPass } from '../../helpers/fleet.js';
import { signingKeysRepo } from '../../../src/server/features/keys/repository.js';

// publishedKeys reads signed_until (the stored passes' latest valid_to) only for retired keys, whose publication
// depends on it, once per process and key (keys/repository.ts listForPublishing): a retired key whose recorded last_exp was lost stays
// published while a pass stored with it is valid, and the key list still shows every key's lastExp.
t.test('a retired pass key stays published through the stored passes alone', async (t) => {
  const ctx = await setup(t);
  const ent = await ctx.enterprise('昆山锦程精密机械有限公司', creditCode(31));
  await ctx.user('enterprise_user', 'a1', ent);
  await ctx.user('bureau_officer', 'officer');
  const a1 = await loggedIn(ctx.app, 'a1');
  const officer = await loggedIn(ctx.app, 'officer');
  const id = await issuedPass(t, a1, officer);

  const keys = ctx.app.services.keys;
  const signer = (await keys.list(new Date(), 'pass')).find((k) => k.state === 'active')!;
  t.ok(signer.lastExp, 'signing recorded last_exp');
  const kids = async (now = new Date()) => (await keys.publishedKeys(now, 'pass')).keys.map((k) => k.kid).sort();

  await keys.addNextKey('pass');
  const { retired } = await keys.promoteNext('pass');
  t.equal(retired?.kid, signer.kid);
  await ctx.repos.store.q().updateTable('signing_keys').set({ last_exp: null }).where('kid', '=', signer.kid).execute();
  t.ok((await kids()).includes(signer.kid), 'still published: the stored pass signed with it is valid');
  t.ok((await keys.list()).find((k) => k.kid === signer.kid)?.lastExp, 'the key list shows the backstop value');
  const active = (await keys.list(new Date(), 'pass')).find((k) => k.state === 'active')!;
  t.equal(active.lastExp, null, 'the new key signed nothing yet');

  // The scan is kept per process for a retired key (its passes are settled); a process starting now scans again.
  await ctx.repos.store.q().updateTable('passes').set({ token: null }).where('kid', '=', signer.kid).execute();
  const fresh = signingKeysRepo(ctx.repos.store);
  t.notOk((await fresh.listForPublishing('pass')).some((k) => k.kid === signer.kid && k.lastExp !== null), 'with no stored pass and no last_exp nothing backs it');
  await ctx.repos.store.q().updateTable('signing_keys').set({ last_exp: 1 }).where('kid', '=', signer.kid).execute();
  t.notOk((await kids()).includes(signer.kid), 'a changed last_exp is a new scan: it drops out in this process too');
});
