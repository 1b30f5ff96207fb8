#!/bin/sh
# The trigger watches intranet's HTTP port through the agent (net.tcp.service[http]) instead of
# nginx's processes; the process item is deleted.
set -eu
export ZBX_USER=Admin ZBX_PASSWORD='{{mdp_admin}}'
z() { atelier-zabbix-api "$@"; }
h=$(z host.get '{"filter": {"host": ["intranet"]}, "output": ["hostid"], "selectInterfaces": ["interfaceid", "type"]}')
hid=$(echo "$h" | jq -r '.[0].hostid'); iid=$(echo "$h" | jq -r '.[0].interfaces[] | select(.type == "1") | .interfaceid')
z item.create "$(jq -nc --arg h "$hid" --arg i "$iid" \
    '{hostid: $h, interfaceid: $i, name: "Service HTTP", key_: "net.tcp.service[http]", type: 0, value_type: 3, delay: "30s"}')" >/dev/null
tid=$(z trigger.get '{"host": "intranet", "filter": {"description": "Intranet : nginx arrêté sur {HOST.NAME}"}, "output": ["triggerid"]}' | jq -r '.[0].triggerid')
z trigger.update "$(jq -nc --arg t "$tid" '{triggerid: $t, description: "Intranet : HTTP injoignable sur {HOST.NAME}", expression: "last(/intranet/net.tcp.service[http])=0"}')" >/dev/null
old=$(z item.get "$(jq -nc --arg h "$hid" '{hostids: [$h], filter: {key_: "proc.num[nginx]"}, output: ["itemid"]}')" | jq -c '[.[].itemid]')
z item.delete "$old" >/dev/null
# the server reads its configuration every 60 s: now, as an administrator asks after a change
zabbix_server -R config_cache_reload >/dev/null
