#!/bin/sh
# Alternative rejet-au-lieu-de-drop, on fw: the solution's filtering, what is not allowed
# rejected at the end of the chain (the LAN's clients fail at once instead of waiting).
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
    type filter hook forward priority filter; policy drop;
    ct state established,related accept
    ip saddr 192.168.10.0/24 tcp dport { 80, 443 } accept
    ip saddr 192.168.10.0/24 udp dport 53 accept
    reject
  }
}
NFT
/usr/sbin/nft -f /etc/nftables.conf
systemctl enable --quiet nftables
