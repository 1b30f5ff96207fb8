#!/bin/sh
# Alternative (srv): wiki made an alias of the intranet (CNAME) rather than an A record again.
set -eu
z=/etc/bind/db.arvor.lan
sed -i '/^intranet /a wiki      IN CNAME intranet' "$z"
sed -i 's/2026120102/2026120110/' "$z"
named-checkzone arvor.lan "$z" >/dev/null
rndc reload arvor.lan >/dev/null
