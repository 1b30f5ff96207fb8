#!/bin/sh
# The PTR record's type corrected, the serial raised, the zone checked, named reloading it.
set -eu
z=/etc/bind/db.192.168.90
sed -i 's/ IN PTT / IN PTR /; s/2026120102/2026120103/' "$z"
named-checkzone 90.168.192.in-addr.arpa "$z" >/dev/null
systemctl restart named
