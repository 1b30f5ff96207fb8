#!/bin/sh
# Admin's media sends to root@arvor.lan, not to the on-call mailbox.
set -eu
export ZBX_USER=Admin ZBX_PASSWORD='{{mdp_admin}}'
z() { atelier-zabbix-api "$@"; }
u=$(z user.get '{"filter": {"username": "Admin"}, "output": ["userid"], "selectMedias": ["mediatypeid", "severity", "period", "active"]}')
z user.update "$(echo "$u" | jq -c '.[0] | {userid, medias: [.medias[] | . + {sendto: ["root@arvor.lan"]}]}')" >/dev/null
# the server reads its configuration every 60 s: now, as an administrator asks after a change
zabbix_server -R config_cache_reload >/dev/null
