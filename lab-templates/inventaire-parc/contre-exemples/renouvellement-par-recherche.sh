#!/bin/sh
# Applied after solution/groupes.sh: Renouvellement-W10 turned into a dynamic group, a search
# (every machine whose system is Windows 10) instead of the specification's static list.
set -eu
db() { mariadb -N ocsweb -e "$1"; }
s=$(db "SELECT ID FROM hardware WHERE DEVICEID='_SYSTEMGROUP_' AND NAME='Renouvellement-W10'")
db "DELETE FROM groups_cache WHERE GROUP_ID=$s;
    UPDATE \`groups\` SET XMLDEF='<xmldef><REQUEST>select distinct ID from hardware where OSNAME like &apos;%Windows 10%&apos;</REQUEST></xmldef>' WHERE HARDWARE_ID=$s"
