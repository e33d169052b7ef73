-- Issue 11 / SPEC §2b: QA decisions over the rules.

-- Training-impact verdict and implementation period on a version approval. approved_event_at is the approval's event
-- time: holders with a counting completion of the previously required version by then get the implementation period.
alter table document_version add column training_impact varchar(16);
alter table document_version add column training_impact_reason varchar(1000);
alter table document_version add column training_impact_decided_by varchar(200);
alter table document_version add column implementation_days integer;
alter table document_version add column approved_event_at timestamp with time zone;
alter table document_version add constraint ck_training_impact check (training_impact in ('REQUIRED', 'NOT_REQUIRED'));

-- A completion made through an equivalence: a completion of the satisfied version derived from the course completion
-- (equivalent_of = the course completion; equivalent_document/version = the course).
alter table training_completion add column equivalent_of varchar(36);
alter table training_completion add column equivalent_document varchar(64);
alter table training_completion add column equivalent_version varchar(32);
alter table training_completion add column equivalence_id varchar(64);

-- How an assignment was completed when not by its own document (completedBy {kind: EQUIVALENT, documentNumber, version}).
alter table training_assignment add column completed_by_document varchar(64);
alter table training_assignment add column completed_by_version varchar(32);

-- Exemptions: in force from granted_at (event time) through valid_until (plant date, inclusive) or until revoked_at.
create table training_exemption (
    exemption_id      varchar(64)   not null primary key,
    employee_id       varchar(64)   not null references employee (employee_id),
    document_number   varchar(64)   not null references controlled_document (document_number),
    version           varchar(32),
    reason            varchar(1000) not null,
    approved_by       varchar(200)  not null,
    valid_until       date          not null,
    evidence_ref      varchar(500),
    granted_at        timestamp with time zone not null,
    revoked_at        timestamp with time zone,
    revoked_by        varchar(200),
    revoke_reason     varchar(1000),
    rule_set_version  varchar(64)   not null,
    source_event_id   varchar(200)  not null,
    source_event_source varchar(500) not null,
    recorded_at       timestamp with time zone not null
);
create index ix_exemption_employee_doc on training_exemption (employee_id, document_number);
create index ix_exemption_valid_until on training_exemption (valid_until);

-- Equivalences: completing the course version satisfies each target version (targets in force from added_at).
create table training_equivalence (
    equivalence_id    varchar(64)   not null primary key,
    document_number   varchar(64)   not null,
    version           varchar(32)   not null,
    approved_by       varchar(200)  not null,
    declared_at       timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    source_event_id   varchar(200)  not null,
    source_event_source varchar(500) not null,
    constraint fk_equivalence_course foreign key (document_number, version) references document_version (document_number, version)
);
create index ix_equivalence_course on training_equivalence (document_number, version);

create table training_equivalence_target (
    equivalence_id    varchar(64)   not null references training_equivalence (equivalence_id),
    document_number   varchar(64)   not null,
    version           varchar(32)   not null,
    added_at          timestamp with time zone not null,
    constraint pk_equivalence_target primary key (equivalence_id, document_number, version),
    constraint fk_equivalence_target foreign key (document_number, version) references document_version (document_number, version)
);

-- Due-date extension requests and the rules' answer (allowed ones moved the assignment's due date).
create table assignment_extension (
    extension_id      varchar(36)   not null primary key,
    assignment_id     varchar(36)   not null references training_assignment (assignment_id),
    requested_by      varchar(200)  not null,
    reason            varchar(1000) not null,
    previous_due_date date          not null,
    requested_due_date date         not null,
    allowed           boolean       not null,
    refusal           varchar(1000),
    rule_name         varchar(200)  not null,
    rule_set_version  varchar(64)   not null,
    requested_at      timestamp with time zone not null,
    source_event_id   varchar(200)  not null,
    source_event_source varchar(500) not null
);
create index ix_extension_assignment on assignment_extension (assignment_id);

-- A decision's further fields (JSON object text), e.g. a verdict's verdict/reason/decidedBy or an extension's limit.
alter table decision_record add column attributes varchar(4000);
drop view decision_trail;
create view decision_trail as
select d.event_source, d.event_id, d.kind, d.rule_name, d.rule_set_version, d.employee_id, d.document_number, d.version,
       d.job_function_code, d.assignment_id, d.due_date, d.detail, d.decided_at, d.attributes
  from decision_record d
union all
select a.source_event_source, a.source_event_id, 'ASSIGN', a.rule_name, a.rule_set_version, a.employee_id, a.document_number,
       a.version, null, a.assignment_id, a.due_date, a.reason, a.created_at, cast(null as varchar(4000))
  from training_assignment a;
