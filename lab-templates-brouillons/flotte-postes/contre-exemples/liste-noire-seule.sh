#!/bin/sh
# Counterexample (run on gestion after solution/strategies.sh): USB storage only blacklisted.
set -eu
m=/var/lib/cfengine3/masterfiles
sed -i 's|insert_lines("install usb-storage /bin/false")|insert_lines("blacklist usb-storage")|' "$m/arvor.cf"
grep -q 'insert_lines("blacklist usb-storage")' "$m/arvor.cf"
cf-agent -KIf update.cf
cf-agent -KI
