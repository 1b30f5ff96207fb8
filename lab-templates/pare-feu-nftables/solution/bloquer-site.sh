#!/bin/sh
# Solution: drop the forbidden site's address before the web is allowed.
# {{blocked_site}} is the lab's parameter, filled in by the platform.
set -eu
case "{{blocked_site}}" in
  jeux.example) address=203.0.113.21 ;;
  video.example) address=203.0.113.22 ;;
  paris.example) address=203.0.113.23 ;;
esac
nft insert rule inet filter forward ip daddr "$address" drop
nft list ruleset > /etc/nftables.conf.new
{ echo '#!/usr/sbin/nft -f'; echo 'flush ruleset'; cat /etc/nftables.conf.new; } > /etc/nftables.conf
rm /etc/nftables.conf.new
