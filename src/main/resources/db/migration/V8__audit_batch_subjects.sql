-- A bulk decision (a revision fanning out to thousands of assignments) is one audit entry whose new values list every
-- record it created, keyed by id; this table links each of those records to the entry, so a record's history still
-- finds it. The link is an index, not a record: the entry itself (and so its content) is covered by the hash chain.
create table audit_entry_subject (
    entity_type       varchar(40)   not null,
    entity_id         varchar(200)  not null,
    seq               bigint        not null references audit_entry (seq),
    constraint pk_audit_entry_subject primary key (entity_type, entity_id, seq)
);
