#!/bin/sh
# Alternative (run on gestion, instead of solution/inscrire.sh): the framework's own way. The hub
# trusts new keys from the three workstations' addresses only, each workstation bootstraps (its
# key is trusted on that first connection), then the hub trusts no new key any more.
set -eu
# serverd_restart: cf-serverd started again, and listening (it reads the policy first)
serverd_restart() {
    systemctl restart cf-serverd
    t=$(($(date +%s) + 90))
    until ss -ltn | grep -q ':5308 '; do [ "$(date +%s)" -lt "$t" ] || { echo "cf-serverd does not listen after 90 s" >&2; exit 1; }; sleep 1; done
}
m=/var/lib/cfengine3/masterfiles
# confiance IP…: the addresses whose new keys the hub trusts, published and read by cf-serverd
confiance() {
    python3 - "$m/def.json" "$@" <<'PY'
import json, os, sys
p = sys.argv[1]
d = json.load(open(p)) if os.path.exists(p) else {}
d.setdefault("vars", {})["trustkeysfrom"] = sys.argv[2:]
json.dump(d, open(p, "w"), indent=2)
PY
}
confiance 127.0.0.1 192.168.96.21 192.168.96.22 192.168.96.31
cf-agent --bootstrap 192.168.96.10
serverd_restart
for ip in 192.168.96.21 192.168.96.22 192.168.96.31; do
    sshpass -p '{{mdp_deploiement}}' ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
        "deploiement@$ip" sudo cf-agent --bootstrap 192.168.96.10
done
confiance 127.0.0.1
cf-agent -KIf update.cf
cf-agent -KI
serverd_restart
