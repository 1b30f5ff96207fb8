#!/bin/sh
# Applied after solution/groupes.sh: Parc-{{service1}} turned into a static group of the machines
# that have the TAG today (what the console's "static group" from a search's result makes: no
# search kept, its members in groups_cache with STATIC=1).
set -eu
db() { mariadb -N ocsweb -e "$1"; }
p=$(db "SELECT ID FROM hardware WHERE DEVICEID='_SYSTEMGROUP_' AND NAME='Parc-{{service1}}'")
db "UPDATE \`groups\` SET XMLDEF='' WHERE HARDWARE_ID=$p; DELETE FROM groups_cache WHERE GROUP_ID=$p;
    INSERT INTO groups_cache(HARDWARE_ID, GROUP_ID, STATIC) SELECT HARDWARE_ID, $p, 1 FROM accountinfo WHERE TAG = '{{service1}}'"
