-- Terminal sessions recorded as asciicast v2 files: evidence attached to the lab.
create table console_recording (
    id         uuid primary key,
    lab_id     uuid        not null references lab (id) on delete cascade,
    node       text        not null,
    kind       text        not null,
    opened_by  text        not null,
    started_at timestamptz not null,
    ended_at   timestamptz,
    bytes      bigint      not null default 0,
    path       text        not null
);
create index console_recording_lab on console_recording (lab_id);
