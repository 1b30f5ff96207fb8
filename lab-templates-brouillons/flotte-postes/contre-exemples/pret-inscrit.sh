#!/bin/sh
# Counterexample (run on gestion after solution/inscrire.sh): the loan workstation enrolled like
# the three others, its key approved and the workstation bootstrapped.
set -eu
deploy() {
    h=$1; shift
    sshpass -p '{{mdp_deploiement}}' ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "deploiement@$h" sudo "$@"
}
deploy 192.168.96.41 cat /var/lib/cfengine3/ppkeys/localhost.pub > /root/cles-postes/pret-pc1.pub
cf-key -t 192.168.96.41:/root/cles-postes/pret-pc1.pub
deploy 192.168.96.41 cf-agent --bootstrap 192.168.96.10
