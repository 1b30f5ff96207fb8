#!/bin/sh
# Counterexample sshd-ecoute-le-lan, on fw: no input filtering; sshd listens on the LAN's
# address only (and on the platform's management address, which the trainee would not know
# about, so that the proof can go on).
set -eu
mgmt=$(ip -o -4 addr show | awk '$2 != "lo" && $4 !~ /^(192\.168\.10\.1|203\.0\.113\.2)\// {sub("/.*", "", $4); print $4; exit}')
printf 'ListenAddress 192.168.10.1\nListenAddress %s\n' "$mgmt" > /etc/ssh/sshd_config.d/10-ecoute-lan.conf
/usr/sbin/sshd -t
systemctl restart ssh
