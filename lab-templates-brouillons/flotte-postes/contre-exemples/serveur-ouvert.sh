#!/bin/sh
# Counterexample (run on gestion after solution/inscrire.sh): the hub trusts any new key of the
# lab's network, as the framework's default suggests until every machine is bootstrapped.
set -eu
# serverd_restart: cf-serverd started again, and listening (it reads the policy first)
serverd_restart() {
    systemctl restart cf-serverd
    t=$(($(date +%s) + 90))
    until ss -ltn | grep -q ':5308 '; do [ "$(date +%s)" -lt "$t" ] || { echo "cf-serverd does not listen after 90 s" >&2; exit 1; }; sleep 1; done
}
m=/var/lib/cfengine3/masterfiles
python3 - "$m/def.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d.setdefault("vars", {})["trustkeysfrom"] = ["192.168.96.0/24"]
json.dump(d, open(p, "w"), indent=2)
PY
cf-agent -KIf update.cf
cf-agent -KI
serverd_restart
