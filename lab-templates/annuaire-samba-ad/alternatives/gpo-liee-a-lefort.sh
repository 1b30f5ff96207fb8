#!/bin/sh
# Alternative gpo-liee-a-lefort (dc): poste's account in OU=Postes,OU=Lefort, the sudo GPO linked one level up, to OU=Lefort.
set -eu
base=$(echo '{{domaine}}' | sed 's/^/DC=/; s/\./,DC=/g')
a='-U administrator%Ad-{{mdp_admin}}'
samba-tool ou list | grep -qix 'OU=Postes,OU=Lefort' || samba-tool ou create "OU=Postes,OU=Lefort,$base"
samba-tool computer move poste "OU=Postes,OU=Lefort,$base" $a
gpo=$(samba-tool gpo create 'Lefort - sudo du support' $a | grep -o '{[0-9A-Fa-f-]*}' | head -n 1)
samba-tool gpo setlink "OU=Lefort,$base" "$gpo" $a
samba-tool gpo manage sudoers add "$gpo" ALL ALL '%helpdesk' $a
