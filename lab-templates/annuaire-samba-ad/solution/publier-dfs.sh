#!/bin/sh
# Solution (run on fs): fs shares the accounting folder (comptables write, direction read) and publishes it with dc's
# archives in the DFS namespace \\fs\lefort.
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
