#!/bin/sh
# fs: the future file server, member of the domain: the accounting folder's files exist,
# nothing is shared yet.
set -eu
mkdir -p /srv/partages/compta/factures
printf 'poste;prevu;realise\nloyer;24000;24000\nlogiciels;6000;7150\n' > /srv/partages/compta/budget-2025.csv
printf 'Facture F-2025-031 : 1 250 EUR\n' > /srv/partages/compta/factures/F-2025-031.txt
# smbd keeps its package configuration (standalone) until the server joins the domain
