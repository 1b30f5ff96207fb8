#!/bin/sh
# The search exported with one criterion, the TAG: the department's Debian workstations come too.
set -eu
install -d -m 0755 /srv/rendu
mariadb -N ocsweb -e "SELECT h.NAME, i.TAG, h.OSNAME FROM hardware h JOIN accountinfo i ON i.HARDWARE_ID = h.ID
        WHERE i.TAG = '{{service1}}' AND h.DEVICEID NOT IN ('_SYSTEMGROUP_', '_DOWNLOADGROUP_') ORDER BY h.NAME" \
  | awk -F'\t' 'BEGIN { printf "Ordinateur;TAG;Système d'"'"'exploitation;" }
                { printf "\r\n"; for (i = 1; i <= NF; i++) printf "\"%s\";", $i }' > '/srv/rendu/windows-{{service1}}.csv'
