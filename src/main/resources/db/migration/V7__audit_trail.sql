-- Audit trail (21 CFR 11.10(e), EU GMP Annex 11 §9) and electronic signatures (11.50, 11.70).
-- Entries are only ever inserted. Each entry's hash covers its content and the previous entry's hash, so an
-- entry changed or deleted afterwards is found by GET /api/audit/verify. The append-only guard (a trigger
-- refusing UPDATE/DELETE/TRUNCATE) is in the vendor migration V7_1; docs/audit.md shows how to run the
-- application as a role that cannot alter the table at all on PostgreSQL.
create table audit_entry (
    seq               bigint        not null primary key,
    recorded_at       timestamp with time zone not null,
    actor             varchar(300)  not null,
    via               varchar(500),
    action            varchar(40)   not null,
    entity_type       varchar(40)   not null,
    entity_id         varchar(200)  not null,
    old_values        text,
    new_values        text,
    reason            varchar(1000),
    event_source      varchar(500),
    event_id          varchar(200),
    event_time        timestamp with time zone,
    prev_hash         varchar(64)   not null,
    entry_hash        varchar(64)   not null
);
create index ix_audit_entity on audit_entry (entity_type, entity_id, seq);
create index ix_audit_event on audit_entry (event_source, event_id);

-- The head of the chain: one row, locked by each appending transaction just before it commits, so entries get
-- gap-free sequence numbers in commit order. A truncated tail is found by comparing with the head.
create table audit_head (
    head_id           integer       not null primary key,
    seq               bigint        not null,
    entry_hash        varchar(64)   not null,
    constraint ck_audit_head_single check (head_id = 1)
);
insert into audit_head (head_id, seq, entry_hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Electronic signatures, each linked to one record: record_hash is the SHA-256 of the record's signed content,
-- signature_hash covers the signature's own fields and record_hash; a signature moved to another record, or a
-- record changed after signing, no longer verifies.
create table electronic_signature (
    signature_id      varchar(36)   not null primary key,
    record_type       varchar(40)   not null,
    record_id         varchar(200)  not null,
    signer            varchar(200)  not null,
    printed_name      varchar(200)  not null,
    meaning           varchar(32)   not null,
    signed_at         timestamp with time zone not null,
    method            varchar(32)   not null,
    external_ref      varchar(200),
    record_hash       varchar(64)   not null,
    signature_hash    varchar(64)   not null,
    recorded_at       timestamp with time zone not null,
    source_event_id   varchar(200),
    source_event_source varchar(500),
    constraint uq_signature_record unique (record_type, record_id, meaning, signer),
    constraint ck_signature_meaning check (meaning in ('COMPLETED_TRAINING', 'APPROVED_CLOSURE', 'VERIFIED')),
    constraint ck_signature_method check (method in ('PASSWORD_REAUTHENTICATION', 'SOURCE_SYSTEM'))
);
create index ix_signature_record on electronic_signature (record_type, record_id);

-- The compliance report reads completions and assignments by document and due date.
create index ix_assignment_due on training_assignment (due_date);
create index ix_assignment_effective on training_assignment (effective_date);

-- The text of every rule file of each activated rule set, so an audit pack can show the rules that decided a record.
alter table rule_set add column sources text;
