#!/bin/sh
# Counterexample: the three technicians with their passwords, privileged, but all in one
# "Support" group: the level groups the specification names do not exist.
set -eu
d=$(mktemp) && trap 'rm -f "$d" "$d.log"' EXIT
cat > "$d" <<'DATA'
@Groups = ( { Name => 'Support', Description => 'Techniciens' } );
@Users = (
    { Name => '{{n1}}', EmailAddress => '{{n1}}@arvor.lan', Password => '{{mdp_n1}}', Privileged => 1 },
    { Name => '{{n2}}', EmailAddress => '{{n2}}@arvor.lan', Password => '{{mdp_n2}}', Privileged => 1 },
    { Name => '{{n3}}', EmailAddress => '{{n3}}@arvor.lan', Password => '{{mdp_n3}}', Privileged => 1 },
);
@Members = map { { Group => 'Support', Class => 'RT::User', Name => $_ } } ('{{n1}}', '{{n2}}', '{{n3}}');
1;
DATA
# rt-setup-database exits 0 even when an object cannot be made: its errors are the verdict
rt-setup-database-5 --action insert --skip-create --datafile "$d" >/dev/null 2>"$d.log" || { cat "$d.log" >&2; exit 1; }
if grep '\[error\]' "$d.log" >&2; then exit 1; fi
