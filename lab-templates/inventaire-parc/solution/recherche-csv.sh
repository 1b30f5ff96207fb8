#!/bin/sh
# The multi-criteria search (TAG = {{service1}} and operating system containing "Windows") and its
# export, as the console writes it (plugins/main_sections/ms_export/ms_csv.php: the columns' names
# separated by ';', then one line per machine, each value in double quotes followed by ';', lines
# separated by CRLF), handed in at /srv/rendu/.
set -eu
install -d -m 0755 /srv/rendu
mariadb -N ocsweb -e "SELECT h.NAME, i.TAG, h.OSNAME, b.SMANUFACTURER, b.SMODEL FROM hardware h
        JOIN accountinfo i ON i.HARDWARE_ID = h.ID LEFT JOIN bios b ON b.HARDWARE_ID = h.ID
        WHERE i.TAG = '{{service1}}' AND h.OSNAME LIKE '%Windows%' AND h.NAME NOT LIKE 'examen-%'
        AND h.DEVICEID NOT IN ('_SYSTEMGROUP_', '_DOWNLOADGROUP_') ORDER BY h.NAME" \
  | awk -F'\t' 'BEGIN { printf "Ordinateur;TAG;Système d'"'"'exploitation;Fabricant;Modèle;" }
                { printf "\r\n"; for (i = 1; i <= NF; i++) printf "\"%s\";", $i }' > '/srv/rendu/windows-{{service1}}.csv'
