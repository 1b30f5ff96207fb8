#!/bin/sh
# poste1: the simulated Internet's names (there is no DNS server in this lab).
set -eu
cat >> /etc/hosts <<'HOSTS'
203.0.113.20 fournisseur.example
203.0.113.21 jeux.example
203.0.113.22 video.example
203.0.113.23 paris.example
HOSTS
