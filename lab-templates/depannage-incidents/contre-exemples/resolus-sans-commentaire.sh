#!/bin/sh
# Counterexample (helpdesk): every open ticket resolved by the technician, none documented.
set -eu
B=http://127.0.0.1/rt/REST/2.0; A='{{technicien}}:{{mdp_technicien}}'
ids=$(curl -sf -m 60 -u "$A" -G "$B/tickets" -d per_page=100 --data-urlencode "query=Queue = 'Assistance' AND Status != 'resolved'" \
    | perl -MJSON::PP -0777 -ne 'print "$_->{id}\n" for @{decode_json($_)->{items}}')
for id in $ids; do
    curl -sf -m 60 -o /dev/null -u "$A" -H 'Content-Type: application/json' -X PUT "$B/ticket/$id" --data-binary '{"Status": "resolved"}'
done
