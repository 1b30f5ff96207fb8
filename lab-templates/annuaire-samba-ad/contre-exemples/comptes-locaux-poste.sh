#!/bin/sh
# Counterexample comptes-locaux-poste (poste): poste not joined: local Unix accounts with the staff's names and first passwords, and local
# groups of the same names. They log in, but the domain knows nothing of them.
set -eu
for g in comptables helpdesk direction; do getent group "$g" >/dev/null || groupadd "$g"; done
while IFS=';' read -r login g pw; do
  id "$login" >/dev/null 2>&1 || useradd -m -s /bin/bash -G "$g" "$login"
  echo "$login:$pw" | chpasswd
done <<'L'
cmartin;comptables;Cm-{{mdp_cmartin}}
pdurand;comptables;Pd-{{mdp_pdurand}}
iroux;helpdesk;Ir-{{mdp_iroux}}
mpetit;helpdesk;Mp-{{mdp_mpetit}}
slefort;direction;Sl-{{mdp_slefort}}
L
