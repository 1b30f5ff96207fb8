#!/bin/sh
# The wiki's A record back in arvor.lan, the serial above the fault's, the zone checked and reloaded.
set -eu
z=/etc/bind/db.arvor.lan
grep -q '^wiki ' "$z" || sed -i '/^intranet /a wiki      IN A    192.168.90.10' "$z"
sed -i 's/2026120102/2026120103/' "$z"
named-checkzone arvor.lan "$z" >/dev/null
rndc reload arvor.lan >/dev/null
