#!/bin/sh
# Solution: drop the forbidden site's address before the web is allowed, on fw (for the whole
# LAN); saved with the rest of the rules.
# {{blocked_site}} is the lab's parameter, filled in by the platform.
set -eu
case "{{blocked_site}}" in
  jeux.example) address=203.0.113.21 ;;
  video.example) address=203.0.113.22 ;;
  paris.example) address=203.0.113.23 ;;
esac
nft insert rule inet filter forward ip daddr "$address" drop
{ echo '#!/usr/sbin/nft -f'; echo 'flush ruleset'; nft list ruleset; } > /etc/nftables.conf.new
mv /etc/nftables.conf.new /etc/nftables.conf
