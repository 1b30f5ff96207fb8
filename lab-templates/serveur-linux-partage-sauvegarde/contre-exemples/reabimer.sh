#!/bin/sh
# Undo of archive-trop-ancienne (srv): the three files damaged again as the fault
# ecrasement-compta left them (rewritten in place: owners and modes kept).
set -e
d=/srv/partage/compta
printf 'poste;prevu;realise\n#REF!;#REF!;#REF!\n' > $d/budget-2025.csv
: > $d/clients.csv
rm -f $d/factures/F-2025-0042.txt
