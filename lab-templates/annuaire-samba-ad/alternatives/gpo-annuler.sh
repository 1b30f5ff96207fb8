#!/bin/sh
# dc before the GPO task: no GPO of ours, poste's account back in CN=Computers, no OU Postes.
set -eu
base=$(echo '{{domaine}}' | sed 's/^/DC=/; s/\./,DC=/g')
a='-U administrator%Ad-{{mdp_admin}}'
# every GPO but the two a provisioning makes (Default Domain Policy, Default Domain Controllers Policy)
for gpo in $(samba-tool gpo listall | sed -n 's/^GPO *: //p'); do
    case "$(echo "$gpo" | tr a-f A-F)" in '{31B2F340-016D-11D2-945F-00C04FB984F9}'|'{6AC1786C-016F-11D2-945F-00C04FB984F9}') continue;; esac
    samba-tool gpo del "$gpo" $a
done
samba-tool computer move poste "CN=Computers,$base" $a 2>/dev/null || true
samba-tool ou delete "OU=Postes,OU=Lefort,$base" 2>/dev/null || true
