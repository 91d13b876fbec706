-- Issue 16: the signed documents a scanner syncs besides the trust bundle, one per checkpoint: its
-- checkpoint data (staff and PIN hashes, docs/devices.md) and its expected charter runs (item 7,
-- docs/charter-pass.md). As with trust_bundle_current (023), a node signing its own copy would answer
-- the same content with other bytes and another ETag than the next node, and a scanner switching
-- between them would download it each time and could take the copy with the lower iat for an older one.
-- So the copy every node serves is kept here: a node that finds one for the content it built serves it
-- as it is; a node that signs stores its copy unless a newer one is stored meanwhile.
-- `scope` is the checkpoint id. Expired rows are pruned (they may name staff or charter passengers).
-- @sqlite
CREATE TABLE signed_documents (
  kind TEXT NOT NULL CHECK (kind IN ('checkpoint-data', 'charter-runs')),
  scope INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  kid TEXT NOT NULL,
  iat INTEGER NOT NULL,
  exp INTEGER NOT NULL,
  etag TEXT NOT NULL,
  jws TEXT NOT NULL,
  PRIMARY KEY (kind, scope)
);
CREATE INDEX signed_documents_exp ON signed_documents (exp);
-- @postgres
CREATE TABLE signed_documents (
  kind TEXT NOT NULL CHECK (kind IN ('checkpoint-data', 'charter-runs')),
  scope BIGINT NOT NULL,
  content_hash TEXT NOT NULL,
  kid TEXT NOT NULL,
  iat BIGINT NOT NULL,
  exp BIGINT NOT NULL,
  etag TEXT NOT NULL,
  jws TEXT NOT NULL,
  PRIMARY KEY (kind, scope)
);
CREATE INDEX signed_documents_exp ON signed_documents (exp);
