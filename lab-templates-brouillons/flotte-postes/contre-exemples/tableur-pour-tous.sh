#!/bin/sh
# Counterexample (run on gestion after solution/strategies.sh): sc pushed to every managed
# workstation, not to accounting only.
set -eu
m=/var/lib/cfengine3/masterfiles
sed -i 's|^    service_compta::$|    poste_gere::|' "$m/arvor.cf"
# the policy's three guards are now poste_gere's (files, htop, sc), none service_compta's (a
# `! grep` would not stop the script: set -e ignores an inverted status)
[ "$(grep -c '^    poste_gere::$' "$m/arvor.cf")" = 3 ]
if grep -q '^    service_compta::$' "$m/arvor.cf"; then echo "arvor.cf: a service_compta guard is left" >&2; exit 1; fi
cf-agent -KIf update.cf
cf-agent -KI
