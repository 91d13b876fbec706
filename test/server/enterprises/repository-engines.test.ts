// The enterprises repository on both engines (issue 16): every method, the list's search (case, wildcards),
// status filter and order with ties, the UNIQUE credit code recognised the same way, and transactions.
import t from 'tap';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import { ENTERPRISE_CREDIT_CODE_UNIQUE, enterprisesRepo, type EnterpriseFilter } from '../../../src/server/features/enterprises/repository.js';
import type { EnterpriseInput } from '../../../src/server/features/enterprises/schema.js';
import { creditCode } from '../../helpers/credit-code.js';
import { onEachEngine } from '../../helpers/engines.js';

const input = (name: string, n: number): EnterpriseInput => ({
  name,
  creditCode: creditCode(n),
  address: '昆山市前进东路 1 号',
  regionCode: '320583',
  dutyPhone: '051257001234',
});
const all = (f: Partial<EnterpriseFilter> = {}): EnterpriseFilter => ({ limit: 100, offset: 0, ...f });
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

onEachEngine(t, 'insert, get and getByCreditCode give the same enterprise', async (t, store) => {
  const repo = enterprisesRepo(store);
  const e = await repo.insert(input('昆山甲物流有限公司', 1));
  t.match(e, { name: '昆山甲物流有限公司', creditCode: creditCode(1), address: '昆山市前进东路 1 号', regionCode: '320583', dutyPhone: '051257001234', status: 'registered', statusReason: null });
  t.type(e.id, 'number');
  t.match(e.createdAt, ISO);
  t.strictSame(await repo.get(e.id), e);
  t.strictSame(await repo.getByCreditCode(creditCode(1)), e);
  t.equal(await repo.get(e.id + 1000), undefined);
  t.equal(await repo.getByCreditCode(creditCode(2)), undefined);
});

onEachEngine(t, 'update and setStatus change the row and its updated_at', async (t, store) => {
  const repo = enterprisesRepo(store);
  const e = await repo.insert(input('昆山甲物流有限公司', 1));
  await store.q().updateTable('enterprises').set({ updated_at: '2000-01-01T00:00:00.000Z' }).execute();
  await repo.update(e.id, { ...input('昆山甲乙物流有限公司', 2), address: '新地址 9 号', dutyPhone: '13800138000' });
  const updated = (await repo.get(e.id))!;
  t.match(updated, { name: '昆山甲乙物流有限公司', creditCode: creditCode(2), address: '新地址 9 号', dutyPhone: '13800138000', createdAt: e.createdAt });
  t.match(updated.updatedAt, ISO);
  t.ok(updated.updatedAt > '2020', 'updated_at is now');
  await store.q().updateTable('enterprises').set({ updated_at: '2000-01-01T00:00:00.000Z' }).execute();
  await repo.setStatus(e.id, 'suspended', '停工整改');
  t.match(await repo.get(e.id), { status: 'suspended', statusReason: '停工整改' });
  t.ok((await repo.get(e.id))!.updatedAt > '2020');
  await repo.setStatus(e.id, 'approved', null);
  t.match(await repo.get(e.id), { status: 'approved', statusReason: null });
});

onEachEngine(t, 'list: status filter, name part or credit code start, counted; ASCII case ignored, % and _ literal', async (t, store) => {
  const repo = enterprisesRepo(store);
  const a = await repo.insert(input('昆山甲物流有限公司', 1));
  const b = await repo.insert(input('Kunshan ABC Logistics', 2));
  const c = await repo.insert(input('昆山100%_物流公司', 3));
  await repo.setStatus(b.id, 'approved', null);
  const ids = async (f: Partial<EnterpriseFilter>) => {
    const r = await repo.list(all(f));
    t.equal(r.total, r.items.length, `total of ${JSON.stringify(f)}`);
    return r.items.map((e) => e.id);
  };
  // By name in code point order: ASCII before CJK; 1 (U+0031) before 甲 (U+7532).
  t.strictSame(await ids({}), [b.id, c.id, a.id]);
  t.strictSame(await ids({ q: '' }), [b.id, c.id, a.id], 'an empty search is no filter');
  t.strictSame(await ids({ status: 'approved' }), [b.id]);
  t.strictSame(await ids({ status: 'registered' }), [c.id, a.id]);
  t.strictSame(await ids({ status: 'suspended' }), []);
  t.strictSame(await ids({ q: '甲物流' }), [a.id], 'part of the name');
  t.strictSame(await ids({ q: 'abc logistics' }), [b.id], 'lower case finds mixed case');
  t.strictSame(await ids({ q: 'KUNSHAN' }), [b.id], 'upper case finds mixed case');
  t.strictSame(await ids({ q: 'abc', status: 'registered' }), [], 'both filters apply');
  t.strictSame(await ids({ q: '100%_' }), [c.id], '% and _ match themselves');
  t.strictSame(await ids({ q: '%' }), [c.id], '% is not a wildcard');
  t.strictSame(await ids({ q: '昆山_' }), [], '_ is not a wildcard');
  // The credit code matches from its start only, in either case.
  const code = creditCode(2); // 91320583MA0000002A: the first 17 characters are b's alone
  t.strictSame(await ids({ q: code.slice(0, 17) }), [b.id], 'credit code prefix');
  t.strictSame(await ids({ q: code.slice(0, 17).toLowerCase() }), [b.id], 'credit code prefix in lower case (ma…)');
  t.strictSame(await ids({ q: '91320583' }), [b.id, c.id, a.id], 'a prefix all three share');
  t.strictSame(await ids({ q: code.slice(8, 17) }), [], 'not the middle of a credit code');
  const page = await repo.list(all({ limit: 1, offset: 1 }));
  t.equal(page.total, 3, 'total counts every match, not the page');
  t.strictSame(page.items.map((e) => e.id), [c.id]);
});

onEachEngine(t, 'the list order ends in the id: one name many times, walked in pages, each once', async (t, store) => {
  const repo = enterprisesRepo(store);
  const ids: number[] = [];
  for (let i = 0; i < 7; i++) ids.push((await repo.insert(input(i % 3 === 0 ? '昆山乙方物流有限公司' : '昆山甲方物流有限公司', 100 + i))).id);
  const expected = [...ids.filter((_, i) => i % 3 === 0), ...ids.filter((_, i) => i % 3 !== 0)]; // 乙 (U+4E59) before 甲 (U+7532)
  for (const size of [1, 2, 3]) {
    const walked: number[] = [];
    for (let offset = 0; ; offset += size) {
      const { items, total } = await repo.list(all({ limit: size, offset }));
      t.equal(total, 7);
      walked.push(...items.map((e) => e.id));
      if (items.length < size) break;
    }
    t.strictSame(walked, expected, `pages of ${size}`);
  }
});

onEachEngine(t, 'a second enterprise with a registered credit code is a UNIQUE violation, recognised on both engines', async (t, store) => {
  const repo = enterprisesRepo(store);
  await repo.insert(input('昆山甲物流有限公司', 1));
  const other = await repo.insert(input('昆山乙物流有限公司', 2));
  const insertError = await repo.insert(input('昆山丙物流有限公司', 1)).then(() => null, (e: unknown) => e);
  t.ok(isUniqueViolation(insertError, ENTERPRISE_CREDIT_CODE_UNIQUE), `insert: ${String(insertError)}`);
  t.notOk(isUniqueViolation(insertError, { postgres: 'vehicles_enterprise_id_plate_key', sqlite: 'vehicles.enterprise_id, vehicles.plate' }), 'not another constraint');
  const updateError = await repo.update(other.id, input('昆山乙物流有限公司', 1)).then(() => null, (e: unknown) => e);
  t.ok(isUniqueViolation(updateError, ENTERPRISE_CREDIT_CODE_UNIQUE), `update: ${String(updateError)}`);
  t.equal((await repo.get(other.id))!.creditCode, creditCode(2), 'unchanged');
  // A CHECK (the name's length) is not a UNIQUE violation.
  const checkError = await repo.insert(input('甲', 3)).then(() => null, (e: unknown) => e);
  t.ok(checkError, 'the name CHECK refuses');
  t.notOk(isUniqueViolation(checkError));
  t.equal((await repo.list(all())).total, 2);
});

onEachEngine(t, 'inside a transaction the methods see their own writes, and a rollback keeps none of them', async (t, store) => {
  const repo = enterprisesRepo(store);
  const kept = await repo.insert(input('昆山甲物流有限公司', 1));
  const boom = new Error('boom');
  await t.rejects(
    store.transaction(async () => {
      const e = await repo.insert(input('昆山乙物流有限公司', 2));
      await repo.update(kept.id, input('昆山改名物流有限公司', 1));
      await repo.setStatus(kept.id, 'suspended', 'x');
      t.equal((await repo.getByCreditCode(creditCode(2)))?.id, e.id, 'reads its own insert');
      t.equal((await repo.list(all())).total, 2);
      throw boom;
    }),
    boom,
  );
  t.strictSame((await repo.list(all())).items, [kept], 'the insert, update and status change are all undone');
  await store.transaction(async () => {
    await repo.insert(input('昆山乙物流有限公司', 2));
  });
  t.equal((await repo.list(all())).total, 2, 'a transaction that resolves commits');
  await t.rejects(
    store.transaction(async () => {
      await repo.insert(input('昆山丙物流有限公司', 3));
      await repo.insert(input('昆山丁物流有限公司', 1)); // the credit code is taken
    }),
  );
  t.equal(await repo.getByCreditCode(creditCode(3)), undefined);
});
