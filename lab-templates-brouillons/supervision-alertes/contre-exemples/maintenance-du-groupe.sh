#!/bin/sh
# The maintenance covers the whole "Serveurs Arvor" group instead of fichiers alone.
set -eu
export ZBX_USER=Admin ZBX_PASSWORD='{{mdp_admin}}'
z() { atelier-zabbix-api "$@"; }
gid=$(z hostgroup.get '{"filter": {"name": ["Serveurs Arvor"]}, "output": ["groupid"]}' | jq -r '.[0].groupid')
mid=$(z maintenance.get '{"filter": {"name": "Maintenance hebdomadaire de fichiers"}, "output": ["maintenanceid"]}' | jq -r '.[0].maintenanceid')
z maintenance.update "$(jq -nc --arg m "$mid" --arg g "$gid" '{maintenanceid: $m, hosts: [], groups: [{groupid: $g}]}')" >/dev/null
# the server reads its configuration every 60 s: now, as an administrator asks after a change
zabbix_server -R config_cache_reload >/dev/null
