#!/bin/sh
# dc: a Debian server with Samba's AD DC packages, not provisioned. The new staff's file
# (per trainee: their first passwords) and the archives the DC will share.
set -eu

# --- the HR file: one line per newcomer (identifiant;prénom;nom;service;groupes;mot de passe)
cat > /root/nouveaux-salaries.csv <<'CSV'
identifiant;prenom;nom;service;groupes;mot_de_passe
cmartin;Claire;Martin;Comptabilite;comptables;Cm-{{mdp_cmartin}}
pdurand;Paul;Durand;Comptabilite;comptables;Pd-{{mdp_pdurand}}
iroux;Inès;Roux;Support;helpdesk;Ir-{{mdp_iroux}}
mpetit;Marc;Petit;Support;helpdesk;Mp-{{mdp_mpetit}}
slefort;Sophie;Lefort;Direction;direction;Sl-{{mdp_slefort}}
CSV
chmod 600 /root/nouveaux-salaries.csv

# --- the archives (to share from the DC, published in the namespace)
mkdir -p /srv/archives/2024
printf 'Bilan 2024 du cabinet Lefort\nResultat net : 182 400 EUR\n' > /srv/archives/2024/bilan-2024.txt
printf 'Inventaire des archives\n2024 : bilan\n' > /srv/archives/LISEZMOI.txt
