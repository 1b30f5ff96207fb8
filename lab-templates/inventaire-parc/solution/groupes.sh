#!/bin/sh
# The two groups, made as the console makes them (require/function_groups.php, creat_group): a
# hardware row of device _SYSTEMGROUP_, a `groups` row, and for the static group its members in
# groups_cache with STATIC=1; the dynamic group keeps its search (XMLDEF, one SELECT of hardware
# ids per criterion, as the console's multi-criteria search writes it) and the communication
# server computes its members.
set -eu
db() { mariadb -N ocsweb "$@"; }
group() { # NAME DESCRIPTION XMLDEF
    db -e "INSERT INTO hardware(DEVICEID, NAME, DESCRIPTION, LASTDATE) VALUES ('_SYSTEMGROUP_', '$1', '$2', NOW());
           INSERT INTO \`groups\`(HARDWARE_ID, XMLDEF, CREATE_TIME) VALUES (LAST_INSERT_ID(), '$3', UNIX_TIMESTAMP());
           SELECT LAST_INSERT_ID();" >/dev/null
    db -e "SELECT ID FROM hardware WHERE DEVICEID='_SYSTEMGROUP_' AND NAME='$1'"
}
s=$(group Renouvellement-W10 'Postes sous Windows 10 à renouveler' '')
db -e "INSERT INTO groups_cache(HARDWARE_ID, GROUP_ID, STATIC)
       SELECT ID, $s, 1 FROM hardware WHERE NAME IN ('PC-COMPTA-02', 'PC-RH-01', 'PC-VENTES-01')"
group 'Parc-{{service1}}' 'Machines du service {{service1}}' \
    "<xmldef><REQUEST>select distinct hardware_id from accountinfo where TAG = &apos;{{service1}}&apos;</REQUEST></xmldef>" >/dev/null
