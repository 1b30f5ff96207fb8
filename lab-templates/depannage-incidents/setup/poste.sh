#!/bin/sh
# poste: the staff's workstation. Its resolver is srv (arvor.lan); three employees log in to it.
set -eu
mkdir -p /etc/systemd/resolved.conf.d
printf '[Resolve]\nDNS=192.168.90.10\nDomains=arvor.lan\n' > /etc/systemd/resolved.conf.d/arvor.conf
systemctl restart systemd-resolved
for u in emartin fbernard gpetit; do
    id "$u" >/dev/null 2>&1 || useradd -m -s /bin/bash "$u"
    echo "$u:Em-{{mdp_employes}}" | chpasswd
done
