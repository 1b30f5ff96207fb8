#!/bin/sh
# A second Super admin with the spec's password; Admin keeps the package's.
set -eu
export ZBX_USER=Admin ZBX_PASSWORD=zabbix
atelier-zabbix-api user.create "$(jq -nc --arg p '{{mdp_admin}}' '{username: "technicien", passwd: $p, roleid: "3", usrgrps: [{usrgrpid: "7"}]}')" >/dev/null
