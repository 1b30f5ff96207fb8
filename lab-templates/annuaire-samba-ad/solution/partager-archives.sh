#!/bin/sh
# Solution (run on dc): dc shares /srv/archives: the direction group may write, the comptables group may read, nobody
# else. Rights on the folder by the domain groups' gids (the DC's winbind maps them).
set -eu
gid() { wbinfo --sid-to-gid "$(wbinfo --name-to-sid "{{netbios}}\\$1" | cut -d' ' -f1)"; }
direction=$(gid direction) comptables=$(gid comptables)
chown -R root:root /srv/archives
chmod -R u=rwX,g=,o= /srv/archives
setfacl -R -m "g:$direction:rwX,g:$comptables:rX,m::rwX" /srv/archives
find /srv/archives -type d -exec setfacl -m "d:g:$direction:rwX,d:g:$comptables:rX,d:m::rwX,d:u::rwX,d:g::-,d:o::-" {} +
grep -q '^\[archives\]' /etc/samba/smb.conf || cat >> /etc/samba/smb.conf <<'SMB'

[archives]
	path = /srv/archives
	read only = no
SMB
smbcontrol all reload-config
