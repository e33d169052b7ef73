-- Reminder and escalation digests (SPEC §2a, §4a): one notification per recipient per plant day listing every item,
-- kept with its delivery state; e-mail is sent after commit from this table (it is its own outbox), with retries.
create table notification (
    notification_id   varchar(36)   not null primary key,
    recipient         varchar(320)  not null,
    notification_date date          not null,
    kind              varchar(16)   not null,
    items             text          not null,
    rule_set_version  varchar(64)   not null,
    delivery          varchar(16)   not null,
    attempts          integer       not null,
    next_attempt_at   timestamp with time zone,
    sent_at           timestamp with time zone,
    last_error        varchar(1000),
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    source_event_id   varchar(200)  not null,
    source_event_source varchar(500) not null,
    constraint uq_notification_day unique (recipient, notification_date),
    constraint ck_notification_kind check (kind in ('REMINDER', 'OVERDUE', 'ESCALATION')),
    constraint ck_notification_delivery check (delivery in ('PENDING', 'SENT', 'FAILED', 'NOT_CONFIGURED'))
);
create index ix_notification_pending on notification (delivery, next_attempt_at);
create index ix_notification_date on notification (notification_date);
