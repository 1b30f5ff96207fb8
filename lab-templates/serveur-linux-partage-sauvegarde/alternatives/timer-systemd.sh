#!/bin/sh
# Alternative timer-systemd (srv): the same backup script, run every day at 23:30 by a
# systemd timer (Persistent: a night missed while the server was off is caught up at boot)
# instead of cron.
set -e
cat > /usr/local/sbin/sauvegarde-compta <<'SCRIPT'
#!/bin/sh
# Sauvegarde quotidienne du dossier de la comptabilité (conservée 14 jours).
set -eu
tar -czf /srv/sauvegardes/compta-$(date +%F).tar.gz -C /srv/partage compta
find /srv/sauvegardes -name 'compta-*.tar.gz' -mtime +14 -delete
SCRIPT
chmod 755 /usr/local/sbin/sauvegarde-compta
cat > /etc/systemd/system/sauvegarde-compta.service <<'UNIT'
[Unit]
Description=Sauvegarde du dossier de la comptabilité

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/sauvegarde-compta
UNIT
cat > /etc/systemd/system/sauvegarde-compta.timer <<'UNIT'
[Unit]
Description=Sauvegarde quotidienne de la comptabilité, à 23 h 30

[Timer]
OnCalendar=*-*-* 23:30:00
Persistent=true

[Install]
WantedBy=timers.target
UNIT
systemctl daemon-reload
systemctl enable --now sauvegarde-compta.timer
