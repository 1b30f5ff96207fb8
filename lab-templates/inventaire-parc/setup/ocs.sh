#!/bin/sh
# ocs: the company's fleet as the inventory server already knows it (eight machines whose agents
# report from outside the lab: Windows and Debian workstations of four departments), sent to the
# communication server as their agents would, before the trainee protects it. The two lab
# workstations (poste1, poste2) are not here: deploying their agent is the trainee's task.
set -eu
U=http://127.0.0.1/ocsinventory
# Apache and MariaDB start with the machine: wait for the communication server (120 s at most)
for _ in $(seq 60); do
    [ "$(curl -s -o /dev/null -m 20 -w '%{http_code}' -A OCS-NG_unified_unix_agent_v2.10.0 "$U")" = 400 ] && break
    sleep 2
done
r=$(mktemp) && trap 'rm -f "$r"' EXIT
# send NAME TAG OSNAME OSVERSION MAKER MODEL SERIAL MEMORY IP MAC
send() {
    local did="$1-2025-09-01-08-00-00" code ua=OCS-NG_unified_unix_agent_v2.10.0
    # Windows machines report through OCS's Windows agent (the console counts machines by agent)
    case "$3" in *Windows*) ua=OCS-NG_WINDOWS_AGENT_v2.8.0.0 ;; esac
    code=$(curl -s -m 60 -o "$r" -w '%{http_code}' -A "$ua" \
        -H 'Content-Type: application/xml' --data-binary @- "$U" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<REQUEST>
  <CONTENT>
    <ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>$2</KEYVALUE></ACCOUNTINFO>
    <BIOS><SMANUFACTURER>$5</SMANUFACTURER><SMODEL>$6</SMODEL><SSN>$7</SSN><TYPE>Desktop</TYPE></BIOS>
    <HARDWARE><CHECKSUM>131071</CHECKSUM><NAME>$1</NAME><OSNAME>$3</OSNAME><OSVERSION>$4</OSVERSION><MEMORY>$8</MEMORY><IPADDR>$9</IPADDR><PROCESSORN>4</PROCESSORN><PROCESSORS>2900</PROCESSORS><PROCESSORT>Intel(R) Core(TM) i5</PROCESSORT><WORKGROUP>ARVOR</WORKGROUP></HARDWARE>
    <NETWORKS><DESCRIPTION>Ethernet</DESCRIPTION><IPADDRESS>$9</IPADDRESS><IPMASK>255.255.255.0</IPMASK><MACADDR>${10}</MACADDR><STATUS>Up</STATUS><TYPE>Ethernet</TYPE></NETWORKS>
  </CONTENT>
  <DEVICEID>$did</DEVICEID>
  <QUERY>INVENTORY</QUERY>
</REQUEST>
XML
    )
    [ "$code" = 200 ] && grep -q '<REPLY>' "$r" || { echo "$1: HTTP $code $(head -c 300 "$r")" >&2; exit 1; }
}
W10='Microsoft Windows 10 Professionnel'; W11='Microsoft Windows 11 Professionnel'; D12='Debian GNU/Linux 12'
send PC-COMPTA-01 COMPTA    "$W11" 10.0.22631 Dell   'OptiPlex 7010'        CZC31A07 16384 10.20.1.11 00:1a:a0:31:07:11
send PC-COMPTA-02 COMPTA    "$W10" 10.0.19045 Dell   'OptiPlex 7050'        CZC17B52 8192  10.20.1.12 00:1a:a0:17:52:12
send PC-COMPTA-03 COMPTA    "$D12" 12         Lenovo 'ThinkCentre M70q'     MJ0H4K21 8192  10.20.1.13 00:1a:a0:0b:21:13
send PC-RH-01     RH        "$W10" 10.0.19045 HP     'EliteDesk 800 G3'     CZC7281Q 8192  10.20.2.11 00:1a:a0:72:81:21
send PC-RH-02     RH        "$W11" 10.0.22631 HP     'EliteDesk 800 G6'     CZC0391X 16384 10.20.2.12 00:1a:a0:03:91:22
send PC-DIR-01    DIRECTION "$W11" 10.0.22631 Lenovo 'ThinkPad T14 Gen 3'   PF3RK8M2 16384 10.20.3.11 00:1a:a0:3b:82:31
send PC-VENTES-01 VENTES    "$W10" 10.0.19045 Dell   'Latitude 5490'        5CG8341Z 8192  10.20.4.11 00:1a:a0:83:41:41
send PC-VENTES-02 VENTES    "$D12" 12         Dell   'Latitude 5520'        7HX2JQ3  16384 10.20.4.12 00:1a:a0:2a:33:42
n=$(mariadb -N ocsweb -e "SELECT COUNT(*) FROM hardware WHERE NAME LIKE 'PC-%'")
[ "$n" = 8 ] || { echo "ocsweb: $n machines of the fleet instead of 8" >&2; exit 1; }
