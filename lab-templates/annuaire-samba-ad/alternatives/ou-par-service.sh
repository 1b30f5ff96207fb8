#!/bin/sh
# Alternative ou-par-service (dc): another valid tree, made by a bash script with samba-tool: each service's OU right under
# OU=Lefort (no Utilisateurs level), the groups in OU=Lefort itself.
set -eu
cat > /root/import-comptes <<'SH'
#!/bin/bash
# import-comptes FICHIER.csv (identifiant;prenom;nom;service;groupes;mot_de_passe)
# What exists is read once (samba-tool is slow to start); only what is missing is created.
set -euo pipefail
ous=$(samba-tool ou list)
users=$(samba-tool user list)
groups=$(samba-tool group list)
declare -A members
has() { grep -qix -- "$2" <<<"$1"; }
ou() { has "$ous" "$1" || { samba-tool ou create "$1"; ous+=$'\n'"$1"; }; }
ou OU=Lefort
while IFS=';' read -r login prenom nom service groupes mdp; do
  ou "OU=$service,OU=Lefort"
  has "$users" "$login" || {
    samba-tool user create "$login" "$mdp" --given-name="$prenom" --surname="$nom" --userou="OU=$service,OU=Lefort"
    users+=$'\n'"$login"; }
  for g in ${groupes//,/ }; do
    has "$groups" "$g" || { samba-tool group add "$g" --groupou=OU=Lefort; groups+=$'\n'"$g"; }
    [ -n "${members[$g]+x}" ] || members[$g]=$(samba-tool group listmembers "$g")
    has "${members[$g]}" "$login" || { samba-tool group addmembers "$g" "$login"; members[$g]+=$'\n'"$login"; }
  done
done < <(tail -n +2 "$1")
SH
chmod 755 /root/import-comptes
/root/import-comptes /root/nouveaux-salaries.csv
