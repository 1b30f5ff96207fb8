-- Faults applied to a lab's machines (issue 13, "nothing guest-side decides"): the platform's
-- own record, no longer a marker file in the guest, which the trainee (root on the node) could
-- write before starting the task so that the fault never broke anything. One row per attempt,
-- only ever added (no delete, no truncate: V9's refuse_change). The changes allowed mark a row
-- once: `applied_at` (the script succeeded) or `failed_at` with `failure`, and `disks_reset_at`
-- when a reset replaced the lab's disks (the fault applies again on the new ones).
-- `nonce`: random, made before the script runs; its wrapper writes it to the node's
-- /var/lib/atelier/fault-<id>.applied after success, so an attempt left unmarked by a platform
-- that stopped meanwhile counts as applied only when that file holds this nonce.
create table fault_applied (
    id             bigserial primary key,
    lab_id         uuid        not null references lab (id) on delete cascade,
    fault_id       text        not null,
    node           text        not null,
    nonce          text        not null,
    started_at     timestamptz not null,
    applied_at     timestamptz,
    failed_at      timestamptz,
    failure        text,
    disks_reset_at timestamptz,
    check (applied_at is null or failed_at is null)
);
create index fault_applied_lab on fault_applied (lab_id, fault_id, id);

create function fault_applied_only_marked() returns trigger language plpgsql as $$
begin
    if (new.id, new.lab_id, new.fault_id, new.node, new.nonce, new.started_at)
                = (old.id, old.lab_id, old.fault_id, old.node, old.nonce, old.started_at)
            and (old.applied_at is null or new.applied_at is not distinct from old.applied_at)
            and (old.failed_at is null or (new.failed_at is not distinct from old.failed_at
                                           and new.failure is not distinct from old.failure))
            and (old.disks_reset_at is null or new.disks_reset_at is not distinct from old.disks_reset_at) then
        return new;
    end if;
    raise exception 'fault_applied rows cannot be changed (evidence of grading), but marked applied, failed or reset once';
end $$;
create trigger fault_applied_only_marked before update on fault_applied for each row
    execute function fault_applied_only_marked();
create trigger fault_applied_kept before delete on fault_applied for each row execute function refuse_change();
create trigger fault_applied_not_truncated before truncate on fault_applied for each statement
    execute function refuse_change();

-- Labs made before this table: their faults were applied under the former guest markers.
-- Record those the platform knows were applied to the current disks (nonce 'before-V12',
-- never read: the rows are marked applied): the at-boot faults of a lab that reached READY
-- since its last provisioning (READY, SUBMITTED, GRADED, STOPPED) and the faults of its
-- started tasks, so powering such a lab on again does not break its machines a second time.
insert into fault_applied (lab_id, fault_id, node, nonce, started_at, applied_at)
select l.id, f ->> 'id', f ->> 'node', 'before-V12', coalesce(l.ready_at, l.updated_at), coalesce(l.ready_at, l.updated_at)
from lab l cross join lateral jsonb_array_elements(case when jsonb_typeof(l.plan -> 'faults') = 'array'
    then l.plan -> 'faults' else '[]'::jsonb end) f
where l.state in ('READY', 'SUBMITTED', 'GRADED', 'STOPPED') and coalesce(f ->> 'when', 'boot') = 'boot'
union all
select l.id, f ->> 'id', f ->> 'node', 'before-V12', s.started_at, s.started_at
from lab l cross join lateral jsonb_array_elements(case when jsonb_typeof(l.plan -> 'faults') = 'array'
    then l.plan -> 'faults' else '[]'::jsonb end) f
join task_start s on s.lab_id = l.id and s.task_id = f ->> 'when'
where l.state not in ('DESTROYED', 'EXPIRED');
