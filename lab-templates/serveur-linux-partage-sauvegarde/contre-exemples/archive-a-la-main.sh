#!/bin/sh
# Counterexample archive-posee-a-la-main (srv): today's archive is a copy, made by hand, of
# the newest one, and the daily cron line only touches it. The check's witness file is in
# no archive the job makes.
set -e
cp -p "$(ls -t /srv/sauvegardes/compta-*.tar.gz | head -n 1)" /srv/sauvegardes/compta-$(date +%F).tar.gz
echo '30 23 * * * root touch /srv/sauvegardes/compta-$(date +\%F).tar.gz' > /etc/cron.d/sauvegarde-compta
