// Delivery ids are UUIDs (version 7) whose text sorts in the order they were made, even many in one
// millisecond or with the clock going back: PostgreSQL's delivery queue relies on it (repository.ts).
import t from 'tap';
import { z } from 'zod';
import { deliveryId } from '../../../src/server/features/webhooks/delivery-id.js';

t.test('a UUID of version 7, valid where the API takes a delivery id', async (t) => {
  const id = deliveryId(Date.parse('2026-12-01T04:00:00.000Z'));
  t.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.ok(z.uuid().safeParse(id).success, 'z.uuid() accepts it');
});

t.test('made in order, sorted in order: many in one millisecond, and the clock going back', async (t) => {
  const made: string[] = [];
  const ms = Date.now() + 1000;
  for (let i = 0; i < 5000; i++) made.push(deliveryId(ms));
  made.push(deliveryId(ms - 60_000));
  for (let i = 0; i < 100; i++) made.push(deliveryId());
  t.same([...made].sort(), made, 'text order is the order made');
  t.equal(new Set(made).size, made.length, 'all different');
});
