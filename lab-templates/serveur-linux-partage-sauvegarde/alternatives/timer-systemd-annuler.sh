#!/bin/sh
# Undo of timer-systemd (srv): timer, service and script removed, and any archive the timer
# may have made since apply.
set -e
s=/var/tmp/atelier-preuve/timer-systemd
systemctl disable --now sauvegarde-compta.timer
rm -f /etc/systemd/system/sauvegarde-compta.timer /etc/systemd/system/sauvegarde-compta.service \
  /usr/local/sbin/sauvegarde-compta /var/lib/systemd/timers/stamp-sauvegarde-compta.timer
systemctl daemon-reload
find /srv/sauvegardes -type f -newer $s/debut -exec rm -f {} +
rm -rf $s
