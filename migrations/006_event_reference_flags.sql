-- @sqlite
-- Reference flags of device events: what an event names that its device's checkpoint does not
-- back up. The event is stored all the same (the device's record is evidence); the flag tells
-- the bureau to look. Like the chain flags, each is a function of what is stored, so the order
-- in which uploads arrive does not change the end state:
--   unknown_staff    the staffBadge of the payload is not a staff member of the device's checkpoint
--                    (staff rows are never deleted, so a badge once valid stays known)
--   cross_checkpoint an escort_handover whose checkEventId names a stored event that is not a check
--                    recorded by a device of the same checkpoint (set when either side arrives)
ALTER TABLE events ADD COLUMN unknown_staff INTEGER NOT NULL DEFAULT 0 CHECK (unknown_staff IN (0, 1));
ALTER TABLE events ADD COLUMN cross_checkpoint INTEGER NOT NULL DEFAULT 0 CHECK (cross_checkpoint IN (0, 1));

-- Handovers by the check they complete, to re-flag them when that check arrives after them.
CREATE INDEX events_handover_check ON events (json_extract(payload, '$.checkEventId')) WHERE type = 'escort_handover';

-- Events stored before this migration: compute both flags once.
UPDATE events SET unknown_staff = NOT EXISTS (
  SELECT 1 FROM staff s JOIN devices d ON d.checkpoint_id = s.checkpoint_id
  WHERE d.id = events.device_id AND s.badge = json_extract(events.payload, '$.staffBadge'));
UPDATE events SET cross_checkpoint = EXISTS (
  SELECT 1 FROM events c JOIN devices dc ON dc.id = c.device_id JOIN devices dh ON dh.id = events.device_id
  WHERE c.id = json_extract(events.payload, '$.checkEventId') AND (c.type <> 'check' OR dc.checkpoint_id <> dh.checkpoint_id))
WHERE type = 'escort_handover';
-- @postgres
ALTER TABLE events ADD COLUMN unknown_staff BIGINT NOT NULL DEFAULT 0 CHECK (unknown_staff IN (0, 1));
ALTER TABLE events ADD COLUMN cross_checkpoint BIGINT NOT NULL DEFAULT 0 CHECK (cross_checkpoint IN (0, 1));

-- JSON members are read as (payload::jsonb ->> 'key'): queries must write the same expression for
-- the planner to use an index on it.
CREATE INDEX events_handover_check ON events ((payload::jsonb ->> 'checkEventId')) WHERE type = 'escort_handover';

UPDATE events SET unknown_staff = (NOT EXISTS (
  SELECT 1 FROM staff s JOIN devices d ON d.checkpoint_id = s.checkpoint_id
  WHERE d.id = events.device_id AND s.badge = (events.payload::jsonb ->> 'staffBadge')))::int;
UPDATE events SET cross_checkpoint = (EXISTS (
  SELECT 1 FROM events c JOIN devices dc ON dc.id = c.device_id JOIN devices dh ON dh.id = events.device_id
  WHERE c.id = (events.payload::jsonb ->> 'checkEventId') AND (c.type <> 'check' OR dc.checkpoint_id <> dh.checkpoint_id)))::int
WHERE type = 'escort_handover';
