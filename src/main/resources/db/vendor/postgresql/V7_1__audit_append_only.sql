-- PostgreSQL: audit entries and signatures cannot be updated, deleted or truncated through any connection
-- that does not first disable these triggers (which needs table ownership; see docs/audit.md for running the
-- hub as a role that owns nothing and holds only SELECT, INSERT on these tables).
create or replace function closeloop_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'closeloop: % is append-only (% refused)', tg_table_name, tg_op using errcode = '42501';
end;
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function closeloop_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function closeloop_refuse_change();
create trigger electronic_signature_append_only before update or delete on electronic_signature
    for each row execute function closeloop_refuse_change();
create trigger electronic_signature_no_truncate before truncate on electronic_signature
    for each statement execute function closeloop_refuse_change();
