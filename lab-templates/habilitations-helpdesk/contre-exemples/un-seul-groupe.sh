#!/bin/sh
# Counterexample: the three technicians with their passwords, privileged, but all in one
# "Support" group: the level groups the specification names do not exist.
set -eu
d=$(mktemp) && trap 'rm -f "$d"' EXIT
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
# debian-rt's loader: rt-setup-database-5's insert with RT kept compiled between loads (3.5 s of
# CPU instead of 12 under TCG); it exits 1 when RT logged an error, which rt-setup-database does not
atelier-rt-load "$d"
