-- Tasks a trainer gave a trainee (issue 13, "catch up to a task"): the platform applied the
-- task's solution on the lab's machines. One row per application, only ever added: the grid
-- marks the criteria evidenced only by given tasks "given by the trainer", not acquired, so
-- a row cannot be deleted or truncated (V9's refuse_change). The one change allowed: a reset
-- of the lab's disks sets `disks_reset_at` once (the solution is gone from the machines, so
-- a later catch-up applies it again; the grid still says given).
create table task_given (
    id             bigserial primary key,
    lab_id         uuid        not null references lab (id) on delete cascade,
    task_id        text        not null,
    catch_up_to    text        not null,
    given_at       timestamptz not null,
    given_by       text        not null,
    disks_reset_at timestamptz
);
create index task_given_lab on task_given (lab_id, id);

create function task_given_only_disks_reset() returns trigger language plpgsql as $$
begin
    if old.disks_reset_at is null and new.disks_reset_at is not null
            and (new.id, new.lab_id, new.task_id, new.catch_up_to, new.given_at, new.given_by)
                = (old.id, old.lab_id, old.task_id, old.catch_up_to, old.given_at, old.given_by) then
        return new;
    end if;
    raise exception 'task_given rows cannot be changed (evidence of grading), but for the reset of the lab''s disks';
end $$;
create trigger task_given_only_reset before update on task_given for each row
    execute function task_given_only_disks_reset();
create trigger task_given_kept before delete on task_given for each row execute function refuse_change();
create trigger task_given_not_truncated before truncate on task_given for each statement execute function refuse_change();
