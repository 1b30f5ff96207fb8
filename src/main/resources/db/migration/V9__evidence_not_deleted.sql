-- Evidence of grading is never removed (issue 13): a check run or a grade decision cannot be
-- deleted, one by one or by TRUNCATE, as it cannot be updated (V4). A lab is never deleted
-- as a row (its state becomes DELETED), so nothing cascades here. `check_run.hash` now holds
-- an HMAC-SHA256 under a key outside the database ('hmac-sha256:' then hex).
create trigger check_run_kept before delete on check_run for each row execute function refuse_change();
create trigger check_run_not_truncated before truncate on check_run for each statement execute function refuse_change();
create trigger grade_override_kept before delete on grade_override for each row execute function refuse_change();
create trigger grade_override_not_truncated before truncate on grade_override for each statement
    execute function refuse_change();
