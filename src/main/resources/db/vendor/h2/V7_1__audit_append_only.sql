-- H2 (embedded default): the same append-only guard as on PostgreSQL, as a Java trigger.
create trigger audit_entry_append_only before update, delete on audit_entry
    for each row call 'com.closeloop.audit.AppendOnlyTrigger';
create trigger electronic_signature_append_only before update, delete on electronic_signature
    for each row call 'com.closeloop.audit.AppendOnlyTrigger';
