#!/bin/sh
# The agent of this workstation (poste1: {{service1}}, poste2: {{service2}}) pointed at the
# server with the agents' account (user and password base64-encoded, as this agent version reads
# them) and its department's TAG; the package's daily timer stays as it is. One run right away,
# so that the console shows the workstation.
set -eu
case "$(hostname)" in poste1) tag='{{service1}}' ;; poste2) tag='{{service2}}' ;; *) echo "unknown workstation $(hostname)" >&2; exit 1 ;; esac
cat > /etc/ocsinventory/ocsinventory-agent.cfg <<CFG
server=http://192.168.82.10/ocsinventory
user=$(printf '%s' agents | base64)
password=$(printf '%s' '{{mdp_agents}}' | base64)
realm=Inventaire
tag=$tag
CFG
systemctl enable --now ocsinventory-agent.timer
ocsinventory-agent 2>&1 | grep '\[error\]' | grep -v -i snmp || true
