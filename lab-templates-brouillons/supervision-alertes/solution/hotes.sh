#!/bin/sh
# The console's Admin account gets the password the spec gives, then the two servers are
# declared: group "Serveurs Arvor", template "Linux by Zabbix agent", their agent on its address
# (passive checks, port 10050).
set -eu
z() { atelier-zabbix-api "$@"; }
uid=$(ZBX_PASSWORD=zabbix z user.get '{"filter":{"username":"Admin"},"output":["userid"]}' | jq -r '.[0].userid')
ZBX_PASSWORD=zabbix z user.update "$(jq -nc --arg id "$uid" --arg p '{{mdp_admin}}' '{userid: $id, passwd: $p}')" >/dev/null
export ZBX_USER=Admin ZBX_PASSWORD='{{mdp_admin}}'
gid=$(z hostgroup.create '{"name": "Serveurs Arvor"}' | jq -r '.groupids[0]')
tid=$(z template.get '{"filter": {"host": ["Linux by Zabbix agent"]}, "output": ["templateid"]}' | jq -r '.[0].templateid')
for h in intranet:20 fichiers:30; do
    z host.create "$(jq -nc --arg n "${h%%:*}" --arg ip "192.168.95.${h#*:}" --arg g "$gid" --arg t "$tid" \
        '{host: $n, groups: [{groupid: $g}], templates: [{templateid: $t}],
          interfaces: [{type: 1, main: 1, useip: 1, ip: $ip, dns: "", port: "10050"}]}')" >/dev/null
    echo "hôte ${h%%:*} déclaré"
done
# the server reads its configuration every 60 s: now, as an administrator asks after a change
zabbix_server -R config_cache_reload >/dev/null
