#!/bin/sh
# Parc-{{service1}} as specified, but Renouvellement-W10 made from a search (every machine whose
# system is Windows 10) saved as a dynamic group.
set -eu
db() { mariadb -N ocsweb -e "$1"; }
group() { # NAME DESCRIPTION XMLDEF
    db "INSERT INTO hardware(DEVICEID, NAME, DESCRIPTION, LASTDATE) VALUES ('_SYSTEMGROUP_', '$1', '$2', NOW());
        INSERT INTO \`groups\`(HARDWARE_ID, XMLDEF, CREATE_TIME) VALUES (LAST_INSERT_ID(), '$3', UNIX_TIMESTAMP())"; }
group Renouvellement-W10 'Postes sous Windows 10 à renouveler' \
    "<xmldef><REQUEST>select distinct ID from hardware where OSNAME like &apos;%Windows 10%&apos;</REQUEST></xmldef>"
group 'Parc-{{service1}}' 'Machines du service {{service1}}' \
    "<xmldef><REQUEST>select distinct hardware_id from accountinfo where TAG = &apos;{{service1}}&apos;</REQUEST></xmldef>"
