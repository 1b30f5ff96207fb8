#!/bin/sh
# poste1's agent configured through the package's own questions (http method, server, TAG:
# dpkg-reconfigure rewrites the file), the credentials added after; its daily run left to the
# package's cron job, the systemd timer disabled.
set -eu
debconf-set-selections <<'EOF2'
ocsinventory-agent ocsinventory-agent/method select http
ocsinventory-agent ocsinventory-agent/server string http://192.168.82.10/ocsinventory
ocsinventory-agent ocsinventory-agent/tag string {{service1}}
EOF2
dpkg-reconfigure -f noninteractive ocsinventory-agent
if grep -q '^local=' /etc/ocsinventory/ocsinventory-agent.cfg; then echo 'still in local mode' >&2; exit 1; fi
{ echo "user=$(printf '%s' agents | base64)"; echo "password=$(printf '%s' '{{mdp_agents}}' | base64)"; echo realm=Inventaire; } \
    >> /etc/ocsinventory/ocsinventory-agent.cfg
systemctl disable --now ocsinventory-agent.timer
[ -x /etc/cron.daily/ocsinventory-agent ]
