#!/bin/sh
# Counterexample ssh-ouvert-depuis-internet, on fw (task 3 solved): an input policy drop, but
# SSH accepted from anywhere.
set -eu
/usr/sbin/nft -f - <<'NFT'
table inet filter {
  chain input {
    type filter hook input priority filter; policy drop;
    iifname "lo" accept
    ct state established,related accept
    tcp dport 22 accept
    icmp type echo-request accept
  }
}
NFT
{ echo '#!/usr/sbin/nft -f'; echo 'flush ruleset'; /usr/sbin/nft list ruleset; } > /etc/nftables.conf.new
mv /etc/nftables.conf.new /etc/nftables.conf
