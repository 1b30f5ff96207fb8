#!/bin/sh
# Alternative (poste): the wrong global drop-in removed and the site's DNS server given to the lab
# interface in its systemd-networkd file instead.
set -eu
rm -f /etc/systemd/resolved.conf.d/arvor.conf
f=$(grep -l '192.168.90.20/24' /etc/systemd/network/*.network | head -n 1)
sed -i '/^\[Network\]/a DNS=192.168.90.10\nDomains=arvor.lan' "$f"
# networkctl waits 25 s for networkd's answer: a busy host can take longer (seen with six proofs
# side by side, run70); reloading again is harmless
for i in 1 2 3; do networkctl reload && break; [ "$i" -lt 3 ] || exit 1; sleep 5; done
systemctl restart systemd-resolved
