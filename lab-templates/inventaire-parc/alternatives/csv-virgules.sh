#!/bin/sh
# The console's export separator set to ',' (its EXPORT_SEP setting), and the search exported with
# more columns (memory, serial number) in another order.
set -eu
mariadb ocsweb -e "DELETE FROM config WHERE NAME = 'EXPORT_SEP'; INSERT INTO config (NAME, IVALUE, TVALUE) VALUES ('EXPORT_SEP', NULL, ',')"
install -d -m 0755 /srv/rendu
mariadb -N ocsweb -e "SELECT h.OSNAME, b.SSN, h.NAME, h.MEMORY, i.TAG FROM hardware h
        JOIN accountinfo i ON i.HARDWARE_ID = h.ID LEFT JOIN bios b ON b.HARDWARE_ID = h.ID
        WHERE i.TAG = '{{service1}}' AND h.OSNAME LIKE '%Windows%' AND h.DEVICEID NOT IN ('_SYSTEMGROUP_', '_DOWNLOADGROUP_')
        ORDER BY h.MEMORY DESC" \
  | awk -F'\t' 'BEGIN { printf "Système d'"'"'exploitation,Numéro de série,Ordinateur,Mémoire,TAG," }
                { printf "\r\n"; for (i = 1; i <= NF; i++) printf "\"%s\",", $i }' > '/srv/rendu/windows-{{service1}}.csv'
