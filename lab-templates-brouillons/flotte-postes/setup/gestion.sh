#!/bin/sh
# gestion: the fleet's names. CFEngine stays as the image leaves it, installed and not
# initialised (the trainee bootstraps it); the company's depot is already served at /depot/.
# Its own CFEngine key pair, made again (see poste.sh: restored clones share the snapshot's).
set -eu
rm -f /var/lib/cfengine3/ppkeys/localhost.priv /var/lib/cfengine3/ppkeys/localhost.pub
cf-key >/dev/null
cat >> /etc/hosts <<'HOSTS'
192.168.96.10 gestion.arvor.lan gestion
192.168.96.21 compta-pc1.arvor.lan compta-pc1
192.168.96.22 compta-pc2.arvor.lan compta-pc2
192.168.96.31 accueil-pc1.arvor.lan accueil-pc1
192.168.96.41 pret-pc1.arvor.lan pret-pc1
HOSTS
