-- Lab instances (issue 3). A lab's state is written before the side effect it announces;
-- the plan is the template resolved for this lab (networks, nodes, addresses, scripts), so a
-- lab can be provisioned again after a restart even if its template changed since.
create table lab (
    id                uuid primary key,
    template_id       text        not null,
    template_hash     text        not null,
    trainee           text        not null,
    created_by        text        not null,
    state             text        not null,
    reason            text,
    plan              jsonb       not null,
    parameters        jsonb       not null,
    trainee_password  text        not null,
    ssh_private_key   text        not null,
    ssh_public_key    text        not null,
    memory_mib        integer     not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    ready_at          timestamptz,
    expires_at        timestamptz not null
);
create index lab_trainee on lab (trainee);
create index lab_created_by on lab (created_by);
create index lab_state on lab (state);

-- One row per node; management_number is the node's slot on the management network
-- (address and MAC derive from it), released (null) once the lab's VMs are gone.
create table lab_node (
    lab_id            uuid    not null references lab (id) on delete cascade,
    name              text    not null,
    management_number integer unique,
    primary key (lab_id, name)
);

-- Every state change, with who asked and why: the lab's history.
create table lab_event (
    id       bigserial primary key,
    lab_id   uuid        not null references lab (id) on delete cascade,
    at       timestamptz not null,
    state    text        not null,
    reason   text,
    actor    text        not null
);
create index lab_event_lab on lab_event (lab_id);
