#!/bin/sh
# Alternative famille-ip-et-interfaces, on fw: one table of the ip family, a chain named
# transit, rules by interface, a named set of ports; NAT on the WAN interface.
set -eu
lan=$(ip -o -4 addr show | awk '$4 == "192.168.10.1/24" {print $2; exit}')
wan=$(ip -o -4 addr show | awk '$4 == "203.0.113.2/24" {print $2; exit}')
cat > /etc/nftables.conf <<NFT
#!/usr/sbin/nft -f
flush ruleset
table ip pare_feu {
  set ports_web {
    type inet_service
    elements = { 80, 443 }
  }
  chain sortie_nat {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "$wan" masquerade
  }
  chain transit {
    type filter hook forward priority filter; policy drop;
    ct state established,related accept
    iifname "$lan" oifname "$wan" tcp dport @ports_web accept
    iifname "$lan" oifname "$wan" udp dport 53 accept
  }
}
NFT
/usr/sbin/nft -f /etc/nftables.conf
systemctl enable --quiet nftables
