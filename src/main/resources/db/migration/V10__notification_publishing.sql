-- Notifications are also published to a JMS topic (closeloop.notifications) for other systems: how many of a
-- notification's items have been published, so a follow-up (more items the same day) is published again.
alter table notification add column item_count integer not null default 0;
alter table notification add column published_count integer not null default 0;
