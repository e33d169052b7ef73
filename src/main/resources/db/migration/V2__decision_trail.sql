-- Every decision made for every event, as one list: decision_record holds all decisions except ASSIGN,
-- whose record is the assignment row itself (rule name, rule-set version, source event).
create view decision_trail as
select d.event_source, d.event_id, d.kind, d.rule_name, d.rule_set_version, d.employee_id, d.document_number, d.version,
       d.job_function_code, d.assignment_id, d.due_date, d.detail, d.decided_at
  from decision_record d
union all
select a.source_event_source, a.source_event_id, 'ASSIGN', a.rule_name, a.rule_set_version, a.employee_id, a.document_number,
       a.version, null, a.assignment_id, a.due_date, a.reason, a.created_at
  from training_assignment a;
