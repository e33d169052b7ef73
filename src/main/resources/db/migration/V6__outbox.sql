-- Outbox: messages for other systems (the outcomes topic) recorded in the event's own transaction and sent after
-- the commit; a restart sends what was pending. An outcome message only names its event: the publisher renders the
-- outcome JSON from processed_event and decision_trail, so a 5,000-assignment fan-out writes one small row here.
-- Each message carries its id as Artemis' duplicate id, so a re-send after a crash between send and mark is dropped.
create table outbox_message (
    message_id        varchar(36)   not null primary key,
    destination       varchar(200)  not null,
    event_source      varchar(500)  not null,
    event_id          varchar(200)  not null,
    created_at        timestamp with time zone not null,
    sent_at           timestamp with time zone,
    attempts          integer       not null,
    constraint fk_outbox_event foreign key (event_source, event_id) references processed_event (event_source, event_id)
);
create index ix_outbox_pending on outbox_message (sent_at, created_at);

alter table processed_event add column rule_set_version varchar(64);

-- The decision trail of one event (outcome rendering, GET /api/decisions): assignments by the event that made them.
create index ix_assignment_source_event on training_assignment (source_event_source, source_event_id);
