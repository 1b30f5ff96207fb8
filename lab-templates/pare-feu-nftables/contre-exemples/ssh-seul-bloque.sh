#!/bin/sh
# Counterexample ssh-seul-bloque, on fw: the NAT of task 1, and a forward chain that accepts
# everything but SSH.
set -eu
cat > /etc/nftables.conf <<'NFT'
#!/usr/sbin/nft -f
flush ruleset
table ip nat {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    ip saddr 192.168.10.0/24 oifname != "lo" ip daddr != 192.168.10.0/24 masquerade
  }
}
table inet filter {
  chain forward {
    type filter hook forward priority filter; policy accept;
    tcp dport 22 drop
  }
}
NFT
/usr/sbin/nft -f /etc/nftables.conf
systemctl enable --quiet nftables
