#!/bin/sh
# Undo of archive-posee-a-la-main (srv): no cron line, /srv/sauvegardes as it was.
set -e
s=/var/tmp/atelier-preuve/archive-a-la-main
rm -f /etc/cron.d/sauvegarde-compta
rm -rf /srv/sauvegardes
mv $s/sauvegardes /srv/sauvegardes
rm -rf $s
