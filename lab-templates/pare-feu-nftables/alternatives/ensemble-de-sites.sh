#!/bin/sh
# Alternative ensemble-de-sites-rejetes, on fw (task 2 solved): the forbidden site in a named
# set, rejected as administratively prohibited before the web is allowed.
set -eu
case "{{blocked_site}}" in
  jeux.example) address=203.0.113.21 ;;
  video.example) address=203.0.113.22 ;;
  paris.example) address=203.0.113.23 ;;
esac
/usr/sbin/nft add set inet filter sites_interdits '{ type ipv4_addr; }'
/usr/sbin/nft add element inet filter sites_interdits "{ $address }"
/usr/sbin/nft insert rule inet filter forward ip daddr @sites_interdits reject with icmpx type admin-prohibited
{ echo '#!/usr/sbin/nft -f'; echo 'flush ruleset'; /usr/sbin/nft list ruleset; } > /etc/nftables.conf.new
mv /etc/nftables.conf.new /etc/nftables.conf
