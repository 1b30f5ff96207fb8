# debian-cfengine setup, run inside the chroot (bash -euo pipefail) after packages and files.
# Leaves CFEngine installed, not bootstrapped, with no key pair (made at first boot).

w=/var/lib/cfengine3

# cfengine3's postinst ran cf-key here (it does when ppkeys/localhost.priv is missing): that pair
# would be the identity of every machine made from this image, hub and clients alike. Removed,
# with the random seed cf-key leaves, and remade at first boot by atelier-cfengine-key.service.
[ -f "$w/ppkeys/localhost.priv" ] || echo "note: postinst made no key pair" >&2
rm -f "$w"/ppkeys/localhost.priv "$w"/ppkeys/localhost.pub "$w/randseed"
[ -z "$(ls -A "$w/ppkeys")" ] || { echo "unexpected keys in $w/ppkeys:" >&2; ls -la "$w/ppkeys" >&2; exit 1; }
chmod 0700 "$w/ppkeys"
systemctl enable atelier-cfengine-key.service

# Not bootstrapped: no policy hub recorded, no policy copied to inputs/ (the bootstrap must see
# the machine's real addresses, at first boot or later, never the build host's).
[ ! -e "$w/policy_server.dat" ]
[ ! -e "$w/inputs/promises.cf" ]
# The MPF is in masterfiles/ for a hub to serve (postinst copies /usr/share/cfengine3/masterfiles).
[ -f "$w/masterfiles/promises.cf" ]
[ -f "$w/masterfiles/update.cf" ]
# Its daemons stay enabled as the package leaves them; their units start nothing before a
# bootstrap (ConditionPathExists inputs/promises.cf); the Enterprise-only units (cf-hub,
# cf-postgres, cf-apache, cf-reactor, cf-runalerts) never start: their programs are absent.
systemctl -q is-enabled cf-execd.service
command -v python3 >/dev/null
