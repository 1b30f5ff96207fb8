-- Persistence by reboot (issue 13): when a template has checks `after: reboot`, the final run
-- is made in two parts. Every check runs first; those results are stored at once as the lab's
-- BEFORE_REBOOT run (at most one per lab, kept as evidence like any run), then the platform
-- reboots the lab and runs the `after: reboot` checks again; the FINAL run carries the
-- before-reboot results of the other checks and the after-reboot ones of those checks. A
-- crash during the reboot resumes from the stored BEFORE_REBOOT run: the reboot is redone.
alter table check_run drop constraint check_run_kind_check;
alter table check_run add constraint check_run_kind_check check (kind in ('VERIFICATION', 'BEFORE_REBOOT', 'FINAL'));
create unique index check_run_one_before_reboot on check_run (lab_id) where kind = 'BEFORE_REBOOT';
