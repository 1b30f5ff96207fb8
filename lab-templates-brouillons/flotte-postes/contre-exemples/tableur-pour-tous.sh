#!/bin/sh
# Counterexample (run on gestion after solution/strategies.sh): sc pushed to every managed
# workstation, not to accounting only.
set -eu
m=/var/lib/cfengine3/masterfiles
sed -i 's|^    service_compta::$|    poste_gere::|' "$m/arvor.cf"
[ "$(grep -c '^    poste_gere::$' "$m/arvor.cf")" -ge 2 ]
grep -q '^    poste_gere::$' "$m/arvor.cf"
! grep -q '^    service_compta::$' "$m/arvor.cf"
cf-agent -KIf update.cf
cf-agent -KI
