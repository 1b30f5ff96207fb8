#!/bin/sh
# Solution (run on srv): take the newest archive whose copies of the damaged files are sound
# (the midday backup, made before the incident), extract only those three files, then give
# them back the share's group and rights. Nothing else of the folder is touched (invoice
# F-2025-0043, made after that backup, stays).
set -eu
files="compta/budget-2025.csv compta/clients.csv compta/factures/F-2025-0042.txt"
archive=
for a in $(ls -t /srv/sauvegardes/compta-*.tar.gz); do
  if tar -xzOf "$a" compta/clients.csv 2>/dev/null | grep -q '^C001;' \
    && ! tar -xzOf "$a" compta/budget-2025.csv 2>/dev/null | grep -q '#REF!' \
    && tar -tzf "$a" compta/factures/F-2025-0042.txt >/dev/null 2>&1; then
    archive=$a
    break
  fi
done
[ -n "$archive" ]
echo "restored from $archive"
tar -xzf "$archive" -C /srv/partage $files
cd /srv/partage && chgrp comptables $files && chmod 664 $files
