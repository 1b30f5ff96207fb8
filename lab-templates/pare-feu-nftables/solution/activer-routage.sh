#!/bin/sh
# Solution: forwarding on, persistently; LAN masqueraded behind fw's WAN address, loaded at boot.
set -eu
echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/90-routage.conf
sysctl -p /etc/sysctl.d/90-routage.conf
cat > /etc/nftables.conf <<'NFT'
#!/usr/sbin/nft -f
flush ruleset
table ip nat {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    ip saddr 192.168.10.0/24 oifname != "lo" ip daddr != 192.168.10.0/24 masquerade
  }
}
NFT
nft -f /etc/nftables.conf
systemctl enable nftables
