#!/bin/sh
set -eu
mv /root/.hosts-avant-blocage /etc/hosts
nft delete table inet poste
