#!/bin/sh
# The maintenance covers a group holding only fichiers instead of the host itself.
set -eu
export ZBX_USER=Admin ZBX_PASSWORD='{{mdp_admin}}'
z() { atelier-zabbix-api "$@"; }
hid=$(z host.get '{"filter": {"host": ["fichiers"]}, "output": ["hostid"]}' | jq -r '.[0].hostid')
gid=$(z hostgroup.create '{"name": "Maintenance du dimanche"}' | jq -r '.groupids[0]')
z hostgroup.massadd "$(jq -nc --arg g "$gid" --arg h "$hid" '{groups: [{groupid: $g}], hosts: [{hostid: $h}]}')" >/dev/null
mid=$(z maintenance.get '{"filter": {"name": "Maintenance hebdomadaire de fichiers"}, "output": ["maintenanceid"]}' | jq -r '.[0].maintenanceid')
z maintenance.update "$(jq -nc --arg m "$mid" --arg g "$gid" '{maintenanceid: $m, hosts: [], groups: [{groupid: $g}]}')" >/dev/null
# the server reads its configuration every 60 s: now, as an administrator asks after a change
zabbix_server -R config_cache_reload >/dev/null
