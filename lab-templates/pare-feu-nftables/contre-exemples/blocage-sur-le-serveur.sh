#!/bin/sh
# Counterexample site-bloque-sur-le-serveur, on web: the server drops the site's address itself.
set -eu
case "{{blocked_site}}" in
  jeux.example) address=203.0.113.21 ;;
  video.example) address=203.0.113.22 ;;
  paris.example) address=203.0.113.23 ;;
esac
nft add table inet serveur
nft add chain inet serveur entree '{ type filter hook input priority filter; policy accept; }'
nft add rule inet serveur entree ip daddr "$address" tcp dport 80 drop
