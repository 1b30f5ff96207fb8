#!/bin/sh
# The workstation's resolver back to the site's DNS server.
set -eu
printf '[Resolve]\nDNS=192.168.90.10\nDomains=arvor.lan\n' > /etc/systemd/resolved.conf.d/arvor.conf
systemctl restart systemd-resolved
