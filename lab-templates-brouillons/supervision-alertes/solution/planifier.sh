#!/bin/sh
# The file server's maintenance every Sunday from 22:00 for 2 hours, data still collected, valid
# for a year; the intranet as a service (its problems tagged service=intranet) and its SLA: 99.5 %
# a week, the availability report Zabbix computes from it.
set -eu
export ZBX_USER=Admin ZBX_PASSWORD='{{mdp_admin}}'
z() { atelier-zabbix-api "$@"; }
hid=$(z host.get '{"filter": {"host": ["fichiers"]}, "output": ["hostid"]}' | jq -r '.[0].hostid')
now=$(date +%s)
z maintenance.create "$(jq -nc --arg h "$hid" --argjson s "$now" '{name: "Maintenance hebdomadaire de fichiers", maintenance_type: 0,
    active_since: $s, active_till: ($s + 365 * 86400), hosts: [{hostid: $h}],
    timeperiods: [{timeperiod_type: 3, every: 1, dayofweek: 64, start_time: 79200, period: 7200}]}')" >/dev/null
z service.create '{"name": "Intranet Arvor", "algorithm": 2, "sortorder": 0,
    "problem_tags": [{"tag": "service", "operator": 0, "value": "intranet"}], "tags": [{"tag": "sla", "value": "intranet"}]}' >/dev/null
z sla.create "$(jq -nc --argjson s "$now" '{name: "Disponibilité intranet", period: 1, slo: "99.5", effective_date: $s, timezone: "Europe/Paris",
    service_tags: [{tag: "sla", operator: 0, value: "intranet"}]}')" >/dev/null
echo "maintenance, service et SLA en place"
# the server reads its configuration every 60 s: now, as an administrator asks after a change
zabbix_server -R config_cache_reload >/dev/null
