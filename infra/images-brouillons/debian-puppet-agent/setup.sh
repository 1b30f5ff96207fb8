# debian-puppet-agent setup, run inside the chroot (bash -euo pipefail) after packages and files.
# Leaves an agent that has never run: no daemon, no key, no certificate request.

# The agent daemon stays off (Debian's default, made explicit): runs are `puppet agent -t`
# (one run, verbose) until the lab's setup or the trainee enables puppet.service (every 30 min,
# runinterval) once the workstation is enrolled.
systemctl disable puppet.service
if systemctl -q is-enabled puppet.service; then echo "puppet.service enabled" >&2; exit 1; fi

[ "$(puppet config print server --section agent)" = puppet.arvor.lan ]
# The ssldir holds this machine's private key and certificate once it has run: it must be empty
# in the image, or every workstation made from it would share one identity (and one name, if
# certname had been computed here from the chroot's host name). `puppet config print` above may
# have created its empty directories; anything else is an error.
ssl=/var/lib/puppet/ssl
[ -d "$ssl" ]
if [ -n "$(find "$ssl" -mindepth 1 ! -type d -print -quit)" ]; then
    echo "files left in $ssl:" >&2; find "$ssl" -mindepth 1 ! -type d >&2; exit 1
fi
find "$ssl" -mindepth 1 -delete
# Nor any state of an agent run (last run summary, catalog cache).
[ -z "$(ls -A /var/cache/puppet/state)" ]
