#!/bin/sh
# Counterexample dfs-copie (fs): the compta share and the namespace \\fs\lefort with a real compta link, but "archives" in
# the namespace is a plain folder holding a copy of dc's archives, not a link to dc's share.
set -eu
chgrp -R comptables /srv/partages/compta
chmod -R u=rwX,g=rwX,o= /srv/partages/compta
find /srv/partages/compta -type d -exec chmod g+s {} +
setfacl -R -m 'g:direction:rX' /srv/partages/compta
find /srv/partages/compta -type d -exec setfacl -m 'd:g:comptables:rwX,d:g:direction:rX,d:o::-' {} +

mkdir -p /srv/dfs
ln -sfn 'msdfs:fs.{{domaine}}\compta' /srv/dfs/compta
ln -sfn 'msdfs:dc.{{domaine}}\archives' /srv/dfs/archives
grep -q '^\[lefort\]' /etc/samba/smb.conf || cat >> /etc/samba/smb.conf <<'SMB'

[lefort]
   path = /srv/dfs
   msdfs root = yes
   read only = yes

[compta]
   path = /srv/partages/compta
   read only = no
   valid users = @comptables @direction
   read list = @direction
SMB
smbcontrol all reload-config
rm -f /srv/dfs/archives
mkdir -p /srv/dfs/archives/2024
printf 'Bilan 2024 du cabinet Lefort\nResultat net : 182 400 EUR\n' > /srv/dfs/archives/2024/bilan-2024.txt
printf 'Inventaire des archives\n2024 : bilan\n' > /srv/dfs/archives/LISEZMOI.txt
chmod -R a+rwX /srv/dfs/archives
