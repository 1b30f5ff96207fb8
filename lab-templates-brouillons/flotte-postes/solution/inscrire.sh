#!/bin/sh
# Solution (run on gestion): the hub trusts no new key but its own, bootstraps on itself, then
# for each of the three workstations approves the key read on the workstation (over SSH with the
# deployment account) and bootstraps the workstation. pret-pc1 is left alone.
set -eu
# serverd_restart: cf-serverd started again, and listening (it reads the policy first)
serverd_restart() {
    systemctl restart cf-serverd
    t=$(($(date +%s) + 90))
    until ss -ltn | grep -q ':5308 '; do [ "$(date +%s)" -lt "$t" ] || { echo "cf-serverd does not listen after 90 s" >&2; exit 1; }; sleep 1; done
}
m=/var/lib/cfengine3/masterfiles
cat > "$m/def.json" <<'JSON'
{
  "vars": {
    "trustkeysfrom": [ "127.0.0.1" ]
  }
}
JSON
cf-agent --bootstrap 192.168.96.10
serverd_restart
# deploy HOST COMMAND…: runs a command on a workstation as root
deploy() {
    h=$1; shift
    sshpass -p '{{mdp_deploiement}}' ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "deploiement@$h" sudo "$@"
}
mkdir -p /root/cles-postes
for poste in compta-pc1:21 compta-pc2:22 accueil-pc1:31; do
    nom=${poste%%:*}; ip=192.168.96.${poste#*:}
    deploy "$ip" cat /var/lib/cfengine3/ppkeys/localhost.pub > "/root/cles-postes/$nom.pub"
    cf-key -p "/root/cles-postes/$nom.pub"
    cf-key -t "$ip:/root/cles-postes/$nom.pub"
    deploy "$ip" cf-agent --bootstrap 192.168.96.10
done
