#!/bin/sh
# Every workstation, enrolled or not: the fleet's names, APT pointed at the company's depot on
# gestion only (the labs have no Internet), the support team's local account `support` (no
# password: the team logs in with its keys, once the policy makes it an administrator), and the
# deployment account the system team reaches the workstations with from gestion. And the
# workstation's own CFEngine key pair: the platform restores lab machines from a snapshot of the
# image's first boot, so the pair that boot made is every clone's (seen in the first proof: four
# workstations, one key); made again here, after the platform reseeded the clone's entropy.
set -eu
rm -f /var/lib/cfengine3/ppkeys/localhost.priv /var/lib/cfengine3/ppkeys/localhost.pub
cf-key >/dev/null
cat >> /etc/hosts <<'HOSTS'
192.168.96.10 gestion.arvor.lan gestion
HOSTS
rm -f /etc/apt/sources.list /etc/apt/sources.list.d/*
echo 'deb [trusted=yes] http://192.168.96.10/depot ./' > /etc/apt/sources.list.d/arvor.list
# the depot's package lists, as a workstation in service has them (gestion may still be booting)
t=$(($(date +%s) + 180))
until apt-get update -q >/dev/null 2>&1 && apt-cache show htop >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$t" ] || { echo "the depot http://192.168.96.10/depot/ did not answer in 180 s" >&2; exit 1; }
    sleep 5
done
useradd -m -s /bin/bash -c 'Support informatique' support
useradd -m -s /bin/bash -c 'Déploiement (équipe système)' deploiement
echo 'deploiement:{{mdp_deploiement}}' | chpasswd
echo 'deploiement ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/deploiement
chmod 0440 /etc/sudoers.d/deploiement
