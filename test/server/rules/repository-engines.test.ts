// The rule-set repository on both engines (issue 16): published versions read back whole, `after` in
// version order (how a node's snapshot learns of versions another node published), the seeding insert
// that ignores an existing version, a second publish of the same number recognised as such, and the draft.
import t from 'tap';
import { DEFAULT_RULE_SET } from '../../../src/core/rules/index.js';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import { RULE_SET_VERSION_UNIQUE, ruleSetsRepo } from '../../../src/server/features/rules/repository.js';
import { onEachEngine } from '../../helpers/engines.js';

const at = (h: number) => new Date(Date.UTC(2020, 1, 26, h)).toISOString();
const row = (version: number, effectiveFrom = at(version)) => ({
  version,
  rules: JSON.stringify({ ...DEFAULT_RULE_SET, version }),
  authorId: null,
  authorName: 'system',
  reason: `第 ${version} 版`,
  publishedAt: at(version),
  effectiveFrom,
});

onEachEngine(t, 'published versions: insert, get, latest and after', async (t, store) => {
  const repo = ruleSetsRepo(store);
  t.equal(await repo.latest(), undefined, 'none yet');
  t.same(await repo.after(0), []);

  t.equal(await repo.insert(row(1, '1970-01-01T00:00:00.000Z')), true);
  t.equal(await repo.insert(row(1), { ignoreExisting: true }), false, 'seeding again inserts nothing');
  t.equal(await repo.insert(row(2)), true);
  t.equal(await repo.insert(row(3)), true);

  t.strictSame(await repo.get(2), { ...row(2), createdAt: at(2) }, 'every column back, numbers as numbers');
  t.equal((await repo.get(1))?.effectiveFrom, '1970-01-01T00:00:00.000Z', 'the first insert kept');
  t.equal(await repo.get(9), undefined);
  t.equal((await repo.latest())?.version, 3);
  t.same((await repo.after(0)).map((r) => r.version), [1, 2, 3], 'oldest first');
  t.same((await repo.after(2)).map((r) => r.version), [3]);
  t.same(await repo.after(3), [], 'nothing newer');
});

onEachEngine(t, 'the same version twice is a unique violation of the version key', async (t, store) => {
  const repo = ruleSetsRepo(store);
  await repo.insert(row(1));
  const error = await repo.insert(row(1)).then(() => null, (e: unknown) => e);
  t.ok(isUniqueViolation(error, RULE_SET_VERSION_UNIQUE), 'recognised by its constraint');
  t.equal((await repo.after(0)).length, 1);
});

onEachEngine(t, 'the one draft: put replaces it, delete says whether there was one', async (t, store) => {
  const repo = ruleSetsRepo(store);
  await repo.insert(row(1));
  t.equal(await repo.draft(), undefined);
  t.equal(await repo.deleteDraft(), false, 'nothing to delete');
  const d = { rules: '{"keyAreas":[]}', basedOn: 1, updatedById: null, updatedByName: '王局长', updatedAt: at(5) };
  await repo.putDraft(d);
  t.strictSame(await repo.draft(), d);
  await repo.putDraft({ ...d, rules: '{"keyAreas":["420100"]}', updatedAt: at(6) });
  t.strictSame(await repo.draft(), { ...d, rules: '{"keyAreas":["420100"]}', updatedAt: at(6) }, 'replaced, still one row');
  t.equal(await repo.deleteDraft(), true);
  t.equal(await repo.draft(), undefined);
});
