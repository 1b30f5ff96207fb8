#!/bin/sh
# Solution (run on srv): take the newest archive made before the incident and extract only
# the damaged files, then give them back the share's group and rights.
set -eu
incident=/var/lib/atelier/incident-compta
archive=
for a in $(ls -t /srv/sauvegardes/compta-*.tar.gz); do
  if [ "$a" -ot "$incident" ]; then archive=$a; break; fi
done
[ -n "$archive" ]
files="compta/budget-2025.csv compta/clients.csv compta/factures/F-2025-0042.txt"
tar -xzf "$archive" -C /srv/partage $files
cd /srv/partage && chgrp comptables $files && chmod 664 $files
