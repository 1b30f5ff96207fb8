#!/bin/sh
# Counterexample (run on gestion after solution/inscrire.sh): the hub trusts any new key of the
# lab's network, as the framework's default suggests until every machine is bootstrapped.
set -eu
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
systemctl restart cf-serverd
