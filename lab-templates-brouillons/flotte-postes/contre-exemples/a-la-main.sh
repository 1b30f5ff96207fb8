#!/bin/sh
# Counterexample (run on each enrolled workstation; the hub's policy says nothing): every policy
# applied by hand, the way a technician would without the management server.
set -eu
printf 'install usb-storage /bin/false\n' > /etc/modprobe.d/arvor-usb.conf
mkdir -p /etc/firefox/policies
printf '%s\n' '{"policies": {"Homepage": {"URL": "http://intranet.arvor.lan/", "Locked": true, "StartPage": "homepage"}, "PasswordManagerEnabled": false}}' > /etc/firefox/policies/policies.json
apt-get update -q
apt-get install -y -q htop
case "$(hostname -s)" in compta-*) apt-get install -y -q sc ;; esac
groupadd -f admpostes
usermod -aG admpostes support
printf '%%admpostes ALL=(ALL) ALL\n' > /etc/sudoers.d/admpostes
chmod 0440 /etc/sudoers.d/admpostes
