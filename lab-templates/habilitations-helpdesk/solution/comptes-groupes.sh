#!/bin/sh
# The three level groups and their technicians (privileged accounts), through an RT data file
# loaded as root on helpdesk: what the web UI's Admin > Groups and Admin > Users would make.
set -eu
d=$(mktemp) && trap 'rm -f "$d"' EXIT
cat > "$d" <<'DATA'
@Groups = (
    { Name => 'Support-N1', Description => 'Techniciens de niveau 1' },
    { Name => 'Support-N2', Description => 'Techniciens de niveau 2' },
    { Name => 'Support-N3', Description => 'Techniciens de niveau 3' },
);
@Users = (
    { Name => '{{n1}}', EmailAddress => '{{n1}}@arvor.lan', Password => '{{mdp_n1}}', Privileged => 1 },
    { Name => '{{n2}}', EmailAddress => '{{n2}}@arvor.lan', Password => '{{mdp_n2}}', Privileged => 1 },
    { Name => '{{n3}}', EmailAddress => '{{n3}}@arvor.lan', Password => '{{mdp_n3}}', Privileged => 1 },
);
@Members = (
    { Group => 'Support-N1', Class => 'RT::User', Name => '{{n1}}' },
    { Group => 'Support-N2', Class => 'RT::User', Name => '{{n2}}' },
    { Group => 'Support-N3', Class => 'RT::User', Name => '{{n3}}' },
);
1;
DATA
# debian-rt's loader: rt-setup-database-5's insert with RT kept compiled between loads (3.5 s of
# CPU instead of 12 under TCG); it exits 1 when RT logged an error, which rt-setup-database does not
atelier-rt-load "$d"
