#!/bin/sh
# Alternative (poste): the wrong global drop-in removed and the site's DNS server given to the lab
# interface in its systemd-networkd file instead.
set -eu
rm -f /etc/systemd/resolved.conf.d/arvor.conf
f=$(grep -l '192.168.90.20/24' /etc/systemd/network/*.network | head -n 1)
sed -i '/^\[Network\]/a DNS=192.168.90.10\nDomains=arvor.lan' "$f"
networkctl reload
systemctl restart systemd-resolved
