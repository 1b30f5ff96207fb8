#!/bin/sh
# Proof: keeps fw's firewall state as it is before a counterexample or an alternative (its
# rules, forwarding, /etc/nftables.conf, the nftables service, /etc/sysctl.d); fw-remettre.sh
# puts it back. nft by its absolute path (a counterexample installs a fake one).
set -eu
d=/root/.atelier-preuve
rm -rf "$d" && mkdir -p "$d"
/usr/sbin/nft list ruleset > "$d/regles.nft"
if [ -f /etc/nftables.conf ]; then cp -a /etc/nftables.conf "$d/nftables.conf"; fi
if systemctl is-enabled --quiet nftables; then touch "$d/nftables-active"; fi
cat /proc/sys/net/ipv4/ip_forward > "$d/ip_forward"
ls -A /etc/sysctl.d > "$d/sysctl.d"
