-- Check runs (issue 5): every "Vérifier" (VERIFICATION) and the final run of a submission
-- (FINAL, at most one per lab). `results` is the JSON text exactly as hashed: `hash` is the
-- SHA-256 of the run's header and that text, so any later change is detectable; the
-- trigger below also refuses any update of a run.
create table check_run (
    id               uuid primary key,
    lab_id           uuid        not null references lab (id) on delete cascade,
    kind             text        not null check (kind in ('VERIFICATION', 'FINAL')),
    actor            text        not null,
    template_version integer     not null,
    started_at       timestamptz not null,
    finished_at      timestamptz not null,
    results          text        not null,
    hash             text        not null
);
create index check_run_lab on check_run (lab_id, started_at);
create unique index check_run_one_final on check_run (lab_id) where kind = 'FINAL';

-- A trainer's or validator's decision on a criterion, with the value it replaced: the
-- audit log of grades. Rows are only ever added.
create table grade_override (
    id           bigserial primary key,
    lab_id       uuid        not null references lab (id) on delete cascade,
    criterion_id text        not null,
    computed     boolean     not null,
    previous     boolean     not null,
    acquired     boolean     not null,
    reason       text        not null,
    actor        text        not null,
    at           timestamptz not null
);
create index grade_override_lab on grade_override (lab_id, id);

-- When a lab is submitted by itself (the end of the trainee's time).
create table lab_deadline (
    lab_id   uuid primary key references lab (id) on delete cascade,
    deadline timestamptz not null,
    set_by   text        not null,
    set_at   timestamptz not null
);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% rows cannot be changed (evidence of grading)', tg_table_name;
end $$;
create trigger check_run_immutable before update on check_run for each row execute function refuse_change();
create trigger grade_override_append_only before update on grade_override for each row execute function refuse_change();
