#!/bin/sh
# intranet and fichiers: the system team's agent, answering the Zabbix server only, under the
# machine's own name (the name the trainee declares the host with). intranet's nginx serves the
# intranet's page; fichiers has no web service to watch.
set -eu
n=$(hostname -s)
printf '# Atelier: the lab'"'"'s Zabbix server\nServer=192.168.95.10\nHostname=%s\n' "$n" > /etc/zabbix/zabbix_agentd.conf.d/50-atelier.conf
if [ "$n" = intranet ]; then
    printf '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Intranet Arvor</title></head><body><h1>Intranet Arvor</h1></body></html>\n' > /var/www/html/index.html
else
    systemctl disable --now nginx
fi
systemctl restart zabbix-agent
