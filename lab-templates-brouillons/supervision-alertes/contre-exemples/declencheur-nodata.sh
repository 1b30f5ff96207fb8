#!/bin/sh
# The trigger waits for the nginx item to stop receiving data: the agent keeps sending 0.
set -eu
export ZBX_USER=Admin ZBX_PASSWORD='{{mdp_admin}}'
z() { atelier-zabbix-api "$@"; }
tid=$(z trigger.get '{"host": "intranet", "filter": {"description": "Intranet : nginx arrêté sur {HOST.NAME}"}, "output": ["triggerid"]}' | jq -r '.[0].triggerid')
z trigger.update "$(jq -nc --arg t "$tid" '{triggerid: $t, expression: "nodata(/intranet/proc.num[nginx],2m)=1"}')" >/dev/null
# the server reads its configuration every 60 s: now, as an administrator asks after a change
zabbix_server -R config_cache_reload >/dev/null
