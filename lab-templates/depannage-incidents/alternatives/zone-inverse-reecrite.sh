#!/bin/sh
# Alternative (srv): the reverse zone written again from scratch, with full names and $ORIGIN,
# rather than the one wrong line corrected.
set -eu
cat > /etc/bind/db.192.168.90 <<'ZONE'
$ORIGIN 90.168.192.in-addr.arpa.
$TTL 300
@                                IN SOA srv.arvor.lan. admin.arvor.lan. ( 2026120110 3600 600 86400 300 )
@                                IN NS  srv.arvor.lan.
10.90.168.192.in-addr.arpa.      IN PTR srv.arvor.lan.
20.90.168.192.in-addr.arpa.      IN PTR poste.arvor.lan.
30.90.168.192.in-addr.arpa.      IN PTR helpdesk.arvor.lan.
ZONE
named-checkzone 90.168.192.in-addr.arpa /etc/bind/db.192.168.90 >/dev/null
rndc reload 90.168.192.in-addr.arpa >/dev/null 2>&1 || systemctl restart named
