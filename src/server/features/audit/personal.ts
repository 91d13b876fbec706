import type { AuditAction } from './catalogue.js';

/**
 * The personal members of each action's detail (names, ID suffixes, phone
 * suffixes): kept in audit_personal, committed to in the chain by a salted
 * hash, erased by retention (docs/audit-log.md). Top-level members only; a
 * member listed here goes whole (person.update's `name: {before, after}`).
 * test/server/audit/chain.test.ts checks the catalogue has no name/id/phone
 * field missing here.
 */
export const PERSONAL_FIELDS: Partial<Record<AuditAction, readonly string[]>> = {
  // what was typed as a user name at a failed sign-in may be anything, a phone number included
  'login.failed': ['username'],
  'person.create': ['name', 'idLast4'],
  'person.update': ['name', 'idLast4'],
  'person.archive': ['name', 'idLast4'],
  'person.restore': ['name', 'idLast4'],
  'person.reveal': ['name', 'idLast4'],
  'checkpoint_staff.create': ['name'],
  'checkpoint_staff.update': ['before', 'after'],
  'charter.run_plan': ['driverIdLast4'],
  'escort.dispatch': ['escortName', 'phoneLast4'],
  'escort.handover': ['escortName'],
  'escort.isolation_start': ['responsible'],
  'custody.isolation_start': ['responsible'],
};

export const personalFieldsOf = (action: string): readonly string[] => PERSONAL_FIELDS[action as AuditAction] ?? [];
