#!/bin/sh
# Renouvellement-W10 as specified, but Parc-{{service1}} made as a static group of the machines
# that have the TAG today (the console's "static group" from a search's result).
set -eu
db() { mariadb -N ocsweb -e "$1"; }
group() { # NAME DESCRIPTION
    db "INSERT INTO hardware(DEVICEID, NAME, DESCRIPTION, LASTDATE) VALUES ('_SYSTEMGROUP_', '$1', '$2', NOW());
        INSERT INTO \`groups\`(HARDWARE_ID, XMLDEF, CREATE_TIME) VALUES (LAST_INSERT_ID(), '', UNIX_TIMESTAMP())"
    db "SELECT ID FROM hardware WHERE DEVICEID='_SYSTEMGROUP_' AND NAME='$1'"; }
s=$(group Renouvellement-W10 'Postes sous Windows 10 à renouveler')
db "INSERT INTO groups_cache(HARDWARE_ID, GROUP_ID, STATIC) SELECT ID, $s, 1 FROM hardware WHERE NAME IN ('PC-COMPTA-02', 'PC-RH-01', 'PC-VENTES-01')"
p=$(group 'Parc-{{service1}}' 'Machines du service {{service1}}')
db "INSERT INTO groups_cache(HARDWARE_ID, GROUP_ID, STATIC) SELECT HARDWARE_ID, $p, 1 FROM accountinfo WHERE TAG = '{{service1}}'"
