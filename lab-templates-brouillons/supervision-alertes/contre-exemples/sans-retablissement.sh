#!/bin/sh
# The trigger generates no recovery event, manual close allowed instead.
set -eu
export ZBX_USER=Admin ZBX_PASSWORD='{{mdp_admin}}'
z() { atelier-zabbix-api "$@"; }
tid=$(z trigger.get '{"host": "intranet", "filter": {"description": "Intranet : nginx arrêté sur {HOST.NAME}"}, "output": ["triggerid"]}' | jq -r '.[0].triggerid')
z trigger.update "$(jq -nc --arg t "$tid" '{triggerid: $t, recovery_mode: 2, manual_close: 1}')" >/dev/null
# the server reads its configuration every 60 s: now, as an administrator asks after a change
zabbix_server -R config_cache_reload >/dev/null
