#!/bin/sh
# Counterexample site-bloque-sur-le-poste, on poste1: the site's name diverted in /etc/hosts
# and its address dropped by the workstation's own nftables; fw is not touched.
set -eu
case "{{blocked_site}}" in
  jeux.example) address=203.0.113.21 ;;
  video.example) address=203.0.113.22 ;;
  paris.example) address=203.0.113.23 ;;
esac
cp -a /etc/hosts /root/.hosts-avant-blocage
sed -i "s/^$address[[:space:]]\+{{blocked_site}}\$/0.0.0.0 {{blocked_site}}/" /etc/hosts
nft add table inet poste
nft add chain inet poste sortie '{ type filter hook output priority filter; policy accept; }'
nft add rule inet poste sortie ip daddr "$address" drop
