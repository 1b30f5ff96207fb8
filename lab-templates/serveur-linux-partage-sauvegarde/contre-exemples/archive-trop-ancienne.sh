#!/bin/sh
# Counterexample archive-trop-ancienne (srv): the three damaged files restored, with the
# share's rights, but from the oldest archive (yesterday night's): the morning's work
# (budget figures, client C005), saved by the midday backup, is lost.
set -e
files="compta/budget-2025.csv compta/clients.csv compta/factures/F-2025-0042.txt"
a=$(ls -tr /srv/sauvegardes/compta-*.tar.gz | head -n 1)
tar -xzf "$a" -C /srv/partage $files
cd /srv/partage && chgrp comptables $files && chmod 664 $files
