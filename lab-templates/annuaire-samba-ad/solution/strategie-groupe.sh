#!/bin/sh
# Solution (run on dc): poste's account into OU=Postes,OU=Lefort, and a GPO linked there that gives the helpdesk
# group sudo (Samba's VGP sudoers policy, applied by samba-gpupdate on winbind members).
set -eu
base=$(echo '{{domaine}}' | sed 's/^/DC=/; s/\./,DC=/g')
a='-U administrator%Ad-{{mdp_admin}}'
samba-tool ou list | grep -qix 'OU=Postes,OU=Lefort' || samba-tool ou create "OU=Postes,OU=Lefort,$base"
samba-tool computer move poste "OU=Postes,OU=Lefort" $a 2>/dev/null || samba-tool computer move poste "OU=Postes,OU=Lefort,$base" $a
out=$(samba-tool gpo create 'Postes - droits du support' $a)
echo "$out"
gpo=$(printf '%s\n' "$out" | grep -o '{[0-9A-Fa-f-]*}' | head -n 1)
samba-tool gpo setlink "OU=Postes,OU=Lefort,$base" "$gpo" $a
# Samba 4.17 writes the optional group argument as "helpdesk%": the group goes among the users
samba-tool gpo manage sudoers add "$gpo" ALL ALL '%helpdesk' $a
samba-tool gpo manage sudoers list "$gpo" $a
