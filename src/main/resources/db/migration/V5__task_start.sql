-- When the trainee started each task of a lab (issue 5): starting a task applies its faults
-- once; the row is written only after they were applied, and a reset forgets it.
create table task_start (
    lab_id         uuid        not null references lab (id) on delete cascade,
    task_id        text        not null,
    started_at     timestamptz not null,
    started_by     text        not null,
    faults_applied integer     not null,
    primary key (lab_id, task_id)
);
