#!/bin/sh
# The intranet's web service watched every 30 s (nginx's processes, an agent item), a trigger of
# severity High when none runs, tagged service=intranet; the Email media type sending through
# the local mail server; Admin's media: the on-call mailbox; an action that mails Admin on every
# problem of severity High or more, and on its recovery.
set -eu
export ZBX_USER=Admin ZBX_PASSWORD='{{mdp_admin}}'
z() { atelier-zabbix-api "$@"; }
h=$(z host.get '{"filter": {"host": ["intranet"]}, "output": ["hostid"], "selectInterfaces": ["interfaceid", "type"]}')
hid=$(echo "$h" | jq -r '.[0].hostid'); iid=$(echo "$h" | jq -r '.[0].interfaces[] | select(.type == "1") | .interfaceid')
z item.create "$(jq -nc --arg h "$hid" --arg i "$iid" \
    '{hostid: $h, interfaceid: $i, name: "Processus nginx", key_: "proc.num[nginx]", type: 0, value_type: 3, delay: "30s"}')" >/dev/null
z trigger.create '{"description": "Intranet : nginx arrêté sur {HOST.NAME}", "expression": "last(/intranet/proc.num[nginx])=0",
    "priority": 4, "tags": [{"tag": "service", "value": "intranet"}]}' >/dev/null
mt=$(z mediatype.get '{"filter": {"name": "Email"}, "output": ["mediatypeid"]}' | jq -r '.[0].mediatypeid')
z mediatype.update "$(jq -nc --arg m "$mt" '{mediatypeid: $m, smtp_server: "127.0.0.1", smtp_port: "25", smtp_helo: "arvor.lan", smtp_email: "zabbix@arvor.lan", status: 0}')" >/dev/null
uid=$(z user.get '{"filter": {"username": "Admin"}, "output": ["userid"]}' | jq -r '.[0].userid')
z user.update "$(jq -nc --arg u "$uid" --arg m "$mt" \
    '{userid: $u, medias: [{mediatypeid: $m, sendto: ["astreinte@arvor.lan"], active: 0, severity: 63, period: "1-7,00:00-24:00"}]}')" >/dev/null
z action.create "$(jq -nc --arg u "$uid" --arg m "$mt" '{name: "Astreinte : problèmes graves", eventsource: 0, status: 0, esc_period: "1h",
    filter: {evaltype: 0, conditions: [{conditiontype: 4, operator: 5, value: "4"}]},
    operations: [{operationtype: 0, opmessage: {default_msg: 1, mediatypeid: $m}, opmessage_usr: [{userid: $u}]}],
    recovery_operations: [{operationtype: 11, opmessage: {default_msg: 1}}]}')" >/dev/null
echo "déclencheur, média et action en place"
# the server reads its configuration every 60 s: now, as an administrator asks after a change
zabbix_server -R config_cache_reload >/dev/null
