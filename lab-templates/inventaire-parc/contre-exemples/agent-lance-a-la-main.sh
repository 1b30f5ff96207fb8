#!/bin/sh
# poste1's agent run once by hand with every setting as an option (--nolocal to get past the
# configuration's local mode): the inventory reaches the server with the right TAG, but the
# configuration file, which the daily run reads, still says local=.
set -eu
ocsinventory-agent --nolocal -s http://192.168.82.10/ocsinventory -u "$(printf '%s' agents | base64)" \
    -p "$(printf '%s' '{{mdp_agents}}' | base64)" -r Inventaire -t '{{service1}}' 2>&1 | grep '\[error\]' | grep -v -i snmp || true
grep -q '^local=' /etc/ocsinventory/ocsinventory-agent.cfg
