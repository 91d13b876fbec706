import type { Client } from './client.js';
import type { Test } from 'tap';

/** Citizen ID numbers with correct GB 11643 check characters, built from the spec, not from the code under test. */
export function citizenId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

/** Registers a vehicle, a driver and an escort through the API as the enterprise user would. */
export async function fleet(c: Pick<Client, 'request'>, plate = '苏E12345', tag = '1') {
  const v = await c.request('POST', '/api/v1/vehicles', { plate, type: 'truck' });
  if (v.statusCode !== 201) throw new Error(`vehicle: ${v.statusCode} ${v.body}`);
  const d = await c.request('POST', '/api/v1/people', { name: '张建国', role: 'driver', idNumber: citizenId(`32058319800101${tag.padStart(3, '0')}`), phone: '13812345678', stays: [] });
  if (d.statusCode !== 201) throw new Error(`driver: ${d.statusCode} ${d.body}`);
  const e = await c.request('POST', '/api/v1/people', { name: '李卫东', role: 'escort', idNumber: citizenId(`42010619850505${tag.padStart(3, '1')}`), phone: '13987654321', stays: ['420100'] });
  if (e.statusCode !== 201) throw new Error(`escort: ${e.statusCode} ${e.body}`);
  return { vehicleId: (v.json() as { id: number }).id, driverId: (d.json() as { id: number }).id, escortId: (e.json() as { id: number }).id };
}

/** A date N days from today in China time, as YYYY-MM-DD. */
export function chinaDate(offsetDays: number, now = Date.now()): string {
  return new Date(now + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A pass issued through the API as in the field: the enterprise registers a vehicle and
 * crew, applies for a week from today and submits; the officer approves. Returns its id.
 */
export async function issuedPass(t: Pick<Test, 'equal'>, applicant: Pick<Client, 'request'>, officer: Pick<Client, 'request'>): Promise<number> {
  const crew = await fleet(applicant, '苏E12345', '1');
  const created = await applicant.request('POST', '/api/v1/passes', {
    vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId],
    validFrom: chinaDate(0), validTo: chinaDate(6), originRegion: '320583',
    destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts',
  });
  t.equal(created.statusCode, 201, created.body);
  const { id } = created.json() as { id: number };
  await applicant.request('POST', `/api/v1/passes/${id}/submit`);
  t.equal((await officer.request('POST', `/api/v1/passes/${id}/approve`)).statusCode, 200);
  return id;
}
