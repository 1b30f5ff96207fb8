#!/bin/sh
# poste2's agent configured with poste1's file, TAG included.
set -eu
cat > /etc/ocsinventory/ocsinventory-agent.cfg <<CFG
server=http://192.168.82.10/ocsinventory
user=$(printf '%s' agents | base64)
password=$(printf '%s' '{{mdp_agents}}' | base64)
realm=Inventaire
tag={{service1}}
CFG
ocsinventory-agent 2>&1 | grep '\[error\]' | grep -v -i snmp || true
