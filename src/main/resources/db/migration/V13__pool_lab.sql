-- Hot pools (issue 14): the labs a template keeps restored and waiting for a trainee. A
-- pooled lab is a lab (table lab) with no trainee yet; this row says which images it was made
-- from, so that a rebuilt image removes it (its template revision is the lab's template_hash).
-- Written in the lab's insertion transaction; the row stays once the lab is claimed (history).
create table pool_lab (
    lab_id       uuid        primary key references lab (id) on delete cascade,
    template_id  text        not null,
    images       text        not null,
    requested_at timestamptz not null
);
