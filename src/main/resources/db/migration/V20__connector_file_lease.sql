-- Drop-folder leases (routes/connectors/csv-drop-folders.yaml, readLock idempotent-changed with the csvFileLeases
-- repository): a node imports a dropped file only while it holds the file's row here, so hub nodes polling one shared
-- drop folder never import the same file at the same time. The importing node renews its leases; a lease not renewed
-- for closeloop.connectors.lease-seconds (its node died mid-import) may be taken over by another node. Operational
-- state, not a GMP record: rows are deleted when the file has been moved to done/ or failed/.
create table connector_file_lease (
    lease_key         varchar(1000) not null primary key,
    owner             varchar(200)  not null,
    acquired_at       timestamp with time zone not null,
    renewed_at        timestamp with time zone not null
);
