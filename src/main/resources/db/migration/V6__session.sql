-- Sessions (issue 6): a trainer runs a template for a class. Time is counted from
-- started_at, minus the pauses (paused_seconds, plus the running pause since paused_since).
create table session (
    id                 uuid primary key,
    title              text        not null,
    template_id        text        not null,
    created_by         text        not null,
    mode               text        not null check (mode in ('entrainement', 'examen')),
    duration_minutes   integer     not null check (duration_minutes > 0),
    extension_minutes  integer     not null default 0,
    verification_limit integer,
    state              text        not null check (state in ('PLANNED', 'RUNNING', 'PAUSED', 'ENDED')),
    start_at           timestamptz,
    started_at         timestamptz,
    paused_since       timestamptz,
    paused_seconds     bigint      not null default 0,
    ended_at           timestamptz,
    created_at         timestamptz not null
);
create index session_created_by on session (created_by);

-- One row per trainee: their lab and their accommodations.
create table session_trainee (
    session_id         uuid    not null references session (id) on delete cascade,
    trainee            text    not null,
    lab_id             uuid    not null unique references lab (id),
    tiers_temps        boolean not null default false,
    extra_minutes      integer not null default 0,
    given_back_minutes integer not null default 0,
    primary key (session_id, trainee)
);

-- Every change of a session's time or state, who did it and for whom.
create table session_audit (
    id         bigserial primary key,
    session_id uuid        not null references session (id) on delete cascade,
    at         timestamptz not null,
    actor      text        not null,
    trainee    text,
    what       text        not null
);
create index session_audit_session on session_audit (session_id, id);
