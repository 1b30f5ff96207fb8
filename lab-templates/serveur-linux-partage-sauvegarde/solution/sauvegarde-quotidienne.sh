#!/bin/sh
# Solution (run on srv): a backup script kept 14 days, run every night at 23:30 by cron.
set -eu
cat > /usr/local/sbin/sauvegarde-compta <<'SCRIPT'
#!/bin/sh
# Sauvegarde quotidienne du dossier de la comptabilité (conservée 14 jours).
set -eu
tar -czf /srv/sauvegardes/compta-$(date +%F).tar.gz -C /srv/partage compta
find /srv/sauvegardes -name 'compta-*.tar.gz' -mtime +14 -delete
SCRIPT
chmod 755 /usr/local/sbin/sauvegarde-compta
echo '30 23 * * * root /usr/local/sbin/sauvegarde-compta' > /etc/cron.d/sauvegarde-compta
