#!/bin/sh
# The tickets, documented and resolved as the trainee's technician (REST 2 on helpdesk): each
# open ticket of Assistance gets a comment (diagnosis, action, check) and the status resolved.
# The repairs themselves are each fault's own (solution/pannes/), run after this script.
set -eu
B=http://127.0.0.1/rt/REST/2.0; A='{{technicien}}:{{mdp_technicien}}'
t=$(($(date +%s) + 300))
until curl -sf -o /dev/null -m 60 http://127.0.0.1/rt/; do [ "$(date +%s)" -lt "$t" ] || exit 1; sleep 3; done
ids=$(curl -sf -m 60 -u "$A" -G "$B/tickets" -d per_page=100 --data-urlencode "query=Queue = 'Assistance' AND Status != 'resolved'" \
    | perl -MJSON::PP -0777 -ne 'print "$_->{id}\n" for @{decode_json($_)->{items}}')
for id in $ids; do
    curl -sf -m 60 -o /dev/null -u "$A" -H 'Content-Type: application/json' -X POST "$B/ticket/$id/comment" \
        --data-binary '{"Content": "Diagnostic : cause identifiée sur le serveur ou le poste (journaux, test du service). Action : configuration corrigée, service relancé. Vérifié avec l’utilisateur.", "ContentType": "text/plain"}'
    curl -sf -m 60 -o /dev/null -u "$A" -H 'Content-Type: application/json' -X PUT "$B/ticket/$id" --data-binary '{"Status": "resolved"}'
    echo "ticket $id résolu"
done
