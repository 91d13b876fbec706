// Nodes starting at once on one empty database (issue 16): one first administrator, printed by one node only.
import t from 'tap';
import { ensureFirstAdmin } from '../../src/server/bootstrap.js';
import { repositories } from '../../src/server/repositories.js';
import { DataKey } from '../../src/server/security/data-key.js';
import { onEachEngine } from '../helpers/engines.js';
import '../helpers/app.js';

await onEachEngine(t, 'three nodes creating the first administrator at once', async (t, store) => {
  const dataKey = DataKey.fromBytes(Buffer.alloc(32, 7));
  // Each node has its own repositories (and, on PostgreSQL, its own transactions) over the one database.
  const nodes = [1, 2, 3].map(() => repositories(store, { dataKey }));
  const results = await Promise.all(nodes.map((repos) => ensureFirstAdmin(repos)));
  const made = results.filter((r) => r !== null);
  t.equal(made.length, 1, 'one node made the account and has a password to print');
  t.match(made[0], { username: 'admin', password: /.{8,}/ });
  t.equal(await nodes[0]!.users.countByRole('bureau_admin'), 1, 'one administrator');
  t.equal(await ensureFirstAdmin(nodes[1]!), null, 'a later start makes none');
});
