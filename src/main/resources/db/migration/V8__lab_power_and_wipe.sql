-- Issue 12. `powered`: the lab's VMs are meant to run (REQUESTED, PROVISIONING, READY,
-- SUBMITTED, and a GRADED lab a trainer started again to inspect it); only powered labs count
-- in the host's limits, and the reconciler powers off what runs without being meant to.
-- A graded, stopped or failed lab is not powered: its VMs are off, its disks kept.
-- `wipe_pending`: a reset was asked and its disks are not wiped yet; provisioning (after a
-- crash too) wipes them first, so an interrupted reset still starts from the initial disks.
alter table lab add column powered boolean not null default true;
alter table lab add column wipe_pending boolean not null default false;
update lab set powered = false where state in ('STOPPED', 'FAILED', 'GRADED', 'DESTROYED', 'EXPIRED');
